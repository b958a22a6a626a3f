"""The value of one time expression: an ordered table of small rules.

In: the expression's text, the anchor day (the article date, may be None) and the clause's
direction (-1 past, +1 future, 0 unknown; +-2 when the side is certain). Out: a ``TimeValue``
(type, TIMEX3 value, granularity, whether relative to the anchor), or None when unknown.

Rule. The text is lower-cased with spelled numbers as digits, then each rule of ``RULES`` in turn
either gives the value, rewrites the words for the rules after it (drops "about", "the", reads
"this past week" as "last week") or passes. Without an anchor only self-contained dates are read;
with one, ``ANCHORED_RULES`` follow, and last ``read_absolute`` and dateparser. The order is the
rules' precedence: a new rule goes where the first expression it must not take is still read
by the one before it. Rules that read a part of the expression ("late November", "noon
Saturday") call ``normalize_expression`` on that part.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from .calendar import anchor_weekday, iso_week, news_weekday, same_day_in, shift_months
from .durations import (
    read_counted_units,
    read_every,
    read_first_units,
    read_frequency,
    read_last_decade,
    read_long_and_ahead,
    read_one_unit,
    read_units_ago,
    read_unknown_stretch,
    read_vague_units,
    read_weekly_day,
)
from .figures import clock_and_day, on_the_day, read_clock_24, read_iso, read_numeric_date
from .values import (
    Expression,
    TimeValue,
    read_absolute,
    read_absolute_only,
    read_holiday,
    read_quarter,
    read_with_dateparser,
)
from .words import (
    CLOCK,
    DAY_PARTS,
    DAY_VALUE,
    FUTURE_WORDS,
    MONTH,
    MONTHS,
    PAST_WORDS,
    PRESENT_WORDS,
    SEASONS,
    WEEKDAYS,
    spell_numbers,
)

Rule = Callable[[Expression], TimeValue | Expression | None]
AnchoredRule = Callable[[Expression, dt.date], TimeValue | Expression | None]

_MONTH_NAMES = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
)


def normalize_expression(text: str, anchor: dt.date | None, direction: int = 0) -> TimeValue | None:
    """The value of a time expression: the first rule of the table that knows it gives it; None
    when none does, or when the value would fall outside the calendar (years 1 to 9999: "next
    year" read on an anchor of 9999-12-31, "Christmas Eve" near year 1, "3000 years ago")."""
    try:
        return _apply_rules(text, anchor, direction)
    except (OverflowError, ValueError):  # what ``datetime`` raises off the calendar's ends
        return None


def _apply_rules(text: str, anchor: dt.date | None, direction: int) -> TimeValue | None:
    written = read_iso(text)  # before hyphens turn into spaces
    if written is not None:
        return written
    expression = Expression(
        spell_numbers(" ".join(text.lower().replace("-", " ").split())), text, anchor, direction
    )
    for rule in RULES:
        outcome = rule(expression)
        if isinstance(outcome, TimeValue):
            return outcome
        if outcome is not None:
            expression = outcome
    if expression.anchor is None:
        return read_absolute_only(expression.words)
    for anchored_rule in ANCHORED_RULES:
        outcome = anchored_rule(expression, expression.anchor)
        if isinstance(outcome, TimeValue):
            return outcome
        if outcome is not None:
            expression = outcome
    return None


def _rewrite(expression: Expression, words: str) -> Expression:
    return expression._replace(words=words)


# ---------------------------------------------------------------- with or without an anchor


def _drop_approximation(expression: Expression) -> Expression:
    """Approximations do not change the value: "only five hours", "at least two more weeks"."""
    return _rewrite(
        expression,
        re.sub(
            r"^(?:(?:only|just|barely|roughly|approximately|up to|no more than|about|around"
            r"|nearly|almost|over|more than|less than|at least"
            r"|as (?:long|much|many|little) as)\s+)+(?=\S)",
            "",
            expression.words,
        ),
    )


def _drop_more(expression: Expression) -> Expression:
    """ "two more weeks", "three additional years": the length is the same."""
    return _rewrite(
        expression, re.sub(r"^(\w+) (?:more|additional|further|extra) ", r"\1 ", expression.words)
    )


def _drop_month_word(expression: Expression) -> Expression:
    """ "in April month", as translations have it."""
    return _rewrite(expression, re.sub(rf"^{MONTH} month$", r"\1", expression.words))


def _drop_leading_word(expression: Expression) -> Expression:
    """An article, a preposition or an approximation in front: "the", "since", "about"; "last",
    "past", "for", "early", "late" and "mid" stay, later rules read them."""
    return _rewrite(
        expression,
        re.sub(
            r"^(the|a|an|both|either|about|around|some|nearly|almost|over|more than|less than"
            r"|at least|early|late|mid|since|until|by|on|in|during|from|for|last|past)\s+",
            lambda m: (
                m.group(0) if m.group(1) in ("last", "past", "for", "early", "late", "mid") else ""
            ),
            expression.words,
        ),
    )


def _drop_trading(expression: Expression) -> Expression:
    """ "eight trading days": eight days."""
    return _rewrite(
        expression, re.sub(r"\b(?:trading|business|working) days\b", "days", expression.words)
    )


def _read_early_or_late(expression: Expression) -> TimeValue | None:
    """ "late November", "early next year": the period the modifier sits in; "early Friday
    morning": that morning."""
    match = re.fullmatch(r"(early|late|mid)\s+(.+)", expression.words)
    if match is None or re.fullmatch(r"\d{4}", match.group(2)):
        return None
    inner = normalize_expression(match.group(2), expression.anchor, expression.direction)
    if inner is not None and (
        inner.type == "DATE"
        and inner.granularity in ("month", "year", "week", "quarter", "decade", "season")
        or re.fullmatch(r"\d{4}-\d{2}-\d{2}T(?:MO|AF|EV|NI)", inner.value)
    ):
        return inner
    return None


def _rewrite_quarters_as_half(expression: Expression) -> Expression:
    """ "the first two quarters of 1990": its first half."""
    return _rewrite(
        expression,
        re.sub(
            r"^(first|second|last) two quarters of ",
            lambda m: f"{'first' if m.group(1) == 'first' else 'second'} half of ",
            expression.words,
        ),
    )


def _read_part_of_period(expression: Expression) -> TimeValue | None:
    """ "the end of 1990", "the beginning of October": the period named; "the last half of 1989":
    its half."""
    match = re.fullmatch(
        r"(end|beginning|start|middle|close|first half|second half|last half) of (?:the )?(.+)",
        expression.words,
    )
    if match is None:
        return None
    part, period = match.group(1), match.group(2)
    inner = normalize_expression(period, expression.anchor, expression.direction)
    if inner is None and period in ("month", "year") and expression.anchor is not None:
        # "by the end of the month"
        inner = normalize_expression(f"this {period}", expression.anchor, expression.direction)
    if (
        inner is None
        or inner.type != "DATE"
        or inner.granularity not in ("year", "month", "quarter")
    ):
        return None
    if "half" not in part:
        return inner
    if inner.granularity == "year":
        half = 1 if part == "first half" else 2
        return TimeValue("DATE", f"{inner.value}-H{half}", "half", inner.is_relative)
    return None


def _read_this_year(expression: Expression) -> TimeValue | None:
    """ "for the full year", "the current fiscal year": the year of the article."""
    if (
        expression.anchor is not None
        and re.fullmatch(r"(?:full |whole |current |(?:current )?fiscal )?year", expression.words)
        and "-" not in expression.text
        and not re.match(r"an?\s", expression.text, re.IGNORECASE)
    ):
        return TimeValue("DATE", str(expression.anchor.year), "year", True)
    return None


def _read_year_end(expression: Expression) -> TimeValue | None:
    """ "by year-end": the last day of the article's year; "since year-end": of the year before."""
    if expression.anchor is None or not re.fullmatch(r"year(?:'s)? end", expression.words):
        return None
    anchor = expression.anchor
    year = anchor.year - (expression.direction < 0 and (anchor.month, anchor.day) != (12, 31))
    return TimeValue("DATE", f"{year}-12-31", "day", True)


def _read_holiday(expression: Expression) -> TimeValue | None:
    """ "Thanksgiving", "last Christmas", "Easter week"."""
    return (
        read_holiday(expression.words, expression.anchor, expression.direction)
        if expression.anchor is not None
        else None
    )


def _read_quarter(expression: Expression) -> TimeValue | None:
    """ "the latest quarter", "the year-ago period", "the fiscal third quarter"."""
    return (
        read_quarter(expression.words, expression.anchor, expression.direction)
        if expression.anchor is not None
        else None
    )


def _read_fiscal_year(expression: Expression) -> TimeValue | None:
    """ "fiscal 1990": that year."""
    match = re.fullmatch(r"fiscal (\d{4})", expression.words)
    return TimeValue("DATE", match.group(1), "year", False) if match else None


def _read_weekend(expression: Expression) -> TimeValue | None:
    """ "the weekend": spoken of in the past, the last one; otherwise the coming one."""
    if expression.anchor is None or not re.fullmatch(r"(?:the |this )?weekend", expression.words):
        return None
    anchor = expression.anchor
    day = (
        anchor - dt.timedelta(days=7)
        if expression.direction < 0 and anchor.weekday() < 5
        else anchor
    )
    return TimeValue("DATE", iso_week(day) + "-WE", "week", True)


def _read_month_of_named_year(expression: Expression) -> TimeValue | None:
    """ "February this year", "April next year": the month in the year named."""
    match = re.fullmatch(rf"({_MONTH_NAMES})(?: of)? (this|last|next) year", expression.words)
    if match is None or expression.anchor is None:
        return None
    year = expression.anchor.year + {"this": 0, "last": -1, "next": 1}[match.group(2)]
    return TimeValue("DATE", f"{year}-{MONTHS[match.group(1)]:02d}", "month", True)


def _read_this_month(expression: Expression) -> TimeValue | None:
    """ "this September": the month in the article's year."""
    match = re.fullmatch(rf"this ({_MONTH_NAMES})", expression.words)
    if match is None or expression.anchor is None:
        return None
    return TimeValue(
        "DATE", f"{expression.anchor.year}-{MONTHS[match.group(1)]:02d}", "month", True
    )


def _read_last_month_named(expression: Expression) -> TimeValue | None:
    """ "last February": the month just ended would be "last month", so "last February" said in
    March is the year before's."""
    match = re.fullmatch(rf"last ({_MONTH_NAMES})", expression.words)
    if match is None or expression.anchor is None:
        return None
    month = MONTHS[match.group(1)]
    back = (expression.anchor.month - month) % 12
    back += 12 if back <= 1 else 0
    return TimeValue(
        "DATE", shift_months(expression.anchor, -back).strftime("%Y-%m"), "month", True
    )


def _read_season_just_past(expression: Expression) -> TimeValue | None:
    """ "this past spring", said in October: the latest such season begun before the article."""
    match = re.fullmatch(r"this past (spring|summer|autumn|fall|winter)", expression.words)
    if match is None or expression.anchor is None:
        return None
    start = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}[match.group(1)]
    # winter begins in December
    year = (
        expression.anchor.year
        if start < expression.anchor.month and start != 12
        else expression.anchor.year - 1
    )
    return TimeValue("DATE", f"{year}-{SEASONS[match.group(1)]}", "season", True)


