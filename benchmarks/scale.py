"""Batch throughput on a local Dask cluster: 1 and 2 worker processes, and memory per worker.

    python benchmarks/scale.py [--articles 5000] [--small 1000]

Writes copies of the sample articles (each made distinct) as JSON Lines, runs ``eventwire
batch`` on them with 1 and then 2 local workers (models loaded once per worker), and prints
articles/s, the speed-up, and each worker's peak RSS after the small and the large corpus:
flat memory as the corpus grows shows as equal figures. It first measures the scheduler's
cost per task with empty tasks, for extrapolating to more workers.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import build_corpus


def write_corpus(path: Path, count: int) -> None:
    with open(path, "w", encoding="utf-8") as out:
        out.writelines(
            json.dumps(
                {
                    "id": article.id,
                    "title": article.title,
                    "text": article.text,
                    "date": article.date.isoformat() if article.date else None,
                }
            )
            + "\n"
            for article in build_corpus(count)
        )


def measure(corpus: Path, workers: int) -> tuple[float, float, list[float]]:
    """(seconds, articles/s, peak RSS MB of each worker) for one batch run."""
    from dask.distributed import Client, LocalCluster

    from eventwire.batch import run

    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",
        memory_limit=0,
    )
    with tempfile.TemporaryDirectory() as output:
        start = time.perf_counter()
        totals = run(
            [str(corpus)], output, "jsonl", scheduler=cluster.scheduler_address, progress=False
        )
        seconds = time.perf_counter() - start
        client = Client(cluster)
        peaks = client.run(_peak_rss)
        client.close()
    cluster.close()
    return seconds, totals["articles"] / seconds, [round(v, 0) for v in peaks.values()]


def _noop(value):
    return value


def task_overhead(tasks: int = 1000) -> float:
    """Milliseconds the scheduler spends per task, from empty tasks on 2 local workers."""
    from dask.distributed import Client, LocalCluster

    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", memory_limit=0
    )
    client = Client(cluster)
    client.gather(client.map(_noop, range(20), pure=False))
    start = time.perf_counter()
    client.gather(client.map(_noop, range(tasks), pure=False))
    seconds = time.perf_counter() - start
    client.close()
    cluster.close()
    return 1000 * seconds / tasks


def _peak_rss() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument(
        "--overhead-only", action="store_true", help="measure the scheduler's cost per task only"
    )
    args = parser.parse_args()
    print(
        f"scheduler overhead: {task_overhead():.2f} ms per task (1,000 empty tasks, 2 local "
        f"workers)",
        flush=True,
    )
    if args.overhead_only:
        return
    with tempfile.TemporaryDirectory() as folder:
        rates = {}
        for count in (args.small, args.articles):
            corpus = Path(folder) / f"corpus-{count}.jsonl"
            write_corpus(corpus, count)
            for workers in (1, 2):
                seconds, rate, peaks = measure(corpus, workers)
                rates[(count, workers)] = rate
                print(
                    f"{count:>6} articles, {workers} worker(s): {seconds:7.1f} s, {rate:6.1f} "
                    f"articles/s, peak RSS per worker {peaks} MB",
                    flush=True,
                )
        print(
            f"speed-up of 2 workers over 1 on {args.articles} articles: "
            f"{rates[(args.articles, 2)] / rates[(args.articles, 1)]:.2f}x (the machine has "
            f"{os.cpu_count()} cores)"
        )


if __name__ == "__main__":
    main()
