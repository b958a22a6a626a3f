"""Story clustering: same-story articles join, different stories stay apart, streams equal
batches."""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

import pytest

from eventwire.cli import main
from eventwire.evaluate import adjusted_rand, bcubed, score_stories
from eventwire.model import Article
from eventwire.stories import StoryClusterer, cluster_stories, log_tail

GOLD = Path(__file__).resolve().parent.parent.parent / "shared" / "gold" / "ecbplus_stories.jsonl"
# B-cubed F1 measured on the first 200 gold documents when this test was written (0.85), less a
# margin.
GOLD_FLOOR = 0.8

# Three stories told twice or three times in different words; "quake", "ferry" and "chip" are the
# story keys.
ARTICLES = [
    (
        "quake-1",
        "quake",
        "Strong earthquake shakes northern Chile",
        (
            "A magnitude 7.1 earthquake struck northern Chile near the port city of Iquique on "
            "Tuesday, cracking roads and cutting power. Rescue teams searched collapsed houses for "
            "survivors of the quake."
        ),
        dt.date(2024, 3, 5),
    ),
    (
        "ferry-1",
        "ferry",
        "Ferry capsizes on Lake Victoria",
        (
            "An overloaded passenger ferry capsized on Lake Victoria near Mwanza, Tanzania. Divers "
            "recovered bodies from the sunken ferry as relatives gathered at the pier waiting for "
            "news of the passengers."
        ),
        dt.date(2024, 3, 6),
    ),
    (
        "chip-1",
        "chip",
        "Japan and South Korea resume chip export talks",
        (
            "Trade ministers of Japan and South Korea met in Tokyo to resume negotiations on "
            "semiconductor export controls, hoping to end the dispute over chip materials that has "
            "strained supply chains."
        ),
        None,
    ),
    (
        "quake-2",
        "quake",
        "Iquique counts the damage after the quake",
        (
            "Survivors in Iquique spent the night outdoors after the earthquake in northern Chile. "
            "Rescue crews pulled residents from collapsed buildings while aftershocks rattled the "
            "port city."
        ),
        dt.date(2024, 3, 6),
    ),
    (
        "chip-2",
        "chip",
        "Seoul and Tokyo near deal on semiconductor controls",
        (
            "South Korea and Japan moved closer to lifting export controls on semiconductor "
            "materials after two days of trade negotiations, ministers said, easing a dispute that "
            "disrupted chip supply chains."
        ),
        None,
    ),
    (
        "ferry-2",
        "ferry",
        "Tanzania mourns ferry victims",
        (
            "Tanzania declared national mourning after the ferry disaster on Lake Victoria. Divers "
            "and rescue boats searched for passengers missing since the overloaded ferry capsized "
            "near Mwanza."
        ),
        dt.date(2024, 3, 7),
    ),
    (
        "quake-3",
        "quake",
        "Aftershocks keep Chile on edge",
        (
            "Aftershocks rattled northern Chile a day after the magnitude 7.1 earthquake. In "
            "Iquique rescue teams kept searching collapsed homes and the power cut by the quake "
            "was slowly restored."
        ),
        dt.date(2024, 3, 6),
    ),
]


def _articles(order: list[int] | None = None) -> list[Article]:
    rows = [ARTICLES[n] for n in order] if order else ARTICLES
    return [
        Article(id=id_, text=text, title=title, date=date) for id_, _, title, text, date in rows
    ]


