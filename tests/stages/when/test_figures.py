"""Dates and clock times written in figures, and the classes of time expression that failed on
news we had not seen: clock times with zones, numeric dates, ISO dates, a quarter of a year
named by its distance."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.stages.when import normalize_expression
from tests.stages.when.helpers import found_values

WEDNESDAY = dt.date(2022, 1, 12)


@pytest.mark.parametrize(
    ("sentence", "values"),
    [
        ("The ceasefire took effect at 18:00 UTC on Tuesday.", ["2022-01-11T18:00"]),
        ("The talks ended at 23:30 GMT.", ["2022-01-12T23:30"]),
        ("The strike began at 0800 UTC.", ["2022-01-12T08:00"]),
        ("The truce begins at 17.00 hours local time.", ["2022-01-12T17:00"]),
        ("The deal was signed on 7/8/07.", ["2007-07-08"]),
        ("The accord was signed on 10.05.2025.", ["2025-05-10"]),
        ("Voters went to the polls on 2019-04-18.", ["2019-04-18"]),
        ("Exports fell in the first quarter of last year.", ["2021-Q1"]),
        ("Talks resumed on 11 December.", ["2021-12-11"]),
        ("Exports rose 5 percent from the same month a year ago.", ["2021-01"]),
    ],
)
def test_each_class_is_found_and_read_whole(sentence, values):
    assert found_values(sentence, WEDNESDAY) == values


def test_a_day_before_its_month_is_a_date_not_a_programme():
    # "60 Minutes" is a programme; "22 April" a day
    assert found_values(
        "India condemned the attack in Pahalgam on 22 April.", dt.date(2025, 8, 9)
    ) == ["2025-04-22"]
    assert found_values("He told CBS's 60 Minutes that talks would go on.", WEDNESDAY) == []


@pytest.mark.parametrize(
    "sentence",
    ["The index rose 3.50 points to 10.25.", "Turnout was 61.5 percent.", "Read John 3 16."],
)
def test_figures_that_are_no_times_stay_figures(sentence):
    assert found_values(sentence, WEDNESDAY) == []


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("25/12/2024", "2024-12-25"),  # the first figure cannot be a month: day first
        ("3/4/2021", "2021-03-04"),  # slashes: month first
        ("3.4.2021", "2021-04-03"),  # dots: day first
        ("31.02.2021", None),  # no such day
        ("6:40 (GMT+8)", "2022-01-12T06:40"),
        ("9 a.m. EST Tuesday", "2022-01-11T09:00"),
        ("5 p.m. EST, Nov. 6", "2021-11-06T17:00"),
        ("the second quarter of the previous year", "2021-Q2"),
        ("the fourth quarter of 2019", "2019-Q4"),
    ],
)
def test_values_of_figures(words, value):
    read = normalize_expression(words, WEDNESDAY, -1)
    assert (read.value if read else None) == value
