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

In the server. ``eventwire serve --watch FOLDER`` / ``--feed FILE`` runs the watcher in a
background thread of the server's process (``follow``), on a cursor of the server's store:
DuckDB lets only one process write a file, so the process that serves is the one that codes.
Each cycle takes the lock the API's writes take (``owner.write_lock``), and continues the
stories from the linker the store saved last, so the feed and ``POST /ingest`` take turns
on one story linker. A cycle there codes at most ``TURN`` files and ``TURN`` feed lines, so a
backlog never keeps the API's writes waiting for long: the rest follows at once, cycle by
cycle.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

from .ingest import ingest
from .merge import IDLE_STORIES, StoryLinker
from .model import Problem
from .pipeline import Pipeline
from .stages.read import find_inputs, read_bytes, read_inputs
from .store import Store

log = logging.getLogger(__name__)

TURN = 100  # files, and feed lines, the server's feed codes before the API's writes get a turn


class Watcher:
    """Codes what arrives in a folder or a feed into ``store``. ``lock`` is held for each cycle
    when other writers in this process share the store (the server's API); then the linker the
    store saved last is taken up at each cycle, since those writers continue the stories
    too."""

    def __init__(
        self,
        store: Store,
        pipeline: Pipeline,
        idle: int | None = None,
        lock: AbstractContextManager | None = None,
        most: int | None = None,
    ):
        self.store = store
        self.pipeline = pipeline
        # saved after every cycle: stories go on across restarts
        self.linker = StoryLinker.resume(store)
        self.idle = idle or IDLE_STORIES
        self.lock = lock
        self.most = most  # files, and feed lines, one cycle takes at most (None: all)
        self.behind = False  # the last cycle left work for the next
        self.totals = {"articles": 0, "failed": 0, "events": 0, "problems": 0}
        # every cycle of this watcher goes in one run (one ``runs`` row), not a row a cycle
        self.run_id = f"watch-{time.strftime('%Y%m%dT%H%M%S')}"

    # ------------------------------------------------------------ sources
    def new_files(self, folder: Path) -> list[tuple[Path | Problem, str]]:
        """Files not coded yet, or changed since, with the signature to remember once coded;
        and paths the folder holds that cannot be walked (a dangling or looping link, an
        unreadable folder), each reported once as long as it stays so."""
        seen = self.store.meta_items("watched:")  # one read per look
        # the store may live in the folder: its file, log and owner file are not articles
        store = str(Path(self.store.path).resolve())
        found: list[tuple[Path | Problem, str]] = []
        for entry in find_inputs([str(folder)]):
            if isinstance(entry, Problem):
                signature = f"problem:{entry.code}"
                if seen.get(f"watched:{entry.where}") != signature:
                    found.append((entry, signature))
                continue
            path = Path(entry).resolve()
            if str(path).startswith(store):
                continue
            try:
                stat = path.stat()
            except OSError:
                continue  # gone since it was listed: the next look sees what is there
            signature = f"{stat.st_size}:{stat.st_mtime_ns}"
            if seen.get(f"watched:{path}") != signature:
                found.append((path, signature))
        return found

    def new_lines(self, feed: Path, most: int | None = None) -> tuple[bytes, int, int, int]:
        """(complete new lines, at most ``most`` of them; line number before them, offset after
        them, line count after)."""
        key = f"feed:{feed.resolve()}"
        offset, lines = (int(part) for part in (self.store.meta(key) or "0:0").split(":"))
        if not feed.exists() or feed.stat().st_size < offset:
            offset = lines = 0  # the feed was replaced: start again
        with open(feed, "rb") as handle:
            handle.seek(offset)
            data = handle.read()
        end = data.rfind(b"\n") + 1  # a line still being written waits
        data = data[:end]
        if most is not None and data.count(b"\n") > most:
            end = 0
            for _ in range(most):
                end = data.index(b"\n", end) + 1
            data = data[:end]
        return data, lines, offset + end, lines + data.count(b"\n")

    # ------------------------------------------------------------ one cycle
    def cycle(self, folder: Path | None = None, feed: Path | None = None) -> dict:
        """Code what arrived since the last cycle; returns this cycle's counts."""
        with self.lock if self.lock is not None else nullcontext():
            return self.locked_cycle(folder, feed)

    def locked_cycle(self, folder: Path | None, feed: Path | None) -> dict:
        """One cycle, once no other writer of this process is writing."""
        items: list = []
        files = self.new_files(folder) if folder is not None else []
        self.behind = self.most is not None and len(files) > self.most
        files = files[: self.most] if self.most is not None else files
        for entry, _ in files:
            if isinstance(entry, Problem):
                items.append(entry)
            else:
                items.extend(read_inputs([str(entry)], "auto", None))
        feed_state = None
        if feed is not None:
            data, first_line, offset, lines = self.new_lines(feed, self.most)
            self.behind |= self.most is not None and data.count(b"\n") == self.most
            if data:
                items.extend(read_bytes(b"\n" * first_line + data, str(feed), "jsonl"))
                feed_state = (f"feed:{feed.resolve()}", f"{offset}:{lines}")
        counts = {"articles": 0, "failed": 0, "events": 0, "problems": 0}
        if items:
            if self.lock is not None:  # others wrote since: go on from the stories they saved
                self.linker = StoryLinker.resume(self.store)
            summary = ingest(
                items,
                self.store,
                self.pipeline,
                skip_unchanged=True,
                linker=self.linker,
                idle=self.idle,
                run_id=self.run_id,
            )
            counts = {
                "articles": summary.articles,
                "failed": summary.failed,
                "events": summary.events,
                "problems": summary.problems,
            }
        # positions are remembered only once what they cover is stored
        for entry, signature in files:
            where = entry.where if isinstance(entry, Problem) else entry
            self.store.set_meta(f"watched:{where}", signature)
        if feed_state is not None:
            self.store.set_meta(*feed_state)
        for key, value in counts.items():
            self.totals[key] += value
        return counts

    def run(
        self,
        folder: Path | None,
        feed: Path | None,
        interval: float,
        once: bool,
        stop: threading.Event | None = None,
    ) -> Iterator[dict]:
        """Cycle until stopped (Ctrl-C, ``stop`` set) or once; yields each cycle's counts."""
        stop = stop or threading.Event()
        while not stop.is_set():
            started = time.perf_counter()
            counts = self.cycle(folder, feed)
            counts["seconds"] = round(time.perf_counter() - started, 2)
            yield counts
            if once:
                return
            if not self.behind:  # with work left over, the next cycle starts at once
                stop.wait(max(0.0, interval - (time.perf_counter() - started)))


