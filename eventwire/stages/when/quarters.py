"""The quarters of financial news read across a report: "the quarter", "a year ago", "last
year's $1.55 billion".

In: the time expressions found in an article (in article order) and its parsed segments. Out:
the same expressions, with the quarters the report means.

Rules. A report that names its quarter ("the fiscal first quarter") means that one by "the
quarter" and "the latest period" further on; a quarter described by the one apposed to it takes
its value; "a year ago" and "last year's" figures are the quarter reported a year before.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from ...model import TimeExpression
from ..parse import Segment, segment_at
from .segments import sentence_at, sentence_says
from .words import GENERIC_QUARTER


def _quarter_of(day: dt.date) -> str:
    """The calendar quarter holding a day ("2022-Q1")."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def date_reported_quarter(found: list[TimeExpression]) -> list[TimeExpression]:
    """A report that names its quarter ("the fiscal first quarter", "third-quarter profit") means
    that one by "the quarter" and "the latest period" further on, not the calendar quarter last
    ended."""
    named = [
        t
        for t in found
        if re.fullmatch(r"\d{4}-Q\d", t.value)
        and not GENERIC_QUARTER.fullmatch(t.text)
        and re.search(r"\b(?:first|second|third|fourth)\b", t.text, re.IGNORECASE)
        and not re.search(r"\b(?:ago|earlier|last|next)\b", t.text, re.IGNORECASE)
        and (t.anchor is None or t.value <= _quarter_of(t.anchor))
    ]
    if not named:
        return found
    first, out = named[0], []
    current: str | None = first.value
    since = first.start  # where the quarter meant was last named
    for number, t in enumerate(found):
        if (
            t in named
            and t is not first
            and not re.search(r"\d{4}", t.text)
            and (t.anchor is None or t.value < _quarter_of(t.anchor))
        ):
            # a later report in a roundup names its own quarter ("fiscal second-quarter")
            current, since = t.value, t.start
        if (
            t.start > first.start
            and GENERIC_QUARTER.fullmatch(t.text)
            and re.fullmatch(r"\d{4}-Q\d", t.value)
        ):
            following = found[number + 1] if number + 1 < len(found) else None
            if (
                following is None
                or following.start - t.end > 10
                or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", following.value)
            ):
                t = replace(t, value=current) if current else t
            elif t.start - since > 200:
                # far from where a quarter was named, "the quarter ended Sept. 30" starts another
                # report
                current = None
        out.append(t)
    return out


def date_apposed_quarters(
    found: list[TimeExpression], segments: list[Segment], texts: list[str]
) -> list[TimeExpression]:
    """ "the year-ago quarter, the second quarter ended Oct. 31": a quarter described by the one
    apposed to it takes its value. ``texts`` are the segments' texts."""
    text = {segment.offset: words for segment, words in zip(segments, texts)}
    out = list(found)
    for n in range(len(out) - 1):
        first, second = out[n], out[n + 1]
        if (
            second.start - first.end != 2
            or not re.fullmatch(r"\d{4}-Q\d", first.value)
            or not re.fullmatch(r"\d{4}-Q\d", second.value)
            or "quarter" not in first.text.lower()
            or not re.match(r"the\s", second.text, re.IGNORECASE)
        ):
            continue
        between = next(
            (
                words[first.end - offset : second.start - offset]
                for offset, words in text.items()
                if offset <= first.start and second.start <= offset + len(words)
            ),
            None,
        )
        if between == ", ":
            out[n] = replace(first, value=second.value)
    return out


def date_year_ago_quarters(
    found: list[TimeExpression], segments: list[Segment]
) -> list[TimeExpression]:
    """In a report of quarterly results, "a year ago" and "year-earlier" mean the quarter
    reported (the latest finished one named) a year before, unless the sentence speaks of months
    ("the nine months")."""
    year_ago = re.compile(r"(?:a\s+|the\s+)?year[- ](?:ago|earlier)", re.IGNORECASE)
    quarters = [
        t.value
        for t in found
        if re.fullmatch(r"\d{4}-Q\d", t.value)
        and not year_ago.search(t.text)
        and (t.anchor is None or t.value < _quarter_of(t.anchor))
    ]
    if not quarters:
        return _date_last_years_quarter(found, segments)
    quarter = max(quarters)
    value = f"{int(quarter[:4]) - 1}{quarter[4:]}"
    out = [
        replace(t, value=value, granularity="quarter")
        if year_ago.fullmatch(t.text)
        and re.fullmatch(r"\d{4}", t.value)
        and not sentence_says(segments, t, r"\bmonths\b")
        else t
        for t in found
    ]
    return _date_last_years_quarter(out, segments)


def _date_last_years_quarter(
    found: list[TimeExpression], segments: list[Segment]
) -> list[TimeExpression]:
    """ "Sales in the latest period were $1.76 billion, up from last year's $1.55 billion",
    "Last year's results were hurt by ...": right after a quarter is named (up to about a
    paragraph, 500 characters, before), last year's figures are that quarter's a year before,
    unless the sentence is about a whole year or months."""
    out = list(found)
    for n, t in enumerate(out):
        if not re.fullmatch(r"last year", t.text, re.IGNORECASE) or not re.fullmatch(
            r"\d{4}", t.value
        ):
            continue
        segment = segment_at(segments, t.start)
        if segment is None:
            continue
        text = segment.doc.text
        after = text[t.end - segment.offset : t.end - segment.offset + 12]
        before = text[max(0, t.start - segment.offset - 60) : t.start - segment.offset]
        if not re.match(
            r"'s\s+(?:\$|results|figures?|quarter|period|level)", after, re.IGNORECASE
        ) and not re.search(
            r"(?:\$|C\$|#)[\d.,]+(?: (?:million|billion))?(?:, or [^,]{1,40},?)?\s*$", before
        ):
            # "last year's $1.55 billion", "compared with earnings of $33 million last year"
            continue
        sentence = sentence_at(segments, t)
        if re.search(
            r"\bthis year|\bthe year\b|\bmonths\b|\bannual|\bfull[- ]year", sentence, re.IGNORECASE
        ):
            continue
        named = [
            q.value
            for q in out[:n]
            if re.fullmatch(r"\d{4}-Q\d", q.value)
            and t.start - q.start <= 500
            and not re.search(r"\b(?:ago|earlier|last)\b", q.text, re.IGNORECASE)
        ]
        if named:
            out[n] = replace(
                t, value=f"{int(named[-1][:4]) - 1}{named[-1][4:]}", granularity="quarter"
            )
    return out
