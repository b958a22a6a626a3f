"""Find the time expressions of an article and read each in its context.

In: the article's parsed segments and its date (the anchor, may be None); or, for the title and
dateline, unparsed lines. Out: ``TimeExpression`` records (article offsets, text, TIMEX3 type
and value, anchor, granularity, whether relative) in article order.

Rules. Candidates are spaCy's DATE/TIME entities plus what ``words.PATTERN`` catches; a day and
its part or clock time side by side are one ("Friday morning"). Each is trimmed to its own words
and read with the direction of its clause; an expression that holds two ("between 1994 and
1997", "the quarter ended Sept. 30") is read in parts. Then the passes over the whole article:
occasions, apposed days, parts of the day, clock times on their day, quarters of a report.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from ...model import TimeExpression
from ..parse import Segment
from .anaphora import (
    date_apposed_days,
    date_clocks_on_their_day,
    date_parts_of_day,
    read_anaphora,
    read_weekday_anaphora,
)
from .calendar import quarter_ended
from .occasions import date_told_from_occasions
from .quarters import date_apposed_quarters, date_reported_quarter, date_year_ago_quarters
from .rules import normalize_expression
from .tense import context_direction
from .values import TimeValue
from .words import (
    CLOCK_24,
    DAY_WORDS,
    GENERIC_QUARTER,
    JOINS,
    MONTH_DAY,
    MONTHS,
    NOT_TIMES,
    PATTERN,
    QUARTER_ORDINALS,
    WEEKDAYS,
    candidate_spans,
    read_count,
)

# "the same month a year ago": the unit named before "a year ago" or "a year earlier"
_SAME_UNIT = re.compile(r"\bsame (month|period|time) $", re.IGNORECASE)
_SAME_WORDS = re.compile(r"(?:the )?same (?:month|period|time)", re.IGNORECASE)
_YEAR_AGO = re.compile(r"(?:a|one) year (?:ago|earlier)", re.IGNORECASE)
# "today's youth", "the people of tomorrow": the present or future age, not a day
_GENERIC_DAY = re.compile(
    r"(?:today|tomorrow)'s\s+(?:world|youth|young|society|generations?|children|kids|families|"
    r"technology|computers|consumers|students|standards)\b|\bof\s+(?:today|tomorrow)\b",
    re.IGNORECASE,
)
_SOMEDAY = re.compile(
    r"\b(?:will|would|could|might|may|can|hopes?|hoped|dreams?)\s+(?:\w+\s+)?$", re.IGNORECASE
)
_NTH_DAY = re.compile(
    r"(?:the )?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
    r"|\d+(?:st|nd|rd|th))"
    r" day",
    re.IGNORECASE,
)
_FRACTION = re.compile(
    r"(?:more than |less than |about |nearly |almost )?(?:a|one|two|three) quarters?", re.IGNORECASE
)
_DAY_PART_WORDS = re.compile(
    r"(?:morning|afternoon|evening|night|noon|midnight|midday|mid-?(?:morning|afternoon))",
    re.IGNORECASE,
)

Piece = tuple[int, str, TimeValue]  # (start in the text, the piece's words, its value)


class TimeFinder:
    """Finds and normalizes the time expressions of an article. ``occasions`` maps lemmas to
    groups of words naming the same happening (data/occasions.yaml), for "10 days before the
    murder"."""

    def __init__(self, occasions: dict[str, str] | None = None):
        self.occasions = occasions or {}

    def __call__(self, segments: list[Segment], anchor: dt.date | None) -> list[TimeExpression]:
        found: list[TimeExpression] = []
        # a spaCy Doc joins its tokens on every .text
        texts = [segment.doc.text for segment in segments]
        for segment, text in zip(segments, texts):
            _find_in_segment(segment, text, anchor, found)
        if self.occasions:
            found = date_told_from_occasions(found, segments, self.occasions)
        found = date_parts_of_day(
            date_apposed_days(found, segments, texts), segments, texts, anchor
        )
        found = date_year_ago_quarters(
            date_reported_quarter(date_clocks_on_their_day(found, segments)), segments
        )
        return date_apposed_quarters(found, segments, texts)


