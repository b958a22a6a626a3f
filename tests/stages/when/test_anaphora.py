"""Times told from a day the story named."""

from __future__ import annotations

import pytest

from tests.stages.when.helpers import FRIDAY, found_values, told


def test_that_year_counts_from_the_last_date_the_story_named(code):
    text = "The rebel leader fled to Mexico in March 1996. He was arrested later that year."
    values = told(code, text, "2001-05-02")
    assert ("later that year", "1996") in values


def test_clock_time_takes_the_day_named_in_its_sentence(code):
    result = code("The blast happened on Thursday at 10:35 a.m., police said.", "2022-01-07")
    (clock,) = [t for t in result.times if t.type == "TIME"]
    assert clock.value == "2022-01-06T10:35"


@pytest.mark.parametrize(
    "text, values",
    [
        # a clock time followed by its day in another form, and a wire's 24-hour clock
        (
            "The blast came at about 10:35 a.m. (0735 GMT) Friday, police said.",
            ["2022-01-07T10:35", "2022-01-07T07:35", "2022-01-07"],
        ),
        # a spoken clock time takes the day the bracket names; a clock time with its own day
        # keeps it
        (
            "He will fly out at 4 in the morning (4 a.m. EST Sunday), the envoy said.",
            ["2022-01-09T04:00", "2022-01-09T04:00"],
        ),
    ],
)
def test_clock_times_in_their_other_forms_take_their_day(text, values):
    assert found_values(text, FRIDAY) == values


@pytest.mark.parametrize(
    "text, values",
    [
        ("The day before last Tuesday's court hearing, the uncle called.", ["2022-01-03"]),
        ("They met the day before yesterday.", ["2022-01-05"]),
        (
            "Shares closed Friday at 2,082, down 4% from the previous Friday.",
            ["2022-01-07", "2021-12-31"],
        ),
    ],
)
def test_days_counted_from_another_day_the_text_names(text, values):
    assert found_values(text, FRIDAY) == values


def test_later_that_day_is_found_where_the_parser_misses_it(code):
    text = (
        "Zelensky met Trump on Friday. Later that day Keir Starmer, Emmanuel Macron and "
        "Friedrich Merz called him to discuss the plan."
    )
    values = told(code, text, "2025-11-24")
    assert ("Later that day", "2025-11-21") in values
