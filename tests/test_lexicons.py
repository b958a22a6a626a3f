from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from eventwire import lexicons
from eventwire.errors import DataFileError
from eventwire.model import PLOVER_TYPES


def test_ontology_covers_all_sixteen_types_with_codes():
    ontology = lexicons.load_ontology()
    assert set(ontology.kinds) == set(PLOVER_TYPES)
    cameo, quad_class, intensity = ontology.code("ASSAULT", None)
    assert quad_class == 4 and intensity < 0 and cameo.isdigit()
    assert ontology.code("AID", None)[2] > 0


def test_trigger_lexicon_covers_every_type():
    triggers = lexicons.load_triggers()
    covered = {
        t.type for items in [*triggers.verbs.values(), *triggers.nouns.values()] for t in items
    }
    assert covered == set(PLOVER_TYPES)


def test_gazetteer_knows_countries_demonyms_capitals_and_organisations():
    gazetteer = lexicons.load_gazetteer()
    assert gazetteer.phrases["ukrainian"].country == "UKR"
    assert gazetteer.phrases["kremlin"].country == "RUS"
    assert gazetteer.exact["NATO"].country == "NATO"
    assert gazetteer.phrases["kyiv"].country == "UKR"


def test_broken_user_lexicon_names_the_file(tmp_path):
    (tmp_path / "verbs.yaml").write_text("version: 1\nverbs:\n  - {lemma: bark, type: GROWL}\n")
    with pytest.raises(DataFileError, match="verbs.yaml"):
        lexicons.load_triggers((tmp_path,))


def test_invalid_yaml_names_the_line(tmp_path):
    (tmp_path / "sectors.yaml").write_text("version: 1\nsectors:\n  GOV: [president\n  MIL: x: y\n")
    with pytest.raises(DataFileError) as error:
        lexicons.load_gazetteer((tmp_path,))
    assert "sectors.yaml" in str(error.value) and error.value.line


def test_actor_words_need_lists_and_name_the_file(tmp_path):
    (tmp_path / "actor_words.yaml").write_text("version: 1\nregions: European\n")
    with pytest.raises(DataFileError, match="actor_words.yaml"):
        lexicons.load_gazetteer((tmp_path,))


def test_a_region_never_takes_a_country_s_or_organisation_s_phrase():
    gazetteer = lexicons.load_gazetteer()
    assert gazetteer.phrases["european"].kind == "region"
    assert gazetteer.phrases["european union"].kind == "organization"
    assert "minister" in gazetteer.person_titles and "proposal" in gazetteer.not_actors


def test_user_lexicon_extends_ours(tmp_path):
    (tmp_path / "verbs.yaml").write_text(
        "version: user-1\nverbs:\n  - {lemma: rebuke, type: ACCUSE}\n"
    )
    triggers = lexicons.load_triggers((tmp_path,))
    assert triggers.verbs["rebuke"][0].type == "ACCUSE" and "user-1" in triggers.version


def test_people_registry_covers_1989_to_2008_without_duplicate_names():
    import datetime as dt

    from eventwire.lexicons import load_people

    people = load_people()
    shared = {key for key, found in people.by_name.items() if len(found) > 1}
    # the only full name two people share: both Presidents Bush, told apart by the date
    assert shared == {"george bush"}
    assert [
        p.name for p, _ in people.holders("Secretary of State", "USA", dt.date(1998, 6, 1))
    ] == ["Madeleine Albright"]
    reno = people.find("Janet Reno")[0]
    assert [(o.start, o.end) for o in reno.offices if o.title == "Attorney General"] == [
        (dt.date(1993, 3, 1), dt.date(2001, 1, 1))
    ]
    bushes = people.find("George Bush")
    assert {p.name for p in bushes if p.office_on(dt.date(1990, 6, 1))} == {"George H. W. Bush"}
    assert {p.name for p in bushes if p.office_on(dt.date(2004, 6, 1))} == {"George W. Bush"}


def test_occasion_groups_take_user_words_and_refuse_a_word_in_two_groups(tmp_path):
    assert lexicons.load_occasions()["slaying"] == "killing"
    (tmp_path / "occasions.yaml").write_text("version: 1\noccasions:\n  storm: [blizzard]\n")
    assert lexicons.load_occasions((tmp_path,))["blizzard"] == "storm"
    (tmp_path / "occasions.yaml").write_text("version: 1\noccasions:\n  a: [riot]\n  b: [riot]\n")
    with pytest.raises(DataFileError, match="occasions.yaml"):
        lexicons.load_occasions((tmp_path,))


# Files in eventwire/data that no pipeline stage reads: data_version leaves them out.
NOT_READ_BY_PIPELINE = {
    "dyad_examples.jsonl",  # training and `eval pairs` only
    "argument_examples.jsonl",  # the slot selector's training and cross-validation only
}
DATA = Path(lexicons.DATA_DIR)
READ_FILES = sorted(
    path.relative_to(DATA).as_posix()
    for path in DATA.rglob("*")
    if path.is_file()
    and path.relative_to(DATA).parts[0] != "folds"  # cross-validation only
    and path.name not in NOT_READ_BY_PIPELINE
)


@pytest.fixture
def own_data(tmp_path, monkeypatch):
    """A copy of eventwire/data (without the folds) that the loaders read instead of ours."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy, ignore=shutil.ignore_patterns("folds"))
    monkeypatch.setattr(lexicons.files, "DATA_DIR", copy)
    return copy


def test_data_version_covers_what_the_pipeline_reads():
    expected = {
        "artifacts.yaml",
        "cues.yaml",
        "counts.yaml",
        "news_words.yaml",
        "occasions.yaml",
        "dyad_model.npz",
        "pair_adapter.npz",
        "arguments.npz",
    }
    assert expected <= set(READ_FILES)
    assert any(name.startswith("people/") for name in READ_FILES)


@pytest.mark.parametrize("name", READ_FILES)
def test_data_version_changes_when_a_data_file_changes(own_data, name):
    before = lexicons.data_version()
    with open(own_data / name, "ab") as handle:
        handle.write(b"\n# changed\n")
    assert lexicons.data_version() != before


@pytest.mark.parametrize("name", ["cues.yaml", "artifacts.yaml", "verbs.yaml", "people/mine.yaml"])
def test_data_version_changes_with_a_user_file(tmp_path, name):
    before = lexicons.data_version((tmp_path,))
    (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / name).write_text("version: 1\n")
    assert lexicons.data_version((tmp_path,)) != before


def test_data_version_does_not_depend_on_where_the_data_is(tmp_path, monkeypatch):
    ours = lexicons.data_version()
    shutil.copytree(DATA, tmp_path / "data", ignore=shutil.ignore_patterns("folds"))
    monkeypatch.setattr(lexicons.files, "DATA_DIR", tmp_path / "data")
    assert lexicons.data_version() == ours
