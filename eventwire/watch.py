"""The live feed: code new articles as they arrive and keep the store and the stories up to date.

In: a folder that files arrive in, and/or a JSON Lines file that lines are appended to. Out:
the store (articles, events, merged events, stories), updated every cycle.

How. Every ``interval`` seconds the watcher looks for work:
- files in the folder it has not coded yet, or that changed since (size and modification
  time, remembered in the store's ``meta`` table, so a restarted watcher skips them);
- complete new lines of the feed, from the byte offset remembered in ``meta`` (a line still
  being written, without its newline, waits for the next cycle).
New articles go through the one ingest flow (``ingest.ingest``: pipeline, story linker,
store; articles stored before from the same text are skipped); the merged events and stories
the cycle touched are written again. Stories no article joined in
the last ``idle`` articles are forgotten by the linker (they stay in the store), so memory
stays bounded however long the feed runs.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

from .ingest import ingest
from .merge import IDLE_STORIES, StoryLinker
from .pipeline import Pipeline
from .stages.read import find_files, read_bytes, read_inputs
from .store import Store


class Watcher:
    def __init__(self, store: Store, pipeline: Pipeline, idle: int | None = None):
        self.store = store
        self.pipeline = pipeline
        # saved after every cycle: stories go on across restarts
        self.linker = StoryLinker.resume(store)
        self.idle = idle or IDLE_STORIES
        self.totals = {"articles": 0, "failed": 0, "events": 0, "problems": 0}

    # ------------------------------------------------------------ sources
    def new_files(self, folder: Path) -> list[tuple[Path, str]]:
        """Files not coded yet, or changed since, with the signature to remember once coded."""
        seen = self.store.meta_items("watched:")  # one read per look
        found = []
        for name in find_files([str(folder)]):
            path = Path(name).resolve()
            stat = path.stat()
            signature = f"{stat.st_size}:{stat.st_mtime_ns}"
            if seen.get(f"watched:{path}") != signature:
                found.append((path, signature))
        return found

    def new_lines(self, feed: Path) -> tuple[bytes, int, int, int]:
        """(complete new lines, line number before them, offset after them, line count after)."""
        key = f"feed:{feed.resolve()}"
        offset, lines = (int(part) for part in (self.store.meta(key) or "0:0").split(":"))
        if not feed.exists() or feed.stat().st_size < offset:
            offset = lines = 0  # the feed was replaced: start again
        with open(feed, "rb") as handle:
            handle.seek(offset)
            data = handle.read()
        end = data.rfind(b"\n") + 1  # a line still being written waits
        data = data[:end]
        return data, lines, offset + end, lines + data.count(b"\n")

    # ------------------------------------------------------------ one cycle
    def cycle(self, folder: Path | None = None, feed: Path | None = None) -> dict:
        """Code what arrived since the last cycle; returns this cycle's counts."""
        items: list = []
        files = self.new_files(folder) if folder is not None else []
        for path, _ in files:
            items.extend(read_inputs([str(path)], "auto", None))
        feed_state = None
        if feed is not None:
            data, first_line, offset, lines = self.new_lines(feed)
            if data:
                items.extend(read_bytes(b"\n" * first_line + data, str(feed), "jsonl"))
                feed_state = (f"feed:{feed.resolve()}", f"{offset}:{lines}")
        counts = {"articles": 0, "failed": 0, "events": 0, "problems": 0}
        if items:
            summary = ingest(
                items,
                self.store,
                self.pipeline,
                skip_unchanged=True,
                linker=self.linker,
                idle=self.idle,
                run_id=f"watch-{time.strftime('%Y%m%dT%H%M%S')}",
            )
            counts = {
                "articles": summary.articles,
                "failed": summary.failed,
                "events": summary.events,
                "problems": summary.problems,
            }
        # positions are remembered only once what they cover is stored
        for path, signature in files:
            self.store.set_meta(f"watched:{path}", signature)
        if feed_state is not None:
            self.store.set_meta(*feed_state)
        for key, value in counts.items():
            self.totals[key] += value
        return counts

    def run(
        self, folder: Path | None, feed: Path | None, interval: float, once: bool
    ) -> Iterator[dict]:
        """Cycle until stopped (or once); yields each cycle's counts."""
        while True:
            started = time.perf_counter()
            counts = self.cycle(folder, feed)
            counts["seconds"] = round(time.perf_counter() - started, 2)
            yield counts
            if once:
                return
            time.sleep(max(0.0, interval - (time.perf_counter() - started)))
