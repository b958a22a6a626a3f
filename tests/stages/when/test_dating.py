"""Event dating: the expression attached to the event, else the article date."""

from __future__ import annotations

import datetime as dt

import pytest

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


ARTICLE_DAY = dt.date(2025, 8, 9)


@pytest.mark.parametrize(
    ("text", "kind", "date", "dated"),
    [
        # "of the year 1992" says which restrictions, not when they were lifted
        (
            "The president signed a waiver that lifts the restrictions of the year 1992 on Baku.",
            "CONCEDE",
            "2025-08-09",
            (ARTICLE_DAY, "article_date"),
        ),
        # a time in a relative clause dates only that clause
        (
            "Both governments asked the OSCE to close the Minsk Group, which mediated since 1992.",
            "REQUEST",
            "2025-08-09",
            (ARTICLE_DAY, "article_date"),
        ),
        # a possessive time names the thing, not the day of the event
        (
            "The opposition accused the government over Tuesday's vote in parliament.",
            "ACCUSE",
            "2025-08-09",
            (ARTICLE_DAY, "article_date"),
        ),
        # a time through a temporal preposition of the event noun dates it
        (
            "India condemned the attack in Pahalgam on 22 April.",
            "ASSAULT",
            "2025-08-09",
            (dt.date(2025, 4, 22), "relative"),
        ),
        # a time of another clause of the sentence stays there
        (
            "Protesters rallied outside the parliament, which the police had sealed off on Monday.",
            "PROTEST",
            "2025-05-14",
            (dt.date(2025, 5, 14), "article_date"),
        ),
    ],
)
def test_an_event_takes_only_the_time_of_its_own_clause(code, text, kind, date, dated):
    (event,) = [e for e in code(text, date).events if e.type == kind]
    assert (event.date, event.date_method) == dated


def test_the_time_of_the_saying_reaches_the_clause_it_governs(code):
    text = "Modi said on Monday that India would strike Pakistan again."
    (event,) = [e for e in code(text, "2025-05-13").events if e.type == "ASSAULT"]
    assert event.date == dt.date(2025, 5, 12)


def test_events_told_after_a_recent_day_happened_that_day(code):
    # Saturday 9 August: the ceremony of Friday goes on, paragraph after paragraph
    text = (
        "The leaders of Armenia and Azerbaijan signed a declaration on Friday at the White House."
        "\n\nWashington also signed separate agreements with each country."
        "\n\nOn Saturday, Iran's foreign ministry criticised the deal. Moscow welcomed the deal."
    )
    events = sorted(code(text, "2025-08-09").events, key=lambda e: e.trigger)
    days = [(e.type, e.date, e.date_method) for e in events]
    friday, saturday = dt.date(2025, 8, 8), dt.date(2025, 8, 9)
    assert ("SUPPORT", friday, "narrative") in days
    assert ("ACCUSE", saturday, "relative") in days or ("PROTEST", saturday, "relative") in days
    assert ("SUPPORT", saturday, "article_date") in days  # Moscow, after the day named anew


def test_a_day_further_back_is_background_and_carries_nothing(code):
    text = "Russia annexed Crimea on 18 March 2014. The European Union imposed sanctions on Moscow."
    events = code(text, "2025-08-09").events
    (sanction,) = [e for e in events if e.type == "SANCTION"]
    assert sanction.date == dt.date(2025, 8, 9) and sanction.date_method == "article_date"


def test_each_event_keeps_the_expression_that_dated_it(code):
    text = (
        "Azerbaijani forces shelled Armenian towns on Tuesday. The ministry said the attack "
        "killed 49 soldiers.\n\nArmenia denied the report."
    )
    events = sorted(code(text, "2022-09-16").events, key=lambda e: e.trigger)
    spans = [(e.date_method, e.date_span and text[e.date_span[0] : e.date_span[1]]) for e in events]
    assert spans[0] == ("relative", "Tuesday")
    assert ("narrative", "Tuesday") in spans  # the day carried on keeps where it was said
    assert all(span is None for method, span in spans if method == "article_date")


def test_a_clause_since_opens_dates_the_start_of_the_event(code):
    text = "According to the minister, 105 soldiers were killed since the army attacked on Tuesday."
    events = code(text, "2022-09-16").events
    assert {e.date for e in events if e.type == "ASSAULT"} == {dt.date(2022, 9, 13)}


def test_a_time_in_the_act_a_verb_governs_dates_that_act_not_the_verbs(code):
    result = code(
        "Pakistan and Afghanistan clashed on the border. "
        "The two sides agreed on Sunday to meet again on 25 October in Istanbul.",
        "2025-10-20",
    )
    (agreement,) = [e for e in result.events if e.type == "AGREE"]
    assert agreement.date == dt.date(2025, 10, 19)
    # the meeting the agreement fixes for a day is coded too, in the future, on its own day
    (meeting,) = [e for e in result.events if e.type == "CONSULT"]
    assert meeting.future and meeting.date == dt.date(2025, 10, 25)
    threat = code("Russia threatened to strike Kyiv on Friday.", "2025-10-20").events
    assert [e.date for e in threat if e.type == "THREATEN"] == [dt.date(2025, 10, 20)]


def test_a_meeting_agreed_with_no_day_is_only_the_agreements_term(code):
    result = code("Thailand and Cambodia agreed to meet immediately.", "2025-07-26")
    assert [e.type for e in result.events] == ["AGREE"]


def test_a_subject_naming_the_events_own_act_lends_it_its_date(code):
    result = code(
        "Israel's strike of 9 September killed five Hamas members. The restrictions of the "
        "year 1992 barred most aid.",
        "2025-09-15",
    )
    (killing,) = [e for e in result.events if e.type == "ASSAULT"]
    assert killing.date == dt.date(2025, 9, 9), killing
    assert all(e.date != dt.date(1992, 1, 1) for e in result.events), result.events
