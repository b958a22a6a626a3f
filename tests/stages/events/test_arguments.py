"""Arguments the text gives through the two sides it is about: "both leaders", "the armies of
X and Y", reciprocal verbs, and support for an agreement whose parties go unnamed."""

from __future__ import annotations

import pytest

STORY = "Armenia and Azerbaijan fought for decades. Armenia accused Azerbaijan of lying. "


def _triples(result, event_type):
    return _triples_of(result.events, event_type)


def _triples_of(events, event_type):
    return sorted(
        (
            e.source.actor.country if e.source else None,
            e.target.actor.country if e.target else None,
        )
        for e in events
        if e.type == event_type
    )


@pytest.mark.parametrize(
    "sentence, event_type, sector",
    [
        ("Trump received the two ministers in the Oval Office.", "CONSULT", "GOV"),
        ("Trump warned that both countries would face severe penalties.", "THREATEN", None),
        ("The EU urged both armies to pull back.", "REQUEST", "MIL"),
    ],
)
def test_the_two_sides_by_any_pair_noun_are_both_targets(code, sentence, event_type, sector):
    result = code(STORY + sentence, "2025-08-09")
    targets = [e.target for e in result.events if e.type == event_type]
    assert sorted(t.actor.country for t in targets if t) == ["ARM", "AZE"], result.events
    assert all(t.actor.sector == sector for t in targets if t)
    assert all("coreference:" in t.evidence for t in targets if t)


def test_owners_after_of_are_coordinated_partners(code):
    result = code("The leaders of Armenia and Azerbaijan pledged to end the conflict.")
    assert _triples(result, "AGREE") == [("ARM", "AZE")]


def test_a_reciprocal_verb_codes_each_direction_and_a_meeting_one(code):
    clash = code("The armies of Thailand and Cambodia clashed on Thursday.")
    assert _triples(clash, "ASSAULT") == [("KHM", "THA"), ("THA", "KHM")]
    blame = code("Armenia and Azerbaijan accused each other of violating the truce.")
    assert _triples(blame, "ACCUSE") == [("ARM", "AZE"), ("AZE", "ARM")]
    meeting = code("Armenia and Azerbaijan met in Washington.")
    assert len(_triples(meeting, "CONSULT")) == 1
    # the one meeting is mutual (either way round); each way of a clash is not
    assert [e.mutual for e in meeting.events if e.type == "CONSULT"] == [True]
    assert not any(e.mutual for e in clash.events)


@pytest.mark.parametrize(
    "text, targets",
    [
        ("Malaysia hosted the talks on Monday.", {"ARM", "AZE"}),
        ("The Chinese ambassador attended the talks as an observer.", {"ARM", "AZE"}),
        ("Armenia hosted the talks on Monday.", {"AZE"}),  # a party's own talks: the other
        ("France hosted talks with Japan on Monday.", {"JPN"}),  # a party named is taken
        # an "as" phrase names the host's role, and a clause on the talks names their host:
        # neither is a party
        ("Anwar Ibrahim, who hosted the talks as chair of ASEAN, spoke.", {"ARM", "AZE"}),
        (
            "They signed it at a ceremony hosted by US Secretary of State Marco Rubio.",
            {"ARM", "AZE"},
        ),
    ],
)
def test_a_consultation_on_unnamed_talks_goes_to_their_parties(code, text, targets):
    result = code(STORY + text, "2025-08-09")
    consult = [e for e in result.events if e.type == "CONSULT" and e.source is not None]
    assert {e.target.actor.country for e in consult if e.target} == targets, consult


def test_the_two_sides_are_those_the_lead_names_together(code):
    text = (
        "Thailand and Cambodia agreed to a ceasefire on Monday. Their leaders met at the "
        "residence of the Malaysian prime minister in Putrajaya. The US ambassador to Malaysia "
        "attended the talks as an observer."
    )
    result = code(text, "2025-07-29")
    consult = [e for e in result.events if text[e.trigger[0] : e.trigger[1]] == "attended"]
    assert sorted(e.target.actor.country for e in consult if e.target) == ["KHM", "THA"]


def test_support_for_an_unnamed_agreement_goes_to_its_parties(code):
    result = code(STORY + "The European Union welcomed the agreement on Friday.", "2025-08-09")
    assert _triples(result, "SUPPORT") == [("EU", "ARM"), ("EU", "AZE")]
    support = [e for e in result.events if e.type == "SUPPORT"]
    assert all("the parties of" in e.target.evidence for e in support if e.target)
    # a party's own welcome goes to the other; a named party is taken as named
    own = code(STORY + "Armenia welcomed the agreement.", "2025-08-09")
    assert _triples(own, "SUPPORT") == [("ARM", "AZE")]
    named = code(STORY + "Iran welcomed the deal with Japan.", "2025-08-09")
    assert _triples(named, "SUPPORT") == [("IRN", "JPN")]


