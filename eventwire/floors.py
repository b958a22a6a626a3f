"""Accuracy floors for CI: score the gold sets and fail when a figure falls under its floor.

    python -m eventwire.floors ../shared/gold pairs.accuracy=0.5 timex.value_f1=0.6 ...

Floors live in .ci/run and only ever go up. The ``samples`` task scores the team's sample
articles instead of a gold file: ``examples/articles`` of the source checkout, or the folder
``$EVENTWIRE_SAMPLES`` names (``stages.read.sample_articles``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from .evaluate import evaluate, format_table
from .stages.read import SAMPLES_VARIABLE, sample_articles

GOLD_FILES = {
    "pairs": "plv_train_pairs.jsonl",
    "events": "ngec_synthetic_docs.jsonl",
    "penta": "cameo_class_train.jsonl",
    "actors": "cameo_ner_train.jsonl",
    "timex": "tbaq_timex.jsonl",
    "dates": "tbaq_timex.jsonl",
    "quotes": "polnear_dev_quotes.jsonl",
    "stories": "ecbplus_stories.jsonl",
}
# Tasks scored on the team's own sample articles rather than on ../shared/gold.
OWN_DATA = {"samples": sample_articles}
# Records scored per task in CI: enough for a stable figure within CI's time.
LIMITS = {"events": 1500}


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    gold_dir, floors = Path(argv[0]), {}
    for item in argv[1:]:
        key, _, value = item.partition("=")
        floors[key] = float(value)
    failed = []
    tasks = sorted({key.split(".")[0] for key in floors}) or list(GOLD_FILES)
    for task in tasks:
        source = OWN_DATA[task]() if task in OWN_DATA else gold_dir / GOLD_FILES[task]
        if task in OWN_DATA and not source.is_dir():
            print(
                f"no sample articles at {source} for the {task} floors: they come with the "
                f"source checkout (examples/articles); set {SAMPLES_VARIABLE} to their folder"
            )
            return 2
        report = evaluate(task, source, limit=LIMITS.get(task))
        print(format_table(report), flush=True)
        for key, floor in floors.items():
            name, _, metric = key.partition(".")
            if name == task:
                value = report[metric]
                verdict = "ok" if value >= floor else "BELOW FLOOR"
                print(f"  floor {key} >= {floor}: {value} {verdict}")
                if value < floor:
                    failed.append(key)
    if failed:
        print(f"accuracy floors failed: {', '.join(failed)}")
        return 1
    print("accuracy floors: all met")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
