"""Turn results into the output contract: JSON records, CSV rows and a readable table.

The JSONL contract (one line per article) is documented in docs/output.md and
checked by tests/test_serialize.py; change both together.
"""

from __future__ import annotations

import csv
import io
import json

from .model import Actor, Event, Mention, Place, Problem, Quote, Result, Span, TimeExpression

ARTICLE_KEYS = ("id", "date", "story", "events", "times", "quotes", "problems")
EVENT_KEYS = (
    "id",
    "type",
    "mode",
    "source",
    "target",
    "trigger",
    "sentence",
    "date",
    "date_granularity",
    "date_method",
    "location",
    "negated",
    "hypothetical",
    "future",
    "cameo",
    "quad_class",
    "intensity",
    "confidence",
    "rule",
    "reported_by",
    "reported",
    "canonical_id",
)
QUOTE_KEYS = ("content", "source", "cue", "speaker", "direct", "medium")
ACTOR_KEYS = ("text", "start", "end", "name", "country", "sector")
CSV_COLUMNS = (
    "article_id",
    "event_id",
    "type",
    "mode",
    "source_name",
    "source_country",
    "source_sector",
    "target_name",
    "target_country",
    "target_sector",
    "date",
    "date_method",
    "location",
    "location_country",
    "negated",
    "hypothetical",
    "future",
    "cameo",
    "quad_class",
    "intensity",
    "confidence",
    "trigger_start",
    "trigger_end",
    "sentence_start",
    "sentence_end",
    "evidence",
)


def actor_record(mention: Mention | None) -> dict | None:
    if mention is None:
        return None
    return {
        "text": mention.text,
        "start": mention.start,
        "end": mention.end,
        "name": mention.actor.name,
        "country": mention.actor.country,
        "sector": mention.actor.sector,
    }


def place_record(place: Place | None) -> dict | None:
    return None if place is None else {"name": place.name, "country": place.country}


def event_record(event: Event) -> dict:
    return {
        "id": event.id,
        "type": event.type,
        "mode": event.mode,
        "source": actor_record(event.source),
        "target": actor_record(event.target),
        "trigger": _span(event.trigger),
        "sentence": _span(event.sentence),
        "date": event.date.isoformat() if event.date else None,
        "date_granularity": event.date_granularity,
        "date_method": event.date_method,
        "location": place_record(event.location),
        "negated": event.negated,
        "hypothetical": event.hypothetical,
        "future": event.future,
        "cameo": event.cameo,
        "quad_class": event.quad_class,
        "intensity": event.intensity,
        "confidence": event.confidence,
        "rule": event.rule,
        "reported_by": speaker_record(event.reported_by),
        "reported": event.reported,
        "canonical_id": event.canonical_id,
    }


def speaker_record(actor: Actor | None) -> dict | None:
    return (
        None
        if actor is None
        else {"name": actor.name, "country": actor.country, "sector": actor.sector}
    )


def _span(span: Span | None) -> dict | None:
    return None if span is None else {"start": span[0], "end": span[1]}


def quote_record(quote: Quote) -> dict:
    return {
        "content": _span(quote.content),
        "source": _span(quote.source),
        "cue": _span(quote.cue),
        "speaker": speaker_record(quote.speaker),
        "direct": quote.direct,
        "medium": _span(quote.medium),
    }


def time_record(expression: TimeExpression) -> dict:
    return {
        "start": expression.start,
        "end": expression.end,
        "text": expression.text,
        "type": expression.type,
        "value": expression.value,
    }


def problem_record(problem: Problem) -> dict:
    return {"code": problem.code, "message": problem.message}


def result_record(item: Result | Problem) -> dict:
    """One output line. An input that failed still gets a line, with its problem."""
    if isinstance(item, Problem):
        return {
            "id": None,
            "date": None,
            "story": None,
            "events": [],
            "times": [],
            "quotes": [],
            "problems": [problem_record(item)],
        }
    article = item.article
    return {
        "id": article.id,
        "date": article.date.isoformat() if article.date else None,
        "story": item.story,
        "events": [event_record(e) for e in item.events],
        "times": [time_record(t) for t in item.times],
        "quotes": [quote_record(q) for q in item.quotes],
        "problems": [problem_record(p) for p in item.problems],
    }


def to_jsonl(item: Result | Problem) -> str:
    return json.dumps(result_record(item), ensure_ascii=False)


