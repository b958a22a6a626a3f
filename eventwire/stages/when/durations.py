"""Value rules for lengths, repetitions and counted offsets: "three days", "for a while",
"every Monday", "daily", "two weeks ago", "several years".

In: an ``Expression`` (its working words, original text, anchor and direction). Out: a
``TimeValue`` (a DURATION such as "P3D" or "PXY", a SET such as "XXXX-WXX-1", or the DATE a
count of units before or after the article date lands on), or None.

Rule: a count of units is a length unless it is counted from the article date ("ago", "from
now"), or it is a year or decade counted from the story ("a year earlier"); an unknown count
("several", "for weeks") gives an X in place of the number.
"""

from __future__ import annotations

import datetime as dt
import re

from .calendar import iso_week, shift_months
from .values import Expression, TimeValue, format_duration
from .words import DAY_PARTS, MONTHS, UNITS, WEEKDAYS, read_count


def read_unknown_stretch(expression: Expression) -> TimeValue | None:
    """ "for a while", "a long period": a stretch of unknown length and unit."""
    if re.fullmatch(
        r"(?:for )?(?:a while"
        r"|an? (?:\w+ )?(?:long|lengthy|extended|short|brief) (?:period|spell)(?: of time)?)",
        expression.words,
    ):
        return TimeValue("DURATION", "PXX", None, False)
    return None


def read_first_units(expression: Expression) -> TimeValue | None:
    """ "in the first hours of the ground war": some of that unit."""
    match = re.fullmatch(
        r"(?:the )?(?:first|last|final) (?:few )?(hours|days|weeks|months|years)", expression.words
    )
    if match is None:
        return None
    unit = match.group(1)
    value = "PTXH" if unit == "hours" else f"PX{UNITS[unit[:-1]][0]}"
    return TimeValue("DURATION", value, None, False)


def read_one_unit(expression: Expression) -> TimeValue | None:
    """ "within a week", "$1 billion a year": one unit of time."""
    match = re.fullmatch(
        r"(?:(?:within|for)\s+)?(?:a|an)\s+(year|month|week|day|hour|minute|decade|century)",
        expression.words,
    )
    if match is None:
        return None
    return TimeValue("DURATION", format_duration(1, match.group(1)), None, False)


def read_long_and_ahead(expression: Expression) -> TimeValue | None:
    """ "a day-long meeting", "post-1959 politics", "the weeks ahead"."""
    match = re.fullmatch(
        r"(day|week|month|year) long|(?:post|pre) (\d{4})|(?:the )?(day|week|month|year)s ahead",
        expression.words,
    )
    if match is None:
        return None
    if match.group(1):
        return TimeValue("DURATION", format_duration(1, match.group(1)), None, False)
    if match.group(2):
        return TimeValue("DATE", match.group(2), "year", False)
    return TimeValue("DURATION", f"PX{UNITS[match.group(3)][0]}", None, False)


def read_weekly_day(expression: Expression) -> TimeValue | None:
    """ "on Mondays", "Tuesday nights": that day every week."""
    match = re.fullmatch(r"(\w+day)(?:s| (morning|afternoon|evening|night)s)", expression.words)
    if match is None or match.group(1) not in WEEKDAYS:
        return None
    part = f"T{DAY_PARTS[match.group(2)]}" if match.group(2) else ""
    return TimeValue("SET", f"XXXX-WXX-{WEEKDAYS[match.group(1)] + 1}{part}", None, False)


def read_every(expression: Expression) -> TimeValue | None:
    """ "every Monday", "each January", "every week"."""
    match = re.fullmatch(r"(?:every|each)\s+(\w+)", expression.words)
    if match is None:
        return None
    word = match.group(1)
    if word in WEEKDAYS:
        return TimeValue("SET", f"XXXX-WXX-{WEEKDAYS[word] + 1}", None, False)
    if word in MONTHS and len(word) > 3:
        return TimeValue("SET", f"XXXX-{MONTHS[word]:02d}", None, False)
    if word.rstrip("s") in UNITS:
        return TimeValue("SET", format_duration(1, word.rstrip("s")), None, False)
    return None


