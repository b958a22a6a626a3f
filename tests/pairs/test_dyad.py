from __future__ import annotations

import numpy as np

from eventwire.pairs.dyad import DyadModel, train
from eventwire.pairs.features import features
from eventwire.stages.parse import Parser

# Our own small training set: who acts on whom, and how.
EXAMPLES = [
    ("Iran accused Israel of sabotage.", "Iran", "Israel", "ACCUSE"),
    ("Russia blamed Ukraine for the blast.", "Russia", "Ukraine", "ACCUSE"),
    ("China criticised Japan over the visit.", "China", "Japan", "ACCUSE"),
    ("Turkey hosted talks with Armenia.", "Turkey", "Armenia", "CONSULT"),
    ("Egypt met Jordan in Cairo.", "Egypt", "Jordan", "CONSULT"),
    ("France held talks with Germany.", "France", "Germany", "CONSULT"),
]


def _rows(parser):
    rows = []
    for text, source, target, _ in EXAMPLES:
        (segment,) = parser([(text, [(0, len(text))])])[0]
        doc = segment.doc
        s = doc.char_span(text.index(source), text.index(source) + len(source)).root
        t = doc.char_span(text.index(target), text.index(target) + len(target)).root
        rows.append(features(s, t, lambda token: None))
    return rows


def test_dyad_features_hold_no_words_only_hashed_indices():
    parser = Parser()
    indices, dense = _rows(parser)[0]
    assert all(isinstance(i, int) for i in indices) and dense.shape == (900,)


def test_dyad_model_learns_and_round_trips(tmp_path):
    rows = _rows(Parser())
    labels = [label for *_, label in EXAMPLES]
    model = train(rows, labels, epochs=200)
    predicted = [model.labels[int(p.argmax())] for p in model.probabilities(rows)]
    assert predicted == labels
    model.save(tmp_path / "m.npz")
    loaded = DyadModel.load(tmp_path / "m.npz")
    assert loaded.labels == model.labels
    assert np.allclose(loaded.probabilities(rows), model.probabilities(rows), atol=1e-5)


def test_shipped_dyad_model_loads():
    model = DyadModel.load()
    assert model is not None and "ACCUSE" in model.labels and "YIELD" in model.labels