class Following:
    """A watcher running in a background thread (``follow``); ``stop`` ends it after the
    cycle under way."""

    def __init__(self, watcher: Watcher, folder: Path | None, feed: Path | None, interval: float):
        self.watcher = watcher
        self.stopped = threading.Event()
        self.thread = threading.Thread(
            target=self.loop, args=(folder, feed, interval), name="eventwire-watch", daemon=True
        )

    def loop(self, folder: Path | None, feed: Path | None, interval: float) -> None:
        while not self.stopped.is_set():
            try:
                for counts in self.watcher.run(folder, feed, interval, False, self.stopped):
                    if counts["articles"] or counts["failed"]:
                        log.info(
                            "live feed: %d articles, %d events, %d failed, in %s s",
                            counts["articles"],
                            counts["events"],
                            counts["failed"],
                            counts["seconds"],
                        )
            except Exception:  # a bad cycle must not end the server's feed: log it, go on
                log.exception("live feed: a cycle failed; trying again in %s s", interval)
                self.stopped.wait(interval)

    def stop(self) -> None:
        self.stopped.set()
        self.thread.join()


def follow(
    store: Store,
    pipeline: Pipeline,
    folder: Path | None,
    feed: Path | None,
    interval: float = 5.0,
    idle: int | None = None,
    lock: AbstractContextManager | None = None,
    most: int | None = TURN,
) -> Following:
    """Start coding ``folder`` and/or ``feed`` into ``store`` in a background thread, taking
    ``lock`` for each cycle of at most ``most`` files and feed lines; returns the running
    ``Following``."""
    following = Following(Watcher(store, pipeline, idle, lock, most), folder, feed, interval)
    following.thread.start()
    return following