def _find_in_segment(
    segment: Segment, text: str, anchor: dt.date | None, found: list[TimeExpression]
) -> None:
    """Add the expressions of one segment (its text ``text``) to ``found``, each read with those
    found before it, so that "that year" counts from the last year named."""
    doc = segment.doc
    spans: list[tuple[int, int]] = [
        (e.start_char, e.end_char) for e in doc.ents if e.label_ in ("DATE", "TIME")
    ]
    for found_start, found_end in candidate_spans(text):
        overlapped = [
            (s, e) for s, e in spans if s <= found_start < e or found_start <= s < found_end
        ]
        if all(found_start <= s and e <= found_end for s, e in overlapped):
            # "On 14 November China": the parser's entity is "November" alone; the pattern's
            # "14 November" holds it and wins
            spans = [span for span in spans if span not in overlapped] + [(found_start, found_end)]
    for start, end in _join_day_parts(sorted(spans), text):
        span = doc.char_span(start, end, alignment_mode="expand")
        edges = _expression_text(text, start, end) if span is not None else None
        if span is None or edges is None:
            continue
        start, end, words = edges
        if _SAME_WORDS.fullmatch(words) and _YEAR_AGO.match(text[end:].lstrip()):
            continue  # "the same month a year ago": "a year ago" carries that month's value
        direction = context_direction(text, start, span.root)
        start, words, result = _read_in_context(text, start, end, words, anchor, direction, found)
        pieces = (
            [(start, words, result)]
            if result is not None
            else [
                (start + offset, piece, piece_result)
                for offset, piece, piece_result in _parts(words, anchor, direction)
            ]
        )
        for piece_start, piece, value in pieces:
            if _not_a_time(text, piece_start, piece, end, value.value):
                continue
            expression = TimeExpression(
                segment.offset + piece_start,
                segment.offset + piece_start + len(piece),
                piece,
                value.type,
                value.value,
                anchor,
                value.granularity,
                value.is_relative,
            )
            found.append(expression)


