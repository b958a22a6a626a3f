"""Who may use the server's store when: readers side by side, one writer at a time, and now
and then the store reopened with nobody in it.

DuckDB keeps a little memory for every write transaction committed until its file is closed
(about 10 KB per eventwire write; checkpoints and memory settings do not give it back), so a
server that takes writes for months would grow without end. ``WriteTurn`` is the lock every
writer of the server's process takes (the API's ingests and loads, the live feed); when a
writer ends its turn after ``REOPEN_EVERY`` commits since the last reopening, the turn waits
for the readers in the ``Gate`` to finish, keeps new ones out, and reopens the store
(``Store.reopen``): every cursor moves to the new connection, and what was kept is freed.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Self

from ..store import Store
from ..store.queries import commits
from .arenas import trim

log = logging.getLogger(__name__)

REOPEN_EVERY = 250  # write transactions between reopenings (a server under load writes ~2 a second)


class Gate:
    """Readers go in side by side; ``alone`` waits until they are out and keeps new ones
    waiting while it runs."""

    def __init__(self) -> None:
        self.changed = threading.Condition()
        self.readers = 0
        self.closed = False

    @contextmanager
    def reading(self) -> Iterator[None]:
        with self.changed:
            while self.closed:
                self.changed.wait()
            self.readers += 1
        try:
            yield
        finally:
            with self.changed:
                self.readers -= 1
                self.changed.notify_all()

    @contextmanager
    def alone(self) -> Iterator[None]:
        with self.changed:
            while self.closed:  # one at a time
                self.changed.wait()
            self.closed = True
            while self.readers:
                self.changed.wait()
        try:
            yield
        finally:
            with self.changed:
                self.closed = False
                self.changed.notify_all()


class WriteTurn:
    """The lock of the server's writers (``owner.write_lock`` of its file), reused: taken with
    ``with``. Leaving it reopens the store when ``every`` commits were made since the last
    reopening, before the next writer comes in."""

    def __init__(self, store: Store, lock: threading.Lock, gate: Gate, every: int = REOPEN_EVERY):
        self.store, self.lock, self.gate, self.every = store, lock, gate, every
        self.since = commits(store.path)
        self.reopened = 0

    def __enter__(self) -> Self:
        self.lock.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if not self.store.read_only and commits(self.store.path) - self.since >= self.every:
                with self.gate.alone():
                    self.store.reopen()
                trim()  # what DuckDB kept and has just freed goes back to the system
                self.since = commits(self.store.path)
                self.reopened += 1
                log.info("%s: store reopened (%d times)", self.store.path, self.reopened)
        finally:
            self.lock.release()
