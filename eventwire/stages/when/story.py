"""Dating an undated article from its story: the days the dated reports of the story allow,
within what the article's own text allows, weighed by how well the article's events, dated on
each day, agree with the days the dated reports give the same events.

In: the story's evidence (``StoryDates``: the dated reports' publication dates and the events
the article shares with them), the text's window (``article_date.feasible_window``: tenures,
dates told in the past) and its lead. Out: the candidate days, the score of each (its lead's
weekday, its events' agreement with the reports) and the day chosen among equals.

Why these days. A dated report tells the events of the week before it (``merge.WINDOW_DAYS``),
and the wire copy of a story is written as they happen: a day is a candidate when it lies from a
week before to one day after a dated report. The days the reports give shared events only score
the candidates: the events a story's reports share are often its background, weeks before. A
lead that tells its news by weekday ("rallied on Tuesday evening") was most often written that
day or the next (in the TimeBank and AQUAINT news of ../shared/gold, 69 of 83 leads that name a
weekday name the day of the document and 12 more the day before): such days score a little
more. Where the article's evidence narrows the days to a few, one that tells events the reports
date follows them as closely as they allow (the earliest of the equal days), one that shares no
dated event goes with the first dated report; where it does not narrow them, the article goes
with the day most of the dated reports were written on.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

from ...model import STATED_DATE_METHODS, Event, Span, StoryDates, TimeExpression
from .article_date import Window
from .dating import value_to_date
from .words import WEEKDAYS

NARROW = 3  # equal days in a run up to this many: the article's own evidence narrowed them
BEFORE_REPORT = 7  # days a report's wire copy may precede it (merge.WINDOW_DAYS)
AFTER_REPORT = 1  # ... and follow it
TAKEN_METHODS = ("article_date", "narrative")  # dated from the article's day or the day told
# what a lead whose weekday falls on the day adds to the day's score (fixed beforehand: half
# what one event dated to the reports' day adds); half as much when it falls the day before
LEAD_BONUS = 0.5
_FULL_WEEKDAYS = frozenset(name for name in WEEKDAYS if len(name) > 4)


def story_days(story: StoryDates, window: Window) -> tuple[list[dt.date], str | None]:
    """The candidate days, in order, and a note when the text and the story disagree. The days
    are kept within the text's window (tenures, dates told in the past). When none is in it,
    the story's days are taken all the same if only tenures bound the window; otherwise there
    is no candidate (the text's own dates rule the story out). A month-day the text names ("on
    22 April") does not score the days: within a story's fortnight it tells the background more
    often than the day of writing."""
    days: set[dt.date] = set()
    for report in story.reports:
        days.update(report + dt.timedelta(days=k) for k in range(-BEFORE_REPORT, AFTER_REPORT + 1))
    note = None
    inside = {day for day in days if window.low <= day <= window.high}
    if not inside and window.tenures_only:
        # the office holders the text names bound it alone: a wrong name or title (common in
        # machine translation) must not outweigh the story
        note = (
            f"the tenures the text names ({window.low}..{window.high}) hold none of the "
            "story's days: a wrong name or title?"
        )
    else:
        days = inside
    if not days:
        reports = ", ".join(sorted({day.isoformat() for day in story.reports}))
        return [], (
            f"the story's dated reports ({reports}) fall outside the text's window "
            f"{window.low}..{window.high}"
        )
    return sorted(days), note


def first_report_day(story: StoryDates, days: Sequence[dt.date]) -> dt.date:
    """The day an article is first read on, before ``when`` settles it: the first dated report
    that is a candidate, else the first candidate."""
    candidates = set(days)
    reports = sorted(day for day in story.reports if day in candidates)
    return reports[0] if reports else min(days)


def agreement(story: StoryDates, events: Sequence[Event]) -> float:
    """How well the article's events, dated on a candidate day, agree with the
    days the dated reports give them: +1 for each event whose own words date it (to the day)
    to one of the reports' days, -1 for each they date to another day; +0.5 for an event told
    as past with no date of its own when the day it took (the article date, or the day the
    events before it were told of) is one of the reports' days."""
    # one trigger may code several events (one per target): its anchor days are all of theirs
    given: dict[Span, tuple[set[dt.date], bool]] = {}
    for span, anchor_days, future in story.anchors:
        days, was_future = given.get(span, (set(), True))
        given[span] = (days | set(anchor_days), was_future and future)
    score = 0.0
    for event in events:
        if event.trigger not in given or event.date is None:
            continue
        days, future = given[event.trigger]
        if event.date_method in STATED_DATE_METHODS and event.date_granularity == "day":
            score += 1.0 if event.date in days else -1.0
        elif event.date_method in TAKEN_METHODS and not future and event.date in days:
            score += 0.5
    return score


def best_days(scores: dict[dt.date, float], story: StoryDates) -> tuple[dt.date, list[dt.date]]:
    """The chosen day and the days that score as well. Equal days a week apart (a weekday fits
    every week) are read as runs of consecutive days, and the run nearest the dated reports is
    taken. Within a run of more than ``NARROW`` days nothing in the article tells the days
    apart: it goes with the day most dated reports were written on (the earliest of equals),
    when that day is in the run. Within a narrower run, an article that tells events the
    reports date as past is taken to follow them as closely as they allow (news tells what just
    happened): its first day; one that shares none goes with the first dated report, else the
    day nearest it (the earlier of two as near)."""
    top = max(scores.values())
    ties = sorted(day for day, value in scores.items() if value >= top - 1e-9)
    first, last = min(story.reports), max(story.reports)
    runs: list[list[dt.date]] = []
    for day in ties:
        if runs and (day - runs[-1][-1]).days == 1:
            runs[-1].append(day)
        else:
            runs.append([day])

    def distance(run: list[dt.date]) -> int:
        return max(0, (first - run[-1]).days, (run[0] - last).days)

    run = min(runs, key=distance)
    reported = Counter(day for day in story.reports if day in run)
    if len(run) > NARROW and reported:
        return max(reported, key=lambda day: (reported[day], -day.toordinal())), ties
    if any(not future for _, _, future in story.anchors):
        return run[0], ties
    return min(run, key=lambda day: (abs((day - first).days), day)), ties


def lead_bonus(times: Sequence[TimeExpression], lead: Span | None, day: dt.date) -> float:
    """``LEAD_BONUS`` when the first weekday the lead (its first paragraph) names, read with
    ``day`` as the article date, falls on ``day``; half of it when it falls the day before."""
    if lead is None:
        return 0.0
    for expression in times:
        if not lead[0] <= expression.start < lead[1] or expression.type not in ("DATE", "TIME"):
            continue
        if not _FULL_WEEKDAYS & set(expression.text.lower().replace(",", " ").split()):
            continue
        dated = value_to_date(expression.value)
        if dated is None or dated[1] != "day":
            return 0.0
        return {0: LEAD_BONUS, 1: LEAD_BONUS / 2}.get((day - dated[0]).days, 0.0)
    return 0.0
