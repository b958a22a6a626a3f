"""Article-date inference: clues, feasible window, scored days."""

from __future__ import annotations

import calendar
import datetime as dt
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.stages.when import infer_article_date
from eventwire.stages.when.article_date import Clues, DayScorer, MonthDay, Weekday, quiet_days
from eventwire.stages.when.calendar import anchor_weekday, nearest_year

WEEKDAY_NAMES = tuple(day.lower() for day in calendar.day_name)
# random clues for the day scorer: month-days (some with their weekday) and weekdays, each in
# one of three sentences, and a latest full date
SENTENCES = st.tuples(st.just(0), st.integers(0, 2))
MONTH_DAYS = st.lists(
    st.builds(
        MonthDay,
        st.integers(1, 12),
        st.integers(1, 31),
        st.sampled_from((-2, -1, 0, 1, 2)),
        st.just(""),
        st.one_of(st.none(), st.sampled_from(WEEKDAY_NAMES)),
        SENTENCES,
        st.booleans(),
    ),
    max_size=3,
)
WEEKDAYS = st.lists(
    st.builds(Weekday, st.integers(0, 6), st.sampled_from((-1, 0, 1)), st.just(""), SENTENCES),
    max_size=3,
)
LATEST_FULL = st.one_of(st.none(), st.dates(dt.date(1995, 1, 1), dt.date(2027, 12, 31)))


def test_missing_article_date_is_inferred_from_a_full_date_its_weekday_agrees_with(code):
    result = code(
        "On Wednesday, January 12, 2022, NATO ambassadors met Russian diplomats in Brussels.", None
    )
    assert result.article.date == dt.date(2022, 1, 12)
    assert [p.code for p in result.problems] == ["date_inferred"]


def test_a_lead_full_date_alone_bounds_the_article_date_but_does_not_set_it(code):
    # follow-up stories open on the date of what they follow up: without a weekday that
    # agrees, the date is only a lower bound
    result = code("On January 12, 2022, NATO ambassadors met Russian diplomats in Brussels.", None)
    assert result.article.date is None and [p.code for p in result.problems] == ["date_unknown"]
    assert result.date_estimate.earliest == dt.date(2022, 1, 12)
    assert result.date_estimate.latest > dt.date(2022, 12, 31)  # a feature may look back years


def test_a_weekday_in_another_sentence_does_not_fix_the_year_of_a_day(code):
    # within Albright's tenure (1997-2001) "Aug. 7" just past fits every year; a "Monday" told in
    # another sentence is another day of the week, so the window keeps every year it fits
    text = (
        "Secretary of State Madeleine Albright said the bombings of Aug. 7 would be answered. "
        "Investigators questioned two suspects on Monday."
    )
    estimate = code(text, None).date_estimate
    assert estimate.earliest.year <= 1998 and estimate.latest.year >= 2000


def test_missing_article_date_without_evidence_is_reported(code):
    result = code("Russia denied the accusations.", None)
    assert result.article.date is None and [p.code for p in result.problems] == ["date_unknown"]


def test_infer_article_date_needs_an_explicit_day():
    assert infer_article_date([], []) is None


def test_missing_article_date_is_read_from_the_dateline_under_the_title(code):
    text = (
        "Parliament drops bill after protests\n\nNorthstar Daily, March 10, 2023\n\n"
        "Parliament rejected the bill."
    )
    result = code(text, None)
    assert (
        result.article.date == dt.date(2023, 3, 10) and result.problems[0].code == "date_inferred"
    )


def _sample(name):
    from tests.conftest import sample_cases

    return next(article for case, article, _ in sample_cases() if case == name)


def test_undated_wire_is_narrowed_by_office_tenures_and_stays_undated(pipeline):
    result = pipeline.extract(_sample("01-geneva-wire34"))
    assert result.article.date is None
    estimate = result.date_estimate
    assert estimate is not None and estimate.earliest >= dt.date(2021, 1, 1)
    assert any("Antony Blinken" in clue for clue in estimate.evidence)
    assert [p.code for p in result.problems if p.code.startswith("date")] == ["date_unknown"]


