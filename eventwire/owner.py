"""Who holds a store: the owner file next to it.

DuckDB lets one process open a file for writing, and while it does no other process may open
the file at all (a read-only open from another process conflicts with the writer, and a
reader blocks a writer). So a store has one owner at a time: a command that writes it
(``ingest``, ``watch``, ``demo``, ``batch --db``) for as long as it runs, or ``eventwire
serve``, which serves the API and can code a live feed in the same process.

The owner says who it is in ``<db>.owner``, a small JSON file written once the store is open
for writing and removed when it is closed cleanly::

    {"pid": 4711, "command": "eventwire serve", "started": "2026-12-06T04:30:00+00:00",
     "url": "http://127.0.0.1:8000"}

``url`` is set only by a server: the other commands hand their work to it there (``remote``).
A file whose process is gone (killed, crashed) is stale and read as absent. The file is a
hint for naming the holder and finding the server; the lock itself is DuckDB's.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Owner:
    """The process that holds a store for writing."""

    pid: int
    command: str
    started: str
    url: str | None = None  # a server's address: other commands hand their work to it

    @property
    def is_server(self) -> bool:
        return self.url is not None


def owner_path(db: str | os.PathLike[str]) -> Path:
    """The owner file of the store at ``db``."""
    return Path(f"{db}.owner")


def is_running(pid: int) -> bool:
    """True while the process ``pid`` exists (and is not a zombie waiting to be reaped)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    try:
        status = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True  # no /proc: trust the signal
    return status.rsplit(")", 1)[-1].split()[0] != "Z"


def read_owner(db: str | os.PathLike[str]) -> Owner | None:
    """The live owner the store's owner file names; None when there is no file, it cannot be
    read, or its process is gone."""
    try:
        record = json.loads(owner_path(db).read_text(encoding="utf-8"))
        owner = Owner(
            int(record["pid"]), str(record["command"]), str(record["started"]), record.get("url")
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return owner if is_running(owner.pid) else None


def process_command(pid: int) -> str | None:
    """What the process ``pid`` runs, read from /proc, for naming a holder that wrote no owner
    file: "eventwire query" for our commands, else its first two words ("python pytest");
    None when it cannot be read."""
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return None
    words = [Path(word.decode("utf-8", "replace")).name for word in argv if word]
    for number, word in enumerate(words[:-1]):
        if word == "eventwire":
            return f"eventwire {words[number + 1]}"
    return " ".join(words[:2])[:60] or None


@contextmanager
def claim(db: str | os.PathLike[str], command: str, url: str | None = None) -> Iterator[Owner]:
    """Record this process as the owner of ``db`` while the block runs; call it once the
    store is open for writing (DuckDB's lock is then ours). The file is written whole or not
    at all, and removed at the end only if it still names this process."""
    owner = Owner(os.getpid(), command, dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), url)
    path = owner_path(db)
    if str(db) == ":memory:":
        yield owner
        return
    partial = path.with_name(f".{path.name}.{owner.pid}")
    partial.write_text(json.dumps(asdict(owner)) + "\n", encoding="utf-8")
    os.replace(partial, path)
    try:
        yield owner
    finally:
        current = read_owner(db)
        if current is not None and current.pid == owner.pid:
            path.unlink(missing_ok=True)


_WRITE_LOCKS: dict[str, threading.Lock] = {}
_WRITE_LOCKS_GUARD = threading.Lock()


def write_lock(db: str | os.PathLike[str]) -> threading.Lock:
    """The lock every writer of this process takes on the store at ``db`` (the API's
    ``POST /ingest`` and ``/load``, the server's live feed): one writes at a time, so one
    story linker goes on from the last."""
    key = str(db) if str(db) == ":memory:" else str(Path(db).resolve())
    with _WRITE_LOCKS_GUARD:
        return _WRITE_LOCKS.setdefault(key, threading.Lock())