def read_frequency(expression: Expression) -> TimeValue | None:
    """ "daily", "almost daily", "yearly": once a unit."""
    if expression.words not in (
        "daily",
        "almost daily",
        "weekly",
        "monthly",
        "hourly",
        "annually",
        "yearly",
    ):
        return None
    unit = {
        "daily": "day",
        "weekly": "week",
        "monthly": "month",
        "hourly": "hour",
        "annually": "year",
        "yearly": "year",
    }[expression.words.split()[-1]]
    return TimeValue("SET", format_duration(1, unit), None, False)


def read_units_ago(expression: Expression) -> TimeValue | None:
    """ "two weeks ago", "a year earlier", "three days later": counted from the article date;
    "three days later" counted from a moment in the story is a length."""
    match = re.fullmatch(
        r"(?:(\w+)\s+)?(and\s+a\s+half\s+)?(year|month|week|day|hour|minute|decade)s?\s+"
        r"(ago|earlier|before|later|from now|after)",
        expression.words,
    )
    if (
        match is None
        or expression.anchor is None
        or match.group(1) is not None
        and read_count(match.group(1)) is None
    ):
        return None
    anchor = expression.anchor
    count = (read_count(match.group(1) or "1") or 1) + (0.5 if match.group(2) else 0)
    sign = -1 if match.group(4) in ("ago", "earlier", "before") else 1
    unit = match.group(3)
    counted = match.group(1) or re.match(r"(?:a|an)\s", expression.text, re.IGNORECASE)
    if match.group(4) not in ("ago", "from now") and counted and unit not in ("year", "decade"):
        # "three days later", "a day earlier": counted from a moment in the story, not from the
        # article's date; the length is what the text gives
        return TimeValue("DURATION", format_duration(count, unit), None, False)
    if unit == "day":
        day = anchor + dt.timedelta(days=sign * count)
        return TimeValue("DATE", day.isoformat(), "day", True)
    if unit == "week":
        return TimeValue("DATE", iso_week(anchor + dt.timedelta(weeks=sign * count)), "week", True)
    if unit == "month":
        month = shift_months(anchor, int(sign * count)).strftime("%Y-%m")
        return TimeValue("DATE", month, "month", True)
    if unit in ("year", "decade"):
        year = anchor.year + int(sign * count * (10 if unit == "decade" else 1))
        return TimeValue("DATE", str(year), "year", True)
    # "an hour later": how long after
    return TimeValue("DURATION", format_duration(count, unit), None, False)


def read_counted_units(expression: Expression) -> TimeValue | None:
    """ "three days", "the last two years", "a year and a half": a length."""
    match = re.fullmatch(
        r"(?:(?:the\s+)?(?:last|past|next|coming|first|previous|latest|year earlier|year ago)\s+)?"
        r"(\w+)(\s+and\s+a\s+half)?\s+"
        r"(year|month|week|day|hour|minute|decade|quarter|weekend|centur(?:y|ie))s?(?:\s+long)?",
        expression.words,
    )
    if match is None or read_count(match.group(1)) is None:
        return None
    count = float(read_count(match.group(1)) or 1) + (0.5 if match.group(2) else 0)
    unit = "century" if match.group(3).startswith("centur") else match.group(3)
    return TimeValue("DURATION", format_duration(count, unit), None, False)


def read_last_decade(expression: Expression) -> TimeValue | None:
    """ "the last decade", "the next century": one unit long."""
    match = re.fullmatch(r"(?:last|past|previous|next|coming) (decade|century)", expression.words)
    if match is None:
        return None
    return TimeValue("DURATION", format_duration(1, match.group(1)), None, False)


def read_vague_units(expression: Expression) -> TimeValue | None:
    """ "several years", "for weeks", "recent months", "the next few days", "a few days later",
    "a several-year tenure": an unknown number of units."""
    units = "(year|month|week|day|hour|minute|decade|quarter)"
    match = re.fullmatch(
        r"(?:(?:several|a few|few|many|the|recent|coming|the coming|(?:the )?(?:next|past|last) "
        rf"(?:few|several))\s+)?{units}s(?: long| later)?",
        expression.words,
    ) or re.fullmatch(rf"(?:several|a few|few|many) {units}", expression.words)
    if match is None:
        return None
    unit = "Y" if match.group(1) == "decade" else UNITS[match.group(1)][0]
    clock = "T" if match.group(1) in ("hour", "minute") else ""
    return TimeValue("DURATION", f"P{clock}X{unit}", None, False)
