"""The DuckDB event store: schema, idempotent writes, simple reads.

Writing an article replaces whatever was stored for its id in one transaction,
so ingesting the same article twice changes nothing and an updated article
replaces its old results. This is one of the three modules that touch the disk.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

import duckdb

from . import __version__
from .model import Problem, Result

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

_EVENT_COLUMNS = ", ".join(
    "id article_id type mode source_text source_name source_country source_sector source_start source_end "
    "target_text target_name target_country target_sector target_start target_end trigger_start trigger_end "
    "sentence_start sentence_end date date_granularity date_method location_name location_country negated "
    "hypothetical future cameo quad_class intensity confidence rule data_version reported_by_name "
    "reported_by_country reported_by_sector reported canonical_id".split())


class Store:
    def __init__(self, path: str | Path = "eventwire.duckdb"):
        self.path = str(path)
        self.connection = duckdb.connect(self.path)
        self.connection.execute(_SCHEMA)
        # schema 1 files: events gain who reported them (the quotes table is created above)
        for column in ("reported_by_name", "reported_by_country", "reported_by_sector", "reported"):
            self.connection.execute(f"ALTER TABLE events ADD COLUMN IF NOT EXISTS {column} VARCHAR")
        # schema 2 files: articles gain their story, events their canonical event
        self.connection.execute("ALTER TABLE articles ADD COLUMN IF NOT EXISTS story VARCHAR")
        self.connection.execute("ALTER TABLE events ADD COLUMN IF NOT EXISTS canonical_id VARCHAR")
        self.connection.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def write(self, items: Iterable[Result | Problem], run_id: str, data_version: str = "") -> dict[str, int]:
        counts = {"articles": 0, "events": 0, "problems": 0}
        for item in items:
            if isinstance(item, Problem):
                self.connection.execute("INSERT INTO problems VALUES (NULL, ?, ?, ?, ?, ?)",
                                        [item.where, item.code, item.stage, item.message, run_id])
                counts["problems"] += 1
                continue
            self._write_result(item, run_id)
            counts["articles"] += 1
            counts["events"] += len(item.events)
            counts["problems"] += len(item.problems)
        self.connection.execute(
            "INSERT OR REPLACE INTO runs VALUES (?, ?, ?, ?, ?, ?, ?)",
            [run_id, dt.datetime.now(), __version__, data_version, counts["articles"], counts["events"],
             counts["problems"]])
        return counts

    def _write_result(self, result: Result, run_id: str) -> None:
        article = result.article
        c = self.connection
        c.execute("BEGIN TRANSACTION")
        try:
            for table, key in (("events", "article_id"), ("time_expressions", "article_id"),
                               ("quotes", "article_id"), ("problems", "article_id"), ("articles", "id")):
                c.execute(f"DELETE FROM {table} WHERE {key} = ?", [article.id])
            c.execute("INSERT INTO articles (id, title, date, date_source, outlet, url, origin, text, run_id, "
                      "data_version, story) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      [article.id, article.title, article.date, result.date_source, article.source, article.url,
                       article.origin, article.text, run_id, result.data_version, result.story])
            for e in result.events:
                s, t, p = e.source, e.target, e.location
                who = e.reported_by
                c.execute(f"INSERT OR REPLACE INTO events ({_EVENT_COLUMNS}) VALUES (" + ", ".join(["?"] * 39) + ")", [
                    e.id, e.article_id, e.type, e.mode,
                    s and s.text, s and s.actor.name, s and s.actor.country, s and s.actor.sector,
                    s and s.start, s and s.end,
                    t and t.text, t and t.actor.name, t and t.actor.country, t and t.actor.sector,
                    t and t.start, t and t.end,
                    e.trigger[0], e.trigger[1], e.sentence[0], e.sentence[1],
                    e.date, e.date_granularity, e.date_method, p and p.name, p and p.country,
                    e.negated, e.hypothetical, e.future, e.cameo, e.quad_class, e.intensity, e.confidence,
                    e.rule, result.data_version, who and who.name, who and who.country, who and who.sector,
                    e.reported, e.canonical_id])
            text = article.text
            for q in result.quotes:
                speaker = q.speaker
                c.execute("INSERT INTO quotes VALUES (" + ", ".join(["?"] * 15) + ")", [
                    article.id, q.content[0], q.content[1], text[q.content[0]:q.content[1]],
                    q.source and q.source[0], q.source and q.source[1], q.source and text[q.source[0]:q.source[1]],
                    q.cue and q.cue[0], q.cue and q.cue[1], q.cue and text[q.cue[0]:q.cue[1]],
                    speaker and speaker.name, speaker and speaker.country, speaker and speaker.sector, q.direct,
                    q.medium and text[q.medium[0]:q.medium[1]]])
            for x in result.times:
                c.execute("INSERT INTO time_expressions VALUES (?, ?, ?, ?, ?, ?)",
                          [article.id, x.start, x.end, x.text, x.type, x.value])
            for problem in result.problems:
                c.execute("INSERT INTO problems VALUES (?, ?, ?, ?, ?, ?)",
                          [article.id, problem.where, problem.code, problem.stage, problem.message, run_id])
            c.execute("COMMIT")
        except Exception:
            c.execute("ROLLBACK")
            raise

    def write_canonical(self, events: Iterable) -> int:
        """Store merged events (``merge.EventMerger.events()``), replacing earlier versions by id."""
        written = 0
        for e in events:
            s, t, p = e.source, e.target, e.location
            self.connection.execute("INSERT OR REPLACE INTO canonical_events VALUES (" + ", ".join(["?"] * 27) + ")", [
                e.id, e.story, e.type, e.mode, s and s.name, s and s.country, s and s.sector,
                t and t.name, t and t.country, t and t.sector, e.date, e.date_granularity, e.date_method,
                p and p.name, p and p.country, e.negated, e.hypothetical, e.cameo, e.quad_class, e.intensity,
                e.num_mentions, e.num_articles, e.num_sources, e.first_seen, e.last_seen,
                list(dict.fromkeys(r.article_id for r in e.reports)),
                sorted({r.outlet for r in e.reports if r.outlet})])
            written += 1
        return written

    def events(self, limit: int = 1000) -> list[dict]:
        cursor = self.connection.execute(
            "SELECT * FROM events ORDER BY date, article_id, trigger_start LIMIT ?", [limit])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def count(self, table: str) -> int:
        if table not in ("articles", "events", "problems", "time_expressions", "quotes", "runs", "canonical_events"):
            raise ValueError(f"no table {table}")
        return self.connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

