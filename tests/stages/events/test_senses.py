"""Senses the doer or the arguments decide (``stages/events/senses.py``): a state's protest,
travel advisories, exercises held by two, and deployments made for defence."""

from __future__ import annotations

import pytest


def _coded(result):
    return sorted(
        (
            e.type,
            e.source.actor.country if e.source else None,
            e.target.actor.country if e.target else None,
        )
        for e in result.events
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        # a government's protest is a rebuke
        ("Tokyo protested strongly against the post.", ("ACCUSE", "JPN")),
        ("The post drew a protest from Tokyo the following day.", ("ACCUSE", "JPN")),
        # people in the street still protest
        ("Thousands of people protested in Yerevan on Sunday.", ("PROTEST", "ARM")),
    ],
)
def test_a_protest_is_a_rebuke_only_when_a_state_makes_it(code, text, expected):
    result = code(text, "2025-11-20")
    assert [(e.type, e.source.actor.country) for e in result.events] == [expected], result.events


@pytest.mark.parametrize(
    "text",
    [
        "On 14 November China also warned its citizens against travelling to Japan.",
        "China has told its citizens to stay away from Japan.",
        "China advised its students to avoid travel to Japan on Sunday.",
    ],
)
def test_telling_ones_own_people_to_keep_away_is_a_sanction_not_a_threat(code, text):
    result = code(text, "2025-11-20")
    assert _coded(result) == [("SANCTION", "CHN", "JPN")], result.events
    assert result.events[0].mode == "DISCONTINUE"


def test_a_warning_to_a_government_stays_a_threat(code):
    result = code("Tokyo warned Beijing against sending ships to the islands.", "2025-11-20")
    assert ("THREATEN", "JPN", "CHN") in _coded(result), result.events


def test_a_travel_warning_issued_is_a_sanction(code):
    result = code("Beijing issued a travel warning on Friday.", "2025-11-20")
    assert [e.type for e in result.events] == ["SANCTION"], result.events


def test_joint_exercises_are_a_cooperation_and_a_show_of_force_by_each(code):
    result = code("Russia and Belarus began their joint exercises on Friday.", "2025-09-12")
    assert _coded(result) == [
        ("COOPERATE", "RUS", "BLR"),
        ("MOBILIZE", "BLR", None),
        ("MOBILIZE", "RUS", None),
    ], result.events
    assert len({e.id for e in result.events}) == 3


def test_drills_of_one_state_are_one_show_of_force(code):
    result = code("China held military drills on Monday.", "2025-09-12")
    assert _coded(result) == [("MOBILIZE", "CHN", None)], result.events


def test_a_deployment_announced_for_defence_is_no_threat(code):
    defence = code(
        "France will send three fighter jets to help protect Polish airspace.", "2025-09-11"
    )
    assert [(e.type, e.future) for e in defence.events] == [("MOBILIZE", True)], defence.events
    threat = code("Iran said it would send troops to the border to crush the rebels.", "2025-09-11")
    assert "THREATEN" in [e.type for e in threat.events], threat.events


def test_drones_violating_airspace_are_an_attack_by_their_country(code):
    result = code(
        "Russian drones violated Polish airspace 19 times during the night.", "2025-09-10"
    )
    assert _coded(result) == [("ASSAULT", "RUS", "POL")], result.events


def test_a_day_and_month_the_parser_splits_are_one_date(code):
    result = code(
        "On 14 November China also warned its citizens against travelling to Japan.", "2025-11-20"
    )
    assert [str(e.date) for e in result.events] == ["2025-11-14"], result.events


def test_summoning_an_envoy_to_protest_is_one_rebuke_of_the_envoys_country(code):
    result = code(
        "The Foreign Ministry in Warsaw summoned Russia's charge d'affaires on Wednesday to "
        "protest against what it called a violation of Polish sovereignty.",
        "2025-09-10",
    )
    assert _coded(result) == [("ACCUSE", "POL", "RUS")], result.events


def test_an_act_told_again_as_a_record_is_no_new_event(code):
    result = code(
        "Polish jets shot down Russian drones on Wednesday, the first time a NATO member has "
        "fired on Russian military assets.",
        "2025-09-10",
    )
    assert [e.type for e in result.events] == ["ASSAULT"], result.events


def test_a_named_post_is_aimed_at_who_posted_it(code):
    result = code(
        "On 8 November the Chinese consul general in Osaka, Xue Jian, threatened on X to cut off "
        "the dirty neck. Chief Cabinet Secretary Minoru Kihara called the post extremely "
        "inappropriate on 10 November.",
        "2025-11-14",
    )
    assert ("ACCUSE", "JPN", "CHN") in _coded(result), result.events


def test_a_place_that_opens_the_sentence_gives_the_body_its_country(code):
    result = code(
        "The Polish defence ministry said drones were shot down. In Moscow, the defence ministry "
        "on Wednesday denied that it had targeted Poland.",
        "2025-09-10",
    )
    assert ("REJECT", "RUS", "POL") in _coded(result), result.events


def _said(text, country, sector, kind):
    from eventwire.model import Actor, Mention

    return Mention(0, len(text), text, Actor(text, country, sector), kind)


def test_a_state_never_rebukes_itself_nor_a_body_acts_on_itself():
    from eventwire.stages.events.senses import own_country

    poland, polish = (
        _said("Poland", "POL", None, "country"),
        _said("Polish", "POL", None, "modifier"),
    )
    assert own_country(poland, polish, "ACCUSE")
    eu, union = (
        _said("EU chief", "EU", "IGO", "person"),
        _said("the Union", "EU", "IGO", "organization"),
    )
    assert own_country(eu, union, "ASSAULT")
    # a state's organs, people and rebels act on one another: those stay
    army, president = (
        _said("army", "MDG", "MIL", "role"),
        _said("Rajoelina", "MDG", "GOV", "person"),
    )
    assert not own_country(army, president, "COERCE")
    assert not own_country(poland, polish, "ASSAULT")
    assert not own_country(poland, _said("Russia", "RUS", None, "country"), "ACCUSE")


@pytest.mark.parametrize(
    "text, expected",
    [
        # its own people, police and rebels stay targets
        ("Police detained 66 protesters in Tbilisi on Tuesday.", ("COERCE", "GEO", "GEO")),
        (
            "The Rapid Support Forces attacked the Sudanese army near El Fasher.",
            ("ASSAULT", "SDN", "SDN"),
        ),
    ],
)
def test_a_state_still_acts_on_its_own_people_and_rebels(code, text, expected):
    result = code(text, "2025-11-01")
    assert expected in _coded(result), result.events


@pytest.mark.parametrize(
    "text, expected",
    [
        # one organ of a state acting on another is a relation of its own (a coup, a purge)
        ("Madagascar's army seized power from President Andry Rajoelina on Tuesday.", "MDG"),
    ],
)
def test_one_organ_of_a_state_still_acts_on_another(code, text, expected):
    result = code(text, "2025-10-14")
    pairs = {
        (e.source.actor.country, e.target.actor.country)
        for e in result.events
        if e.source and e.target
    }
    assert (expected, expected) in pairs, result.events