def csv_rows(item: Result | Problem) -> list[dict]:
    if isinstance(item, Problem):
        return []
    text = item.article.text
    rows = []
    for event in item.events:
        source, target, place = event.source, event.target, event.location
        rows.append(
            {
                "article_id": item.article.id,
                "event_id": event.id,
                "type": event.type,
                "mode": event.mode or "",
                "source_name": source.actor.name if source else "",
                "source_country": source.actor.country or "" if source else "",
                "source_sector": source.actor.sector or "" if source else "",
                "target_name": target.actor.name if target else "",
                "target_country": target.actor.country or "" if target else "",
                "target_sector": target.actor.sector or "" if target else "",
                "date": event.date.isoformat() if event.date else "",
                "date_method": event.date_method or "",
                "location": place.name if place else "",
                "location_country": place.country or "" if place else "",
                "negated": event.negated,
                "hypothetical": event.hypothetical,
                "future": event.future,
                "cameo": event.cameo,
                "quad_class": event.quad_class,
                "intensity": event.intensity,
                "confidence": event.confidence,
                "trigger_start": event.trigger[0],
                "trigger_end": event.trigger[1],
                "sentence_start": event.sentence[0],
                "sentence_end": event.sentence[1],
                "evidence": " ".join(text[event.sentence[0] : event.sentence[1]].split()),
            }
        )
    return rows


def csv_header() -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(CSV_COLUMNS)
    return buffer.getvalue()


def csv_lines(item: Result | Problem) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS)
    for row in csv_rows(item):
        writer.writerow(row)
    return buffer.getvalue()


CAMEO_COLUMNS = (
    "date",
    "source_code",
    "source_name",
    "cameo",
    "quad_class",
    "intensity",
    "target_code",
    "target_name",
    "location_country",
    "article_id",
    "event_id",
    "plover_type",
    "plover_mode",
    "confidence",
    "evidence",
)


def cameo_actor_code(mention: Mention | None) -> str:
    """ICEWS/PETRARCH-style actor code: country then sector, "USAGOV", "RUSMIL", "NATO"."""
    if mention is None:
        return ""
    return (mention.actor.country or "---") + (mention.actor.sector or "")


def cameo_lines(item: Result | Problem) -> str:
    """One tab-separated line per event, CAMEO-coded, for users of GDELT/ICEWS-style data."""
    if isinstance(item, Problem):
        return ""
    text = item.article.text
    lines = []
    for event in item.events:
        row = (
            event.date.isoformat() if event.date else "",
            cameo_actor_code(event.source),
            event.source.actor.name if event.source else "",
            event.cameo,
            str(event.quad_class),
            f"{event.intensity:.1f}",
            cameo_actor_code(event.target),
            event.target.actor.name if event.target else "",
            event.location.country or "" if event.location else "",
            item.article.id,
            event.id,
            event.type,
            event.mode or "",
            f"{event.confidence:.2f}",
            " ".join(text[event.sentence[0] : event.sentence[1]].split()),
        )
        lines.append("\t".join(value.replace("\t", " ") for value in row))
    return "".join(line + "\n" for line in lines)


def _actor_label(mention: Mention | None) -> str:
    if mention is None:
        return "-"
    actor = mention.actor
    code = "/".join(x for x in (actor.country, actor.sector) if x)
    return f"{actor.name} [{code}]" if code else actor.name


def table_lines(item: Result | Problem, width: int = 38) -> list[str]:
    """Readable lines for a terminal: one per event, problems after."""
    if isinstance(item, Problem):
        return [f"! {item.message}"]
    article = item.article
    lines = [
        f"== {article.origin or article.id}  ({article.date or 'no date'})  {article.title or ''}".rstrip()
    ]
    for event in item.events:
        flags = "".join(
            flag
            for flag, on in (("N", event.negated), ("H", event.hypothetical), ("F", event.future))
            if on
        )
        trigger = article.text[event.trigger[0] : event.trigger[1]]
        where = f" @{event.location.name}/{event.location.country}" if event.location else ""
        lines.append(
            f"  {event.type:<10} {_actor_label(event.source)[:width]:<{width}} -> "
            f"{_actor_label(event.target)[:width]:<{width}} {event.date or ''!s:<10} "
            f"{flags:<3} '{trigger}'{where}"
        )
    for problem in item.problems:
        lines.append(f"  ! {problem.code}: {problem.message}")
    return lines


def quote_lines(item: Result | Problem, width: int = 110) -> list[str]:
    """Readable lines for a terminal: one block per quote."""
    if isinstance(item, Problem):
        return [f"! {item.message}"]
    text = item.article.text
    lines = [f"== {item.article.origin or item.article.id}  ({item.article.date or 'no date'})"]
    for quote in item.quotes:
        speaker = quote.speaker
        who = text[quote.source[0] : quote.source[1]] if quote.source else "(no source)"
        code = (
            f" [{speaker.name}: {speaker.country or '-'}/{speaker.sector or '-'}]"
            if speaker
            else ""
        )
        cue = text[quote.cue[0] : quote.cue[1]] if quote.cue else ""
        medium = f" via {text[quote.medium[0] : quote.medium[1]]}" if quote.medium else ""
        content = " ".join(text[quote.content[0] : quote.content[1]].split())
        content = content if len(content) <= width else content[: width - 3] + "..."
        lines.append(f"  {who}{code} -{cue}->{medium} ({'direct' if quote.direct else 'reported'})")
        lines.append(f"      {content}")
    return lines
