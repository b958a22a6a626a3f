"""Find and normalize time expressions, then date every event.

In: parsed segments, the article date (may be None) and the events. Out:
``TimeExpression`` records with TIMEX3-style values, and the events with a date,
its granularity and how it was obtained.

Rules. Candidates are spaCy's DATE/TIME entities plus what our patterns catch.
Values are computed by our own rules, anchored on the article date and the tense
of the clause: "on Friday" in a past-tense clause is the Friday on or before the
article date, in a future or scheduled clause the one on or after it; "January
10th" takes the year that puts it nearest the article date in the clause's
direction. Financial quarters ("a year earlier" in a quarterly report is the same
quarter a year before), holidays, spelled numbers and references back to a date
the story named ("later that year") have rules of their own; an expression that
holds two ("between 1994 and 1997") is read in parts. dateparser reads what the
rules do not know. An event takes the time expression attached to its predicate,
else the nearest one in its sentence, else the article date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from ..model import DateEstimate, Event, TimeExpression
from .parse import Segment
from .syntax import clause_direction, clause_tokens, governor

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = {
    name: number
    for number, names in enumerate(
        [
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        ]
    )
    for name in names
}
_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_DECADES = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}
NUMBERS = {
    "a": 1,
    "an": 1,
    **{word: n for n, word in enumerate(_ONES)},
    **_TENS,
    "hundred": 100,
    "several": None,
    "few": None,
    "couple": 2,
    "half": 0.5,
}
UNITS = {
    "year": "Y",
    "month": "M",
    "week": "W",
    "day": "D",
    "hour": "H",
    "minute": "MI",
    "decade": "DE",
    "quarter": "Q",
    "weekend": "WE",
    "century": "CE",
}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
DAY_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}
PAST_WORDS = {
    "recently",
    "previously",
    "formerly",
    "the past",
    "in the past",
    "past",
    "lately",
    "recent",
    "then current",
    "past years",
}
FUTURE_WORDS = {
    "the future",
    "in the future",
    "future",
    "in the coming days",
    "near future",
    "near term",
    "short term",
    "future quarters",
    "coming quarters",
    "coming months",
    "later date",
    "a later date",
    "some later date",
}
PRESENT_WORDS = {
    "now",
    "currently",
    "at present",
    "nowadays",
    "today's",
    "at the moment",
    "right now",
    "these days",
    "present",
    "current",
}

_ORDINAL = r"(\d{1,2})(?:st|nd|rd|th)?"
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+{_ORDINAL}\b(?:,?\s+(\d{{4}}))?", re.IGNORECASE)
_DAY_MONTH = re.compile(rf"\b{_ORDINAL}(?:\s+of)?\s+{_MONTH}(?:,?\s+(\d{{4}}))?", re.IGNORECASE)
_MONTH_YEAR = re.compile(rf"\b{_MONTH}(?:\s+of)?,?\s+(\d{{4}})\b", re.IGNORECASE)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_PATTERN = re.compile(
    rf"\b(?:{_MONTH}\s+{_ORDINAL}(?:,?\s+\d{{4}})?|{_ORDINAL}\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?"
    rf"|(?:last|next|this|coming)\s+(?:week|month|year|weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    rf"|(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|tomorrow|today|tonight|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a few|\d+)\s+(?:year|month|week|day)s?\s+(?:ago|earlier|later)"
    rf"|now|currently|recently|in the past|the future|the (?:near future|near term|short term)|(?:then )?current"
    rf"|the (?:latest|most recent) period(?!\s+of\b)"
    rf"|recent (?:years|months|weeks|days)"
    rf"|earlier this (?:year|month|week)|later this (?:year|month|week)"
    rf"|this past (?:week|weekend|month|year|spring|summer|fall|autumn|winter)"
    rf"|the week of {_MONTH}\s+{_ORDINAL}|midday|mid-?(?:morning|afternoon)"
    rf"|(?:(?<=by )|(?<=since )|(?<=until )|(?<=before )|(?<=around )|(?<=at ))year[- ]end"
    rf"|the (?:{'|'.join(_DECADES)})|(?:in )?past years|(?:a|some) later date|the (?:days|weeks|months|years) ahead"
    rf"|(?:over|within|for|about|nearly|almost) (?:a|an) (?:day|week|month|year)(?!\s+(?:ago|earlier|later|before|after))"
    rf"|(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+) (?:trading|business|working) days"
    rf"|(?:day|week|month|year)-long|post-\d{{4}}"
    rf"|(?<=for )a while|(?<=for )an? (?:\w+ )?(?:long|lengthy|extended|short|brief) (?:period|spell)(?: of time)?"
    rf"|(?:two|three|four|five|six|seven|eight|nine|ten|twelve|\d{{1,2}}) (?:days|weeks|months|years)"
    rf"(?!\s+(?:old|of\s+age)\b)"
    rf"|(?:first|second|third)(?=\s+(?:and|or)\s+(?:the\s+)?(?:second|third|fourth)\s+quarters\b)"
    rf"|(?:every|each)\s+(?:day|week|month|year|morning|evening|night|january|february|march|april|may|june|july"
    rf"|august|september|october|november|december)"
    rf"|(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:more|additional)\s+(?:year|month|week|day)s?)\b",
    re.IGNORECASE,
)
_CLOCK = re.compile(
    r"^(?:about\s+|around\s+|at\s+)?(\d{1,2})(?::(\d{2}))?\s*([ap])\.?m\.?(?:\s+\w{3})?$",
    re.IGNORECASE,
)
# spaCy tags these as dates or times on their own; news annotators never count them
_NOT_TIMES = re.compile(
    r"^(?:\d{1,2}|(?:the\s+)?(?:night|morning|evening|afternoon)|annually|yearly|"
    r"\d{1,2}s|overnight)$",
    re.IGNORECASE,
)


def anchor_weekday(anchor: dt.date, weekday: int, direction: int) -> dt.date:
    """The weekday on or before (direction -1), on or after (+1) or nearest (0) the anchor."""
    back = anchor - dt.timedelta(days=(anchor.weekday() - weekday) % 7)
    ahead = anchor + dt.timedelta(days=(weekday - anchor.weekday()) % 7)
    if direction < 0:
        return back
    if direction > 0:
        return ahead
    return back if (anchor - back) <= (ahead - anchor) else ahead


def news_weekday(anchor: dt.date, weekday: int, direction: int) -> dt.date:
    """A weekday named in news: on the side of the article date the tense says; without tense
    the one just past (news reports what happened), unless it is tomorrow."""
    if direction == 0 and anchor_weekday(anchor, weekday, 1) != anchor + dt.timedelta(days=1):
        return anchor_weekday(anchor, weekday, -1)
    return anchor_weekday(anchor, weekday, direction)


def nearest_year(anchor: dt.date, month: int, day: int | None, direction: int) -> int:
    """The year that puts month/day nearest the anchor; the clause's tense tips the balance.

    A date on the wrong side of the article date for the tense (a past-tense "Oct. 26"
    one day after the article date) costs 30 days, so a near date still wins over one
    a year away: wire dates are often a day off, tense tagging is not perfect. A direction of -2 or +2
    means the side is certain ("the year ended June 30").
    """
    best, best_cost = anchor.year, None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidate = dt.date(year, month, day or 15)
        except ValueError:
            continue
        delta = (candidate - anchor).days
        cost = abs(delta) + (
            (30 if abs(direction) == 1 else 1000) if direction and delta * direction < 0 else 0
        )
        if best_cost is None or cost < best_cost:
            best, best_cost = year, cost
    return best


def month_year(anchor: dt.date, month: int, direction: int) -> int:
    """The year of a month named without one ("in March"). In a past-tense clause it is the
    latest such month up to the article's ("stepped down in March", said in October, is this
    year's March even though next March is nearer), unless it is next month ("announced a visit
    in September", said in August); in a future one the next; without tense the nearest."""
    if direction < 0 and month != anchor.month % 12 + 1:
        return anchor.year if month <= anchor.month else anchor.year - 1
    if direction > 0:
        return anchor.year if month >= anchor.month else anchor.year + 1
    return nearest_year(anchor, month, None, 0)


