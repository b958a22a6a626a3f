"""One store, many users: the server owns the store and codes the live feed; ingest, query,
export and batch loads go through it; a command that cannot get the store says in one line who
holds it. Real servers on loopback, real DuckDB files, the sample articles."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient

from eventwire.api import create_app
from eventwire.cli import main
from eventwire.owner import claim, owner_path, read_owner
from eventwire.store import Store
from tests.conftest import EXAMPLES

TOKEN = "owner-test-token"
BASE = ("01-geneva-wire34.txt", "02-geneva-dailyherald.html")  # the store the tests start from
HANDED = ("05-border-wire07.txt", "06-border-eurasiatimes.html")  # ingested through the server
WATCHED = "07-border-morningpost.txt"  # dropped into the server's watched folder
FEED = "09-sanctions-feed.jsonl"  # three records appended to the server's feed


@pytest.fixture(scope="module")
def base_store(tmp_path_factory):
    db = tmp_path_factory.mktemp("owner") / "base.duckdb"
    paths = [str(EXAMPLES / name) for name in BASE]
    assert main(["ingest", *paths, "--db", str(db), "--quiet"]) == 0
    return db


@pytest.fixture
def store(base_store, tmp_path):
    copy = tmp_path / "events.duckdb"
    shutil.copy(base_store, copy)
    return copy


def _config(folder: Path, token: str | None) -> Path:
    config = folder / f"config-{token or 'none'}.toml"
    config.write_text(f'api_token = "{token}"\n' if token else "", encoding="utf-8")
    return config


def _health(base: str) -> dict:
    with urllib.request.urlopen(base + "/health", timeout=5) as response:
        return json.loads(response.read())


@contextlib.contextmanager
def _serving(db: Path, config: Path, *extra: str):
    """``eventwire serve`` for ``db`` on a free loopback port with the config ``config``;
    yields its base URL once it answers, and stops it with SIGTERM afterwards."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    command = ["serve", "--db", str(db), "--port", str(port), *extra]
    process = subprocess.Popen(
        [sys.executable, "-m", "eventwire", *command],
        env={**os.environ, "EVENTWIRE_CONFIG": str(config)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                _health(base)
                break
            except OSError:
                if process.poll() is not None:
                    raise AssertionError(process.stderr.read().decode()) from None
                assert time.monotonic() < deadline, "the server did not answer within 120 s"
                time.sleep(0.3)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)


def _wait_for(base: str, articles: int, seconds: float = 120) -> dict:
    deadline = time.monotonic() + seconds
    while (health := _health(base))["articles"] < articles:
        assert time.monotonic() < deadline, f"only {health['articles']} of {articles} articles"
        time.sleep(0.5)
    return health


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


@contextlib.contextmanager
def _held(db: Path, command: str | None, read_only: bool = False):
    """Another process holding ``db`` for writing: named in the owner file as ``command``, or
    (None) a bare DuckDB connection with no owner file (``read_only``: for reading). Yields its
    pid."""
    claimed = f"claim({str(db)!r}, {command!r})" if command else "contextlib.nullcontext()"
    code = (
        "import contextlib, sys, time\n"
        "from eventwire.owner import claim\n"
        "from eventwire.store import Store\n"
        f"with Store({str(db)!r}, read_only={read_only}), {claimed}:\n"
        "    print('ready', flush=True)\n"
        "    sys.stdin.read()\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "ready"
        yield process.pid
    finally:
        assert process.stdin is not None
        process.stdin.close()
        process.wait(timeout=30)


def test_serve_watch_ingest_query_and_export_work_on_one_store_at_once(
    store, tmp_path, capsys, monkeypatch
):
    folder, feed = tmp_path / "incoming", tmp_path / "wire.jsonl"
    folder.mkdir()
    feed.write_text("", encoding="utf-8")
    config = _config(tmp_path, TOKEN)
    monkeypatch.setenv("EVENTWIRE_CONFIG", str(config))
    extra = ("--watch", str(folder), "--feed", str(feed), "--interval", "0.5")
    with _serving(store, config, *extra) as base:
        owner = read_owner(store)
        assert owner is not None and owner.command == "eventwire serve" and owner.url == base
        assert _health(base)["articles"] == 2
        # the live feed codes while ingest hands its articles to the server
        shutil.copy(EXAMPLES / WATCHED, folder / WATCHED)
        with open(feed, "a", encoding="utf-8") as out:
            out.write((EXAMPLES / FEED).read_text(encoding="utf-8"))
        paths = [str(EXAMPLES / name) for name in HANDED]
        assert main(["ingest", *paths, "--db", str(store), "--quiet"]) == 0
        assert f"2 articles stored by the server at {base}" in capsys.readouterr().err
        health = _wait_for(base, 2 + 2 + 1 + 3)
        assert health["articles"] == 8
        # readers go through the server and see everything
        assert main(["query", "--db", str(store), "--format", "jsonl", "--limit", "10000"]) == 0
        served_query = capsys.readouterr().out
        assert len(served_query.splitlines()) == health["events"]
        exported = tmp_path / "served.csv"
        assert (
            main(["export", "--db", str(store), "--format", "csv", "--output", str(exported)]) == 0
        )
        assert f"{health['events']} rows written" in capsys.readouterr().err
        assert main(["export", "--db", str(store), "--format", "plover"]) == 0
        served_plover = capsys.readouterr().out
    assert not owner_path(store).exists()  # a clean stop removes the owner file
    with Store(store, read_only=True) as direct:
        assert direct.count("articles") == 8
        assert direct.count("events") == health["events"]
    # the same answers from the file itself
    assert main(["query", "--db", str(store), "--format", "jsonl", "--limit", "10000"]) == 0
    assert capsys.readouterr().out == served_query
    from_file = tmp_path / "file.csv"
    assert main(["export", "--db", str(store), "--format", "csv", "--output", str(from_file)]) == 0
    assert _without_origin(exported) == _without_origin(from_file)
    assert main(["export", "--db", str(store), "--format", "plover"]) == 0
    assert capsys.readouterr().out == served_plover


def _without_origin(path: Path) -> list[list[str]]:
    """CSV rows without the origin column (the API's /events does not give it)."""
    import csv

    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    drop = rows[0].index("origin")
    return [row[:drop] + row[drop + 1 :] for row in rows]


@pytest.mark.parametrize(
    "argv",
    [
        ["ingest", str(EXAMPLES / HANDED[0]), "--quiet"],
        ["query"],
        ["export", "--format", "jsonl"],
        ["watch", str(EXAMPLES), "--once"],
        ["serve"],
        ["demo"],
    ],
    ids=lambda argv: argv[0],
)
def test_a_command_on_a_store_another_writer_holds_says_so_in_one_line(store, capsys, argv):
    with _held(store, "eventwire ingest") as pid:
        started = time.monotonic()
        assert main([*argv, "--db", str(store)]) == 2
        line = _one_line(capsys.readouterr().err)
    assert line.startswith(f"eventwire: {store} is held by `eventwire ingest` (pid {pid}): ")
    assert "wait for it to finish" in line
    assert time.monotonic() - started < 20  # said before loading a model


def test_a_holder_without_an_owner_file_is_named_by_its_pid_and_program(store, capsys):
    with _held(store, None) as pid:
        assert main(["ingest", str(EXAMPLES / HANDED[0]), "--db", str(store)]) == 2
        line = _one_line(capsys.readouterr().err)
    assert f"is held by `python -c` (pid {pid})" in line


def test_readers_share_a_store_no_one_writes(store, capsys):
    with duckdb.connect(str(store), read_only=True) as connection:
        (stored,) = connection.execute("SELECT count(*) FROM events").fetchone()
    assert stored > 0
    with _held(store, None, read_only=True):  # another process reading
        assert main(["query", "--db", str(store), "--format", "jsonl", "--limit", "1000"]) == 0
        assert len(capsys.readouterr().out.splitlines()) == stored
        assert main(["export", "--db", str(store), "--format", "csv"]) == 0
        assert f"{stored} rows written" in capsys.readouterr().err


def test_commands_a_server_cannot_take_say_what_to_do_instead(store, tmp_path, capsys, monkeypatch):
    config = _config(tmp_path, None)  # a server that takes no writes
    monkeypatch.setenv("EVENTWIRE_CONFIG", str(config))
    with _serving(store, config) as base:
        assert main(["watch", str(tmp_path), "--db", str(store), "--once"]) == 2
        line = _one_line(capsys.readouterr().err)
        assert "held by `eventwire serve` (pid " in line and f"at {base}" in line
        assert f"`eventwire serve --db {store} --watch FOLDER`" in line
        assert main(["serve", "--db", str(store), "--port", "1"]) == 2
        assert f"it is already being served: open {base}/" in _one_line(capsys.readouterr().err)
        out = tmp_path / "e.parquet"
        assert (
            main(["export", "--db", str(store), "--format", "parquet", "--output", str(out)]) == 2
        )
        assert "export csv or jsonl" in _one_line(capsys.readouterr().err)
        status = main(["ingest", str(EXAMPLES / HANDED[0]), "--db", str(store), "--quiet"])
        err = capsys.readouterr().err
        assert status == 2 and "Traceback" not in err
        assert f"{store} is held by the server at {base}, which takes no writes" in err
        assert _health(base)["articles"] == 2


def test_a_stale_owner_file_is_ignored(store, capsys):
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    record = {"pid": gone.pid, "command": "eventwire serve", "started": "2026-01-01T00:00:00+00:00"}
    owner_path(store).write_text(json.dumps({**record, "url": "http://127.0.0.1:9"}))
    assert read_owner(store) is None
    assert main(["query", "--db", str(store), "--format", "jsonl"]) == 0
    assert len(capsys.readouterr().out.splitlines()) > 0
    with Store(store) as opened, claim(store, "eventwire ingest"):
        owner = read_owner(store)
        assert owner is not None and owner.pid == os.getpid() and owner.url is None
        assert opened.count("articles") == 2
    assert not owner_path(store).exists()


def test_the_server_loads_batch_parts_it_is_handed(base_store, tmp_path):
    parts = tmp_path / "parts"
    parts.mkdir()
    with Store(base_store, read_only=True) as source:
        source.export_parts(parts, "00000")
    empty = tmp_path / "empty.duckdb"
    Store(empty).close()
    client = TestClient(create_app(str(empty), token=TOKEN))
    headers = {"Authorization": f"Bearer {TOKEN}"}
    assert client.post("/load", json={"folder": str(parts)}).status_code == 401
    missing = client.post("/load", json={"folder": str(tmp_path / "nope")}, headers=headers)
    assert missing.status_code == 422
    loaded = client.post("/load", json={"folder": str(parts)}, headers=headers)
    assert loaded.status_code == 200 and loaded.json()["articles"] == 2
    assert client.get("/health").json()["articles"] == 2


@pytest.mark.slow
def test_batch_loads_its_parts_through_the_server_that_holds_the_store(
    store, tmp_path, capsys, monkeypatch
):
    config = _config(tmp_path, TOKEN)
    monkeypatch.setenv("EVENTWIRE_CONFIG", str(config))
    out = tmp_path / "parts"
    paths = [str(EXAMPLES / name) for name in HANDED]
    argv = ["batch", *paths, "--local", "1", "--format", "parquet", "--output", str(out)]
    with _serving(store, config) as base:
        assert main([*argv, "--db", str(store), "--quiet"]) == 0
        assert f"into {store} through the server at {base}" in capsys.readouterr().err
        assert _health(base)["articles"] == 4


def test_an_article_too_large_to_hand_over_is_named_and_the_rest_are_stored(
    store, tmp_path, capsys, monkeypatch
):
    config = _config(tmp_path, TOKEN)
    monkeypatch.setenv("EVENTWIRE_CONFIG", str(config))
    records = [
        json.loads(line) for line in (EXAMPLES / FEED).read_text(encoding="utf-8").splitlines()
    ]
    huge = {"id": "huge", "text": "Russia warned Ukraine. " * 120_000, "date": "2022-02-01"}
    articles = tmp_path / "articles.jsonl"
    lines = [records[0], huge, records[1]]
    articles.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    with _serving(store, config) as base:
        assert main(["ingest", str(articles), "--db", str(store), "--quiet"]) == 1
        err = capsys.readouterr().err
        assert "eventwire: huge: too large to send" in err and "Traceback" not in err
        assert f"2 articles stored by the server at {base}" in err
        assert _health(base)["articles"] == 4


@pytest.mark.slow
def test_a_writer_stopped_with_sigterm_removes_its_owner_file(store, tmp_path):
    folder = tmp_path / "incoming"
    folder.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "eventwire", "watch", str(folder), "--db", str(store)],
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while (owner := read_owner(store)) is None:
        assert process.poll() is None and time.monotonic() < deadline
        time.sleep(0.2)
    assert owner.pid == process.pid and owner.command == "eventwire watch"
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert "Traceback" not in err and not owner_path(store).exists()
