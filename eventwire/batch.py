"""Batch runs on Dask: code a large corpus across workers and write the results in parts.

In: input paths (files, folders, globs). Out: under ``--output DIR``, one part per chunk of
input: ``part-<chunk>.jsonl`` (the lines ``eventwire extract --no-stories`` prints, in input
order within the part) or, with ``--format parquet``, the events of the chunk in
``events/day=<event date>/part-<chunk>.parquet`` (hive-partitioned by date: DuckDB, pandas
and Spark read the folder as one table) and its articles in ``articles/part-<chunk>.parquet``;
``Store.import_parts`` (``eventwire batch --db``) loads both into the store.

How. The inputs are cut into chunks (``CHUNK_FILES`` files, or ``CHUNK_LINES`` lines of a
JSON Lines file), each named by a hash of what it holds. Every chunk is one Dask task. A
worker builds the pipeline once and keeps it for every chunk it runs. A task writes its part
to a temporary name and renames it when done, so a part on disk is always whole: a worker
killed mid-chunk leaves nothing, Dask gives the chunk to another worker, and a run started
again skips the parts already written. Articles are coded one by one, exactly as in a single
process, so the parts hold the same results as ``extract`` on the same input (story linking
is across articles; it happens when the results go into the store).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

CHUNK_FILES = 20  # article files per task
CHUNK_LINES = 500  # JSON Lines records per task

# one pipeline per worker process and "now" (Settings.now), built on its first chunk
_PIPELINES: dict = {}


@dataclass(frozen=True)
class Chunk:
    """A slice of the input: whole files, or a line range of one JSON Lines file."""

    id: str
    files: tuple[str, ...]
    first_line: int = 0  # for a JSON Lines slice: lines [first_line, last_line)
    last_line: int = 0

    @property
    def is_slice(self) -> bool:
        return self.last_line > 0


def plan(
    paths: list[str], chunk_files: int = CHUNK_FILES, chunk_lines: int = CHUNK_LINES
) -> list[Chunk]:
    """Cut the input into chunks; a chunk's id is a hash of its files and lines, so a run started
    again on the same input finds the same chunks."""
    from .stages.read import JSONL_SUFFIXES, find_inputs

    chunks, loose = [], []
    # a path that cannot be walked goes into a chunk as it is: reading it there reports it
    for entry in find_inputs(paths):
        path = entry if isinstance(entry, str) else str(entry.where)
        if Path(path).suffix.lower() in JSONL_SUFFIXES and Path(path).is_file():
            try:
                with open(path, "rb") as handle:
                    lines = sum(1 for _ in handle)
            except OSError:
                loose.append(path)  # unreadable: its chunk reports it
                continue
            for first in range(0, max(lines, 1), chunk_lines):
                chunks.append(_chunk((path,), first, min(lines, first + chunk_lines)))
        else:
            loose.append(path)
    for start in range(0, len(loose), chunk_files):
        chunks.append(_chunk(tuple(loose[start : start + chunk_files])))
    return chunks


def _chunk(files: tuple[str, ...], first: int = 0, last: int = 0) -> Chunk:
    digest = hashlib.sha1(json.dumps([files, first, last]).encode()).hexdigest()[:16]
    return Chunk(digest, files, first, last)


def _articles(chunk: Chunk, date) -> Iterator:
    from .stages.read import read_bytes, read_inputs

    if not chunk.is_slice:
        yield from read_inputs(list(chunk.files), "auto", date)
        return
    (path,) = chunk.files
    with open(path, "rb") as handle:
        lines = [
            line
            for number, line in enumerate(handle)
            if chunk.first_line <= number < chunk.last_line
        ]
    # blank lines in front keep every record's line number ("path:line") as a single run gives it
    yield from read_bytes(b"\n" * chunk.first_line + b"".join(lines), path, "jsonl", date)


def _pipeline(now: dt.date | None = None):
    if now not in _PIPELINES:
        from .pipeline import Pipeline
        from .settings import load_settings

        # the user's settings (data folders) as the CLI reads them, with the run's day over them
        settings = load_settings()
        _PIPELINES[now] = Pipeline(replace(settings, now=now or settings.now))
    return _PIPELINES[now]


def chunk_newest_date(chunk: Chunk, date: dt.date | None = None) -> dt.date | None:
    """The newest date a chunk's articles give (read only, not coded)."""
    from .stages.read import newest_date

    return newest_date(_articles(chunk, date))


def part_path(output: Path, chunk: Chunk, fmt: str) -> Path:
    return (
        output / f"part-{chunk.id}.jsonl"
        if fmt == "jsonl"
        else output / "done" / f"{chunk.id}.json"
    )


