"""Calendar arithmetic: weekdays anchored on the article date."""

from __future__ import annotations

import datetime as dt

from eventwire.stages.when.calendar import anchor_weekday, news_weekday
from tests.stages.when.helpers import FRIDAY


def test_anchor_weekday_nearest_when_tense_unknown():
    assert anchor_weekday(FRIDAY, 0, 0) == dt.date(2022, 1, 10)
    assert anchor_weekday(FRIDAY, 2, 0) == dt.date(2022, 1, 5)


def test_untensed_weekday_is_the_one_just_past_unless_tomorrow():
    assert news_weekday(FRIDAY, 0, 0) == dt.date(2022, 1, 3)
    assert news_weekday(FRIDAY, 5, 0) == dt.date(2022, 1, 8)
    assert news_weekday(FRIDAY, 0, 1) == dt.date(2022, 1, 10)