def _rewrite_this_past(expression: Expression) -> Expression | None:
    """ "this past week": the one just gone, "last week"."""
    match = re.fullmatch(r"this past (week|weekend|month|year)", expression.words)
    return _rewrite(expression, "last " + match.group(1)) if match else None


def _read_week_of(expression: Expression) -> TimeValue | None:
    """ "the week of March 6": the week holding that day."""
    match = re.fullmatch(r"week of (.+)", expression.words)
    if match is None or expression.anchor is None:
        return None
    inner = normalize_expression(match.group(1), expression.anchor, expression.direction)
    if inner is not None and DAY_VALUE.fullmatch(inner.value):
        week = iso_week(dt.date.fromisoformat(inner.value))
        return TimeValue("DATE", week, "week", inner.is_relative)
    return None


def _read_part_of_named_day(expression: Expression) -> TimeValue | None:
    """ "mid-afternoon yesterday", "evening Friday": that part of the day named."""
    match = re.fullmatch(
        r"(?:mid )?(morning|afternoon|evening|night) (?:on )?(.+)", expression.words
    )
    if match is None or expression.anchor is None:
        return None
    inner = normalize_expression(match.group(2), expression.anchor, expression.direction)
    if inner is not None and DAY_VALUE.fullmatch(inner.value):
        return TimeValue("TIME", f"{inner.value}T{DAY_PARTS[match.group(1)]}", "day", True)
    return None