def _shift_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    return dt.date(day.year + month // 12, month % 12 + 1, 1)


def _same_day_in(day: dt.date, year: int) -> dt.date | None:
    """The same month and day in another year (None for 29 February in a common year)."""
    try:
        return day.replace(year=year)
    except ValueError:
        return None


def _week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _count(word: str) -> float | None:
    word = word.lower()
    if word.isdigit():
        return int(word)
    return NUMBERS.get(word)


def _spelled_numbers(t: str) -> str:
    """Digits for spelled years and compound numbers: "nineteen ninety six" -> "1996", "the year two thousand"
    -> "2000", "twenty four hours" -> "24 hours", "5 1/2 hours" -> "5 and a half hours"."""
    tens, ones = "|".join(_TENS), "|".join(_ONES[1:10])
    t = re.sub(
        rf"\b(eighteen|nineteen) ({tens}|{'|'.join(_ONES[10:])})(?: ({ones}))?\b",
        lambda m: str(
            NUMBERS[m.group(1)] * 100 + NUMBERS[m.group(2)] + NUMBERS.get(m.group(3) or "zero", 0)
        ),
        t,
    )
    t = re.sub(
        rf"\b(?:the )?(?:year )?two thousand(?: and)?(?: ({ones}))?\b(?! years)",
        lambda m: str(2000 + NUMBERS.get(m.group(1) or "zero", 0)),
        t,
    )
    t = re.sub(
        rf"\b({tens}) ({ones})\b", lambda m: str(NUMBERS[m.group(1)] + NUMBERS[m.group(2)]), t
    )
    t = re.sub(r"\b(?:a|one) hundred\b", "100", t)
    t = re.sub(r"^(?:the )?year (\d{4})$", r"\1", t)
    t = re.sub(r"\b(?:a )?couple of\b", "two", t)
    t = re.sub(r"\b(\d+) 1/2\b", r"\1 and a half", t)
    # "a minute and a half" -> "1 and a half minutes", the order the duration rules read
    return re.sub(
        r"^(?:a|an|one) (year|month|week|day|hour|minute) and a half\b", r"1 and a half \1s", t
    )


def _duration(count: float, unit: str) -> str:
    code = UNITS[unit]
    if code in ("H", "MI") and count != int(count):
        return f"PT{int(count)}{code[0]}{int(round((count - int(count)) * 60))}{'M' if code == 'H' else 'S'}"
    if code == "H":
        return f"PT{_number(count)}H"
    if code == "MI":
        return f"PT{_number(count)}M"
    if code == "DE":
        return f"P{_number(count * 10)}Y"
    if code == "Q":
        return f"P{_number(count)}Q"
    if code == "CE":
        return f"P{_number(count * 100)}Y"
    if code == "WE":
        return f"P{_number(count)}WE"
    if code == "Y" and count != int(count):
        return f"P{int(count)}Y{int(round((count - int(count)) * 12))}M"
    return f"P{_number(count)}{code}"


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def normalize_expression(
    text: str, anchor: dt.date | None, direction: int = 0
) -> tuple[str, str, str | None, bool] | None:
    """(type, value, granularity, is_relative) for a time expression, or None when unknown."""
    t = _spelled_numbers(" ".join(text.lower().replace("-", " ").split()))
    # approximations do not change the value: "only five hours", "at least two more weeks"
    t = re.sub(
        r"^(?:(?:only|just|barely|roughly|approximately|up to|no more than|about|around|nearly|almost|over|"
        r"more than|less than|at least|as (?:long|much|many|little) as)\s+)+(?=\S)",
        "",
        t,
    )
    t = re.sub(r"^(\w+) (?:more|additional|further|extra) ", r"\1 ", t)
    t = re.sub(rf"^{_MONTH} month$", r"\1", t)  # "in April month", as translations have it
    if re.fullmatch(
        r"(?:for )?(?:a while|an? (?:\w+ )?(?:long|lengthy|extended|short|brief) (?:period|spell)(?: of time)?)",
        t,
    ):
        return "DURATION", "PXX", None, False  # "for a while": a stretch of unknown length and unit
    match = re.fullmatch(
        r"(?:the )?(?:first|last|final) (?:few )?(hours|days|weeks|months|years)", t
    )
    if match:
        # "in the first hours of the ground war": some of that unit
        return (
            "DURATION",
            ("PTXH" if match.group(1) == "hours" else f"PX{UNITS[match.group(1)[:-1]][0]}"),
            None,
            False,
        )
    match = re.fullmatch(
        r"(?:(?:within|for)\s+)?(?:a|an)\s+(year|month|week|day|hour|minute|decade|century)", t
    )
    if match:
        # "within a week", "$1 billion a year": one unit of time
        return "DURATION", _duration(1, match.group(1)), None, False
    t = re.sub(
        r"^(the|a|an|both|either|about|around|some|nearly|almost|over|more than|less than|at least|"
        r"early|late|mid|since|until|by|on|in|during|from|for|last|past)\s+",
        lambda m: (
            m.group(0) if m.group(1) in ("last", "past", "for", "early", "late", "mid") else ""
        ),
        t,
    )
    t = re.sub(
        r"\b(?:trading|business|working) days\b", "days", t
    )  # "eight trading days": eight days
    match = re.fullmatch(
        r"(day|week|month|year) long|(?:post|pre) (\d{4})|(?:the )?(day|week|month|year)s ahead", t
    )
    if match:
        if match.group(1):
            return "DURATION", _duration(1, match.group(1)), None, False  # "a day-long meeting"
        if match.group(2):
            return "DATE", match.group(2), "year", False  # "post-1959 politics"
        return "DURATION", f"PX{UNITS[match.group(3)][0]}", None, False  # "the weeks ahead"
    match = re.fullmatch(r"(early|late|mid)\s+(.+)", t)
    if match and not re.fullmatch(r"\d{4}", match.group(2)):
        # "late November", "early next year": the period the modifier sits in
        inner = normalize_expression(match.group(2), anchor, direction)
        if inner is not None and (
            inner[0] == "DATE"
            and inner[2] in ("month", "year", "week", "quarter", "decade", "season")
            or re.fullmatch(r"\d{4}-\d{2}-\d{2}T(?:MO|AF|EV|NI)", inner[1])
        ):
            return inner  # "early Friday morning": that morning
    t = re.sub(
        r"^(first|second|last) two quarters of ",
        lambda m: f"{'first' if m.group(1) == 'first' else 'second'} half of ",
        t,
    )
    match = re.fullmatch(
        r"(end|beginning|start|middle|close|first half|second half|last half) of (?:the )?(.+)", t
    )
    if match:
        # "the end of 1990", "the beginning of October": the period named; "the last half of 1989": its half
        inner = normalize_expression(match.group(2), anchor, direction)
        if inner is None and match.group(2) in ("month", "year") and anchor is not None:
            inner = normalize_expression(
                f"this {match.group(2)}", anchor, direction
            )  # "by the end of the month"
        if inner is not None and inner[0] == "DATE" and inner[2] in ("year", "month", "quarter"):
            if "half" not in match.group(1):
                return inner
            if inner[2] == "year":
                return (
                    "DATE",
                    f"{inner[1]}-H{1 if match.group(1) == 'first half' else 2}",
                    "half",
                    inner[3],
                )
    if anchor is not None:
        if (
            re.fullmatch(r"(?:full |whole |current |(?:current )?fiscal )?year", t)
            and "-" not in text
            and not re.match(r"an?\s", text, re.IGNORECASE)
        ):
            # "for the full year": the year of the article
            return "DATE", str(anchor.year), "year", True
        if re.fullmatch(r"year(?:'s)? end", t):
            # "by year-end": the last day of the article's year; "since year-end": of the year before
            year = anchor.year - (direction < 0 and (anchor.month, anchor.day) != (12, 31))
            return "DATE", f"{year}-12-31", "day", True
        holiday = _holiday(t, anchor, direction)
        if holiday is not None:
            return holiday
        quarter = _quarter(t, anchor, direction)
        if quarter is not None:
            return quarter
    match = re.fullmatch(r"fiscal (\d{4})", t)
    if match:
        return "DATE", match.group(1), "year", False
    match = re.fullmatch(r"(?:the |this )?weekend", t)
    if match and anchor is not None:
        # a weekend spoken of in the past is the last one; otherwise the coming one
        day = anchor - dt.timedelta(days=7) if direction < 0 and anchor.weekday() < 5 else anchor
        return "DATE", _week(day) + "-WE", "week", True
    match = re.fullmatch(
        r"(january|february|march|april|may|june|july|august|september|october|november|december)"
        r"(?: of)? (this|last|next) year",
        t,
    )
    if match and anchor is not None:
        # "February this year", "April next year": the month in the year named
        year = anchor.year + {"this": 0, "last": -1, "next": 1}[match.group(2)]
        return "DATE", f"{year}-{MONTHS[match.group(1)]:02d}", "month", True
    match = re.fullmatch(
        r"this (january|february|march|april|may|june|july|august|september|october|november|december)",
        t,
    )
    if match and anchor is not None:
        return "DATE", f"{anchor.year}-{MONTHS[match.group(1)]:02d}", "month", True
    match = re.fullmatch(
        r"last (january|february|march|april|may|june|july|august|september|october|november|december)",
        t,
    )
    if match and anchor is not None:
        # the month just ended would be "last month": "last February" said in March is the year before's
        month = MONTHS[match.group(1)]
        back = (anchor.month - month) % 12
        back += 12 if back <= 1 else 0
        return "DATE", _shift_months(anchor, -back).strftime("%Y-%m"), "month", True
    match = re.fullmatch(r"this past (spring|summer|autumn|fall|winter)", t)
    if match and anchor is not None:
        # the latest such season begun before the article: "this past spring", said in October
        start = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}[match.group(1)]
        year = (
            anchor.year if start < anchor.month and start != 12 else anchor.year - 1
        )  # winter begins in December
        return "DATE", f"{year}-{SEASONS[match.group(1)]}", "season", True
    match = re.fullmatch(r"this past (week|weekend|month|year)", t)
    if match:
        t = "last " + match.group(1)  # "this past week": the one just gone
    match = re.fullmatch(r"week of (.+)", t)
    if match and anchor is not None:
        # "the week of March 6": the week holding that day
        inner = normalize_expression(match.group(1), anchor, direction)
        if inner is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", inner[1]):
            return "DATE", _week(dt.date.fromisoformat(inner[1])), "week", inner[3]
    match = re.fullmatch(r"(?:mid )?(morning|afternoon|evening|night) (?:on )?(.+)", t)
    if match and anchor is not None:
        # "mid-afternoon yesterday", "evening Friday": that part of the day named
        inner = normalize_expression(match.group(2), anchor, direction)
        if inner is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", inner[1]):
            return "TIME", f"{inner[1]}T{DAY_PARTS[match.group(1)]}", "day", True
    if anchor is not None and t in ("midday", "mid day", "mid morning", "mid afternoon"):
        value = {
            "midday": "T12:00",
            "mid day": "T12:00",
            "mid morning": "TMO",
            "mid afternoon": "TAF",
        }[t]
        return "TIME", f"{anchor.isoformat()}{value}", "day", True
    match = re.fullmatch(r"(.*?\d\s*[ap]\.?m\.?(?: [a-z]{3})?),? (?:on )?(.+)", t)
    if match and anchor is not None and _CLOCK.match(match.group(1)):
        # "9 a.m. Tuesday", "5 p.m. EST, Nov. 6": the clock time on that day
        day = normalize_expression(match.group(2), anchor, direction)
        clock = normalize_expression(match.group(1), anchor, direction)
        if day is not None and clock is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", day[1]):
            return "TIME", day[1] + clock[1][10:], "day", day[3]
    match = re.fullmatch(r"(\d{1,2}) (?:o'clock )?(in the (morning|afternoon|evening)|at night)", t)
    if match and anchor is not None and int(match.group(1)) <= 12:
        # "4 in the morning", "8 in the evening": a clock time
        hour = int(match.group(1)) % 12 + (
            12
            if match.group(3) in ("afternoon", "evening")
            or match.group(2) == "at night"
            and int(match.group(1)) >= 6
            else 0
        )
        return "TIME", f"{anchor.isoformat()}T{hour:02d}:00", "day", True
    match = re.fullmatch(r"([01]\d|2[0-3])([0-5]\d) (?:gmt|utc|[a-z]{2}t)", t)
    if match and anchor is not None:
        # "0735 GMT": the 24-hour clock of wire copy
        return "TIME", f"{anchor.isoformat()}T{match.group(1)}:{match.group(2)}", "day", True
    match = _CLOCK.match(t)
    if match and anchor is not None:
        hour = int(match.group(1)) % 12 + (12 if match.group(3).lower() == "p" else 0)
        return (
            "TIME",
            f"{anchor.isoformat()}T{hour:02d}:{int(match.group(2) or 0):02d}",
            "day",
            True,
        )
    match = re.fullmatch(r"(?:earlier|later) (this (?:morning|afternoon|evening)|today|tonight)", t)
    if match:
        t = match.group(1)  # "later this afternoon": that part of the day
    match = re.fullmatch(r"(earlier|later) (?:this|in the) (year|month|week)", t)
    if match and anchor is not None:
        unit = match.group(2)
        value = (
            str(anchor.year)
            if unit == "year"
            else anchor.strftime("%Y-%m")
            if unit == "month"
            else _week(anchor)
        )
        return "DATE", value, unit, True
    if t in PRESENT_WORDS:
        return "DATE", "PRESENT_REF", None, True
    if t in PAST_WORDS:
        return "DATE", "PAST_REF", None, True
    if t in FUTURE_WORDS:
        return "DATE", "FUTURE_REF", None, True
    if re.fullmatch(r"(?:several|a few|few|some) (?:year|month|week|day)s ago", t):
        return "DATE", "PAST_REF", None, True
    # sets
    match = re.fullmatch(r"(\w+day)(?:s| (morning|afternoon|evening|night)s)", t)
    if match and match.group(1) in WEEKDAYS:
        # "on Mondays", "Tuesday nights": that day every week
        part = f"T{DAY_PARTS[match.group(2)]}" if match.group(2) else ""
        return "SET", f"XXXX-WXX-{WEEKDAYS[match.group(1)] + 1}{part}", None, False
    match = re.fullmatch(r"(?:every|each)\s+(\w+)", t)
    if match:
        word = match.group(1)
        if word in WEEKDAYS:
            return "SET", f"XXXX-WXX-{WEEKDAYS[word] + 1}", None, False
        if word in MONTHS and len(word) > 3:
            return "SET", f"XXXX-{MONTHS[word]:02d}", None, False
        if word.rstrip("s") in UNITS:
            return "SET", _duration(1, word.rstrip("s")), None, False
    if t in ("daily", "almost daily", "weekly", "monthly", "hourly", "annually", "yearly"):
        unit = {
            "daily": "day",
            "weekly": "week",
            "monthly": "month",
            "hourly": "hour",
            "annually": "year",
            "yearly": "year",
        }[t.split()[-1]]
        return "SET", _duration(1, unit), None, False
    # N units ago / later; past/last N units (a duration)
    match = re.fullmatch(
        r"(?:(\w+)\s+)?(and\s+a\s+half\s+)?(year|month|week|day|hour|minute|decade)s?\s+"
        r"(ago|earlier|before|later|from now|after)",
        t,
    )
    if (
        match
        and anchor is not None
        and (match.group(1) is None or _count(match.group(1)) is not None)
    ):
        count = (_count(match.group(1) or "1") or 1) + (0.5 if match.group(2) else 0)
        sign = -1 if match.group(4) in ("ago", "earlier", "before") else 1
        unit = match.group(3)
        counted = match.group(1) or re.match(r"(?:a|an)\s", text, re.IGNORECASE)
        if match.group(4) not in ("ago", "from now") and counted and unit not in ("year", "decade"):
            # "three days later", "a day earlier": counted from a moment in the story, not from the article's
            # date; the length is what the text gives
            return "DURATION", _duration(count, unit), None, False
        if unit == "day":
            return "DATE", (anchor + dt.timedelta(days=sign * count)).isoformat(), "day", True
        if unit == "week":
            return "DATE", _week(anchor + dt.timedelta(weeks=sign * count)), "week", True
        if unit == "month":
            return "DATE", _shift_months(anchor, int(sign * count)).strftime("%Y-%m"), "month", True
        if unit in ("year", "decade"):
            return (
                "DATE",
                str(anchor.year + int(sign * count * (10 if unit == "decade" else 1))),
                "year",
                True,
            )
        if unit in ("hour", "minute"):
            return (
                "DURATION",
                _duration(count, unit),
                None,
                False,
            )  # "an hour later": how long after
    match = re.fullmatch(
        r"(?:(?:the\s+)?(?:last|past|next|coming|first|previous|latest|year earlier|year ago)\s+)?(\w+)"
        r"(\s+and\s+a\s+half)?\s+"
        r"(year|month|week|day|hour|minute|decade|quarter|weekend|centur(?:y|ie))s?(?:\s+long)?",
        t,
    )
    if match and _count(match.group(1)) is not None:
        count = float(_count(match.group(1)) or 1) + (0.5 if match.group(2) else 0)
        unit = "century" if match.group(3).startswith("centur") else match.group(3)
        return "DURATION", _duration(count, unit), None, False
    match = re.fullmatch(r"(?:last|past|previous|next|coming) (decade|century)", t)
    if match:
        return "DURATION", _duration(1, match.group(1)), None, False
    # "several years", "for weeks", "recent months", "the next few days", "a few days later", "a several-year
    # tenure": an unknown number of units
    units = "(year|month|week|day|hour|minute|decade|quarter)"
    match = re.fullmatch(
        r"(?:(?:several|a few|few|many|the|recent|coming|the coming|(?:the )?(?:next|past|last) "
        rf"(?:few|several))\s+)?{units}s(?: long| later)?",
        t,
    ) or re.fullmatch(rf"(?:several|a few|few|many) {units}", t)
    if match:
        unit = "Y" if match.group(1) == "decade" else UNITS[match.group(1)][0]
        return (
            "DURATION",
            f"P{'T' if match.group(1) in ('hour', 'minute') else ''}X{unit}",
            None,
            False,
        )
    if anchor is None:
        return _absolute_only(t)
    if t in ("last night", "yesterday night"):
        return "TIME", f"{(anchor - dt.timedelta(days=1)).isoformat()}TNI", "day", True
    if t in (
        "today",
        "this day",
        "today's",
        "this morning",
        "this afternoon",
        "this evening",
        "tonight",
    ):
        part = {
            "this morning": "MO",
            "this afternoon": "AF",
            "this evening": "EV",
            "tonight": "NI",
        }.get(t)
        return (
            ("TIME", f"{anchor.isoformat()}T{part}", "day", True)
            if part
            else ("DATE", anchor.isoformat(), "day", True)
        )
    match = re.fullmatch(r"(?:the )?day (before|after) (.+?)(?:'s)?", t)
    if match:
        # "the day before last Tuesday's hearing": one day off the day named
        inner = normalize_expression(match.group(2), anchor, direction)
        if inner is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", inner[1]):
            day = dt.date.fromisoformat(inner[1]) + dt.timedelta(
                days=1 if match.group(1) == "after" else -1
            )
            return "DATE", day.isoformat(), "day", True
    for word, days in (
        ("yesterday", -1),
        ("tomorrow", 1),
        ("the day before", -1),
        ("the day after", 1),
        ("the day before yesterday", -2),
        ("the day after tomorrow", 2),
    ):
        if t == word or t.startswith(word + " "):
            day = anchor + dt.timedelta(days=days)
            rest = t[len(word) :].strip()
            if rest in DAY_PARTS:
                return "TIME", f"{day.isoformat()}T{DAY_PARTS[rest]}", "day", True
            return "DATE", day.isoformat(), "day", True
    match = re.fullmatch(
        r"(last|next|this|coming|past|previous|current)\s+(week|month|year|weekend|quarter|spring|summer|autumn|fall|winter|\w+day)",
        t,
    )
    if match:
        which, unit = match.groups()
        step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(which, 0)
        if unit == "week":
            return "DATE", _week(anchor + dt.timedelta(weeks=step)), "week", True
        if unit == "weekend":
            return "DATE", _week(anchor + dt.timedelta(weeks=step)) + "-WE", "week", True
        if unit == "month":
            return "DATE", _shift_months(anchor, step).strftime("%Y-%m"), "month", True
        if unit == "year":
            return "DATE", str(anchor.year + step), "year", True
        if unit == "quarter":
            quarter = (anchor.month - 1) // 3 + step
            return "DATE", f"{anchor.year + quarter // 4}-Q{quarter % 4 + 1}", "quarter", True
        if unit in SEASONS:
            return "DATE", f"{anchor.year + step}-{SEASONS[unit]}", "season", True
        if unit in WEEKDAYS:
            if step == 0:
                return (
                    "DATE",
                    news_weekday(anchor, WEEKDAYS[unit], direction).isoformat(),
                    "day",
                    True,
                )
            day = anchor_weekday(anchor + dt.timedelta(days=step), WEEKDAYS[unit], step)
            return "DATE", day.isoformat(), "day", True
    match = re.fullmatch(
        r"(?:(noon|midnight)\s+(?:on\s+)?(.+)|(.+?)\s+(?:at\s+)?(noon|midnight))", t
    )
    if match:
        # "noon Saturday": the clock time on that day
        inner = normalize_expression(match.group(2) or match.group(3), anchor, direction)
        if inner is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", inner[1]):
            clock = "12:00" if (match.group(1) or match.group(4)) == "noon" else "24:00"
            return "TIME", f"{inner[1]}T{clock}", "day", True
    words = t.replace(",", " ").split()
    if words and words[0] in WEEKDAYS:
        day = news_weekday(anchor, WEEKDAYS[words[0]], direction)
        rest = " ".join(words[1:])
        if rest in DAY_PARTS:
            return "TIME", f"{day.isoformat()}T{DAY_PARTS[rest]}", "day", True
        if not rest:
            return "DATE", day.isoformat(), "day", True
        t = " ".join(words[1:]).lstrip(", ")
        dated = _absolute(t, anchor, direction)
        if dated is not None and dated[2] == "day" and dated[3]:
            # "Monday, Oct. 26": the nearby year in which that day is a Monday
            named = dt.date.fromisoformat(dated[1])
            for year in (named.year, anchor.year, anchor.year - 1, anchor.year + 1):
                candidate = _same_day_in(named, year)
                if candidate is not None and candidate.weekday() == WEEKDAYS[words[0]]:
                    return "DATE", candidate.isoformat(), "day", True
    if t in DAY_PARTS or t in ("the morning", "the evening", "the night", "overnight"):
        return "TIME", f"{anchor.isoformat()}T{DAY_PARTS.get(t.split()[-1], 'NI')}", "day", True
    absolute = _absolute(t, anchor, direction)
    if absolute:
        return absolute
    return _dateparser(text, anchor, direction)


