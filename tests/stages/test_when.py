from __future__ import annotations

import datetime as dt

import pytest

from eventwire.stages.when import (
    TimeFinder,
    anchor_weekday,
    infer_article_date,
    news_weekday,
    normalize_expression,
    value_to_date,
)

FRIDAY = dt.date(2022, 1, 7)


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


def test_missing_article_date_is_inferred_from_a_full_date_its_weekday_agrees_with(code):
    result = code(
        "On Wednesday, January 12, 2022, NATO ambassadors met Russian diplomats in Brussels.", None
    )
    assert result.article.date == dt.date(2022, 1, 12)
    assert [p.code for p in result.problems] == ["date_inferred"]


def test_a_lead_full_date_alone_bounds_the_article_date_but_does_not_set_it(code):
    # follow-up stories open on the date of what they follow up: without a weekday that
    # agrees, the date is only a lower bound
    result = code("On January 12, 2022, NATO ambassadors met Russian diplomats in Brussels.", None)
    assert result.article.date is None and [p.code for p in result.problems] == ["date_unknown"]
    assert result.date_estimate.earliest == dt.date(2022, 1, 12)
    assert result.date_estimate.latest > dt.date(2022, 12, 31)  # a feature may look back years


def test_a_weekday_in_another_sentence_does_not_fix_the_year_of_a_day(code):
    # within Albright's tenure (1997-2001) "Aug. 7" just past fits every year; a "Monday" told in
    # another sentence is another day of the week, so the window keeps every year it fits
    text = (
        "Secretary of State Madeleine Albright said the bombings of Aug. 7 would be answered. "
        "Investigators questioned two suspects on Monday."
    )
    estimate = code(text, None).date_estimate
    assert estimate.earliest.year <= 1998 and estimate.latest.year >= 2000


def test_missing_article_date_without_evidence_is_reported(code):
    result = code("Russia denied the accusations.", None)
    assert result.article.date is None and [p.code for p in result.problems] == ["date_unknown"]


def test_infer_article_date_needs_an_explicit_day():
    assert infer_article_date([], []) is None


def test_missing_article_date_is_read_from_the_dateline_under_the_title(code):
    text = "Parliament drops bill after protests\n\nNorthstar Daily, March 10, 2023\n\nParliament rejected the bill."
    result = code(text, None)
    assert (
        result.article.date == dt.date(2023, 3, 10) and result.problems[0].code == "date_inferred"
    )


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
    ],
)
def test_normalize_expression_reads_news_periods(text, anchor, direction, value):
    assert normalize_expression(text, anchor, direction)[1] == value


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
    kind, value, _, _ = normalize_expression(text, FRIDAY, direction)
    assert (kind, value) == expected


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
    assert normalize_expression(text, anchor, direction)[1] == value


def test_untensed_weekday_is_the_one_just_past_unless_tomorrow():
    assert news_weekday(FRIDAY, 0, 0) == dt.date(2022, 1, 3)
    assert news_weekday(FRIDAY, 5, 0) == dt.date(2022, 1, 8)
    assert news_weekday(FRIDAY, 0, 1) == dt.date(2022, 1, 10)


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


def test_year_ago_in_a_quarterly_report_is_the_same_quarter_a_year_before(code):
    text = (
        "Acme Corp. said its third-quarter net income rose 12% to $40 million. "
        "A year earlier, the company earned $35.7 million. "
        "For the nine months, profit rose from a year earlier."
    )
    values = _told(code, text, "1989-10-26")
    assert ("A year earlier", "1988-Q3") in values and ("a year earlier", "1988") in values


def test_that_year_counts_from_the_last_date_the_story_named(code):
    text = "The rebel leader fled to Mexico in March 1996. He was arrested later that year."
    values = _told(code, text, "2001-05-02")
    assert ("later that year", "1996") in values


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


@pytest.mark.parametrize(
    "text, values",
    [
        # a clock time followed by its day in another form, and a wire's 24-hour clock
        (
            "The blast came at about 10:35 a.m. (0735 GMT) Friday, police said.",
            ["2022-01-07T10:35", "2022-01-07T07:35", "2022-01-07"],
        ),
        # a spoken clock time takes the day the bracket names; a clock time with its own day keeps it
        (
            "He will fly out at 4 in the morning (4 a.m. EST Sunday), the envoy said.",
            ["2022-01-09T04:00", "2022-01-09T04:00"],
        ),
    ],
)
def test_clock_times_in_their_other_forms_take_their_day(text, values):
    assert _values(text, FRIDAY) == values


