"""The CI floors: a task's figures against the floors given, on gold files we write here."""

from __future__ import annotations

import json

import pytest

from eventwire.evaluate import EXTRACT_FILES
from eventwire.floors import (
    BLIND2_VARIABLE,
    BLIND3_VARIABLE,
    BLIND_VARIABLE,
    DEV_VARIABLE,
    FRESH_VARIABLE,
    JUDGED_VARIABLE,
    main,
)


def test_the_extract_floors_read_both_files_of_the_gold_folder(tmp_path, capsys):
    text = "Iran accused Israel of sabotage."
    iran, israel = (text.index(w) for w in ("Iran", "Israel"))
    pair = {
        "id": "p",
        "text": text,
        "source": {"text": "Iran", "start": iran, "end": iran + 4},
        "target": {"text": "Israel", "start": israel, "end": israel + 6},
        "type": "ACCUSE",
        "origin": "plv_train",
    }
    spans = {
        "id": "s",
        "text": text,
        "sources": [{"start": iran, "end": iran + 4}],
        "targets": [{"start": israel, "end": israel + 6}],
        "origin": "cameo_ner_train",
    }
    for name, record in zip(EXTRACT_FILES, (pair, spans)):
        (tmp_path / name).write_text(json.dumps(record) + "\n")
    assert main([str(tmp_path), "extract.event_f1=0.9", "extract.cameo_ner_records=1"]) == 0
    assert main([str(tmp_path), "extract.plv_nothing=0.1"]) == 1
    assert "not measured" in capsys.readouterr().out


@pytest.mark.parametrize(
    "task, variable",
    [
        ("judged", JUDGED_VARIABLE),
        ("dev", DEV_VARIABLE),
        ("fresh", FRESH_VARIABLE),
        ("blind", BLIND_VARIABLE),
        ("blind2", BLIND2_VARIABLE),
        ("blind3", BLIND3_VARIABLE),
    ],
)
def test_the_own_article_floors_name_the_folder_they_miss(
    tmp_path, monkeypatch, capsys, task, variable
):
    monkeypatch.setenv(variable, str(tmp_path / "nowhere"))
    assert main(["../shared/gold", f"{task}.fully_correct=0.1"]) == 2
    assert variable in capsys.readouterr().out
