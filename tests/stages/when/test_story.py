"""Dating an undated article from its story: the candidate days, the preferred day, and how the
article's events agree with the days the dated reports give them."""

from __future__ import annotations

import datetime as dt

from eventwire.model import StoryDates, TimeExpression
from eventwire.stages.when.article_date import Clues, Window
from eventwire.stages.when.story import (
    LEAD_BONUS,
    agreement,
    best_days,
    lead_bonus,
    preferred_day,
    story_days,
)

MARCH_8 = dt.date(2023, 3, 8)


def _day(n: int) -> dt.date:
    return dt.date(2023, 3, n)


def _window(low: dt.date, high: dt.date, tenures_only: bool = False) -> Window:
    return Window(low, high, ["what bounds it"], None, None, tenures_only)


OPEN = _window(dt.date(1900, 1, 1), dt.date(2100, 12, 31))


def test_the_candidates_run_from_three_days_before_a_report_to_the_day_after():
    scores, note = story_days(StoryDates("s", (MARCH_8,)), Clues(), OPEN)
    assert list(scores) == [_day(n) for n in range(5, 10)] and note is None


def test_events_told_as_past_add_the_days_after_them_and_coming_ones_the_days_before():
    story = StoryDates(
        "s", (_day(20),), (((0, 4), (_day(2),), False), ((9, 14), (_day(30),), True))
    )
    days = set(story_days(story, Clues(), OPEN)[0])
    assert {_day(2), _day(5), _day(27), _day(30)} <= days
    assert _day(1) not in days and _day(6) not in days and _day(26) not in days


def test_the_text_window_keeps_the_story_days_inside_it():
    scores, _ = story_days(StoryDates("s", (MARCH_8,)), Clues(), _window(_day(7), _day(30)))
    assert list(scores) == [_day(7), _day(8), _day(9)]


def test_a_window_of_tenures_alone_does_not_rule_the_story_out():
    # a wrong name or title ("Foreign Minister X" years after X left) must not outweigh the story
    window = _window(dt.date(2014, 5, 1), dt.date(2018, 5, 1), tenures_only=True)
    scores, note = story_days(StoryDates("s", (MARCH_8,)), Clues(), window)
    assert MARCH_8 in scores and note is not None and "tenures" in note


def test_dates_the_text_tells_rule_a_story_out():
    window = _window(dt.date(2024, 5, 10), dt.date(2024, 6, 10))
    scores, note = story_days(StoryDates("s", (MARCH_8,)), Clues(), window)
    assert scores == {} and note is not None and "2023-03-08" in note


def test_the_preferred_day_is_the_one_most_shared_past_events_happened_on():
    story = StoryDates(
        "s",
        (_day(9), _day(11)),
        (
            ((0, 1), (_day(7),), False),
            ((2, 3), (_day(7), _day(8)), False),
            ((4, 5), (_day(8),), False),
            ((6, 7), (_day(10),), True),  # coming: no say
        ),
    )
    days = [_day(n) for n in range(6, 13)]
    assert preferred_day(story, days) == _day(8)  # 7 and 8 twice each: the later
    assert preferred_day(story, [_day(n) for n in range(9, 13)]) == _day(9)  # first report
    assert preferred_day(StoryDates("s", (_day(20),)), days) == _day(6)


def test_the_chosen_day_is_the_preferred_one_among_equals_else_the_nearest():
    scores = {_day(5): 1.0, _day(6): 2.0, _day(7): 2.0, _day(9): 2.0}
    assert best_days(scores, _day(7)) == (_day(7), [_day(6), _day(7), _day(9)])
    assert best_days(scores, _day(8))[0] == _day(7)
    assert best_days(scores, _day(4))[0] == _day(6)


def test_events_agree_with_the_days_the_reports_give_them(code):
    # Wednesday 8 March 2023: "on Tuesday" is the 7th
    result = code("Police detained 66 protesters in Tbilisi on Tuesday.", "2023-03-08")
    (event,) = [e for e in result.events if e.type == "COERCE"]
    assert event.date == _day(7) and event.date_method == "relative"
    right = StoryDates("s", (MARCH_8,), ((event.trigger, (_day(7),), False),))
    wrong = StoryDates("s", (MARCH_8,), ((event.trigger, (_day(1),), False),))
    assert agreement(right, result.events, MARCH_8) == 1.0
    assert agreement(wrong, result.events, MARCH_8) == -1.0


def test_an_event_with_no_date_of_its_own_agrees_on_the_day_the_reports_give_it(code):
    result = code("Police detained 66 protesters in Tbilisi.", "2023-03-07")
    (event,) = [e for e in result.events if e.type == "COERCE"]
    assert event.date_method == "article_date"
    story = StoryDates("s", (MARCH_8,), ((event.trigger, (_day(7),), False),))
    assert agreement(story, result.events, _day(7)) == 0.5
    assert agreement(story, result.events, MARCH_8) == 0.0


def _expression(start: int, text: str, value: str) -> TimeExpression:
    return TimeExpression(start, start + len(text), text, "TIME", value)


def test_a_lead_told_by_weekday_favours_that_day_then_the_next():
    lead = (0, 200)
    times = [_expression(40, "Tuesday evening", "2023-03-07TEV"), _expression(90, "Friday", "x")]
    assert lead_bonus(times, lead, _day(7)) == LEAD_BONUS
    assert lead_bonus(times, lead, MARCH_8) == LEAD_BONUS / 2
    assert lead_bonus(times, lead, _day(9)) == 0.0
    # a weekday after the lead, or no lead, says nothing
    assert lead_bonus(times, (0, 30), _day(7)) == 0.0
    assert lead_bonus(times, None, _day(7)) == 0.0
    assert lead_bonus([_expression(40, "March 7", "2023-03-07")], lead, _day(7)) == 0.0
