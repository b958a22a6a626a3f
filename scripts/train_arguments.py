"""Train the learned slot selector and write it to eventwire/data/arguments.npz.

    .venv/bin/python scripts/train_arguments.py [GOLD_FOLDER] [--no-own]

Reads the actor spans of ``plv_train_pairs.jsonl`` and ``cameo_ner_train.jsonl`` in
GOLD_FOLDER (default ../shared/gold) and our own sentences
(``eventwire/data/argument_examples.jsonl``); chooses each role's threshold on 5-fold
out-of-fold predictions; fits the model on everything. The file holds hashed feature weights,
no words. How well it does is measured by ``eventwire eval extract`` (cross-validated),
never on what it was trained on.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from eventwire.evaluate.arguments import train_and_save
from eventwire.evaluate.extract import extract_paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", default="../shared/gold")
    parser.add_argument("--no-own", action="store_true", help="leave our own sentences out")
    args = parser.parse_args()
    begin = time.perf_counter()
    model, frames = train_and_save(extract_paths(args.gold), own=not args.no_own)
    print(
        f"slot selector: {frames} frames, {len(model.hashes)} weighted features, thresholds "
        f"source {model.thresholds['source']} target {model.thresholds['target']} "
        f"({time.perf_counter() - begin:.0f} s)"
    )
    print(f"trained on: {model.trained_on}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
