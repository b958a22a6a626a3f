"""Speech acts read from quotes: the speaker's threat, demand, accusation, denial or praise,
against the actor the words are about."""

from __future__ import annotations

import pytest


def _speech_acts(result):
    return [e for e in result.events if e.rule.startswith("speech act")]


def _act(result):
    acts = _speech_acts(result)
    assert len(acts) == 1, [(e.type, e.rule) for e in result.events]
    return acts[0]


@pytest.mark.parametrize(
    "text, event_type, source, target",
    [
        (
            (
                "“Our patience has limits, and the bill will be one Belgrade can't bear,” the "
                "Croatian defence minister said."
            ),
            "THREATEN",
            "HRV",
            "SRB",
        ),
        (
            (
                "“Any further provocation will have consequences for Pyongyang,” the South Korean "
                "defence minister told reporters."
            ),
            "THREATEN",
            "KOR",
            "PRK",
        ),
        (
            "“This is an act of aggression by Azerbaijan,” the Armenian foreign minister said.",
            "ACCUSE",
            "ARM",
            "AZE",
        ),
        (
            "“Our solidarity with the people of Lebanon is total,” the French president said.",
            "SUPPORT",
            "FRA",
            "LBN",
        ),
    ],
)
def test_a_quote_without_a_verb_of_its_kind_is_the_speakers_act(
    code, text, event_type, source, target
):
    event = _act(code(text))
    assert event.type == event_type
    assert event.source.actor.country == source and event.target.actor.country == target
    assert not event.negated and event.reported is None
    quoted = text[: text.index("”") + 1]
    trigger = text[event.trigger[0] : event.trigger[1]]
    assert trigger in quoted  # the evidence lies in the quote


def test_a_must_said_by_one_country_is_its_request_to_another(code):
    result = code(
        "“Serbia must pull its police back from the north of Kosovo,” the German chancellor said "
        "on Monday."
    )
    request = _act(result)
    assert request.type == "REQUEST"
    assert (request.source.actor.country, request.target.actor.country) == ("DEU", "SRB")
    # the pull-back is demanded of Serbia, not done by it
    pullback = [e for e in result.events if e.type in ("RETREAT", "CONCEDE")]
    assert pullback and all(e.hypothetical and e.reported for e in pullback)


def test_a_must_about_the_speakers_own_country_is_no_request(code):
    result = code("“Germany must spend more on defence,” the German chancellor said.")
    assert [e for e in _speech_acts(result) if e.type == "REQUEST"] == []


def test_calling_a_report_baseless_is_a_rejection_by_the_spokesmans_government(code):
    event = _act(
        code(
            "The Chinese foreign ministry spokesman called the report of a military base in "
            "Cambodia baseless."
        )
    )
    assert event.type == "REJECT" and event.source.actor.country == "CHN"


def test_a_conditional_warning_of_consequences_is_a_threat_against_the_one_warned(code):
    result = code(
        "The Turkish president warned of severe consequences for Greece if it armed the islands."
    )
    threats = [e for e in result.events if e.type == "THREATEN"]
    assert len(threats) == 1
    assert (threats[0].source.actor.country, threats[0].target.actor.country) == ("TUR", "GRC")
    assert threats[0].hypothetical


@pytest.mark.parametrize(
    "text",
    [
        "“There will be no consequences for Iran,” the French president said.",
        "“We discussed trade and the weather with Italy,” the Spanish prime minister said.",
    ],
)
def test_negated_or_neutral_words_are_no_speech_act(code, text):
    assert _speech_acts(code(text)) == []


def test_words_the_lexicon_codes_already_are_not_coded_twice(code):
    result = code("“France will always stand with Lebanon,” the French president said.")
    assert [e.type for e in result.events] == ["SUPPORT"] and _speech_acts(result) == []


def test_a_speech_verb_that_codes_the_act_is_not_coded_twice(code):
    result = code(
        "The Ukrainian foreign minister accused Russia of aggression against its neighbours."
    )
    assert [e.type for e in result.events if e.type == "ACCUSE"] == ["ACCUSE"]
    assert _speech_acts(result) == []


def test_speech_act_cues_are_data_a_user_can_extend_and_a_bad_type_is_refused(tmp_path):
    from eventwire import lexicons
    from eventwire.errors import DataFileError

    types = frozenset(lexicons.load_ontology().kinds)
    (tmp_path / "speech_acts.yaml").write_text(
        "version: 1\nacts:\n"
        "  - {type: THREATEN, words: [obliterate], phrases: [wipe off the map]}\n"
    )
    acts = lexicons.load_speech_acts((tmp_path,), types)
    assert ("wipe", "off", "the", "map") in acts.acts[-1].phrases
    (tmp_path / "speech_acts.yaml").write_text("version: 1\nacts:\n  - {type: GROWL, words: [x]}\n")
    with pytest.raises(DataFileError, match="speech_acts.yaml"):
        lexicons.load_speech_acts((tmp_path,), types)


