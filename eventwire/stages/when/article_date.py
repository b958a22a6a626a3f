"""Infer a missing article date from what the text says, and say how.

In: the article's parsed segments, the dates read in its title and dateline, the tenures of the
people it names with their office, and the day taken as "now" (``today``). Out: a
``DateEstimate`` (the chosen day or None, the window of equally good days, a confidence and the
evidence), or None when the text gives nothing to go on.

Rule, in three steps. Gather the clues: full dates, month-day dates, weekdays and years, each
with the tense of its clause, and the full dates of the lead. Bound the feasible window: the
tenures, what the text tells as past, a corroborated lead date (the news of the day), and never
after the year after ``today``. Score the days of the window against the clues (a month-day
date just past or ahead, a weekday that falls on it, the latest full date days before) and take
the best-scoring period; equally good periods in different years make the year uncertain.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ...model import DATELINE_EVIDENCE, DateEstimate, TimeExpression
from ..parse import Segment
from ..syntax import governor
from .tense import context_direction
from .words import DAY_MONTH, MONTH_DAY, MONTHS, WIRE_DATELINE

Tenure = tuple[dt.date, dt.date | None, str]  # (start, end or None while in office, who)

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
# clues only act within two weeks of a date they name; elsewhere the score changes slowly, so
# a grid of 15-day blocks stands for those days (each grid day speaks for its block)
_BLOCK = 15


class FullDate(NamedTuple):
    day: dt.date
    text: str
    direction: int


class MonthDay(NamedTuple):
    """A date without its year ("January 10th"), with the weekday named with it, if any."""

    month: int
    day: int
    direction: int
    text: str
    weekday: str | None
    sentence: tuple[int, int]  # (segment number, first token of the sentence)
    header: bool = False  # a wire dateline's ("NAIROBI, August 21 (Xinhua) --"): the day itself


class Weekday(NamedTuple):
    weekday: int
    direction: int
    text: str
    sentence: tuple[int, int]


class NamedYear(NamedTuple):
    year: int
    text: str
    direction: int


class LeadDate(NamedTuple):
    """A full date in the lead told as the day's news; a header stands above the running text."""

    day: dt.date
    text: str
    is_header: bool


@dataclass
class Clues:
    """What the text says about its own date."""

    full: list[FullDate] = field(default_factory=list)
    partial: list[MonthDay] = field(default_factory=list)
    weekdays: list[Weekday] = field(default_factory=list)
    years: list[NamedYear] = field(default_factory=list)
    lead_dates: list[LeadDate] = field(default_factory=list)

    @property
    def has_corroborated_lead(self) -> bool:
        """A lead date is the news of the day when it heads the text, or when a weekday agrees
        with it ("Friday, Aug. 7, 1998", or "on Friday" elsewhere when Aug. 7, 1998 was a
        Friday)."""
        return any(
            lead.is_header
            or _WEEKDAY_NAMES[lead.day.weekday()] in lead.text
            or any(w.weekday == lead.day.weekday() for w in self.weekdays)
            for lead in self.lead_dates
        )


@dataclass
class Window:
    """The days the article may have been written on, what bounds them and the year named."""

    low: dt.date
    high: dt.date
    evidence: list[str]
    latest_year: int | None  # the latest year named as past or present
    latest_full: dt.date | None  # the latest full date named
    tenures_only: bool = False  # only the tenures of office holders bound it


def infer_article_date(
    segments: list[Segment],
    dateline: list[TimeExpression],
    tenures: Sequence[Tenure] = (),
    *,
    today: dt.date | None = None,
    headings: Sequence[str] = (),
) -> DateEstimate | None:
    """Infer a missing article date from what the text says, and say how.

    Evidence, strongest first: a dated dateline under the title; explicit full dates
    (news reports what just happened, so the article follows its latest one by days);
    month-day mentions and weekday mentions that must coincide ("talks in Geneva on
    Monday" ... "January 10th" -> a year where 10 January is a Monday), read with the
    tense of their clause; the tenures of people named with their office. Every day in
    the feasible window is scored against the clues and the best-scoring days win.
    ``today`` (default: the day the program runs) bounds the window: an article is not
    written after the year after it, and without a year named the clues are read over the
    thirty years before it.
    """
    if dateline:
        day = dt.date.fromisoformat(max(t.value for t in dateline))
        heading = max(dateline, key=lambda t: t.value).text
        return DateEstimate(day, day, day, 0.95, (f"{DATELINE_EVIDENCE}{heading!r}",))
    today = today if today is not None else dt.date.today()
    clues = gather_clues(segments, headings)
    if not clues.partial and not clues.full and not tenures and not clues.years:
        return None
    window = feasible_window(clues, tenures, today)
    if not clues.partial and not clues.weekdays and (window.high - window.low).days > 400:
        if tenures or window.latest_year:
            return DateEstimate(None, window.low, window.high, 0.2, tuple(window.evidence))
        return None
    return score_days(clues, window, bool(tenures), today)


