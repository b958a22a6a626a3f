"""The live feed: code new articles as they arrive and keep the store and the stories up to date.

In: a folder that files arrive in, and/or a JSON Lines file that lines are appended to. Out:
the store (articles, events, merged events, stories), updated every cycle.

How. Every ``interval`` seconds the watcher looks for work:
- files in the folder it has not coded yet, or that changed since (size and modification
  time, remembered in the store's ``meta`` table, so a restarted watcher skips them);
- complete new lines of the feed, from the byte offset remembered in ``meta`` (a line still
  being written, without its newline, waits for the next cycle).
New articles go through the pipeline, the story linker and into the store in one batch; the
merged events and stories the batch touched are written again. Stories no article joined in
the last ``idle`` articles are forgotten by the linker (they stay in the store), so memory
stays bounded however long the feed runs.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

from .merge import IDLE_STORIES, StoryLinker
from .model import Problem, Result
from .store import Store


class Watcher:
    def __init__(self, store: Store, pipeline, idle: int | None = None):
        self.store = store
        self.pipeline = pipeline
        self.linker = StoryLinker.resume(
            store
        )  # saved after every cycle: stories go on across restarts
        self.idle = idle or IDLE_STORIES
        self.totals = {"articles": 0, "failed": 0, "events": 0, "problems": 0}

    # ------------------------------------------------------------ remembered positions
    def _get(self, key: str) -> str | None:
        row = self.store.connection.execute(
            "SELECT value FROM meta WHERE key = ?", [key]
        ).fetchone()
        return row[0] if row else None

    def _set(self, key: str, value: str) -> None:
        self.store.connection.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])

    # ------------------------------------------------------------ sources
    def new_files(self, folder: Path) -> list[tuple[Path, str]]:
        """Files not coded yet, or changed since, with the signature to remember once coded."""
        from .batch import expand

        seen = dict(
            self.store.connection.execute(
                "SELECT key, value FROM meta WHERE starts_with(key, 'watched:')"
            ).fetchall()
        )  # one read per look
        found = []
        for name in expand([str(folder)]):
            path = Path(name).resolve()
            stat = path.stat()
            signature = f"{stat.st_size}:{stat.st_mtime_ns}"
            if seen.get(f"watched:{path}") != signature:
                found.append((path, signature))
        return found

    def new_lines(self, feed: Path) -> tuple[bytes, int, int, int]:
        """(complete new lines, line number before them, offset after them, line count after them)."""
        key = f"feed:{feed.resolve()}"
        offset, lines = (int(part) for part in (self._get(key) or "0:0").split(":"))
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
        from .stages.read import read_bytes, read_inputs

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
            ready = [item for item in items if not isinstance(item, Problem)]
            results = list(self.linker.link_all(self.pipeline.run(ready)))
            failed = [item for item in items if isinstance(item, Problem)] + [
                item for item in results if isinstance(item, Problem)
            ]
            coded = [item for item in results if isinstance(item, Result)]
            self.store.write(
                coded + failed,
                run_id=f"watch-{time.strftime('%Y%m%dT%H%M%S')}",
                data_version=self.pipeline.data_version,
            )
            self.linker.save(self.store, {result.story for result in coded}, self.idle)
            counts = {
                "articles": len(coded),
                "failed": len(failed),
                "events": sum(len(r.events) for r in coded),
                "problems": sum(len(r.problems) for r in coded) + len(failed),
            }
        # positions are remembered only once what they cover is stored
        for path, signature in files:
            self._set(f"watched:{path}", signature)
        if feed_state is not None:
            self._set(*feed_state)
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