def _expression_text(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    """The expression's own words in a parser or pattern span, or None when it holds no time:
    without a leading preposition or a dangling conjunction, with "each" or "and a half" the
    span left out."""
    words = text[start:end]
    stripped = re.sub(r"^(?:on|in|at(?! least)|by|since)\s+", "", words, flags=re.IGNORECASE)
    # a doubled "the the end"
    stripped = re.sub(r"^the\s+(?=the\s)", "", stripped, flags=re.IGNORECASE)
    start += len(words) - len(stripped)
    words = stripped.rstrip(" .,'s") if stripped.endswith("'s") else stripped.rstrip(" .,")
    before = text[max(0, start - 20) : start]
    if (
        not words
        or NOT_TIMES.match(words)
        or re.fullmatch(r"year-end", words, re.IGNORECASE)
        and not re.search(r"\b(?:by|since|until|before|around|at)\s+$", before[-10:])
    ):
        return None  # "year-end net": a kind of figure, not a time
    dangling = re.search(r"\s+(?:and|or|to)$", words, re.IGNORECASE)
    if dangling:
        # the parser's "a minute and": the conjunction is not in it
        words = words[: dangling.start()]
    end = start + len(words)
    if (
        _GENERIC_DAY.match(text[start : end + 20])
        or re.search(r"\bof\s+$", before)
        and _GENERIC_DAY.match(text[start - 3 : end])
    ):
        return None
    every = re.search(r"\b(?:each|every)\s+$", before, re.IGNORECASE)
    if every and words.lower() in WEEKDAYS:
        start, words = start - len(every.group(0)), every.group(0) + words  # "each Thursday"
    nights = re.match(r"\s+(?:mornings|afternoons|evenings|nights)\b", text[end:])
    if nights and words.lower() in WEEKDAYS:
        words, end = words + text[end : end + nights.end()], end + nights.end()  # "Tuesday nights"
    half = re.match(r"\s+and\s+a\s+half\b", text[end:])
    if half:
        words, end = words + text[end : end + half.end()], end + half.end()  # "a minute and a half"
    return start, end, words


def _read_in_context(
    text: str,
    start: int,
    end: int,
    words: str,
    anchor: dt.date | None,
    direction: int,
    found: list[TimeExpression],
) -> tuple[int, str, TimeValue | None]:
    """Normalize an expression with what stands around it: "the day before" a day, "will one
    day", "today is the eighth day of"; and the days the text named before it."""
    before = text[max(0, start - 20) : start]
    result = (
        read_weekday_anaphora(words, found)
        or normalize_expression(words, anchor, direction)
        or read_anaphora(words, found)
    )
    around = re.search(r"\b(?:the )?day (?:before|after) $", before, re.IGNORECASE)
    if around and result is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", result.value):
        # "the day before last Tuesday's hearing", the parser's span holding only the day named
        words = around.group(0) + words
        return start - len(around.group(0)), words, normalize_expression(words, anchor, direction)
    plural = _shared_plural(words, text[end:])
    if plural:
        return start, words, normalize_expression(plural, anchor, direction)
    same = _SAME_UNIT.search(before)
    if same and anchor is not None and _YEAR_AGO.fullmatch(words):
        # "from the same month a year ago": that month of the year before (TimeBank marks "a
        # year ago" and gives it the month's value)
        if same.group(1).lower() == "month":
            value = f"{anchor.year - 1:04d}-{anchor.month:02d}"
            return start, words, TimeValue("DATE", value, "month", True)
        return start, words, TimeValue("DATE", str(anchor.year - 1), "year", True)
    if words.lower() == "one day" and _SOMEDAY.search(before):
        # "will one day be": some day to come
        return start, words, TimeValue("DATE", "FUTURE_REF", None, True)
    if (
        anchor is not None
        and _NTH_DAY.fullmatch(words)
        and re.search(r"(?:\bis|'s)\s+$", before)
        and re.match(r"\s+of\b", text[end:])
    ):
        # "today is the eighth day of"
        return start, words, TimeValue("DATE", anchor.isoformat(), "day", True)
    return start, words, result


def _shared_plural(words: str, after: str) -> str | None:
    """ "Monday" in "Monday and Tuesday nights", "second" in "the second and fourth quarters":
    read with the plural it shares."""
    if words.lower() in (
        "first",
        "second",
        "third",
        "fourth",
        "the first",
        "the second",
        "the third",
    ) and re.match(
        r"\s+(?:and|or)\s+(?:the\s+)?(?:first|second|third|fourth)\s+quarters\b",
        after,
        re.IGNORECASE,
    ):
        return f"{words} quarters"
    shared = re.match(
        r"\s+(?:and|or)\s+\w+day(?:s\b| (morning|afternoon|evening|night)s\b)", after, re.IGNORECASE
    )
    if shared is None or words.lower() not in WEEKDAYS:
        return None
    return f"{words} {shared.group(1)}s" if shared.group(1) else f"{words}s"


def _not_a_time(text: str, start: int, piece: str, end: int, value: str) -> bool:
    """A stretch, a share or a programme's name that reads like a time."""
    if (
        value.startswith("PX")
        and re.match(r"the\s", text[start:], re.IGNORECASE)
        and re.match(r"\s+(?:before|after)\b", text[end:])
    ):
        return True  # "in the weeks before the shooting": a stretch of time, not a length
    if _FRACTION.fullmatch(piece) and re.match(
        r"\s+of\s+(?!\d{4}|(?:the |this |last |next )?(?:fiscal )?year)", text[end:]
    ):
        return True  # "more than a quarter of the market": a share, not a time
    if (
        piece.lower() in MONTHS
        and re.match(r"\s+for\s+[A-Z]", text[start + len(piece) :])
        and re.search(r"\b(?:the|an?|annual|yearly)\s+$", text[:start], re.IGNORECASE)
    ):
        return True  # "the annual March for Life": an event's name
    # "CBS's '60 Minutes'", "ABC's 'This Week'", "This is VOA Today": a programme's name (but
    # "on 22 April" is a day)
    return bool(
        (
            re.fullmatch(r"\d+ [A-Z][a-z]+|This [A-Z][a-z]+", piece)
            and piece.split()[-1].lower().rstrip(".") not in MONTHS
            or piece == "Today"
            and re.search(r"\b[A-Z]{2,}\s+$", text[:start])
        )
        and start > 0
        and not re.search(r"[.!?]\W*$", text[:start])
    )


def _parts(text: str, anchor: dt.date | None, direction: int) -> list[Piece]:
    """The readable parts of an expression we cannot read whole: "between 1994 and 1997" gives
    both years; "the year ended Sept. 30" gives a one-year period and the day it ended (a past
    one)."""
    out: list[Piece] = []
    joins = list(JOINS.finditer(text))
    starts = [0] + [m.end() for m in joins]
    ends = [m.start() for m in joins] + [len(text)]
    for index, (start, end) in enumerate(zip(starts, ends)):
        piece = text[start:end]
        if not piece.strip():
            continue
        join = joins[index].group(0).strip().lower() if index < len(joins) else None
        following = text[starts[index + 1] : ends[index + 1]] if join is not None else ""
        ended = join in ("ended", "ending")
        if ended and re.fullmatch(r"(?:the\s+)?(?:fiscal\s+)?year", piece, re.IGNORECASE):
            out.append((start, piece, TimeValue("DURATION", "P1Y", None, False)))
            continue
        quarter = _quarter_ended_on(piece, following, anchor) if ended else None
        if quarter is not None:
            out.append((start, piece, quarter))
            continue
        if (
            re.fullmatch(r"\d{1,2}", piece)
            and out
            and re.fullmatch(r"\d{4}-\d{2}-\d{2}", out[-1][2].value)
        ):
            # "April 24 and 25": the second day of the same month
            try:
                day = dt.date.fromisoformat(out[-1][2].value).replace(day=int(piece))
            except ValueError:
                continue
            out.append((start, piece, TimeValue("DATE", day.isoformat(), "day", True)))
            continue
        unit = re.fullmatch(r"\S+ ((?:day|week|month|year|hour|minute)s)", following)
        if (
            join is not None
            and unit
            and read_count(piece) is not None
            and join in ("to", "or", "and", "-", "")
        ):
            piece_result = normalize_expression(f"{piece} {unit.group(1)}", anchor, direction)
            if piece_result is not None:  # "two to six days": the first number counts days too
                out.append((start, piece, piece_result))
                continue
        after_ended = index > 0 and joins[index - 1].group(0).strip().lower() == "ended"
        plural = _shared_plural(piece, text[end:])  # the parser's "Monday and Tuesday nights"
        result = (
            normalize_expression(plural or piece, anchor, -2 if after_ended else direction)
            if len(joins)
            else None
        )
        if result is not None:
            out.append((start, piece, result))
            continue
        for match in PATTERN.finditer(piece):
            result = normalize_expression(match.group(0), anchor, direction)
            if result is not None:
                out.append((start + match.start(), match.group(0), result))
    return out


def _quarter_ended_on(piece: str, following: str, anchor: dt.date | None) -> TimeValue | None:
    """ "the quarter ended July 31": the calendar quarter it mostly covers; "the second quarter
    ended Oct. 31" keeps the company's own number, in the year it ended."""
    numbered = re.fullmatch(
        r"(?:the |its )?(?:fiscal[- ])?(first|second|third|fourth)(?:[- ]fiscal)?[- ]quarter",
        piece,
        re.IGNORECASE,
    )
    if not (GENERIC_QUARTER.fullmatch(piece) or numbered):
        return None
    last = normalize_expression(following, anchor, -2)
    if last is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", last.value):
        return None
    day = dt.date.fromisoformat(last.value)
    value = (
        f"{day.year}-Q{QUARTER_ORDINALS.index(numbered.group(1).lower()) + 1}"
        if numbered
        else quarter_ended(day)
    )
    return TimeValue("DATE", value, "quarter", True)


def _join_day_parts(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """A day and a part of it or a clock time written side by side are one expression: "Friday
    morning", "noon Saturday", "9 a.m. EST Tuesday", "5 p.m. EST, Nov. 6", "18:00 UTC on
    Tuesday"."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        gap = text[out[-1][1] : start] if out else ""
        if out and gap in (" ", ", ", " on "):
            first, second = text[out[-1][0] : out[-1][1]], text[start:end]
            # "early Friday" + "morning"
            day = re.sub(r"^(?:early|late)\s+", "", first, flags=re.IGNORECASE)
            clock = re.search(r"\d\s*[ap]\.?m\b\.?(?:\s+[A-Z]{3})?$", first) or CLOCK_24.fullmatch(
                first
            )
            if (
                gap != " on "
                and DAY_WORDS.fullmatch(day)
                and _DAY_PART_WORDS.fullmatch(second)
                or gap != " on "
                and _DAY_PART_WORDS.fullmatch(first)
                and DAY_WORDS.fullmatch(second)
                or clock
                and (DAY_WORDS.fullmatch(second) or MONTH_DAY.fullmatch(second))
            ):
                out[-1] = (out[-1][0], end)
                continue
        out.append((start, end))
    return out


def find_dates_in_lines(
    text: str, spans: Iterable[tuple[int, int]], anchor: dt.date | None = None
) -> list[TimeExpression]:
    """Time expressions in unparsed lines: the title and the dateline under or in it
    ("Northstar Daily, March 10, 2023", "JOHANNESBURG, August 7 (Xinhua) --"). Lines have no
    parse, so no tense: a date without a year takes the year nearest the anchor. Without an
    anchor only self-contained full dates are read."""
    found = []
    for start, end in spans:
        for match in PATTERN.finditer(text, start, end):
            result = normalize_expression(match.group(0), anchor)
            if (
                result is None
                or anchor is None
                and not (result.type == "DATE" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", result.value))
            ):
                continue
            found.append(
                TimeExpression(
                    match.start(),
                    match.end(),
                    match.group(0),
                    result.type,
                    result.value,
                    anchor,
                    result.granularity,
                    result.is_relative,
                )
            )
    return found
