"""Dating an undated article from its story: the candidate days, the preferred day, and how the
article's events agree with the days the dated reports give them."""

from __future__ import annotations

import datetime as dt

from eventwire.model import StoryDates, TimeExpression
from eventwire.stages.when.article_date import Window
from eventwire.stages.when.story import (
    LEAD_BONUS,
    agreement,
    best_days,
    first_report_day,
    lead_bonus,
    story_days,
)

MARCH_8 = dt.date(2023, 3, 8)


def _day(n: int) -> dt.date:
    return dt.date(2023, 3, n)


def _window(low: dt.date, high: dt.date, tenures_only: bool = False) -> Window:
    return Window(low, high, ["what bounds it"], None, None, tenures_only)


OPEN = _window(dt.date(1900, 1, 1), dt.date(2100, 12, 31))


def test_the_candidates_run_from_a_week_before_a_report_to_the_day_after():
    scores, note = story_days(StoryDates("s", (MARCH_8,)), OPEN)
    assert list(scores) == [_day(n) for n in range(1, 10)] and note is None


def test_days_the_reports_give_shared_events_score_the_candidates_but_add_none():
    # the background the reports share (an attack weeks before) proposes no day of its own
    story = StoryDates(
        "s", (_day(20),), (((0, 4), (_day(2),), False), ((9, 14), (_day(30),), True))
    )
    assert list(story_days(story, OPEN)[0]) == [_day(n) for n in range(13, 22)]


def test_the_text_window_keeps_the_story_days_inside_it():
    scores, _ = story_days(StoryDates("s", (MARCH_8,)), _window(_day(7), _day(30)))
    assert list(scores) == [_day(7), _day(8), _day(9)]


def test_a_window_of_tenures_alone_does_not_rule_the_story_out():
    # a wrong name or title ("Foreign Minister X" years after X left) must not outweigh the story
    window = _window(dt.date(2014, 5, 1), dt.date(2018, 5, 1), tenures_only=True)
    scores, note = story_days(StoryDates("s", (MARCH_8,)), window)
    assert MARCH_8 in scores and note is not None and "tenures" in note


def test_dates_the_text_tells_rule_a_story_out():
    window = _window(dt.date(2024, 5, 10), dt.date(2024, 6, 10))
    scores, note = story_days(StoryDates("s", (MARCH_8,)), window)
    assert scores == [] and note is not None and "2023-03-08" in note


def test_an_article_is_first_read_on_the_first_dated_report_it_may_follow():
    story = StoryDates("s", (_day(9), _day(11)))
    assert first_report_day(story, [_day(n) for n in range(6, 13)]) == _day(9)
    assert first_report_day(story, [_day(n) for n in range(10, 13)]) == _day(11)
    assert first_report_day(StoryDates("s", (_day(20),)), [_day(6), _day(7)]) == _day(6)


def test_among_equal_days_an_article_follows_the_events_it_tells_as_closely_as_it_can():
    scores = {_day(5): 1.0, _day(6): 2.0, _day(7): 2.0, _day(8): 2.0}
    past = StoryDates("s", (_day(9),), (((0, 4), (_day(6),), False),))
    assert best_days(scores, past) == (_day(6), [_day(6), _day(7), _day(8)])


def test_among_equal_days_an_article_sharing_no_dated_event_goes_with_the_first_report():
    scores = {_day(5): 1.0, _day(6): 2.0, _day(7): 2.0, _day(8): 2.0, _day(9): 2.0}
    coming = StoryDates("s", (_day(8), _day(12)), (((0, 4), (_day(10),), True),))
    assert best_days(scores, coming)[0] == _day(8)
    assert best_days(scores, StoryDates("s", (_day(10),)))[0] == _day(9)
    assert best_days({_day(7): 1.0, _day(9): 1.0}, StoryDates("s", (_day(8),)))[0] == _day(7)


def test_events_agree_with_the_days_the_reports_give_them(code):
    # Wednesday 8 March 2023: "on Tuesday" is the 7th
    result = code("Police detained 66 protesters in Tbilisi on Tuesday.", "2023-03-08")
    (event,) = [e for e in result.events if e.type == "COERCE"]
    assert event.date == _day(7) and event.date_method == "relative"
    right = StoryDates("s", (MARCH_8,), ((event.trigger, (_day(7),), False),))
    wrong = StoryDates("s", (MARCH_8,), ((event.trigger, (_day(1),), False),))
    assert agreement(right, result.events) == 1.0
    assert agreement(wrong, result.events) == -1.0


def test_an_event_with_no_date_of_its_own_agrees_on_the_day_the_reports_give_it(code):
    result = code("Police detained 66 protesters in Tbilisi.", "2023-03-07")
    (event,) = [e for e in result.events if e.type == "COERCE"]
    assert event.date_method == "article_date"
    story = StoryDates("s", (MARCH_8,), ((event.trigger, (_day(7),), False),))
    assert agreement(story, result.events) == 0.5
    elsewhere = StoryDates("s", (MARCH_8,), ((event.trigger, (MARCH_8,), False),))
    assert agreement(elsewhere, result.events) == 0.0
    # told as still to come, it says nothing of the day it was told
    coming = StoryDates("s", (MARCH_8,), ((event.trigger, (_day(7),), True),))
    assert agreement(coming, result.events) == 0.0


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


def test_equal_days_a_week_apart_go_with_the_run_nearest_the_reports():
    # "met on Sunday": both Sundays of the window fit; the one beside the reports is taken
    scores = {_day(n): 0.0 for n in range(1, 13)} | {_day(5): 0.5, _day(12): 0.5}
    story = StoryDates("s", (_day(14), _day(18)), (((0, 4), (_day(15),), False),))
    assert best_days(scores, story)[0] == _day(12)


def test_a_wide_run_of_equal_days_goes_with_the_day_most_reports_were_written_on():
    scores = dict.fromkeys((_day(n) for n in range(1, 11)), 0.0)
    story = StoryDates("s", (_day(9), _day(8), _day(9)), (((0, 4), (_day(2),), False),))
    assert best_days(scores, story)[0] == _day(9)
    # a run of three or fewer is the article's own narrowing: it keeps its rule
    narrow = {_day(7): 1.0, _day(8): 1.0, _day(9): 1.0, _day(10): 0.0}
    assert best_days(narrow, story)[0] == _day(7)


def test_one_trigger_of_several_events_agrees_with_the_days_of_them_all(code):
    # a trigger coding two events carries two anchors: the second must not hide the first
    result = code("Police detained 66 protesters in Tbilisi on Tuesday.", "2023-03-08")
    (event,) = [e for e in result.events if e.type == "COERCE"]
    story = StoryDates(
        "s",
        (MARCH_8,),
        ((event.trigger, (_day(7),), False), (event.trigger, (_day(1),), False)),
    )
    assert agreement(story, result.events) == 1.0
