"""TIMEX values and the readings that need no rule table: absolute dates, quarters, holidays.

In: the normalized words of one expression (lower case, spelled numbers as digits), the anchor
day and the clause's direction. Out: a ``TimeValue`` (type, TIMEX3 value, granularity, whether
it is relative to the anchor), or None.

Rules. A date that names its year is absolute; one without takes the year nearest the anchor in
the clause's direction. Financial-news quarters are read as a quarterly report means them (the
quarter just reported, results coming out weeks after it ends). Holidays are the nearest one in
the tense's direction. dateparser reads, last, the formats we do not list.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, NamedTuple

from .calendar import HOLIDAYS, iso_week, month_year, nearest_year
from .words import (
    DAY_MONTH,
    DECADES,
    ISO,
    JOINS,
    MONTH_DAY,
    MONTH_YEAR,
    MONTHS,
    QUARTER_ORDINALS,
    SEASONS,
    UNITS,
)


class TimeValue(NamedTuple):
    """A normalized time expression: DATE, TIME, DURATION or SET, its TIMEX3 value ("2022-01-10",
    "2022-W02", "P3D", "PAST_REF"), the granularity of a DATE or TIME ("day", "quarter", ...)
    and whether the value was counted from the anchor."""

    type: str
    value: str
    granularity: str | None
    is_relative: bool


class Expression(NamedTuple):
    """A time expression on its way through the value rules: its working words (lower case,
    rewritten by the rules as they go), its original text, the anchor day and the clause's
    direction."""

    words: str
    text: str
    anchor: dt.date | None
    direction: int


def format_number(value: float) -> str:
    """A count as TIMEX writes it: "3", "2.5"."""
    return str(int(value)) if value == int(value) else str(value)


def format_duration(count: float, unit: str) -> str:
    """The TIMEX duration of ``count`` units ("year", "hour", "decade", ...): "P3D", "PT1H30M"."""
    code = UNITS[unit]
    if code in ("H", "MI") and count != int(count):
        fraction = round((count - int(count)) * 60)
        return f"PT{int(count)}{code[0]}{fraction}{'M' if code == 'H' else 'S'}"
    if code == "H":
        return f"PT{format_number(count)}H"
    if code == "MI":
        return f"PT{format_number(count)}M"
    if code == "DE":
        return f"P{format_number(count * 10)}Y"
    if code == "Q":
        return f"P{format_number(count)}Q"
    if code == "CE":
        return f"P{format_number(count * 100)}Y"
    if code == "WE":
        return f"P{format_number(count)}WE"
    if code == "Y" and count != int(count):
        return f"P{int(count)}Y{round((count - int(count)) * 12)}M"
    return f"P{format_number(count)}{code}"


def read_quarter(words: str, anchor: dt.date, direction: int) -> TimeValue | None:
    """Financial-news quarters: "the quarter", "the latest quarter" or "period" (the one just
    reported), "the current quarter", "the year-ago quarter", "this year's third quarter", "the
    fiscal first quarter", "the 1988 fourth quarter"."""
    match = re.fullmatch(r"(?:the )?(first|second|third|fourth) quarters", words)
    if match:
        # "usually busiest in the fourth quarters": that quarter of any year
        number = QUARTER_ORDINALS.index(match.group(1)) + 1
        return TimeValue("DATE", f"XXXX-Q{number}", "quarter", False)
    reported = anchor - dt.timedelta(days=46)  # results come out weeks after a quarter ends
    number = (reported.month - 1) // 3 + 1
    if re.fullmatch(r"(?:the )?(?:current|this) quarter", words):
        return TimeValue("DATE", f"{anchor.year}-Q{(anchor.month - 1) // 3 + 1}", "quarter", True)
    if re.fullmatch(
        r"(?:the )?(?:latest |most recent |recent )?quarter|(?:the )?(?:latest|most recent) period",
        words,
    ):
        return TimeValue("DATE", f"{reported.year}-Q{number}", "quarter", True)
    match = re.fullmatch(r"(?:the )?(\d{4}) (?:quarter|period)", words)
    if match:
        return TimeValue("DATE", f"{match.group(1)}-Q{number}", "quarter", True)
    if re.fullmatch(
        r"(?:the )?(?:(?:(?:comparable|corresponding|same) )?(?:year (?:ago|earlier)|last year's) "
        r"(?:quarter|period)"
        r"|(?:corresponding|comparable|same) (?:quarter|period)"
        r" (?:last year|a year (?:ago|earlier)))",
        words,
    ):
        return TimeValue("DATE", f"{reported.year - 1}-Q{number}", "quarter", True)
    match = re.fullmatch(
        r"(?:(.*) )?(?:fiscal )?(first|second|third|fourth) (?:fiscal )?quarter"
        r"(?: of (\d{4}|(?:last|this|next|the (?:previous|past|following)) year))?",
        words,
    )
    if match and not re.search(r"\b(?:and|or|to|through)\b", match.group(1) or ""):
        return _numbered_quarter(match, anchor, direction)
    return None


