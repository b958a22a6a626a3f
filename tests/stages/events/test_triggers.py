"""Trigger senses: a verb with several senses in the lexicon is decided by its arguments."""

from __future__ import annotations

import pytest


def _coded(result, trigger):
    text = result.article.text
    found = [e for e in result.events if text[e.trigger[0] : e.trigger[1]] == trigger]
    # one reading of the trigger (coordinated targets give one event each, all of one sense)
    assert len({(e.type, e.mode) for e in found}) == 1, [(e.type, e.rule) for e in result.events]
    return found[0]


@pytest.mark.parametrize(
    "text, trigger, event_type, mode",
    [
        # shut down: a test site is disarmament, a newspaper censorship
        ("North Korea will shut down its missile test site.", "shut", "RETREAT", "DISARM"),
        ("Russia shut down the independent newspaper Novaya Gazeta.", "shut", "COERCE", "CENSOR"),
        ("Turkey shut down its border with Syria.", "shut", "COERCE", "RESTRICT"),
        # close: an embassy is a severed tie, a border a restriction, a nuclear site disarmament
        ("Lithuania closed the embassy of Belarus.", "closed", "SANCTION", "SEVER"),
        ("Poland closed its border with Belarus.", "closed", "COERCE", "RESTRICT"),
        ("Iran closed the nuclear enrichment site at Fordow.", "closed", "RETREAT", "DISARM"),
        # suspend: drills are a step back, aid a sanction, talks a withdrawal, a paper censorship
        ("China suspended live-fire drills near Taiwan.", "suspended", "RETREAT", None),
        ("Washington suspended military aid to Egypt.", "suspended", "SANCTION", "DISCONTINUE"),
        ("Moscow suspended talks with Tokyo.", "suspended", "SANCTION", "WITHDRAW"),
        # welcome: a visitor to a place is a hosted visit, a decision is support
        (
            "The Turkish president welcomed the Hungarian prime minister to Ankara.",
            "welcomed",
            "CONSULT",
            "VISIT",
        ),
        ("France welcomed the decision of Iran.", "welcomed", "SUPPORT", None),
        # meet: a person is a meeting, demands a concession
        ("The Indian prime minister met the Chinese president.", "met", "CONSULT", None),
        ("The Serbian government met the demands of the strikers.", "met", "CONCEDE", None),
        # host: talks between others are mediation, refugees asylum
        ("Qatar hosted talks between Israel and Hamas.", "hosted", "CONSULT", "THIRD-PARTY"),
        ("Jordan hosted refugees from Syria.", "hosted", "AID", "ASYLUM"),
    ],
)
def test_a_trigger_sense_is_decided_by_its_arguments(code, text, trigger, event_type, mode):
    event = _coded(code(text), trigger)
    assert (event.type, event.mode) == (event_type, mode), event.rule


def test_an_announced_suspension_of_drills_is_a_future_step_back_not_a_threat(code):
    result = code("China announced it will suspend live-fire drills near Taiwan.")
    event = _coded(result, "suspend")
    assert event.type == "RETREAT" and event.future
    assert not any(e.type == "THREATEN" for e in result.events)


def test_shutting_down_a_launch_site_is_no_censorship(code):
    result = code("Iran will shut down the launch site in Semnan.")
    assert all(e.mode != "CENSOR" for e in result.events)


@pytest.mark.parametrize(
    "text",
    [
        "The Director General of Military Operations of Pakistan phoned Indian officials.",
        "The UN Special Rapporteur on Torture visited Kyiv on Monday.",
        "Britain's Minister for Peace and Reconciliation visited Juba.",
    ],
)
def test_a_trigger_noun_in_an_office_name_is_no_event(code, text):
    # "operations", "torture", "peace" name the office here; nobody attacked or tortured
    result = code(text)
    assert not [e for e in result.events if e.type in ("ASSAULT", "AGREE", "RETREAT")], [
        (e.type, e.rule) for e in result.events
    ]


def test_a_trigger_noun_after_of_outside_an_office_name_still_counts(code):
    # "of the attack" hangs on "accused", not on "head": the attack is an event
    result = code("Ukraine accused the head of the Russian army of the attack on Kupiansk.")
    assert {e.type for e in result.events} == {"ACCUSE", "ASSAULT"}


@pytest.mark.parametrize(
    "text, event_type",
    [
        (
            "Colombian President Gustavo Petro hit back on Sunday, writing that Trump lied.",
            "REJECT",
        ),
        ("Pakistan hit back at the Indian claims on Monday.", "REJECT"),
        ("Pakistan hit back with strikes on Indian air bases on Saturday.", "ASSAULT"),
    ],
)
def test_hitting_back_with_words_is_a_retort_not_a_blow(code, text, event_type):
    hit = [e for e in code(text, "2025-10-20").events if e.rule.startswith("verb hit")]
    assert [e.type for e in hit] == [event_type]
