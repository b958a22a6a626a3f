"""The direction an expression is read in: the clause's tense and the words before it."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.stages.when.helpers import FRIDAY, found_values


@pytest.mark.parametrize(
    "text, value",
    [
        ("Protesters planned a large demonstration in the capital on Saturday.", "1998-05-02"),
        ("The shares are to resume trading in Paris on Tuesday.", "1998-05-05"),
    ],
)
def test_plans_and_is_to_point_forward(text, value):
    assert found_values(text, dt.date(1998, 5, 1)) == [value]


@pytest.mark.parametrize(
    "text, value",
    [
        # a past-tense month is this year's even when next year's is nearer
        ("The chairman stepped down in March for health reasons.", "1989-03"),
        # ... unless it is next month: the visit lies ahead
        ("The ministry announced a visit by the trade secretary in November.", "1989-11"),
        # a deadline: "until" points ahead
        ("The agency postponed until Tuesday any action on the permit.", "1989-10-31"),
        # but "until" in a pluperfect clause looks back
        ("Until Thursday, the police had not named a suspect.", "1989-10-26"),
        # the news present of a schedule
        ("The two leaders meet separately Monday with the envoy.", "1989-10-30"),
        # a plan that had already passed
        ("The offer had been scheduled to expire at midnight Friday.", "1989-10-27T24:00"),
        # a bare participle takes the tense of the verb it hangs from
        ("Police said the car was later found abandoned at the airport in December.", "1988-12"),
        # ... and so does a bare present participle
        (
            "The currency has swung widely, climbing to a peak in June from a low in March.",
            "1989-06 1989-03",
        ),
        # a plan that had been due has passed
        ("The permit had been due to lapse Friday evening.", "1989-10-27TEV"),
        # "through" a month points ahead like "until"
        ("The lenders will extend credit lines through January.", "1990-01"),
        # a plural-form verb after a singular subject is a past tense ("hurt", "cut", "set")
        ("Weakness in chip makers hurt the index on Thursday.", "1989-10-26"),
        # the month just ended is "last month": "last September" is the year before's
        ("The factory closed last September.", "1988-09"),
        ("The factory closed last June.", "1989-06"),
    ],
)
def test_tense_places_weekdays_and_months(text, value):
    assert found_values(text, dt.date(1989, 10, 28)) == value.split()


def test_times_after_due_and_until_point_forward():
    assert found_values("The bonds are due Nov. 1, 2031.", FRIDAY) == ["2031-11-01"]
    assert found_values("The notes, due March 1, were repaid.", FRIDAY) == ["2022-03-01"]