def _numbered_quarter(match: re.Match[str], anchor: dt.date, direction: int) -> TimeValue:
    """ "the third quarter", "next year's first quarter", "the first quarter of last year": in
    the year named, else the article's (last year's when the quarter has not begun and is spoken
    of as done)."""
    quarter = QUARTER_ORDINALS.index(match.group(2)) + 1
    of_year = match.group(3) or ""
    before = f"{match.group(1) or ''} {of_year if not of_year.isdigit() else ''}"
    before = before.replace("previous year", "last year").replace("past year", "last year")
    before = before.replace("following year", "next year")
    named = (of_year if of_year.isdigit() else None) or next(
        iter(re.findall(r"\b(\d{4})\b", before)), None
    )
    if named:
        return TimeValue("DATE", f"{named}-Q{quarter}", "quarter", False)
    year = anchor.year + (
        1
        if "next year" in before
        else -1
        if re.search(r"last year|year (?:ago|earlier)", before)
        else 0
    )
    if year == anchor.year and dt.date(year, 3 * quarter - 2, 1) > anchor and direction <= 0:
        year -= 1  # a quarter not yet begun, spoken of as done: last year's
    return TimeValue("DATE", f"{year}-Q{quarter}", "quarter", True)


def read_holiday(words: str, anchor: dt.date, direction: int) -> TimeValue | None:
    """US and Christian holidays: "Thanksgiving Day" is the one nearest the article date in the
    tense's direction, "last Thanksgiving" the one before it; "Easter week" is the week holding
    it."""
    match = re.fullmatch(
        r"(?:the )?(?:(last|next|this) )?(.+?)(?: (day|sunday|week|weekend|holidays?))?", words
    )
    if match is None:
        return None
    name = match.group(2) if match.group(2) in HOLIDAYS else f"{match.group(2)} {match.group(3)}"
    if name not in HOLIDAYS:
        return None
    step = {"last": -1, "next": 1}.get(match.group(1) or "", direction)
    days = [HOLIDAYS[name](year) for year in (anchor.year - 1, anchor.year, anchor.year + 1)]
    day = min(
        days,
        key=lambda d: (
            abs((d - anchor).days) + (400 if step and (d - anchor).days * step < 0 else 0)
        ),
    )
    if match.group(3) == "week" and name != f"{match.group(2)} week":
        # the week holding the article date is this one, whatever the tense ("as Easter week
        # began")
        day = next((d for d in days if iso_week(d) == iso_week(anchor)), day)
        return TimeValue("DATE", iso_week(day), "week", True)
    if match.group(3) == "weekend":
        # "the Orthodox Christmas weekend": the weekend of the holiday's week, or the one just
        # before a Monday holiday
        week = iso_week(day - dt.timedelta(days=3) if day.weekday() == 0 else day)
        return TimeValue("DATE", week + "-WE", "week", True)
    return TimeValue("DATE", day.isoformat(), "day", True)


def read_absolute_only(words: str) -> TimeValue | None:
    """Without an anchor only self-contained dates can be normalized."""
    match = MONTH_DAY.search(words) or DAY_MONTH.search(words)
    if match and match.group(3):
        return read_absolute(words, dt.date(int(match.group(3)), 1, 1), 0)
    match = re.fullmatch(r"(\d{4})", words) or MONTH_YEAR.fullmatch(words) or ISO.fullmatch(words)
    if match:
        return read_absolute(words, dt.date(2000, 1, 1), 0)
    return None


