"""The learned dyad classifier: which event type links two known actors in a sentence.

In: a parsed sentence, the head tokens of the source and the target, and the trigger
lexicon. Out: a probability for each label.

Rule. The lexicon decides most sentences; this model covers what it misses and weighs
its votes. Features are hashed (so the model file holds numbers, never words): the
lemmas and dependency labels on the path between the two actors and at their common
head, the lexicon's trigger types on and off that path, negation, modality, voice,
the prepositions that attach the target, the sentence's content lemmas, and spaCy's
word vectors at the common head and along the path. A multinomial logistic regression,
trained by our own full-batch gradient descent, maps them to labels. The weights live in
``eventwire/data/dyad_model.npz`` (built by ``scripts/train_dyad.py``).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

HASH_SIZE = 2**13
VECTOR_SIZE = 300
DENSE_SIZE = 3 * VECTOR_SIZE  # common head, path, whole sentence
MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "dyad_model.npz"


def feature_index(feature: str) -> int:
    """The hashed column of a named feature."""
    return zlib.crc32(feature.encode("utf-8")) % HASH_SIZE


_hash = feature_index


def _path(source, target) -> tuple[list, object]:
    """Tokens between two tokens through their lowest common head, and that head."""
    up_source = [source, *source.ancestors]
    up_target = [target, *target.ancestors]
    common = next((t for t in up_source if t in up_target), source.sent.root)
    between = up_source[1 : up_source.index(common) + 1] if common in up_source else []
    between += up_target[1 : up_target.index(common)] if common in up_target else []
    return [t for t in between if t.i not in (source.i, target.i)], common


def features(
    source, target, trigger_type: Callable[[object], tuple[str, str | None] | None]
) -> tuple[list[int], np.ndarray]:
    """Hashed sparse feature indices and the dense vector part for one (source, target) pair.

    ``trigger_type(token)`` gives the lexicon's (type, mode) for a token, or None.
    """
    path, common = _path(source, target)
    names = [
        f"lca:{common.lemma_.lower()}",
        f"lcadep:{common.dep_}",
        f"lcapos:{common.pos_}",
        f"sdep:{source.dep_}",
        f"tdep:{target.dep_}",
        f"order:{source.i < target.i}",
    ]
    previous = "<s>"
    for token in path:
        lemma = token.lemma_.lower()
        names += [f"path:{lemma}", f"pathdep:{token.dep_}:{token.pos_}", f"bi:{previous}_{lemma}"]
        previous = lemma
    for token in [common, *path]:
        found = trigger_type(token)
        if found is not None:
            names += [f"lex:{found[0]}", f"lexmode:{found[0]}:{found[1]}"]
            if token.i == common.i:
                names.append(f"lexlca:{found[0]}")
    for token in common.sent:
        if token.pos_ in ("VERB", "NOUN", "ADJ"):
            names.append(f"w:{token.lemma_.lower()}")
            found = trigger_type(token)
            if found is not None and token not in path and token.i != common.i:
                names.append(f"slex:{found[0]}")
    for token in [common, *path]:
        for child in token.children:
            if child.dep_ in ("prt", "prep") and token.pos_ == "VERB":
                names.append(f"particle:{token.lemma_.lower()}_{child.lower_}")
            if child.dep_ == "neg":
                names.append("neg")
            elif child.dep_ == "aux" and child.lower_ in (
                "will",
                "would",
                "could",
                "might",
                "may",
                "should",
            ):
                names.append(f"modal:{child.lower_}")
            elif child.dep_ in ("auxpass", "nsubjpass"):
                names.append("passive")
    names += [
        f"tprep:{target.head.lower_}" if target.dep_ == "pobj" else "tprep:none",
        f"sprep:{source.head.lower_}" if source.dep_ == "pobj" else "sprep:none",
    ]
    vectors = [t.vector for t in path if t.has_vector and t.pos_ in ("VERB", "NOUN")]
    content = [t.vector for t in common.sent if t.has_vector and t.pos_ in ("VERB", "NOUN", "ADJ")]
    parts = [
        common.vector if common.has_vector else np.zeros(VECTOR_SIZE, np.float32),
        np.mean(vectors, axis=0) if vectors else np.zeros(VECTOR_SIZE, np.float32),
        np.mean(content, axis=0) if content else np.zeros(VECTOR_SIZE, np.float32),
    ]
    dense = np.concatenate([part / (float(np.linalg.norm(part)) or 1.0) for part in parts])
    return sorted({_hash(n) for n in names}), dense.astype(np.float32)


def design_matrix(rows: Sequence[tuple[list[int], np.ndarray]]) -> np.ndarray:
    matrix = np.zeros((len(rows), HASH_SIZE + DENSE_SIZE + 1), np.float32)
    for n, (indices, dense) in enumerate(rows):
        matrix[n, indices] = 1.0
        matrix[n, HASH_SIZE : HASH_SIZE + DENSE_SIZE] = dense
        matrix[n, -1] = 1.0  # bias
    return matrix


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
    """Multinomial logistic regression by full-batch gradient descent (deterministic: zero start)."""
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
