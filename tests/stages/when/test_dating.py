"""Event dating: the expression attached to the event, else the article date."""

from __future__ import annotations

import datetime as dt

from eventwire.stages.when import value_to_date


def test_value_to_date_gives_first_day_and_granularity():
    assert value_to_date("2022-W02") == (dt.date(2022, 1, 10), "week")
    assert value_to_date("2021-12") == (dt.date(2021, 12, 1), "month")
    assert value_to_date("PAST_REF") is None


def test_event_date_comes_from_the_attached_expression(code):
    result = code(
        "Talks between the USA and Russia are planned in Geneva on January 10th.", "2022-01-07"
    )
    (event,) = [e for e in result.events if e.type == "CONSULT"]
    assert event.date == dt.date(2022, 1, 10) and event.date_method == "relative"
    assert event.date_granularity == "day"


def test_event_without_time_expression_takes_the_article_date(code):
    result = code("Russia denied the accusations.", "2022-01-07")
    assert (
        result.events[0].date == dt.date(2022, 1, 7)
        and result.events[0].date_method == "article_date"
    )
