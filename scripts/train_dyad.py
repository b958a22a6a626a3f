"""Train the learned dyad classifiers and write them to eventwire/data/.

    .venv/bin/python scripts/train_dyad.py [--encoder] [--folds 5] GOLD_PAIRS OWN_PAIRS

Reads labelled (text, source span, target span, type) records: the PLV development pairs
(GOLD_PAIRS, default ../shared/gold/plv_train_pairs.jsonl) and the team's own sentences
(OWN_PAIRS, default eventwire/data/dyad_examples.jsonl).

- Always: the hashed-feature dyad model, fitted on all records -> ``dyad_model.npz``
  (feature weights only, no words).
- With ``--encoder``: the pair encoder's adapter, tuned on all records ->
  ``pair_adapter.npz``, and one adapter per cross-validation fold, tuned without that fold
  of GOLD_PAIRS (our own sentences join every fold) -> ``folds/pair_adapter_fold<k>.npz``. Each
  file stores hashes of the sentences it saw, so ``eventwire eval pairs`` scores every
  sentence with an adapter that never saw it. About 4 minutes per adapter on 2 cores.

Accuracy is measured by ``eventwire eval pairs``, never on what a model was trained on.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from eventwire.evaluate import read_gold
from eventwire.pairs.dyad import MODEL_PATH, train
from eventwire.pairs.encoder import ADAPTER_PATH, FOLDS, PairEncoder, PairText
from eventwire.pipeline import Pipeline


def train_linear(records: list[dict]) -> None:
    pipeline = Pipeline(on_error="raise")
    rows, labels = [], []
    for record in records:
        analysis = pipeline.analyse_pair(
            record["text"], _span(record["source"]), _span(record["target"])
        )
        if analysis.row is not None:
            rows.append(analysis.row)
            labels.append(record["type"])
    model = train(rows, labels)
    model.save(MODEL_PATH)
    print(f"dyad model: {len(rows)} pairs, {len(model.labels)} labels -> {MODEL_PATH}")


def train_encoder(records: list[dict], labels: tuple[str, ...], path: Path) -> None:
    started = time.perf_counter()
    pairs = [PairText(r["text"], _span(r["source"]), _span(r["target"])) for r in records]
    encoder = PairEncoder(labels).fit(
        pairs, [r["type"] for r in records], log=lambda m: print("  " + m, flush=True)
    )
    encoder.save(path)
    print(
        f"pair encoder: {len(pairs)} pairs -> {path} ({time.perf_counter() - started:.0f} s)",
        flush=True,
    )


def _span(span: dict) -> tuple[int, int]:
    return int(span["start"]), int(span["end"])


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold", nargs="?", default="../shared/gold/plv_train_pairs.jsonl")
    parser.add_argument("own", nargs="?", default="eventwire/data/dyad_examples.jsonl")
    parser.add_argument(
        "--encoder", action="store_true", help="also tune the pair encoder's adapters"
    )
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument(
        "--only", choices=("full", "folds"), help="with --encoder: only these adapters"
    )
    parser.add_argument(
        "--fold", type=int, action="append", help="with --encoder: only this fold (repeatable)"
    )
    args = parser.parse_args(argv)
    gold, own = read_gold(args.gold), read_gold(args.own)
    if not args.only:
        train_linear(gold + own)
    if not args.encoder:
        return
    labels = tuple(sorted({r["type"] for r in gold + own}))
    if args.only != "folds":
        train_encoder(gold + own, labels, ADAPTER_PATH)
    if args.only != "full":
        for fold in args.fold or range(args.folds):
            kept = [r for n, r in enumerate(gold) if n % args.folds != fold]
            train_encoder(kept + own, labels, FOLDS / f"pair_adapter_fold{fold}.npz")


if __name__ == "__main__":
    main(sys.argv[1:])
