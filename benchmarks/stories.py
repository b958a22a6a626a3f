"""Time and peak memory of story clustering and event merging on synthetic article streams.

    python benchmarks/stories.py [--sizes 10000 50000 100000] [--seed 7] [--refine]

Each stream is a wire at 100 articles a day telling stories of about ten articles: a story has its
own dozen topic words, two actors (country codes) and a place, and its articles fall within a week
of each other; every article mixes its story's words with common background words, and reports two
of its story's three events (type, source, target, day), from one of twenty outlets. Articles are
made on the fly, so the peak memory (Python allocations, via tracemalloc) is the linker's own
(clusterer and merger). No spaCy: the articles go in as pipeline Results. Near-linear work shows as
seconds and megabytes growing in step with the stream, B-cubed F1 staying put, and merged events
close to the three per story the stream holds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from eventwire.evaluate import bcubed
from eventwire.merge import StoryLinker
from eventwire.model import Actor, Article, Event, Mention, Place, Result

START = dt.date(2022, 1, 1)
ARTICLES_PER_DAY = 100
ARTICLES_PER_STORY = 10
VOCABULARY = 60_000
COUNTRIES = [f"C{number:02d}" for number in range(60)]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(4))


def synthetic_stream(count: int, seed: int) -> Iterator[tuple[str, Result]]:
    """(gold story, result) pairs: stories open in date order and each lasts a week."""
    rng = random.Random(seed)
    vocabulary = sorted({_word(rng) for _ in range(VOCABULARY)})
    background = vocabulary[:500]
    story_count = max(1, count // ARTICLES_PER_STORY)
    stories = []
    for number in range(story_count):
        opened = START + dt.timedelta(days=number * ARTICLES_PER_STORY // ARTICLES_PER_DAY)
        countries = rng.sample(COUNTRIES, 2)
        happenings = [(kind, rng.randint(0, 6)) for kind in rng.sample(EVENT_TYPES, 3)]
        stories.append(
            (
                rng.sample(vocabulary[500:], 12),
                countries,
                rng.choice(vocabulary),
                opened,
                happenings,
            )
        )
    for number in range(count):
        # stories overlap in time: pick one among the forty around this point of the stream
        story = min(story_count - 1, max(0, number * story_count // count + rng.randint(-20, 20)))
        topic, countries, place, opened, happenings = stories[story]
        words = rng.sample(topic, 8) + rng.choices(background, k=50)
        rng.shuffle(words)
        text = " ".join(words)
        article = Article(
            id=f"a{number}",
            text=text,
            date=opened + dt.timedelta(days=rng.randint(0, 6)),
            source=f"outlet-{rng.randrange(20)}",
        )
        mentions = tuple(
            Mention(0, 0, code, Actor(f"{code} government", code, "GOV")) for code in countries
        )
        events = tuple(
            _event(f"a{number}-{n}", article.id, kind, mentions, opened + dt.timedelta(days=day))
            for n, (kind, day) in enumerate(rng.sample(happenings, 2))
        )
        yield (
            f"s{story}",
            Result(
                article=article,
                events=events,
                mentions=mentions,
                places=(Place(place.title(), countries[0]),),
            ),
        )


EVENT_TYPES = [
    "CONSULT",
    "ACCUSE",
    "THREATEN",
    "SANCTION",
    "ASSAULT",
    "AGREE",
    "REQUEST",
    "PROTEST",
]


def _event(
    event_id: str, article_id: str, kind: str, mentions: tuple[Mention, ...], day: dt.date
) -> Event:
    return Event(
        event_id,
        article_id,
        (0, 10),
        (0, 5),
        kind,
        None,
        mentions[0],
        mentions[1],
        day,
        "day",
        "explicit",
        None,
        False,
        False,
        False,
        "01",
        1,
        0.0,
        1.0,
    )


def measure(count: int, seed: int) -> tuple[float, float, int, float, int]:
    """Seconds, peak MB, stories found, B-cubed F1 and merged events of linking a stream of
    ``count`` articles."""
    linker = StoryLinker()
    gold, predicted = [], []
    tracemalloc.start()
    seconds = 0.0
    for story, result in synthetic_stream(count, seed):
        start = time.perf_counter()
        predicted.append(linker.link(result).story)
        seconds += time.perf_counter() - start
        gold.append(story)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return (
        seconds,
        peak,
        len(linker.clusterer.clusters),
        bcubed(gold, predicted)[2],
        len(linker.merger.canonical),
    )


def measure_refine(count: int, seed: int) -> tuple[float, float, float, int]:
    """Seconds of the single pass and of the batch refinement (``StoryClusterer.refine``),
    B-cubed F1 after it and the articles it moved, for a batch of ``count`` articles (clustering
    only)."""
    from eventwire.stories import StoryClusterer

    gold, results = zip(*synthetic_stream(count, seed))
    clusterer = StoryClusterer()
    start = time.perf_counter()
    clusterer.add_all(results)
    placed = time.perf_counter()
    moved = clusterer.refine()
    end = time.perf_counter()
    predicted = [clusterer.assignments[result.article.id] for result in results]
    return placed - start, end - placed, bcubed(list(gold), predicted)[2], len(moved)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000, 100_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--refine", action="store_true", help="time the batch refinement instead of the linker"
    )
    args = parser.parse_args()
    if args.refine:
        print(f"{'articles':>9} {'pass s':>8} {'refine s':>9} {'B3 F1':>6} {'moved':>6}")
        for count in args.sizes:
            single, refine, f1, moved = measure_refine(count, args.seed)
            print(f"{count:>9} {single:>8.1f} {refine:>9.1f} {f1:>6.3f} {moved:>6}", flush=True)
        return
    print(
        f"{'articles':>9} {'seconds':>8} {'µs/article':>10} {'peak MB':>8} {'stories':>8} "
        f"{'B3 F1':>6} {'merged':>8} {'true':>8}"
    )
    for count in args.sizes:
        seconds, peak, stories, f1, merged = measure(count, args.seed)
        true_events = 3 * max(1, count // ARTICLES_PER_STORY)
        print(
            f"{count:>9} {seconds:>8.1f} {1e6 * seconds / count:>10.0f} {peak:>8.1f} {stories:>8} "
            f"{f1:>6.3f} {merged:>8} {true_events:>8}",
            flush=True,
        )


if __name__ == "__main__":
    main()
