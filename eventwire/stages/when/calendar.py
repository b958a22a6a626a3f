"""Calendar arithmetic for time expressions told relative to a day.

In: an anchor day (the article date or a day the story named), a weekday, month or holiday, and
the direction of the clause (-1 past, +1 future, 0 unknown; +-2 when the side is certain). Out:
days, years and ISO week labels.

Rule: a day named without its week, year or month is the one on the side of the anchor the tense
says, nearest to it; news reports what happened, so without tense a weekday is the one just past.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable


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
    a year away: wire dates are often a day off, tense tagging is not perfect. A direction
    of -2 or +2 means the side is certain ("the year ended June 30").
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


def shift_months(day: dt.date, months: int) -> dt.date:
    """The first day of the month ``months`` after (or before) the day's."""
    month = day.month - 1 + months
    return dt.date(day.year + month // 12, month % 12 + 1, 1)


def same_day_in(day: dt.date, year: int) -> dt.date | None:
    """The same month and day in another year (None for 29 February in a common year)."""
    try:
        return day.replace(year=year)
    except ValueError:
        return None


def iso_week(day: dt.date) -> str:
    """The TIMEX label of the ISO week holding a day: "2022-W02"."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def quarter_ended(day: dt.date) -> str:
    """The calendar quarter that holds most of the three months ended on a day: a quarter ended
    July 31 (May to July) is the second."""
    # "ended Oct. 1": September's
    last = day if day.day >= 15 else day.replace(day=1) - dt.timedelta(days=1)
    middle = shift_months(last.replace(day=1), -1)
    return f"{middle.year}-Q{(middle.month - 1) // 3 + 1}"


def easter(year: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    return dt.date(year, (h + l - 7 * m + 114) // 31, (h + l - 7 * m + 114) % 31 + 1)


def orthodox_easter(year: int) -> dt.date:
    """Orthodox Easter Sunday: the Julian computus (Meeus), moved to the Gregorian calendar
    (13 days on from 1900 to 2099)."""
    a, b, c = year % 4, year % 7, year % 19
    d = (19 * c + 15) % 30
    e = (2 * a + 4 * b - d + 34) % 7
    julian = dt.date(year, (d + e + 114) // 31, (d + e + 114) % 31 + 1)
    return julian + dt.timedelta(days=year // 100 - year // 400 - 2)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th given weekday of a month (n = -1: the last)."""
    if n < 0:
        last = shift_months(dt.date(year, month, 1), 1) - dt.timedelta(days=1)
        return last - dt.timedelta(days=(last.weekday() - weekday) % 7)
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


HOLIDAYS: dict[str, Callable[[int], dt.date]] = {
    "thanksgiving": lambda y: nth_weekday(y, 11, 3, 4),
    "christmas": lambda y: dt.date(y, 12, 25),
    "christmas eve": lambda y: dt.date(y, 12, 24),
    "new year's day": lambda y: dt.date(y, 1, 1),
    "new year's eve": lambda y: dt.date(y, 12, 31),
    "independence day": lambda y: dt.date(y, 7, 4),
    "fourth of july": lambda y: dt.date(y, 7, 4),
    "election day": lambda y: nth_weekday(y, 11, 0, 1) + dt.timedelta(days=1),
    "easter": easter,
    "orthodox easter": orthodox_easter,
    "orthodox christmas": lambda y: dt.date(y, 1, 7),  # 25 December of the Julian calendar
    "orthodox new year": lambda y: dt.date(y, 1, 14),
    "good friday": lambda y: easter(y) - dt.timedelta(days=2),
    "labor day": lambda y: nth_weekday(y, 9, 0, 1),
    "memorial day": lambda y: nth_weekday(y, 5, 0, -1),
}