def _quarter(t: str, anchor: dt.date, direction: int) -> tuple[str, str, str | None, bool] | None:
    """Financial-news quarters: "the quarter", "the latest quarter" or "period" (the one just reported), "the current quarter",
    "the year-ago quarter", "this year's third quarter", "the fiscal first quarter", "the 1988 fourth quarter"."""
    match = re.fullmatch(r"(?:the )?(first|second|third|fourth) quarters", t)
    if match:
        # "usually busiest in the fourth quarters": that quarter of any year
        return (
            "DATE",
            f"XXXX-Q{('first', 'second', 'third', 'fourth').index(match.group(1)) + 1}",
            "quarter",
            False,
        )
    reported = anchor - dt.timedelta(days=46)  # results come out weeks after a quarter ends
    number = (reported.month - 1) // 3 + 1
    if re.fullmatch(r"(?:the )?(?:current|this) quarter", t):
        return "DATE", f"{anchor.year}-Q{(anchor.month - 1) // 3 + 1}", "quarter", True
    if re.fullmatch(
        r"(?:the )?(?:latest |most recent |recent )?quarter|(?:the )?(?:latest|most recent) period",
        t,
    ):
        return "DATE", f"{reported.year}-Q{number}", "quarter", True
    match = re.fullmatch(r"(?:the )?(\d{4}) (?:quarter|period)", t)
    if match:
        return "DATE", f"{match.group(1)}-Q{number}", "quarter", True
    if re.fullmatch(
        r"(?:the )?(?:(?:(?:comparable|corresponding|same) )?(?:year (?:ago|earlier)|last year's) "
        r"(?:quarter|period)"
        r"|(?:corresponding|comparable|same) (?:quarter|period) (?:last year|a year (?:ago|earlier)))",
        t,
    ):
        return "DATE", f"{reported.year - 1}-Q{number}", "quarter", True
    match = re.fullmatch(
        r"(?:(.*) )?(?:fiscal )?(first|second|third|fourth) (?:fiscal )?quarter(?: of (\d{4}))?", t
    )
    if match and not re.search(r"\b(?:and|or|to|through)\b", match.group(1) or ""):
        quarter = ("first", "second", "third", "fourth").index(match.group(2)) + 1
        before = match.group(1) or ""
        named = match.group(3) or next(iter(re.findall(r"\b(\d{4})\b", before)), None)
        if named:
            return "DATE", f"{named}-Q{quarter}", "quarter", False
        year = anchor.year + (
            1
            if "next year" in before
            else -1
            if re.search(r"last year|year (?:ago|earlier)", before)
            else 0
        )
        if year == anchor.year and dt.date(year, 3 * quarter - 2, 1) > anchor and direction <= 0:
            year -= 1  # a quarter not yet begun, spoken of as done: last year's
        return "DATE", f"{year}-Q{quarter}", "quarter", True
    return None


