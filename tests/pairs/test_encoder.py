from __future__ import annotations

import itertools
import json

import numpy as np
import pytest

from eventwire.pairs.encoder import (
    ADAPTER_PATH,
    PairEncoder,
    PairText,
    fold_paths,
    marked,
    sentence_hash,
)

from ..conftest import GOLD


@pytest.mark.parametrize(
    "pair",
    [
        PairText("Jordan and Britain agreed to hold exercises.", (0, 6), (11, 18)),
        PairText("Jordan and Britain agreed to hold exercises.", (11, 18), (0, 6)),
        PairText("The talks between Paris and Rome ended.", (18, 23), (28, 32)),
    ],
)
def test_marks_wrap_each_span_and_point_at_their_opening(pair):
    text, source_at, target_at = marked(pair)
    assert text[source_at] == "[" and text[target_at] == "<"
    source = pair.text[pair.source[0] : pair.source[1]]
    target = pair.text[pair.target[0] : pair.target[1]]
    assert f"[ {source} ]" in text and f"< {target} >" in text
    assert (
        text.replace("[", "").replace("]", "").replace("<", "").replace(">", "").split()
        == pair.text.split()
    )


def test_overlapping_spans_still_give_both_marks():
    text, source_at, target_at = marked(
        PairText("United States Army units moved.", (0, 18), (7, 13))
    )
    assert text[source_at] == "[" and text[target_at] == "<"


def test_sentence_hash_is_stable_and_ignores_outer_space():
    assert sentence_hash("Iran accused Israel.") == sentence_hash("  Iran accused Israel.\n")
    assert sentence_hash("Iran accused Israel.") != sentence_hash("Israel accused Iran.")
    assert 0 <= sentence_hash("x") < 2**63


@pytest.fixture(scope="module")
def shipped():
    encoder = PairEncoder.load(ADAPTER_PATH)
    assert encoder is not None, (
        "eventwire/data/pair_adapter.npz is missing (scripts/train_dyad.py --encoder)"
    )
    return encoder


@pytest.mark.slow
def test_shipped_adapter_reads_plain_sentences(shipped):
    pairs = [
        PairText("Iran accused Israel of sabotage at its nuclear plant.", (0, 4), (13, 19)),
        PairText("Egypt sent food and medicine to Gaza.", (0, 5), (31, 35)),
        PairText("Police arrested dozens of opposition activists in Minsk.", (0, 6), (26, 46)),
    ]
    probabilities = shipped.probabilities(pairs)
    assert probabilities.shape == (3, len(shipped.labels))
    assert np.allclose(probabilities.sum(axis=1), 1.0, atol=1e-4)
    best = [shipped.labels[int(row.argmax())] for row in probabilities]
    assert best == ["ACCUSE", "AID", "COERCE"]


@pytest.mark.slow
def test_adapter_learns_saves_and_loads(tmp_path):
    # Two labels whose sentences differ only in the verb: a few epochs must separate them.
    verbs = {
        "ACCUSE": ["accused", "blamed", "condemned", "denounced"],
        "CONSULT": ["met", "visited", "hosted", "phoned"],
    }
    countries = ["Chile", "Peru", "Kenya", "Ghana", "Nepal"]
    pairs, labels = [], []
    for label, words in verbs.items():
        for word in words:
            for a, b in itertools.pairwise(countries):
                text = f"{a} {word} {b} on Monday."
                pairs.append(
                    PairText(
                        text, (0, len(a)), (len(a) + len(word) + 2, len(a) + len(word) + 2 + len(b))
                    )
                )
                labels.append(label)
    encoder = PairEncoder(("ACCUSE", "CONSULT"))
    before = (
        encoder.probabilities(pairs).argmax(axis=1) == [encoder.labels.index(x) for x in labels]
    ).mean()
    encoder.fit(pairs, labels, epochs=3, rate=5e-3, head_rate=5e-3)
    after = encoder.probabilities(pairs)
    assert (
        (after.argmax(axis=1) == [encoder.labels.index(x) for x in labels]).mean() == 1.0 > before
    )
    path = tmp_path / "adapter.npz"
    encoder.save(path)
    again = PairEncoder.load(path)
    assert (
        again.labels == encoder.labels
        and again.has_seen(pairs[0].text)
        and not again.has_seen("Peru met Chile.")
    )
    assert np.abs(again.probabilities(pairs) - after).max() < 0.02  # weights are stored as float16


def test_adapter_file_missing_tensors_is_refused(tmp_path):
    path = tmp_path / "broken.npz"
    np.savez(path, labels=np.array(["ACCUSE"]), trained_on=np.zeros(0, np.int64))
    with pytest.raises(ValueError, match="lacks"):
        PairEncoder.load(path)


def test_missing_adapter_file_gives_none(tmp_path):
    assert PairEncoder.load(tmp_path / "none.npz") is None


@pytest.mark.skipif(not (GOLD / "plv_train_pairs.jsonl").exists(), reason="needs ../shared/gold")
def test_every_gold_pair_has_a_cross_validation_adapter_that_never_saw_it():
    with open(GOLD / "plv_train_pairs.jsonl", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    unseen = np.zeros(len(records), int)
    for path in fold_paths():
        hashes = set(np.load(path)["trained_on"].tolist())
        unseen += [sentence_hash(r["text"]) not in hashes for r in records]
    assert len(fold_paths()) >= 2 and (unseen >= 1).mean() > 0.99
