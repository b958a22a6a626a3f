"""The live feed: a watched folder and an appended JSON Lines file go into the store once each,
across restarts; forgotten stories keep memory bounded."""

from __future__ import annotations

import json
import shutil

import duckdb

from eventwire.cli import main
from eventwire.merge import StoryLinker
from tests.conftest import EXAMPLES


def _articles(db) -> int:
    with duckdb.connect(str(db), read_only=True) as connection:
        return connection.execute("SELECT count(*) FROM articles").fetchone()[0]


def test_a_watched_folder_is_coded_once_and_new_files_are_picked_up(tmp_path, capsys):
    folder, db = tmp_path / "in", tmp_path / "w.duckdb"
    folder.mkdir()
    for name in ("05-border-wire07.txt", "06-border-eurasiatimes.html"):
        shutil.copy(EXAMPLES / name, folder / name)
    assert main(["watch", str(folder), "--db", str(db), "--once"]) == 0
    assert _articles(db) == 2
    assert main(["watch", str(folder), "--db", str(db), "--once"]) == 0  # a restart: nothing new
    assert "0 articles coded" in capsys.readouterr().err
    shutil.copy(EXAMPLES / "07-border-morningpost.txt", folder / "07-border-morningpost.txt")
    assert main(["watch", str(folder), "--db", str(db), "--once"]) == 0
    assert _articles(db) == 3
    with duckdb.connect(str(db), read_only=True) as connection:
        stories = connection.execute("SELECT count(DISTINCT story) FROM articles").fetchone()[0]
        merged = connection.execute("SELECT max(num_articles) FROM canonical_events").fetchone()[0]
    assert stories >= 1 and merged >= 2


def test_a_feed_is_read_line_by_line_and_a_half_written_line_waits(tmp_path):
    feed, db = tmp_path / "feed.jsonl", tmp_path / "f.duckdb"
    records = [
        json.loads(line) for line in (EXAMPLES / "09-sanctions-feed.jsonl").read_text().splitlines()
    ]
    feed.write_text("".join(json.dumps(r) + "\n" for r in records[:2]), encoding="utf-8")
    assert main(["watch", "--feed", str(feed), "--db", str(db), "--once"]) == 0
    assert _articles(db) == 2
    last = json.dumps(records[2])
    with open(feed, "a", encoding="utf-8") as out:
        out.write(last[:40])  # the writer is halfway through a line
    assert main(["watch", "--feed", str(feed), "--db", str(db), "--once"]) == 0
    assert _articles(db) == 2
    with open(feed, "a", encoding="utf-8") as out:
        out.write(last[40:] + "\n" + "{not json\n")
    assert (
        main(["watch", "--feed", str(feed), "--db", str(db), "--once"]) == 1
    )  # the bad line is reported
    assert _articles(db) == 3
    with duckdb.connect(str(db), read_only=True) as connection:
        bad = connection.execute(
            "SELECT origin FROM problems WHERE code = 'malformed_record'"
        ).fetchall()
    assert bad == [(f"{feed}:4",)]


def test_idle_stories_are_forgotten_so_memory_stays_bounded(pipeline):
    from dataclasses import replace

    linker = StoryLinker()
    results = [
        pipeline.extract(article)
        for _, article, _ in __import__("tests.conftest").conftest.sample_cases()
    ]
    for number in range(3):
        for result in results:
            copy = replace(
                result, article=replace(result.article, id=f"{result.article.id}-{number}")
            )
            linker.link(copy)
            linker.prune(idle_articles=5)
            assert len(linker.clusterer.clusters) <= 6
            assert len(linker.clusterer.assignments) <= 6 * 17
    assert all(story in linker.clusterer.clusters for story in linker.merger.by_story)


def test_the_live_feed_lists_files_without_the_dask_runner():
    import subprocess
    import sys

    code = "import sys, eventwire.watch; print('eventwire.batch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_watcher_that_shares_the_store_waits_for_the_other_writers_lock(tmp_path, pipeline):
    import threading

    from eventwire.store import Store
    from eventwire.watch import Watcher

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLES / "05-border-wire07.txt", folder / "05-border-wire07.txt")
    lock = threading.Lock()
    with Store(tmp_path / "shared.duckdb") as store:
        watcher = Watcher(store.cursor(), pipeline, lock=lock)
        done: list[dict] = []
        with lock:  # another writer of the process (the API's POST /ingest) is writing
            thread = threading.Thread(target=lambda: done.append(watcher.cycle(folder)))
            thread.start()
            thread.join(3.0)
            assert not done and store.count("articles") == 0
        thread.join(120)
        assert done[0]["articles"] == 1 and store.count("articles") == 1