def _easter(year: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    return dt.date(year, (h + l - 7 * m + 114) // 31, (h + l - 7 * m + 114) % 31 + 1)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th given weekday of a month (n = -1: the last)."""
    if n < 0:
        last = _shift_months(dt.date(year, month, 1), 1) - dt.timedelta(days=1)
        return last - dt.timedelta(days=(last.weekday() - weekday) % 7)
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


HOLIDAYS = {
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "christmas": lambda y: dt.date(y, 12, 25),
    "christmas eve": lambda y: dt.date(y, 12, 24),
    "new year's day": lambda y: dt.date(y, 1, 1),
    "new year's eve": lambda y: dt.date(y, 12, 31),
    "independence day": lambda y: dt.date(y, 7, 4),
    "fourth of july": lambda y: dt.date(y, 7, 4),
    "election day": lambda y: _nth_weekday(y, 11, 0, 1) + dt.timedelta(days=1),
    "easter": _easter,
    "good friday": lambda y: _easter(y) - dt.timedelta(days=2),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
}


def _holiday(t: str, anchor: dt.date, direction: int) -> tuple[str, str, str | None, bool] | None:
    """US and Christian holidays: "Thanksgiving Day" is the one nearest the article date in the tense's
    direction, "last Thanksgiving" the one before it; "Easter week" is the week holding it."""
    match = re.fullmatch(r"(?:(last|next|this) )?(.+?)(?: (day|sunday|week))?", t)
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
        # the week holding the article date is this one, whatever the tense ("as Easter week began")
        day = next((d for d in days if _week(d) == _week(anchor)), day)
        return "DATE", _week(day), "week", True
    return "DATE", day.isoformat(), "day", True


def _absolute_only(t: str) -> tuple[str, str, str | None, bool] | None:
    """Without an anchor only self-contained dates can be normalized."""
    match = _MONTH_DAY.search(t) or _DAY_MONTH.search(t)
    if match and match.group(3):
        return _absolute(t, dt.date(int(match.group(3)), 1, 1), 0)
    match = re.fullmatch(r"(\d{4})", t) or _MONTH_YEAR.fullmatch(t) or _ISO.fullmatch(t)
    if match:
        return _absolute(t, dt.date(2000, 1, 1), 0)
    return None


def _absolute(t: str, anchor: dt.date, direction: int) -> tuple[str, str, str | None, bool] | None:
    match = _ISO.fullmatch(t)
    if match:
        return "DATE", match.group(0), "day", False
    for pattern, order in ((_MONTH_DAY, "md"), (_DAY_MONTH, "dm")):
        match = pattern.fullmatch(t) or pattern.match(t)
        if match and match.end() >= len(t) - 1:
            month_text, day_text = (
                (match.group(1), match.group(2))
                if order == "md"
                else (match.group(2), match.group(1))
            )
            month, day = MONTHS[month_text.lower().rstrip(".")], int(day_text)
            year_text = match.group(3)
            year = int(year_text) if year_text else nearest_year(anchor, month, day, direction)
            try:
                return "DATE", dt.date(year, month, day).isoformat(), "day", not year_text
            except ValueError:
                return None
    match = _MONTH_YEAR.fullmatch(t)
    if match:
        return (
            "DATE",
            f"{int(match.group(2)):04d}-{MONTHS[match.group(1).lower().rstrip('.')]:02d}",
            "month",
            False,
        )
    if t in MONTHS and (len(t) > 3 or t == "may"):
        month = MONTHS[t]
        return "DATE", f"{month_year(anchor, month, direction):04d}-{month:02d}", "month", True
    match = re.fullmatch(r"(?:(early|late|mid)\s+)?(\d{4})", t)
    if match and 1800 <= int(match.group(2)) <= 2100:
        return "DATE", match.group(2), "year", False
    match = re.fullmatch(r"(?:the\s+)?(\d{3})0'?s", t)
    if match:
        return "DATE", match.group(1), "decade", False
    match = re.fullmatch(r"(?:the\s+|a\s+)?(\d{1,2})(?:st|nd|rd|th) century", t)
    if match:
        return "DATE", f"{int(match.group(1)) - 1:02d}", "century", False
    match = re.fullmatch(r"(?:the\s+)?'(\d)0s", t)
    if match:
        return "DATE", f"19{match.group(1)}", "decade", False
    if t in _DECADES:
        return "DATE", f"19{_DECADES[t]}", "decade", False
    match = re.fullmatch(r"(spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(\d{4}))?", t)
    if match:
        year = int(match.group(2)) if match.group(2) else anchor.year
        return "DATE", f"{year}-{SEASONS[match.group(1)]}", "season", not match.group(2)
    match = re.fullmatch(r"(?:the\s+)?(first|second|third|fourth)\s+quarter(?:\s+of\s+(\d{4}))?", t)
    if match:
        quarter = ("first", "second", "third", "fourth").index(match.group(1)) + 1
        year = int(match.group(2)) if match.group(2) else anchor.year
        return "DATE", f"{year}-Q{quarter}", "quarter", not match.group(2)
    return None


def _dateparser(
    text: str, anchor: dt.date, direction: int
) -> tuple[str, str, str | None, bool] | None:
    if not re.search(r"\d|" + "|".join(MONTHS), text.lower()) or _JOINS.search(text):
        return None  # two expressions in one ("April 24 and 25") are read apart
    import dateparser  # underneath our rules: reads formats we do not list

    settings = {
        "RELATIVE_BASE": dt.datetime(anchor.year, anchor.month, anchor.day),
        "PREFER_DATES_FROM": "future" if direction > 0 else "past",
        "REQUIRE_PARTS": ["year"] if re.fullmatch(r"\d{4}", text.strip()) else [],
        "RETURN_TIME_AS_PERIOD": True,
    }
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    if parsed is None:
        return None
    return "DATE", parsed.date().isoformat(), "day", True


# ---------------------------------------------------------------- tense
_DEADLINE_VERBS = {
    "postpone",
    "delay",
    "extend",
    "give",
    "adjourn",
    "defer",
    "suspend",
    "allow",
    "grant",
}
# words before an expression that put it ahead of the article: "until Tuesday", "as soon as Tuesday",
# "loans through January"
_AHEAD = re.compile(
    r"(?:\buntil|\btill|\bthrough|\bas (?:soon|early) as|\bno later than)\s+$", re.IGNORECASE
)
_BEHIND = re.compile(r"\bsince\s+(?:the\s+)?$", re.IGNORECASE)
# a debt's or a deal's own dates lie ahead: "notes due Nov. 1, 2009", "bonds maturing in 1995"
_MATURITY = re.compile(
    r"\b(?:due|maturing|matures|mature|expiring|expires|redeemable|payable)\s+(?:on\s+|in\s+)?$",
    re.IGNORECASE,
)


def context_direction(text: str, start: int, root) -> int:
    """The clause's direction (``clause_direction``) corrected by the words just before an expression:
    "since Monday" is gone by; "until Tuesday", "notes due Nov. 1, 2009" lie ahead."""
    before = text[max(0, start - 20) : start]
    direction = clause_direction(root)
    if _BEHIND.search(before):
        return -2  # "since Monday", "since the Sept. 11 attacks": certainly one gone by
    if _MATURITY.search(before):
        return 1
    if _AHEAD.search(before) and (direction >= 0 or governor(root).lemma_ in _DEADLINE_VERBS):
        return 1  # "until Tuesday morning": a deadline ahead, unless "Until Thursday, they had not"
    return direction


# "today's youth", "the people of tomorrow": the present or future age, not a day
_GENERIC_DAY = re.compile(
    r"(?:today|tomorrow)'s\s+(?:world|youth|young|society|generations?|children|kids|families|"
    r"technology|computers|consumers|students|standards)\b|\bof\s+(?:today|tomorrow)\b",
    re.IGNORECASE,
)
_SOMEDAY = re.compile(
    r"\b(?:will|would|could|might|may|can|hopes?|hoped|dreams?)\s+(?:\w+\s+)?$", re.IGNORECASE
)


# ---------------------------------------------------------------- stage
class TimeFinder:
    """Finds and normalizes the time expressions of an article. ``occasions`` maps lemmas to groups of
    words naming the same happening (data/occasions.yaml), for "10 days before the murder"."""

    def __init__(self, occasions: dict[str, str] | None = None):
        self.occasions = occasions or {}

    def __call__(self, segments: list[Segment], anchor: dt.date | None) -> list[TimeExpression]:
        found: list[TimeExpression] = []
        texts = [
            segment.doc.text for segment in segments
        ]  # a spaCy Doc joins its tokens on every .text
        for segment, text_of_doc in zip(segments, texts):
            doc = segment.doc
            spans: list[tuple[int, int]] = [
                (e.start_char, e.end_char) for e in doc.ents if e.label_ in ("DATE", "TIME")
            ]
            for match in _PATTERN.finditer(text_of_doc):
                if not any(
                    s <= match.start() < e or match.start() <= s < match.end() for s, e in spans
                ):
                    spans.append((match.start(), match.end()))
            for start, end in _join_day_parts(sorted(spans), text_of_doc):
                span = doc.char_span(start, end, alignment_mode="expand")
                edges = _expression_text(text_of_doc, start, end) if span is not None else None
                if edges is None:
                    continue
                start, end, text = edges
                direction = context_direction(text_of_doc, start, span.root)
                start, text, result = _read_in_context(
                    text_of_doc, start, end, text, anchor, direction, found
                )
                pieces = (
                    [(start, text, result)]
                    if result is not None
                    else [
                        (start + offset, piece, piece_result)
                        for offset, piece, piece_result in _parts(text, anchor, direction)
                    ]
                )
                for piece_start, piece, piece_result in pieces:
                    if _not_a_time(text_of_doc, piece_start, piece, end, piece_result[1]):
                        continue
                    kind, value, granularity, relative = piece_result
                    found.append(
                        TimeExpression(
                            segment.offset + piece_start,
                            segment.offset + piece_start + len(piece),
                            piece,
                            kind,
                            value,
                            anchor,
                            granularity,
                            relative,
                        )
                    )
        if self.occasions:
            found = _told_from_occasions(found, segments, self.occasions)
        found = _part_of_the_day_told(
            _day_in_apposition(found, segments, texts), segments, texts, anchor
        )
        found = _year_ago_quarters(_reported_quarter(_clock_on_its_day(found, segments)), segments)
        return _quarter_in_apposition(found, segments, texts)


def _expression_text(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    """The expression's own words in a parser or pattern span, or None when it holds no time: without
    a leading preposition or a dangling conjunction, with "each" or "and a half" the span left out."""
    words = text[start:end]
    stripped = re.sub(r"^(?:on|in|at(?! least)|by|since)\s+", "", words, flags=re.IGNORECASE)
    stripped = re.sub(
        r"^the\s+(?=the\s)", "", stripped, flags=re.IGNORECASE
    )  # a doubled "the the end"
    start += len(words) - len(stripped)
    words = stripped.rstrip(" .,'s") if stripped.endswith("'s") else stripped.rstrip(" .,")
    before = text[max(0, start - 20) : start]
    if (
        not words
        or _NOT_TIMES.match(words)
        or re.fullmatch(r"year-end", words, re.IGNORECASE)
        and not re.search(r"\b(?:by|since|until|before|around|at)\s+$", before[-10:])
    ):
        return None  # "year-end net": a kind of figure, not a time
    dangling = re.search(r"\s+(?:and|or|to)$", words, re.IGNORECASE)
    if dangling:
        words = words[
            : dangling.start()
        ]  # the parser's "a minute and": the conjunction is not in it
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
) -> tuple[int, str, tuple | None]:
    """Normalize an expression with what stands around it: "the day before" a day, "will one day",
    "today is the eighth day of"; and the days the text named before it."""
    before = text[max(0, start - 20) : start]
    result = (
        _weekday_anaphora(words, found)
        or normalize_expression(words, anchor, direction)
        or _anaphoric(words, found)
    )
    around = re.search(r"\b(?:the )?day (?:before|after) $", before, re.IGNORECASE)
    if around and result is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", result[1]):
        # "the day before last Tuesday's hearing", the parser's span holding only the day named
        words = around.group(0) + words
        return start - len(around.group(0)), words, normalize_expression(words, anchor, direction)
    plural = _shared_plural(words, text[end:])
    if plural:
        return start, words, normalize_expression(plural, anchor, direction)
    if words.lower() == "one day" and _SOMEDAY.search(before):
        return (
            start,
            words,
            ("DATE", "FUTURE_REF", None, True),
        )  # "will one day be": some day to come
    if (
        anchor is not None
        and _NTH_DAY.fullmatch(words)
        and re.search(r"(?:\bis|'s)\s+$", before)
        and re.match(r"\s+of\b", text[end:])
    ):
        return (
            start,
            words,
            ("DATE", anchor.isoformat(), "day", True),
        )  # "today is the eighth day of"
    return start, words, result


def _shared_plural(words: str, after: str) -> str | None:
    """ "Monday" in "Monday and Tuesday nights", "second" in "the second and fourth quarters": read with
    the plural it shares."""
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


_NTH_DAY = re.compile(
    r"(?:the )?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))"
    r" day",
    re.IGNORECASE,
)


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
    # "CBS's '60 Minutes'", "ABC's 'This Week'", "This is VOA Today": a programme's name
    return bool(
        (
            re.fullmatch(r"\d+ [A-Z][a-z]+|This [A-Z][a-z]+", piece)
            or piece == "Today"
            and re.search(r"\b[A-Z]{2,}\s+$", text[:start])
        )
        and start > 0
        and not re.search(r"[.!?]\W*$", text[:start])
    )


_FRACTION = re.compile(
    r"(?:more than |less than |about |nearly |almost )?(?:a|one|two|three) quarters?", re.IGNORECASE
)
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


def _weekday_anaphora(
    text: str, found: list[TimeExpression]
) -> tuple[str, str, str | None, bool] | None:
    """ "the previous Friday", "the following Monday": that weekday before or after the last day the
    article named (a market report of Friday's trading compares it with the Friday before)."""
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
    return "DATE", day.isoformat(), "day", True


def _anaphoric(text: str, found: list[TimeExpression]) -> tuple[str, str, str | None, bool] | None:
    """ "that year", "the following month", "earlier that day", "the next morning": counted from the last
    date the article named at that precision (the story's own timeline, not the article date)."""
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
        return (
            "DATE",
            (dt.date.fromisoformat(named[-1]) + dt.timedelta(days=step)).isoformat(),
            "day",
            True,
        )
    if unit == "month":
        return (
            "DATE",
            _shift_months(dt.date.fromisoformat(named[-1] + "-01"), step).strftime("%Y-%m"),
            "month",
            True,
        )
    if unit == "quarter":
        # "that quarter", "the following quarter": from the last quarter named
        number = int(named[-1][:4]) * 4 + int(named[-1][-1]) - 1 + step
        return "DATE", f"{number // 4}-Q{number % 4 + 1}", "quarter", True
    return "DATE", str(int(named[-1]) + step), "year", True


# what joins two time expressions in one entity: "between 1994 and 1997", "the year ended Sept. 30",
# "the first nine months of 1997"
_JOINS = re.compile(
    r"\s*(?:(?<!\S)(?:between|from|and|to|through|until|till|or|ended|ending|compared with)(?!\S)"
    r"|(?<=\d)\s*-(?=\s*\d)|(?<!\S)of(?=\s+(?:\d{4}|the year|this year|last year)\b))\s*",
    re.IGNORECASE,
)
_DAY_PART_WORDS = re.compile(
    r"(?:morning|afternoon|evening|night|noon|midnight|midday|mid-?(?:morning|afternoon))",
    re.IGNORECASE,
)
_DAY_WORDS = re.compile(
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today|tomorrow)", re.IGNORECASE
)


def _parts(text: str, anchor: dt.date | None, direction: int) -> list[tuple[int, str, tuple]]:
    """The readable parts of an expression we cannot read whole: "between 1994 and 1997" gives both
    years; "the year ended Sept. 30" gives a one-year period and the day it ended (a past one)."""
    out = []
    joins = list(_JOINS.finditer(text))
    starts = [0] + [m.end() for m in joins]
    ends = [m.start() for m in joins] + [len(text)]
    for index, (start, end) in enumerate(zip(starts, ends)):
        piece = text[start:end]
        if not piece.strip():
            continue
        ended = index < len(joins) and joins[index].group(0).strip().lower() in ("ended", "ending")
        if ended and re.fullmatch(r"(?:the\s+)?(?:fiscal\s+)?year", piece, re.IGNORECASE):
            out.append((start, piece, ("DURATION", "P1Y", None, False)))
            continue
        numbered = re.fullmatch(
            r"(?:the |its )?(?:fiscal[- ])?(first|second|third|fourth)(?:[- ]fiscal)?[- ]quarter",
            piece,
            re.IGNORECASE,
        )
        if ended and (_GENERIC_QUARTER.fullmatch(piece) or numbered):
            last = normalize_expression(text[starts[index + 1] : ends[index + 1]], anchor, -2)
            if last is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", last[1]):
                day = dt.date.fromisoformat(last[1])
                # "the quarter ended July 31": the calendar quarter it mostly covers; "the second quarter ended
                # Oct. 31" keeps the company's own number, in the year it ended
                value = (
                    f"{day.year}-Q{('first', 'second', 'third', 'fourth').index(numbered.group(1).lower()) + 1}"
                    if numbered
                    else _quarter_ended(day)
                )
                out.append((start, piece, ("DATE", value, "quarter", True)))
                continue
        if (
            re.fullmatch(r"\d{1,2}", piece)
            and out
            and re.fullmatch(r"\d{4}-\d{2}-\d{2}", out[-1][2][1])
        ):
            # "April 24 and 25": the second day of the same month
            try:
                day = dt.date.fromisoformat(out[-1][2][1]).replace(day=int(piece))
            except ValueError:
                continue
            out.append((start, piece, ("DATE", day.isoformat(), "day", True)))
            continue
        unit = (
            re.fullmatch(
                r"\S+ ((?:day|week|month|year|hour|minute)s)",
                text[starts[index + 1] : ends[index + 1]],
            )
            if index < len(joins)
            else None
        )
        if (
            unit
            and _count(piece) is not None
            and joins[index].group(0).strip().lower() in ("to", "or", "and", "-", "")
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
        for match in _PATTERN.finditer(piece):
            result = normalize_expression(match.group(0), anchor, direction)
            if result is not None:
                out.append((start + match.start(), match.group(0), result))
    return out


def _quarter_ended(day: dt.date) -> str:
    """The calendar quarter that holds most of the three months ended on a day: a quarter ended July 31
    (May to July) is the second."""
    last = (
        day if day.day >= 15 else day.replace(day=1) - dt.timedelta(days=1)
    )  # "ended Oct. 1": September's
    middle = _shift_months(last.replace(day=1), -1)
    return f"{middle.year}-Q{(middle.month - 1) // 3 + 1}"


def _join_day_parts(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """A day and a part of it or a clock time written side by side are one expression: "Friday morning",
    "noon Saturday", "9 a.m. EST Tuesday", "5 p.m. EST, Nov. 6"."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and text[out[-1][1] : start] in (" ", ", "):
            first, second = text[out[-1][0] : out[-1][1]], text[start:end]
            day = re.sub(
                r"^(?:early|late)\s+", "", first, flags=re.IGNORECASE
            )  # "early Friday" + "morning"
            if (
                _DAY_WORDS.fullmatch(day)
                and _DAY_PART_WORDS.fullmatch(second)
                or _DAY_PART_WORDS.fullmatch(first)
                and _DAY_WORDS.fullmatch(second)
                or re.search(r"\d\s*[ap]\.?m\b\.?(?:\s+[A-Z]{3})?$", first)
                and (_DAY_WORDS.fullmatch(second) or _MONTH_DAY.fullmatch(second))
            ):
                out[-1] = (out[-1][0], end)
                continue
        out.append((start, end))
    return out


_GENERIC_QUARTER = re.compile(
    r"(?:the )?(?:latest |most recent |recent )?quarter|(?:the )?(?:latest|most recent) period",
    re.IGNORECASE,
)


def _reported_quarter(found: list[TimeExpression]) -> list[TimeExpression]:
    """A report that names its quarter ("the fiscal first quarter", "third-quarter profit") means that
    one by "the quarter" and "the latest period" further on, not the calendar quarter last ended."""
    named = [
        t
        for t in found
        if re.fullmatch(r"\d{4}-Q\d", t.value)
        and not _GENERIC_QUARTER.fullmatch(t.text)
        and re.search(r"\b(?:first|second|third|fourth)\b", t.text, re.IGNORECASE)
        and not re.search(r"\b(?:ago|earlier|last|next)\b", t.text, re.IGNORECASE)
        and (t.anchor is None or t.value <= f"{t.anchor.year}-Q{(t.anchor.month - 1) // 3 + 1}")
    ]
    if not named:
        return found
    first, current, out = named[0], named[0].value, []
    since = first.start  # where the quarter meant was last named
    for number, t in enumerate(found):
        if (
            t in named
            and t is not first
            and not re.search(r"\d{4}", t.text)
            and (t.anchor is None or t.value < f"{t.anchor.year}-Q{(t.anchor.month - 1) // 3 + 1}")
        ):
            # a later report in a roundup names its own quarter ("fiscal second-quarter")
            current, since = t.value, t.start
        if (
            t.start > first.start
            and _GENERIC_QUARTER.fullmatch(t.text)
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
                current = (
                    None  # far from where a quarter was named, "the quarter ended Sept. 30" starts
                )
                # another report
        out.append(t)
    return out


def _quarter_in_apposition(
    found: list[TimeExpression], segments: list[Segment], texts: list[str]
) -> list[TimeExpression]:
    """ "the year-ago quarter, the second quarter ended Oct. 31": a quarter described by the one apposed
    to it takes its value. ``texts`` are the segments' texts."""
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


def _year_ago_quarters(
    found: list[TimeExpression], segments: list[Segment]
) -> list[TimeExpression]:
    """In a report of quarterly results, "a year ago" and "year-earlier" mean the quarter reported (the
    latest finished one named) a year before, unless the sentence speaks of months ("the nine months")."""
    year_ago = re.compile(r"(?:a\s+|the\s+)?year[- ](?:ago|earlier)", re.IGNORECASE)
    quarters = [
        t.value
        for t in found
        if re.fullmatch(r"\d{4}-Q\d", t.value)
        and not year_ago.search(t.text)
        and (t.anchor is None or t.value < f"{t.anchor.year}-Q{(t.anchor.month - 1) // 3 + 1}")
    ]
    if not quarters:
        return _last_years_quarter(found, segments)
    quarter = max(quarters)
    value = f"{int(quarter[:4]) - 1}{quarter[4:]}"
    out = [
        replace(t, value=value, granularity="quarter")
        if year_ago.fullmatch(t.text)
        and re.fullmatch(r"\d{4}", t.value)
        and not _sentence_says(segments, t, r"\bmonths\b")
        else t
        for t in found
    ]
    return _last_years_quarter(out, segments)


def _last_years_quarter(
    found: list[TimeExpression], segments: list[Segment]
) -> list[TimeExpression]:
    """ "Sales in the latest period were $1.76 billion, up from last year's $1.55 billion", "Last year's
    results were hurt by ...": right after a quarter is named (up to about a paragraph, 500 characters,
    before), last year's figures are that quarter's a year before, unless the sentence is about a whole
    year or months."""
    out = list(found)
    for n, t in enumerate(out):
        if not re.fullmatch(r"last year", t.text, re.IGNORECASE) or not re.fullmatch(
            r"\d{4}", t.value
        ):
            continue
        segment = _segment_at(segments, t.start)
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
            continue  # "last year's $1.55 billion", "compared with earnings of $33 million last year"
        sentence = _sentence_at(segments, t)
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


def _sentence_says(segments: list[Segment], expression: TimeExpression, pattern: str) -> bool:
    """Whether the sentence holding an expression matches a pattern."""
    return re.search(pattern, _sentence_at(segments, expression), re.IGNORECASE) is not None


def _sentence_at(segments: list[Segment], expression: TimeExpression) -> str:
    """The text of the sentence holding an expression."""
    for segment in segments:
        for sentence in segment.doc.sents:
            start, end = segment.char_span(sentence.start, sentence.end)
            if start <= expression.start < end:
                return sentence.text
    return ""


def _clock_on_its_day(found: list[TimeExpression], segments: list[Segment]) -> list[TimeExpression]:
    """A clock time takes the day named in its sentence ("on Friday ... at 10 a.m.", "at 4 in the morning
    (4 a.m. EDT Thursday)"), not the article's."""
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
                and _DAY_WORDS.search(t.text)
            ]
            if len(set(days)) != 1:
                continue
            for n, expression in inside:
                match = re.fullmatch(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})", expression.value)
                if (
                    expression.type == "TIME"
                    and match
                    and not _DAY_WORDS.search(expression.text)
                    and not _MONTH_DAY.search(expression.text)
                ):
                    out[n] = replace(expression, value=days[0] + match.group(1))
    return out


_FROM_OCCASION = re.compile(
    r"\b(?:(the (?:days|weeks))|(the day)|((?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,3})"
    r" (?:day|week|month)s?)) (before|after|following|prior to)\s",
    re.IGNORECASE,
)
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _told_from_occasions(
    found: list[TimeExpression], segments: list[Segment], occasions: dict[str, str]
) -> list[TimeExpression]:
    """Times told from a happening the article dates elsewhere: with "the Oct. 23 slaying" in the
    text, "10 days before the murder" is Oct. 13, "the day after his death" Oct. 24, "in the weeks
    before the shooting" October, and "was shot to death at 10 p.m." is 10 p.m. on Oct. 23. A
    happening is dated only when the article ties its group of words to exactly one day."""
    days: dict[str, set[str]] = {}
    for expression in found:
        named_day = (
            _DAY.fullmatch(expression.value)
            or expression.type == "TIME"
            and _DAY.match(expression.value)
            and (_DAY_WORDS.search(expression.text) or _MONTH_DAY.search(expression.text))
        )
        if named_day:  # not a clock time put on the article's day
            for token in _ancestors(segments, expression):
                group = occasions.get(token.lemma_.lower())
                if group:
                    days.setdefault(group, set()).add(expression.value[:10])
    dated = {
        group: dt.date.fromisoformat(next(iter(values)))
        for group, values in days.items()
        if len(values) == 1
    }
    if not dated:
        return found
    out = list(found)
    for segment in segments:
        for sentence in segment.doc.sents:
            start = segment.offset + sentence.start_char
            for match in _FROM_OCCASION.finditer(sentence.text):
                after = segment.doc.char_span(
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
                value = _counted_from(match, day)
                anchor = found[0].anchor
                told = segment.doc.char_span(
                    sentence.start_char + match.start(),
                    sentence.start_char + match.end(),
                    alignment_mode="expand",
                )
                if (
                    anchor is not None
                    and value[0][:7] > anchor.isoformat()[:7]
                    and told is not None
                    and clause_direction(told.root) < 0
                ):
                    continue  # a past telling cannot fall after the article: the happening is another one
                group = 1 if match.group(1) else 2 if match.group(2) else 3
                first = start + match.start(group)
                expression = TimeExpression(
                    first,
                    first + len(match.group(group)),
                    match.group(group),
                    "DATE",
                    value[0],
                    found[0].anchor,
                    value[1],
                    True,
                )
                out = [
                    t for t in out if not (t.start < expression.end and expression.start < t.end)
                ] + [expression]
    return _clocks_on_occasion_days(sorted(out, key=lambda t: t.start), segments, occasions, dated)


def _ancestors(segments: list[Segment], expression: TimeExpression) -> list:
    """The parse tokens above an expression's head, in the segment that holds it."""
    segment = _segment_at(segments, expression.start)
    if segment is None:
        return []
    span = segment.doc.char_span(
        expression.start - segment.offset, expression.end - segment.offset, alignment_mode="expand"
    )
    return list(span.root.ancestors) if span is not None else []


def _segment_at(segments: list[Segment], position: int) -> Segment | None:
    """The segment that holds an article offset."""
    for segment in segments:
        doc = segment.doc
        if len(doc) and segment.offset <= position < segment.offset + doc[-1].idx + len(
            doc[-1].text_with_ws
        ):
            return segment
    return None


def _day_in_apposition(
    found: list[TimeExpression], segments: list[Segment], texts: list[str]
) -> list[TimeExpression]:
    """ "Oct. 12, the day before the plunge": the apposed "the day" is the day just named."""
    out = list(found)
    for segment, text in zip(segments, texts):
        for match in re.finditer(r"(?<=, )the day(?= (?:before|after)\b)", text, re.IGNORECASE):
            start = segment.offset + match.start()
            named = [t for t in out if t.end == start - 2 and _DAY.fullmatch(t.value)]
            if named:
                out = [t for t in out if not (t.start < start + 7 and start < t.end)]
                out.append(replace(named[0], start=start, end=start + 7, text=match.group(0)))
    return sorted(out, key=lambda t: t.start)


def _part_of_the_day_told(
    found: list[TimeExpression], segments: list[Segment], texts: list[str], anchor: dt.date | None
) -> list[TimeExpression]:
    """ "Dealers bought heavily in the morning": that part of the day the story has just named (in the
    400 characters before), else of the article's day. "at 4 in the morning" is a clock time, not this."""
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
                and _DAY.fullmatch(t.value[:10])
                and (t.type == "DATE" or _DAY_WORDS.search(t.text) or _MONTH_DAY.search(t.text))
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


def _counted_from(match: re.Match, day: dt.date) -> tuple[str, str]:
    """The value of "the day after", "10 days before" or "the weeks before" a happening on a day."""
    sign = -1 if match.group(4).lower() in ("before", "prior to") else 1
    if match.group(1):
        return day.strftime("%Y-%m"), "month"  # "in the weeks before the shooting": its month
    if match.group(2):
        return (day + dt.timedelta(days=sign)).isoformat(), "day"
    count_word, unit = (
        match.group(3).lower().split()[0],
        match.group(3).lower().split()[1].rstrip("s"),
    )
    count = int(_count(count_word) or 1)
    if unit == "month":
        return _shift_months(day, sign * count).strftime("%Y-%m"), "month"
    return (day + dt.timedelta(days=sign * count * (7 if unit == "week" else 1))).isoformat(), "day"


def _clocks_on_occasion_days(
    found: list[TimeExpression],
    segments: list[Segment],
    occasions: dict[str, str],
    dated: dict[str, dt.date],
) -> list[TimeExpression]:
    """A clock time in a sentence that names no day takes the day of the happening it tells of."""
    out = list(found)
    for n, expression in enumerate(out):
        clock = re.fullmatch(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})", expression.value)
        if expression.type != "TIME" or clock is None or _DAY_WORDS.search(expression.text):
            continue
        segment = _segment_at(segments, expression.start)
        span = (
            segment.doc.char_span(
                expression.start - segment.offset,
                expression.end - segment.offset,
                alignment_mode="expand",
            )
            if segment is not None
            else None
        )
        if span is None:
            continue
        first, last = segment.char_span(span.sent.start, span.sent.end)
        if any(first <= t.start < last and _DAY.fullmatch(t.value) for t in out):
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
    """Give each event the time expression attached to its trigger, else its sentence's, else the article date."""
    datable = [(t, value_to_date(t.value)) for t in times if t.type in ("DATE", "TIME")]
    datable = [(t, d) for t, d in datable if d is not None]
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


def _attached(event: Event, datable, segments: list[Segment]):
    segment = _segment_at(segments, event.trigger[0])
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


def find_dates_in_lines(text: str, spans, anchor: dt.date | None = None) -> list[TimeExpression]:
    """Time expressions in unparsed lines: the title and the dateline under or in it
    ("Northstar Daily, March 10, 2023", "JOHANNESBURG, August 7 (Xinhua) --"). Lines have no
    parse, so no tense: a date without a year takes the year nearest the anchor. Without an
    anchor only self-contained full dates are read."""
    found = []
    for start, end in spans:
        for match in _PATTERN.finditer(text, start, end):
            result = normalize_expression(match.group(0), anchor)
            if (
                result is None
                or anchor is None
                and not (result[0] == "DATE" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", result[1]))
            ):
                continue
            kind, value, granularity, relative = result
            found.append(
                TimeExpression(
                    match.start(),
                    match.end(),
                    match.group(0),
                    kind,
                    value,
                    anchor,
                    granularity,
                    relative,
                )
            )
    return found


_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


_FORECAST_NOUNS = {
    "projection",
    "forecast",
    "estimate",
    "budget",
    "target",
    "goal",
    "plan",
    "outlook",
    "guidance",
    "deadline",
    "prediction",
    "quota",
}
_FORECAST_VERBS = {
    "predict",
    "forecast",
    "project",
    "expect",
    "estimate",
    "anticipate",
    "see",
    "budget",
}


def _forecast_year(root) -> bool:
    """A year qualifying a forecast: "his 1990 earnings projection", "predicting 1990 earnings"."""
    if root.dep_ not in ("nummod", "compound", "nmod", "amod"):
        return False
    noun = root.head
    while noun.dep_ == "compound" and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head
    return (
        noun.lemma_.lower() in _FORECAST_NOUNS or governor(noun).lemma_.lower() in _FORECAST_VERBS
    )


def infer_article_date(
    segments: list[Segment],
    dateline: list[TimeExpression],
    tenures: list[tuple[dt.date, dt.date | None, str]] = (),
) -> DateEstimate | None:
    """Infer a missing article date from what the text says, and say how.

    Evidence, strongest first: a dated dateline under the title; explicit full dates
    (news reports what just happened, so the article follows its latest one by days);
    month-day mentions and weekday mentions that must coincide ("talks in Geneva on
    Monday" ... "January 10th" -> a year where 10 January is a Monday), read with the
    tense of their clause; the tenures of people named with their office. Every day in
    the feasible window is scored against the clues and the best-scoring days win.
    """
    if dateline:
        day = dt.date.fromisoformat(max(t.value for t in dateline))
        return DateEstimate(
            day, day, day, 0.95, (f"dateline {max(dateline, key=lambda t: t.value).text!r}",)
        )
    full, partial, weekdays, years = [], [], [], []
    lead_dates = []  # full dates in the lead paragraph told as the day's news
    # the lead: the first paragraph of running text, with the short lines above it (web address,
    # headline, dateline)
    lead = next(
        (
            n
            for n, segment in enumerate(segments)
            if len(segment.doc) >= 12 and re.search(r"[.!?\"\u201d']\s*$", segment.doc.text)
        ),
        0,
    )
    for number, segment in enumerate(segments):
        segment_text = segment.doc.text
        for entity in segment.doc.ents:
            if entity.label_ != "DATE":
                continue
            text = entity.text.strip()
            direction = context_direction(segment_text, entity.start_char, entity.root)
            lowered = " ".join(text.lower().split())
            match = _MONTH_DAY.search(text) or _DAY_MONTH.search(text)
            if match:
                month_text, day_text = (
                    (match.group(1), match.group(2))
                    if match.re is _MONTH_DAY
                    else (match.group(2), match.group(1))
                )
                month, day = MONTHS[month_text.lower().rstrip(".")], int(day_text)
                if match.group(3):
                    try:
                        named = dt.date(int(match.group(3)), month, day)
                    except ValueError:
                        continue
                    if direction > 0:
                        continue  # "notes due Nov. 1, 2009": a plan, not what has happened
                    full.append((named, text, direction))
                    # "on Aug. 7, 1998" in the lead may be the day's news; "the Aug. 7, 1998, bombings"
                    # names a past event the story goes back to
                    before = segment.doc[entity.start - 1] if entity.start > 0 else None
                    background = (
                        text.lower().startswith("the ")
                        or before is not None
                        and before.lower_ in ("the", "since", "after", "before")
                    )
                    # a date no preposition introduces, in the lead, is a header: "September 18th, 2013,
                    # 05:31 GMT Microsoft launches ..." or "BRUSSELS, 3 December 2021 -"
                    header = (
                        not background
                        and entity.start < 40
                        and (number < lead or entity.start < 3)
                        and (
                            before is None
                            or before.pos_ in ("PUNCT", "NUM", "PROPN", "X", "SYM", "SPACE")
                        )
                    )
                    if number <= lead and not background:
                        lead_dates.append((named, lowered, header))
                else:
                    weekday = next((w for w in _WEEKDAY_NAMES if w in lowered), None)
                    partial.append(
                        (month, day, direction, text, weekday, (number, entity.sent.start))
                    )
                continue
            weekday = next(
                (n for n, w in enumerate(_WEEKDAY_NAMES) if re.search(rf"\b{w}\b", lowered)), None
            )
            if weekday is not None:
                weekdays.append((weekday, direction, text, (number, entity.sent.start)))
            elif direction <= 0:
                # a year named as past or present ("in 1998", "the 1988 period"), not a plan ("by 2030"); a
                # year a forecast is about ("his 1990 earnings projection", "predicting 1990 earnings") says
                # nothing of what has happened, so it cannot bound the date from below
                years.extend(
                    (int(y), text, 0 if _forecast_year(entity.root) else direction)
                    for y in re.findall(r"\b(1[89]\d\d|20\d\d)\b", lowered)
                )
    # a lead date is the news of the day when it heads the text, or when a weekday agrees with it
    # ("Friday, Aug. 7, 1998", or "on Friday" elsewhere when Aug. 7, 1998 was a Friday)
    lead_full = any(
        header
        or _WEEKDAY_NAMES[named.weekday()] in lowered
        or any(w == named.weekday() for w, *_ in weekdays)
        for named, lowered, header in lead_dates
    )
    # the feasible window: tenures of the people named with their office, else the explicit dates
    low, high, evidence = dt.date(1900, 1, 1), dt.date(2100, 12, 31), []
    for start, end, what in tenures:
        low = max(low, start)
        if end is not None and end < high:
            high = end
        evidence.append(f"tenure of {what}")
    if low > high:
        low, high = min(t[0] for t in tenures), max(t[1] or high for t in tenures)
        evidence = ["tenures disagree; using their span"]
    past = [day for day, _, direction in full if direction < 0] + [
        dt.date(year, 1, 1) for year, _, direction in years if direction < 0
    ]
    if past and max(past) <= high:
        # what the article tells in the past tense happened before it was written
        low = max(low, max(past))
    if full:
        latest = max(day for day, _, _ in full)
        if lead_full and low <= latest <= high:
            # a corroborated full date in the lead is the news of the day: the report follows within weeks
            low, high = latest, min(high, latest + dt.timedelta(days=31))
        evidence.append(f"latest full date {max(full)[1]!r}")
    if not partial and not full and not tenures and not years:
        return None
    today = dt.date.today()
    latest_full = max((day for day, _, _ in full), default=None)
    # the latest year the text names as past or present ("in 1998", "Aug. 7, 1998", "compared with
    # 1988") is most often the article's or the one before it: it breaks ties between periods
    named_years = [year for year, _, _ in years] + [day.year for day, _, _ in full]
    latest_year = max((y for y in named_years if y <= today.year + 1), default=None)
    if latest_year is not None:
        evidence.append(f"latest year named: {latest_year}")
    high = min(high, dt.date(today.year + 1, 12, 31))
    if not partial and not weekdays and (high - low).days > 400:
        return (
            DateEstimate(None, low, high, 0.2, tuple(evidence)) if tenures or latest_year else None
        )
    # without a bound, the clues are read over the last thirty years (and the next one)
    low, high = (
        max(low, dt.date(today.year - 30, 1, 1)) if latest_year is None else low,
        min(high, dt.date(today.year + 1, 12, 31)),
    )

    def year_bonus(day: dt.date) -> float:
        if latest_year is not None and day.year in (latest_year, latest_year + 1):
            return 2.0 if day.year == latest_year else 1.5
        return 0.0

    def score(day: dt.date) -> float:
        """What the day-level clues say; the year named only breaks ties between their periods."""
        value = 0.0
        if latest_full is not None and 0 <= (day - latest_full).days <= 7:
            value += (
                1.0 - 0.05 * (day - latest_full).days
            )  # reported within days of its latest date
        for month, dom, direction, _, weekday, sentence in partial:
            try:
                resolved = dt.date(nearest_year(day, month, dom, direction), month, dom)
            except ValueError:
                continue
            delta = (resolved - day).days
            if direction * delta >= 0 and abs(delta) <= 14:
                value += 1.0  # news speaks of the days just past or just ahead
            if weekday is not None and _WEEKDAY_NAMES[resolved.weekday()] == weekday:
                value += 2.0  # "Monday, January 10" fixes the year
            for other, other_direction, _, other_sentence in weekdays:
                if (
                    other_sentence == sentence
                    and anchor_weekday(day, other, other_direction) == resolved
                ):
                    # "talks open on Monday ... on January 10" in one sentence may name the same day; across
                    # sentences a weekday is most often another day of the week told, and the coincidence misleads
                    value += 1.0
        return value

    # Clues only act within two weeks of a date they name; elsewhere the score changes slowly,
    # so a grid of 15-day blocks stands for those days (each grid day speaks for its block).
    block = 15
    candidates: set[dt.date] = set()
    anchors = [latest_full] if latest_full is not None else []
    for year in range(low.year, high.year + 1):
        for month, dom, *_ in partial:
            try:
                anchors.append(dt.date(year, month, dom))
            except ValueError:
                continue
    for anchor in anchors:
        for offset in range(-16, 17):
            day = anchor + dt.timedelta(days=offset)
            if low <= day <= high:
                candidates.add(day)
    grid = {low + dt.timedelta(days=n) for n in range(0, (high - low).days + 1, block)}
    best_score, best_spans = -1.0, []  # equally good stretches: (first day, last day)
    for day in sorted(candidates | grid):
        value = score(day)
        if value < best_score:
            continue
        span = (
            (day, day)
            if day in candidates
            else (day, min(high, day + dt.timedelta(days=block - 1)))
        )
        if value > best_score:
            best_score, best_spans = value, [span]
        else:
            best_spans.append(span)
    if not best_spans:
        return None
    # equally good days may fall in separate clusters (years with the same calendar): take the
    # latest cluster not after today, and say the choice is weaker
    best_spans.sort()
    clusters: list[list[dt.date]] = [[best_spans[0][0], best_spans[0][1]]]
    for first, last in best_spans[1:]:
        if (first - clusters[-1][-1]).days > 31:
            clusters.append([first, last])
        else:
            clusters[-1][-1] = max(clusters[-1][-1], last)
    past = [c for c in clusters if c[0] <= today] or clusters
    cluster = max(past, key=lambda c: (year_bonus(c[0]), c[0]))
    earliest, latest = cluster[0], cluster[-1]
    # within the best window the article most likely follows the events it reports
    chosen = latest if (latest - earliest).days <= 14 else earliest + (latest - earliest) / 2
    if len(clusters) > 1 and latest_year is None and not tenures and not full:
        # month, day and weekday clues without any year: the calendar repeats, the year is unknown
        evidence.append(
            f"{len(clusters)} equally good periods and nothing names a year: the year is unknown"
        )
        return DateEstimate(None, None, None, 0.1, tuple(evidence))
    if len(clusters) > 1:
        # the year is not settled: the window says so, from the first period to the last
        earliest, latest = clusters[0][0], clusters[-1][-1]
        evidence.append(
            f"{len(clusters)} equally good periods, the year is uncertain; took "
            + (
                f"the one in or after the latest year named ({latest_year})"
                if year_bonus(cluster[0])
                else "the latest before today"
            )
            + ": "
            + ", ".join(f"{c[0]}..{c[-1]}" for c in clusters[-3:])
        )
    for month, dom, direction, text, weekday, _ in partial:
        evidence.append(
            f"{text!r} read {'forward' if direction > 0 else 'back' if direction < 0 else 'nearest'}"
        )
    for _, _, text, _ in weekdays:
        evidence.append(f"weekday {text!r}")
    width = (cluster[-1] - cluster[0]).days
    confidence = max(0.1, min(0.9, 0.9 - width / 120)) if best_score > 0 else 0.15
    if len(clusters) > 1:
        confidence = min(confidence, 0.35)
    if not partial and not lead_full:
        # only full dates no weekday agrees with, weekdays and years: the article follows them, by days
        # in a report but by years in a feature; too weak alone to date the article (the window is
        # still given)
        confidence = min(confidence, 0.45)
        latest = max(latest, high)  # so the window runs on to the latest day the text allows
        evidence.append("no day-level clue corroborates the latest full date")
    confidence = round(confidence, 2)
    return DateEstimate(chosen, earliest, latest, confidence, tuple(evidence))
