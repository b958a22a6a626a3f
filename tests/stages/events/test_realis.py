"""Realis: asserted, negated, hypothetical, future or reported (docs/output.md), and flags that
must not over-fire."""

from __future__ import annotations

import pytest


def _event(result, event_type, trigger):
    text = result.article.text
    found = [
        e
        for e in result.events
        if e.type == event_type and text[e.trigger[0] : e.trigger[1]] == trigger
    ]
    assert len(found) == 1, [(e.type, text[e.trigger[0] : e.trigger[1]]) for e in result.events]
    return found[0]


@pytest.mark.parametrize(
    "text, event_type, trigger, reason",
    [
        ("Hungary wants to buy tanks from Germany.", "COOPERATE", "buy", "wish"),
        ("Tehran seeks to expand its cooperation with Beijing.", "COOPERATE", "expand", "wish"),
        ("Ecuador hopes to sign a trade agreement with Japan.", "SUPPORT", "sign", "wish"),
        ("Nobody knows whether Serbia will attack Kosovo this year.", "ASSAULT", "attack", ""),
        ("Poland is likely to impose sanctions on Belarus.", "SANCTION", "impose", "doubt"),
        ("Belarus will probably impose sanctions on Lithuania.", "SANCTION", "impose", "doubt"),
        ("Will Turkey invade Syria before the elections?", "ASSAULT", "invade", "question"),
    ],
)
def test_wishes_doubts_and_questions_are_hypothetical(code, text, event_type, trigger, reason):
    event = _event(code(text), event_type, trigger)
    assert event.hypothetical and not event.negated
    assert reason in event.rule


def test_declining_to_say_whether_asserts_nothing(code):
    result = code(
        "The Pakistani foreign ministry spokesman declined to say whether Pakistan would expel "
        "the Afghan ambassador."
    )
    expel = _event(result, "SANCTION", "expel")
    assert expel.hypothetical  # not a threat: a "whether" announces nothing


def test_a_wh_question_takes_its_act_as_given(code):
    event = _event(
        code("Why did Azerbaijan attack Armenia in September of that year?"), "ASSAULT", "attack"
    )
    assert not event.hypothetical


def test_an_act_the_speaker_says_another_must_do_is_not_done(code):
    result = code("Serbia must withdraw its police from northern Kosovo, the EU envoy said.")
    event = _event(result, "RETREAT", "withdraw")
    assert event.hypothetical and "obligation" in event.rule


@pytest.mark.parametrize(
    "text, trigger",
    [
        ("Egypt cancelled the Ethiopian prime minister's planned visit to Cairo.", "visit"),
        ("Japan called off talks with South Korea on fishing rights.", None),
    ],
)
def test_a_cancelled_act_is_negated_and_not_hypothetical(code, text, trigger):
    result = code(text)
    consult = [e for e in result.events if e.type == "CONSULT"]
    assert all(e.negated and not e.hypothetical for e in consult)
    if trigger:
        assert consult, [(e.type, e.rule) for e in result.events]


def test_a_dated_warning_is_asserted(code):
    event = _event(code("The United States warned Caracas on Tuesday."), "THREATEN", "warned")
    assert not (event.hypothetical or event.negated or event.future)


def test_a_demand_in_a_relative_clause_is_a_real_demand(code):
    result = code("Kyiv rejected the concessions that Moscow has demanded since the summer.")
    event = _event(result, "REQUEST", "demanded")
    assert event.source.actor.country == "RUS"
    assert not (event.hypothetical or event.negated or event.future)


def test_a_done_act_beside_a_wish_stays_asserted(code):
    result = code("Russia shelled Kharkiv and wants to annex the whole region.")
    assert not _event(result, "ASSAULT", "shelled").hypothetical


def test_a_claim_the_writer_attributes_is_reported_not_asserted(code):
    result = code("Belgrade's claim that it was attacked by Pristina is false.")
    event = _event(result, "ASSAULT", "attacked")
    assert event.reported == "paraphrase" and event.reported_by.country == "SRB"


def test_a_claim_of_an_unknown_speaker_is_still_reported(code):
    result = code(
        "The spokesman declined to say whether Israel had struck the Iranian consulate in Syria."
    )
    event = _event(result, "ASSAULT", "struck")
    assert event.reported == "paraphrase" and event.hypothetical


def test_realis_words_are_data_and_a_broken_list_is_refused(tmp_path):
    from eventwire import lexicons
    from eventwire.errors import DataFileError

    assert "want" in lexicons.load_realis().wishes
    (tmp_path / "realis.yaml").write_text("version: 1\nwishes: [crave]\n")
    assert "crave" in lexicons.load_realis((tmp_path,)).wishes
    (tmp_path / "realis.yaml").write_text("version: 1\nwishes: crave\n")
    with pytest.raises(DataFileError, match="realis.yaml"):
        lexicons.load_realis((tmp_path,))


@pytest.mark.parametrize(
    "text",
    [
        "Asked whether Russia had been consulted, a Kremlin spokesman said Moscow knew the plans.",
        "Pressed on the talks, the Thai foreign minister declined to comment.",
    ],
)
def test_the_reporters_question_is_no_request(code, text):
    result = code(text)
    assert not [e for e in result.events if e.type == "REQUEST"], result.events