@pytest.mark.parametrize(
    "text",
    [
        "Pension funds hold more than a quarter of the bonds.",
        'The minister said on CBS\'s "60 Minutes" that talks would go on.',
        'The envoy told ABC\'s "This Week" that a deal was near.',
    ],
)
def test_fractions_and_programme_names_are_not_times(text):
    assert _values(text, FRIDAY) == []


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
    assert _values(text, FRIDAY) == values


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
    assert _values(text, FRIDAY) == values


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
    assert _values(text, FRIDAY) == values


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
    assert _values(text, FRIDAY) == values


def test_the_quarter_a_report_names_is_the_one_meant_further_on(code):
    text = (
        "Acme Corp. reported a loss for the fiscal first quarter. "
        "Its stores sold 9,000 bicycles in the quarter, the chairman said."
    )
    values = _told(code, text, "1989-10-26")
    assert ("the quarter", "1989-Q1") in values


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
    assert _values(text, anchor) == values


@pytest.mark.parametrize("text, value", [("this September", "2022-09"), ("recent years", "PXY")])
def test_normalize_expression_reads_this_month_and_recent_periods(text, value):
    assert normalize_expression(text, FRIDAY, 0)[1] == value


def test_a_background_full_date_past_the_lead_does_not_date_the_article(code):
    text = (
        "Arms control talks resume\nDiplomats gathered again to discuss the future of the treaty.\n\n"
        "The treaty was signed on April 8, 2010, in Prague, and extended once since."
    )
    result = code(text, None)
    assert result.article.date is None
    assert result.date_estimate is not None and result.date_estimate.earliest >= dt.date(2010, 4, 8)
    assert [p.code for p in result.problems] == ["date_unknown"]


@pytest.mark.parametrize(
    "text, value",
    [
        ("Protesters planned a large demonstration in the capital on Saturday.", "1998-05-02"),
        ("The shares are to resume trading in Paris on Tuesday.", "1998-05-05"),
    ],
)
def test_plans_and_is_to_point_forward(text, value):
    assert _values(text, dt.date(1998, 5, 1)) == [value]


def _told(code, text: str, date: str) -> list[tuple[str, str]]:
    """(text, value) of every time expression the whole pipeline finds in an article dated ``date``."""
    return [(t.text, t.value) for t in code(text, date).times]


def _values(text: str, anchor: dt.date) -> list[str]:
    """The values the time finder gives one parsed sentence on the article date ``anchor``."""
    from eventwire.lexicons import load_occasions
    from eventwire.stages.parse import Parser

    (segments,) = Parser()([(text, [(0, len(text))])])
    return [t.value for t in TimeFinder(load_occasions())(segments, anchor)]


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
    assert _values(text, dt.date(1989, 10, 28)) == value.split()


def test_dateline_in_the_title_line_is_read_on_the_article_date(code):
    text = "BRUSSELS, March 12 (Agency) --\n\nThe alliance admitted three new members on Friday."
    values = _told(code, text, "1999-03-13")
    assert values[0] == ("March 12", "1999-03-12")


def test_a_header_date_above_the_lead_dates_the_article(code):
    text = (
        "www.example.org/news/2013/05/03/rehab-story\nActress checks into rehab clinic\nMay 3, 2013\n"
        "The actress checked into a rehab clinic in California on the orders of a judge, her lawyer said."
    )
    result = code(text, None)
    assert result.article.date == dt.date(2013, 5, 3) and result.date_source == "inferred"


def test_an_undated_article_is_bounded_by_a_1990s_tenure(code):
    result = code("Attorney General Janet Reno met Cuban officials in Havana.", None)
    (event,) = result.events
    assert (event.source.actor.name, event.source.actor.country) == ("Janet Reno", "USA")
    estimate = result.date_estimate
    assert (estimate.earliest, estimate.latest) == (dt.date(1993, 3, 1), dt.date(2001, 1, 1))


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
    assert _values(text, FRIDAY) == values


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
    assert _values(text, FRIDAY) == values


