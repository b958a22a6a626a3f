"""Diplomatic phrasings the trigger lexicon codes: recalls, visas taken away, sanctions lists,
sanctions brought back, refusals, protest notes, messages of sympathy, vows of a reply, forces
ordered somewhere, arrivals for a visit and other common measures. Each family has a near miss
that must not take its type."""

from __future__ import annotations

import pytest


def _countries(event):
    return (
        event.source.actor.country if event.source else None,
        event.target.actor.country if event.target else None,
    )


def _of_type(result, event_type):
    return [e for e in result.events if e.type == event_type]


def _coded(code, text, event_type, source, target, mode=None):
    result = code(text, "2025-10-20")
    found = _of_type(result, event_type)
    assert found, [(e.type, e.rule) for e in result.events]
    pairs = {_countries(e) for e in found}
    assert (source, target) in pairs, pairs
    if mode is not None:
        assert {e.mode for e in found} == {mode}, [e.rule for e in found]
    return result


def _not_coded(code, text, event_type):
    result = code(text, "2025-10-20")
    assert not _of_type(result, event_type), [(e.type, e.rule) for e in result.events]
    return result


# 1. recalling one's own envoy -------------------------------------------------------------


@pytest.mark.parametrize(
    "text, source, target",
    [
        ("Colombia recalled its ambassador to the United States on Monday.", "COL", "USA"),
        ("Colombia called back its ambassador from Washington on Monday.", "COL", "USA"),
        ("Colombia summoned home its envoy in Washington.", "COL", "USA"),
    ],
)
def test_recalling_an_envoy_is_a_withdrawal(code, text, source, target):
    _coded(code, text, "SANCTION", source, target, mode="WITHDRAW")


def test_an_envoy_summoned_home_in_the_passive_is_a_recall(code):
    result = code(
        "The Colombian ambassador in Washington was summoned home by the foreign minister.",
        "2025-10-20",
    )
    assert [e.mode for e in _of_type(result, "SANCTION")] == ["WITHDRAW"]
    assert not _of_type(result, "ACCUSE")


def test_summoning_a_foreign_envoy_stays_a_complaint(code):
    result = _not_coded(
        code, "Colombia summoned the US ambassador to protest the strikes.", "SANCTION"
    )
    assert {_countries(e) for e in _of_type(result, "ACCUSE")} == {("COL", "USA")}


# 2. visas and accreditations taken away --------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The United States revoked the visa of Colombian President Gustavo Petro.",
        "The State Department took away the visa of Colombian President Gustavo Petro.",
        "Colombian President Gustavo Petro's visa was revoked by the State Department.",
        "Washington cancelled the visa of Colombian President Gustavo Petro.",
    ],
)
def test_a_visa_taken_away_is_a_sanction_on_its_holder(code, text):
    _coded(code, text, "SANCTION", "USA", "COL")


def test_withdrawing_an_accreditation_is_no_military_withdrawal(code):
    result = code("The US withdrew the accreditation of the Russian journalist.", "2025-10-20")
    # a reporter silenced: censorship, not a sanction and no military withdrawal
    assert _of_type(result, "COERCE") and not _of_type(result, "RETREAT")


def test_applying_for_a_visa_is_no_sanction(code):
    _not_coded(code, "Colombian President Gustavo Petro applied for a new visa.", "SANCTION")


def test_a_citizenship_revoked_stays_repression(code):
    result = _not_coded(
        code, "Nicaragua revoked the citizenship of the opposition leader.", "SANCTION"
    )
    assert _of_type(result, "COERCE")


# 3. sanctions lists ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, source, target",
    [
        (
            "The US Treasury placed Colombian President Gustavo Petro on its sanctions list.",
            "USA",
            "COL",
        ),
        ("Washington put the Colombian president on a blacklist.", "USA", "COL"),
        ("The European Union added three Iranian officials to its terrorist list.", "EU", "IRN"),
        ("Canada listed the IRGC as a terrorist entity.", "CAN", "IRN"),
    ],
)
def test_a_name_put_on_a_sanctions_list_is_a_sanction(code, text, source, target):
    _coded(code, text, "SANCTION", source, target)


@pytest.mark.parametrize(
    "text",
    [
        "The United States removed Colombian President Gustavo Petro from the sanctions list.",
        "The United Nations added Colombia to the agenda of the Security Council.",
        "Colombian President Gustavo Petro was put on a plane to Bogota.",
    ],
)
def test_other_lists_and_placings_are_no_sanction(code, text):
    _not_coded(code, text, "SANCTION")


