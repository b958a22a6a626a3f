"""Reactions to an act told before are aimed at its doer (``stages/events/reactions.py``)."""

from __future__ import annotations

import pytest

SANCTIONS = "The US Treasury imposed sanctions on Colombian President Gustavo Petro on Friday. "


def _aimed(result, event_type):
    return [
        (e.source.actor.country, e.target.actor.country if e.target else None)
        for e in result.events
        if e.type == event_type
    ]


@pytest.mark.parametrize(
    "reaction, event_type",
    [
        ("Petro denounced the measure within hours.", "ACCUSE"),
        ("Venezuela's foreign minister criticised the sanctions.", "ACCUSE"),
        ("Petro rejected these sanctions as baseless.", "REJECT"),
    ],
)
def test_a_reaction_to_the_act_named_before_is_aimed_at_its_doer(code, reaction, event_type):
    result = code(SANCTIONS + reaction, "2025-10-24")
    reacting = [e for e in result.events if e.type == event_type]
    assert [e.target.actor.country for e in reacting if e.target] == ["USA"], result.events
    # the target is the sanctions' doer, read from the act told before (or, where the article
    # has two sides, the other side, which is the same here)
    assert all(
        "the doer of" in e.target.evidence or "two sides" in e.target.evidence
        for e in reacting
        if e.target
    ), reacting


def test_a_reaction_with_nothing_before_it_or_whose_act_is_named_stays_unaimed(code):
    # no act of that kind told before: nothing to aim at
    alone = code("Colombian President Gustavo Petro denounced the measure.", "2025-10-24")
    assert _aimed(alone, "ACCUSE") == [("COL", None)]
    # the noun says whose act it is: the actors stage reads it, this rule does not guess
    european = code(SANCTIONS + "Petro denounced the European measure.", "2025-10-24")
    assert ("COL", "USA") not in _aimed(european, "ACCUSE")


def test_an_act_of_the_reacting_side_is_passed_over(code):
    text = (
        "Colombia recalled its ambassador from Washington on Monday. "
        "Venezuela imposed sanctions on Colombian officials on Tuesday. "
        "Colombia's foreign minister criticised the sanctions."
    )
    assert ("COL", "VEN") in _aimed(code(text, "2025-10-24"), "ACCUSE")


def test_naming_anothers_act_with_a_threats_words_accuses_it(code):
    result = code(
        SANCTIONS + "Colombia's interior minister called the sanctions political revenge.",
        "2025-10-24",
    )
    assert ("COL", "USA") in _aimed(result, "ACCUSE"), result.events
    assert not [e for e in result.events if e.type == "THREATEN"]


STRIKE = "Israeli jets struck a residential compound in Doha on Tuesday. "


@pytest.mark.parametrize(
    "reaction",
    [
        "Saudi Arabia condemned it within hours.",
        'The prime minister of Qatar called the attack "state terrorism".',
        'The emir called the attack "treacherous and cowardly".',
        "Saudi Arabia said on Wednesday that it disagreed with the strikes.",
        'Egypt said it was "not happy" about the attack.',
    ],
)
def test_a_condemnation_of_it_or_a_name_for_the_act_accuses_its_doer(code, reaction):
    result = code(STRIKE + reaction, "2025-09-10")
    assert ("ISR",) in {
        (e.target.actor.country,) for e in result.events if e.type == "ACCUSE" and e.target
    }, result.events


def test_it_names_only_an_act_of_the_sentence_before(code):
    text = STRIKE + "Talks on a truce went on in Cairo. Saudi Arabia condemned it on Friday."
    result = code(text, "2025-09-10")
    accusations = [e for e in result.events if e.type == "ACCUSE"]
    assert accusations and all(e.target is None for e in accusations), accusations


def test_a_word_that_names_an_act_accuses_only_as_a_name(code):
    text = '"Terrorism from Afghan soil against Pakistan will end now," Asif wrote on Sunday.'
    result = code(text, "2025-10-19")
    assert not [e for e in result.events if e.type == "ACCUSE"], result.events