# ---------------------------------------------------------------- step 1: the clues


def gather_clues(segments: list[Segment], headings: Sequence[str] = ()) -> Clues:
    """The full dates, month-day dates, weekdays and years the text names (spaCy's DATE
    entities), each with the direction of its clause, and the full dates of the lead; and
    the day of a wire dateline ("NAIROBI, August 21 (Xinhua) --") in the ``headings`` (the
    lines above the text) or at the head of the lead."""
    clues = Clues()
    lead = _lead(segments)
    # a weekday in the lead's first sentence names the dateline's day ("said here Friday")
    first = (lead, 0) if lead < len(segments) else (-1, 0)
    heads = [(text, first) for text in headings]
    heads += [(s.doc.text, (n, 0)) for n, s in enumerate(segments[: lead + 1])]
    for text, sentence in heads:
        if found := WIRE_DATELINE.match(text):
            month, day = MONTHS[found.group(1).lower().rstrip(".")], int(found.group(2))
            said = found.group(0).strip()
            clues.partial.append(MonthDay(month, day, 0, said, None, sentence, header=True))
            break
    for number, segment in enumerate(segments):
        doc = segment.doc
        segment_text = doc.text
        for entity in doc.ents:
            if entity.label_ != "DATE":
                continue
            text = entity.text.strip()
            direction = context_direction(segment_text, entity.start_char, entity.root)
            lowered = " ".join(text.lower().split())
            match = MONTH_DAY.search(text) or DAY_MONTH.search(text)
            if match:
                _gather_month_day(clues, match, entity, direction, number, lead)
                continue
            weekday = next(
                (n for n, w in enumerate(_WEEKDAY_NAMES) if re.search(rf"\b{w}\b", lowered)), None
            )
            if weekday is not None:
                clues.weekdays.append(
                    Weekday(weekday, direction, text, (number, entity.sent.start))
                )
            elif direction <= 0:
                # a year named as past or present ("in 1998", "the 1988 period"), not a plan
                # ("by 2030"); a year a forecast is about ("his 1990 earnings projection",
                # "predicting 1990 earnings") says nothing of what has happened, so it cannot
                # bound the date from below
                clues.years.extend(
                    NamedYear(int(y), text, 0 if _is_forecast_year(entity.root) else direction)
                    for y in re.findall(r"\b(1[89]\d\d|20\d\d)\b", lowered)
                )
    return clues


def _lead(segments: list[Segment]) -> int:
    """The number of the lead: the first paragraph of running text, with the short lines above
    it (web address, headline, dateline)."""
    return next(
        (
            n
            for n, segment in enumerate(segments)
            if len(segment.doc) >= 12 and re.search(r"[.!?\"\u201d']\s*$", segment.doc.text)
        ),
        0,
    )


def _gather_month_day(
    clues: Clues,
    match: re.Match[str],
    entity: Any,
    direction: int,
    number: int,
    lead: int,
) -> None:
    """A month-day date in segment ``number``: a full date when it names its year, else a
    partial one. ``lead`` is the number of the lead paragraph."""
    text = entity.text.strip()
    lowered = " ".join(text.lower().split())
    month_text, day_text = (
        (match.group(1), match.group(2))
        if match.re is MONTH_DAY
        else (match.group(2), match.group(1))
    )
    month, day = MONTHS[month_text.lower().rstrip(".")], int(day_text)
    if not match.group(3):
        weekday = next((w for w in _WEEKDAY_NAMES if w in lowered), None)
        sentence = (number, entity.sent.start)
        clues.partial.append(MonthDay(month, day, direction, text, weekday, sentence))
        return
    try:
        named = dt.date(int(match.group(3)), month, day)
    except ValueError:
        return
    if direction > 0:
        return  # "notes due Nov. 1, 2009": a plan, not what has happened
    clues.full.append(FullDate(named, text, direction))
    # "on Aug. 7, 1998" in the lead may be the day's news; "the Aug. 7, 1998, bombings" names a
    # past event the story goes back to
    doc = entity.doc
    before = doc[entity.start - 1] if entity.start > 0 else None
    is_background = (
        text.lower().startswith("the ")
        or before is not None
        and before.lower_ in ("the", "since", "after", "before")
    )
    # a date no preposition introduces, in the lead, is a header: "September 18th, 2013, 05:31
    # GMT Microsoft launches ..." or "BRUSSELS, 3 December 2021 -"
    is_header = (
        not is_background
        and entity.start < 40
        and (number < lead or entity.start < 3)
        and (before is None or before.pos_ in ("PUNCT", "NUM", "PROPN", "X", "SYM", "SPACE"))
    )
    if number <= lead and not is_background:
        clues.lead_dates.append(LeadDate(named, lowered, is_header))


