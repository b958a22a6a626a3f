"""Hashed parse features for a (source, target) pair of tokens in one sentence.

In: the head tokens of the two actors and the trigger lexicon's reading of a token. Out:
sorted hashed feature indices (the lemmas and dependency labels on the path between the
two actors and at their common head, the lexicon's trigger types on and off that path,
negation, modality, voice, the prepositions that attach the target, the sentence's content
lemmas) and a dense part (spaCy's word vectors at the common head, along the path and over
the sentence). Hashing means a model file holds numbers, never words. The event stage
(``stages/events.py``) computes these rows; the dyad model (``pairs/dyad.py``) reads them.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence

import numpy as np

from ..stages.syntax import tree_path

HASH_SIZE = 2**13
VECTOR_SIZE = 300
DENSE_SIZE = 3 * VECTOR_SIZE  # common head, path, whole sentence


def feature_index(feature: str) -> int:
    """The hashed column of a named feature."""
    return zlib.crc32(feature.encode("utf-8")) % HASH_SIZE


def features(
    source, target, trigger_type: Callable[[object], tuple[str, str | None] | None]
) -> tuple[list[int], np.ndarray]:
    """Hashed sparse feature indices and the dense vector part for one (source, target) pair.

    ``trigger_type(token)`` gives the lexicon's (type, mode) for a token, or None.
    """
    path, common = tree_path(source, target)
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
    return sorted({feature_index(n) for n in names}), dense.astype(np.float32)


def design_matrix(rows: Sequence[tuple[list[int], np.ndarray]]) -> np.ndarray:
    matrix = np.zeros((len(rows), HASH_SIZE + DENSE_SIZE + 1), np.float32)
    for n, (indices, dense) in enumerate(rows):
        matrix[n, indices] = 1.0
        matrix[n, HASH_SIZE : HASH_SIZE + DENSE_SIZE] = dense
        matrix[n, -1] = 1.0  # bias
    return matrix
