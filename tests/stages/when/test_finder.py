"""The time finder: candidates, their own words, reading in context and in parts."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.stages.when.words import PATTERN, candidate_spans
from tests.stages.when.helpers import FRIDAY, found_values, told


def test_time_finder_splits_ranges_and_periods_that_end_on_a_day(code):
    result = code(
        "The factory made rifles between 1994 and 1997. Sales for the year ended June 30 rose.",
        "1999-05-07",
    )
    values = {t.text: t.value for t in result.times}
    assert values["1994"] == "1994" and values["1997"] == "1997"
    assert values["the year"] == "P1Y" and values["June 30"] == "1998-06-30"


def test_time_finder_reads_the_second_day_of_a_pair(code):
    result = code("The summit will be held on April 24 and 25 in Washington.", "1999-02-10")
    assert [(t.text, t.value) for t in result.times] == [
        ("April 24", "1999-04-24"),
        ("25", "1999-04-25"),
    ]


def test_time_finder_joins_a_day_and_its_part(code):
    result = code("The minister said Thursday evening that the talks had failed.", "2022-01-07")
    assert [(t.text, t.value) for t in result.times] == [("Thursday evening", "2022-01-06TEV")]


def test_time_finder_reads_dates_inside_longer_expressions(code):
    result = code("Profit fell in the quarter ended Sept. 30, the company said.", "1989-10-26")
    assert any(t.value == "1989-09-30" for t in result.times)


@pytest.mark.parametrize(
    "text",
    [
        "Pension funds hold more than a quarter of the bonds.",
        'The minister said on CBS\'s "60 Minutes" that talks would go on.',
        'The envoy told ABC\'s "This Week" that a deal was near.',
    ],
)
def test_fractions_and_programme_names_are_not_times(text):
    assert found_values(text, FRIDAY) == []


@pytest.mark.parametrize(
    "text, values",
    [
        ("The index has risen 4% since year-end.", ["2021-12-31"]),
        ("The sale should close by year-end.", ["2022-12-31"]),
        ("Year-end profit rose.", []),
        ("A minute and a half later the pilot called in.", ["PT1M30S"]),
        ("But a minute and a half later, the second engine failed.", ["PT1M30S"]),
        (
            "The inspectors held a day-long meeting and will decide at a later date.",
            ["P1D", "FUTURE_REF"],
        ),
        ("Rebels have held the town since Monday.", ["2022-01-03"]),
    ],
)
def test_year_ends_half_units_and_since(text, values):
    assert found_values(text, FRIDAY) == values


@pytest.mark.parametrize(
    "text, values",
    [
        ("Today is the eighth day of the operation.", ["2022-01-07", "2022-01-07"]),
        ("Analysts think China will one day be the biggest economy.", ["FUTURE_REF"]),
        ("Flights will leave each Thursday.", ["XXXX-WXX-4"]),
        ("Social media shapes today's youth more than school does.", []),
        ("The academy trains the leaders of tomorrow.", []),
        ("The vote is tomorrow.", ["2022-01-08"]),
    ],
)
def test_days_of_an_operation_some_day_sets_and_generic_ages(text, values):
    assert found_values(text, FRIDAY) == values


@pytest.mark.parametrize(
    "text, values",
    [
        (
            "The ferry sails on Wednesday and Friday mornings from May 2.",
            ["XXXX-WXX-3TMO", "XXXX-WXX-5TMO", "2022-05-02"],
        ),
        ("Markets are closed on Sundays.", ["XXXX-WXX-7"]),
        ("Thousands joined the annual March for Life in Washington.", []),
        ("You are listening to BBC Today.", []),
        ("The team will leave on Thursday for Nairobi.", ["2022-01-13"]),
    ],
)
def test_weekly_days_and_names_that_are_not_times(text, values):
    assert found_values(text, FRIDAY) == values


@pytest.mark.parametrize(
    "text, anchor, values",
    [
        ("Exports had slowed this past summer, the ministry said.", FRIDAY, ["2021-SU"]),
        (
            "The court will hear the case the week of February 14, lawyers said.",
            FRIDAY,
            ["2022-W07"],
        ),
        ("The envoy will speak at midday.", FRIDAY, ["2022-01-07T12:00"]),
        ("By mid-afternoon yesterday the crowd had gone home.", FRIDAY, ["2022-01-06TAF"]),
        # the week of a holiday that holds the article date is this year's, whatever the tense
        ("Pilgrims gathered as Christmas week began.", dt.date(2021, 12, 21), ["2021-W51"]),
    ],
)
def test_seasons_just_past_weeks_of_a_day_and_parts_of_days(text, anchor, values):
    assert found_values(text, anchor) == values


def test_dateline_in_the_title_line_is_read_on_the_article_date(code):
    text = "BRUSSELS, March 12 (Agency) --\n\nThe alliance admitted three new members on Friday."
    values = told(code, text, "1999-03-13")
    assert values[0] == ("March 12", "1999-03-12")


@pytest.mark.parametrize(
    "text, values",
    [
        (
            "New ferries will leave Mombasa on Monday and Tuesday nights from March 3.",
            ["XXXX-WXX-1TNI", "XXXX-WXX-2TNI", "2022-03-03"],
        ),
        ("The truce is scheduled to expire at the the end of February.", ["2022-02"]),
        ("Aid convoys should reach the border by the end of the month.", ["2022-01"]),
        ("Investigators found the launcher in March month near the depot.", ["2021-03"]),
    ],
)
def test_shared_plurals_month_ends_and_translated_months(text, values):
    assert found_values(text, FRIDAY) == values


@pytest.mark.parametrize(
    "text, values",
    [
        (
            "In the quarter ended July 31, the shipyard delivered two hulls.",
            ["2021-Q2", "2021-07-31"],
        ),
        ("For the quarter ended Oct. 1, the brewer lost money.", ["2021-Q3", "2021-10-01"]),
        ("Net for the year-earlier nine months included a gain on a sale.", ["P9M"]),
    ],
)
def test_a_quarter_ended_on_a_day_is_the_calendar_quarter_it_mostly_covers(text, values):
    assert found_values(text, FRIDAY) == values


@pytest.mark.parametrize(
    "text, values",
    [
        (
            "Most of the shipyard's orders usually come in the second and fourth quarters.",
            ["XXXX-Q2", "XXXX-Q4"],
        ),
        (
            "Shares have fallen since Jan. 3, the day before the central bank raised rates.",
            ["2022-01-03", "2022-01-03"],
        ),
        ("``We are talking about three days,'' the envoy told reporters.", ["P3D"]),
        ("The minister, 52 years old, has led the party for nine years.", ["P9Y"]),
    ],
)
def test_generic_quarters_apposed_days_and_counted_lengths(text, values):
    assert found_values(text, FRIDAY) == values


@pytest.mark.parametrize(
    "text, values",
    [
        ("Peacekeepers will stay for a fairly long period, the general said.", ["PXX"]),
        ("Villagers may live without power for a while.", ["PXX"]),
        ("Dozens surrendered in the first hours of the offensive.", ["PTXH"]),
        ("Repairs will take between two to five days.", ["P2D", "P5D"]),
        ("The march began early Friday morning.", ["2022-01-07TMO"]),
        (
            "Markets slid on Thursday. Traders sold heavily in the morning before a late rally.",
            ["2022-01-06", "2022-01-06TMO"],
        ),
    ],
)
def test_vague_lengths_ranges_and_parts_of_the_day_told(text, values):
    assert found_values(text, FRIDAY) == values


@pytest.mark.parametrize(
    "text, values",
    [
        ("The drop will mean lower earnings for the fiscal year, the company said.", ["2022"]),
        ("The insurer changed from a fiscal year to a calendar year.", []),
    ],
)
def test_the_fiscal_year_is_the_articles_and_a_fiscal_year_is_no_time(text, values):
    assert found_values(text, FRIDAY) == values


@pytest.mark.parametrize(
    "text",
    [
        "Talks resume NEXT WEEK, two days after the March 3 vote; Recently, in the PAST YEARS.",
        # lower-casing "İ" adds a character: the spans must still index the original text
        "İstanbul talks began on Monday, three weeks ago, and end next month.",
    ],
)
def test_the_lower_cased_scan_finds_what_the_pattern_finds(text):
    assert candidate_spans(text) == [m.span() for m in PATTERN.finditer(text)]


def test_the_same_month_a_year_ago_is_one_month_not_two(code):
    result = code("Exports fell in December. Prices rose 3% from the same month a year ago.")
    values = {t.text: t.value for t in result.times}
    assert "the same month" not in values and values["a year ago"] == "2021-01", values