def test_clean_sample_takes_its_dateline(pipeline):
    from dataclasses import replace

    result = pipeline.extract(replace(_sample("04-geneva-capitalnews"), date=None))
    assert result.article.date == dt.date(2022, 1, 11) and result.date_source == "inferred"


def test_a_background_full_date_past_the_lead_does_not_date_the_article(code):
    text = (
        "Arms control talks resume\nDiplomats gathered again to discuss the future of the "
        "treaty.\n\n"
        "The treaty was signed on April 8, 2010, in Prague, and extended once since."
    )
    result = code(text, None)
    assert result.article.date is None
    assert result.date_estimate is not None and result.date_estimate.earliest >= dt.date(2010, 4, 8)
    assert [p.code for p in result.problems] == ["date_unknown"]


def test_a_header_date_above_the_lead_dates_the_article(code):
    text = (
        "www.example.org/news/2013/05/03/rehab-story\nActress checks into rehab clinic\nMay 3, "
        "2013\n"
        "The actress checked into a rehab clinic in California on the orders of a judge, her "
        "lawyer said."
    )
    result = code(text, None)
    assert result.article.date == dt.date(2013, 5, 3) and result.date_source == "inferred"


def test_an_undated_article_is_bounded_by_a_1990s_tenure(code):
    result = code("Attorney General Janet Reno met Cuban officials in Havana.", None)
    (event,) = result.events
    assert (event.source.actor.name, event.source.actor.country) == ("Janet Reno", "USA")
    estimate = result.date_estimate
    assert (estimate.earliest, estimate.latest) == (dt.date(1993, 3, 1), dt.date(2001, 1, 1))


def test_a_bond_maturity_and_a_forecast_year_do_not_date_an_undated_article(code):
    text = (
        "Harbor Utilities sold $200 million of notes due Nov. 1, 2031, priced at par to yield 6%. "
        "An analyst trimmed his 2030 earnings projection for the company. The utility raised "
        "prices in 2019."
    )
    result = code(text, None)
    assert result.article.date is None
    estimate = result.date_estimate
    assert estimate is not None and estimate.earliest == dt.date(2019, 1, 1)
    # the window runs from the year the text tells of to the year after "now" (today: the
    # run is given no date), not to the notes' maturity
    assert estimate.latest == dt.date(dt.date.today().year + 1, 12, 31)


# "Monday, January 10" fits 2022, 2028, 2033 and 2039 within an open tenure begun in 2020: which
# of them the window holds depends on the day taken as "now", never on the day the tests run
_TALKS = "Foreign ministers opened talks in Geneva on Monday, January 10, the spokesman said."
_TENURES = [(dt.date(2020, 1, 20), None, "Secretary of State Jane Smith")]


def _parsed(text: str):
    from eventwire.stages.parse import Parser

    (segments,) = Parser()([(text, [(0, len(text))])])
    return segments


@pytest.mark.parametrize(
    "today, latest, first",
    [
        (dt.date(2026, 12, 6), dt.date(2022, 1, 24), "2022-01-10..2022-01-24"),
        (dt.date(2040, 1, 1), dt.date(2039, 1, 24), "2039-01-10..2039-01-24"),
    ],
)
def test_the_article_date_is_inferred_against_the_today_passed(today, latest, first):
    estimate = infer_article_date(_parsed(_TALKS), [], _TENURES, today=today)
    assert (estimate.earliest, estimate.latest) == (dt.date(2022, 1, 10), latest)
    if today.year < 2028:  # only 2022 fits: its day is taken
        assert estimate.date == latest
    else:  # several years fit: no day is picked, the evidence ranks them, the latest first
        assert estimate.date is None
        assert f"the most likely first: {first}" in "; ".join(estimate.evidence)


class _ClockIn2040(dt.date):
    """A system clock that says it is 1 January 2040."""

    @classmethod
    def today(cls):
        return cls(2040, 1, 1)


