"""Turn results into the output contract: JSON records, CSV rows and a readable table; and
model objects into the rows of the store's tables and back.

The JSONL contract (one line per article) is documented in docs/output.md and
checked by tests/test_serialize.py; change both together.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from .model import (
    DATELINE_EVIDENCE,
    Actor,
    Article,
    CanonicalEvent,
    DateEstimate,
    Event,
    Mention,
    Place,
    Problem,
    Quote,
    Result,
    Span,
    Story,
    TimeExpression,
)

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
    "date_span",
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
    "mutual",
)
QUOTE_KEYS = ("content", "source", "cue", "speaker", "direct", "medium")
ACTOR_KEYS = ("text", "start", "end", "name", "country", "sector", "evidence")
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
    "mutual",
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
        "evidence": mention.evidence or None,
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
        "date_span": _span(event.date_span) if event.date_span else None,
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
        "mutual": event.mutual,
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
                "mutual": event.mutual,
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


def actor_code(actor: Actor | None) -> str:
    """CAMEO actor code: country then sector, "USAGOV", "RUSMIL", "NATO"; "---" stands for an
    unknown country, as in CAMEO and PETRARCH ("---GOV": a government of no known country).
    The ``--cameo`` output and the GDELT export both write this code."""
    if actor is None:
        return ""
    return (actor.country or "---") + (actor.sector or "")


def cameo_actor_code(mention: Mention | None) -> str:
    """The CAMEO actor code (``actor_code``) of a mention's actor; empty without a mention."""
    return actor_code(None if mention is None else mention.actor)


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
    heading = f"== {article.origin or article.id}  ({article.date or 'no date'})"
    lines = [f"{heading}  {article.title or ''}".rstrip()]
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


def json_value(value: object) -> str:
    """``json.dumps(default=...)`` for stored rows: dates as ISO text, anything else as text."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


# ---------------------------------------------------------------- store rows
# The rows of the store's tables (the store creates them with these columns, in this order),
# and events rebuilt from them.
ARTICLE_COLUMNS = (
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
)
_SIDE_COLUMNS = ("text", "name", "country", "sector", "start", "end")
EVENT_COLUMNS = (
    "id",
    "article_id",
    "type",
    "mode",
    *(f"source_{name}" for name in _SIDE_COLUMNS),
    *(f"target_{name}" for name in _SIDE_COLUMNS),
    "trigger_start",
    "trigger_end",
    "sentence_start",
    "sentence_end",
    "date",
    "date_granularity",
    "date_method",
    "location_name",
    "location_country",
    "negated",
    "hypothetical",
    "future",
    "cameo",
    "quad_class",
    "intensity",
    "confidence",
    "rule",
    "data_version",
    "reported_by_name",
    "reported_by_country",
    "reported_by_sector",
    "reported",
    "canonical_id",
    "source_evidence",
    "target_evidence",
    "date_start",
    "date_end",
    "mutual",
)
QUOTE_COLUMNS = (
    "article_id",
    "content_start",
    "content_end",
    "content",
    "source_start",
    "source_end",
    "source_text",
    "cue_start",
    "cue_end",
    "cue",
    "speaker_name",
    "speaker_country",
    "speaker_sector",
    "direct",
    "medium",
)
TIME_COLUMNS = ("article_id", "start_offset", "end_offset", "text", "type", "value")
PROBLEM_COLUMNS = ("article_id", "origin", "code", "stage", "message", "run_id")
MENTION_COLUMNS = (
    "article_id",
    "start_offset",
    "end_offset",
    "text",
    "kind",
    "name",
    "country",
    "sector",
    "evidence",
)
PLACE_COLUMNS = (
    "article_id",
    "start_offset",
    "end_offset",
    "name",
    "country",
    "latitude",
    "longitude",
)


def _actor_values(actor: Actor | None) -> list:
    return [None, None, None] if actor is None else [actor.name, actor.country, actor.sector]


def _place_values(place: Place | None) -> list:
    return [None, None] if place is None else [place.name, place.country]


def article_row(result: Result, run_id: str) -> list:
    article = result.article
    return [
        article.id,
        article.title,
        article.date,
        result.date_source,
        article.source,
        article.url,
        article.origin,
        article.text,
        run_id,
        result.data_version,
        result.story,
    ]


def event_row(event: Event, data_version: str) -> list:
    """An event as the store's ``events`` table holds it (columns ``EVENT_COLUMNS``)."""
    sides: list = []
    for mention in (event.source, event.target):
        if mention is None:
            sides += [None] * len(_SIDE_COLUMNS)
        else:
            sides += [mention.text, *_actor_values(mention.actor), mention.start, mention.end]
    return [
        event.id,
        event.article_id,
        event.type,
        event.mode,
        *sides,
        *event.trigger,
        *event.sentence,
        event.date,
        event.date_granularity,
        event.date_method,
        *_place_values(event.location),
        event.negated,
        event.hypothetical,
        event.future,
        event.cameo,
        event.quad_class,
        event.intensity,
        event.confidence,
        event.rule,
        data_version,
        *_actor_values(event.reported_by),
        event.reported,
        event.canonical_id,
        *(m.evidence or None if m is not None else None for m in (event.source, event.target)),
        *(event.date_span or (None, None)),
        event.mutual,
    ]