def _read_midday(expression: Expression) -> TimeValue | None:
    """ "midday", "mid-morning": on the article's day."""
    if expression.anchor is None or expression.words not in (
        "midday",
        "mid day",
        "mid morning",
        "mid afternoon",
    ):
        return None
    value = {
        "midday": "T12:00",
        "mid day": "T12:00",
        "mid morning": "TMO",
        "mid afternoon": "TAF",
    }[expression.words]
    return TimeValue("TIME", f"{expression.anchor.isoformat()}{value}", "day", True)


def _read_clock_on_day(expression: Expression) -> TimeValue | None:
    """ "9 a.m. Tuesday", "5 p.m. EST, Nov. 6", "18:00 UTC on Tuesday": the clock time on that
    day."""
    if expression.anchor is None:
        return None
    for clock_words, day_words in clock_and_day(expression.words):
        day = normalize_expression(day_words, expression.anchor, expression.direction)
        clock = normalize_expression(clock_words, expression.anchor, expression.direction)
        value = on_the_day(day, clock)
        if value is not None:
            return value
    return None


def _read_hour_of_day_part(expression: Expression) -> TimeValue | None:
    """ "4 in the morning", "8 in the evening": a clock time."""
    match = re.fullmatch(
        r"(\d{1,2}) (?:o'clock )?(in the (morning|afternoon|evening)|at night)", expression.words
    )
    if match is None or expression.anchor is None or int(match.group(1)) > 12:
        return None
    later = (
        match.group(3) in ("afternoon", "evening")
        or match.group(2) == "at night"
        and int(match.group(1)) >= 6
    )
    hour = int(match.group(1)) % 12 + (12 if later else 0)
    return TimeValue("TIME", f"{expression.anchor.isoformat()}T{hour:02d}:00", "day", True)


