"""Give each event a date from the time expressions of its article.

In: the events, the article's time expressions and parsed segments, and the article date (may
be None). Out: the events with a date, its granularity and how it was obtained ("explicit",
"relative" or "article_date").

Rule: an event takes the DATE or TIME expression attached to its predicate (in the trigger's
clause), else the nearest one in its sentence, else the article date. A value dates an event
by the first day it covers.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from ...model import Event, TimeExpression
from ..parse import Segment
from ..syntax import clause_tokens
from .segments import segment_at

Datable = tuple[TimeExpression, tuple[dt.date, str]]  # an expression, its first day and granularity


def value_to_date(value: str) -> tuple[dt.date, str] | None:
    """The first day a TIMEX value covers and its granularity, for dating events."""
    value = value.split("T")[0]
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return dt.date.fromisoformat(value), "day"
        if match := re.fullmatch(r"(\d{4})-W(\d{2})(?:-WE)?", value):
            return dt.date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1), "week"
        if re.fullmatch(r"\d{4}-\d{2}", value):
            return dt.date.fromisoformat(value + "-01"), "month"
        if re.fullmatch(r"\d{4}", value):
            return dt.date(int(value), 1, 1), "year"
    except ValueError:
        return None
    return None


def date_events(
    events: list[Event],
    times: list[TimeExpression],
    segments: list[Segment],
    anchor: dt.date | None,
) -> list[Event]:
    """Give each event the time expression attached to its trigger, else its sentence's, else
    the article date."""
    datable: list[Datable] = []
    for expression in times:
        if expression.type in ("DATE", "TIME"):
            first_day = value_to_date(expression.value)
            if first_day is not None:
                datable.append((expression, first_day))
    out = []
    for event in events:
        chosen = _attached(event, datable, segments)
        if chosen is None:
            in_sentence = [
                (t, d) for t, d in datable if event.sentence[0] <= t.start < event.sentence[1]
            ]
            if in_sentence:
                chosen = min(in_sentence, key=lambda item: abs(item[0].start - event.trigger[0]))
        if chosen is not None:
            expression, (day, granularity) = chosen
            out.append(
                replace(
                    event,
                    date=day,
                    date_granularity=granularity,
                    date_method="relative" if expression.is_relative else "explicit",
                )
            )
        elif anchor is not None:
            out.append(
                replace(event, date=anchor, date_granularity="day", date_method="article_date")
            )
        else:
            out.append(event)
    return out


def _attached(event: Event, datable: list[Datable], segments: list[Segment]) -> Datable | None:
    """The first datable expression whose head lies in the clause of the event's trigger."""
    segment = segment_at(segments, event.trigger[0])
    if segment is None:
        return None
    doc = segment.doc
    token = doc.char_span(
        event.trigger[0] - segment.offset,
        event.trigger[1] - segment.offset,
        alignment_mode="expand",
    )
    if token is None:
        return None
    clause = clause_tokens(token.root)
    for expression, day in datable:
        span = doc.char_span(
            expression.start - segment.offset,
            expression.end - segment.offset,
            alignment_mode="expand",
        )
        if span is not None and span.root.i in clause:
            return expression, day
    return None
