from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from eventwire.lexicons import load_counts
from eventwire.merge import EventMerger, StoryLinker, find_counts
from eventwire.model import Article, Result
from tests.conftest import sample_cases


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The minister said 49 Armenian soldiers were killed.",
            [("armenian soldiers", 49.0, False)],
        ),
        ("Police detained 66 people, the ministry said.", [("people", 66.0, False)]),
        ("Two days of fighting killed more than 170 soldiers.", [("soldiers", 170.0, True)]),
        ("Twenty trucks loaded with food crossed the border.", [("trucks", 20.0, False)]),
        ("The ministry says 4,300 people were killed.", [("people", 4300.0, False)]),
        ("Talks lasted 20 minutes.", []),
    ],
)
def test_find_counts_reads_figures_and_bounds(text, expected):
    found = find_counts(text, 0, len(text), load_counts())
    assert [(c.what, c.value, c.bound) for c in found] == expected


def _code(pipeline, text, date, article_id, outlet):
    result = pipeline.extract(
        Article(
            id=article_id,
            text=text,
            date=dt.date.fromisoformat(date),
            origin=article_id,
            source=outlet,
        )
    )
    return result


def test_one_event_told_by_three_outlets_is_one_canonical_event_with_three_sources(pipeline):
    merger = EventMerger()
    texts = [
        (
            "Azerbaijani forces shelled Armenian towns on Tuesday, the ministry said.",
            "a1",
            "Wire A",
        ),
        ("Azerbaijani troops shelled Armenian border towns on Tuesday.", "a2", "Wire B"),
        (
            "Azerbaijani artillery shelled Armenian villages on Tuesday, officials said.",
            "a3",
            "Daily C",
        ),
    ]
    ids = set()
    for text, article_id, outlet in texts:
        result = _code(pipeline, text, "2022-09-14", article_id, outlet)
        ids |= {merger.add(result, "s1")[e.id] for e in result.events if e.type == "ASSAULT"}
    (canonical,) = [e for e in merger.events() if e.type == "ASSAULT"]
    assert len(ids) == 1 and canonical.id in ids
    assert (canonical.num_articles, canonical.num_sources) == (3, 3)
    assert canonical.source.country == "AZE" and canonical.target.country == "ARM"
    assert canonical.date == dt.date(2022, 9, 13) and canonical.date_method in (
        "explicit",
        "relative",
    )


def test_different_stories_types_or_stated_days_stay_apart(pipeline):
    merger = EventMerger()
    first = _code(
        pipeline, "Azerbaijani forces shelled Armenian towns on Tuesday.", "2022-09-14", "b1", "A"
    )
    later = _code(
        pipeline,
        "Azerbaijani forces shelled Armenian towns on September 2.",
        "2022-09-14",
        "b2",
        "B",
    )
    other = _code(
        pipeline, "Azerbaijani forces shelled Armenian towns on Tuesday.", "2022-09-14", "b3", "C"
    )
    merger.add(first, "s1")
    merger.add(later, "s1")
    merger.add(other, "s2")
    assaults = [e for e in merger.events() if e.type == "ASSAULT"]
    assert len(assaults) == 3 and all(e.num_articles == 1 for e in assaults)


def test_sources_that_disagree_on_a_figure_give_a_contradiction(pipeline):
    merger = EventMerger()
    merger.add(
        _code(
            pipeline,
            "Police detained 66 people at the protest in Tbilisi on Tuesday.",
            "2023-03-08",
            "c1",
            "A",
        ),
        "s1",
    )
    merger.add(
        _code(
            pipeline,
            "Police detained 133 people at the protest in Tbilisi on Tuesday.",
            "2023-03-08",
            "c2",
            "B",
        ),
        "s1",
    )
    merger.add(
        _code(
            pipeline,
            "Police detained at least 150 people at the protest on Tuesday.",
            "2023-03-08",
            "c3",
            "C",
        ),
        "s1",
    )
    (problem,) = merger.problems
    assert problem.code == "contradiction" and "66" in problem.message and "133" in problem.message
    assert problem.where == "c2"


def test_an_article_without_an_outlet_counts_as_its_own_source(pipeline):
    merger = EventMerger()
    for article_id in ("d1", "d2"):
        merger.add(
            _code(
                pipeline,
                "Russia accused Ukraine of shelling Donetsk.",
                "2022-02-18",
                article_id,
                None,
            ),
            "s1",
        )
    (canonical,) = [e for e in merger.events() if e.type == "ACCUSE"]
    assert canonical.num_sources == 2 and {r.outlet for r in canonical.reports} == {None}