def _read_wire_clock(expression: Expression) -> TimeValue | None:
    """ "0735 GMT": the 24-hour clock of wire copy."""
    match = re.fullmatch(r"([01]\d|2[0-3])([0-5]\d) (?:gmt|utc|[a-z]{2}t)", expression.words)
    if match is None or expression.anchor is None:
        return None
    value = f"{expression.anchor.isoformat()}T{match.group(1)}:{match.group(2)}"
    return TimeValue("TIME", value, "day", True)


def _read_clock(expression: Expression) -> TimeValue | None:
    """ "10:35 a.m.", "about 9 pm": on the article's day."""
    match = CLOCK.match(expression.words)
    if match is None or expression.anchor is None:
        return None
    hour = int(match.group(1)) % 12 + (12 if match.group(3).lower() == "p" else 0)
    minute = int(match.group(2) or 0)
    return TimeValue(
        "TIME", f"{expression.anchor.isoformat()}T{hour:02d}:{minute:02d}", "day", True
    )


def _rewrite_earlier_today(expression: Expression) -> Expression | None:
    """ "later this afternoon": that part of the day."""
    match = re.fullmatch(
        r"(?:earlier|later) (this (?:morning|afternoon|evening)|today|tonight)", expression.words
    )
    return _rewrite(expression, match.group(1)) if match else None


def _read_earlier_this(expression: Expression) -> TimeValue | None:
    """ "earlier this year", "later in the month": the article's year, month or week."""
    match = re.fullmatch(r"(earlier|later) (?:this|in the) (year|month|week)", expression.words)
    if match is None or expression.anchor is None:
        return None
    unit = match.group(2)
    value = (
        str(expression.anchor.year)
        if unit == "year"
        else expression.anchor.strftime("%Y-%m")
        if unit == "month"
        else iso_week(expression.anchor)
    )
    return TimeValue("DATE", value, unit, True)


def _read_reference(expression: Expression) -> TimeValue | None:
    """ "now", "recently", "in the future", "several years ago": the present, past or future."""
    if expression.words in PRESENT_WORDS:
        return TimeValue("DATE", "PRESENT_REF", None, True)
    if expression.words in PAST_WORDS:
        return TimeValue("DATE", "PAST_REF", None, True)
    if expression.words in FUTURE_WORDS:
        return TimeValue("DATE", "FUTURE_REF", None, True)
    if re.fullmatch(r"(?:several|a few|few|some) (?:year|month|week|day)s ago", expression.words):
        return TimeValue("DATE", "PAST_REF", None, True)
    return None


