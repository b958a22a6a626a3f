"""normalize_expression: the rule table gives each expression its TIMEX value."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.stages.when import normalize_expression
from tests.stages.when.helpers import FRIDAY


@pytest.mark.parametrize(
    "text, direction, expected",
    [
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
    ],
)
def test_normalize_expression_anchors_on_article_date_and_tense(text, direction, expected):
    result = normalize_expression(text, FRIDAY, direction)
    assert (result.type, result.value) == expected


def test_normalize_without_anchor_keeps_only_self_contained_dates():
    assert normalize_expression("January 10, 2022", None).value == "2022-01-10"
    assert normalize_expression("Monday", None) is None


@pytest.mark.parametrize(
    "text, anchor, direction, value",
    [
        ("the latest quarter", dt.date(1989, 10, 26), -1, "1989-Q3"),
        ("the year-ago quarter", dt.date(1989, 10, 26), -1, "1988-Q3"),
        ("third-quarter", dt.date(1989, 10, 26), -1, "1989-Q3"),
        ("late November", dt.date(1999, 12, 10), -1, "1999-11"),
        ("early next year", dt.date(1989, 10, 26), 1, "1990"),
        ("last November", dt.date(2000, 2, 1), -1, "1999-11"),
        ("fiscal 1989", dt.date(1989, 10, 26), 0, "1989"),
        # named periods: holidays of the Orthodox calendar, and a holiday's weekend
        ("the Orthodox Christmas weekend", dt.date(2024, 1, 10), -1, "2024-W01-WE"),
        ("Orthodox Christmas", dt.date(2023, 1, 3), 1, "2023-01-07"),
        ("Orthodox Easter", dt.date(2022, 4, 20), 1, "2022-04-24"),
        ("Orthodox Easter", dt.date(2024, 5, 1), 1, "2024-05-05"),
        ("the Christmas weekend", dt.date(2024, 1, 2), -1, "2023-W51-WE"),  # a Monday Christmas
        ("the Easter weekend", dt.date(2024, 4, 2), -1, "2024-W13-WE"),
    ],
)
def test_normalize_expression_reads_news_periods(text, anchor, direction, value):
    assert normalize_expression(text, anchor, direction).value == value


@pytest.mark.parametrize(
    "text, direction, expected",
    [
        ("within a month", 0, ("DURATION", "P1M")),
        ("only five hours", 0, ("DURATION", "PT5H")),
        ("about 3 1/2 hours", 0, ("DURATION", "PT3H30M")),
        ("at least two more weeks", 0, ("DURATION", "P2W")),
        ("nearly sixty years", 0, ("DURATION", "P60Y")),
        ("a couple of days", 0, ("DURATION", "P2D")),
        ("an hour later", 0, ("DURATION", "PT1H")),
        ("weeks", 0, ("DURATION", "PXW")),
        ("the next few days", 0, ("DURATION", "PXD")),
        ("the past decade", 0, ("DURATION", "P10Y")),
        ("the past two quarters", 0, ("DURATION", "P2Q")),
        ("several years ago", 0, ("DATE", "PAST_REF")),
        ("the near future", 0, ("DATE", "FUTURE_REF")),
        ("in the past", 0, ("DATE", "PAST_REF")),
        ("daily", 0, ("SET", "P1D")),
        ("nineteen eighty-four", 0, ("DATE", "1984")),
        ("the year two thousand", 0, ("DATE", "2000")),
        ("the summer of nineteen seventy-two", 0, ("DATE", "1972-SU")),
        ("the '70s", 0, ("DATE", "197")),
        ("Thanksgiving Day", -1, ("DATE", "2021-11-25")),
        ("last Christmas", 0, ("DATE", "2021-12-25")),
        ("Election Day", 1, ("DATE", "2022-11-08")),
        ("Easter", 1, ("DATE", "2022-04-17")),
        ("the end of 2023", 0, ("DATE", "2023")),
        ("the beginning of March", 1, ("DATE", "2022-03")),
        ("the first half of 2021", 0, ("DATE", "2021-H1")),
        ("the full year", 0, ("DATE", "2022")),
        ("year's end", 1, ("DATE", "2022-12-31")),
        ("year-end", -1, ("DATE", "2021-12-31")),
        ("a minute and a half", 0, ("DURATION", "PT1M30S")),
        ("three days later", 0, ("DURATION", "P3D")),
        ("a day earlier", 0, ("DURATION", "P1D")),
        ("two years later", 0, ("DATE", "2024")),
        ("the nineties", 0, ("DATE", "199")),
        ("then current", 0, ("DATE", "PAST_REF")),
        ("in past years", 0, ("DATE", "PAST_REF")),
        ("a later date", 0, ("DATE", "FUTURE_REF")),
        ("the weeks ahead", 0, ("DURATION", "PXW")),
        ("over a week", 0, ("DURATION", "P1W")),
        ("eight trading days", 0, ("DURATION", "P8D")),
        ("day-long", 0, ("DURATION", "P1D")),
        ("post-1959", 0, ("DATE", "1959")),
        ("at least the first two quarters of 1990", 0, ("DATE", "1990-H1")),
        ("earlier in the year", 0, ("DATE", "2022")),
        ("March this year", 0, ("DATE", "2022-03")),
        ("May next year", 1, ("DATE", "2023-05")),
        ("later this afternoon", 0, ("TIME", "2022-01-07TAF")),
        ("noon Sunday", -1, ("TIME", "2022-01-02T12:00")),
        ("9 a.m. Tuesday", 1, ("TIME", "2022-01-11T09:00")),
        ("Saturday morning", 1, ("TIME", "2022-01-08TMO")),
        ("Monday", 0, ("DATE", "2022-01-03")),
        ("Saturday", 0, ("DATE", "2022-01-08")),
        ("last night", 0, ("TIME", "2022-01-06TNI")),
        ("Wednesday, Jan. 6", 0, ("DATE", "2021-01-06")),
        ("the late 1960s", 0, ("DATE", "196")),
        ("the 19th century", 0, ("DATE", "18")),
        ("a few days later", 0, ("DURATION", "PXD")),
        ("several quarters", 0, ("DURATION", "PXQ")),
        ("each November", 0, ("SET", "XXXX-11")),
    ],
)
def test_normalize_expression_reads_durations_spelled_numbers_holidays_and_parts(
    text, direction, expected
):
    result = normalize_expression(text, FRIDAY, direction)
    assert (result.type, result.value) == expected


@pytest.mark.parametrize(
    "text, anchor, direction, value",
    [
        ("the fiscal second quarter", dt.date(1989, 10, 26), 0, "1989-Q2"),
        ("its seasonally weak fourth quarter", dt.date(1989, 10, 26), -1, "1989-Q4"),
        ("the fourth quarter", dt.date(1998, 2, 10), -1, "1997-Q4"),
        ("the fourth quarter", dt.date(1998, 2, 10), 1, "1998-Q4"),
        ("next year's first quarter", dt.date(1989, 10, 26), 1, "1990-Q1"),
        ("the 1987 third quarter", dt.date(1989, 10, 26), 0, "1987-Q3"),
        ("the year-earlier second quarter", dt.date(1989, 10, 26), 0, "1988-Q2"),
        ("the 1988 period", dt.date(1989, 10, 26), 0, "1988-Q3"),
        ("the corresponding period last year", dt.date(1989, 10, 26), 0, "1988-Q3"),
        ("the current quarter", dt.date(1989, 10, 26), 0, "1989-Q4"),
        ("a decade ago", dt.date(1999, 3, 1), 0, "1989"),
    ],
)
def test_normalize_expression_reads_financial_quarters(text, anchor, direction, value):
    assert normalize_expression(text, anchor, direction).value == value


@pytest.mark.parametrize("text, value", [("this September", "2022-09"), ("recent years", "PXY")])
def test_normalize_expression_reads_this_month_and_recent_periods(text, value):
    assert normalize_expression(text, FRIDAY, 0).value == value
