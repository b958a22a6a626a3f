"""The learned dyad classifier: which event type links two known actors in a sentence.

In: rows of hashed parse features (``pairs/features.py``) for known (source, target) pairs.
Out: a probability for each label.

Rule. The lexicon decides most sentences; this model covers what it misses and weighs
its votes (``pairs/vote.py``). A multinomial logistic regression, trained by our own
full-batch gradient descent, maps the features to labels. The weights live in
``eventwire/data/dyad_model.npz`` (built by ``scripts/train_dyad.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .features import design_matrix

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "dyad_model.npz"


@dataclass(frozen=True, eq=False)
class DyadModel:
    weights: np.ndarray  # (features, labels)
    labels: tuple[str, ...]

    def probabilities(self, rows: Sequence[tuple[list[int], np.ndarray]]) -> np.ndarray:
        scores = design_matrix(rows) @ self.weights
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)

    def save(self, path: str | Path) -> None:
        np.savez_compressed(
            path, weights=self.weights.astype(np.float32), labels=np.array(self.labels)
        )

    @classmethod
    def load(cls, path: str | Path = MODEL_PATH) -> DyadModel | None:
        if not Path(path).exists():
            return None
        data = np.load(path, allow_pickle=False)
        return cls(data["weights"], tuple(str(x) for x in data["labels"]))


def train(
    rows: Sequence[tuple[list[int], np.ndarray]],
    labels: Sequence[str],
    epochs: int = 300,
    rate: float = 1.0,
    l2: float = 1e-3,
) -> DyadModel:
    """Multinomial logistic regression by full-batch gradient descent (deterministic)."""
    names = tuple(sorted(set(labels)))
    x = design_matrix(rows)
    y = np.zeros((len(labels), len(names)), np.float32)
    y[np.arange(len(labels)), [names.index(label) for label in labels]] = 1.0
    weights = np.zeros((x.shape[1], len(names)), np.float32)
    for _ in range(epochs):
        scores = x @ weights
        scores -= scores.max(axis=1, keepdims=True)
        probabilities = np.exp(scores)
        probabilities /= probabilities.sum(axis=1, keepdims=True)
        gradient = x.T @ (probabilities - y) / len(labels) + l2 * weights
        weights -= rate * gradient
    return DyadModel(weights, names)
