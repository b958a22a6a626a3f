"""The DuckDB event store: its schema and migrations (``schema``), idempotent writes, the
saved story linker, and every query (``queries``).

Every SQL statement of eventwire is in this package: ingest, the API, exports, the batch
runner and the live feed call ``Store``'s methods. Storing an article replaces what was stored
for its id, so ingesting it twice changes nothing. An older file is upgraded in place, one
migration step per schema version (``MIGRATIONS``). This is one of the three places that touch
the disk.
"""

from __future__ import annotations

import datetime as dt
import logging
import pickle
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Self

import duckdb

from .. import __version__
from ..errors import EventwireError
from ..model import Event, Problem, Result
from ..serialize import (
    ARTICLE_COLUMNS,
    EVENT_COLUMNS,
    PROBLEM_COLUMNS,
    QUOTE_COLUMNS,
    TIME_COLUMNS,
    article_row,
    canonical_row,
    event_from_row,
    event_row,
    light_result,
    problem_row,
    quote_row,
    story_row,
    time_row,
)
from .queries import (
    EXPORT_COLUMNS,
    FILTERS,
    MAX_LIMIT,
    SORTS,
    Reads,
    event_filters,
    parse_day,
    quoted,
)
from .schema import (
    ARTICLE_TABLES,
    BAD_PICKLE,
    LINKER_FORMAT,
    MIGRATIONS,
    SCHEMA_VERSION,
    TABLES,
    VIEWS,
)

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
]

log = logging.getLogger(__name__)