def test_a_request_with_its_own_doer_stays(code):
    result = code("Germany was asked by Ukraine to send more tanks.")
    assert [e.type for e in result.events if e.type == "REQUEST"] == ["REQUEST"]


@pytest.mark.parametrize(
    "text",
    [
        "Pakistan has consistently denied any link to the attack.",
        "Congo has repeatedly accused Rwanda of sending troops across the border.",
        "The Congolese government accused Rwanda many times of supporting the M23 rebels.",
        "Ankara and Yerevan have held normalisation talks through special envoys since 2022.",
        "The foreign ministry has so far rejected the proposal.",
        "Trump waived part of a 1992 law, a step Baku had long requested.",
    ],
)
def test_a_standing_position_or_a_background_campaign_is_no_event(code, text):
    # states and campaigns summed over years are background (examples/judged/README.md), and
    # so are the acts alleged inside them
    assert code(text).events == ()


@pytest.mark.parametrize(
    "text, event_type",
    [
        ("Russian troops repeatedly shelled Kharkiv on Monday.", "ASSAULT"),
        ("Russia has attacked Kharkiv.", "ASSAULT"),
        ("Since Monday, Israel has struck targets in southern Lebanon.", "ASSAULT"),
    ],
)
def test_a_repeated_act_of_the_day_is_still_an_event(code, text, event_type):
    assert [e.type for e in code(text).events] == [event_type]


@pytest.mark.parametrize(
    "text",
    [
        "Kigali denies this and says it only protects its border.",
        "Islamabad accuses the Taliban government of sheltering the TTP.",
        "Moscow does not recognise the mechanism of the Europeans.",
    ],
)
def test_a_third_partys_speech_act_in_the_present_is_a_position_in_the_body(code, text):
    # in the body of an article a position; as the opening sentence (a headline, a text of
    # one sentence) it tells the news in the present, and is coded
    body = code(f"The talks ended on Friday without a deal. {text}", "2025-10-20").events
    assert [e.type for e in body] == []
    assert code(text, "2025-10-20").events


def test_ones_own_demand_in_the_present_is_the_act_itself(code):
    text = "„We demand that Kyiv withdraw its troops“, the Russian foreign minister said."
    assert "REQUEST" in [e.type for e in code(text, "2025-05-08").events]


@pytest.mark.parametrize(
    "text",
    [
        "Pakistan accused Afghanistan of attacking its posts and of sheltering the TTP.",
        "India blamed Pakistan for the attack on the tourists.",
        "Russia charged Ukraine with shelling the plant.",
        "Pakistan accuses Kabul since years that it gives shelter to the TTP.",
    ],
)
def test_what_one_is_accused_of_is_a_claim_and_no_event(code, text):
    # the accusation is the event; the act alleged is the accuser's claim (judged README)
    assert [e.type for e in code(text, "2025-10-20").events] == ["ACCUSE"]


def test_what_is_done_without_is_negated_and_no_refusal(code):
    # "without firing a shot": no shot fired, and nobody refused to fire
    result = code("The army withdrew from the town without firing a shot at the Ukrainian troops.")
    fired = _event(result, "ASSAULT", "firing")
    assert fired.negated and not fired.hypothetical


@pytest.mark.parametrize(
    "text",
    [
        "Trump said Armenia and Azerbaijan had committed to stop fighting forever.",
        "The leaders of Israel and Lebanon pledged to end the attacks on border villages.",
        "Poland called for an end to the shelling of Kharkiv by Russian troops.",
    ],
)
def test_an_act_brought_to_an_end_is_no_new_act(code, text):
    # the fighting that stops is what the pledge, the call or the commitment is about
    assert not [e for e in code(text, "2025-08-09").events if e.type == "ASSAULT"]


@pytest.mark.parametrize(
    "text, event_type",
    [
        ("Thailand said it would respond firmly if Cambodia fired again.", "ASSAULT"),
        ("Trump warned both countries that he would halt trade if they kept fighting.", "ASSAULT"),
        ("Turkey would open its border with Armenia once the treaty was signed.", "SUPPORT"),
        ("Congo will fight unless Rwanda withdraws its troops.", "RETREAT"),
    ],
)
def test_what_a_condition_supposes_is_no_event(code, text, event_type):
    assert event_type not in [e.type for e in code(text, "2025-07-29").events]


def test_a_time_clause_of_what_happened_is_no_condition(code):
    result = code("Once Russian troops withdrew from Kherson, Ukraine shelled Russian positions.")
    assert {"RETREAT", "ASSAULT"} <= {e.type for e in result.events}


@pytest.mark.parametrize("word", ["ready", "willing", "prepared"])
def test_readiness_is_no_act_yet(code, word):
    result = code(f"Turkey said it was {word} to open the crossing to Armenia.", "2025-08-09")
    opened = [e for e in result.events if e.type == "RETREAT"]
    assert opened and all(e.hypothetical for e in opened)
