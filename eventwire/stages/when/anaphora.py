"""Times told from a day the story has named: "the following Monday", "that year", "the next
morning", "Oct. 12, the day before the plunge", "in the morning", "at 10 a.m." on that day.

In: the time expressions found so far (in article order) and the parsed segments. Out: a value
for an anaphoric expression, or the expressions with their values set from the story's own
timeline.

Rule: an anaphoric expression counts from the last date the article named at its precision (a
day, a month, a quarter, a year), not from the article date; a clock time or a part of the day
takes the day named in its sentence (or just before), else the article's.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from ...model import TimeExpression
from ..parse import Segment
from .calendar import shift_months
from .values import TimeValue
from .words import DAY_PARTS, DAY_VALUE, DAY_WORDS, MONTH_DAY, WEEKDAYS

_ANAPHORA = re.compile(
    r"(?:(?:earlier|later) )?(that|(?:that |the )?same|(?:the )?following|(?:the )?next"
    r"|(?:the )?previous) (day|morning|afternoon|evening|night|month|quarter|year)",
    re.IGNORECASE,
)
_PRECISION = {
    "day": (r"\d{4}-\d{2}-\d{2}", 10),
    "month": (r"\d{4}-\d{2}", 7),
    "quarter": (r"\d{4}-Q\d", 7),
    "year": (r"\d{4}", 4),
}


def read_weekday_anaphora(text: str, found: list[TimeExpression]) -> TimeValue | None:
    """ "the previous Friday", "the following Monday": that weekday before or after the last day
    the article named (a market report of Friday's trading compares it with the Friday before)."""
    match = re.fullmatch(r"(?:the )?(previous|preceding|following) (\w+day)", text, re.IGNORECASE)
    if match is None or match.group(2).lower() not in WEEKDAYS:
        return None
    named = [t.value[:10] for t in found if re.fullmatch(r"\d{4}-\d{2}-\d{2}", t.value[:10])]
    if not named:
        return None
    day, weekday = dt.date.fromisoformat(named[-1]), WEEKDAYS[match.group(2).lower()]
    step = 1 if match.group(1).lower() == "following" else -1
    day += dt.timedelta(days=step)
    while day.weekday() != weekday:
        day += dt.timedelta(days=step)
    return TimeValue("DATE", day.isoformat(), "day", True)


def read_anaphora(text: str, found: list[TimeExpression]) -> TimeValue | None:
    """ "that year", "the following month", "earlier that day", "the next morning": counted from
    the last date the article named at that precision (the story's own timeline, not the article
    date)."""
    match = _ANAPHORA.fullmatch(text)
    if match is None:
        return None
    which = match.group(1).lower().split()[-1]
    step = {"following": 1, "next": 1, "previous": -1}.get(which, 0)
    unit = "day" if match.group(2).lower() in DAY_PARTS else match.group(2).lower()
    pattern, length = _PRECISION[unit]
    named = [t.value[:length] for t in found if re.match(pattern, t.value)]
    if not named:
        return None
    if unit == "day":
        day = dt.date.fromisoformat(named[-1]) + dt.timedelta(days=step)
        return TimeValue("DATE", day.isoformat(), "day", True)
    if unit == "month":
        month = shift_months(dt.date.fromisoformat(named[-1] + "-01"), step)
        return TimeValue("DATE", month.strftime("%Y-%m"), "month", True)
    if unit == "quarter":
        # "that quarter", "the following quarter": from the last quarter named
        number = int(named[-1][:4]) * 4 + int(named[-1][-1]) - 1 + step
        return TimeValue("DATE", f"{number // 4}-Q{number % 4 + 1}", "quarter", True)
    return TimeValue("DATE", str(int(named[-1]) + step), "year", True)


def date_apposed_days(
    found: list[TimeExpression], segments: list[Segment], texts: list[str]
) -> list[TimeExpression]:
    """ "Oct. 12, the day before the plunge": the apposed "the day" is the day just named.
    ``texts`` are the segments' texts."""
    out = list(found)
    for segment, text in zip(segments, texts):
        for match in re.finditer(r"(?<=, )the day(?= (?:before|after)\b)", text, re.IGNORECASE):
            start = segment.offset + match.start()
            named = [t for t in out if t.end == start - 2 and DAY_VALUE.fullmatch(t.value)]
            if named:
                out = [t for t in out if not (t.start < start + 7 and start < t.end)]
                out.append(replace(named[0], start=start, end=start + 7, text=match.group(0)))
    return sorted(out, key=lambda t: t.start)


def date_parts_of_day(
    found: list[TimeExpression], segments: list[Segment], texts: list[str], anchor: dt.date | None
) -> list[TimeExpression]:
    """ "Dealers bought heavily in the morning": that part of the day the story has just named
    (in the 400 characters before), else of the article's day. "at 4 in the morning" is a clock
    time, not this. ``texts`` are the segments' texts."""
    out = list(found)
    for segment, text in zip(segments, texts):
        for match in re.finditer(
            r"(?<!\d in )(?<=\bin )the (morning|afternoon|evening)\b(?! of\b)", text, re.IGNORECASE
        ):
            start = segment.offset + match.start()
            if any(t.start < start + len(match.group(0)) and start < t.end for t in out):
                continue
            named = [
                t
                for t in out
                if start - 400 <= t.start < start
                and DAY_VALUE.fullmatch(t.value[:10])
                and (t.type == "DATE" or DAY_WORDS.search(t.text) or MONTH_DAY.search(t.text))
            ]
            day = named[-1].value[:10] if named else anchor.isoformat() if anchor else None
            if day is not None:
                out.append(
                    TimeExpression(
                        start,
                        start + len(match.group(0)),
                        match.group(0),
                        "TIME",
                        f"{day}T{DAY_PARTS[match.group(1).lower()]}",
                        anchor,
                        "day",
                        True,
                    )
                )
    return sorted(out, key=lambda t: t.start)


def date_clocks_on_their_day(
    found: list[TimeExpression], segments: list[Segment]
) -> list[TimeExpression]:
    """A clock time takes the day named in its sentence ("on Friday ... at 10 a.m.", "at 4 in
    the morning (4 a.m. EDT Thursday)"), not the article's."""
    out = list(found)
    for segment in segments:
        for sentence in segment.doc.sents:
            start, end = segment.char_span(sentence.start, sentence.end)
            inside = [(n, t) for n, t in enumerate(out) if start <= t.start < end]
            days = [
                t.value[:10]
                for _, t in inside
                if re.fullmatch(r"\d{4}-\d{2}-\d{2}", t.value)
                or t.type == "TIME"
                and re.match(r"\d{4}-\d{2}-\d{2}T", t.value)
                and DAY_WORDS.search(t.text)
            ]
            if len(set(days)) != 1:
                continue
            for n, expression in inside:
                match = re.fullmatch(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})", expression.value)
                if (
                    expression.type == "TIME"
                    and match
                    and not DAY_WORDS.search(expression.text)
                    and not MONTH_DAY.search(expression.text)
                ):
                    out[n] = replace(expression, value=days[0] + match.group(1))
    return out
