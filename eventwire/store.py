"""The DuckDB event store: schema, idempotent writes, simple reads.

Writing an article replaces whatever was stored for its id in one transaction,
so ingesting the same article twice changes nothing and an updated article
replaces its old results. This is one of the three modules that touch the disk.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from . import __version__
from .errors import QueryError
from .model import PLOVER_TYPES, Actor, Article, Event, Mention, Place, Problem, Result

SCHEMA_VERSION = 3
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS runs (
    id VARCHAR PRIMARY KEY, started TIMESTAMP, code_version VARCHAR, data_version VARCHAR,
    articles INTEGER, events INTEGER, problems INTEGER);
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, title VARCHAR, date DATE, date_source VARCHAR, outlet VARCHAR, url VARCHAR,
    origin VARCHAR, text VARCHAR, run_id VARCHAR, data_version VARCHAR, story VARCHAR);
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
    data_version VARCHAR, reported_by_name VARCHAR, reported_by_country VARCHAR, reported_by_sector VARCHAR,
    reported VARCHAR, canonical_id VARCHAR);
CREATE TABLE IF NOT EXISTS canonical_events (
    id VARCHAR PRIMARY KEY, story VARCHAR, type VARCHAR, mode VARCHAR,
    source_name VARCHAR, source_country VARCHAR, source_sector VARCHAR,
    target_name VARCHAR, target_country VARCHAR, target_sector VARCHAR,
    date DATE, date_granularity VARCHAR, date_method VARCHAR, location_name VARCHAR, location_country VARCHAR,
    negated BOOLEAN, hypothetical BOOLEAN, cameo VARCHAR, quad_class INTEGER, intensity DOUBLE,
    num_mentions INTEGER, num_articles INTEGER, num_sources INTEGER, first_seen DATE, last_seen DATE,
    article_ids VARCHAR[], outlets VARCHAR[]);
CREATE TABLE IF NOT EXISTS stories (
    id VARCHAR PRIMARY KEY, title VARCHAR, articles INTEGER, article_ids VARCHAR[], actors VARCHAR[],
    places VARCHAR[], first_date DATE, last_date DATE);
CREATE TABLE IF NOT EXISTS linker_state (id INTEGER PRIMARY KEY, state BLOB, saved TIMESTAMP);
CREATE TABLE IF NOT EXISTS time_expressions (
    article_id VARCHAR, start_offset INTEGER, end_offset INTEGER, text VARCHAR, type VARCHAR, value VARCHAR);
CREATE TABLE IF NOT EXISTS quotes (
    article_id VARCHAR, content_start INTEGER, content_end INTEGER, content VARCHAR,
    source_start INTEGER, source_end INTEGER, source_text VARCHAR, cue_start INTEGER, cue_end INTEGER,
    cue VARCHAR, speaker_name VARCHAR, speaker_country VARCHAR, speaker_sector VARCHAR, direct BOOLEAN,
    medium VARCHAR);
CREATE TABLE IF NOT EXISTS problems (
    article_id VARCHAR, origin VARCHAR, code VARCHAR, stage VARCHAR, message VARCHAR, run_id VARCHAR);
"""

# views over the tables: every article event as a mention of its merged event, and every coded actor
_VIEWS = """
CREATE OR REPLACE VIEW event_mentions AS
    SELECT e.canonical_id, e.id AS event_id, e.article_id, a.outlet, a.date AS article_date,
           e.sentence_start, e.sentence_end
    FROM events e JOIN articles a ON a.id = e.article_id;
CREATE OR REPLACE VIEW actors AS
    SELECT name, country, sector, count(*) AS events, count(DISTINCT article_id) AS articles,
           min(date) AS first_date, max(date) AS last_date
    FROM (SELECT source_name AS name, source_country AS country, source_sector AS sector, article_id, date
          FROM events WHERE source_name IS NOT NULL
          UNION ALL
          SELECT target_name, target_country, target_sector, article_id, date FROM events
          WHERE target_name IS NOT NULL)
    GROUP BY name, country, sector;
"""

