"""The DuckDB event store: schema and its migrations, idempotent writes, every query.

Every SQL statement of eventwire is here: ingest, the API, exports, the batch runner and the
live feed call ``Store``'s methods. Storing an article replaces what was stored for its id, so
ingesting it twice changes nothing; ``write`` commits ``batch`` articles per transaction. An
older file is upgraded in place, one migration step per schema version (``MIGRATIONS``). This
is one of the three modules that touch the disk.
"""

from __future__ import annotations

import datetime as dt
import logging
import pickle
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Self

import duckdb

from . import __version__
from .errors import PROBLEM_CODES, EventwireError, QueryError
from .model import PLOVER_TYPES, Event, Problem, Result
from .serialize import (
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

log = logging.getLogger(__name__)

# Each step takes a file from the version before to its own; a file records its version in
# ``meta`` and runs only the steps above it, in order, each once. A new file runs them all.
MIGRATIONS: dict[int, str] = {
    1: """
-- the first tables
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS runs (
    id VARCHAR PRIMARY KEY, started TIMESTAMP, code_version VARCHAR, data_version VARCHAR,
    articles INTEGER, events INTEGER, problems INTEGER);
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, title VARCHAR, date DATE, date_source VARCHAR, outlet VARCHAR,
    url VARCHAR, origin VARCHAR, text VARCHAR, run_id VARCHAR, data_version VARCHAR);
CREATE TABLE IF NOT EXISTS events (
    id VARCHAR PRIMARY KEY, article_id VARCHAR, type VARCHAR, mode VARCHAR,
    source_text VARCHAR, source_name VARCHAR, source_country VARCHAR, source_sector VARCHAR,
    source_start INTEGER, source_end INTEGER,
    target_text VARCHAR, target_name VARCHAR, target_country VARCHAR, target_sector VARCHAR,
    target_start INTEGER, target_end INTEGER,
    trigger_start INTEGER, trigger_end INTEGER, sentence_start INTEGER, sentence_end INTEGER,
    date DATE, date_granularity VARCHAR, date_method VARCHAR,
    location_name VARCHAR, location_country VARCHAR,
    negated BOOLEAN, hypothetical BOOLEAN, future BOOLEAN,
    cameo VARCHAR, quad_class INTEGER, intensity DOUBLE, confidence DOUBLE, rule VARCHAR,
    data_version VARCHAR);
CREATE TABLE IF NOT EXISTS time_expressions (
    article_id VARCHAR, start_offset INTEGER, end_offset INTEGER, text VARCHAR, type VARCHAR,
    value VARCHAR);
CREATE TABLE IF NOT EXISTS problems (
    article_id VARCHAR, origin VARCHAR, code VARCHAR, stage VARCHAR, message VARCHAR,
    run_id VARCHAR);
""",
    2: """
-- events gain who reported them; quotes
ALTER TABLE events ADD COLUMN reported_by_name VARCHAR;
ALTER TABLE events ADD COLUMN reported_by_country VARCHAR;
ALTER TABLE events ADD COLUMN reported_by_sector VARCHAR;
ALTER TABLE events ADD COLUMN reported VARCHAR;
CREATE TABLE IF NOT EXISTS quotes (
    article_id VARCHAR, content_start INTEGER, content_end INTEGER, content VARCHAR,
    source_start INTEGER, source_end INTEGER, source_text VARCHAR, cue_start INTEGER,
    cue_end INTEGER, cue VARCHAR, speaker_name VARCHAR, speaker_country VARCHAR,
    speaker_sector VARCHAR, direct BOOLEAN, medium VARCHAR);
""",
    3: """
-- articles gain their story, events their merged event; merged events and stories
ALTER TABLE articles ADD COLUMN story VARCHAR;
ALTER TABLE events ADD COLUMN canonical_id VARCHAR;
CREATE TABLE IF NOT EXISTS canonical_events (
    id VARCHAR PRIMARY KEY, story VARCHAR, type VARCHAR, mode VARCHAR,
    source_name VARCHAR, source_country VARCHAR, source_sector VARCHAR,
    target_name VARCHAR, target_country VARCHAR, target_sector VARCHAR,
    date DATE, date_granularity VARCHAR, date_method VARCHAR, location_name VARCHAR,
    location_country VARCHAR, negated BOOLEAN, hypothetical BOOLEAN, cameo VARCHAR,
    quad_class INTEGER, intensity DOUBLE, num_mentions INTEGER, num_articles INTEGER,
    num_sources INTEGER, first_seen DATE, last_seen DATE, article_ids VARCHAR[],
    outlets VARCHAR[]);
CREATE TABLE IF NOT EXISTS stories (
    id VARCHAR PRIMARY KEY, title VARCHAR, articles INTEGER, article_ids VARCHAR[],
    actors VARCHAR[], places VARCHAR[], first_date DATE, last_date DATE);
""",
    4: """
-- the saved story linker records its format
CREATE TABLE IF NOT EXISTS linker_state (id INTEGER PRIMARY KEY, state BLOB, saved TIMESTAMP);
ALTER TABLE linker_state ADD COLUMN format INTEGER;
""",
}
SCHEMA_VERSION = max(MIGRATIONS)

# views over the tables: every article event as a mention of its merged event, and every
# coded actor
_VIEWS = """
CREATE OR REPLACE VIEW event_mentions AS
    SELECT e.canonical_id, e.id AS event_id, e.article_id, a.outlet, a.date AS article_date,
           e.sentence_start, e.sentence_end
    FROM events e JOIN articles a ON a.id = e.article_id;
CREATE OR REPLACE VIEW actors AS
    SELECT name, country, sector, count(*) AS events, count(DISTINCT article_id) AS articles,
           min(date) AS first_date, max(date) AS last_date
    FROM (SELECT source_name AS name, source_country AS country, source_sector AS sector,
                 article_id, date
          FROM events WHERE source_name IS NOT NULL
          UNION ALL
          SELECT target_name, target_country, target_sector, article_id, date FROM events
          WHERE target_name IS NOT NULL)
    GROUP BY name, country, sector;
"""
# the tables and views ``count`` answers for
TABLES = frozenset(re.findall(r"CREATE TABLE IF NOT EXISTS (\w+)", "".join(MIGRATIONS.values())))
TABLES |= {"actors", "event_mentions"}
# what an article's rows are kept under: replaced whole when the article is stored again
_ARTICLE_TABLES = ("events", "time_expressions", "quotes", "problems", "articles")
# The story linker is pickled: raise this when StoryLinker, StoryClusterer or EventMerger
# change what they keep, so a linker saved by other code is refused with a warning instead
# of failing later.
LINKER_FORMAT = 1
# what unpickling an object saved by other code raises: its class or module is gone, or its
# fields changed
_BAD_PICKLE = (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError)

MAX_LIMIT = 10_000
EXPORT_COLUMNS = (*EVENT_COLUMNS, "story", "outlet", "url", "origin")  # of ``event_rows``
Day = str | dt.date | None  # a date filter: YYYY-MM-DD or a date
# sort keys a caller may ask for, and the SQL they stand for (never the caller's text)
SORTS = {
    "date": "e.date NULLS LAST",
    "-date": "e.date DESC NULLS LAST",
    "intensity": "e.intensity",
    "-intensity": "e.intensity DESC",
    "type": "e.type",
    "confidence": "e.confidence",
    "-confidence": "e.confidence DESC",
}
# the event filters and what each takes: the CLI's options and the API's parameters
FILTERS = {
    "actor": "actor name (part of it, any case) or code in capitals: RUS, USAGOV",
    "country": "source or target country code",
    "sector": "source or target sector code (GOV, MIL, ...)",
    "type": "PLOVER event type",
    "quad_class": "1 verbal cooperation, 2 material cooperation, 3 verbal, 4 material conflict",
    "since": "first event date, YYYY-MM-DD",
    "until": "last event date, YYYY-MM-DD",
    "story": "story id",
    "outlet": "outlet name (part of it)",
    "q": "words in the evidence sentence",
}


def parse_day(parameter: str, value: str | dt.date) -> dt.date:
    """A YYYY-MM-DD filter value, or a QueryError naming the parameter."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise QueryError(parameter, f"{value!r} is not a date (YYYY-MM-DD)") from None


def _actor_clause(value: str) -> tuple[str, list]:
    if re.fullmatch(r"[A-Z]{2,4}(?:[A-Z]{3})?", value):
        # a code, written in capitals: a country ("RUS", "EU") or a country and a sector
        # ("USAGOV")
        clause = (
            "(e.source_country = ? OR e.target_country = ? OR "
            "e.source_country || coalesce(e.source_sector, '') = ? OR "
            "e.target_country || coalesce(e.target_sector, '') = ?)"
        )
        return clause, [value] * 4
    return "(e.source_name ILIKE ? OR e.target_name ILIKE ?)", [f"%{value}%"] * 2


def _filter_clause(key: str, value: str) -> tuple[str, list]:
    """The SQL condition and parameters of one event filter (see ``event_filters``)."""
    if key == "actor":
        return _actor_clause(value)
    if key in ("country", "sector"):
        return f"(e.source_{key} = ? OR e.target_{key} = ?)", [value.upper()] * 2
    if key == "type":
        if value.upper() not in PLOVER_TYPES:
            raise QueryError(key, f"{value!r} is not a PLOVER type ({', '.join(PLOVER_TYPES)})")
        return "e.type = ?", [value.upper()]
    if key == "quad_class":
        if value not in ("1", "2", "3", "4"):
            raise QueryError(key, "expected 1, 2, 3 or 4")
        return "e.quad_class = ?", [int(value)]
    if key in ("since", "until"):
        return ("e.date >= ?" if key == "since" else "e.date <= ?"), [parse_day(key, value)]
    if key == "story":
        return "a.story = ?", [value]
    if key == "outlet":
        return "a.outlet ILIKE ?", [f"%{value}%"]
    sentence = "substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start)"
    return f"{sentence} ILIKE ?", [f"%{value}%"]


def event_filters(filters: dict) -> tuple[str, list]:
    """The WHERE clause and parameters for event filters (``FILTERS`` says what each takes;
    dates include both ends)."""
    clauses, params = [], []
    for key, value in filters.items():
        if value is None or value == "":
            continue
        if key not in FILTERS:
            raise QueryError(key, f"unknown filter; use {', '.join(FILTERS)}")
        clause, values = _filter_clause(key, str(value).strip())
        clauses.append(clause)
        params += values
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def _where(conditions: list[tuple[str, object]]) -> tuple[str, list]:
    """A WHERE clause of the conditions whose value was given, and their parameters."""
    given = [(clause, value) for clause, value in conditions if value is not None and value != ""]
    return ("WHERE " + " AND ".join(c for c, _ in given)) if given else "", [v for _, v in given]


def _day(parameter: str, value: Day) -> dt.date | None:
    return None if value is None or value == "" else parse_day(parameter, value)


def _side(role: str) -> str:
    """A dyad side: a country code, a country and sector code, or (part of) a name."""
    return (
        f"({role}_country = ? OR {role}_country || coalesce({role}_sector, '') = ? "
        f"OR {role}_name ILIKE ?)"
    )


def _quoted(path: str | Path) -> str:
    """A file name as an SQL string literal (COPY and read_parquet take no parameters)."""
    return "'" + str(path).replace("'", "''") + "'"


class Store:
    """The DuckDB event store. ``read_only`` opens an existing file without changing it (the API
    serves that way unless writes are enabled); ``cursor()`` gives a store for another thread."""

    def __init__(self, path: str | Path = "eventwire.duckdb", read_only: bool = False):
        self.path = str(path)
        if read_only:
            self.connection = duckdb.connect(self.path, read_only=True)
            return
        self.connection = duckdb.connect(self.path)
        self.migrate()
        self.connection.execute(_VIEWS)

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

    def _rows(self, sql: str, params: list | None = None) -> list[dict]:
        """Rows of a query of ours as dicts (the SQL is ours; values come in as parameters)."""
        cursor = self.connection.execute(sql, params or [])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def _value(self, sql: str, params: list | None = None) -> Any:
        """The first column of the first row of a query of ours, or None."""
        row = self.connection.execute(sql, params or []).fetchone()
        return None if row is None else row[0]

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
            for table in _ARTICLE_TABLES:
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
        articles = _quoted(folder / "articles" / "*.parquet")
        events = _quoted(folder / "events" / "*" / "*.parquet")
        has_events = any((folder / "events").glob("*/*.parquet"))
        c = self.connection
        with self._transaction():
            c.execute(
                f"CREATE OR REPLACE TEMP TABLE incoming AS SELECT * FROM read_parquet({articles})"
            )
            for table in _ARTICLE_TABLES:
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
        target = _quoted(folder / "articles" / f"part-{part}.parquet")
        self.connection.execute(f"COPY articles TO {target} (FORMAT parquet)")
        count = self.count("events")
        if count:
            self.connection.execute(
                "COPY (SELECT e.*, coalesce(CAST(e.date AS VARCHAR), 'unknown') AS day, "
                "a.outlet, a.url, a.origin FROM events e JOIN articles a ON a.id = e.article_id) "
                f"TO {_quoted(folder / 'events')} (FORMAT parquet, PARTITION_BY (day), "
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
            except _BAD_PICKLE as error:
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

    def query_events(
        self, filters: dict | None = None, limit: int = 100, offset: int = 0, sort: str = "date"
    ) -> list[dict]:
        """Events with their article's story and outlet, filtered (see ``event_filters``),
        sorted and paged. Every value goes in as a parameter."""
        where, params = event_filters(filters or {})
        order = SORTS.get(sort)
        if order is None:
            raise QueryError("sort", f"{sort!r} is not one of {', '.join(SORTS)}")
        for name, value in (("limit", limit), ("offset", offset)):
            if not isinstance(value, int) or value < 0 or name == "limit" and value > MAX_LIMIT:
                most = f" to {MAX_LIMIT}" if name == "limit" else ""
                raise QueryError(name, f"expected a whole number from 0{most}")
        # the page from the events table alone (unless a filter reads the article), then the
        # articles of that page only: a join of every matching event with its article would
        # cost far more
        join = "JOIN articles a ON a.id = e.article_id" if re.search(r"\ba\.", where) else ""
        ids = [
            row["id"]
            for row in self._rows(
                f"SELECT e.id FROM events e {join} {where} ORDER BY {order}, e.id LIMIT ? OFFSET ?",
                params + [limit, offset],
            )
        ]
        if not ids:
            return []
        # an IN list of parameters lets DuckDB use the primary-key index
        marks = ", ".join("?" * len(ids))
        found = {
            row["id"]: row for row in self._rows(f"SELECT * FROM events WHERE id IN ({marks})", ids)
        }
        rows = [found[i] for i in ids]
        article_ids = sorted({row["article_id"] for row in rows})
        articles = {
            row["id"]: row
            for row in self._rows(
                "SELECT id, story, outlet, url, title, text FROM articles "
                f"WHERE id IN ({', '.join('?' * len(article_ids))})",
                article_ids,
            )
        }
        for row in rows:
            article = articles.get(row["article_id"], {})
            text = article.get("text") or ""
            row.update(
                story=article.get("story"),
                outlet=article.get("outlet"),
                url=article.get("url"),
                article_title=article.get("title"),
                sentence=text[row["sentence_start"] : row["sentence_end"]] if text else None,
            )
        return rows

    def articles(self, filters: dict, limit: int = 100, offset: int = 0) -> list[dict]:
        """Stored articles (without their text), newest first, with their count of events;
        ``filters`` may hold ``story``, ``outlet`` (part of its name), ``since`` and ``until``."""
        outlet = filters.get("outlet")
        where, params = _where(
            [
                ("a.story = ?", filters.get("story")),
                ("a.outlet ILIKE ?", outlet and f"%{outlet}%"),
                ("a.date >= ?", _day("since", filters.get("since"))),
                ("a.date <= ?", _day("until", filters.get("until"))),
            ]
        )
        return self._rows(
            "SELECT a.id, a.title, a.date, a.date_source, a.outlet, a.url, a.story, "
            "(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events FROM articles a "
            f"{where} ORDER BY a.date DESC NULLS LAST, a.id LIMIT ? OFFSET ?",
            params + [limit, offset],
        )

    def stories(self, limit: int = 100, offset: int = 0) -> list[dict]:
        """Stored stories, latest first, with their count of merged events."""
        return self._rows(
            "SELECT s.*, (SELECT count(*) FROM canonical_events c WHERE c.story = s.id) AS events "
            "FROM stories s ORDER BY s.last_date DESC NULLS LAST, s.articles DESC, s.id "
            "LIMIT ? OFFSET ?",
            [limit, offset],
        )

    def story(self, story_id: str) -> dict | None:
        """One story with its articles, its merged events and its articles' problems; None
        when there is no such story."""
        found = self._rows("SELECT * FROM stories WHERE id = ?", [story_id])
        if not found:
            return None
        return {
            **found[0],
            "articles": self._rows(
                "SELECT id, title, date, outlet, url FROM articles WHERE story = ? "
                "ORDER BY date NULLS LAST, id",
                [story_id],
            ),
            "events": self._rows(
                "SELECT * FROM canonical_events WHERE story = ? "
                "ORDER BY date NULLS LAST, num_sources DESC, id",
                [story_id],
            ),
            "problems": self._rows(
                "SELECT p.article_id, p.code, p.message FROM problems p JOIN articles a "
                "ON a.id = p.article_id WHERE a.story = ? ORDER BY p.code, p.article_id",
                [story_id],
            ),
        }

    def actors(
        self, q: str | None = None, country: str | None = None, limit: int = 100, offset: int = 0
    ) -> list[dict]:
        """Coded actors (the ``actors`` view), most events first; ``q`` is part of a name."""
        where, params = _where(
            [("name ILIKE ?", q and f"%{q}%"), ("country = ?", country and country.upper())]
        )
        return self._rows(
            f"SELECT * FROM actors {where} ORDER BY events DESC, name LIMIT ? OFFSET ?",
            params + [limit, offset],
        )

    def dyad_counts(self, source: str, target: str, since: Day = None, until: Day = None) -> list:
        """Distinct events (merged events counted once) from ``source`` to ``target`` (codes
        such as RUS or USAGOV, or names) per day, type and QuadClass, with mean intensity."""
        where, params = _where(
            [("date >= ?", _day("since", since)), ("date <= ?", _day("until", until))]
        )
        where = f"{where} {'AND' if where else 'WHERE'} {_side('source')} AND {_side('target')}"
        params += [source.upper(), source.upper(), source, target.upper(), target.upper(), target]
        return self._rows(
            "SELECT date, type, quad_class, count(DISTINCT coalesce(canonical_id, id)) AS events, "
            f"avg(intensity) AS intensity FROM events {where} AND date IS NOT NULL "
            "GROUP BY date, type, quad_class ORDER BY date, type",
            params,
        )

    def problems(
        self,
        code: str | None = None,
        story: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[dict]:
        """Stored problems with their article's story, by code."""
        if code is not None and code not in PROBLEM_CODES:
            known = ", ".join(sorted(PROBLEM_CODES))
            raise QueryError("code", f"{code!r} is not a problem code ({known})")
        where, params = _where([("p.code = ?", code), ("a.story = ?", story)])
        return self._rows(
            "SELECT p.article_id, p.origin, p.code, p.stage, p.message, a.story FROM problems p "
            f"LEFT JOIN articles a ON a.id = p.article_id {where} ORDER BY p.code, p.article_id "
            "LIMIT ? OFFSET ?",
            params + [limit, offset],
        )

    def canonical_events(self, ids: Iterable[str]) -> dict[str, dict]:
        """Merged events by id."""
        rows = self._rows(
            "SELECT * FROM canonical_events WHERE id IN (SELECT unnest(?))", [sorted(set(ids))]
        )
        return {row["id"]: row for row in rows}

    def _export_select(self, filters: dict) -> tuple[str, list]:
        where, params = event_filters(filters)
        columns = ", ".join(f"e.{name}" for name in EVENT_COLUMNS)
        sql = (
            f"SELECT {columns}, a.story, a.outlet, a.url, a.origin FROM events e "
            f"JOIN articles a ON a.id = e.article_id {where} ORDER BY e.date NULLS LAST, e.id"
        )
        return sql, params

    def event_rows(self, filters: dict | None = None, chunk: int = 10_000) -> Iterator[dict]:
        """The stored event rows that pass ``filters``, with their article's story, outlet,
        address and origin (``EXPORT_COLUMNS``), by date; read ``chunk`` rows at a time."""
        cursor = self.connection.cursor()
        try:
            cursor.execute(*self._export_select(filters or {}))
            names = [d[0] for d in cursor.description]
            while rows := cursor.fetchmany(chunk):
                yield from (dict(zip(names, row, strict=True)) for row in rows)
        finally:
            cursor.close()

    def export_parquet(self, path: str | Path, filters: dict | None = None) -> int:
        """Write the rows ``event_rows`` gives to a Parquet file; returns how many."""
        sql, params = self._export_select(filters or {})
        self.connection.execute(f"CREATE OR REPLACE TEMP TABLE export_rows AS {sql}", params)
        self.connection.execute(f"COPY export_rows TO {_quoted(path)} (FORMAT parquet)")
        return self._value("SELECT count(*) FROM export_rows")

    def count(self, table: str) -> int:
        if table not in TABLES:
            raise ValueError(f"no table {table}")
        return self._value(f"SELECT count(*) FROM {table}")
