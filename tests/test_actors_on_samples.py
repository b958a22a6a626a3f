"""Actor resolution on the team's sample articles: roles, coreference, compounds, registry,
conflicts."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from tests.conftest import sample_cases

CASES = {name: article for name, article, _ in sample_cases()}


def _result(pipeline, name, date=None):
    article = CASES[name]
    return pipeline.extract(replace(article, date=date or article.date))


def test_surname_and_pronoun_resolve_to_the_person_introduced_with_a_role(pipeline):
    result = _result(pipeline, "01-geneva-wire34", dt.date(2022, 1, 7))
    blinken = [m for m in result.mentions if m.actor.name == "Antony Blinken"]
    assert {m.text for m in blinken} >= {"Blinken", "he"}
    assert all((m.actor.country, m.actor.sector) == ("USA", "GOV") for m in blinken)


def test_wrong_office_in_a_machine_translated_wire_is_a_role_conflict(pipeline):
    result = _result(pipeline, "03-geneva-wire12", dt.date(2022, 1, 10))
    conflicts = [p for p in result.problems if p.code == "role_conflict"]
    assert (
        conflicts and "Antony Blinken" in conflicts[0].message and "Biden" in conflicts[0].message
    )


def test_coordinated_nationalities_make_a_dyad(pipeline):
    result = _result(pipeline, "01-geneva-wire34", dt.date(2022, 1, 7))
    meet = next(e for e in result.events if e.type == "CONSULT" and e.future)
    assert (meet.source.actor.country, meet.target.actor.country) == ("USA", "RUS")


def test_the_two_sides_are_the_countries_in_context(pipeline):
    result = _result(pipeline, "07-border-morningpost")
    sides = [m for m in result.mentions if "two sides" in m.text]
    assert sides and sides[0].actor.country in ("ARM", "AZE")


def test_domestic_actors_take_the_country_of_the_story(pipeline):
    result = _result(pipeline, "13-tbilisi-wire09", dt.date(2023, 3, 7))
    police = [m for m in result.mentions if m.text.lower().endswith("police")]
    assert police and all(m.actor.country == "GEO" for m in police)


def test_registry_is_read_on_the_article_date(pipeline):
    early = _result(pipeline, "05-border-wire07", dt.date(2021, 6, 1))
    late = _result(pipeline, "05-border-wire07", dt.date(2022, 9, 14))

    def conflict(result):
        return next(
            p.message
            for p in result.problems
            if p.code == "role_conflict" and "Pashinyan" in p.message
        )

    assert "Armen Sarkissian" in conflict(early)
    assert "Vahagn Khachaturyan" in conflict(late)