class Store(Reads):
    """The DuckDB event store. ``read_only`` opens an existing file without changing it (the API
    serves that way unless writes are enabled); ``cursor()`` gives a store for another thread."""

    def __init__(self, path: str | Path = "eventwire.duckdb", read_only: bool = False):
        self.path = str(path)
        if read_only:
            self.connection = duckdb.connect(self.path, read_only=True)
            return
        self.connection = duckdb.connect(self.path)
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
        return twin

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

    def record_run(
        self,
        run_id: str,
        data_version: str,
        counts: dict[str, int],
        started: dt.datetime | None = None,
    ) -> None:
        """Record (or replace) a run: when it started, the code and data that ran, its counts."""
        counted = [counts.get(key, 0) for key in ("articles", "events", "problems")]
        row = [run_id, started or dt.datetime.now(), __version__, data_version, *counted]
        self.connection.execute("INSERT OR REPLACE INTO runs VALUES (?, ?, ?, ?, ?, ?, ?)", row)

    # ------------------------------------------------------------ writes
    def write(
        self,
        items: Iterable[Result | Problem],
        run_id: str,
        data_version: str = "",
        batch: int = 200,
    ) -> dict[str, int]:
        """Store results (and failed inputs as problems), ``batch`` articles per transaction:
        an article stored before is replaced whole, and what a transaction committed stays
        when a later one fails. Records the run with these counts."""
        counts = {"articles": 0, "events": 0, "problems": 0}
        pending: dict[str, Result] = {}
        failures: list[Problem] = []
        for item in items:
            if isinstance(item, Problem):
                failures.append(item)
                counts["problems"] += 1
                continue
            pending[item.article.id] = item  # the same article twice: the later one wins
            counts["articles"] += 1
            counts["events"] += len(item.events)
            counts["problems"] += len(item.problems)
            if len(pending) >= batch:
                self._write_batch(list(pending.values()), run_id)
                pending.clear()
        if pending:
            self._write_batch(list(pending.values()), run_id)
        self._insert("problems", PROBLEM_COLUMNS, [problem_row(None, p, run_id) for p in failures])
        self.record_run(run_id, data_version, counts)
        return counts

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """All or nothing: commit what the block wrote, or roll it back and raise."""
        self.connection.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")

    def _insert(self, table: str, columns: Iterable[str], rows: list[list]) -> None:
        """Many rows in one statement: each column goes in as one list parameter."""
        if not rows:
            return
        names = list(columns)
        values = [list(column) for column in zip(*rows, strict=True)]
        selects = ", ".join(f"unnest(?) AS c{n}" for n in range(len(names)))
        self.connection.execute(
            f"INSERT INTO {table} ({', '.join(names)}) SELECT * FROM (SELECT {selects})", values
        )

    def _delete_articles(self, ids: list[str]) -> None:
        """Remove what is stored for these articles (those stored at all)."""
        stored = [
            row[0]
            for row in self.connection.execute(
                "SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [ids]
            ).fetchall()
        ]
        if stored:
            for table in ARTICLE_TABLES:
                key = "id" if table == "articles" else "article_id"
                self.connection.execute(
                    f"DELETE FROM {table} WHERE {key} IN (SELECT unnest(?))", [stored]
                )

    def _write_batch(self, results: list[Result], run_id: str) -> None:
        with self._transaction():
            self._delete_articles([r.article.id for r in results])
            self._insert("articles", ARTICLE_COLUMNS, [article_row(r, run_id) for r in results])
            events, quotes, times, problems = [], [], [], []
            for r in results:
                events += [event_row(e, r.data_version) for e in r.events]
                quotes += [quote_row(r.article, q) for q in r.quotes]
                times += [time_row(r.article.id, x) for x in r.times]
                problems += [problem_row(r.article.id, p, run_id) for p in r.problems]
            self._insert("events", EVENT_COLUMNS, events)
            self._insert("quotes", QUOTE_COLUMNS, quotes)
            self._insert("time_expressions", TIME_COLUMNS, times)
            self._insert("problems", PROBLEM_COLUMNS, problems)

    def import_parts(
        self, folder: str | Path, run_id: str, data_version: str = ""
    ) -> dict[str, int]:
        """Load the Parquet parts of a batch run (``articles/`` and ``events/day=…/``) in one
        transaction, replacing earlier versions of the same articles, and record the run."""
        folder = Path(folder)
        articles = quoted(folder / "articles" / "*.parquet")
        events = quoted(folder / "events" / "*" / "*.parquet")
        has_events = any((folder / "events").glob("*/*.parquet"))
        c = self.connection
        with self._transaction():
            c.execute(
                f"CREATE OR REPLACE TEMP TABLE incoming AS SELECT * FROM read_parquet({articles})"
            )
            for table in ARTICLE_TABLES:
                key = "id" if table == "articles" else "article_id"
                c.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT id FROM incoming)")
            columns = ", ".join(row[0] for row in c.execute("DESCRIBE articles").fetchall())
            c.execute(f"INSERT INTO articles ({columns}) SELECT {columns} FROM incoming")
            count_events = 0
            if has_events:
                names = ", ".join(EVENT_COLUMNS)
                c.execute(
                    f"INSERT INTO events ({names}) SELECT {names} "
                    f"FROM read_parquet({events}, hive_partitioning = true)"
                )
                count_events = self._value(f"SELECT count(*) FROM read_parquet({events})")
            counts = {
                "articles": self._value("SELECT count(*) FROM incoming"),
                "events": count_events,
            }
            self.record_run(run_id, data_version, counts)
        return counts

    def export_parts(self, folder: str | Path, part: str) -> int:
        """Write what this store holds as the Parquet parts of a batch run: its articles to
        ``articles/part-<part>.parquet`` and its events, with their article's outlet, address
        and origin, under ``events/day=<event date>/``. Returns the number of events."""
        folder = Path(folder)
        (folder / "articles").mkdir(parents=True, exist_ok=True)
        target = quoted(folder / "articles" / f"part-{part}.parquet")
        self.connection.execute(f"COPY articles TO {target} (FORMAT parquet)")
        count = self.count("events")
        if count:
            self.connection.execute(
                "COPY (SELECT e.*, coalesce(CAST(e.date AS VARCHAR), 'unknown') AS day, "
                "a.outlet, a.url, a.origin FROM events e JOIN articles a ON a.id = e.article_id) "
                f"TO {quoted(folder / 'events')} (FORMAT parquet, PARTITION_BY (day), "
                f"OVERWRITE_OR_IGNORE, FILENAME_PATTERN 'part-{part}-{{i}}')"
            )
        return count

    def write_links(self, results: list[Result]) -> None:
        """For results already stored: record their articles' stories, their events' merged
        events and the contradictions found on linking, in one transaction."""
        if not results:
            return
        c = self.connection
        with self._transaction():
            c.execute(
                "UPDATE articles SET story = links.story FROM (SELECT unnest(?) AS id, "
                "unnest(?) AS story) AS links WHERE articles.id = links.id",
                [[r.article.id for r in results], [r.story for r in results]],
            )
            merged = [(e.id, e.canonical_id) for r in results for e in r.events]
            if merged:
                c.execute(
                    "UPDATE events SET canonical_id = links.canonical FROM (SELECT unnest(?) AS "
                    "id, unnest(?) AS canonical) AS links WHERE events.id = links.id",
                    [[e for e, _ in merged], [m for _, m in merged]],
                )
            contradictions = [
                problem_row(r.article.id, p, None)
                for r in results
                for p in r.problems
                if p.code == "contradiction"
            ]
            self._insert("problems", PROBLEM_COLUMNS, contradictions)

    def write_canonical(self, events: Iterable) -> int:
        """Store merged events (``merge.EventMerger.events()``), replacing earlier versions."""
        return self._replace("canonical_events", [canonical_row(e) for e in events])

    def write_stories(self, stories: Iterable) -> int:
        """Store stories (``stories.StoryClusterer.stories()``), replacing earlier versions."""
        return self._replace("stories", [story_row(story) for story in stories])

    def _replace(self, table: str, rows: list[list]) -> int:
        for row in rows:
            marks = ", ".join("?" * len(row))
            self.connection.execute(f"INSERT OR REPLACE INTO {table} VALUES ({marks})", row)
        return len(rows)

    # ------------------------------------------------------------ the story linker
    def save_linker(self, linker: object) -> None:
        """Keep the story linker (clusters and merged events in memory) so the next ingest or
        watch continues its stories. It is pickled, with ``LINKER_FORMAT`` next to it: the store
        is trusted like any file of one's own."""
        self.connection.execute(
            "INSERT OR REPLACE INTO linker_state (id, state, saved, format) VALUES (1, ?, ?, ?)",
            [
                pickle.dumps(linker, protocol=pickle.HIGHEST_PROTOCOL),
                dt.datetime.now(),
                LINKER_FORMAT,
            ],
        )

    def load_linker(self) -> Any:
        """The story linker saved by the last run, or None when none was saved. A linker this
        code cannot read (saved in another format, or failing to unpickle) is None too, said
        loudly: a warning in the log and a ``stories_restarted`` problem row, since the stories
        then start afresh."""
        row = self.connection.execute(
            "SELECT state, format FROM linker_state WHERE id = 1"
        ).fetchone()
        if row is None:
            return None
        state, format_ = row
        # a linker saved before formats were recorded (schema 3) is read if it can be
        if format_ is not None and format_ != LINKER_FORMAT:
            reason = f"it was saved in format {format_}, this eventwire reads {LINKER_FORMAT}"
        else:
            try:
                return pickle.loads(state)
            except BAD_PICKLE as error:
                reason = f"it cannot be read ({type(error).__name__}: {error})"
        message = (
            f"{self.path}: the saved story linker is ignored: {reason}; stories and merged events "
            "start afresh (stored ones are kept; re-ingest with --force to rebuild them)"
        )
        log.warning("%s", message)
        problem = Problem("stories_restarted", message, self.path, "stories")
        self._insert("problems", PROBLEM_COLUMNS, [problem_row(None, problem, None)])
        return None

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
        for begin in range(0, len(ids), chunk):
            part = ids[begin : begin + chunk]
            articles = {
                row["id"]: row
                for row in self._rows(
                    "SELECT id, title, date, date_source, outlet, url, origin, text, data_version "
                    "FROM articles WHERE id IN (SELECT unnest(?))",
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
            for article_id in part:
                yield light_result(articles[article_id], tuple(events.get(article_id, ())))
