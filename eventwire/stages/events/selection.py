"""Which of a sentence's actors fill a trigger's source and target slots: a learned decision.

In: one trigger (its token, the lexicon's reading, the rule reader's source and target) and
every actor mention of its sentence. Out: the source and target to code, either of which may
be None; both None means no event.

Rule. The rule reader (``arguments.py``, ``segment.py``) proposes a source and a target. The
selector scores every actor mention of the sentence as the trigger's source, its target or
neither with a multinomial logistic regression over parse features: the dependency path
from the trigger to the candidate (prepositions named), the side and distance, the trigger's
type, lemma and part of speech, the voice, the candidate's kind and whether it has a country,
and the rule reader's own choice. It fills what the rules leave empty: a slot the rules left
empty takes the best candidate for that role when its probability reaches the role's
threshold ("The minister raised new allegations against Ankara": the minister), else stays
empty. It neither overrules the rules' choices nor makes events the rules did not propose:
measured on our development articles, letting it empty or replace the rules' slots lost more
right actors than wrong ones (see ``examples/articles`` in the issue #19 notes).

The model is data: ``data/arguments.npz`` holds hashed feature weights (no words), the
thresholds and what it was trained on. ``eventwire.evaluate.arguments`` trains it (on the
actor spans of the gold sentences and our own sentences) and reports it by cross-validation
only; thresholds are chosen on predictions for folds the model did not train on.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from ...lexicons import Trigger
from ...model import Mention
from ..syntax import as_phrase

MODEL_PATH = Path(__file__).resolve().parent.parent.parent / "data" / "arguments.npz"
CLASSES = ("none", "source", "target")
HASH_BITS = 18
HASH_SIZE = 1 << HASH_BITS
MAX_PATH = 5  # longer dependency paths are one feature, "long"


@dataclass(frozen=True, eq=False)
class Frame:
    """One trigger's slot decision: the trigger, the rules' choice and every candidate."""

    token: Any  # the trigger's spaCy token
    trigger: Trigger
    is_noun: bool
    rule_source: Mention | None
    rule_target: Mention | None
    candidates: tuple[Mention, ...]
    features: tuple[tuple[str, ...], ...]  # one list per candidate
    article_id: str = ""
    offset: int = 0  # the segment's offset in the article (its doc's 0)


def dependency_path(start, end) -> list[str]:
    """Steps from one token to another through their lowest common head: ``^dep`` for each
    step up, ``vdep`` for each step down; a preposition or agent step names its word."""
    up = [start, *start.ancestors]
    down = [end, *end.ancestors]
    down_indices = [t.i for t in down]
    common = next((n for n, t in enumerate(up) if t.i in down_indices), None)
    if common is None:
        return ["apart"]
    meeting = down_indices.index(up[common].i)
    steps = ["^" + _label(t) for t in up[:common]]
    steps += ["v" + _label(t) for t in reversed(down[:meeting])]
    return steps


def _label(token) -> str:
    if token.dep_ in ("prep", "agent"):
        return f"{token.dep_}:{token.lower_}"
    return token.dep_


def candidate_features(
    token,
    trigger: Trigger,
    is_noun: bool,
    mention: Mention,
    head,
    rule_source: Mention | None,
    rule_target: Mention | None,
    nearest: tuple[int | None, int | None],
) -> tuple[str, ...]:
    """The named features of one candidate for one trigger."""
    pos = "noun" if is_noun else "verb"
    kind = mention.kind.removesuffix("_inferred")
    names = [
        f"type={trigger.type}",
        f"pos={pos}",
        f"kind={kind}",
        f"inferred={mention.kind.endswith('_inferred')}",
        f"country={mention.actor.country is not None}",
        f"sector={mention.actor.sector or '-'}",
        f"rule_source={mention is rule_source}",
        f"rule_target={mention is rule_target}",
        f"rule_source={mention is rule_source}|type={trigger.type}",
        f"rule_target={mention is rule_target}|type={trigger.type}",
        f"rule_source={mention is rule_source}|pos={pos}",
        f"rule_target={mention is rule_target}|pos={pos}",
        f"rules_empty={rule_source is None}{rule_target is None}",
        f"same_as_rule_source={rule_source is not None and mention.actor == rule_source.actor}",
    ]
    if head is None:
        return (*names, "path=outside")
    passive = not is_noun and any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)
    steps = dependency_path(token, head)
    path = " ".join(steps) if len(steps) <= MAX_PATH else "long"
    side = "left" if head.i < token.i else "right"
    first, last = steps[0], steps[-1]
    names += [
        f"path={path}",
        f"path={path}|pos={pos}",
        f"path={path}|type={trigger.type}",
        f"path={path}|passive={passive}",
        f"first={first}",
        f"last={last}",
        f"last={last}|type={trigger.type}",
        f"last={last}|passive={passive}",
        f"first={first}|last={last}",
        f"lemma={token.lemma_.lower()}|last={last}",
        f"length={min(len(steps), 6)}",
        f"side={side}",
        f"side={side}|pos={pos}",
        f"side={side}|kind={kind}",
        f"nearest={head.i in nearest}|side={side}",
        f"candidate_dep={head.dep_}",
        f"candidate_dep={head.dep_}|pos={pos}",
        f"up={sum(s.startswith('^') for s in steps)}|down={sum(s.startswith('v') for s in steps)}",
    ]
    return tuple(names)


def feature_hashes(names: Sequence[str]) -> np.ndarray:
    return np.fromiter((_hash(name) for name in names), np.int64, count=len(names))


@lru_cache(maxsize=1 << 16)
def _hash(name: str) -> int:
    """A feature's column (the same names come back trigger after trigger)."""
    return zlib.crc32(name.encode("utf-8")) & (HASH_SIZE - 1)