def read_absolute(words: str, anchor: dt.date, direction: int) -> TimeValue | None:
    """Dates that name themselves ("Jan. 10", "10 January 2022", "March 2014", "1998", "the
    1990s", "the 21st century", "spring", "the third quarter of 1991"); a missing year is the
    one nearest the anchor in the clause's direction."""
    match = ISO.fullmatch(words)
    if match:
        return TimeValue("DATE", match.group(0), "day", False)
    for pattern, order in ((MONTH_DAY, "md"), (DAY_MONTH, "dm")):
        match = pattern.fullmatch(words) or pattern.match(words)
        if match and match.end() >= len(words) - 1:
            month_text, day_text = (
                (match.group(1), match.group(2))
                if order == "md"
                else (match.group(2), match.group(1))
            )
            month, day = MONTHS[month_text.lower().rstrip(".")], int(day_text)
            year_text = match.group(3)
            year = int(year_text) if year_text else nearest_year(anchor, month, day, direction)
            try:
                return TimeValue(
                    "DATE", dt.date(year, month, day).isoformat(), "day", not year_text
                )
            except ValueError:
                return None
    match = MONTH_YEAR.fullmatch(words)
    if match:
        month = MONTHS[match.group(1).lower().rstrip(".")]
        return TimeValue("DATE", f"{int(match.group(2)):04d}-{month:02d}", "month", False)
    if words in MONTHS and (len(words) > 3 or words == "may"):
        month = MONTHS[words]
        year = month_year(anchor, month, direction)
        return TimeValue("DATE", f"{year:04d}-{month:02d}", "month", True)
    return _read_period(words, anchor)


def _read_period(words: str, anchor: dt.date) -> TimeValue | None:
    """Years, decades, centuries, seasons and quarters named on their own."""
    match = re.fullmatch(r"(?:(early|late|mid)\s+)?(\d{4})", words)
    if match and 1800 <= int(match.group(2)) <= 2100:
        return TimeValue("DATE", match.group(2), "year", False)
    match = re.fullmatch(r"(?:the\s+)?(\d{3})0'?s", words)
    if match:
        return TimeValue("DATE", match.group(1), "decade", False)
    match = re.fullmatch(r"(?:the\s+|a\s+)?(\d{1,2})(?:st|nd|rd|th) century", words)
    if match:
        return TimeValue("DATE", f"{int(match.group(1)) - 1:02d}", "century", False)
    match = re.fullmatch(r"(?:the\s+)?'(\d)0s", words)
    if match:
        return TimeValue("DATE", f"19{match.group(1)}", "decade", False)
    if words in DECADES:
        return TimeValue("DATE", f"19{DECADES[words]}", "decade", False)
    match = re.fullmatch(r"(spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(\d{4}))?", words)
    if match:
        year = int(match.group(2)) if match.group(2) else anchor.year
        return TimeValue("DATE", f"{year}-{SEASONS[match.group(1)]}", "season", not match.group(2))
    match = re.fullmatch(
        r"(?:the\s+)?(first|second|third|fourth)\s+quarter(?:\s+of\s+(\d{4}))?", words
    )
    if match:
        quarter = QUARTER_ORDINALS.index(match.group(1)) + 1
        year = int(match.group(2)) if match.group(2) else anchor.year
        return TimeValue("DATE", f"{year}-Q{quarter}", "quarter", not match.group(2))
    return None


def read_with_dateparser(text: str, anchor: dt.date, direction: int) -> TimeValue | None:
    """The original text read by dateparser, underneath our rules: it reads formats we do not
    list. An expression holding two ("April 24 and 25") is left for the finder to read apart."""
    if not re.search(r"\d|" + "|".join(MONTHS), text.lower()) or JOINS.search(text):
        return None
    import dateparser  # slow to import; most expressions never get here

    settings: dict[str, Any] = {
        "RELATIVE_BASE": dt.datetime(anchor.year, anchor.month, anchor.day),
        "PREFER_DATES_FROM": "future" if direction > 0 else "past",
        "REQUIRE_PARTS": ["year"] if re.fullmatch(r"\d{4}", text.strip()) else [],
        "RETURN_TIME_AS_PERIOD": True,
    }
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    if parsed is None:
        return None
    return TimeValue("DATE", parsed.date().isoformat(), "day", True)
