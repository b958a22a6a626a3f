"""Throughput of the full pipeline against bare spaCy parsing.

    python benchmarks/throughput.py [--articles 1000] [--batch-size 64]

Builds N articles from the bundled samples (cycling through them, each copy made
distinct so nothing is cached), runs (1) bare spaCy ``nlp.pipe`` over the same
body paragraphs and (2) the full eventwire pipeline, and prints articles/s for
both, their ratio, each stage's share of the pipeline's time and peak RSS.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eventwire.model import Article, Result
from eventwire.pipeline import Pipeline
from eventwire.stages.normalize import normalize_article
from eventwire.stages.read import read_inputs


def build_corpus(count: int) -> list[Article]:
    samples = [
        a for a in read_inputs([str(ROOT / "examples" / "articles")]) if isinstance(a, Article)
    ]
    corpus = []
    for number in range(count):
        article = samples[number % len(samples)]
        text = article.text + f"\nCopy {number}.\n" if number >= len(samples) else article.text
        corpus.append(replace(article, id=f"bench-{number}", text=text))
    return corpus


def peak_rss_mb() -> float:
    info = psutil.Process().memory_info()
    peak = getattr(info, "peak_wset", None)
    if peak is None:
        try:
            import resource

            return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        except ImportError:
            return info.rss / 1e6
    return peak / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()
    corpus = build_corpus(args.articles)
    words = sum(len(a.text.split()) for a in corpus)
    pipeline = Pipeline(on_error="record")
    pipeline.run(corpus[:4])  # warm up: lazy imports and caches

    paragraphs = []
    for article in corpus:
        normalized, clean = normalize_article(article)
        paragraphs.extend(clean[s:e] for s, e in normalized.body)
    started = time.perf_counter()
    for _ in pipeline.parser.nlp.pipe(paragraphs, batch_size=args.batch_size):
        pass
    bare = time.perf_counter() - started

    started = time.perf_counter()
    seconds: Counter = Counter()
    events = failures = 0
    for item in pipeline.run(corpus, batch_size=args.batch_size):
        if isinstance(item, Result):
            events += len(item.events)
            seconds.update(item.stage_seconds)
        else:
            failures += 1
    full = time.perf_counter() - started

    print(f"articles: {len(corpus)}  words: {words}  events: {events}  failed: {failures}")
    print(f"bare spaCy nlp.pipe : {len(corpus) / bare:8.1f} articles/s  ({bare:.1f} s)")
    print(f"eventwire pipeline  : {len(corpus) / full:8.1f} articles/s  ({full:.1f} s)")
    print(f"ratio (pipeline/bare time): {full / bare:.2f}x")
    total = sum(seconds.values()) or 1
    print("stage shares: " + ", ".join(f"{k} {v / total:.0%}" for k, v in seconds.most_common()))
    print(f"peak RSS: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