def test_linking_samples_gives_each_event_a_canonical_event_of_its_story_and_stable_ids(pipeline):
    results = [pipeline.extract(article) for _, article, _ in sample_cases()]
    linker = StoryLinker()
    linked = list(linker.link_all(results))
    canonical = {e.id: e for e in linker.merger.events()}
    for result in linked:
        assert result.story is not None
        for event in result.events:
            assert canonical[event.canonical_id].story == result.story
    # an event's canonical id is given once: linking the same stream again gives the same ids
    again = list(StoryLinker().link_all(results))
    assert [[e.canonical_id for e in r.events] for r in again] == [
        [e.canonical_id for e in r.events] for r in linked
    ]
    # the talks in Geneva on 10 January 2022 are told by at least three outlets
    talks = [
        e
        for e in canonical.values()
        if e.type == "CONSULT"
        and e.source
        and e.target
        and {e.source.country, e.target.country} == {"USA", "RUS"}
        and e.date == dt.date(2022, 1, 10)
    ]
    assert talks and max(e.num_sources for e in talks) >= 3
    # one wire calls Biden Secretary of State in January 2022; the other outlets name Blinken
    assert any(
        p.code == "contradiction"
        and "Antony Blinken as USA secretary of state" in p.message
        and "Joe Biden" in p.message
        for r in linked
        for p in r.problems
    )
    # the Tbilisi outlets disagree on how many people police detained
    assert any(
        p.code == "contradiction" and "detained" not in p.message and "people" in p.message
        for r in linked
        for p in r.problems
    )


def test_linker_passes_failed_inputs_through(pipeline):
    from eventwire.model import Problem

    problem = Problem("empty", "x: empty", "x")
    assert list(StoryLinker().link_all([problem])) == [problem]
    assert isinstance(StoryLinker().link(replace(Result(Article(id="e", text="Nothing.")))), Result)


def test_two_people_in_one_office_within_a_story_contradict(pipeline):
    merger = EventMerger()
    first = _code(
        pipeline, "Foreign Minister Sergei Lavrov met the envoy in Moscow.", "2022-01-07", "f1", "A"
    )
    second = _code(
        pipeline,
        "Foreign Minister Dmitry Medvedev of Russia met the envoy in Moscow.",
        "2022-01-07",
        "f2",
        "B",
    )
    merger.add(first, "s1")
    merger.add(second, "s1")
    offices = [p for p in merger.problems if "names" in p.message]
    assert (
        len(offices) == 1
        and "Sergei Lavrov" in offices[0].message
        and "Dmitry Medvedev" in offices[0].message
    )


def test_a_forgotten_story_takes_the_disagreements_of_its_articles_with_it(pipeline):
    merger = EventMerger()
    for story in ("s1", "s2"):
        for number, name in ((1, "Sergei Lavrov"), (2, "Dmitry Medvedev of Russia")):
            text = f"Foreign Minister {name} met the envoy in Moscow."
            merger.add(_code(pipeline, text, "2022-01-07", f"{story}-{number}", "A"), story)

    def stories() -> set[str]:  # the story of each office disagreement the merger remembers
        return {key[1] for key in merger._reported if key[0] == "office"}

    assert stories() == {"s1", "s2"}
    merger.forget(["s1"])
    assert stories() == {"s2"}


@pytest.mark.parametrize("order", ["ABC", "BAC", "ACB", "CBA"])
def test_two_names_for_one_office_are_one_disagreement_in_any_order(pipeline, order):
    names = {"A": "Sergei Lavrov", "B": "Dmitry Medvedev of Russia", "C": "Sergei Lavrov"}
    merger = EventMerger()
    for key in order:
        text = f"Foreign Minister {names[key]} met the envoy in Moscow."
        merger.add(_code(pipeline, text, "2022-01-07", key, key), "s1")
    offices = [p for p in merger.problems if "names" in p.message]
    assert len(offices) == 1, [p.message for p in offices]


def test_a_mutual_event_told_either_way_round_is_one_event(pipeline):
    merger = EventMerger()
    merger.add(
        _code(
            pipeline,
            "Armenia agreed with Azerbaijan on a ceasefire on Wednesday.",
            "2022-09-15",
            "g1",
            "A",
        ),
        "s1",
    )
    merger.add(
        _code(
            pipeline,
            "Azerbaijan agreed with Armenia on a ceasefire on Wednesday.",
            "2022-09-15",
            "g2",
            "B",
        ),
        "s1",
    )
    agreements = [e for e in merger.events() if e.type == "AGREE"]
    assert len(agreements) == 1 and agreements[0].num_sources == 2


def test_a_one_sided_event_told_the_other_way_round_stays_apart(pipeline):
    merger = EventMerger()
    merger.add(
        _code(
            pipeline, "Armenia accused Azerbaijan of shelling on Tuesday.", "2022-09-14", "h1", "A"
        ),
        "s1",
    )
    merger.add(
        _code(
            pipeline, "Azerbaijan accused Armenia of shelling on Tuesday.", "2022-09-14", "h2", "B"
        ),
        "s1",
    )
    assert len([e for e in merger.events() if e.type == "ACCUSE"]) == 2
