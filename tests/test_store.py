from __future__ import annotations

import datetime as dt

import duckdb

from eventwire.cli import main
from eventwire.model import Article
from eventwire.store import Store
from tests.conftest import EXAMPLES


def test_demo_writes_events_to_a_duckdb_file(tmp_path, capsys):
    db = tmp_path / "demo.duckdb"
    status = main(["demo", "--db", str(db)])
    out = capsys.readouterr().out
    assert status == 0 and "events written to" in out
    with duckdb.connect(str(db), read_only=True) as connection:
        articles = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
        events = connection.execute("SELECT count(*) FROM events").fetchone()[0]
        types = {row[0] for row in connection.execute("SELECT DISTINCT type FROM events").fetchall()}
    assert articles == len([p for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".html")]) + 3
    assert events > 20 and {"CONSULT", "THREATEN"} <= types


def test_store_write_is_idempotent_by_article_id(tmp_path, pipeline):
    article = Article(id="a1", text="Russia denied the accusations.", date=dt.date(2022, 1, 1), origin="a")
    result = pipeline.extract(article)
    with Store(tmp_path / "x.duckdb") as store:
        store.write([result], run_id="r1")
        store.write([result], run_id="r2")
        assert store.count("articles") == 1 and store.count("events") == len(result.events)
        updated = pipeline.extract(Article(id="a1", text="Russia denied the accusations. Iran accused Israel.",
                                           date=dt.date(2022, 1, 1), origin="a"))
        store.write([updated], run_id="r3")
        assert store.count("articles") == 1 and store.count("events") == len(updated.events) == 2