def test_the_servers_feed_runs_in_the_background_until_stopped(tmp_path, pipeline):
    import threading
    import time

    from eventwire.store import Store
    from eventwire.watch import follow

    feed = tmp_path / "wire.jsonl"
    feed.write_text((EXAMPLES / "09-sanctions-feed.jsonl").read_text(encoding="utf-8"))
    with Store(tmp_path / "served.duckdb") as store:
        following = follow(store.cursor(), pipeline, None, feed, 0.2, lock=threading.Lock())
        deadline = time.monotonic() + 120
        while store.count("articles") < 3:
            assert time.monotonic() < deadline and following.thread.is_alive()
            time.sleep(0.2)
        following.stop()
        assert not following.thread.is_alive() and store.count("articles") == 3


def test_a_watcher_taking_turns_codes_a_backlog_a_few_at_a_time(tmp_path, pipeline):
    import threading

    from eventwire.store import Store
    from eventwire.watch import Watcher

    feed = tmp_path / "wire.jsonl"
    feed.write_text((EXAMPLES / "09-sanctions-feed.jsonl").read_text(encoding="utf-8"))
    with Store(tmp_path / "turns.duckdb") as store:
        watcher = Watcher(store, pipeline, lock=threading.Lock(), most=2)
        assert watcher.cycle(feed=feed)["articles"] == 2 and watcher.behind
        assert watcher.cycle(feed=feed)["articles"] == 1 and not watcher.behind
        assert watcher.cycle(feed=feed)["articles"] == 0 and store.count("articles") == 3


def test_a_watchers_cycles_add_up_in_one_run(tmp_path, pipeline):
    import threading
    import time

    from eventwire.store import Store
    from eventwire.watch import Watcher

    feed = tmp_path / "wire.jsonl"
    feed.write_text((EXAMPLES / "09-sanctions-feed.jsonl").read_text(encoding="utf-8"))
    with Store(tmp_path / "runs.duckdb") as store:
        watcher = Watcher(store, pipeline, lock=threading.Lock(), most=2)
        assert watcher.cycle(feed=feed)["articles"] == 2
        time.sleep(1.1)  # run ids told apart by the second once named each cycle's
        assert watcher.cycle(feed=feed)["articles"] == 1
        runs = store.connection.execute("SELECT articles FROM runs").fetchall()
    assert runs == [(3,)]


def test_a_watched_folder_that_holds_the_store_does_not_read_the_stores_files(tmp_path, capsys):
    db = tmp_path / "here.duckdb"
    shutil.copy(EXAMPLES / "05-border-wire07.txt", tmp_path / "05-border-wire07.txt")
    for _ in range(2):  # the store's file and log change with every look
        assert main(["watch", str(tmp_path), "--db", str(db), "--once"]) == 0
    assert _articles(db) == 1 and "0 inputs failed" in capsys.readouterr().err


def test_what_a_watched_folder_cannot_read_is_reported_once(tmp_path, capsys):
    """A PDF, a link leading nowhere and a link looping back are each reported once, named by
    path, however many times the folder is looked at; the articles beside them are coded."""
    folder, db = tmp_path / "in", tmp_path / "w.duckdb"
    folder.mkdir()
    shutil.copy(EXAMPLES / "05-border-wire07.txt", folder / "05-border-wire07.txt")
    (folder / "report.pdf").write_bytes(b"%PDF-1.7\n\x00\x01\x02binary")
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (folder / "loop").symlink_to(folder)
    for _ in range(2):
        main(["watch", str(folder), "--db", str(db), "--once"])
    with duckdb.connect(str(db), read_only=True) as connection:
        problems = connection.execute(
            "SELECT code, origin FROM problems WHERE article_id IS NULL ORDER BY origin"
        ).fetchall()
    assert _articles(db) == 1
    named = {origin.rsplit("/", 1)[-1]: code for code, origin in problems}
    assert len(problems) == len(named) == 3, problems
    assert named["report.pdf"] == "skipped" and named["gone.txt"] == "bad_link"
    assert named["loop"] == "bad_link"