def test_times_told_from_a_happening_take_its_day(code):
    text = (
        "The judge was shot dead at 9 p.m. as he left the courthouse in Mardan. Police have hunted two gunmen "
        "since the March 4 killing. A guard saw a motorbike outside the court at 7 a.m. three days before the "
        "murder. The suspects rented a room nearby in the weeks before the shooting. Lawyers struck the day "
        "after his death."
    )
    values = _told(code, text, "2022-04-20")
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
        "A journalist was killed on March 4 in Kabul. A second reporter was killed on March 9 in Herat. "
        "Colleagues protested the day after the killing."
    )
    assert "2022-03-05" not in _values(text, FRIDAY) and "2022-03-10" not in _values(text, FRIDAY)


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
    assert _values(text, FRIDAY) == values


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
    assert _values(text, FRIDAY) == values


def test_a_later_report_in_a_roundup_means_its_own_quarter(code):
    text = (
        "Northwind Steel posted a 40% drop in third-quarter profit, hurt by a furnace outage.\n\n"
        "Separately, Harbor Mills reported a fiscal second-quarter loss. Sales in the quarter ended Sept. 30 "
        "fell to $80 million. The latest period includes a gain of $2 million from a land sale."
    )
    values = _told(code, text, "1989-10-26")
    assert ("third-quarter", "1989-Q3") in values and ("The latest period", "1989-Q2") in values


def test_a_bond_maturity_and_a_forecast_year_do_not_date_an_undated_article(code):
    text = (
        "Harbor Utilities sold $200 million of notes due Nov. 1, 2031, priced at par to yield 6%. "
        "An analyst trimmed his 2030 earnings projection for the company. The utility raised prices in 2019."
    )
    result = code(text, None)
    assert result.article.date is None
    estimate = result.date_estimate
    assert estimate is not None and estimate.earliest == dt.date(2019, 1, 1)
    # the window runs from the year the text tells of to the year after today, not to the notes' maturity
    assert estimate.latest == dt.date(dt.date.today().year + 1, 12, 31)


def test_times_after_due_and_until_point_forward():
    assert _values("The bonds are due Nov. 1, 2031.", FRIDAY) == ["2031-11-01"]
    assert _values("The notes, due March 1, were repaid.", FRIDAY) == ["2022-03-01"]


def test_a_happening_named_by_a_famous_date_does_not_date_todays_one(code):
    text = (
        "Militants stormed a police post in Kandahar on Monday, killing six officers. Officials said the attack "
        "was the deadliest since the Sept. 11 attacks. Two days after the attack, police arrested three men."
    )
    values = _told(code, text, "2022-05-10")
    assert (
        "Sept. 11",
        "2021-09-11",
    ) in values  # "since" points back, however near next September is
    assert not any(value.startswith(("2021-09-13", "2022-09-13")) for _, value in values)


def test_a_numbered_quarter_ended_on_a_day_is_in_that_days_year_and_that_quarter_refers_back(code):
    text = (
        "The grain trader changed its fiscal year last spring. In the comparable year-ago quarter, the second "
        "quarter ended Oct. 31, it lost $3 million. Results for that quarter included a write-down."
    )
    values = _told(code, text, "1989-10-27")
    assert ("the second quarter", "1988-Q2") in values and ("that quarter", "1988-Q2") in values
    # the quarter the apposition describes is that one, not the calendar quarter a year back
    assert ("the comparable year-ago quarter", "1988-Q2") in values


@pytest.mark.parametrize(
    "text, values",
    [
        ("The drop will mean lower earnings for the fiscal year, the company said.", ["2022"]),
        ("The insurer changed from a fiscal year to a calendar year.", []),
    ],
)
def test_the_fiscal_year_is_the_articles_and_a_fiscal_year_is_no_time(text, values):
    assert _values(text, FRIDAY) == values


def test_last_years_figures_after_a_quarter_are_that_quarter_a_year_before(code):
    text = (
        "Harbor Mills reported a fiscal second-quarter loss. The latest period includes a gain from a land sale. "
        "Last year's results were hurt by a strike. Some had predicted profit of $4 a share for this year, "
        "up from last year's $3.27 a share."
    )
    values = _told(code, text, "1989-10-26")
    assert ("Last year", "1988-Q2") in values and ("last year", "1988") in values
    text = (
        "Harbor Mills reported a fiscal second-quarter loss. Its shipping unit earned $4 million, compared with "
        "a loss of $3 million last year."
    )
    assert ("last year", "1988-Q2") in _told(code, text, "1989-10-26")