@dataclass(frozen=True, eq=False)
class ArgumentModel:
    """Hashed feature weights for the three classes, and the two roles' thresholds."""

    hashes: np.ndarray  # (k,) sorted feature hashes with a weight
    weights: np.ndarray  # (k, 3)
    bias: np.ndarray  # (3,)
    thresholds: dict[str, float] = field(default_factory=lambda: {"source": 0.5, "target": 0.5})
    trained_on: str = ""

    def scores(self, names: Sequence[str]) -> np.ndarray:
        """Class probabilities (none, source, target) of one candidate."""
        return self.table([names])[0]

    def __post_init__(self) -> None:
        # each feature's three weights by its hash, as Python floats: a frame has a few
        # candidates of some thirty features, too few for numpy's per-call cost to pay
        rows = dict(zip(self.hashes.tolist(), self.weights.astype(np.float64).tolist()))
        object.__setattr__(self, "_rows", rows)

    def table(self, rows: Sequence[Sequence[str]]) -> np.ndarray:
        """Class probabilities of several candidates at once: one row each."""
        if not rows:
            return np.zeros((0, 3))
        weights: dict[int, list[float]] = self._rows  # type: ignore[attr-defined]
        bias = self.bias.astype(np.float64).tolist()
        table = []
        for names in rows:
            none, source, target = bias
            for column in sorted({_hash(name) for name in names}):
                weight = weights.get(column)
                if weight is not None:
                    none += weight[0]
                    source += weight[1]
                    target += weight[2]
            top = max(none, source, target)
            exp = (math.exp(none - top), math.exp(source - top), math.exp(target - top))
            total = exp[0] + exp[1] + exp[2]
            table.append((exp[0] / total, exp[1] / total, exp[2] / total))
        return np.array(table)

    def save(self, path: str | Path) -> None:
        np.savez_compressed(
            path,
            hashes=self.hashes.astype(np.int64),
            weights=self.weights.astype(np.float32),
            bias=self.bias.astype(np.float32),
            thresholds=np.array([self.thresholds["source"], self.thresholds["target"]]),
            trained_on=np.array(self.trained_on),
        )

    @classmethod
    def load(cls, path: str | Path = MODEL_PATH) -> ArgumentModel | None:
        if not Path(path).exists():
            return None
        data = np.load(path, allow_pickle=False)
        source, target = (float(x) for x in data["thresholds"])
        return cls(
            data["hashes"],
            data["weights"],
            data["bias"],
            {"source": source, "target": target},
            str(data["trained_on"]),
        )


def choose(
    frame: Frame, probabilities: np.ndarray, thresholds: dict[str, float]
) -> tuple[Mention | None, Mention | None]:
    """The rules' source and target stand; a slot they left empty takes the best candidate for
    that role when it reaches the role's threshold, never the other slot's actor. A frame in
    which the rules found no actor at all stays without an event: the model learnt slots on
    event triggers only and cannot tell whether a trigger is one."""
    source, target = frame.rule_source, frame.rule_target
    if (source is None and target is None) or not len(frame.candidates):
        return source, target
    if source is None:
        source = _best(frame, probabilities[:, 1], thresholds["source"], target)
    if target is None:
        target = _best(frame, probabilities[:, 2], thresholds["target"], source)
    return source, target


