from __future__ import annotations

import datetime as dt

BLINKEN = (
    "US Secretary of State Antony Blinken spoke in Washington on Thursday. "
    "Blinken threatened again that if Moscow opted for escalation, "
    "this would have massive consequences."
)


def _only(result, event_type):
    found = [e for e in result.events if e.type == event_type]
    assert len(found) == 1, [(e.type, e.rule) for e in result.events]
    return found[0]


def test_events_code_a_conditional_threat_as_hypothetical(code):
    event = _only(code(BLINKEN), "THREATEN")
    assert (event.source.actor.name, event.source.actor.country, event.source.actor.sector) == (
        "Antony Blinken",
        "USA",
        "GOV",
    )
    assert event.target.actor.country == "RUS"
    assert event.hypothetical and not event.negated
    assert (event.cameo, event.quad_class) == ("13", 3) and event.intensity < 0


def test_events_code_planned_talks_as_future_consult_with_place_and_date(code):
    result = code(
        "Talks between the USA and Russia are planned in Geneva on January 10th.", "2022-01-07"
    )
    event = _only(result, "CONSULT")
    assert event.source.actor.country == "USA" and event.target.actor.country == "RUS"
    assert event.future and event.date == dt.date(2022, 1, 10)
    assert (event.location.name, event.location.country) == ("Geneva", "CHE")


def test_events_split_coordinated_verbs(code):
    result = code("Russia invaded two countries, interfered in elections and violated agreements.")
    assert len(result.events) == 3
    assert all(e.source and e.source.actor.country == "RUS" for e in result.events)


def test_events_code_a_denial_as_reject(code):
    event = _only(code("Russia denies such plans."), "REJECT")
    assert event.source.actor.country == "RUS"


def test_events_code_agreement_to_withdraw_as_agree_only(code):
    result = code("Armenia and Azerbaijan agreed to withdraw their troops from the border.")
    assert [e.type for e in result.events] == ["AGREE"]


def test_events_pass_a_decision_to_the_governed_verb(code):
    event = _only(code("The European Union decided to impose sanctions on Belarus."), "SANCTION")
    assert event.source.actor.country == "EU" and event.target.actor.country == "BLR"


def test_events_flag_negation(code):
    event = _only(code("Russia did not attack Ukraine."), "ASSAULT")
    assert event.negated


def test_events_point_at_their_evidence(code):
    text = "Police detained dozens of protesters in Tbilisi on Tuesday."
    result = code(text)
    event = result.events[0]
    assert text[event.trigger[0] : event.trigger[1]] == "detained"
    assert text[event.sentence[0] : event.sentence[1]] == text
    assert event.rule


def test_events_take_passive_agent_as_source(code):
    event = _only(code("Ukraine was attacked by Russia."), "ASSAULT")
    assert event.source.actor.country == "RUS" and event.target.actor.country == "UKR"


def test_events_code_a_refusal_to_cooperate_as_reject(code):
    event = _only(code("Israel will not release the prisoners."), "REJECT")
    assert event.source.actor.country == "ISR" and not event.negated and "refused" in event.rule


def test_events_appeals_are_requests_with_a_cooperative_quad_class(code):
    event = _only(code("The United Nations urged Russia to withdraw its troops."), "REQUEST")
    assert event.cameo.startswith("02") and event.quad_class == 1
    demand = _only(code("Russia demanded guarantees from NATO."), "REQUEST")
    assert demand.cameo.startswith("10") and demand.quad_class == 3


def test_events_code_each_of_coordinated_actors(code):
    result = code("Britain, France and Germany condemned Russia and Belarus.")
    pairs = {
        (e.source.actor.country, e.target.actor.country)
        for e in result.events
        if e.type == "ACCUSE"
    }
    assert pairs == {(s, t) for s in ("GBR", "FRA", "DEU") for t in ("RUS", "BLR")}
    assert len({e.id for e in result.events}) == len(result.events)


def test_events_two_sides_agree_with_each_other(code):
    result = code(
        "Armenia and Azerbaijan held talks in Brussels. The two sides agreed to a ceasefire."
    )
    event = _only(result, "AGREE")
    assert (event.source.actor.country, event.target.actor.country) == ("ARM", "AZE")


def test_events_did_not_agree_is_a_refusal(code):
    event = _only(code("Russia did not agree to the proposal."), "REJECT")
    assert not event.negated and "refused" in event.rule


def test_events_announced_own_force_is_a_threat(code):
    event = _only(code("Iran said it would retaliate against any attack by Israel."), "THREATEN")
    assert (event.source.actor.country, event.target.actor.country) == ("IRN", "ISR")
    assert event.mode == "VIOLENCE"


def test_events_possessor_of_an_event_noun_is_its_source(code):
    text = (
        "US Secretary of State Antony Blinken spoke in Kyiv. "
        "Blinken's phone call with Kuleba lasted an hour."
    )
    event = next(e for e in code(text).events if e.mode == "PHONE")
    assert event.source.actor.name == "Antony Blinken"


def test_events_future_flag_agrees_with_the_direction_that_dates_the_event(code):
    # the news present of a schedule: the day lies ahead, and so does the meeting
    result = code(
        "The Russian foreign minister meets his Ukrainian counterpart in Geneva on Monday.",
        "2022-01-07",
    )
    event = _only(result, "CONSULT")
    assert event.future and event.date == dt.date(2022, 1, 10)


def test_events_a_plan_in_the_past_perfect_is_not_future(code):
    result = code("Russia had been expected to meet Ukraine in Geneva on Friday.", "2022-01-10")
    event = _only(result, "CONSULT")
    assert not event.future and event.date == dt.date(2022, 1, 7)


def test_events_code_initialling_a_treaty_and_a_prize_nomination_as_support(code):
    initialled = _only(
        code(
            "Armenian Foreign Minister Ararat Mirzoyan and Azerbaijani Foreign Minister Jeyhun "
            "Bayramov initialled the text of a peace treaty.",
            "2025-08-09",
        ),
        "SUPPORT",
    )
    assert (initialled.source.actor.country, initialled.target.actor.country) == ("ARM", "AZE")
    nominated = _only(
        code("Pakistan nominated Donald Trump for the Nobel Peace Prize.", "2025-06-21"),
        "SUPPORT",
    )
    assert (nominated.source.actor.country, nominated.target.actor.country) == ("PAK", "USA")