def quote_row(article: Article, quote: Quote) -> list:
    text = article.text

    def span(value: Span | None) -> list:
        return [None, None, None] if value is None else [*value, text[value[0] : value[1]]]

    return [
        article.id,
        *span(quote.content),
        *span(quote.source),
        *span(quote.cue),
        *_actor_values(quote.speaker),
        quote.direct,
        quote.medium and text[quote.medium[0] : quote.medium[1]],
    ]


def time_row(article_id: str, expression: TimeExpression) -> list:
    x = expression
    return [article_id, x.start, x.end, x.text, x.type, x.value]


def mention_row(article_id: str, mention: Mention) -> list:
    m = mention
    return [article_id, m.start, m.end, m.text, m.kind, *_actor_values(m.actor), m.evidence]


def mention_from_row(row: dict) -> Mention:
    actor = Actor(row["name"], row["country"], row["sector"])
    start, end = row["start_offset"], row["end_offset"]
    return Mention(start, end, row["text"], actor, row["kind"], evidence=row["evidence"] or "")


def place_row(article_id: str, place: Place) -> list:
    p = place
    return [article_id, p.start, p.end, p.name, p.country, p.latitude, p.longitude]


def place_from_row(row: dict) -> Place:
    return Place(
        row["name"],
        row["country"],
        row["start_offset"],
        row["end_offset"],
        row["latitude"],
        row["longitude"],
    )


def problem_row(article_id: str | None, problem: Problem, run_id: str | None) -> list:
    return [article_id, problem.where, problem.code, problem.stage, problem.message, run_id]


def canonical_row(event: CanonicalEvent) -> list:
    """A merged event as the store's ``canonical_events`` table holds it."""
    return [
        event.id,
        event.story,
        event.type,
        event.mode,
        *_actor_values(event.source),
        *_actor_values(event.target),
        event.date,
        event.date_granularity,
        event.date_method,
        *_place_values(event.location),
        event.negated,
        event.hypothetical,
        event.cameo,
        event.quad_class,
        event.intensity,
        event.num_mentions,
        event.num_articles,
        event.num_sources,
        event.first_seen,
        event.last_seen,
        list(dict.fromkeys(r.article_id for r in event.reports)),
        sorted({r.outlet for r in event.reports if r.outlet}),
    ]


def story_row(story: Story) -> list:
    return [
        story.id,
        story.title,
        len(story.article_ids),
        list(story.article_ids),
        list(story.actors),
        list(story.places),
        story.first_date,
        story.last_date,
    ]


def actor_from_row(row: dict, side: str) -> Actor | None:
    """The actor of a stored row's side ("source", "target"), or None when the side is empty."""
    name = row.get(f"{side}_name")
    if name is None:
        return None
    return Actor(name, row.get(f"{side}_country"), row.get(f"{side}_sector"))


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
        evidence=row.get(f"{side}_evidence") or "",
    )


def event_from_row(row: dict) -> Event:
    """An event rebuilt from its stored row (the row's keys are ``EVENT_COLUMNS``)."""
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
        row.get("canonical_id"),
        (row["date_start"], row["date_end"]) if row.get("date_start") is not None else None,
        bool(row.get("mutual")),
    )


def light_result(
    article: dict,
    events: tuple[Event, ...],
    datelined: bool = False,
    mentions: tuple[Mention, ...] | None = None,
    places: tuple[Place, ...] | None = None,
) -> Result:
    """A stored article (its row), its events and the actors and places it names as a result:
    what story linking needs, not enough for coding again. An article stored without its
    mentions or places (by a store before schema 6) has those its events name.
    ``datelined``: its date was read from a dateline (it states it, ``Result.stated_date``)."""
    if mentions is None:
        mentions = tuple(
            dict.fromkeys(m for e in events for m in (e.source, e.target) if m is not None)
        )
    if places is None:
        places = tuple(dict.fromkeys(e.location for e in events if e.location is not None))
    return Result(
        Article(
            article["id"],
            article["text"] or "",
            article["title"],
            article["date"],
            article["outlet"],
            article["url"],
            article["origin"],
        ),
        events,
        mentions,
        places=places,
        date_source=article["date_source"],
        date_estimate=(
            DateEstimate(day, day, day, 0.95, (f"{DATELINE_EVIDENCE}(stored)",))
            if datelined and (day := article["date"]) is not None
            else None
        ),
        data_version=article["data_version"] or "",
        story=article.get("story"),
    )
