"""The pair vote: the lexicon's reading of a known dyad against the learned models'.

In: the event stage's analysis of a (source, target) pair (its lexicon event, how well the
lexicon fits, the feature row and the anchor tokens), the hashed-feature dyad model's and
the pair encoder's label distributions. Out: one event or None, its rule saying who decided.

Rule. The two models' distributions are mixed by a weighted geometric mean; the mix decides
unless the lexicon's event links both actors and the mix is less sure than
``DYAD_THRESHOLD``. A label the lexicon agrees with raises the event's confidence.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from ..model import Event
from .dyad import DyadModel
from .encoder import PairEncoder, PairText

# The learned vote decides a known dyad unless the lexicon's event links both actors and
# the vote is less sure than this (chosen by cross-validation on the PLV pairs).
DYAD_THRESHOLD = 0.6
# Weight of the pair encoder against the hashed-feature model in their geometric mean.
ENCODER_WEIGHT = 0.5
_PLV_TO_PLOVER = {"YIELD": "RETREAT"}


@dataclass(frozen=True)
class PairVote:
    """The learned models' label distribution for one dyad, and which models cast it."""

    labels: tuple[str, ...]
    probabilities: np.ndarray
    voters: str


def combine_votes(
    linear: np.ndarray | None,
    linear_labels: tuple[str, ...] | None,
    encoder: np.ndarray | None,
    encoder_labels: tuple[str, ...] | None,
    weight: float = ENCODER_WEIGHT,
) -> PairVote | None:
    """A weighted geometric mean of the two models' distributions (either may be missing)."""
    if encoder is None:
        return (
            None if linear is None else PairVote(tuple(linear_labels or ()), linear, "dyad model")
        )
    if linear is None:
        return PairVote(tuple(encoder_labels or ()), encoder, "pair encoder")
    labels, known = tuple(encoder_labels or ()), tuple(linear_labels or ())
    aligned = np.array([linear[known.index(label)] if label in known else 1e-6 for label in labels])
    mixed = np.exp(
        weight * np.log(np.maximum(encoder, 1e-9))
        + (1 - weight) * np.log(np.maximum(aligned, 1e-9))
    )
    return PairVote(labels, mixed / mixed.sum(), "pair encoder + dyad model")


def pair_votes(
    analyses: list, model: DyadModel | None, encoder: PairEncoder | None, pairs: list[PairText]
) -> list[PairVote | None]:
    """Each analysed dyad's combined vote (None where neither model can read it)."""
    encoded = encoder.probabilities(pairs) if encoder is not None and pairs else None
    readable = (
        [n for n, analysis in enumerate(analyses) if analysis.row is not None]
        if model is not None
        else []
    )
    linear: dict[int, np.ndarray] = (
        dict(zip(readable, model.probabilities([analyses[n].row for n in readable])))
        if readable and model is not None
        else {}
    )
    return [
        combine_votes(
            linear.get(n),
            model.labels if model else None,
            encoded[n] if encoded is not None else None,
            encoder.labels if encoder is not None else None,
        )
        for n in range(len(analyses))
    ]


def decide_pair(analysis, vote: PairVote | None, ontology) -> Event | None:
    """The lexicon's event or the learned label for a known dyad; the rule says which decided."""
    event = analysis.event
    if vote is None:
        return event
    best = int(np.argmax(vote.probabilities))
    label, confidence = vote.labels[best], float(vote.probabilities[best])
    if event is not None and analysis.fit >= 4 and confidence < DYAD_THRESHOLD:
        return event
    if event is not None and (
        _PLV_TO_PLOVER.get(label, label) == event.type
        or label == "YIELD"
        and event.type in ("CONCEDE", "RETREAT")
    ):
        return replace(
            event,
            confidence=round(max(event.confidence, confidence), 2),
            rule=f"{event.rule}; {vote.voters} agrees (p={confidence:.2f})",
        )
    if analysis.anchor is None:
        return event
    event_type = _PLV_TO_PLOVER.get(label, label)
    cameo, quad_class, intensity = ontology.code(event_type, None)
    rule = f"learned: {vote.voters} (p={confidence:.2f})" + (
        f"; lexicon said {event.type}" if event else ""
    )
    if event is not None:
        return replace(
            event,
            type=event_type,
            mode=None,
            cameo=cameo,
            quad_class=quad_class,
            intensity=intensity,
            confidence=round(confidence, 2),
            rule=rule,
        )
    sentence, trigger, source, target = analysis.anchor
    return Event(
        id=f"pair-{trigger[0]}",
        article_id="<pair>",
        sentence=sentence,
        trigger=trigger,
        type=event_type,
        mode=None,
        source=source,
        target=target,
        date=None,
        date_granularity=None,
        date_method=None,
        location=None,
        negated=False,
        hypothetical=False,
        future=False,
        cameo=cameo,
        quad_class=quad_class,
        intensity=intensity,
        confidence=round(confidence, 2),
        rule=rule,
    )
