from __future__ import annotations

import pytest

from eventwire.lexicons import load_triggers
from eventwire.stages.syntax import (
    as_phrase,
    clause_direction,
    clause_tense,
    clause_tokens,
    governing_verb,
    is_hypothetical,
    is_negated,
    subject_of,
)


@pytest.fixture(scope="module")
def word():
    """word("Russia will meet Ukraine.", "meet"): that token of the sentence, parsed once."""
    from eventwire.stages.parse import load_model

    nlp = load_model()
    parsed: dict = {}

    def find(text: str, wanted: str):
        if text not in parsed:
            parsed[text] = nlp(text)
        return next(t for t in parsed[text] if t.text == wanted)

    return find


# Each of these was read two ways before: the event's future flag said one thing and the
# direction that dated the clause's time another.
@pytest.mark.parametrize(
    ("text", "trigger", "time", "direction"),
    [
        # a present with a day: dated as ahead, yet the event was not flagged future
        (
            "The Russian foreign minister meets his Ukrainian counterpart on Monday.",
            "meets",
            "Monday",
            1,
        ),
        # a plan already past: flagged future, yet dated as past
        ("The talks had been scheduled to start on Friday.", "start", "Friday", -1),
        # set for a day: flagged future, yet dated without a tense
        ("The talks are set for Monday.", "talks", "Monday", 1),
        # a future above the verb: flagged future, yet dated without a tense
        ("Russia will try to meet Ukraine on Monday.", "meet", "Monday", 1),
    ],
)
def test_syntax_trigger_and_time_of_one_clause_read_one_tense(word, text, trigger, time, direction):
    event, when = clause_tense(word(text, trigger)), clause_tense(word(text, time))
    assert event.verb == when.verb
    assert event.direction == when.direction == direction
    assert event.is_future == (clause_direction(word(text, time)) > 0)


@pytest.mark.parametrize(
    ("text", "token", "direction"),
    [
        ("Russia will impose sanctions on Friday.", "impose", 1),
        ("Russia is going to impose sanctions.", "impose", 1),
        ("The ministers are expected to meet on Tuesday.", "meet", 1),
        ("Russia plans to invade Ukraine.", "invade", 1),
        ("Ukraine is preparing to launch an offensive.", "launch", 1),
        ("Protesters planned a rally on Saturday.", "rally", 1),
        ("Police are bracing for a rally planned for Saturday.", "Saturday", 1),
        ("The prime minister is visiting Rome on Sunday.", "visiting", 1),
        ("Russia imposed sanctions on Friday.", "imposed", -1),
        ("The army did not withdraw on Monday.", "withdraw", -1),
        ("A memorial service planned for Saturday was canceled.", "Saturday", -1),
        ("The Russian foreign minister meets his Ukrainian counterpart.", "meets", 0),
        ("Police are investigating a 2013 shooting.", "investigating", 0),
        ("The government today condemns the attack.", "condemns", 0),
    ],
)
def test_syntax_clause_tense_reads_the_direction(word, text, token, direction):
    tense = clause_tense(word(text, token))
    assert tense.direction == direction, tense.reasons
    assert tense.reasons


def test_syntax_negation_reaches_the_verb_above(word):
    assert is_negated(word("Russia did not agree to withdraw its troops.", "withdraw"))
    assert not is_negated(word("Russia agreed to withdraw its troops.", "withdraw"))


def test_syntax_a_condition_makes_a_clause_hypothetical(word):
    assert is_hypothetical(word("If Russia attacks, NATO would respond.", "attacks"))
    assert not is_hypothetical(word("Russia attacked and NATO responded.", "attacked"))


def test_syntax_subject_is_inherited_through_a_control_verb(word):
    assert subject_of(word("The European Union decided to impose sanctions.", "impose")).text == (
        "Union"
    )


def test_syntax_a_second_telling_joined_to_what_is_said_is_the_speakers(word):
    text = (
        "The Taliban said ten civilians, three of them young cricketers, were among the dead, "
        "and accused Islamabad of breaking the truce."
    )
    telling = load_triggers().telling
    assert subject_of(word(text, "accused"), telling).text == "Taliban"
    # a deed joined to the said clause keeps that clause's subject
    withdrew = word("He said the troops were tired and withdrew.", "withdrew")
    assert subject_of(withdrew, telling).text == "troops"


def test_syntax_governing_verb_passes_through_a_measure_noun(word):
    assert governing_verb(word("Russia held eight hours of talks.", "talks")).text == "held"


def test_syntax_clause_tokens_leave_out_an_embedded_clause(word):
    text = "Russia attacked the town after Ukraine refused on Monday."
    trigger, monday = word(text, "attacked"), word(text, "Monday")
    assert trigger.i in clause_tokens(trigger) and monday.i not in clause_tokens(trigger)


def test_syntax_an_as_phrase_describes_and_such_as_lists(word):
    phrase = as_phrase(word("Malaysia hosted the talks as chair of ASEAN.", "ASEAN"))
    assert phrase is not None and phrase.text == "as"
    assert (
        as_phrase(word("Malaysia hosted leaders of states such as Thailand.", "Thailand")) is None
    )
    assert as_phrase(word("Malaysia hosted the talks as chair of ASEAN.", "talks")) is None