def partition(ids: list[str], stories: list[str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for id_, story in zip(ids, stories):
        groups.setdefault(story, set()).add(id_)
    return {frozenset(group) for group in groups.values()}


EXPECTED = partition([row[0] for row in ARTICLES], [row[1] for row in ARTICLES])


def test_stories_join_articles_of_the_same_story_and_keep_others_apart():
    articles = _articles()
    assigned, stories = cluster_stories(articles)
    assert partition([a.id for a in articles], assigned) == EXPECTED
    assert len(stories) == 3


@pytest.mark.parametrize(
    "order", [[6, 5, 4, 3, 2, 1, 0], [2, 4, 0, 1, 3, 5, 6], [1, 5, 3, 0, 6, 2, 4]]
)
def test_stories_do_not_depend_on_the_order_of_articles(order):
    articles = _articles(order)
    assigned, _ = cluster_stories(articles)
    assert partition([a.id for a in articles], assigned) == EXPECTED


def test_stories_incremental_add_equals_a_refined_batch_when_stories_are_well_apart():
    clusterer = StoryClusterer()
    streamed = [clusterer.add(article) for article in _articles()]
    batch, stories = cluster_stories(_articles())
    assert streamed == batch and clusterer.stories() == stories


def test_stories_record_article_ids_and_date_span():
    _, stories = cluster_stories(_articles())
    quake = next(story for story in stories if "quake-1" in story.article_ids)
    assert quake.article_ids == ("quake-1", "quake-2", "quake-3")
    assert (quake.first_date, quake.last_date) == (dt.date(2024, 3, 5), dt.date(2024, 3, 6))
    assert quake.title == "Strong earthquake shakes northern Chile"


def test_stories_keep_articles_far_apart_in_time_in_different_stories():
    first, later = _articles()[0], _articles()[3]
    later = Article(id=later.id, text=later.text, title=later.title, date=dt.date(2025, 3, 6))
    assigned, _ = cluster_stories([first, later])
    assert assigned[0] != assigned[1]


def test_bcubed_and_adjusted_rand_on_a_hand_example():
    gold = ["a", "a", "a", "b", "b"]
    predicted = ["x", "x", "y", "y", "y"]
    precision, recall, f1 = bcubed(gold, predicted)
    # precision: items 1-2 see 2/2 right; items 3-5 see 1/3, 2/3, 2/3: (1 + 1 + 1/3 + 2/3 + 2/3) / 5
    assert precision == pytest.approx(11 / 15)
    # recall: items 1-2 keep 2/3 of "a", item 3 1/3; items 4-5 keep 2/2 of "b": (2/3 + 2/3 + 1/3 + 1
    # + 1) / 5
    assert recall == pytest.approx(11 / 15)
    assert f1 == pytest.approx(11 / 15)
    assert bcubed(gold, gold) == (1.0, 1.0, 1.0)
    assert adjusted_rand(gold, gold) == 1.0
    assert adjusted_rand(gold, predicted) < 0.5


def test_stories_command_writes_one_line_per_article(tmp_path, capsys):
    path = tmp_path / "feed.jsonl"
    path.write_text(
        "".join(
            json.dumps(
                {
                    "id": id_,
                    "title": title,
                    "text": text,
                    "date": date.isoformat() if date else None,
                }
            )
            + "\n"
            for id_, _, title, text, date in ARTICLES
        ),
        encoding="utf-8",
    )
    assert main(["stories", str(path)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["id"] for line in lines] == [row[0] for row in ARTICLES]
    assert partition([line["id"] for line in lines], [line["story"] for line in lines]) == EXPECTED


def test_stories_command_summary_writes_one_line_per_story(tmp_path, capsys):
    path = tmp_path / "feed.jsonl"
    path.write_text(
        "".join(json.dumps({"id": id_, "text": text}) + "\n" for id_, _, _, text, _ in ARTICLES),
        encoding="utf-8",
    )
    assert main(["stories", str(path), "--summary"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert sorted(line["articles"] for line in lines) == [2, 2, 3]
    assert {"actors", "places", "first_date", "last_date"} <= set(lines[0])


@pytest.mark.slow
@pytest.mark.skipif(not GOLD.exists(), reason="the ECB+ stories gold file is not here")
def test_stories_bcubed_f1_on_the_first_gold_documents_stays_above_its_floor():
    assert score_stories(GOLD, limit=200)["bcubed_f1"] >= GOLD_FLOOR


# Two fires told in the same words; only the names, places and years tell them apart. Among other
# news (``ARTICLES``) the fire words weigh more than the names, so one pass over the stream puts all
# in one story.
FIRE_SENTENCES = [
    "Firefighters battled the blaze for hours before bringing it under control.",
    "Investigators had not yet determined the cause of the fire, officials said.",
    "Thick smoke could be seen for miles, and firefighters from three districts joined the effort.",
    "Residents gathered to watch as the roof collapsed in the flames.",
    "No one was hurt in the fire, but the building was a total loss.",
    "Investigators will return at first light to look for the origin of the blaze.",
    "The owners said the old building was not insured against fire.",
    "Fire crews poured water on the smouldering ruins through the night.",
]
FIRE_NAMES = [
    "A fire destroyed the {site} in {town} overnight.",
    "The {site} had stood in {town} since {year}, said fire chief {chief}.",
    "Fire chief {chief} said the {site} in {town} could not be saved.",
]
FIRES = {
    "mills": {
        "site": "Harbor Mills warehouse",
        "town": "Kessleton",
        "chief": "Odalys Brenner",
        "year": "1911",
    },
    "dairy": {
        "site": "Pinecrest Dairy barn",
        "town": "Marlowe Falls",
        "chief": "Teodor Vance",
        "year": "1958",
    },
}


def fire_articles(per_story: int = 9) -> list[tuple[str, Article]]:
    """(story, article) pairs: the other news first, then the two fires' articles in turn."""
    import random

    rng = random.Random(3)
    out = [(story, article) for (_, story, *_), article in zip(ARTICLES, _articles())]
    for number in range(per_story):
        for story, names in FIRES.items():
            text = " ".join(
                [rng.choice(FIRE_NAMES).format(**names)] + rng.sample(FIRE_SENTENCES, 4)
            )
            out.append((story, Article(id=f"{story}-{number}", text=text)))
    return out


def test_refining_a_batch_splits_two_happenings_told_in_the_same_words():
    told = fire_articles()
    articles = [article for _, article in told]
    expected = partition([a.id for a in articles], [story for story, _ in told])
    clusterer = StoryClusterer()
    streamed = clusterer.add_all(articles)
    assert partition([a.id for a in articles], streamed) != expected
    moved = clusterer.refine()
    refined = [clusterer.assignments[a.id] for a in articles]
    assert partition([a.id for a in articles], refined) == expected
    assert moved and all(refined[n] == moved.get(a.id, streamed[n]) for n, a in enumerate(articles))
    # the stories agree with the assignments, and the part holding the first article keeps the
    # story's id
    assert {s.id: set(s.article_ids) for s in clusterer.stories()} == {
        story: {a for a, s in clusterer.assignments.items() if s == story} for story in set(refined)
    }
    first_fire = next(a for story, a in told if story in FIRES)
    assert clusterer.assignments[first_fire.id] == streamed[articles.index(first_fire)]
    assert cluster_stories(articles)[0] == refined


def test_refining_keeps_one_happening_in_one_story():
    articles = [article for story, article in fire_articles() if story == "mills"]
    clusterer = StoryClusterer()
    clusterer.add_all(articles)
    clusterer.refine()
    assert len(set(clusterer.assignments.values())) == 1


def test_hypergeometric_tail_on_a_hand_example():
    # a term in all four articles of one side and none of the other four: 1 way in C(8, 4) = 70
    assert log_tail(4, 4, 0, 4) == pytest.approx(-math.log(70))
    # a term spread evenly tells nothing: at least 2 of 4 on one side is more likely than not
    assert log_tail(2, 4, 2, 4) > math.log(0.5)


def test_stories_command_refines_the_batch_and_streams_on_request(tmp_path, capsys):
    path = tmp_path / "fires.jsonl"
    told = fire_articles()
    path.write_text(
        "".join(json.dumps({"id": a.id, "text": a.text}) + "\n" for _, a in told), encoding="utf-8"
    )
    expected = partition([a.id for _, a in told], [story for story, _ in told])
    assert main(["stories", str(path)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert partition([line["id"] for line in lines], [line["story"] for line in lines]) == expected
    assert main(["stories", str(path), "--stream"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert partition([line["id"] for line in lines], [line["story"] for line in lines]) != expected


def test_a_stream_keeps_no_profiles_and_refining_leaves_its_stories_alone():
    told = fire_articles()
    clusterer = StoryClusterer()
    streamed = [clusterer.add(article, keep=False) for _, article in told]
    assert clusterer.profiles == {}
    assert clusterer.refine() == {}
    assert [clusterer.assignments[article.id] for _, article in told] == streamed


def test_a_clusterer_saved_before_it_kept_profiles_loads_and_goes_on():
    import pickle

    clusterer = StoryClusterer()
    clusterer.add_all(_articles())
    del clusterer.profiles
    loaded = pickle.loads(pickle.dumps(clusterer))
    assert loaded.profiles == {}
    loaded.add(Article(id="late", text=ARTICLES[0][3]))
    assert loaded.prune(0)
