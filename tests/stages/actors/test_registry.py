"""People resolved against the registry at the article date, a name alone only when it is sure."""

from __future__ import annotations

from tests.stages.actors.helpers import resolve


def test_a_surname_alone_takes_the_only_registry_holder_on_the_date_and_says_it_is_unsure():
    index = resolve("Pashinyan said the talks would go on.", "2023-06-01")
    (mention,) = [m for m in index.mentions if m.text == "Pashinyan"]
    assert (mention.actor.name, mention.actor.country) == ("Nikol Pashinyan", "ARM")
    assert "low confidence" in mention.evidence


def test_a_surname_alone_stays_unresolved_when_no_registry_holder_was_in_office():
    # the registry knows a Pashinyan, but not in office in 2000
    index = resolve("Pashinyan said the talks would go on.", "2000-01-01")
    (mention,) = [m for m in index.mentions if m.text == "Pashinyan"]
    assert mention.actor.country is None


def test_a_surname_is_never_the_place_in_a_monarch_s_name():
    # the registry lists a king "of Jordan": that is no surname
    index = resolve("Foreign Minister Jordan met the press.")
    (minister,) = [m for m in index.mentions if m.text.endswith("Jordan")]
    assert minister.actor.name == "Jordan" and minister.actor.country != "JOR"


def test_a_full_name_still_takes_its_registry_person():
    index = resolve("Nikol Pashinyan arrived in Moscow on Tuesday.", "2023-06-01")
    (mention,) = [m for m in index.mentions if m.kind == "person"]
    assert mention.actor.country == "ARM" and "low confidence" not in mention.evidence


def test_a_family_name_written_first_is_the_one_said_alone():
    index = resolve("Xi said China would respond.", "2025-11-24")
    (mention,) = [m for m in index.mentions if m.text == "Xi"]
    assert (mention.actor.name, mention.actor.country) == ("Xi Jinping", "CHN")
