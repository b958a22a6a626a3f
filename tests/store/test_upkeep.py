"""``Store.check``, ``backup`` and ``restore`` and ``eventwire store`` on a store of the sample
articles: a whole store passes, each kind of damage is found, a backup restores equal."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from eventwire.cli import main
from eventwire.ingest import ingest
from eventwire.stages.read import read_inputs
from eventwire.store import Store, restore_file
from tests.conftest import EXAMPLES, SAMPLE_ARTICLES


@pytest.fixture(scope="module")
def stored(tmp_path_factory, pipeline):
    db = tmp_path_factory.mktemp("upkeep") / "samples.duckdb"
    with Store(db) as store:
        ingest(read_inputs([str(EXAMPLES)]), store, pipeline)
    return db


@pytest.fixture
def copy(stored, tmp_path):
    db = tmp_path / "copy.duckdb"
    shutil.copy(stored, db)
    return db


def test_a_store_written_by_ingest_is_whole(stored):
    with Store(stored, read_only=True) as store:
        report = store.check()
    assert report["findings"] == {}
    assert report["counts"]["articles"] == SAMPLE_ARTICLES and report["counts"]["stories"] == 5


DAMAGE = {
    "articles in a story that is not stored": "DELETE FROM stories WHERE id = "
    "(SELECT min(story) FROM articles)",
    "events of no stored article": "INSERT INTO events (id, article_id) VALUES ('e', 'gone')",
    "time expressions stored twice": "INSERT INTO time_expressions SELECT * FROM "
    "time_expressions LIMIT 1",
    "merged events whose mention or article count is not their events'": "UPDATE "
    "canonical_events SET num_mentions = num_mentions + 1 WHERE id = (SELECT min(id) FROM "
    "canonical_events)",
    "stories whose article count or list is not their articles'": "UPDATE stories SET "
    "articles = articles + 1 WHERE id = (SELECT min(id) FROM stories)",
    "articles in no story": "UPDATE articles SET story = NULL WHERE id = "
    "(SELECT min(id) FROM articles)",
}


@pytest.mark.parametrize("what", DAMAGE)
def test_check_names_each_kind_of_damage(copy, what, capsys):
    with duckdb.connect(str(copy)) as connection:
        connection.execute(DAMAGE[what])
    with Store(copy, read_only=True) as store:
        findings = store.check()["findings"]
    assert what in findings and findings[what] >= 1
    assert main(["store", "check", "--db", str(copy)]) == 1
    assert f"WRONG: {findings[what]} {what}" in capsys.readouterr().out


def test_backup_restores_every_table_and_the_story_linker(stored, tmp_path, capsys):
    folder, restored = tmp_path / "backup", tmp_path / "restored.duckdb"
    assert main(["store", "backup", str(folder), "--db", str(stored)]) == 0
    assert main(["store", "restore", str(folder), "--db", str(restored)]) == 0
    with Store(stored, read_only=True) as a, Store(restored, read_only=True) as b:
        assert a.check() == b.check()
        for table in ("articles", "events", "canonical_events", "stories", "quotes"):
            assert sorted(map(repr, a.connection.execute(f"FROM {table}").fetchall())) == sorted(
                map(repr, b.connection.execute(f"FROM {table}").fetchall())
            )
        linker = b.load_linker()
    assert linker is not None and len(linker.clusterer.assignments) == SAMPLE_ARTICLES
    # never over an existing backup or store
    assert main(["store", "backup", str(folder), "--db", str(stored)]) == 2
    assert main(["store", "restore", str(folder), "--db", str(restored)]) == 2
    assert "restore into a new file" in capsys.readouterr().err


def test_restore_refuses_a_folder_that_holds_no_backup(tmp_path):
    with pytest.raises(FileNotFoundError, match="holds no backup"):
        restore_file(tmp_path, tmp_path / "new.duckdb")