def test_a_third_party_acting_on_the_two_sides_is_never_one_of_them(code):
    text = (
        "The Democratic Republic of Congo and Rwanda signed a peace agreement in Washington. "
        "US Secretary of State Marco Rubio said Washington would guarantee it. The United "
        "States will host a summit. Rwanda denied sending troops. Later US President Donald "
        "Trump received the two ministers in the Oval Office."
    )
    result = code(text, "2025-06-28")
    received = [e for e in result.events if text[e.trigger[0] : e.trigger[1]] == "received"]
    assert sorted(e.target.actor.country for e in received) == ["COD", "RWA"], received
    # the two sides are those the lead names together, not the last two countries named
    assert all("two ministers ->" in e.target.evidence for e in received)
    # with no two sides in the lead, the doer's own country is left out of the last two named
    later = code(
        text.replace("The Democratic Republic of Congo and Rwanda", "Rwanda"), "2025-06-28"
    )
    received = [
        e for e in later.events if later.article.text[e.trigger[0] : e.trigger[1]] == "received"
    ]
    assert all(e.target is None or e.target.actor.country != "USA" for e in received), received


@pytest.mark.parametrize(
    "text, targets",
    [
        ("Rubio spoke with Narendra Modi and Shehbaz Sharif on Friday.", {"IND", "PAK"}),
        ("Rubio spoke with Narendra Modi and with Shehbaz Sharif on Friday.", {"IND", "PAK"}),
        ("Malaysia will host talks between Thailand and Cambodia on Monday.", {"THA", "KHM"}),
        (
            "Rubio talked by telephone with Narendra Modi and with Shehbaz Sharif on Friday.",
            {"IND", "PAK"},
        ),
    ],
)
def test_every_coordinated_object_is_a_target(code, text, targets):
    # whichever of the coordinated objects is chosen first, the others are targets too
    events = code(text, "2025-05-09").events
    assert {e.target.actor.country for e in events if e.target} == targets
    assert {e.source.actor.country for e in events} <= {"USA", "MYS"}


def test_joint_observers_are_not_each_others_partners(code):
    # the ambassadors attend someone else's talks: neither country talks to the other
    events = code("The US and Chinese ambassadors attended the talks as observers.").events
    # no party of the talks is named: neither is coded as the other's partner (nor is any
    # consultation with no one consulted)
    assert not [e for e in events if e.source and e.target], events


@pytest.mark.parametrize(
    "text",
    [
        "The talks were mediated by Qatar and Turkey.",
        "Qatar mediated the talks together with Turkey.",
        "They agreed to a ceasefire after talks that were mediated by Qatar and Turkey.",
    ],
)
def test_joint_mediators_each_consult_both_parties_not_each_other(code, text):
    result = code(STORY + text, "2025-08-09")
    assert _triples(result, "CONSULT") == [
        ("QAT", "ARM"),
        ("QAT", "AZE"),
        ("TUR", "ARM"),
        ("TUR", "AZE"),
    ], result.events


def test_those_together_with_the_doer_act_with_it(code):
    events = code("Iran met French officials together with British diplomats.").events
    assert sorted(e.source.actor.country for e in events if e.type == "CONSULT") == [
        "GBR",
        "IRN",
    ]
    assert {e.target.actor.country for e in events if e.type == "CONSULT"} == {"FRA"}


def test_coordinated_doers_who_hold_talks_talk_to_each_other(code):
    events = code("Armenia and Azerbaijan held talks in Abu Dhabi.").events
    assert [(e.source.actor.country, e.target.actor.country) for e in events] == [("ARM", "AZE")]


@pytest.mark.parametrize(
    "text, pairs",
    [
        (
            (
                "Cambodian Prime Minister Hun Manet and Thailand's acting Prime Minister "
                "Phumtham Wechayachai met at the official residence of Malaysian Prime "
                "Minister Anwar Ibrahim."
            ),
            {("KHM", "THA")},
        ),
        (
            (
                "The foreign ministers of the Democratic Republic of Congo and Rwanda signed "
                "a peace agreement in Washington."
            ),
            {("COD", "RWA")},
        ),
    ],
)
def test_where_a_cooperation_happens_is_no_target(code, text, pairs):
    # "at the residence", "in Washington" name the place: the United States or Malaysia did
    # not meet anyone or sign anything here
    events = code(text, "2025-07-28").events
    assert {(e.source.actor.country, e.target.actor.country) for e in events} == pairs


