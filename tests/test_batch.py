"""Batch runs on a local Dask cluster: the same results as one process, resumable, and every
article exactly once when a worker is killed mid-run."""

from __future__ import annotations

import json
import os
import signal
import threading
import time

from eventwire.batch import plan, read_parts, run
from eventwire.cli import main
from tests.conftest import EXAMPLES, SAMPLE_ARTICLES


def _single_process(capsys) -> dict:
    capsys.readouterr()
    assert main(["extract", str(EXAMPLES), "--format", "jsonl", "--no-stories"]) == 0
    return {
        record["id"]: record for record in map(json.loads, capsys.readouterr().out.splitlines())
    }


def test_plan_cuts_files_and_json_lines_into_stable_chunks():
    chunks = plan([str(EXAMPLES)], chunk_files=4, chunk_lines=2)
    again = plan([str(EXAMPLES)], chunk_files=4, chunk_lines=2)
    assert [c.id for c in chunks] == [c.id for c in again] and len({c.id for c in chunks}) == len(
        chunks
    )
    slices = [c for c in chunks if c.is_slice]
    assert [(c.first_line, c.last_line) for c in slices] == [(0, 2), (2, 3)]
    assert sum(len(c.files) for c in chunks if not c.is_slice) == 15


def test_two_workers_give_the_same_results_as_one_process_and_a_rerun_skips_everything(
    tmp_path, capsys
):
    expected = _single_process(capsys)
    totals = run(
        [str(EXAMPLES)],
        str(tmp_path),
        "jsonl",
        local=2,
        progress=False,
        chunk_files=3,
        chunk_lines=1,
    )
    assert (
        totals["articles"] == SAMPLE_ARTICLES and totals["skipped"] == 0 and totals["chunks"] == 8
    )
    got = {record["id"]: record for record in read_parts(str(tmp_path))}
    assert got == expected
    again = run(
        [str(EXAMPLES)],
        str(tmp_path),
        "jsonl",
        local=1,
        progress=False,
        chunk_files=3,
        chunk_lines=1,
    )
    assert again["skipped"] == again["chunks"] == 8 and again["articles"] == SAMPLE_ARTICLES
    assert {record["id"]: record for record in read_parts(str(tmp_path))} == expected


def test_parquet_parts_are_partitioned_by_event_date(tmp_path):
    import duckdb

    totals = run(
        [str(EXAMPLES / "05-border-wire07.txt"), str(EXAMPLES / "06-border-eurasiatimes.html")],
        str(tmp_path),
        "parquet",
        local=1,
        progress=False,
        date=None,
    )
    days = {p.name for p in (tmp_path / "events").iterdir()}
    assert "day=2022-09-13" in days
    with duckdb.connect() as connection:
        count = connection.execute(
            f"SELECT count(*) FROM read_parquet('{tmp_path}/events/*/*.parquet', "
            "hive_partitioning = true)"
        ).fetchone()[0]
    assert count == totals["events"] > 0


def test_a_worker_killed_mid_run_loses_and_duplicates_no_article(tmp_path):
    from dask.distributed import Client, LocalCluster

    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", memory_limit=0
    )
    client = Client(cluster)
    pids = list(client.run(os.getpid).values())
    client.close()
    killed = []

    def kill_one_after_the_first_part():
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if list(tmp_path.glob("part-*.jsonl")):
                os.kill(pids[0], signal.SIGKILL)
                killed.append(pids[0])
                return
            time.sleep(0.05)

    killer = threading.Thread(target=kill_one_after_the_first_part)
    killer.start()
    try:
        totals = run(
            [str(EXAMPLES)],
            str(tmp_path),
            "jsonl",
            scheduler=cluster.scheduler_address,
            progress=False,
            chunk_files=1,
            chunk_lines=1,
        )
    finally:
        killer.join()
        cluster.close()
    assert killed, "no worker was killed"
    ids = [record["id"] for record in read_parts(str(tmp_path))]
    assert totals["articles"] == SAMPLE_ARTICLES == len(ids) == len(set(ids))