def _is_forecast_year(root: Any) -> bool:
    """A year qualifying a forecast: "his 1990 earnings projection", "predicting 1990
    earnings"."""
    if root.dep_ not in ("nummod", "compound", "nmod", "amod"):
        return False
    noun = root.head
    while noun.dep_ == "compound" and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head
    return bool(
        noun.lemma_.lower() in _FORECAST_NOUNS or governor(noun).lemma_.lower() in _FORECAST_VERBS
    )


# ---------------------------------------------------------------- step 2: the feasible window


def feasible_window(clues: Clues, tenures: Sequence[Tenure], today: dt.date) -> Window:
    """The days the article may have been written on: within the tenures of the people named
    with their office, after what the text tells in the past tense, within weeks of a
    corroborated lead date, and not after the year after ``today``."""
    low, high, evidence = dt.date(1900, 1, 1), dt.date(2100, 12, 31), []
    for start, end, what in tenures:
        low = max(low, start)
        if end is not None and end < high:
            high = end
        evidence.append(f"tenure of {what}")
    if low > high:
        low, high = min(t[0] for t in tenures), max(t[1] or high for t in tenures)
        evidence = ["tenures disagree; using their span"]
    of_tenures = (low, high)
    past = [day for day, _, direction in clues.full if direction < 0] + [
        dt.date(year, 1, 1) for year, _, direction in clues.years if direction < 0
    ]
    if past and max(past) <= high:
        # what the article tells in the past tense happened before it was written
        low = max(low, max(past))
    latest_full = max((day for day, _, _ in clues.full), default=None)
    if latest_full is not None:
        if clues.has_corroborated_lead and low <= latest_full <= high:
            # a corroborated full date in the lead is the news of the day: the report follows
            # within weeks
            low, high = latest_full, min(high, latest_full + dt.timedelta(days=31))
        evidence.append(f"latest full date {max(clues.full).text!r}")
    # the latest year the text names as past or present ("in 1998", "Aug. 7, 1998", "compared
    # with 1988") is most often the article's or the one before it: it breaks ties between
    # periods
    named_years = [year for year, _, _ in clues.years] + [day.year for day, _, _ in clues.full]
    latest_year = max((y for y in named_years if y <= today.year + 1), default=None)
    if latest_year is not None:
        evidence.append(f"latest year named: {latest_year}")
    tenures_only = bool(tenures) and (low, high) == of_tenures
    high = min(high, dt.date(today.year + 1, 12, 31))
    return Window(low, high, evidence, latest_year, latest_full, tenures_only)


# ---------------------------------------------------------------- step 3: the days scored


