"""Times told from a happening the article dates elsewhere: with "the Oct. 23 slaying" in the
text, "10 days before the murder" is Oct. 13 and "was shot to death at 10 p.m." is 10 p.m. on
Oct. 23.

In: the time expressions found in an article, its parsed segments and the occasion groups
(lemma -> group, from data/occasions.yaml: "murder", "slaying" and "killing" name one
happening). Out: the expressions, with those told from a dated happening added or redated.

Rule: a happening is dated only when the article ties its group of words to exactly one day (a
day expression whose head hangs from one of the words); a past telling that would fall after the
article's month is of another happening.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from ...model import TimeExpression
from ..parse import Segment, segment_at
from ..syntax import clause_direction
from .calendar import shift_months
from .segments import ancestors
from .words import DAY_VALUE, DAY_WORDS, MONTH_DAY, read_count

_FROM_OCCASION = re.compile(
    r"\b(?:(the (?:days|weeks))|(the day)"
    r"|((?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,3})"
    r" (?:day|week|month)s?)) (before|after|following|prior to)\s",
    re.IGNORECASE,
)


def date_told_from_occasions(
    found: list[TimeExpression], segments: list[Segment], occasions: dict[str, str]
) -> list[TimeExpression]:
    """Times told from a happening the article dates elsewhere: with "the Oct. 23 slaying" in the
    text, "10 days before the murder" is Oct. 13, "the day after his death" Oct. 24, "in the
    weeks before the shooting" October, and "was shot to death at 10 p.m." is 10 p.m. on Oct.
    23. A happening is dated only when the article ties its group of words to exactly one day."""
    dated = _dated_occasions(found, segments, occasions)
    if not dated:
        return found
    out = list(found)
    for segment in segments:
        doc = segment.doc
        for sentence in doc.sents:
            start = segment.offset + sentence.start_char
            for match in _FROM_OCCASION.finditer(sentence.text):
                after = doc.char_span(
                    sentence.start_char + match.end(), sentence.end_char, alignment_mode="expand"
                )
                day = next(
                    (
                        dated[occasions[t.lemma_.lower()]]
                        for t in list(after or ())[:6]
                        if occasions.get(t.lemma_.lower()) in dated
                    ),
                    None,
                )
                if day is None:
                    continue
                value, granularity = _counted_from(match, day)
                anchor = found[0].anchor
                told = doc.char_span(
                    sentence.start_char + match.start(),
                    sentence.start_char + match.end(),
                    alignment_mode="expand",
                )
                if (
                    anchor is not None
                    and value[:7] > anchor.isoformat()[:7]
                    and told is not None
                    and clause_direction(told.root) < 0
                ):
                    continue  # a past telling cannot fall after the article: another happening
                group = 1 if match.group(1) else 2 if match.group(2) else 3
                first = start + match.start(group)
                expression = TimeExpression(
                    first,
                    first + len(match.group(group)),
                    match.group(group),
                    "DATE",
                    value,
                    found[0].anchor,
                    granularity,
                    True,
                )
                out = [
                    t for t in out if not (t.start < expression.end and expression.start < t.end)
                ] + [expression]
    return _date_clocks_on_occasion_days(
        sorted(out, key=lambda t: t.start), segments, occasions, dated
    )


def _dated_occasions(
    found: list[TimeExpression], segments: list[Segment], occasions: dict[str, str]
) -> dict[str, dt.date]:
    """The occasion groups the article ties to exactly one day, with that day."""
    days: dict[str, set[str]] = {}
    for expression in found:
        named_day = (
            DAY_VALUE.fullmatch(expression.value)
            or expression.type == "TIME"
            and DAY_VALUE.match(expression.value)
            and (DAY_WORDS.search(expression.text) or MONTH_DAY.search(expression.text))
        )
        if named_day:  # not a clock time put on the article's day
            for token in ancestors(segments, expression):
                group = occasions.get(token.lemma_.lower())
                if group:
                    days.setdefault(group, set()).add(expression.value[:10])
    return {
        group: dt.date.fromisoformat(next(iter(values)))
        for group, values in days.items()
        if len(values) == 1
    }


def _counted_from(match: re.Match[str], day: dt.date) -> tuple[str, str]:
    """The value and granularity of "the day after", "10 days before" or "the weeks before" a
    happening on a day."""
    sign = -1 if match.group(4).lower() in ("before", "prior to") else 1
    if match.group(1):
        return day.strftime("%Y-%m"), "month"  # "in the weeks before the shooting": its month
    if match.group(2):
        return (day + dt.timedelta(days=sign)).isoformat(), "day"
    count_word, unit = (
        match.group(3).lower().split()[0],
        match.group(3).lower().split()[1].rstrip("s"),
    )
    count = int(read_count(count_word) or 1)
    if unit == "month":
        return shift_months(day, sign * count).strftime("%Y-%m"), "month"
    return (day + dt.timedelta(days=sign * count * (7 if unit == "week" else 1))).isoformat(), "day"


def _date_clocks_on_occasion_days(
    found: list[TimeExpression],
    segments: list[Segment],
    occasions: dict[str, str],
    dated: dict[str, dt.date],
) -> list[TimeExpression]:
    """A clock time in a sentence that names no day takes the day of the happening it tells of."""
    out = list(found)
    for n, expression in enumerate(out):
        clock = re.fullmatch(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})", expression.value)
        if expression.type != "TIME" or clock is None or DAY_WORDS.search(expression.text):
            continue
        segment = segment_at(segments, expression.start)
        if segment is None:
            continue
        span = segment.doc.char_span(
            expression.start - segment.offset,
            expression.end - segment.offset,
            alignment_mode="expand",
        )
        if span is None:
            continue
        first, last = segment.char_span(span.sent.start, span.sent.end)
        if any(first <= t.start < last and DAY_VALUE.fullmatch(t.value) for t in out):
            continue  # the sentence names its day
        day = next(
            (
                dated[occasions[t.lemma_.lower()]]
                for t in span.root.ancestors
                if occasions.get(t.lemma_.lower()) in dated
            ),
            None,
        )
        if day is not None:
            out[n] = replace(expression, value=day.isoformat() + clock.group(1), granularity="day")
    return out
