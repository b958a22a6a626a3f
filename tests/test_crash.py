"""kill -9 at chosen and at random moments, then a rerun: the store must equal an uninterrupted
run's (same articles, events, quotes, time expressions, problems, merged events and stories,
with the same counts), and ``Store.check`` must find nothing wrong.

The processes are the real CLI on the sample articles. They die by SIGKILL, sent from inside
at a named point (``eventwire.failpoints``: mid-coding, mid-link, mid-write, after the linker
is saved and before the commit) or from outside after a random delay. A few cases run in
``make test``; ``make stress`` (``EVENTWIRE_STRESS=1``) runs them all, at least 20 kills.
"""

from __future__ import annotations

import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import duckdb
import pytest

from eventwire.failpoints import VARIABLE
from eventwire.store import Store
from tests.conftest import SAMPLE_ARTICLES

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"
EVENTWIRE = [sys.executable, "-m", "eventwire"]
STRESS = os.environ.get("EVENTWIRE_STRESS") == "1"
# the tables compared, without the columns that name the run that wrote a row
COMPARED = ("articles", "events", "quotes", "time_expressions", "problems")
COMPARED += ("canonical_events", "stories")
NOT_COMPARED = {"run_id"}
INGEST = ["ingest", str(EXAMPLES), "--commit-every", "4", "--quiet"]


def snapshot(db: Path) -> dict[str, list[str]]:
    """Every row of the compared tables, in a stable order."""
    with duckdb.connect(str(db), read_only=True) as connection:
        tables = {}
        for table in COMPARED:
            columns = [
                row[0]
                for row in connection.execute(f"DESCRIBE {table}").fetchall()
                if row[0] not in NOT_COMPARED
            ]
            rows = connection.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
            tables[table] = sorted(repr(row) for row in rows)
    return tables


