"""Times told from a happening the article dates elsewhere."""

from __future__ import annotations

from tests.stages.when.helpers import FRIDAY, found_values, told


def test_times_told_from_a_happening_take_its_day(code):
    text = (
        "The judge was shot dead at 9 p.m. as he left the courthouse in Mardan. Police have hunted "
        "two gunmen "
        "since the March 4 killing. A guard saw a motorbike outside the court at 7 a.m. three days "
        "before the "
        "murder. The suspects rented a room nearby in the weeks before the shooting. Lawyers "
        "struck the day "
        "after his death."
    )
    values = told(code, text, "2022-04-20")
    assert values == [
        ("9 p.m", "2022-03-04T21:00"),
        ("March 4", "2022-03-04"),
        ("7 a.m", "2022-03-01T07:00"),
        ("three days", "2022-03-01"),
        ("the weeks", "2022-03"),
        ("the day", "2022-03-05"),
    ]


def test_a_happening_tied_to_two_days_dates_nothing():
    # two killings on different days: "the day after the killing" cannot be told from either
    text = (
        "A journalist was killed on March 4 in Kabul. A second reporter was killed on March 9 in "
        "Herat. "
        "Colleagues protested the day after the killing."
    )
    assert "2022-03-05" not in found_values(text, FRIDAY) and "2022-03-10" not in found_values(
        text, FRIDAY
    )


def test_a_happening_named_by_a_famous_date_does_not_date_todays_one(code):
    text = (
        "Militants stormed a police post in Kandahar on Monday, killing six officers. Officials "
        "said the attack "
        "was the deadliest since the Sept. 11 attacks. Two days after the attack, police arrested "
        "three men."
    )
    values = told(code, text, "2022-05-10")
    assert (
        "Sept. 11",
        "2021-09-11",
    ) in values  # "since" points back, however near next September is
    assert not any(value.startswith(("2021-09-13", "2022-09-13")) for _, value in values)
