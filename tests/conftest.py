"""Shared fixtures: one pipeline per test session, the sample articles and their expected events."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from eventwire.model import Article
from eventwire.stages.read import article_id

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"
GOLD = ROOT.parent / "shared" / "gold"
SAMPLE_ARTICLES = 18  # articles in EXAMPLES: 16 files, one of them JSON Lines with 3 records


@pytest.fixture(scope="session")
def pipeline():
    from eventwire.pipeline import Pipeline

    return Pipeline(on_error="raise")


@pytest.fixture(scope="session")
def code(pipeline):
    """Run the whole pipeline on a text: code("Russia denied it.", "2022-01-10")."""

    def run(text: str, date: str | None = "2022-01-07"):
        day = dt.date.fromisoformat(date) if date else None
        return pipeline.extract(Article(id=article_id(text), text=text, date=day, origin="<test>"))

    return run


@pytest.fixture(scope="session")
def sample_event_count(pipeline) -> int:
    """How many events the pipeline codes from the sample articles: what a store of them must
    hold, however it was filled (ingest, batch, after a crash)."""
    from eventwire.model import Result
    from eventwire.stages.read import read_inputs

    results = pipeline.run(list(read_inputs([str(EXAMPLES)])))
    return sum(len(r.events) for r in results if isinstance(r, Result))


def sample_cases() -> list[tuple[str, Article, dict]]:
    """(name, article, expected) for every sample article; the expected date is the run date."""
    from eventwire.evaluate import read_samples

    return read_samples(EXAMPLES)


@contextlib.contextmanager
def served(db: Path):
    """``eventwire serve`` on a free loopback port for the store ``db``; yields the base URL and
    the /health answer, and stops the server afterwards."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "eventwire", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/health", timeout=2) as response:
                    health = json.loads(response.read())
                break
            except OSError:
                if process.poll() is not None:
                    raise AssertionError(process.stderr.read().decode()) from None
                if time.monotonic() > deadline:
                    raise AssertionError("the server did not answer /health within 60 s") from None
                time.sleep(0.3)
        yield base, health
    finally:
        process.terminate()
        process.wait(timeout=10)
