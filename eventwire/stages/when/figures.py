"""Dates and clock times written in figures: "2019-04-18", "10.05.2025", "7/8/07", "18:00 UTC",
"17.00 hours", "0800 GMT", and a clock time on a named day ("18:00 UTC on Tuesday").

Values as TimeBank writes them: a day ("2025-05-10"), or a day and a time ("2022-01-11T18:00");
the zone is not written, as in TimeBank ("4 a.m. EDT Thursday" is 2000-04-06T04:00). A date
with dots is read day first (the European order); one with slashes month first, as American
news writes it, unless its first figure cannot be a month ("25/12/2024").
"""

from __future__ import annotations

import datetime as dt
import re

from .values import Expression, TimeValue
from .words import CLOCK, CLOCK_24, DAY_VALUE, ISO, NUMERIC_DATE


def read_iso(text: str) -> TimeValue | None:
    """ "2019-04-18": the day it names (read before the rules turn hyphens into spaces)."""
    match = ISO.fullmatch(text.strip())
    if match is None:
        return None
    try:
        return TimeValue("DATE", dt.date.fromisoformat(match.group(0)).isoformat(), "day", False)
    except ValueError:
        return None


def read_numeric_date(expression: Expression) -> TimeValue | None:
    """ "10.05.2025" (10 May), "7/8/07" (8 July 2007), "25/12/2024" (25 December)."""
    match = NUMERIC_DATE.fullmatch(expression.text.strip())
    if match is None:
        return None
    first, separator, second, year_text = match.groups()
    year = int(year_text)
    if len(year_text) == 2:
        year += 2000 if year < 50 else 1900
    day, month = (int(first), int(second)) if separator == "." else (int(second), int(first))
    if separator == "/" and month > 12:
        day, month = month, day
    try:
        return TimeValue("DATE", dt.date(year, month, day).isoformat(), "day", False)
    except ValueError:
        return None


def read_clock_24(expression: Expression) -> TimeValue | None:
    """ "18:00 UTC", "17.00 hours", "6:40 (GMT+8)": that time on the article's day."""
    match = CLOCK_24.fullmatch(expression.text.strip().lower())
    if match is None or expression.anchor is None:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or match.group(3))
    value = f"{expression.anchor.isoformat()}T{hour:02d}:{minute:02d}"
    return TimeValue("TIME", value, "day", True)


def clock_and_day(words: str) -> list[tuple[str, str]]:
    """ "9 a.m. est tuesday", "18:00 utc on tuesday", "5 p.m. est, nov. 6": the ways to read the
    expression as a clock time followed by a day, shortest clock first."""
    out = []
    for joint in re.finditer(r",? (?:on )?", words):
        clock, day = words[: joint.start()], words[joint.end() :]
        if day and (CLOCK.fullmatch(clock) or CLOCK_24.fullmatch(clock)):
            out.append((clock, day))
    return out


def on_the_day(day: TimeValue | None, clock: TimeValue | None) -> TimeValue | None:
    """The clock time's value moved onto the day's."""
    if day is None or clock is None or not DAY_VALUE.fullmatch(day.value):
        return None
    return TimeValue("TIME", day.value + clock.value[10:], "day", day.is_relative)
