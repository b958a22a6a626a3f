"""Exports from the store: Parquet, CSV and JSON Lines of the events, GDELT-style TSV of the
merged events, and PLOVER-style JSON records.

In: an open ``store.Store`` and event filters (``store.event_filters``). Out: a file (Parquet)
or a text stream (the others).

GDELT. One row per merged event (``canonical_events``): the same real-world event told by
five outlets is one row with NumSources 5, not five rows. Columns follow the GDELT 2.0 event
table, with our values where GDELT has its own: Actor codes are CAMEO codes, country plus
sector ("USAGOV"; "---GOV" for an actor of unknown country, as ``extract --cameo`` writes
them: ``serialize.actor_code``), EventCode is the CAMEO code of the PLOVER type and mode,
GoldsteinScale holds our intensity (-10..10), AvgTone is left empty, ActionGeo holds the
event's place (ActionGeo_Type left empty: the store keeps no place type), and SOURCEURL the
web address (or origin) of the first article that reported it. Events stored without a
merged event (ingested with linking off) are written one row each, with counts of 1.

PLOVER. One JSON object per event, with the PLOVER fields (event_type, mode, context,
source/target actors, event_date, event_geolocation, event_text) and our evidence offsets.

Both are built from model objects rebuilt from the stored rows. Parquet, CSV and JSON Lines
are the stored event rows themselves (``store.EXPORT_COLUMNS``).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable
from typing import TextIO

from .errors import QueryError
from .serialize import actor_code, actor_from_row, event_from_row, json_value, place_record
from .store import EXPORT_COLUMNS, Store

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
    if fmt == "parquet":
        if not path:
            raise QueryError("output", "Parquet needs a file: pass --output PATH")
        return store.export_parquet(path, filters)
    if out is None:
        raise QueryError("output", f"{fmt} needs a stream to write to")
    rows = store.event_rows(filters)
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=EXPORT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        return _count(writer.writerow(row) for row in rows)
    if fmt == "jsonl":
        lines = (json.dumps(row, default=json_value, ensure_ascii=False) + "\n" for row in rows)
        return _count(out.write(line) for line in lines)
    if fmt == "plover":
        records = (json.dumps(plover_record(row), ensure_ascii=False) + "\n" for row in rows)
        return _count(out.write(line) for line in records)
    return _gdelt(store, list(rows), out)


def _count(done: Iterable) -> int:
    return sum(1 for _ in done)


def plover_record(row: dict) -> dict:
    """A PLOVER-style record of one stored event (a row of ``Store.event_rows``)."""
    event = event_from_row(row)

    def actor(side: str) -> dict | None:
        mention = getattr(event, side)
        if mention is None:
            return None
        who = mention.actor
        return {
            "name": who.name,
            "country": who.country,
            "sector": who.sector,
            "text": mention.text,
        }

    flags = (
        ("negated", event.negated),
        ("hypothetical", event.hypothetical),
        ("future", event.future),
    )
    return {
        "id": event.id,
        "event_type": event.type,
        "mode": event.mode,
        "context": [flag for flag, on in flags if on],
        "source": actor("source"),
        "target": actor("target"),
        "event_date": event.date.isoformat() if event.date else None,
        "date_granularity": event.date_granularity,
        "event_geolocation": place_record(event.location),
        "event_text": {
            "article_id": event.article_id,
            "sentence": list(event.sentence),
            "trigger": list(event.trigger),
        },
        "cameo": event.cameo,
        "quad_class": event.quad_class,
        "intensity": event.intensity,
        "story": row["story"],
        "canonical_id": event.canonical_id,
        "outlet": row["outlet"],
    }


def _gdelt(store: Store, rows: list[dict], out: TextIO) -> int:
    """One TSV row per merged event among ``rows`` (and per event that has none)."""
    out.write("\t".join(GDELT_COLUMNS) + "\n")
    merged = store.canonical_events(r["canonical_id"] for r in rows if r["canonical_id"])
    written, seen = 0, set()
    today = dt.date.today().strftime("%Y%m%d")
    for row in rows:
        key = row["canonical_id"] if row["canonical_id"] in merged else row["id"]
        if key in seen:
            continue
        seen.add(key)
        canonical = merged.get(row["canonical_id"])
        record = canonical or {**row, "num_mentions": 1, "num_sources": 1, "num_articles": 1}
        values = _gdelt_values(key, record, row["url"] or row["origin"] or "", today)
        out.write("\t".join("" if v is None else str(v).replace("\t", " ") for v in values) + "\n")
        written += 1
    return written


def _gdelt_values(key: str, record: dict, url: str, today: str) -> list:
    """The GDELT columns of one merged event (or stored event) row. Actor codes are CAMEO
    codes as ``serialize.actor_code`` writes them ("---GOV" for an unknown country)."""
    day, cameo = record["date"], str(record["cameo"] or "")
    actors = []
    for side in ("source", "target"):
        actor = actor_from_row(record, side)
        actors += [
            actor_code(actor),
            record[f"{side}_name"] or "",
            record[f"{side}_country"] or "",
            record[f"{side}_sector"] or "",
        ]
    return [
        key,
        day.strftime("%Y%m%d") if day else "",
        day.strftime("%Y%m") if day else "",
        day.year if day else "",
        f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}" if day else "",
        *actors,
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
        url,
    ]