def _best(
    frame: Frame, scores: np.ndarray, threshold: float, other: Mention | None
) -> Mention | None:
    """The highest-scoring candidate reaching the threshold that is not ``other``'s actor; a
    name the gazetteer and registry do not know ("Sisaket", neither country nor sector) only
    when no candidate that says who acts reaches the threshold too."""
    unknown = None
    for n in np.argsort(-scores, kind="stable"):
        if scores[n] < threshold:
            break
        mention = frame.candidates[int(n)]
        if other is not None and (mention is other or mention.actor == other.actor):
            continue
        if mention.actor.country is None and mention.actor.sector is None:
            unknown = unknown or mention
            continue
        return mention
    return unknown


class Selector:
    """Decides a frame's slots with a model; ``record`` (when given) sees every frame and its
    decision (the training and cross-validation code collects frames so)."""

    def __init__(
        self,
        model: ArgumentModel | None,
        record: Callable[[Frame, tuple], None] | None = None,
    ):
        self.model, self.record = model, record

    def wants(self, source: Mention | None, target: Mention | None) -> bool:
        """Does a trigger with these rule slots need a frame? Only one with exactly one slot
        empty can change (and every one when frames are recorded): the rest skip the cost."""
        return self.record is not None or (
            self.model is not None and (source is None) != (target is None)
        )

    def __call__(self, frame: Frame) -> tuple[Mention | None, Mention | None, str]:
        """(source, target, note): the note says which slot the model filled, and how sure
        it was ("source by the slot selector 0.91"), for the event's ``rule``."""
        if self.model is None:
            decision = (frame.rule_source, frame.rule_target)
            probabilities = np.zeros((0, 3))
        else:
            probabilities = self.model.table(frame.features)
            decision = choose(frame, probabilities, self.model.thresholds)
        if self.record is not None:
            self.record(frame, decision)
        notes = []
        for column, (role, chosen, ruled) in enumerate(
            zip(("source", "target"), decision, (frame.rule_source, frame.rule_target)), 1
        ):
            if chosen is not None and chosen is not ruled:
                n = next(n for n, m in enumerate(frame.candidates) if m is chosen)
                notes.append(f"{role} by the slot selector {probabilities[n, column]:.2f}")
        return decision[0], decision[1], "; ".join(notes)


def _describes(head, trigger) -> bool:
    """Is the candidate inside an "as" phrase outside the trigger's own ("Anwar, who hosted the
    talks as chair of ASEAN": ASEAN is whose chair he is, not whom he hosted)?"""
    phrase = as_phrase(head)
    return phrase is not None and trigger not in phrase.subtree


def build_frame(
    token,
    trigger: Trigger,
    is_noun: bool,
    rule_source: Mention | None,
    rule_target: Mention | None,
    segment_number: int,
    segment_offset: int,
    actors,
    article_id: str = "",
) -> Frame:
    """A trigger's frame: every actor mention of its sentence with its features."""
    sentence = token.sent
    tokens = {t.i: t for t in sentence}
    found: dict[int, tuple[Mention, Any]] = {}
    for table in (actors.by_head, actors.partners):
        for (number, index), mention in table.items():
            if number == segment_number and index in tokens and id(mention) not in found:
                found[id(mention)] = (mention, tokens[index])
    by_offset = {segment_offset + t.idx: t for t in sentence}
    for mention in (rule_source, rule_target):
        if mention is not None and id(mention) not in found:
            found[id(mention)] = (mention, by_offset.get(mention.head))
    pairs = sorted(found.values(), key=lambda pair: (pair[0].start, pair[0].end))
    pairs = [(m, h) for m, h in pairs if h is None or (h.i != token.i and not _describes(h, token))]
    left = [h.i for _, h in pairs if h is not None and h.i < token.i]
    right = [h.i for _, h in pairs if h is not None and h.i > token.i]
    nearest = (max(left) if left else None, min(right) if right else None)
    return Frame(
        token,
        trigger,
        is_noun,
        rule_source,
        rule_target,
        tuple(m for m, _ in pairs),
        tuple(
            candidate_features(token, trigger, is_noun, m, h, rule_source, rule_target, nearest)
            for m, h in pairs
        ),
        article_id,
        segment_offset,
    )