# 4. sanctions brought back -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text, source, target",
    [
        ("The United States reinstated sanctions on Venezuela.", "USA", "VEN"),
        ("Britain restored sanctions on Iran.", "GBR", "IRN"),
        ("The UN reimposed sanctions on Iran.", "UN", "IRN"),
        ("The United States imposed sanctions on Venezuela.", "USA", "VEN"),
    ],
)
def test_sanctions_brought_back_are_a_sanction(code, text, source, target):
    _coded(code, text, "SANCTION", source, target, mode="DISCONTINUE")


def test_sanctions_snapped_back_name_their_doer(code):
    result = code("Britain, France and Germany snapped back sanctions on Iran.", "2025-10-20")
    sanctions = _of_type(result, "SANCTION")
    assert {e.source.actor.country for e in sanctions if e.source} == {"GBR", "FRA", "DEU"}
    assert all(t == "DISCONTINUE" for t in (e.mode for e in sanctions))


def test_restored_relations_are_no_sanction(code):
    result = _not_coded(code, "The European Union restored relations with Iran.", "SANCTION")
    assert _of_type(result, "SUPPORT")


# 5. refusals of any act --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, source, target, absent",
    [
        (
            "The United States declined to extend sanctions relief for Venezuela.",
            "USA",
            "VEN",
            "AID",
        ),
        ("China declined to condemn Russia.", "CHN", "RUS", "ACCUSE"),
        (
            "The United States declined to sign the declaration with Brazil.",
            "USA",
            "BRA",
            "SUPPORT",
        ),
        ("Russia refused to renew the grain deal with Ukraine.", "RUS", "UKR", "SUPPORT"),
    ],
)
def test_a_refused_act_is_a_rejection_not_the_act(code, text, source, target, absent):
    result = _coded(code, text, "REJECT", source, target)
    assert not _of_type(result, absent)


def test_refusing_to_keep_relief_in_place_gives_no_aid(code):
    result = code("Washington refused to keep the relief for Venezuela in place.", "2025-10-20")
    assert _of_type(result, "REJECT") and not _of_type(result, "AID")


@pytest.mark.parametrize(
    "text, mode",
    [
        ("The Taliban refused to hand over the suspects to Pakistan.", "YIELD"),
        ("Israel declined to join the talks with Hamas in Cairo.", "MEET"),
        ("Colombia refused to accept deportation flights from the United States.", "ASSIST"),
    ],
)
def test_the_specific_refusals_keep_their_modes(code, text, mode):
    result = code(text, "2025-10-20")
    assert {e.mode for e in _of_type(result, "REJECT")} == {mode}


def test_declining_to_comment_is_no_rejection(code):
    _not_coded(code, "The foreign minister of India declined to comment on the report.", "REJECT")


# 6. protest notes and demarches ------------------------------------------------------------


@pytest.mark.parametrize(
    "text, source, target",
    [
        ("Pakistan handed a protest note to the Afghan charge d'affaires.", "PAK", "AFG"),
        ("Russia delivered a protest note to the Finnish ambassador.", "RUS", "FIN"),
        ("China lodged a demarche with Japan over the remarks.", "CHN", "JPN"),
        ("Islamabad handed over a strong protest to the Afghan envoy.", "PAK", "AFG"),
    ],
)
def test_a_protest_note_handed_over_is_an_accusation(code, text, source, target):
    result = _coded(code, text, "ACCUSE", source, target)
    assert not _of_type(result, "RETREAT")


def test_a_plain_diplomatic_note_is_no_accusation(code):
    _not_coded(code, "Russia handed a diplomatic note to Ukraine.", "ACCUSE")


def test_handing_over_hostages_stays_a_release(code):
    result = _not_coded(code, "Qatar handed over the hostages to Israel.", "ACCUSE")
    assert [e.mode for e in _of_type(result, "RETREAT")] == ["RELEASE"]


# 7. messages of sympathy and congratulation ------------------------------------------------


@pytest.mark.parametrize(
    "text, source, target",
    [
        ("Venezuela sent a congratulatory message to Colombia.", "VEN", "COL"),
        (
            "Indian Prime Minister Narendra Modi sent a condolence message to Thailand.",
            "IND",
            "THA",
        ),
        ("France sent its condolences to Morocco.", "FRA", "MAR"),
    ],
)
def test_a_message_of_sympathy_or_congratulation_is_support(code, text, source, target):
    _coded(code, text, "SUPPORT", source, target)