def test_a_party_agreeing_to_a_ceasefire_agrees_with_the_other_party(code):
    text = (
        "Thailand and Cambodia clashed on the border. "
        "Hun Manet said Cambodia had agreed to an immediate ceasefire."
    )
    (agreed,) = [e for e in code(text, "2025-07-28").events if e.type == "AGREE"]
    assert (agreed.source.actor.country, agreed.target.actor.country) == ("KHM", "THA")


def test_a_third_country_agreeing_to_a_ceasefire_is_no_party_to_it(code):
    text = "Thailand and Cambodia clashed on the border. The United States agreed to the ceasefire."
    (agreed,) = [e for e in code(text, "2025-07-28").events if e.type == "AGREE"]
    assert agreed.target is None


def test_coordinated_speakers_are_each_the_doer_their_pronoun_stands_for(code):
    text = "Ilham Aliyev and Nikol Pashinyan said they will nominate Trump for the Nobel Prize."
    events = code(text, "2025-08-08").events
    assert {(e.source.actor.country, e.target.actor.country) for e in events} == {
        ("AZE", "USA"),
        ("ARM", "USA"),
    }


def test_a_meeting_of_two_is_between_them(code):
    events = code("The talks of Russia and Ukraine in Istanbul ended.").events
    assert [(e.source.actor.country, e.target.actor.country) for e in events] == [("RUS", "UKR")]


def test_those_of_the_two_sides_act_for_both(code):
    text = (
        "India and Pakistan agreed to a ceasefire on Saturday. Hours later, the directors "
        "general of military operations of the two armies spoke by hotline."
    )
    result = code(text, "2025-05-12")
    consult = [e for e in result.events if e.type == "CONSULT"]
    assert [(e.source.actor.country, e.target.actor.country) for e in consult] == [("IND", "PAK")]
    assert "of two armies -> India and Pakistan" in consult[0].source.evidence


LEAD = "Thailand and Cambodia traded accusations on Monday over the disputed border. "


@pytest.mark.parametrize(
    "sentence, event_type, triple",
    [
        ("The Cambodian troops opened fire first near the temple.", "ASSAULT", ("KHM", "THA")),
        ("Thai soldiers had attacked first, a spokeswoman said.", "ASSAULT", ("THA", "KHM")),
        ("Phnom Penh warned it would strike again.", "THREATEN", ("KHM", "THA")),
    ],
)
def test_a_hostile_act_without_a_target_is_against_the_other_side(
    code, sentence, event_type, triple
):
    result = code(LEAD + sentence, "2025-07-29")
    coded = [e for e in result.events if e.type == event_type and e.trigger[0] > len(LEAD)]
    assert {(e.source.actor.country, e.target.actor.country) for e in coded} == {triple}
    assert all("two sides" in e.target.evidence and "two sides" in e.rule for e in coded)


@pytest.mark.parametrize(
    "text",
    [
        # no two sides named together in the lead, nor two named more than a third
        (
            "Cambodia protested on Monday. Thailand said it would not yield, and Laos called "
            "for calm. Cambodian troops opened fire first near the temple."
        ),
        # a third state in the sentence: whose side was hit is not clear
        LEAD + "Cambodian troops opened fire first, the government of Laos said.",
        # rebels act for no side of a two-state conflict
        "Congo and Rwanda signed a deal on Friday. M23 rebels attacked first.",
    ],
)
def test_the_other_side_is_not_guessed_without_two_sides_or_with_a_third(code, text):
    result = code(text, "2025-07-29")
    assaults = [e for e in result.events if e.type == "ASSAULT"]
    assert assaults and all(e.target is None for e in assaults), assaults


def test_each_side_blaming_the_other_codes_both_directions(code):
    result = code(LEAD + "By Tuesday morning, each side blamed the other for breaches.")
    blame = [e for e in result.events if e.trigger[0] > len(LEAD)]
    assert _triples_of(blame, "ACCUSE") == [("KHM", "THA"), ("THA", "KHM")]


def test_all_sides_and_them_after_both_leaders_are_the_two_sides(code):
    urged = code(LEAD + "The UN chief urged all sides to show restraint.", "2025-07-29")
    assert _triples(urged, "REQUEST") == [("UN", "KHM"), ("UN", "THA")]
    asked = code(
        LEAD + "Malaysia's prime minister spoke with both leaders and asked them to stop.",
        "2025-07-29",
    )
    assert _triples(asked, "REQUEST") == [("MYS", "KHM"), ("MYS", "THA")]


