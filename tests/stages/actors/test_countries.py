"""Countries beyond a phrase's own words, and the groups and things that get none."""

from __future__ import annotations

import pytest

from tests.stages.actors.helpers import mentions_of, resolve


def test_regional_officials_keep_no_country_in_an_article_about_one():
    index = resolve(
        "US officials met in Washington. The White House said European officials had rejected "
        "the plan. Washington wants more."
    )
    groups = mentions_of(index, "European officials")
    assert groups and all(m.actor.country is None for m in groups)


def test_the_two_neighbouring_countries_are_countries_not_a_person_named_before():
    index = resolve(
        "Armenia accused Azerbaijan of shelling villages. Prime Minister Nikol Pashinyan of "
        "Armenia spoke in Yerevan. The two neighbouring countries agreed to talk."
    )
    (pair,) = mentions_of(index, "countries")
    assert pair.actor.country in ("ARM", "AZE")
    assert "Pashinyan" not in pair.evidence


def test_the_two_countries_are_the_two_the_article_names_most():
    index = resolve(
        "Armenia and Azerbaijan traded fire. Armenia blamed Azerbaijan. France called for calm. "
        "The two countries fought a war in 2020."
    )
    (pair,) = mentions_of(index, "two countries")
    partner = next(iter(index.partners.values()))
    assert {pair.actor.country, partner.actor.country} == {"ARM", "AZE"}


def test_a_titled_person_without_a_country_does_not_take_the_country_he_visits():
    index = resolve("President Smith landed in Havana on Monday.")
    (person,) = [m for m in index.mentions if m.kind.startswith("person")]
    assert person.actor.country is None


@pytest.mark.parametrize(
    "text, words",
    [
        ("Ministers discussed the plan and 20 percent of the budget.", "percent"),
        ("The treaty was signed in the end.", "treaty"),
        ("Lawmakers rejected the proposal on Friday.", "proposal"),
    ],
)
def test_things_and_quantities_are_no_actors(text, words):
    assert not mentions_of(resolve(text), words)


def test_a_thing_a_country_owns_is_coded_by_the_country_s_own_words():
    index = resolve("Washington rejected the Russian demands on Friday.")
    owner = next(m for m in index.mentions if m.actor.country == "RUS")
    assert owner.text == "Russian" and owner.kind == "modifier"


def test_a_surname_whose_only_holder_never_held_the_role_stays_unresolved():
    index = resolve("President Smith landed in Havana on Monday.")
    (person,) = [m for m in index.mentions if m.kind.startswith("person")]
    assert person.actor.name == "Smith" and "never held that role" in person.evidence