def test_a_bare_message_is_no_support(code):
    _not_coded(code, "Russia sent a message to Ukraine.", "SUPPORT")


# 8. vows of a reply ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, source, target",
    [
        ("Pakistan vowed a befitting reply to any Afghan aggression.", "PAK", "AFG"),
        ("The Taliban vowed a firm response to Pakistan.", "AFG", "PAK"),
        ("Iran pledged a decisive answer to Israel.", "IRN", "ISR"),
        ("Iran promised a strong reply to Israel.", "IRN", "ISR"),
    ],
)
def test_a_vowed_reply_is_a_threat(code, text, source, target):
    result = _coded(code, text, "THREATEN", source, target, mode="VIOLENCE")
    assert not _of_type(result, "AGREE")


def test_a_promised_reply_to_a_letter_is_no_threat(code):
    _not_coded(code, "Iran promised a reply to the letter from the IAEA.", "THREATEN")


# 9. forces ordered somewhere ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text, source, target",
    [
        ("Trump ordered the aircraft carrier USS Gerald R. Ford to the Caribbean.", "USA", None),
        ("Putin ordered forces to the border with Ukraine.", "RUS", "UKR"),
        ("Washington ordered a carrier strike group to the Middle East.", "USA", None),
        ("Trump ordered fighter jets to Puerto Rico.", "USA", "PRI"),
    ],
)
def test_forces_ordered_to_a_place_are_a_mobilisation(code, text, source, target):
    result = _coded(code, text, "MOBILIZE", source, target, mode="TROOPS")
    assert not _of_type(result, "REQUEST")


@pytest.mark.parametrize(
    "text, event_type",
    [
        ("Trump ordered an investigation into the strike.", "ACCUSE"),
        ("Trump ordered the Venezuelan diplomats to leave the country.", "REQUEST"),
    ],
)
def test_other_orders_keep_their_types(code, text, event_type):
    result = _not_coded(code, text, "MOBILIZE")
    assert _of_type(result, event_type)


# 10. arriving for a visit ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, source, target",
    [
        (
            (
                "Afghanistan's acting foreign minister Amir Khan Muttaqi arrived in New Delhi on "
                "Thursday for a week-long visit."
            ),
            "AFG",
            "IND",
        ),
        (
            "The Afghan foreign minister arrived in New Delhi for talks with Indian officials.",
            "AFG",
            "IND",
        ),
        ("The Pakistani delegation arrived in Doha for talks.", "PAK", "QAT"),
    ],
)
def test_arriving_in_a_capital_for_a_visit_is_a_visit(code, text, source, target):
    _coded(code, text, "CONSULT", source, target, mode="VISIT")


def test_refugees_arriving_are_no_visit(code):
    _not_coded(code, "Thousands of Afghan refugees arrived in New Delhi on Thursday.", "CONSULT")


# 11. other common measures -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text, source, target",
    [
        ("Trump raised tariffs on Brazil to 50 percent.", "USA", "BRA"),
        ("Washington hiked tariffs on Chinese goods.", "USA", "CHN"),
        ("Trump ended all payments to Colombia.", "USA", "COL"),
        ("The United States decertified Colombia as a partner in the drug war.", "USA", "COL"),
        ("Trump designated the Venezuelan cartel a foreign terrorist organization.", "USA", "VEN"),
    ],
)
def test_other_measures_are_sanctions(code, text, source, target):
    _coded(code, text, "SANCTION", source, target, mode="DISCONTINUE")


@pytest.mark.parametrize(
    "text",
    [
        "Brazil raised interest rates.",
        "Trump designated a new envoy to Venezuela.",
    ],
)
def test_near_misses_of_other_measures_are_no_sanction(code, text):
    _not_coded(code, text, "SANCTION")


@pytest.mark.parametrize(
    "text, event_type",
    [
        # the kind of message or note after "of", and no PROTEST from the word "protest"
        (
            (
                "Venezuela's President Nicolás Maduro sent a message of solidarity to Colombian "
                "President Gustavo Petro on Monday."
            ),
            "SUPPORT",
        ),
        ("Colombia delivered a note of protest to the US chargé d'affaires on Friday.", "ACCUSE"),
    ],
)
def test_the_kind_of_message_after_of_says_the_act(code, text, event_type):
    assert [e.type for e in code(text, "2025-10-20").events] == [event_type]