def test_the_two_sides_are_the_two_most_named_states_of_the_lead_when_none_are_coordinated(
    code,
):
    text = (
        "Prime Minister Narendra Modi said India had only paused its military action against "
        "Pakistan. India and its army stand ready, he said, and Pakistan must stop terror. "
        "Later, Pakistan said it would respond with full force to any attack on its territory."
    )
    result = code(text, "2025-05-13")
    threats = [e for e in result.events if e.type == "THREATEN" and e.source.actor.country == "PAK"]
    assert [e.target.actor.country for e in threats] == ["IND"], result.events


def test_a_threat_under_a_condition_targets_who_must_not_act(code):
    result = code("Thailand said it would strike back if Cambodia fired again.", "2025-07-29")
    threats = [e for e in result.events if e.type == "THREATEN"]
    assert [(e.source.actor.country, e.target.actor.country) for e in threats] == [("THA", "KHM")]


def test_two_parties_speaking_consult_and_they_of_the_next_sentence_are_the_two(code):
    text = (
        "India and Pakistan agreed to a ceasefire on Saturday. The two officers agreed that the "
        "ceasefire begins at 17.00 hours. They will speak again on Monday."
    )
    result = code(text, "2025-05-10")
    consult = [e for e in result.events if e.type == "CONSULT"]
    assert _triples_of(consult, "CONSULT") == [("IND", "PAK")] and consult[0].future
    alone = code("Indian Prime Minister Narendra Modi spoke to reporters in Delhi.", "2025-05-10")
    assert not [e for e in alone.events if e.type == "CONSULT"]
    pair = code("Narendra Modi and Emmanuel Macron talked for an hour on Friday.", "2025-05-10")
    assert _triples(pair, "CONSULT") == [("IND", "FRA")]


def test_their_officials_after_both_sides_are_named_are_the_two_sides(code):
    text = (
        "Armenia and Azerbaijan signed a declaration on Friday. Azerbaijan's President Ilham "
        "Aliyev and Armenia's Prime Minister Nikol Pashinyan met in Washington. Their foreign "
        "ministers initialled the text of a peace treaty."
    )
    initialled = [e for e in code(text, "2025-08-09").events if e.trigger[0] > text.index("Their")]
    assert {
        (e.source.actor.country, e.target.actor.country) for e in initialled if e.type == "SUPPORT"
    } == {("ARM", "AZE")}


@pytest.mark.parametrize(
    "text, triple",
    [
        (
            (
                "M23 fighters attacked Congolese army positions near Mwenga on Sunday, killing "
                "at least eight Congolese soldiers."
            ),
            ("COD", "COD"),
        ),
        (
            "Cambodian rockets hit a petrol station in Sisaket and killed six Thai civilians.",
            ("KHM", "THA"),
        ),
    ],
)
def test_a_participle_or_conjoined_verb_of_the_same_act_is_one_event(code, text, triple):
    assert _triples(code(text, "2025-07-24"), "ASSAULT") == [triple]


def test_two_strikes_on_two_targets_stay_two_events(code):
    result = code("Russia attacked Kyiv and struck Lviv with drones.", "2025-07-24")
    assert _triples(result, "ASSAULT") == [("RUS", "UKR"), ("RUS", "UKR")]


@pytest.mark.parametrize(
    "text, triple",
    [
        ("The Russian attack on Kharkiv killed five people on Monday.", ("RUS", "UKR")),
        ("The Israeli bombardment of Beirut continued overnight.", ("ISR", "LBN")),
    ],
)
def test_a_nationality_adjective_names_the_doer_of_an_event_noun(code, text, triple):
    events = [e for e in code(text, "2025-07-24").events if e.type == "ASSAULT" and e.target]
    assert triple in [(e.source and e.source.actor.country, e.target.actor.country) for e in events]


def test_a_place_before_an_event_noun_is_no_doer(code):
    result = code("India blamed Pakistan for the Pahalgam attack on 22 April.", "2025-05-08")
    assert all(source != "IND" for source, _ in _triples(result, "ASSAULT"))


@pytest.mark.parametrize(
    "text",
    [
        "Thai Prime Minister Paetongtarn Shinawatra called the Cambodian attack a war crime.",
        "Beijing branded the American sanctions a provocation.",
    ],
)
def test_an_act_a_speaker_names_is_no_new_event(code, text):
    assert [e.type for e in code(text, "2025-07-24").events] == ["ACCUSE"]


def test_a_role_named_by_coordinated_people_is_those_people(code):
    text = (
        "The foreign ministers Jeyhun Bayramov and Ararat Mirzoyan initialled the text of the "
        "peace treaty."
    )
    assert _triples(code(text, "2025-08-09"), "SUPPORT") == [("AZE", "ARM")]


