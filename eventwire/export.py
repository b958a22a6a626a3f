"""Exports from the store: Parquet, CSV and JSON Lines of the events, GDELT-style TSV of the
merged events, and PLOVER-style JSON records.

In: an open ``store.Store`` and event filters (``store.event_filters``). Out: a file (Parquet)
or a text stream (the others).

GDELT. One row per merged event (``canonical_events``): the same real-world event told by
five outlets is one row with NumSources 5, not five rows. Columns follow the GDELT 2.0 event
table, with our values where GDELT has its own: Actor codes are country plus sector
("USAGOV"), EventCode is the CAMEO code of the PLOVER type and mode, GoldsteinScale holds our
intensity (-10..10), AvgTone is left empty, ActionGeo holds the event's place (ActionGeo_Type left empty: the store keeps no place type), and SOURCEURL
the web address (or origin) of the first article that reported it. Events stored without a
merged event (ingested with linking off) are written one row each, with counts of 1.

PLOVER. One JSON object per event, with the PLOVER fields (event_type, mode, context,
source/target actors, event_date, event_geolocation, event_text) and our evidence offsets.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TextIO

from .errors import QueryError
from .store import Store, event_filters

FORMATS = ("parquet", "csv", "jsonl", "gdelt", "plover")
GDELT_COLUMNS = (
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1Type1Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2Type1Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "DATEADDED",
    "SOURCEURL",
)


def _select(filters: dict) -> tuple[str, list]:
    where, params = event_filters(filters)
    return (
        f"SELECT e.*, a.story, a.outlet, a.url, a.origin FROM events e JOIN articles a ON a.id = e.article_id "
        f"{where} ORDER BY e.date NULLS LAST, e.id",
        params,
    )


def export(
    store: Store,
    fmt: str,
    out: TextIO | None = None,
    path: str | None = None,
    filters: dict | None = None,
) -> int:
    """Write the events that pass ``filters`` in ``fmt``; returns the number of rows written."""
    filters = filters or {}
    if fmt not in FORMATS:
        raise QueryError("format", f"{fmt!r} is not one of {', '.join(FORMATS)}")
    sql, params = _select(filters)
    if fmt == "parquet":
        if not path:
            raise QueryError("output", "Parquet needs a file: pass --output PATH")
        store.connection.execute(f"CREATE OR REPLACE TEMP TABLE export_rows AS {sql}", params)
        store.connection.execute(
            "COPY export_rows TO '" + path.replace("'", "''") + "' (FORMAT parquet)"
        )
        return store.connection.execute("SELECT count(*) FROM export_rows").fetchone()[0]
    cursor = store.connection.execute(sql, params)
    names = [d[0] for d in cursor.description]
    rows = [dict(zip(names, row)) for row in cursor.fetchall()]
    if fmt == "csv":
        import csv

        writer = csv.DictWriter(out, fieldnames=names, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return len(rows)
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, default=_json_value, ensure_ascii=False) + "\n")
        return len(rows)
    if fmt == "plover":
        for row in rows:
            out.write(json.dumps(plover_record(row), ensure_ascii=False) + "\n")
        return len(rows)
    return _gdelt(store, rows, out)


def _json_value(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def plover_record(row: dict) -> dict:
    """A PLOVER-style record of one stored event."""

    def actor(prefix: str) -> dict | None:
        if row[f"{prefix}_name"] is None:
            return None
        return {
            "name": row[f"{prefix}_name"],
            "country": row[f"{prefix}_country"],
            "sector": row[f"{prefix}_sector"],
            "text": row[f"{prefix}_text"],
        }

    context = [flag for flag in ("negated", "hypothetical", "future") if row.get(flag)]
    return {
        "id": row["id"],
        "event_type": row["type"],
        "mode": row["mode"],
        "context": context,
        "source": actor("source"),
        "target": actor("target"),
        "event_date": row["date"].isoformat() if row["date"] else None,
        "date_granularity": row["date_granularity"],
        "event_geolocation": None
        if row["location_name"] is None
        else {"name": row["location_name"], "country": row["location_country"]},
        "event_text": {
            "article_id": row["article_id"],
            "sentence": [row["sentence_start"], row["sentence_end"]],
            "trigger": [row["trigger_start"], row["trigger_end"]],
        },
        "cameo": row["cameo"],
        "quad_class": row["quad_class"],
        "intensity": row["intensity"],
        "story": row["story"],
        "canonical_id": row["canonical_id"],
        "outlet": row["outlet"],
    }


def _code(country, sector) -> str:
    return f"{country or ''}{sector or ''}"


def _gdelt(store: Store, rows: list[dict], out: TextIO) -> int:
    """One TSV row per merged event among ``rows`` (and per event that has none)."""
    out.write("\t".join(GDELT_COLUMNS) + "\n")
    canonical_ids = sorted({r["canonical_id"] for r in rows if r["canonical_id"]})
    merged = {}
    if canonical_ids:
        cursor = store.connection.execute(
            "SELECT * FROM canonical_events WHERE id IN (SELECT unnest(?))", [canonical_ids]
        )
        names = [d[0] for d in cursor.description]
        merged = {row[0]: dict(zip(names, row)) for row in cursor.fetchall()}
    written, seen = 0, set()
    today = dt.date.today().strftime("%Y%m%d")
    for row in rows:
        key = row["canonical_id"] if row["canonical_id"] in merged else row["id"]
        if key in seen:
            continue
        seen.add(key)
        canonical = merged.get(row["canonical_id"])
        record = canonical or {**row, "num_mentions": 1, "num_sources": 1, "num_articles": 1}
        day = record["date"]
        cameo = str(record["cameo"] or "")
        values = [
            key,
            day.strftime("%Y%m%d") if day else "",
            day.strftime("%Y%m") if day else "",
            day.year if day else "",
            f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}" if day else "",
            _code(record["source_country"], record["source_sector"]),
            record["source_name"] or "",
            record["source_country"] or "",
            record["source_sector"] or "",
            _code(record["target_country"], record["target_sector"]),
            record["target_name"] or "",
            record["target_country"] or "",
            record["target_sector"] or "",
            1,
            cameo,
            cameo[:3],
            cameo[:2],
            record["quad_class"],
            record["intensity"],
            record["num_mentions"],
            record["num_sources"],
            record["num_articles"],
            "",
            "",
            record["location_name"] or "",
            record["location_country"] or "",
            today,
            row["url"] or row["origin"] or "",
        ]
        out.write("\t".join("" if v is None else str(v).replace("\t", " ") for v in values) + "\n")
        written += 1
    return written
