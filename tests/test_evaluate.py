"""The scorers, on small gold-format files we write here (gold text stays in ../shared)."""

from __future__ import annotations

import json

import pytest

from eventwire.evaluate import evaluate, format_table
from tests.conftest import GOLD


def _write(tmp_path, name, records):
    path = tmp_path / name
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def _pair(text, source, target, kind):
    s, t = text.index(source), text.index(target)
    return {
        "id": "x",
        "text": text,
        "source": {"text": source, "start": s, "end": s + len(source)},
        "target": {"text": target, "start": t, "end": t + len(target)},
        "type": kind,
        "penta": 3,
    }


def test_pairs_scorer_counts_right_and_wrong_types(tmp_path):
    path = _write(
        tmp_path,
        "pairs.jsonl",
        [
            _pair("Iran accused Israel of sabotage.", "Iran", "Israel", "ACCUSE"),
            _pair("Russia denied the claims by Ukraine.", "Russia", "Ukraine", "ASSAULT"),
        ],
    )
    report = evaluate("pairs", path)
    assert report["records"] == 2 and report["accuracy"] == 0.5
    assert report["labels"]["ACCUSE"]["recall"] == 1.0
    assert "accuracy" in format_table(report)


def test_timex_scorer_gives_value_f1(tmp_path):
    text = "Russia and the United States met on Friday in Geneva."
    start = text.index("Friday")
    path = _write(
        tmp_path,
        "timex.jsonl",
        [
            {
                "id": "d",
                "dct": "2022-01-07",
                "text": text,
                "timexes": [
                    {
                        "start": start,
                        "end": start + 6,
                        "text": "Friday",
                        "type": "DATE",
                        "value": "2022-01-07",
                    }
                ],
            }
        ],
    )
    report = evaluate("timex", path)
    assert report["value_f1"] == 1.0


def test_docs_scorer_reports_type_and_mode(tmp_path):
    path = _write(
        tmp_path,
        "docs.jsonl",
        [
            {
                "id": "1",
                "text": (
                    "Thousands of protesters rallied in Tbilisi against the government on Tuesday."
                ),
                "type": "PROTEST",
                "mode": "DEMO",
            },
            {
                "id": "2",
                "text": "The European Union imposed sanctions on Belarus on Thursday.",
                "type": "SANCTION",
                "mode": None,
            },
        ],
    )
    report = evaluate("events", path)
    assert report["accuracy"] == 1.0 and "mode_accuracy" in report


@pytest.mark.slow
@pytest.mark.skipif(not GOLD.exists(), reason="../shared/gold is not beside the repository")
def test_pairs_on_gold_sample_beats_chance():
    report = evaluate("pairs", GOLD / "plv_train_pairs.jsonl", limit=150)
    assert report["accuracy"] > 1 / 15
