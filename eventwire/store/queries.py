"""The store's reads: event filters and sorts, and every query the API, the CLI and the
exports ask (``Reads``, which ``Store`` is built on). Values always go in as parameters; the
SQL is ours.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import duckdb

from ..errors import PROBLEM_CODES, QueryError
from ..model import PLOVER_TYPES
from ..serialize import EVENT_COLUMNS
from .schema import TABLES

MAX_LIMIT = 10_000
_COMMITS: dict[str, int] = {}  # per store file (its real path): write transactions committed


def commits(path: str) -> int:
    """The write transactions this process has committed to the store file at ``path``."""
    return _COMMITS.get(os.path.realpath(path), 0)


def committed(path: str) -> None:
    """Count one more committed write transaction on the store file at ``path``."""
    key = os.path.realpath(path)
    _COMMITS[key] = _COMMITS.get(key, 0) + 1


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
    "outlet": "outlet name (part of it, any case; matched literally)",
    "q": "words in the evidence sentence (any case; matched literally: % and _ are not wildcards)",
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
    return f"({_has('e.source_name')} OR {_has('e.target_name')})", [value] * 2


def _has(column: str) -> str:
    """A condition: the column holds the parameter's text, in any case. Literally: ``%`` and
    ``_`` are characters like any other, not wildcards."""
    return f"contains(lower({column}), lower(?))"


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
        return _has("a.outlet"), [value]
    sentence = "substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start)"
    return _has(sentence), [value]


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
        f"OR lower({role}_name) = lower(?))"
    )


def quoted(path: str | Path) -> str:
    """A file name as an SQL string literal (COPY and read_parquet take no parameters)."""
    return "'" + str(path).replace("'", "''") + "'"


class Reads:
    """The queries of a store; ``Store`` opens the connection they run on."""

    connection: duckdb.DuckDBPyConnection
    path: str

    def _rows(self, sql: str, params: list | None = None) -> list[dict]:
        """Rows of a query of ours as dicts (the SQL is ours; values come in as parameters)."""
        cursor = self.connection.execute(sql, params or [])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def _value(self, sql: str, params: list | None = None) -> Any:
        """The first column of the first row of a query of ours, or None."""
        row = self.connection.execute(sql, params or []).fetchone()
        return None if row is None else row[0]

    def event_page(self, filters: dict | None, limit: int, offset: int, sort: str) -> list:
        """The (id, article id) of a page of events, filtered (see ``event_filters``), sorted
        and paged: from the events table alone unless a filter reads the article (a join of
        every matching event with its article would cost far more)."""
        where, params = event_filters(filters or {})
        order = SORTS.get(sort)
        if order is None:
            raise QueryError("sort", f"{sort!r} is not one of {', '.join(SORTS)}")
        for name, value in (("limit", limit), ("offset", offset)):
            if not isinstance(value, int) or value < 0 or name == "limit" and value > MAX_LIMIT:
                most = f" to {MAX_LIMIT}" if name == "limit" else ""
                raise QueryError(name, f"expected a whole number from 0{most}")
        join = "JOIN articles a ON a.id = e.article_id" if re.search(r"\ba\.", where) else ""
        return self.connection.execute(
            f"SELECT e.id, e.article_id FROM events e {join} {where} "
            f"ORDER BY {order}, e.id LIMIT ? OFFSET ?",
            params + [limit, offset],
        ).fetchall()

    def _page_select(self, page: list) -> tuple[str, list]:
        """The rows of a page: each event with its article's story, outlet, url, origin, title
        and the evidence sentence cut from the article in SQL (the articles' texts never leave
        the store). IN lists of parameters let DuckDB use the primary-key indexes."""
        ids = [event for event, _ in page]
        articles = sorted({article for _, article in page})
        sql = (
            "SELECT e.*, a.story, a.outlet, a.url, a.origin, a.title AS article_title, "
            "CASE WHEN a.text <> '' THEN substring(a.text, e.sentence_start + 1, "
            "e.sentence_end - e.sentence_start) END AS sentence "
            f"FROM (SELECT * FROM events WHERE id IN ({', '.join('?' * len(ids))})) e "
            "LEFT JOIN (SELECT id, story, outlet, url, origin, title, text FROM articles "
            f"WHERE id IN ({', '.join('?' * len(articles))})) a ON a.id = e.article_id"
        )
        return sql, ids + articles

    def query_events(
        self, filters: dict | None = None, limit: int = 100, offset: int = 0, sort: str = "date"
    ) -> list[dict]:
        """Events with their article's story and outlet and their evidence sentence, filtered
        (see ``event_filters``), sorted and paged. Every value goes in as a parameter."""
        page = self.event_page(filters, limit, offset, sort)
        if not page:
            return []
        found = {row["id"]: row for row in self._rows(*self._page_select(page))}
        # an event of the page that a write removed before its row was read is left out
        return [found[event] for event, _ in page if event in found]

    def event_rows_json(self, page: list) -> dict[str, str]:
        """The rows of ``query_events`` for a page of (event id, article id), each as the JSON
        text of its object (the same keys, order and values; dates as YYYY-MM-DD), written by
        DuckDB: the API answers with them, without making a Python object of each value."""
        if not page:
            return {}
        sql, params = self._page_select(page)
        rows = self.connection.execute(f"SELECT t.id, to_json(t) FROM ({sql}) t", params)
        return dict(rows.fetchall())

    @property
    def generation(self) -> int:
        """How many write transactions this process has committed to the store's file: what
        a reader caches from it holds while this number stays the same."""
        return commits(self.path)

    def articles(self, filters: dict, limit: int = 100, offset: int = 0) -> list[dict]:
        """Stored articles (without their text), newest first, with their count of events;
        ``filters`` may hold ``story``, ``outlet`` (part of its name), ``since`` and ``until``."""
        outlet = filters.get("outlet")
        where, params = _where(
            [
                ("a.story = ?", filters.get("story")),
                (_has("a.outlet"), outlet),
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
            "SELECT s.*, coalesce(c.events, 0) AS events FROM stories s LEFT JOIN (SELECT story, "
            "count(*) AS events FROM canonical_events GROUP BY story) c ON c.story = s.id "
            "ORDER BY s.last_date DESC NULLS LAST, s.articles DESC, s.id LIMIT ? OFFSET ?",
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
        where, params = _where([(_has("name"), q), ("country = ?", country and country.upper())])
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
        self.connection.execute(f"COPY export_rows TO {quoted(path)} (FORMAT parquet)")
        return self._value("SELECT count(*) FROM export_rows")

    def count(self, table: str) -> int:
        if table not in TABLES:
            raise ValueError(f"no table {table}")
        return self._value(f"SELECT count(*) FROM {table}")