def test_a_meeting_called_off_is_negated_and_no_ones_sanction(code):
    text = "A planned summit of Tshisekedi and Kagame in Luanda was cancelled in December."
    events = code(text, "2025-06-30").events
    assert [(e.type, e.negated) for e in events] == [("CONSULT", True)]
    assert _triples_of(events, "CONSULT") == [("COD", "RWA")]


def test_the_subject_of_is_due_to_is_the_doer(code):
    text = "Iranian President Masoud Pezeshkian is due to visit Yerevan later this month."
    events = [e for e in code(text, "2025-08-11").events if e.type == "CONSULT"]
    assert _triples_of(events, "CONSULT") == [("IRN", "ARM")] and events[0].future


def test_a_thing_owned_is_its_owners_whatever_country_made_it(code):
    # "Petro's US visa": the sanction is on Petro; the owner's title is not the visa's
    result = code(
        "Colombian President Gustavo Petro's US visa was revoked by the State Department.",
        "2025-09-27",
    )
    assert _triples(result, "SANCTION") == [("USA", "COL")]


@pytest.mark.parametrize(
    "text, pair",
    [
        # a recalled envoy is the doer's own: the target is where it served, or no one
        ("Colombia recalled its ambassador to Washington on Monday.", ("COL", "USA")),
        ("The Colombian ambassador to Washington was recalled on Monday.", ("COL", "USA")),
        ("Colombia's envoy was summoned home by the Colombian foreign minister.", ("COL", None)),
    ],
)
def test_a_recall_targets_the_country_the_envoy_served_in(code, text, pair):
    assert _triples(code(text, "2025-10-21"), "SANCTION") == [pair]


def test_talks_mediated_by_two_states_are_each_mediators_consultation_with_both_parties(code):
    text = (
        "Pakistan and Afghanistan fought for a week. Pakistan and Afghanistan agreed on Sunday "
        "to a ceasefire after talks in Doha that lasted 14 hours and were mediated by Qatar and "
        "Turkey."
    )
    assert _triples(code(text, "2025-10-20"), "CONSULT") == [
        ("QAT", "AFG"),
        ("QAT", "PAK"),
        ("TUR", "AFG"),
        ("TUR", "PAK"),
    ]


def test_where_an_agreed_act_takes_place_is_no_party_to_it(code):
    text = "Pakistan and Afghanistan fought. Both sides agreed to meet again in Istanbul."
    agreed = _triples(code(text, "2025-10-20"), "AGREE")
    assert agreed and all(target != "TUR" for _, target in agreed), agreed


def test_joint_doers_of_a_hostile_act_are_not_each_others_targets(code):
    text = "Israeli and American strikes hit the Fordow site in June."
    assault = _triples(code(text, "2025-09-20"), "ASSAULT")
    assert ("ISR", "USA") not in assault and ("USA", "ISR") not in assault, assault


def test_his_counterpart_named_in_apposition_is_that_person(code):
    text = (
        "Pakistani Defence Minister Khawaja Asif and his Afghan counterpart, Mullah Mohammad "
        "Yaqoob, signed the accord in Doha."
    )
    signed = [e for e in code(text, "2025-10-20").events if e.type == "SUPPORT"]
    assert [(e.source.actor.country, e.target.actor.name) for e in signed] == [
        ("PAK", "Mohammad Yaqoob")
    ]


def test_a_group_named_again_by_number_is_each_of_its_states(code):
    text = (
        "France, Germany and Britain triggered the snapback on 28 August. Russia's ambassador "
        "Vasily Nebenzia accused the three European countries of blackmail."
    )
    assert _triples(code(text, "2025-09-20"), "ACCUSE") == [
        ("RUS", "DEU"),
        ("RUS", "FRA"),
        ("RUS", "GBR"),
    ]
    # a number that matches no group named before names no one
    other = "France and Germany met. Russia accused the three European countries of lying."
    assert all(t is None for _, t in _triples(code(other, "2025-09-20"), "ACCUSE"))


def test_a_toll_that_names_no_attacker_keeps_its_source_empty(code):
    # the act is coded, with the slot the text leaves empty left empty
    toll = code("Pakistan's army said 23 Pakistani soldiers were killed on Saturday.")
    assert [(e.source, e.target.actor.country) for e in toll.events if e.type == "ASSAULT"] == [
        (None, "PAK")
    ]


def test_places_of_no_known_country_beside_a_target_are_no_more_targets(code):
    text = "On Sunday Pakistan closed its two main crossings with Afghanistan, Torkham and Chaman."
    assert _triples(code(text, "2025-10-12"), "COERCE") == [("PAK", "AFG")]