def test_an_explicit_today_gives_the_same_estimate_whatever_the_clock_says(monkeypatch):
    from eventwire.stages.when import article_date

    segments = _parsed(_TALKS)
    passed = dt.date(2026, 12, 6)
    estimate = infer_article_date(segments, [], _TENURES, today=passed)
    clock = SimpleNamespace(date=_ClockIn2040, timedelta=dt.timedelta)
    monkeypatch.setattr(article_date, "dt", clock)
    # without ``today`` the clock is read: 2040 gives another estimate ...
    assert infer_article_date(segments, [], _TENURES).latest == dt.date(2039, 1, 24)
    # ... with it, the clock is not
    assert infer_article_date(segments, [], _TENURES, today=passed) == estimate


@settings(max_examples=300, deadline=None)
@given(
    day=st.dates(dt.date(1995, 1, 1), dt.date(2027, 12, 31)),
    partials=MONTH_DAYS,
    weekdays=WEEKDAYS,
    latest_full=LATEST_FULL,
)
def test_the_day_scorer_reads_each_clue_as_the_calendar_does(day, partials, weekdays, latest_full):
    # the scorer works on day ordinals for speed; it must give what the calendar functions say
    clues = Clues(partial=partials, weekdays=weekdays)
    expected = 0.0
    if latest_full is not None and 0 <= (day - latest_full).days <= 7:
        expected += 1.0 - 0.05 * (day - latest_full).days
    for month, dom, direction, _, weekday, sentence, header in clues.partial:
        try:
            resolved = dt.date(nearest_year(day, month, dom, direction), month, dom)
        except ValueError:
            continue
        delta = (resolved - day).days
        if header and delta == 0:
            expected += 3.0  # a wire dateline's day
        if direction * delta >= 0 and abs(delta) <= 14:
            expected += 1.0
        if weekday is not None and WEEKDAY_NAMES[resolved.weekday()] == weekday:
            expected += 2.0
        for other in clues.weekdays:
            if other.sentence == sentence and (
                anchor_weekday(day, other.weekday, other.direction) == resolved
            ):
                expected += 1.0
    scorer = DayScorer(clues, latest_full, dt.date(1995, 1, 1), dt.date(2027, 12, 31))
    assert scorer(day) == expected


@settings(max_examples=60, deadline=None)
@given(
    low=st.dates(dt.date(1995, 1, 1), dt.date(2026, 12, 31)),
    years=st.integers(0, 31),
    partials=MONTH_DAYS,
    weekdays=WEEKDAYS,
    latest_full=LATEST_FULL,
)
def test_the_days_left_unscored_score_nothing(low, years, partials, weekdays, latest_full):
    # the days the article-date search skips must be days every clue is silent on
    high = min(low + dt.timedelta(days=365 * years + 30), dt.date(2027, 12, 31))
    clues = Clues(partial=partials, weekdays=weekdays)
    every_day = {low + dt.timedelta(days=n) for n in range((high - low).days + 1)}
    scorer = DayScorer(clues, latest_full, low, high)
    assert all(scorer(day) == 0.0 for day in quiet_days(clues, latest_full, low, high, every_day))


def test_a_wire_datelines_day_dates_the_report_with_the_weekday_of_its_lead():
    # March 3 was a Friday in 2017 and 2023: the text alone cannot choose between them ...
    segments = _parsed(
        "Prime Minister Saad Hariri said here Friday that the talks, begun in 2017, would go on."
    )
    heading = ["BEIRUT, March 3 (Wire) --"]
    alone = infer_article_date(segments, [], today=dt.date(2026, 12, 6), headings=heading)
    assert alone is not None and alone.date is None
    assert (alone.earliest, alone.latest) == (dt.date(2017, 3, 3), dt.date(2023, 3, 4))
    # ... the tenure of the prime minister it names can
    tenure = [(dt.date(2016, 12, 18), dt.date(2020, 1, 21), "Saad Hariri as Prime Minister")]
    estimate = infer_article_date(
        segments, [], tenure, today=dt.date(2026, 12, 6), headings=heading
    )
    assert estimate is not None and estimate.date == dt.date(2017, 3, 3)
    # the next day too: the report may be dated in another time zone
    assert (estimate.earliest, estimate.latest) == (dt.date(2017, 3, 3), dt.date(2017, 3, 4))
    assert any("dateline" in line for line in estimate.evidence)