def run_chunk(
    chunk: Chunk, output: str, fmt: str, date: dt.date | None = None, now: dt.date | None = None
) -> dict:
    """Code one chunk and write its part; returns its counts. Safe to run twice: the second
    run finds the part written and does nothing. ``now`` is the day undated articles are read
    against (``Settings.now``)."""
    from . import serialize
    from .model import Problem, Result

    output_dir = Path(output)
    done = part_path(output_dir, chunk, fmt)
    if done.exists():
        return {"chunk": chunk.id, "skipped": True, **json.loads(_counts_of(done, fmt))}
    pipeline = _pipeline(now)
    started = time.perf_counter()
    results = list(pipeline.run(_articles(chunk, date)))
    counts = {
        "articles": sum(isinstance(r, Result) for r in results),
        "failed": sum(isinstance(r, Problem) for r in results),
        "events": sum(len(r.events) for r in results if isinstance(r, Result)),
        "problems": sum(len(r.problems) if isinstance(r, Result) else 1 for r in results),
        "seconds": round(time.perf_counter() - started, 3),
    }
    if fmt == "jsonl":
        temporary = done.with_suffix(f".tmp-{os.getpid()}")
        with open(temporary, "w", encoding="utf-8") as out:
            out.write(json.dumps({"_chunk": chunk.id, **counts}) + "\n")
            out.writelines(serialize.to_jsonl(item) + "\n" for item in results)
        os.replace(temporary, done)
    else:
        _write_parquet(output_dir, chunk, [r for r in results if isinstance(r, Result)])
        done.parent.mkdir(parents=True, exist_ok=True)
        temporary = done.with_suffix(f".tmp-{os.getpid()}")
        temporary.write_text(json.dumps(counts), encoding="utf-8")
        os.replace(temporary, done)
    return {"chunk": chunk.id, "skipped": False, **counts}


def _counts_of(done: Path, fmt: str) -> str:
    if fmt == "jsonl":
        with open(done, encoding="utf-8") as handle:
            header = json.loads(handle.readline())
        header.pop("_chunk", None)
        return json.dumps(header)
    return done.read_text(encoding="utf-8")


def _write_parquet(output: Path, chunk: Chunk, results: list) -> None:
    """The chunk's articles and events as Parquet parts (events under events/day=<date>/),
    written by DuckDB from a store of the chunk alone, whole or not at all."""
    from .store import Store

    staging = output / "staging" / chunk.id
    staging.mkdir(parents=True, exist_ok=True)
    store = Store(staging / "part.duckdb")
    try:
        store.write(results, run_id=f"batch-{chunk.id}")
        store.export_parts(output, chunk.id)
    finally:
        store.close()
        for leftover in staging.iterdir():
            leftover.unlink()
        staging.rmdir()


def run(
    paths: list[str],
    output: str,
    fmt: str = "jsonl",
    scheduler: str | None = None,
    local: int | None = None,
    date=None,
    progress: bool = True,
    chunk_files: int = CHUNK_FILES,
    chunk_lines: int = CHUNK_LINES,
    now: dt.date | None = None,
) -> dict:
    """Code every chunk on a Dask cluster (``scheduler`` address, or ``local`` worker processes) and
    return the run's totals."""
    from dask.distributed import Client, LocalCluster, as_completed

    output_dir = Path(output)
    output_dir.mkdir(parents=True, exist_ok=True)
    chunks = plan(paths, chunk_files, chunk_lines)
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(
            n_workers=local or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            memory_limit=0,
        )
        client = Client(cluster)
    started = time.perf_counter()
    totals: dict[str, Any] = {
        "chunks": len(chunks),
        "skipped": 0,
        "articles": 0,
        "failed": 0,
        "events": 0,
        "problems": 0,
    }
    try:
        if now is None:
            # undated articles are read against the newest date of the whole input, found in a
            # first pass that only reads: every worker then codes as one process would
            dates = client.gather(client.map(chunk_newest_date, chunks, date=date, pure=False))
            now = max((day for day in dates if day is not None), default=None)
        totals["now"] = now.isoformat() if now else None
        futures = [
            client.submit(
                run_chunk,
                chunk,
                str(output_dir),
                fmt,
                date,
                now,
                key=f"chunk-{chunk.id}",
                retries=3,
                pure=False,
            )
            for chunk in chunks
        ]
        bar = None
        if progress:
            from tqdm import tqdm

            bar = tqdm(total=len(futures), unit="chunk", desc="batch")
        for future in as_completed(futures):
            result = future.result()
            totals["skipped"] += result["skipped"]
            for key in ("articles", "failed", "events", "problems"):
                totals[key] += result[key]
            if bar is not None:
                bar.update(1)
        if bar is not None:
            bar.close()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    seconds = time.perf_counter() - started
    totals["seconds"] = round(seconds, 1)
    totals["articles_per_second"] = round(totals["articles"] / seconds, 1) if seconds else None
    return totals


def read_parts(output: str) -> Iterator[dict]:
    """The JSON lines of a jsonl run, part by part (the counts header of each part left out)."""
    for part in sorted(Path(output).glob("part-*.jsonl")):
        with open(part, encoding="utf-8") as handle:
            next(handle)
            for line in handle:
                yield json.loads(line)
