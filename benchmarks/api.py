"""Latency of the REST API over a large store, and the store's write rate.

    python benchmarks/api.py [--events 1000000] [--requests 200] [--ingest 500]

Fills a fresh DuckDB file with synthetic events (60 countries, 16 types, four years of dates,
ten events per article) through SQL, starts ``eventwire serve`` on loopback, and times
filtered ``/events`` requests and dyad series over real HTTP: p50 and p95 in milliseconds
(target p95 <= 50 ms). Then writes synthetic pipeline results through ``Store.write`` (200
articles per transaction, as it batches them) and prints articles/s; last, the whole
ingest (pipeline, stories, merging, store) on copies of the sample articles.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from eventwire.model import PLOVER_TYPES, Actor, Article, Event, Mention, Result
from eventwire.store import Store


def fill(path: Path, events: int) -> None:
    """``events`` synthetic events in ``events // 10`` articles, written by SQL in one go."""
    articles = max(1, events // 10)
    types = ", ".join(f"'{t}'" for t in PLOVER_TYPES)
    with Store(path) as store:
        c = store.connection
        c.execute(f"""
            INSERT INTO articles (id, title, date, date_source, outlet, url, origin, text, run_id,
                                  data_version, story)
            SELECT 'a' || i, 'Title ' || i, DATE '2020-01-01' + CAST(i % 1461 AS INTEGER), 'given',
                   'outlet-' || (i % 50), 'https://example.org/' || i, 'bench',
                   repeat('Some words of text. ', 20), 'bench', 'bench', 'story-' || (i // 8)
            FROM range({articles}) t(i)""")
        c.execute(f"""
            INSERT INTO events (id, article_id, type, mode, source_text, source_name,
                                source_country, source_sector, source_start, source_end,
                                target_text, target_name, target_country, target_sector,
                                target_start, target_end, trigger_start, trigger_end,
                                sentence_start, sentence_end, date, date_granularity, date_method,
                                location_name, location_country, negated, hypothetical, future,
                                cameo, quad_class, intensity, confidence, rule, data_version,
                                canonical_id)
            SELECT 'e' || i, 'a' || (i // 10), ([{types}])[1 + CAST(hash(i) % 16 AS BIGINT)], NULL,
                   'C' || lpad(CAST(hash(i * 7) % 60 AS VARCHAR), 2, '0'),
                   'Country ' || (hash(i * 7) % 60),
                   'C' || lpad(CAST(hash(i * 7) % 60 AS VARCHAR), 2, '0'), 'GOV',
                   0, 5, 'x', 'Country ' || (hash(i * 13) % 60),
                   'C' || lpad(CAST(hash(i * 13) % 60 AS VARCHAR), 2, '0'), NULL,
                   10, 15, 6, 9, 0, 20,
                   DATE '2020-01-01' + CAST((i // 10) % 1461 AS INTEGER), 'day', 'explicit',
                   NULL, NULL, false, false, false, '01', 1 + CAST(hash(i) % 4 AS INTEGER),
                   (hash(i) % 200) / 10.0 - 10, 0.8, 'bench', 'bench', 'canon-' || (i // 3)
            FROM range({events}) t(i)""")


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> float:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:
        json.loads(response.read())
    return 1000 * (time.perf_counter() - start)


def latency(path: Path, requests: int) -> None:
    port = _port()
    server = subprocess.Popen(
        [sys.executable, "-m", "eventwire", "serve", "--db", str(path), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                _get(base + "/health")
                break
            except OSError:
                time.sleep(0.2)
        rng = random.Random(3)
        cases = {
            "/events?country=Cxx": lambda: f"/events?country=C{rng.randrange(60):02d}&limit=100",
            "/events?type=T&since&until": lambda: (
                f"/events?type={rng.choice(PLOVER_TYPES)}"
                f"&since=2021-0{rng.randrange(1, 9)}-01&until=2021-12-31&limit=100"
            ),
            "/events?actor=CxxGOV&quad_class": lambda: (
                f"/events?actor=C{rng.randrange(60):02d}GOV"
                f"&quad_class={rng.randrange(1, 5)}&limit=100"
            ),
            "/dyads/Cxx/Cyy/series": lambda: (
                f"/dyads/C{rng.randrange(60):02d}/C{rng.randrange(60):02d}/series"
            ),
        }
        print(f"{'request':<34} {'p50 ms':>8} {'p95 ms':>8}")
        for name, make in cases.items():
            for _ in range(5):
                _get(base + make())  # warm up
            times = sorted(_get(base + make()) for _ in range(requests))
            p95 = times[int(0.95 * (len(times) - 1))]
            print(f"{name:<34} {statistics.median(times):>8.1f} {p95:>8.1f}", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=10)


def write_rate(path: Path, count: int = 2000) -> None:
    """Synthetic results, ten events each, written in ``Store.write``'s batches."""
    actors = [
        Mention(0, 6, "Russia", Actor("Russia", "RUS", "GOV")),
        Mention(20, 27, "Ukraine", Actor("Ukraine", "UKR")),
    ]
    results = []
    for n in range(count):
        article = Article(
            id=f"w{n}", text="Russia accused Ukraine of shelling. " * 10, date=dt.date(2022, 2, 1)
        )
        events = tuple(
            Event(
                f"w{n}-{k}",
                article.id,
                (0, 35),
                (7, 14),
                "ACCUSE",
                None,
                actors[0],
                actors[1],
                article.date,
                "day",
                "explicit",
                None,
                False,
                False,
                False,
                "112",
                3,
                -2.0,
                0.9,
            )
            for k in range(10)
        )
        results.append(Result(article=article, events=events))
    with Store(path) as store:
        start = time.perf_counter()
        store.write(results, run_id="bench-write")
        seconds = time.perf_counter() - start
    print(f"store writes: {count / seconds:.0f} articles/s ({10 * count / seconds:.0f} events/s)")


def ingest_rate(path: Path, count: int) -> None:
    """The whole ingest: pipeline, stories and merging, store, on ``count`` copies of the
    samples."""
    from throughput import build_corpus

    from eventwire.merge import StoryLinker
    from eventwire.pipeline import Pipeline

    pipeline = Pipeline()
    list(pipeline.run(build_corpus(17)))  # load the models before timing
    corpus = build_corpus(count)
    linker = StoryLinker()
    start = time.perf_counter()
    with Store(path) as store:
        store.write(
            linker.link_all(pipeline.run(corpus)),
            run_id="bench-ingest",
            data_version=pipeline.data_version,
        )
        store.write_canonical(linker.merger.events())
        store.write_stories(linker.clusterer.stories())
    seconds = time.perf_counter() - start
    print(
        f"ingest (pipeline + stories + merging + store): {count / seconds:.1f} articles/s over "
        f"{count} articles"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument(
        "--ingest", type=int, default=500, help="sample-article copies to ingest (0: skip)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.duckdb"
        start = time.perf_counter()
        fill(path, args.events)
        print(f"filled {args.events} events in {time.perf_counter() - start:.1f} s")
        latency(path, args.requests)
        write_rate(Path(folder) / "writes.duckdb")
        if args.ingest:
            ingest_rate(Path(folder) / "ingest.duckdb", args.ingest)


if __name__ == "__main__":
    main()