def score_days(
    clues: Clues, window: Window, has_tenures: bool, today: dt.date
) -> DateEstimate | None:
    """Score the days of the window against the clues and take the best-scoring period. When
    equally good periods fall in different years, no day is taken: the window spans them and
    the evidence ranks them (in or just after the latest year named, then the most recent not
    after ``today``)."""
    evidence = window.evidence
    # without a bound, the clues are read over the last thirty years (and the next one)
    low = window.low
    if window.latest_year is None:
        low = max(low, dt.date(today.year - 30, 1, 1))
    high = min(window.high, dt.date(today.year + 1, 12, 31))
    best_score, best_spans = _best_spans(clues, window.latest_full, low, high)
    if not best_spans:
        return None
    clusters = _clusters(best_spans)
    # equally good days may fall in separate clusters (years with the same calendar): take the
    # latest cluster not after today, and say the choice is weaker
    past = [c for c in clusters if c[0] <= today] or clusters
    cluster = max(past, key=lambda c: (_year_bonus(c[0], window.latest_year), c[0]))
    earliest, latest = cluster[0], cluster[-1]
    # within the best window the article most likely follows the events it reports
    chosen: dt.date | None = (
        latest if (latest - earliest).days <= 14 else earliest + (latest - earliest) / 2
    )
    if len(clusters) > 1 and window.latest_year is None and not has_tenures and not clues.full:
        # month, day and weekday clues without any year: the calendar repeats, the year is unknown
        evidence.append(
            f"{len(clusters)} equally good periods and nothing names a year: the year is unknown"
        )
        return DateEstimate(None, None, None, 0.1, tuple(evidence))
    if len(clusters) > 1:
        # the year is not settled: no day is picked; the window runs from the first period to
        # the last, and the evidence ranks the periods (those in or just after the latest year
        # named first, then the most recent)
        earliest, latest = clusters[0][0], clusters[-1][-1]
        chosen = None
        ranked = sorted(
            past, key=lambda c: (_year_bonus(c[0], window.latest_year), c[0]), reverse=True
        )
        periods = ", ".join(f"{c[0]}..{c[-1]}" for c in ranked[:5])
        named = f" (latest year named: {window.latest_year})" if window.latest_year else ""
        evidence.append(
            f"{len(clusters)} equally good periods, the year is uncertain; the most likely "
            f"first{named}: {periods}"
        )
    for partial in clues.partial:
        reading = (
            "forward" if partial.direction > 0 else "back" if partial.direction < 0 else "nearest"
        )
        evidence.append(f"{partial.text!r} read {reading}")
    for weekday in clues.weekdays:
        evidence.append(f"weekday {weekday.text!r}")
    width = (cluster[-1] - cluster[0]).days
    confidence = max(0.1, min(0.9, 0.9 - width / 120)) if best_score > 0 else 0.15
    if len(clusters) > 1:
        confidence = min(confidence, 0.35)
    if not clues.partial and not clues.has_corroborated_lead:
        # only full dates no weekday agrees with, weekdays and years: the article follows them,
        # by days in a report but by years in a feature; too weak alone to date the article
        # (the window is still given)
        confidence = min(confidence, 0.45)
        latest = max(latest, high)  # so the window runs on to the latest day the text allows
        evidence.append("no day-level clue corroborates the latest full date")
    if any(partial.header for partial in clues.partial):
        # the day a wire filed its report is local: in the time zone it is dated in, it may be
        # the next day already
        latest += dt.timedelta(days=1)
        evidence.append("a dateline's day, or the next in the time zone of the report's date")
    confidence = round(confidence, 2)
    return DateEstimate(chosen, earliest, latest, confidence, tuple(evidence))


def _year_bonus(day: dt.date, latest_year: int | None) -> float:
    """The tie-break of the year named: its year, then the one after."""
    if latest_year is not None and day.year in (latest_year, latest_year + 1):
        return 2.0 if day.year == latest_year else 1.5
    return 0.0


class DayScorer:
    """What the day-level clues say of a day; the year named only breaks ties between their
    periods. Days are ordinals and each month-day's date is worked out once per year, since
    a window of thirty years holds thousands of days to score."""

    def __init__(self, clues: Clues, latest_full: dt.date | None, low: dt.date, high: dt.date):
        self.latest_full = latest_full.toordinal() if latest_full is not None else None
        years = range(low.year - 2, high.year + 3)
        self.partials = []
        for month, dom, direction, _, weekday, sentence, header in clues.partial:
            dates: dict[int, tuple[int, str]] = {}
            for year in years:
                try:
                    day = dt.date(year, month, dom)
                except ValueError:
                    continue
                dates[year] = (day.toordinal(), _WEEKDAY_NAMES[day.weekday()])
            # a date on the wrong side of the tense costs 30 days, or all when the side is certain
            penalty = (30 if abs(direction) == 1 else 1000) if direction else 0
            same_sentence = [
                (w.weekday, w.direction) for w in clues.weekdays if w.sentence == sentence
            ]
            self.partials.append((dates, direction, penalty, weekday, same_sentence, header))

    def __call__(self, day: dt.date) -> float:
        ordinal, year = day.toordinal(), day.year
        value = 0.0
        if self.latest_full is not None and 0 <= ordinal - self.latest_full <= 7:
            # reported within days of its latest date
            value += 1.0 - 0.05 * (ordinal - self.latest_full)
        for dates, direction, penalty, weekday, same_sentence, header in self.partials:
            # the year that puts the month-day nearest the day (``calendar.nearest_year``)
            resolved = None
            best_cost = 0
            for candidate in (dates.get(year - 1), dates.get(year), dates.get(year + 1)):
                if candidate is None:
                    continue
                delta = candidate[0] - ordinal
                cost = abs(delta) + (penalty if delta * direction < 0 else 0)
                if resolved is None or cost < best_cost:
                    resolved, best_cost = candidate, cost
            if resolved is None:
                continue
            delta = resolved[0] - ordinal
            if header and delta == 0:
                value += 3.0  # the dateline's day is the report's
            if direction * delta >= 0 and abs(delta) <= 14:
                value += 1.0  # news speaks of the days just past or just ahead
            if weekday is not None and resolved[1] == weekday:
                value += 2.0  # "Monday, January 10" fixes the year
            for other, other_direction in same_sentence:
                # "talks open on Monday ... on January 10" in one sentence may name the same
                # day; across sentences a weekday is most often another day of the week told,
                # and the coincidence misleads
                if _weekday_near(ordinal, other, other_direction) == resolved[0]:
                    value += 1.0
        return value


