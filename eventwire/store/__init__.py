"""The DuckDB event store: its schema and migrations (``schema``), idempotent writes, the
saved story linker, and every query (``queries``).

Every SQL statement of eventwire is in this package: ingest, the API, exports, the batch
runner and the live feed call ``Store``'s methods. Storing an article replaces what was stored
for its id, so ingesting it twice changes nothing. An older file is upgraded in place, one
migration step per schema version (``MIGRATIONS``). This is one of the three places that touch
the disk.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Self, TypeVar

import duckdb

from ..errors import EventwireError
from ..model import DATELINE_EVIDENCE, Event, Result
from ..serialize import (
    EVENT_COLUMNS,
    event_from_row,
    light_result,
    mention_from_row,
    place_from_row,
)
from ..settings import Settings, load_settings
from .queries import EXPORT_COLUMNS, FILTERS, MAX_LIMIT, SORTS, event_filters, parse_day
from .schema import LINKER_FORMAT, MIGRATIONS, SCHEMA_VERSION, TABLES, VIEWS
from .upkeep import Upkeep, restore_file

__all__ = [
    "EXPORT_COLUMNS",
    "FILTERS",
    "LINKER_FORMAT",
    "MAX_LIMIT",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "SORTS",
    "TABLES",
    "Store",
    "event_filters",
    "parse_day",
    "restore_file",
]

log = logging.getLogger(__name__)
T = TypeVar("T")


def _connect(
    path: str, read_only: bool = False, settings: Settings | None = None
) -> duckdb.DuckDBPyConnection:
    """A connection to the store file, or ``StoreBusy`` when another process holds it: named
    by the store's owner file (``owner``), else by the process id DuckDB reports. DuckDB's
    memory and threads are set from ``settings`` (``db_memory_limit``, ``db_threads``)."""
    import re

    from ..errors import StoreBusy
    from ..owner import process_command, read_owner

    settings = settings or load_settings()
    try:
        connection = duckdb.connect(path, read_only=read_only)
        # both are the database's, shared by every connection of the process to this file; the
        # values were checked when the settings were read
        connection.execute(f"SET memory_limit = '{settings.db_memory_limit}'")
        if settings.db_threads:
            connection.execute(f"SET threads = {int(settings.db_threads)}")
        return connection
    except duckdb.IOException as error:
        if "lock" not in str(error).lower():
            raise
        holder = read_owner(path)
        if holder is not None:
            raise StoreBusy(path, holder.pid, holder.command, holder.url) from None
        found = re.search(r"\(PID (\d+)\)", str(error))
        pid = int(found.group(1)) if found else None
        raise StoreBusy(path, pid, process_command(pid) if pid else None) from None


class Store(Upkeep):
    """The DuckDB event store. ``read_only`` opens an existing file without changing it (readers
    such as ``query`` and ``export`` share a file no one writes); ``cursor()`` gives a store for
    another thread of the process that opened it. DuckDB's memory and threads come from
    ``settings`` (default: the user's, ``settings.load_settings``)."""

    def __init__(
        self,
        path: str | Path = "eventwire.duckdb",
        read_only: bool = False,
        settings: Settings | None = None,
    ):
        self.path = str(path)
        self.read_only, self.settings = read_only, settings
        # the stores ``cursor`` gave, moved to the new connection when the file is reopened
        self.family: weakref.WeakSet[Store] = weakref.WeakSet()
        if read_only:
            self.connection = _connect(self.path, read_only=True, settings=settings)
            return
        self.connection = _connect(self.path, settings=settings)
        self.migrate()
        self.connection.execute(VIEWS)

    # ------------------------------------------------------------ schema
    def schema_version(self) -> int:
        """The schema version the file records (0: a new file, or one older than ``meta``)."""
        tables = {row[0] for row in self.connection.execute("SHOW TABLES").fetchall()}
        if "meta" not in tables:
            return 0
        value = self.meta("schema_version")
        return int(value) if value else 0

    def migrate(self) -> list[int]:
        """Bring the file to ``SCHEMA_VERSION``: run, in order, the migration steps above its
        version, each in a transaction that also records the new version. Returns the versions
        reached."""
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise EventwireError(
                f"{self.path}: the store is of schema {version}, newer than this eventwire's "
                f"{SCHEMA_VERSION}; upgrade eventwire to use it"
            )
        done = []
        for target, sql in sorted(MIGRATIONS.items()):
            if target <= version:
                continue
            with self._transaction():
                self.connection.execute(sql)
                self.set_meta("schema_version", str(target))
            if version:
                log.info("%s: store upgraded to schema %d", self.path, target)
            done.append(target)
        return done

    def cursor(self) -> Store:
        """The same store on a connection of its own, for use from another thread."""
        twin = object.__new__(Store)
        twin.path, twin.connection = self.path, self.connection.cursor()
        twin.read_only, twin.settings, twin.family = self.read_only, self.settings, self.family
        self.family.add(twin)
        return twin

    def reopen(self) -> None:
        """Close the file and open it again, every store ``cursor`` gave (of this store or of
        its cursors) moved to the new connection. DuckDB keeps a little memory for every write
        transaction committed until the file is closed (about 10 KB per eventwire write), so a
        process that writes for months reopens its store now and then (the server:
        ``api.server.Service``). Only the store that opened the file reopens it, while none of
        its cursors is in use."""
        twins = list(self.family)
        for twin in twins:
            twin.connection.close()
        self.connection.close()
        self.connection = _connect(self.path, self.read_only, self.settings)
        for twin in twins:
            twin.connection = self.connection.cursor()

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ meta and runs
    def meta(self, key: str) -> str | None:
        """A value kept in the ``meta`` table (the schema version, the live feed's positions)."""
        return self._value("SELECT value FROM meta WHERE key = ?", [key])

    def set_meta(self, key: str, value: str) -> None:
        self.connection.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])

    def meta_items(self, prefix: str) -> dict[str, str]:
        """Every ``meta`` key starting with ``prefix``, with its value."""
        rows = self.connection.execute(
            "SELECT key, value FROM meta WHERE starts_with(key, ?)", [prefix]
        ).fetchall()
        return dict(rows)

    # ------------------------------------------------------------ reads
    def stored_versions(self) -> dict[str, tuple[str, str]]:
        """article id -> (MD5 of its text, data version) of every stored article: what an
        ingest may skip. The hash is taken in the database, so no text is loaded."""
        rows = self.connection.execute("SELECT id, md5(text), data_version FROM articles")
        return {row[0]: (row[1], row[2]) for row in rows.fetchall()}

    def unlinked(self, chunk: int = 500) -> Iterator[Result]:
        """The stored articles no story holds yet (those a batch run loaded), in date order,
        rebuilt from their rows as light pipeline results: the article, its events, and the
        actors and places the events name. Enough for stories and merging
        (``merge.StoryLinker``), not for coding again."""
        unlinked = "SELECT id FROM articles WHERE story IS NULL ORDER BY date NULLS LAST, id"
        ids = [row[0] for row in self.connection.execute(unlinked).fetchall()]
        return self._light_results(ids, chunk)

    def undated_in(self, stories: Iterable[str]) -> list[Result]:
        """The stored articles of ``stories`` that came without a date (inferred, taken from
        their story or none), as ``unlinked`` rebuilds them, with their story: those a newly
        dated report of their story may date (``story_dates.StoryDater.redate_stored``)."""
        undated = (
            "SELECT id FROM articles WHERE story IN (SELECT unnest(?)) "
            "AND date_source IS DISTINCT FROM 'given' ORDER BY id"
        )
        ids = [row[0] for row in self.connection.execute(undated, [list(stories)]).fetchall()]
        return list(self._light_results(ids))

    def _by_article(
        self, table: str, ids: list[str], build: Callable[[dict], T]
    ) -> dict[str, list[T]]:
        """The rows of an article table (``mentions``, ``places``) of ``ids``, built, by article
        in text order."""
        found: dict[str, list[T]] = {}
        for row in self._rows(
            f"SELECT * FROM {table} WHERE article_id IN (SELECT unnest(?)) "
            "ORDER BY article_id, start_offset, end_offset",
            [ids],
        ):
            found.setdefault(row["article_id"], []).append(build(row))
        return found

    def _light_results(self, ids: list[str], chunk: int = 500) -> Iterator[Result]:
        for begin in range(0, len(ids), chunk):
            part = ids[begin : begin + chunk]
            articles = {
                row["id"]: row
                for row in self._rows(
                    "SELECT id, title, date, date_source, outlet, url, origin, text, "
                    "data_version, story FROM articles WHERE id IN (SELECT unnest(?))",
                    [part],
                )
            }
            events: dict[str, list[Event]] = {}
            for row in self._rows(
                f"SELECT {', '.join(EVENT_COLUMNS)} FROM events WHERE article_id IN "
                "(SELECT unnest(?)) ORDER BY article_id, sentence_start, trigger_start, id",
                [part],
            ):
                event = event_from_row(row)
                events.setdefault(event.article_id, []).append(event)
            # an article dated from its dateline states its date (``Result.stated_date``)
            datelined = {
                row["article_id"]
                for row in self._rows(
                    "SELECT article_id FROM problems WHERE article_id IN (SELECT unnest(?)) "
                    "AND code = 'date_inferred' AND message LIKE ?",
                    [part, f"%evidence: {DATELINE_EVIDENCE}%"],
                )
            }
            mentions = self._by_article("mentions", part, mention_from_row)
            places = self._by_article("places", part, place_from_row)
            for article_id in part:
                # an article stored before schema 6 has no mention or place rows
                named = article_id in mentions or article_id in places
                yield light_result(
                    articles[article_id],
                    tuple(events.get(article_id, ())),
                    datelined=article_id in datelined,
                    mentions=tuple(mentions.get(article_id, ())) if named else None,
                    places=tuple(places.get(article_id, ())) if named else None,
                )