def test_parquet_parts_load_into_the_store_with_a_run_record(tmp_path, sample_event_count):
    import duckdb

    db = tmp_path / "b.duckdb"
    argv = ["batch", str(EXAMPLES), "--local", "1", "--format", "parquet"]
    argv += ["--output", str(tmp_path / "out"), "--db", str(db), "--quiet"]
    assert main(argv) == 0
    with duckdb.connect(str(db), read_only=True) as connection:
        first = {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("quotes", "time_expressions", "problems", "canonical_events")
        }
    # loading again changes nothing: the articles are stored from the same text already
    assert main(argv) == 0
    with duckdb.connect(str(db), read_only=True) as connection:
        again = {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in first
        }
        articles = connection.execute(
            "SELECT count(*), count(DISTINCT id) FROM articles"
        ).fetchone()
        events = connection.execute("SELECT count(*), count(DISTINCT id) FROM events").fetchone()
        runs = connection.execute(
            "SELECT list(articles ORDER BY articles) FROM runs WHERE id LIKE 'batch-%'"
        ).fetchone()[0]
        contradictions = connection.execute(
            "SELECT count(*) FROM problems WHERE code = 'contradiction'"
        ).fetchone()[0]
        linked = connection.execute(
            "SELECT count(*), count(DISTINCT story) FROM articles WHERE story IS NOT NULL"
        ).fetchone()
        stories = connection.execute("SELECT count(*), sum(articles) FROM stories").fetchone()
        merged = connection.execute(
            "SELECT count(*) FROM events WHERE canonical_id IS NULL"
        ).fetchone()[0]
        # the Geneva talks, reported by several outlets, are one merged event; loading twice
        # counts them once
        talks = connection.execute(
            "SELECT max(num_sources), max(num_mentions) FROM canonical_events"
        ).fetchone()
        reports = connection.execute(
            "SELECT count(*) FROM events WHERE canonical_id = (SELECT id FROM "
            "canonical_events ORDER BY num_mentions DESC, id LIMIT 1)"
        ).fetchone()[0]
    assert (
        articles == (SAMPLE_ARTICLES, SAMPLE_ARTICLES)
        and events[0] == events[1] == sample_event_count
    )
    # the first load stored the sample articles and the undated ones again, dated from their stories
    assert runs[0] == 0 and runs[1] > SAMPLE_ARTICLES
    # a batch-loaded store holds the quotes, time expressions and problems an ingest stores,
    # and a rerun keeps them, contradictions included
    assert first == again and first["quotes"] > 0 and first["time_expressions"] > 0
    assert contradictions > 0
    # the loaded articles are linked into the same stories an ingest gives (the samples' five)
    assert linked == (SAMPLE_ARTICLES, 5) and stories == (5, SAMPLE_ARTICLES) and merged == 0
    assert talks[0] >= 3 and talks[1] == reports


def test_bad_inputs_become_problem_lines_and_never_fail_the_run(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "feed.jsonl").write_text(
        '{"text": "Iran accused Israel of sabotage."}\n{broken\n', encoding="utf-8"
    )
    status = main(
        ["batch", str(folder), "--local", "1", "--output", str(tmp_path / "out"), "--quiet"]
    )
    assert status == 1 and "1 articles coded, 3 inputs failed" in capsys.readouterr().err
    records = list(read_parts(str(tmp_path / "out")))
    codes = sorted(p["code"] for r in records if r["id"] is None for p in r["problems"])
    assert codes == ["binary", "empty", "malformed_record"]
    assert [e["type"] for r in records if r["id"] for e in r["events"]] == ["ACCUSE"]


def test_a_batch_loaded_store_dates_and_checks_articles_as_ingest_does(tmp_path):
    import duckdb

    from eventwire.ingest import ingest
    from eventwire.pipeline import Pipeline
    from eventwire.stages.read import read_inputs
    from eventwire.store import Store

    batch_db, ingest_db = tmp_path / "b.duckdb", tmp_path / "i.duckdb"
    argv = ["batch", str(EXAMPLES), "--local", "1", "--format", "parquet"]
    assert main([*argv, "--output", str(tmp_path / "out"), "--db", str(batch_db), "--quiet"]) == 0
    with Store(ingest_db) as store:
        ingest(read_inputs([str(EXAMPLES)]), store, Pipeline())
    counts = []
    for db in (batch_db, ingest_db):
        with duckdb.connect(str(db), read_only=True) as connection:
            counts.append(
                connection.execute(
                    "SELECT (SELECT count(*) FROM time_expressions), "
                    "(SELECT count(*) FROM canonical_events), "
                    "(SELECT count(*) FROM problems WHERE code = 'date_from_story'), "
                    "(SELECT list(date_source ORDER BY id) FROM articles), "
                    "(SELECT list(code ORDER BY code) FROM problems), "
                    "(SELECT count(*) FROM quotes), (SELECT count(*) FROM mentions), "
                    "(SELECT count(*) FROM places)"
                ).fetchone()
            )
    assert counts[0] == counts[1] and counts[0][2] > 0 and counts[0][6] > 0
    assert "contradiction" in counts[0][4]
