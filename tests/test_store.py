from __future__ import annotations

import datetime as dt
import logging
import pickle

import duckdb
import pytest

from eventwire.cli import main
from eventwire.model import Article
from eventwire.store import LINKER_FORMAT, MIGRATIONS, SCHEMA_VERSION, TABLES, Store
from tests.conftest import EXAMPLES


def test_demo_writes_events_to_a_duckdb_file(tmp_path, capsys):
    db = tmp_path / "demo.duckdb"
    status = main(["demo", "--db", str(db)])
    out = capsys.readouterr().out
    assert (
        status == 0 and "in 5 stories" in out and "after merging across articles) written to" in out
    )
    with duckdb.connect(str(db), read_only=True) as connection:
        articles = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
        events = connection.execute("SELECT count(*) FROM events").fetchone()[0]
        types = {
            row[0] for row in connection.execute("SELECT DISTINCT type FROM events").fetchall()
        }
        stories = connection.execute("SELECT count(DISTINCT story) FROM articles").fetchone()[0]
        # every event points at a stored canonical event of its article's story
        orphans = connection.execute(
            "SELECT count(*) FROM events e JOIN articles a ON e.article_id = a.id "
            "LEFT JOIN canonical_events c ON c.id = e.canonical_id "
            "WHERE c.id IS NULL OR c.story <> a.story"
        ).fetchone()[0]
        corroborated = connection.execute(
            "SELECT max(num_sources) FROM canonical_events"
        ).fetchone()[0]
    assert articles == len([p for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".html")]) + 3
    assert events > 20 and {"CONSULT", "THREATEN"} <= types
    assert stories == 5 and orphans == 0 and corroborated >= 3


def test_store_write_is_idempotent_by_article_id(tmp_path, pipeline):
    article = Article(
        id="a1", text="Russia denied the accusations.", date=dt.date(2022, 1, 1), origin="a"
    )
    result = pipeline.extract(article)
    with Store(tmp_path / "x.duckdb") as store:
        store.write([result], run_id="r1")
        store.write([result], run_id="r2")
        assert store.count("articles") == 1 and store.count("events") == len(result.events)
        updated = pipeline.extract(
            Article(
                id="a1",
                text="Russia denied the accusations. Iran accused Israel.",
                date=dt.date(2022, 1, 1),
                origin="a",
            )
        )
        store.write([updated], run_id="r3")
        assert store.count("articles") == 1 and store.count("events") == len(updated.events) == 2


def test_store_keeps_quotes_and_who_reported_an_event(tmp_path, pipeline):
    text = (
        "Foreign Minister Dmytro Kuleba said that Russia had threatened Ukraine with a new "
        "invasion."
    )
    result = pipeline.extract(Article(id="q1", text=text, date=dt.date(2022, 1, 7), origin="q"))
    with Store(tmp_path / "q.duckdb") as store:
        store.write([result], run_id="r1")
        store.write([result], run_id="r2")
        assert store.count("quotes") == len(result.quotes) >= 1
        row = store.connection.execute(
            "SELECT cue, speaker_country, direct, content FROM quotes"
        ).fetchone()
        assert row[:3] == ("said", "UKR", False) and row[3].startswith("that Russia")
        reported = store.connection.execute(
            "SELECT reported_by_name, reported FROM events WHERE type = 'THREATEN'"
        ).fetchone()
        assert reported == ("Dmytro Kuleba", "paraphrase")


def test_store_keeps_whether_an_event_is_mutual(tmp_path, pipeline):
    text = "Armenia and Azerbaijan met in Washington on Friday. Armenia accused Azerbaijan."
    result = pipeline.extract(Article(id="m1", text=text, date=dt.date(2025, 8, 9), origin="m"))
    with Store(tmp_path / "m.duckdb") as store:
        store.write([result], run_id="r1")
        rows = store.connection.execute("SELECT type, mutual FROM events ORDER BY type").fetchall()
    assert rows == [("ACCUSE", False), ("CONSULT", True)]


def test_store_opens_a_schema_1_file_and_adds_the_new_columns(tmp_path, pipeline):
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as connection:  # the events table as schema 1 wrote it
        connection.execute(
            "CREATE TABLE events (id VARCHAR PRIMARY KEY, article_id VARCHAR, type VARCHAR, "
            "mode VARCHAR, source_text VARCHAR, source_name VARCHAR, source_country VARCHAR, "
            "source_sector VARCHAR, source_start INTEGER, source_end INTEGER, target_text VARCHAR, "
            "target_name VARCHAR, target_country VARCHAR, target_sector VARCHAR, "
            "target_start INTEGER, target_end INTEGER, trigger_start INTEGER, trigger_end INTEGER, "
            "sentence_start INTEGER, sentence_end INTEGER, date DATE, date_granularity VARCHAR, "
            "date_method VARCHAR, location_name VARCHAR, location_country VARCHAR, "
            "negated BOOLEAN, hypothetical BOOLEAN, future BOOLEAN, cameo VARCHAR, "
            "quad_class INTEGER, intensity DOUBLE, confidence DOUBLE, rule VARCHAR, "
            "data_version VARCHAR)"
        )
        connection.execute(
            "CREATE TABLE articles (id VARCHAR PRIMARY KEY, title VARCHAR, date DATE, "
            "date_source VARCHAR, outlet VARCHAR, url VARCHAR, origin VARCHAR, text VARCHAR, "
            "run_id VARCHAR, data_version VARCHAR)"
        )
    result = pipeline.extract(
        Article(
            id="o1", text="Iran accused Israel of sabotage.", date=dt.date(2022, 1, 1), origin="o"
        )
    )
    with Store(path) as store:
        store.write([result], run_id="r1")
        assert store.count("events") == 1
        assert store.connection.execute(
            "SELECT value FROM meta WHERE key = 'schema_version'"
        ).fetchone() == (str(SCHEMA_VERSION),)
        assert store.connection.execute("SELECT story FROM articles").fetchone() == (None,)