@pytest.mark.parametrize(
    "text, event_type, pair",
    [
        (
            (
                "Thai Prime Minister Paetongtarn Shinawatra called the Cambodian attack on "
                "civilians a war crime."
            ),
            "ACCUSE",
            ("THA", "KHM"),
        ),
        ("Moscow described the Ukrainian report as fabricated.", "REJECT", ("RUS", "UKR")),
        ("Beijing branded the American sanctions a provocation.", "ACCUSE", ("CHN", "USA")),
        # a vote or a move declared void is rejected; insults accuse
        ("Tehran called the vote of the Security Council legally void.", "REJECT", ("IRN", "UN")),
        (
            # the name as an apposition of the named one's apposition
            (
                "US President Donald Trump labelled his Colombian counterpart, Gustavo Petro, an "
                "illegal drug leader."
            ),
            "ACCUSE",
            ("USA", "COL"),
        ),
        (
            "Colombian President Gustavo Petro called the American president rude and ignorant.",
            "ACCUSE",
            ("COL", "USA"),
        ),
    ],
)
def test_a_name_given_is_the_speech_act_its_words_make(code, text, event_type, pair):
    # "called X a war crime" accuses; it is no call for anything, and the caller did not attack
    events = code(text, "2025-07-25").events
    assert [(e.type, e.source.actor.country, e.target.actor.country) for e in events] == [
        (event_type, *pair)
    ]


def test_a_name_without_a_cue_codes_nothing(code):
    text = "The spokesman called the agreement a turning point for the region."
    assert code(text).events == ()


def test_a_denial_and_the_name_it_gives_the_charges_are_one_rejection(code):
    text = "Islamabad denied any role in the attack and called the Indian accusations baseless."
    events = code(text, "2025-05-08").events
    assert [(e.type, e.source.actor.country) for e in events] == [("REJECT", "PAK")]


@pytest.mark.parametrize(
    "text, target",
    [
        (
            "The Greek foreign minister said Athens would “respond firmly” if Ankara sent ships.",
            "TUR",
        ),
        ("Seoul said any test by Pyongyang would be treated as “an act of war”.", "PRK"),
        (
            "“If Minsk moves its troops, it will face sanctions,” the Lithuanian president said.",
            "BLR",
        ),
    ],
)
def test_stock_phrases_of_threat_are_threats_against_whom_they_are_about(code, text, target):
    threats = [e for e in _speech_acts(code(text, "2024-03-02")) if e.type == "THREATEN"]
    assert [e.target.actor.country for e in threats] == [target], threats


def test_a_question_in_a_quote_demands_nothing(code):
    text = (
        "Armenian Prime Minister Nikol Pashinyan praised Trump. „If not President Trump, who "
        "should get it?“ he asked."
    )
    assert [e.type for e in code(text, "2025-08-09").events] == ["SUPPORT"]


@pytest.mark.parametrize(
    "text, pair",
    [
        (
            (
                "Thai acting Prime Minister Phumtham Wechayachai said Thailand would respond "
                "„in accordance with international law“ if Cambodia fired again."
            ),
            ("THA", "KHM"),
        ),
        (
            (
                "US President Donald Trump said, if Rwanda breaks the agreement, it will face "
                "„very severe penalties, financial and otherwise“."
            ),
            ("USA", "RWA"),
        ),
    ],
)
def test_a_consequence_under_anothers_condition_is_a_threat(code, text, pair):
    threats = [e for e in code(text, "2025-07-29").events if e.type == "THREATEN"]
    assert [(e.source.actor.country, e.target.actor.country) for e in threats] == [pair]
    assert threats[0].hypothetical


def test_a_favour_under_a_condition_is_no_threat(code):
    result = code(
        "Pakistan said it would send a delegation if India agreed to talks.", "2025-05-10"
    )
    assert "THREATEN" not in [e.type for e in result.events]


def test_a_denial_of_a_label_is_no_accusation(code):
    # "not a bad guy", "neither ... nor a thug" deny what the other side said: no ACCUSE
    for text in (
        "Colombian President Gustavo Petro wrote that he was not a bad guy.",
        "Colombian President Gustavo Petro wrote that he was neither a fool nor a thug.",
    ):
        assert not [e for e in code(text, "2025-10-20").events if e.type == "ACCUSE"], text


@pytest.mark.parametrize(
    "text, pair",
    [
        (
            (
                "„Kabul must rein in the militants, or we will do it ourselves“, Pakistani Defence "
                "Minister Khawaja Asif told a television channel on Sunday."
            ),
            ("PAK", "AFG"),
        ),
        (
            (
                "Venezuela must stop the boats, or the United States will stop them, US "
                "President Donald Trump wrote on Sunday."
            ),
            ("USA", "VEN"),
        ),
    ],
)
def test_a_demand_with_an_alternative_the_speaker_will_carry_out_is_a_threat_too(code, text, pair):
    acts = sorted(
        (e.type, e.source.actor.country, e.target.actor.country, e.hypothetical)
        for e in _speech_acts(code(text, "2025-10-20"))
    )
    assert acts == [("REQUEST", *pair, False), ("THREATEN", *pair, True)]


def test_a_demand_with_another_alternative_is_no_threat(code):
    text = (
        "„Kabul must rein in the militants, or the talks will fail“, Pakistani Defence Minister "
        "Khawaja Asif told a television channel on Sunday."
    )
    assert [e.type for e in _speech_acts(code(text, "2025-10-20"))] == ["REQUEST"]
