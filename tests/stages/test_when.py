from __future__ import annotations

import datetime as dt

import pytest

from eventwire.stages.when import (
    anchor_weekday,
    infer_article_date,
    normalize_expression,
    value_to_date,
)

FRIDAY = dt.date(2022, 1, 7)


@pytest.mark.parametrize("text, direction, expected", [
    ("January 10th", 1, ("DATE", "2022-01-10")),
    ("December 28", -1, ("DATE", "2021-12-28")),
    ("Oct. 26", -1, ("DATE", "2021-10-26")),
    ("May", 1, ("DATE", "2022-05")),
    ("10:35 a.m.", 0, ("TIME", "2022-01-07T10:35")),
    ("a year ago", 0, ("DATE", "2021")),
    ("10 January 2022", 0, ("DATE", "2022-01-10")),
    ("Monday", 1, ("DATE", "2022-01-10")),
    ("Monday", -1, ("DATE", "2022-01-03")),
    ("Friday", -1, ("DATE", "2022-01-07")),
    ("yesterday", 0, ("DATE", "2022-01-06")),
    ("tomorrow", 0, ("DATE", "2022-01-08")),
    ("tonight", 0, ("TIME", "2022-01-07TNI")),
    ("next week", 0, ("DATE", "2022-W02")),
    ("last month", 0, ("DATE", "2021-12")),
    ("this year", 0, ("DATE", "2022")),
    ("two and a half years", 0, ("DURATION", "P2Y6M")),
    ("three days", 0, ("DURATION", "P3D")),
    ("two weeks ago", 0, ("DATE", "2021-W51")),
    ("every Monday", 0, ("SET", "XXXX-WXX-1")),
    ("recently", 0, ("DATE", "PAST_REF")),
    ("1998", 0, ("DATE", "1998")),
    ("the 1990s", 0, ("DATE", "199")),
    ("March 2014", 0, ("DATE", "2014-03")),
])
def test_normalize_expression_anchors_on_article_date_and_tense(text, direction, expected):
    kind, value, _, _ = normalize_expression(text, FRIDAY, direction)
    assert (kind, value) == expected


def test_anchor_weekday_nearest_when_tense_unknown():
    assert anchor_weekday(FRIDAY, 0, 0) == dt.date(2022, 1, 10)
    assert anchor_weekday(FRIDAY, 2, 0) == dt.date(2022, 1, 5)


def test_normalize_without_anchor_keeps_only_self_contained_dates():
    assert normalize_expression("January 10, 2022", None)[1] == "2022-01-10"
    assert normalize_expression("Monday", None) is None


def test_value_to_date_gives_first_day_and_granularity():
    assert value_to_date("2022-W02") == (dt.date(2022, 1, 10), "week")
    assert value_to_date("2021-12") == (dt.date(2021, 12, 1), "month")
    assert value_to_date("PAST_REF") is None


def test_event_date_comes_from_the_attached_expression(code):
    result = code("Talks between the USA and Russia are planned in Geneva on January 10th.", "2022-01-07")
    (event,) = [e for e in result.events if e.type == "CONSULT"]
    assert event.date == dt.date(2022, 1, 10) and event.date_method == "relative"
    assert event.date_granularity == "day"


def test_event_without_time_expression_takes_the_article_date(code):
    result = code("Russia denied the accusations.", "2022-01-07")
    assert result.events[0].date == dt.date(2022, 1, 7) and result.events[0].date_method == "article_date"


def test_missing_article_date_is_inferred_from_a_full_date(code):
    result = code("On January 12, 2022, NATO ambassadors met Russian diplomats in Brussels.", None)
    assert result.article.date == dt.date(2022, 1, 12)
    assert [p.code for p in result.problems] == ["date_inferred"]


def test_missing_article_date_without_evidence_is_reported(code):
    result = code("Russia denied the accusations.", None)
    assert result.article.date is None and [p.code for p in result.problems] == ["date_unknown"]


def test_infer_article_date_needs_an_explicit_day():
    assert infer_article_date([], []) is None


def test_missing_article_date_is_read_from_the_dateline_under_the_title(code):
    text = "Parliament drops bill after protests\n\nNorthstar Daily, March 10, 2023\n\nParliament rejected the bill."
    result = code(text, None)
    assert result.article.date == dt.date(2023, 3, 10) and result.problems[0].code == "date_inferred"


@pytest.mark.parametrize("text, anchor, direction, value", [
    ("the latest quarter", dt.date(1989, 10, 26), -1, "1989-Q3"),
    ("the year-ago quarter", dt.date(1989, 10, 26), -1, "1988-Q3"),
    ("third-quarter", dt.date(1989, 10, 26), -1, "1989-Q3"),
    ("late November", dt.date(1999, 12, 10), -1, "1999-11"),
    ("early next year", dt.date(1989, 10, 26), 1, "1990"),
    ("last November", dt.date(2000, 2, 1), -1, "1999-11"),
    ("fiscal 1989", dt.date(1989, 10, 26), 0, "1989"),
])
def test_normalize_expression_reads_news_periods(text, anchor, direction, value):
    assert normalize_expression(text, anchor, direction)[1] == value


def test_time_finder_reads_dates_inside_longer_expressions(code):
    result = code("Profit fell in the quarter ended Sept. 30, the company said.", "1989-10-26")
    assert any(t.value == "1989-09-30" for t in result.times)


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


def test_clock_time_takes_the_day_named_in_its_sentence(code):
    result = code("The blast happened on Thursday at 10:35 a.m., police said.", "2022-01-07")
    (clock,) = [t for t in result.times if t.type == "TIME"]
    assert clock.value == "2022-01-06T10:35"


@pytest.mark.parametrize("text, value", [("this September", "2022-09"), ("recent years", "PAST_REF")])
def test_normalize_expression_reads_this_month_and_recent_periods(text, value):
    assert normalize_expression(text, FRIDAY, 0)[1] == value