def _weekday_near(ordinal: int, weekday: int, direction: int) -> int:
    """``calendar.anchor_weekday`` on day ordinals (ordinal 1 was a Monday)."""
    today = (ordinal - 1) % 7
    back = ordinal - (today - weekday) % 7
    ahead = ordinal + (weekday - today) % 7
    if direction < 0:
        return back
    if direction > 0:
        return ahead
    return back if ordinal - back <= ahead - ordinal else ahead


def _candidate_days(
    clues: Clues, latest_full: dt.date | None, low: dt.date, high: dt.date, around: int = 0
) -> set[dt.date]:
    """The days within two weeks (and a day) of a date the clues name, in the window; the
    month-days are read in the window's years and ``around`` years either side."""
    candidates: set[dt.date] = set()
    anchors = [latest_full] if latest_full is not None else []
    for year in range(low.year - around, high.year + around + 1):
        for month, dom, *_ in clues.partial:
            try:
                anchors.append(dt.date(year, month, dom))
            except ValueError:
                continue
    for anchor in anchors:
        for offset in range(-16, 17):
            day = anchor + dt.timedelta(days=offset)
            if low <= day <= high:
                candidates.add(day)
    return candidates


def quiet_days(
    clues: Clues, latest_full: dt.date | None, low: dt.date, high: dt.date, days: set[dt.date]
) -> set[dt.date]:
    """The days of ``days`` on which every clue is silent, so they score 0 unscored: more than
    two weeks from every date the clues name (in any year a day's month-days may fall in),
    when no month-day comes with its weekday (which can match on any day)."""
    if any(partial.weekday is not None for partial in clues.partial):
        return set()
    return days - _candidate_days(clues, latest_full, low, high, around=1)


def _best_spans(
    clues: Clues, latest_full: dt.date | None, low: dt.date, high: dt.date
) -> tuple[float, list[tuple[dt.date, dt.date]]]:
    """The best score and the equally good stretches that have it: (first day, last day)."""
    candidates = _candidate_days(clues, latest_full, low, high)
    grid = {low + dt.timedelta(days=n) for n in range(0, (high - low).days + 1, _BLOCK)}
    score = DayScorer(clues, latest_full, low, high)
    quiet = quiet_days(clues, latest_full, low, high, grid)
    best_score, best_spans = -1.0, []
    for day in sorted(candidates | grid):
        value = 0.0 if day in quiet else score(day)
        if value < best_score:
            continue
        span = (
            (day, day)
            if day in candidates
            else (day, min(high, day + dt.timedelta(days=_BLOCK - 1)))
        )
        if value > best_score:
            best_score, best_spans = value, [span]
        else:
            best_spans.append(span)
    return best_score, best_spans


def _clusters(spans: list[tuple[dt.date, dt.date]]) -> list[list[dt.date]]:
    """Stretches less than a month apart joined: [first day, last day] each, in order."""
    spans = sorted(spans)
    clusters: list[list[dt.date]] = [[spans[0][0], spans[0][1]]]
    for first, last in spans[1:]:
        if (first - clusters[-1][-1]).days > 31:
            clusters.append([first, last])
        else:
            clusters[-1][-1] = max(clusters[-1][-1], last)
    return clusters