RULES: list[Rule] = [
    read_numeric_date,
    _drop_approximation,
    _drop_more,
    _drop_month_word,
    read_unknown_stretch,
    read_first_units,
    read_one_unit,
    _drop_leading_word,
    _drop_trading,
    read_long_and_ahead,
    _read_early_or_late,
    _rewrite_quarters_as_half,
    _read_part_of_period,
    _read_this_year,
    _read_year_end,
    _read_holiday,
    _read_quarter,
    _read_fiscal_year,
    _read_weekend,
    _read_month_of_named_year,
    _read_this_month,
    _read_last_month_named,
    _read_season_just_past,
    _rewrite_this_past,
    _read_week_of,
    _read_part_of_named_day,
    _read_midday,
    _read_clock_on_day,
    _read_hour_of_day_part,
    _read_wire_clock,
    read_clock_24,
    _read_clock,
    _rewrite_earlier_today,
    _read_earlier_this,
    _read_reference,
    read_weekly_day,
    read_every,
    read_frequency,
    read_units_ago,
    read_counted_units,
    read_last_decade,
    read_vague_units,
]


# ---------------------------------------------------------------- with an anchor only


def _read_last_night(expression: Expression, anchor: dt.date) -> TimeValue | None:
    """ "last night": the night of the day before the article's."""
    if expression.words not in ("last night", "yesterday night"):
        return None
    return TimeValue("TIME", f"{(anchor - dt.timedelta(days=1)).isoformat()}TNI", "day", True)


def _read_today(expression: Expression, anchor: dt.date) -> TimeValue | None:
    """ "today", "this morning", "tonight": the article's day or that part of it."""
    if expression.words not in (
        "today",
        "this day",
        "today's",
        "this morning",
        "this afternoon",
        "this evening",
        "tonight",
    ):
        return None
    part = {
        "this morning": "MO",
        "this afternoon": "AF",
        "this evening": "EV",
        "tonight": "NI",
    }.get(expression.words)
    if part:
        return TimeValue("TIME", f"{anchor.isoformat()}T{part}", "day", True)
    return TimeValue("DATE", anchor.isoformat(), "day", True)


def _read_day_around(expression: Expression, anchor: dt.date) -> TimeValue | None:
    """ "the day before last Tuesday's hearing": one day off the day named."""
    match = re.fullmatch(r"(?:the )?day (before|after) (.+?)(?:'s)?", expression.words)
    if match is None:
        return None
    inner = normalize_expression(match.group(2), anchor, expression.direction)
    if inner is None or not DAY_VALUE.fullmatch(inner.value):
        return None
    step = 1 if match.group(1) == "after" else -1
    day = dt.date.fromisoformat(inner.value) + dt.timedelta(days=step)
    return TimeValue("DATE", day.isoformat(), "day", True)


def _read_yesterday(expression: Expression, anchor: dt.date) -> TimeValue | None:
    """ "yesterday", "tomorrow morning", "the day after tomorrow"."""
    for word, days in (
        ("yesterday", -1),
        ("tomorrow", 1),
        ("the day before", -1),
        ("the day after", 1),
        ("the day before yesterday", -2),
        ("the day after tomorrow", 2),
    ):
        if expression.words == word or expression.words.startswith(word + " "):
            day = anchor + dt.timedelta(days=days)
            rest = expression.words[len(word) :].strip()
            if rest in DAY_PARTS:
                return TimeValue("TIME", f"{day.isoformat()}T{DAY_PARTS[rest]}", "day", True)
            return TimeValue("DATE", day.isoformat(), "day", True)
    return None