def _schema_3_file(path) -> None:
    """A store as eventwire wrote it at schema 3: its tables up to then, its version in meta,
    a story linker saved without a format."""
    with duckdb.connect(str(path)) as connection:
        for version in (1, 2, 3):
            connection.execute(MIGRATIONS[version])
        connection.execute("INSERT INTO meta VALUES ('schema_version', '3')")
        connection.execute(
            "CREATE TABLE linker_state (id INTEGER PRIMARY KEY, state BLOB, saved TIMESTAMP)"
        )
        connection.execute(
            "INSERT INTO linker_state VALUES (1, ?, ?)",
            [pickle.dumps({"old": 1}), dt.datetime.now()],
        )


def test_an_old_store_is_migrated_once_by_version(tmp_path, caplog):
    path = tmp_path / "v3.duckdb"
    _schema_3_file(path)
    with caplog.at_level(logging.INFO, logger="eventwire.store"), Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert "upgraded to schema 4" in caplog.text
        assert store.migrate() == []  # each step runs once
        columns = [row[0] for row in store.connection.execute("DESCRIBE linker_state").fetchall()]
    assert columns == ["id", "state", "saved", "format"]
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION


def test_a_new_store_runs_every_migration_and_has_every_table(tmp_path):
    with Store(tmp_path / "new.duckdb") as store:
        assert store.schema_version() == SCHEMA_VERSION == max(MIGRATIONS)
        counts = {table: store.count(table) for table in TABLES}
    assert counts.pop("meta") == 1 and set(counts.values()) == {0}


def test_a_linker_saved_in_another_format_is_refused_loudly(tmp_path, caplog):
    from eventwire.merge import StoryLinker

    with Store(tmp_path / "l.duckdb") as store:
        store.save_linker(StoryLinker())
        assert isinstance(store.load_linker(), StoryLinker)
        store.connection.execute("UPDATE linker_state SET format = ?", [LINKER_FORMAT + 1])
        with caplog.at_level(logging.WARNING, logger="eventwire.store"):
            assert store.load_linker() is None
        (problem,) = store.problems(code="stories_restarted")
    assert "saved story linker is ignored" in caplog.text
    assert f"format {LINKER_FORMAT + 1}" in problem["message"]


def test_a_linker_that_cannot_be_unpickled_is_refused_loudly(tmp_path, caplog):
    with Store(tmp_path / "u.duckdb") as store:
        store.connection.execute(
            "INSERT INTO linker_state VALUES (1, ?, ?, ?)",
            [b"\x80\x05not a pickle", dt.datetime.now(), LINKER_FORMAT],
        )
        with caplog.at_level(logging.WARNING, logger="eventwire.store"):
            assert store.load_linker() is None
        assert [p["code"] for p in store.problems()] == ["stories_restarted"]
    assert "cannot be read" in caplog.text


def test_a_store_takes_duckdb_memory_and_threads_from_the_settings(tmp_path):
    from eventwire.settings import Settings

    settings = Settings(db_memory_limit="300MB", db_threads=1)
    path = tmp_path / "s.duckdb"
    with Store(path, settings=settings) as store:
        asked = "SELECT current_setting('memory_limit'), current_setting('threads')"
        memory, threads = store.connection.execute(asked).fetchone()
    assert memory in ("286.1 MiB", "300.0 MB") and threads == 1
    with Store(path, read_only=True, settings=settings) as store:
        assert store.connection.execute(asked).fetchone()[1] == 1


@pytest.mark.parametrize(
    "line", ['db_memory_limit = "lots"', "db_memory_limit = 1024", "db_threads = 0"]
)
def test_a_bad_duckdb_setting_is_refused_naming_it(tmp_path, line):
    from eventwire.errors import DataFileError
    from eventwire.settings import load_settings

    config = tmp_path / "config.toml"
    config.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=line.split()[0]):
        load_settings(config)


def test_a_reopened_store_moves_its_cursors_and_keeps_what_was_written(tmp_path):
    with Store(tmp_path / "r.duckdb") as store:
        twin = store.cursor()
        twin_of_twin = twin.cursor()
        store.set_meta("k", "before")
        old = twin.connection
        store.reopen()
        with pytest.raises(duckdb.ConnectionException):
            old.execute("SELECT 1")  # the old connections are closed
        assert twin.meta("k") == twin_of_twin.meta("k") == "before"
        twin.set_meta("k", "after")
        assert store.meta("k") == "after"


def test_a_reopened_store_gives_back_what_duckdb_kept_for_each_commit(tmp_path):
    """DuckDB keeps memory for every committed transaction until the file is closed; its own
    account of it (``duckdb_memory``) grows with commits and falls back when reopened."""
    with Store(tmp_path / "m.duckdb") as store:

        def kept() -> int:
            sql = "SELECT sum(memory_usage_bytes) FROM duckdb_memory()"
            return store.connection.execute(sql).fetchone()[0]

        first = kept()
        for number in range(300):
            store.set_meta("k", "x" * 2000 + str(number))
        grown = kept()
        store.reopen()
        assert grown > first and kept() < grown