def run(args: list[str], db: Path, kill_at: str | None = None, **kwargs) -> subprocess.Popen:
    env = {key: value for key, value in os.environ.items() if key != VARIABLE}
    if kill_at:
        env[VARIABLE] = kill_at
    return subprocess.Popen(
        [*EVENTWIRE, *args, "--db", str(db)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


def finish(process: subprocess.Popen, timeout: float = 300) -> tuple[int, str]:
    _, err = process.communicate(timeout=timeout)
    return process.returncode, err


def assert_whole_and_equal(db: Path, reference: dict[str, list[str]]) -> None:
    with Store(db, read_only=True) as store:
        assert store.check()["findings"] == {}
    got = snapshot(db)
    for table in COMPARED:
        assert got[table] == reference[table], f"{table} differs from an uninterrupted run"


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory) -> tuple[dict[str, list[str]], float]:
    """The store one uninterrupted ingest of the samples gives, and how long it ran (s)."""
    db = tmp_path_factory.mktemp("reference") / "ref.duckdb"
    started = time.monotonic()
    code, err = finish(run(INGEST, db))
    assert code == 0, err
    return snapshot(db), time.monotonic() - started


@pytest.fixture(scope="module")
def reference(uninterrupted) -> dict[str, list[str]]:
    return uninterrupted[0]


# (point, the how-many-th time it is reached): mid-coding, mid-link, mid-write, and with
# everything written and the linker saved but not yet committed, early and late in the run
POINTS = [("write", 2), ("commit", 3)]
MORE_POINTS = [("code", 6), ("link", 17), ("code", 1), ("code", 12), ("link", 1), ("link", 9)]
MORE_POINTS += [("write", 1)]
MORE_POINTS += [("write", 4), ("commit", 1), ("commit", 5), ("code", 17), ("link", 4)]


@pytest.mark.slow
@pytest.mark.parametrize(
    "point,times", POINTS + (MORE_POINTS if STRESS else []), ids=lambda value: str(value)
)
def test_ingest_killed_at_a_point_then_rerun_equals_one_run(tmp_path, reference, point, times):
    db = tmp_path / "crash.duckdb"
    code, err = finish(run(INGEST, db, kill_at=f"{point}:{times}"))
    assert code == -signal.SIGKILL, f"the run was not killed at {point}:{times}: {err}"
    code, err = finish(run(INGEST, db))
    assert code == 0, err
    assert_whole_and_equal(db, reference)


@pytest.mark.slow
@pytest.mark.skipif(not STRESS, reason="make stress: kills at random moments")
@pytest.mark.parametrize("seed", range(8))
def test_ingest_killed_at_a_random_moment_then_rerun_equals_one_run(tmp_path, uninterrupted, seed):
    reference, seconds = uninterrupted
    # a moment inside the run, as long as an uninterrupted one took here: the model loads in
    # its first part, the samples are coded and committed in the rest. A run that ends before
    # its kill (the machine got faster) proves nothing: it is started again on a new store and
    # killed sooner, so every case counts a real kill
    delay = random.Random(seed).uniform(0.3, 0.85) * seconds
    for attempt in range(5):
        db = tmp_path / f"crash-{attempt}.duckdb"
        process = run(INGEST, db)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        code, err = finish(process)
        if code == -signal.SIGKILL:
            break
        delay *= 0.7
    assert code == -signal.SIGKILL, f"every run ended before its kill: {err}"
    code, err = finish(run(INGEST, db))
    assert code == 0, err
    assert_whole_and_equal(db, reference)


@pytest.mark.slow
def test_a_rerun_after_a_kill_and_a_forced_rerun_change_no_count(tmp_path, reference):
    """Re-ingesting unchanged articles, forced, twice: every count as one ingest gives."""
    db = tmp_path / "force.duckdb"
    for args in (INGEST, [*INGEST, "--force"], [*INGEST, "--force"]):
        code, err = finish(run(args, db))
        assert code == 0, err
    assert_whole_and_equal(db, reference)


def _feed(path: Path, change: str | None = None) -> None:
    """The samples as JSON Lines records with ids; ``change`` adds a sentence to one of them."""
    records = []
    for number, file in enumerate(sorted(EXAMPLES.glob("*.txt"))):
        text = file.read_text(encoding="utf-8")
        if change is not None and number == 0:
            text += f"\n\n{change}\n"
        records.append(json.dumps({"id": f"sample-{number}", "text": text}))
    path.write_text("\n".join(records) + "\n", encoding="utf-8")


@pytest.mark.slow
def test_a_changed_article_replaces_its_counts(tmp_path):
    """An article whose text changed is coded again: its old events leave their merged events,
    its story counts it once, and every count is what one ingest of the new text gives."""
    feed, db, once = tmp_path / "feed.jsonl", tmp_path / "changed.duckdb", tmp_path / "once.duckdb"
    _feed(feed)
    assert finish(run(["ingest", str(feed), "--quiet"], db))[0] == 0
    _feed(feed, change="Russia accused Ukraine of shelling the Zaporizhzhia plant on Sunday.")
    assert finish(run(["ingest", str(feed), "--quiet"], db))[0] == 0
    assert finish(run(["ingest", str(feed), "--quiet"], once))[0] == 0
    with Store(db, read_only=True) as store:
        report = store.check()
    assert report["findings"] == {}
    with Store(once, read_only=True) as store:
        expected = store.check()["counts"]
    assert {**report["counts"], "runs": 1} == expected
    with duckdb.connect(str(db), read_only=True) as connection:
        story_articles = connection.execute("SELECT sum(articles) FROM stories").fetchone()[0]
        mentions = connection.execute("SELECT sum(num_mentions) FROM canonical_events").fetchone()
    assert story_articles == report["counts"]["articles"]
    assert mentions[0] == report["counts"]["events"]


BATCH_POINTS = [("link-commit", 1)]
MORE_BATCH_POINTS = [("import", 1), ("loaded", 1), ("link", 3), ("link-write", 1)]


@pytest.mark.slow
@pytest.mark.parametrize(
    "point,times",
    BATCH_POINTS + (MORE_BATCH_POINTS if STRESS else []),
    ids=lambda value: str(value),
)
def test_batch_load_killed_then_rerun_is_whole(tmp_path, point, times, sample_event_count):
    """``batch --db`` killed while loading or linking its parts: the rerun loads what is
    missing and links it; the store is whole and holds every article once."""
    out = tmp_path / "out"
    args = ["batch", str(EXAMPLES), "--local", "1", "--format", "parquet", "--output", str(out)]
    args += ["--quiet"]
    db = tmp_path / "batch.duckdb"
    code, err = finish(run(args, db, kill_at=f"{point}:{times}"))
    assert code == -signal.SIGKILL, f"not killed at {point}:{times}: {err}"
    code, err = finish(run(args, db))
    assert code == 0, err
    with Store(db, read_only=True) as store:
        report = store.check()
    assert report["findings"] == {}
    assert report["counts"]["articles"] == SAMPLE_ARTICLES
    assert report["counts"]["events"] == sample_event_count
    assert report["counts"]["quotes"] > 0 and report["counts"]["time_expressions"] > 0


WATCH_POINTS = [("code", 9)]
MORE_WATCH_POINTS = [("commit", 1), ("write", 1), ("link", 3)]


@pytest.mark.slow
@pytest.mark.parametrize(
    "point,times",
    WATCH_POINTS + (MORE_WATCH_POINTS if STRESS else []),
    ids=lambda value: str(value),
)
def test_watch_killed_then_restarted_equals_one_cycle(tmp_path, point, times):
    """The live feed killed mid-cycle and started again codes what it had not stored, once."""
    feed = tmp_path / "feed.jsonl"
    _feed(feed)
    once, db = tmp_path / "once.duckdb", tmp_path / "watched.duckdb"
    args = ["watch", "--feed", str(feed), "--once"]
    assert finish(run(args, once))[0] == 0
    code, err = finish(run(args, db, kill_at=f"{point}:{times}"))
    assert code == -signal.SIGKILL, f"not killed at {point}:{times}: {err}"
    code, err = finish(run(args, db))
    assert code == 0, err
    assert_whole_and_equal(db, snapshot(once))


def _post(base: str, records: list[dict], token: str) -> int:
    request = urllib.request.Request(
        base + "/ingest",
        data=json.dumps({"articles": records}).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
    )
    try:
        with urllib.request.urlopen(request, timeout=300) as response:
            return response.status
    except (urllib.error.URLError, ConnectionError):
        return 0  # the server died under the request


def _serve_and_post(db: Path, tmp_path: Path, batches: list, kill_at: str | None = None) -> int:
    """Start ``eventwire serve`` on ``db`` (writes on), post the batches to ``/ingest`` in
    turn, and stop it; returns the server's exit status (-9 when it was killed)."""
    Store(db).close()  # a server serves a store that exists
    config = tmp_path / "config.toml"
    config.write_text('api_token = "crash-test"\n', encoding="utf-8")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    env = {key: value for key, value in os.environ.items() if key != VARIABLE}
    env["EVENTWIRE_CONFIG"] = str(config)
    if kill_at:
        env[VARIABLE] = kill_at
    process = subprocess.Popen(
        [*EVENTWIRE, "serve", "--db", str(db), "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while True:
        try:
            urllib.request.urlopen(base + "/health", timeout=5).close()
            break
        except OSError:
            assert process.poll() is None and time.monotonic() < deadline, "no server"
            time.sleep(0.3)
    for batch in batches:
        if _post(base, batch, "crash-test") != 200:
            break
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    return process.wait(timeout=60)


@pytest.mark.slow
@pytest.mark.skipif(not STRESS, reason="make stress: the server killed mid-ingest")
@pytest.mark.parametrize("point,times", [("commit", 2), ("write", 3), ("code", 7)])
def test_server_killed_mid_ingest_then_posted_again_equals_one_run(tmp_path, point, times):
    records = [
        {"id": f"sample-{n}", "text": file.read_text(encoding="utf-8"), "date": "2026-11-20"}
        for n, file in enumerate(sorted(EXAMPLES.glob("*.txt")))
    ]
    batches = [records[begin : begin + 4] for begin in range(0, len(records), 4)]
    once, db = tmp_path / "once.duckdb", tmp_path / "served.duckdb"
    assert _serve_and_post(once, tmp_path, batches) != -signal.SIGKILL
    assert _serve_and_post(db, tmp_path, batches, kill_at=f"{point}:{times}") == -signal.SIGKILL
    assert _serve_and_post(db, tmp_path, batches) != -signal.SIGKILL
    assert_whole_and_equal(db, snapshot(once))