def _read_next_unit(expression: Expression, anchor: dt.date) -> TimeValue | None:
    """ "last week", "next month", "this quarter", "coming spring", "this Friday"."""
    match = re.fullmatch(
        r"(last|next|this|coming|past|previous|current)\s+"
        r"(week|month|year|weekend|quarter|spring|summer|autumn|fall|winter|\w+day)",
        expression.words,
    )
    if match is None:
        return None
    which, unit = match.groups()
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(which, 0)
    if unit == "week":
        return TimeValue("DATE", iso_week(anchor + dt.timedelta(weeks=step)), "week", True)
    if unit == "weekend":
        week = iso_week(anchor + dt.timedelta(weeks=step))
        return TimeValue("DATE", week + "-WE", "week", True)
    if unit == "month":
        return TimeValue("DATE", shift_months(anchor, step).strftime("%Y-%m"), "month", True)
    if unit == "year":
        return TimeValue("DATE", str(anchor.year + step), "year", True)
    if unit == "quarter":
        quarter = (anchor.month - 1) // 3 + step
        return TimeValue(
            "DATE", f"{anchor.year + quarter // 4}-Q{quarter % 4 + 1}", "quarter", True
        )
    if unit in SEASONS:
        return TimeValue("DATE", f"{anchor.year + step}-{SEASONS[unit]}", "season", True)
    if unit in WEEKDAYS:
        if step == 0:
            day = news_weekday(anchor, WEEKDAYS[unit], expression.direction)
        else:
            day = anchor_weekday(anchor + dt.timedelta(days=step), WEEKDAYS[unit], step)
        return TimeValue("DATE", day.isoformat(), "day", True)
    return None


def _read_noon_on_day(expression: Expression, anchor: dt.date) -> TimeValue | None:
    """ "noon Saturday", "Friday at midnight": the clock time on that day."""
    match = re.fullmatch(
        r"(?:(noon|midnight)\s+(?:on\s+)?(.+)|(.+?)\s+(?:at\s+)?(noon|midnight))", expression.words
    )
    if match is None:
        return None
    inner = normalize_expression(match.group(2) or match.group(3), anchor, expression.direction)
    if inner is None or not DAY_VALUE.fullmatch(inner.value):
        return None
    clock = "12:00" if (match.group(1) or match.group(4)) == "noon" else "24:00"
    return TimeValue("TIME", f"{inner.value}T{clock}", "day", True)


def _read_weekday(expression: Expression, anchor: dt.date) -> TimeValue | Expression | None:
    """ "Friday", "Friday morning": the one the tense says; "Monday, Oct. 26": the nearby year in
    which that day is a Monday. Otherwise the words after the weekday are read on."""
    words = expression.words.replace(",", " ").split()
    if not words or words[0] not in WEEKDAYS:
        return None
    weekday = WEEKDAYS[words[0]]
    day = news_weekday(anchor, weekday, expression.direction)
    rest = " ".join(words[1:])
    if rest in DAY_PARTS:
        return TimeValue("TIME", f"{day.isoformat()}T{DAY_PARTS[rest]}", "day", True)
    if not rest:
        return TimeValue("DATE", day.isoformat(), "day", True)
    rewritten = _rewrite(expression, " ".join(words[1:]).lstrip(", "))
    dated = read_absolute(rewritten.words, anchor, expression.direction)
    if dated is not None and dated.granularity == "day" and dated.is_relative:
        named = dt.date.fromisoformat(dated.value)
        for year in (named.year, anchor.year, anchor.year - 1, anchor.year + 1):
            candidate = same_day_in(named, year)
            if candidate is not None and candidate.weekday() == weekday:
                return TimeValue("DATE", candidate.isoformat(), "day", True)
    return rewritten


def _read_day_part(expression: Expression, anchor: dt.date) -> TimeValue | None:
    """ "morning", "the evening", "overnight": that part of the article's day."""
    if expression.words not in DAY_PARTS and expression.words not in (
        "the morning",
        "the evening",
        "the night",
        "overnight",
    ):
        return None
    part = DAY_PARTS.get(expression.words.split()[-1], "NI")
    return TimeValue("TIME", f"{anchor.isoformat()}T{part}", "day", True)


def _read_absolute(expression: Expression, anchor: dt.date) -> TimeValue | None:
    """ "Jan. 10", "March 2014", "1998", "the 1990s": dates that name themselves."""
    return read_absolute(expression.words, anchor, expression.direction)


def _read_with_dateparser(expression: Expression, anchor: dt.date) -> TimeValue | None:
    """What none of our rules reads, read by dateparser from the original text."""
    return read_with_dateparser(expression.text, anchor, expression.direction)


ANCHORED_RULES: list[AnchoredRule] = [
    _read_last_night,
    _read_today,
    _read_day_around,
    _read_yesterday,
    _read_next_unit,
    _read_noon_on_day,
    _read_weekday,
    _read_day_part,
    _read_absolute,
    _read_with_dateparser,
]