_EVENT_COLUMNS = ", ".join(
    "id article_id type mode source_text source_name source_country source_sector source_start source_end "
    "target_text target_name target_country target_sector target_start target_end trigger_start trigger_end "
    "sentence_start sentence_end date date_granularity date_method location_name location_country negated "
    "hypothetical future cameo quad_class intensity confidence rule data_version reported_by_name "
    "reported_by_country reported_by_sector reported canonical_id".split()
)


def _mention_from_row(row: dict, side: str) -> Mention | None:
    name, text = row[f"{side}_name"], row[f"{side}_text"]
    if name is None and text is None:
        return None
    start, end = row[f"{side}_start"], row[f"{side}_end"]
    return Mention(
        -1 if start is None else start,
        -1 if end is None else end,
        text or "",
        Actor(name or text, row[f"{side}_country"], row[f"{side}_sector"]),
    )


def _event_from_row(row: dict) -> Event:
    """An event as the store holds it (``unlinked``)."""
    speaker = row["reported_by_name"]
    return Event(
        row["id"],
        row["article_id"],
        (row["sentence_start"], row["sentence_end"]),
        (row["trigger_start"], row["trigger_end"]),
        row["type"],
        row["mode"],
        _mention_from_row(row, "source"),
        _mention_from_row(row, "target"),
        row["date"],
        row["date_granularity"],
        row["date_method"],
        Place(row["location_name"], row["location_country"]) if row["location_name"] else None,
        bool(row["negated"]),
        bool(row["hypothetical"]),
        bool(row["future"]),
        row["cameo"],
        row["quad_class"],
        row["intensity"],
        row["confidence"],
        row["rule"] or "",
        Actor(speaker, row["reported_by_country"], row["reported_by_sector"]) if speaker else None,
        row["reported"],
    )


MAX_LIMIT = 10_000
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
FILTERS = (
    "actor",
    "country",
    "sector",
    "type",
    "quad_class",
    "since",
    "until",
    "story",
    "outlet",
    "q",
)


