"""What every scorer shares: reading gold files, coding their texts, matching spans, rates."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from ..model import Article, Result

# The gold pairs set merges PLOVER's CONCEDE and RETREAT into YIELD.
GOLD_TYPE = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}
DEFAULT_DATE = dt.date(2000, 1, 1)


def read_gold(path: str | Path, limit: int | None = None) -> list[dict]:
    records = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                records.append(json.loads(line))
                if limit and len(records) >= limit:
                    break
    return records


def code_records(records: list[dict], date_key: str | None = None) -> Iterator[tuple[dict, Result]]:
    """(record, result) for each record's ``text``, coded in the pipeline's batches and dated by
    its ``date_key`` field, else ``DEFAULT_DATE``; a record the pipeline failed on gives an empty
    result."""
    from ..pipeline import Pipeline

    pipeline = shared_pipeline(Pipeline)
    articles = []
    for number, record in enumerate(records):
        date = (
            dt.date.fromisoformat(record[date_key])
            if date_key and record.get(date_key)
            else DEFAULT_DATE
        )
        articles.append(
            Article(id=f"gold-{number}", text=record["text"], date=date, origin=record.get("id"))
        )
    for record, item in zip(records, pipeline.run(articles)):
        yield record, item if isinstance(item, Result) else Result(article=Article(id="x", text=""))


_CACHE: dict[str, object] = {}


def shared_pipeline(factory: Callable):
    """One pipeline per process for every scorer (``factory`` is ``Pipeline``, imported late so
    that importing the scorers stays cheap)."""
    if "pipeline" not in _CACHE:
        _CACHE["pipeline"] = factory(on_error="record")
    return _CACHE["pipeline"]


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def match_rates(counts: dict, key: str) -> tuple[float, float]:
    """Precision and recall of the ``key`` matches among the predicted and the gold items."""
    return counts[key] / max(1, counts["predicted"]), counts[key] / max(1, counts["gold"])


def f1_score(precision: float, recall: float) -> float:
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def label_report(pairs: Sequence[tuple[str, str | None]]) -> dict:
    """Accuracy, macro-F1 and per-label precision/recall/F1 of (gold, predicted) labels."""
    labels = sorted({g for g, _ in pairs})
    rows, f1s = {}, []
    for label in labels:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        predicted = sum(1 for _, p in pairs if p == label)
        gold = sum(1 for g, _ in pairs if g == label)
        precision, recall = (tp / predicted if predicted else 0.0), (tp / gold if gold else 0.0)
        rows[label] = {
            "gold": gold,
            "precision": round(precision, 3),
            "recall": round(recall, 3),
            "f1": round(f1_score(precision, recall), 3),
        }
        f1s.append(f1_score(precision, recall))
    correct = sum(1 for g, p in pairs if g == p)
    covered = [(g, p) for g, p in pairs if p is not None]
    return {
        "records": len(pairs),
        "accuracy": round(correct / max(1, len(pairs)), 4),
        "macro_f1": round(sum(f1s) / max(1, len(f1s)), 4),
        "coverage": round(len(covered) / max(1, len(pairs)), 4),
        "accuracy_when_coded": round(
            sum(1 for g, p in covered if g == p) / max(1, len(covered)), 4
        ),
        "labels": rows,
    }


def bcubed(gold: list[str], predicted: list[str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering: for every item, the share of its
    predicted cluster that shares its gold cluster (precision) and the share of its gold cluster
    that shares its predicted cluster (recall), averaged over items."""
    pairs = Counter(zip(gold, predicted))
    gold_sizes, predicted_sizes = Counter(gold), Counter(predicted)
    precision = sum(n * n / predicted_sizes[p] for (_, p), n in pairs.items()) / max(1, len(gold))
    recall = sum(n * n / gold_sizes[g] for (g, _), n in pairs.items()) / max(1, len(gold))
    return precision, recall, f1_score(precision, recall)