def parse_day(parameter: str, value: str) -> dt.date:
    """A YYYY-MM-DD filter value, or a QueryError naming the parameter."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise QueryError(parameter, f"{value!r} is not a date (YYYY-MM-DD)") from None


def event_filters(filters: dict) -> tuple[str, list]:
    """The WHERE clause and parameters for event filters:

    actor       a code in capitals, a country ("RUS") or a country and sector ("USAGOV"), else (part of)
                a name, any case
    country     the source's or the target's country code
    sector      the source's or the target's sector code
    type        a PLOVER event type
    quad_class  1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
    since/until event dates, YYYY-MM-DD, both ends included
    story       a story id
    outlet      (part of) the outlet's name
    q           words in the evidence sentence
    """
    clauses, params = [], []
    for key, value in filters.items():
        if value is None or value == "":
            continue
        if key not in FILTERS:
            raise QueryError(key, f"unknown filter; use {', '.join(FILTERS)}")
        value = str(value).strip()
        if key == "actor":
            if re.fullmatch(r"[A-Z]{2,4}(?:[A-Z]{3})?", value):
                # a code, written in capitals: a country ("RUS", "EU") or a country and a sector ("USAGOV")
                clauses.append(
                    "(e.source_country = ? OR e.target_country = ? OR "
                    "e.source_country || coalesce(e.source_sector, '') = ? OR "
                    "e.target_country || coalesce(e.target_sector, '') = ?)"
                )
                params += [value] * 4
            else:
                clauses.append("(e.source_name ILIKE ? OR e.target_name ILIKE ?)")
                params += [f"%{value}%"] * 2
        elif key == "country":
            clauses.append("(e.source_country = ? OR e.target_country = ?)")
            params += [value.upper(), value.upper()]
        elif key == "sector":
            clauses.append("(e.source_sector = ? OR e.target_sector = ?)")
            params += [value.upper(), value.upper()]
        elif key == "type":
            if value.upper() not in PLOVER_TYPES:
                raise QueryError(key, f"{value!r} is not a PLOVER type ({', '.join(PLOVER_TYPES)})")
            clauses.append("e.type = ?")
            params.append(value.upper())
        elif key == "quad_class":
            if value not in ("1", "2", "3", "4"):
                raise QueryError(key, "expected 1, 2, 3 or 4")
            clauses.append("e.quad_class = ?")
            params.append(int(value))
        elif key in ("since", "until"):
            clauses.append("e.date >= ?" if key == "since" else "e.date <= ?")
            params.append(parse_day(key, value))
        elif key == "story":
            clauses.append("a.story = ?")
            params.append(value)
        elif key == "outlet":
            clauses.append("a.outlet ILIKE ?")
            params.append(f"%{value}%")
        elif key == "q":
            clauses.append(
                "substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) ILIKE ?"
            )
            params.append(f"%{value}%")
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


_QUOTE_COLUMNS = (
    "article_id content_start content_end content source_start source_end source_text cue_start "
    "cue_end cue speaker_name speaker_country speaker_sector direct medium"
).split()


class Store:
    """The DuckDB event store. ``read_only`` opens an existing file without changing it (the API
    serves that way unless writes are enabled); ``cursor()`` gives a store for another thread."""

    def __init__(self, path: str | Path = "eventwire.duckdb", read_only: bool = False):
        self.path = str(path)
        if read_only:
            self.connection = duckdb.connect(self.path, read_only=True)
            return
        self.connection = duckdb.connect(self.path)
        self.connection.execute(_SCHEMA)
        # schema 1 files: events gain who reported them (the quotes table is created above)
        for column in ("reported_by_name", "reported_by_country", "reported_by_sector", "reported"):
            self.connection.execute(f"ALTER TABLE events ADD COLUMN IF NOT EXISTS {column} VARCHAR")
        # schema 2 files: articles gain their story, events their canonical event
        self.connection.execute("ALTER TABLE articles ADD COLUMN IF NOT EXISTS story VARCHAR")
        self.connection.execute("ALTER TABLE events ADD COLUMN IF NOT EXISTS canonical_id VARCHAR")
        self.connection.execute(_VIEWS)
        self.connection.execute(
            "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)]
        )

    def cursor(self) -> Store:
        """The same store on a connection of its own, for use from another thread."""
        twin = object.__new__(Store)
        twin.path, twin.connection = self.path, self.connection.cursor()
        return twin

    def rows(self, sql: str, params: list | None = None) -> list[dict]:
        """Rows of a query of ours as dicts (the SQL is ours; values come in as parameters)."""
        cursor = self.connection.execute(sql, params or [])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def write(
        self,
        items: Iterable[Result | Problem],
        run_id: str,
        data_version: str = "",
        batch: int = 200,
    ) -> dict[str, int]:
        """Store results (and failed inputs as problems), ``batch`` articles per transaction: an
        article stored before is replaced whole, and what a transaction committed stays when a later
        one fails."""
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
        if failures:
            self._insert(
                "problems",
                ["article_id", "origin", "code", "stage", "message", "run_id"],
                [[None, p.where, p.code, p.stage, p.message, run_id] for p in failures],
            )
        self.connection.execute(
            "INSERT OR REPLACE INTO runs VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                run_id,
                dt.datetime.now(),
                __version__,
                data_version,
                counts["articles"],
                counts["events"],
                counts["problems"],
            ],
        )
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

    def _insert(self, table: str, columns: list[str], rows: list[list]) -> None:
        """Many rows in one statement: each column goes in as one list parameter."""
        if not rows:
            return
        values = [list(column) for column in zip(*rows)]
        selects = ", ".join(f"unnest(?) AS c{n}" for n in range(len(columns)))
        self.connection.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) SELECT * FROM (SELECT {selects})", values
        )

    def _write_batch(self, results: list[Result], run_id: str) -> None:
        c = self.connection
        ids = [r.article.id for r in results]
        with self._transaction():
            stored = [
                row[0]
                for row in c.execute(
                    "SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [ids]
                ).fetchall()
            ]
            if stored:
                for table, key in (
                    ("events", "article_id"),
                    ("time_expressions", "article_id"),
                    ("quotes", "article_id"),
                    ("problems", "article_id"),
                    ("articles", "id"),
                ):
                    c.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT unnest(?))", [stored])
            self._insert(
                "articles",
                [
                    "id",
                    "title",
                    "date",
                    "date_source",
                    "outlet",
                    "url",
                    "origin",
                    "text",
                    "run_id",
                    "data_version",
                    "story",
                ],
                [
                    [
                        r.article.id,
                        r.article.title,
                        r.article.date,
                        r.date_source,
                        r.article.source,
                        r.article.url,
                        r.article.origin,
                        r.article.text,
                        run_id,
                        r.data_version,
                        r.story,
                    ]
                    for r in results
                ],
            )
            events, quotes, times, problems = [], [], [], []
            for result in results:
                article = result.article
                text = article.text
                for e in result.events:
                    s, t, p = e.source, e.target, e.location
                    who = e.reported_by
                    events.append(
                        [
                            e.id,
                            e.article_id,
                            e.type,
                            e.mode,
                            s and s.text,
                            s and s.actor.name,
                            s and s.actor.country,
                            s and s.actor.sector,
                            s and s.start,
                            s and s.end,
                            t and t.text,
                            t and t.actor.name,
                            t and t.actor.country,
                            t and t.actor.sector,
                            t and t.start,
                            t and t.end,
                            e.trigger[0],
                            e.trigger[1],
                            e.sentence[0],
                            e.sentence[1],
                            e.date,
                            e.date_granularity,
                            e.date_method,
                            p and p.name,
                            p and p.country,
                            e.negated,
                            e.hypothetical,
                            e.future,
                            e.cameo,
                            e.quad_class,
                            e.intensity,
                            e.confidence,
                            e.rule,
                            result.data_version,
                            who and who.name,
                            who and who.country,
                            who and who.sector,
                            e.reported,
                            e.canonical_id,
                        ]
                    )
                for q in result.quotes:
                    speaker = q.speaker
                    quotes.append(
                        [
                            article.id,
                            q.content[0],
                            q.content[1],
                            text[q.content[0] : q.content[1]],
                            q.source and q.source[0],
                            q.source and q.source[1],
                            q.source and text[q.source[0] : q.source[1]],
                            q.cue and q.cue[0],
                            q.cue and q.cue[1],
                            q.cue and text[q.cue[0] : q.cue[1]],
                            speaker and speaker.name,
                            speaker and speaker.country,
                            speaker and speaker.sector,
                            q.direct,
                            q.medium and text[q.medium[0] : q.medium[1]],
                        ]
                    )
                times.extend(
                    [article.id, x.start, x.end, x.text, x.type, x.value] for x in result.times
                )
                problems.extend(
                    [article.id, p.where, p.code, p.stage, p.message, run_id]
                    for p in result.problems
                )
            self._insert("events", _EVENT_COLUMNS.split(", "), events)
            self._insert("quotes", _QUOTE_COLUMNS, quotes)
            self._insert(
                "time_expressions",
                ["article_id", "start_offset", "end_offset", "text", "type", "value"],
                times,
            )
            self._insert(
                "problems", ["article_id", "origin", "code", "stage", "message", "run_id"], problems
            )

    def import_parts(
        self, folder: str | Path, run_id: str, data_version: str = ""
    ) -> dict[str, int]:
        """Load the Parquet parts of a batch run (``articles/`` and ``events/day=…/``) in one
        transaction, replacing earlier versions of the same articles, and record the run."""
        folder = Path(folder)
        articles = str(folder / "articles" / "*.parquet").replace("'", "''")
        events = str(folder / "events" / "*" / "*.parquet").replace("'", "''")
        has_events = any((folder / "events").glob("*/*.parquet"))
        c = self.connection
        with self._transaction():
            c.execute(
                f"CREATE OR REPLACE TEMP TABLE incoming AS SELECT * FROM read_parquet('{articles}')"
            )
            for table, key in (
                ("events", "article_id"),
                ("time_expressions", "article_id"),
                ("quotes", "article_id"),
                ("problems", "article_id"),
                ("articles", "id"),
            ):
                c.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT id FROM incoming)")
            columns = [row[0] for row in c.execute("DESCRIBE articles").fetchall()]
            c.execute(
                f"INSERT INTO articles ({', '.join(columns)}) SELECT {', '.join(columns)} FROM incoming"
            )
            count_events = 0
            if has_events:
                event_columns = _EVENT_COLUMNS.split(", ")
                c.execute(
                    f"INSERT INTO events ({', '.join(event_columns)}) SELECT {', '.join(event_columns)} "
                    f"FROM read_parquet('{events}', hive_partitioning = true)"
                )
                count_events = c.execute(
                    f"SELECT count(*) FROM read_parquet('{events}')"
                ).fetchone()[0]
            count_articles = c.execute("SELECT count(*) FROM incoming").fetchone()[0]
            c.execute(
                "INSERT OR REPLACE INTO runs VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    run_id,
                    dt.datetime.now(),
                    __version__,
                    data_version,
                    count_articles,
                    count_events,
                    0,
                ],
            )
        return {"articles": count_articles, "events": count_events}

    def unlinked(self, chunk: int = 500) -> Iterator[Result]:
        """The stored articles no story holds yet (those a batch run loaded), in date order, rebuilt from
        their rows as light pipeline results: the article, its events, and the actors and places the
        events name. Enough for stories and merging (``merge.StoryLinker``), not for coding again."""
        c = self.connection
        ids = [
            row[0]
            for row in c.execute(
                "SELECT id FROM articles WHERE story IS NULL ORDER BY date NULLS LAST, id"
            ).fetchall()
        ]
        event_columns = _EVENT_COLUMNS.split(", ")
        for begin in range(0, len(ids), chunk):
            part = ids[begin : begin + chunk]
            articles = {
                row[0]: row
                for row in c.execute(
                    "SELECT id, title, date, date_source, outlet, url, origin, text, data_version FROM articles "
                    "WHERE id IN (SELECT unnest(?))",
                    [part],
                ).fetchall()
            }
            events: dict[str, list[Event]] = {}
            for row in c.execute(
                f"SELECT {_EVENT_COLUMNS} FROM events WHERE article_id IN (SELECT unnest(?)) "
                "ORDER BY article_id, sentence_start, trigger_start, id",
                [part],
            ).fetchall():
                event = _event_from_row(dict(zip(event_columns, row)))
                events.setdefault(event.article_id, []).append(event)
            for article_id in part:
                id_, title, date, date_source, outlet, url, origin, text, data_version = articles[
                    article_id
                ]
                told = tuple(events.get(article_id, ()))
                mentions = tuple(
                    dict.fromkeys(m for e in told for m in (e.source, e.target) if m is not None)
                )
                places = tuple(dict.fromkeys(e.location for e in told if e.location is not None))
                yield Result(
                    Article(id_, text or "", title, date, outlet, url, origin),
                    told,
                    mentions,
                    places=places,
                    date_source=date_source,
                    data_version=data_version or "",
                )

    def write_links(self, results: list[Result]) -> None:
        """For results already stored: record their articles' stories, their events' merged events and
        the contradictions found on linking, in one transaction."""
        if not results:
            return
        c = self.connection
        with self._transaction():
            c.execute(
                "UPDATE articles SET story = links.story FROM (SELECT unnest(?) AS id, unnest(?) AS story) "
                "AS links WHERE articles.id = links.id",
                [[r.article.id for r in results], [r.story for r in results]],
            )
            merged = [(e.id, e.canonical_id) for r in results for e in r.events]
            if merged:
                c.execute(
                    "UPDATE events SET canonical_id = links.canonical FROM (SELECT unnest(?) AS id, "
                    "unnest(?) AS canonical) AS links WHERE events.id = links.id",
                    [[e for e, _ in merged], [m for _, m in merged]],
                )
            self._insert(
                "problems",
                ["article_id", "origin", "code", "stage", "message", "run_id"],
                [
                    [r.article.id, p.where, p.code, p.stage, p.message, None]
                    for r in results
                    for p in r.problems
                    if p.code == "contradiction"
                ],
            )

    def save_linker(self, linker) -> None:
        """Keep the story linker (clusters and merged events in memory) so the next ingest or watch
        continues its stories. It is pickled: the store is trusted like any file of one's own."""
        import pickle

        self.connection.execute(
            "INSERT OR REPLACE INTO linker_state VALUES (1, ?, ?)",
            [pickle.dumps(linker, protocol=pickle.HIGHEST_PROTOCOL), dt.datetime.now()],
        )

    def load_linker(self):
        """The story linker saved by the last run, or None (none saved, or saved by other code)."""
        import pickle

        row = self.connection.execute("SELECT state FROM linker_state WHERE id = 1").fetchone()
        if row is None:
            return None
        try:
            return pickle.loads(row[0])
        except Exception:  # a linker pickled by an older eventwire: start afresh
            return None

    def write_canonical(self, events: Iterable) -> int:
        """Store merged events (``merge.EventMerger.events()``), replacing earlier versions by id."""
        written = 0
        for e in events:
            s, t, p = e.source, e.target, e.location
            self.connection.execute(
                "INSERT OR REPLACE INTO canonical_events VALUES (" + ", ".join(["?"] * 27) + ")",
                [
                    e.id,
                    e.story,
                    e.type,
                    e.mode,
                    s and s.name,
                    s and s.country,
                    s and s.sector,
                    t and t.name,
                    t and t.country,
                    t and t.sector,
                    e.date,
                    e.date_granularity,
                    e.date_method,
                    p and p.name,
                    p and p.country,
                    e.negated,
                    e.hypothetical,
                    e.cameo,
                    e.quad_class,
                    e.intensity,
                    e.num_mentions,
                    e.num_articles,
                    e.num_sources,
                    e.first_seen,
                    e.last_seen,
                    list(dict.fromkeys(r.article_id for r in e.reports)),
                    sorted({r.outlet for r in e.reports if r.outlet}),
                ],
            )
            written += 1
        return written

    def write_stories(self, stories: Iterable) -> int:
        """Store stories (``stories.StoryClusterer.stories()``), replacing earlier versions by id."""
        written = 0
        for story in stories:
            self.connection.execute(
                "INSERT OR REPLACE INTO stories VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    story.id,
                    story.title,
                    len(story.article_ids),
                    list(story.article_ids),
                    list(story.actors),
                    list(story.places),
                    story.first_date,
                    story.last_date,
                ],
            )
            written += 1
        return written

    def stored_versions(self) -> dict[str, tuple[str, str]]:
        """article id -> (text, data version) of every stored article: what an ingest may skip."""
        return {
            row[0]: (row[1], row[2])
            for row in self.connection.execute(
                "SELECT id, text, data_version FROM articles"
            ).fetchall()
        }

    def query_events(
        self, filters: dict | None = None, limit: int = 100, offset: int = 0, sort: str = "date"
    ) -> list[dict]:
        """Events with their article's story and outlet, filtered (see ``event_filters``), sorted and
        paged. Every value goes in as a parameter."""
        where, params = event_filters(filters or {})
        order = SORTS.get(sort)
        if order is None:
            raise QueryError("sort", f"{sort!r} is not one of {', '.join(SORTS)}")
        for name, value in (("limit", limit), ("offset", offset)):
            if not isinstance(value, int) or value < 0 or name == "limit" and value > MAX_LIMIT:
                raise QueryError(
                    name,
                    f"expected a whole number from 0{' to ' + str(MAX_LIMIT) if name == 'limit' else ''}",
                )
        # the page from the events table alone (unless a filter reads the article), then the articles of
        # that page only: a join of every matching event with its article would cost far more
        join = "JOIN articles a ON a.id = e.article_id" if re.search(r"\ba\.", where) else ""
        ids = [
            row["id"]
            for row in self.rows(
                f"SELECT e.id FROM events e {join} {where} ORDER BY {order}, e.id LIMIT ? OFFSET ?",
                params + [limit, offset],
            )
        ]
        if not ids:
            return []
        # an IN list of parameters lets DuckDB use the primary-key index
        found = {
            row["id"]: row
            for row in self.rows(
                f"SELECT * FROM events WHERE id IN ({', '.join('?' * len(ids))})", ids
            )
        }
        rows = [found[i] for i in ids]
        article_ids = sorted({row["article_id"] for row in rows})
        articles = {
            row["id"]: row
            for row in self.rows(
                f"SELECT id, story, outlet, url, title, text FROM articles WHERE id IN ({', '.join('?' * len(article_ids))})",
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

    def events(self, limit: int = 1000) -> list[dict]:
        cursor = self.connection.execute(
            "SELECT * FROM events ORDER BY date, article_id, trigger_start LIMIT ?", [limit]
        )
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def count(self, table: str) -> int:
        if table not in (
            "articles",
            "events",
            "problems",
            "time_expressions",
            "quotes",
            "runs",
            "canonical_events",
            "stories",
            "actors",
            "event_mentions",
        ):
            raise ValueError(f"no table {table}")
        return self.connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
