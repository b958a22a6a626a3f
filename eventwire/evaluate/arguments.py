"""The learned slot selector (``stages/events/selection.py``): its training data, its fitting,
its thresholds and its cross-validated figures.

Training data. Every sentence of ``plv_train_pairs`` and ``cameo_ner_train`` (and our own
``data/argument_examples.jsonl``) is coded with the rules alone while every trigger's frame
is recorded. A frame is a training example only when its trigger is the sentence's gold
event: the trigger lies on the dependency path between a gold source and a gold target (or
above the one gold side a record gives). Each of its candidates is labelled ``source`` when
it overlaps a gold source span, ``target`` when it overlaps a gold target span, else
``none``. Frames of other triggers are not used: the gold names one event per sentence, so
their slots are unknown, not empty.

Fitting. A multinomial logistic regression (scikit-learn, L2, C = 1.0 fixed beforehand, not
tuned) over hashed features. Thresholds: for each role, the one of 0.05, 0.10 ... 0.95 with
the best F0.5 (precision weighted: an empty slot costs an analyst less than a wrong one) on
out-of-fold predictions, that is, predictions for sentences the model did not train on.

Figures are cross-validated only: ``cross_validated_results`` codes every sentence with a
model trained on the other folds, whose thresholds come from folds inside those (nested).
Folds group sentences by their text, so a sentence given twice never sits on both sides.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..lexicons.files import data_file
from ..model import Result
from ..stages.events.selection import (
    CLASSES,
    MODEL_PATH,
    ArgumentModel,
    Frame,
    Selector,
    feature_hashes,
)
from .scoring import code_records, overlaps, read_gold, shared_pipeline

OWN_EXAMPLES = "argument_examples.jsonl"
FOLDS = 5
GRID = tuple(round(0.05 * n, 2) for n in range(1, 20))
BETA = 0.5  # F-beta of the thresholds: precision counts twice as much as recall
C = 1.0  # the regression's inverse L2 strength, fixed beforehand

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Example:
    """A labelled frame: its candidates' features and classes (0 none, 1 source, 2 target)."""

    record: int  # index of its sentence in the records
    features: tuple[tuple[str, ...], ...]
    labels: tuple[int, ...]
    rules: tuple[int | None, int | None]  # the candidates the rules chose (source, target)


def gold_sides(record: dict) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    """(sources, targets) of a pairs record or an actor-spans record."""
    if "sources" in record or "targets" in record:
        return tuple(
            tuple((s["start"], s["end"]) for s in record.get(side) or ())
            for side in ("sources", "targets")
        )  # type: ignore[return-value]
    return tuple(
        ((record[side]["start"], record[side]["end"]),) if record.get(side) else ()
        for side in ("source", "target")
    )  # type: ignore[return-value]


def read_records(paths: Sequence[str | Path], own: bool = True) -> list[dict]:
    """The gold records of every file, then our own sentences (``own``)."""
    records: list[dict] = []
    for path in paths:
        records += read_gold(path)
    own_path = data_file(OWN_EXAMPLES)
    if own and own_path.exists():
        records += read_gold(own_path)
    return records


def fold_of(record: dict, folds: int = FOLDS) -> int:
    """A sentence's fold, by its text (the same text always lands in the same fold)."""
    text = " ".join(record["text"].lower().split())
    return zlib.crc32(text.encode("utf-8")) % folds


def collect_frames(records: list[dict]) -> tuple[list[list[Frame]], list[Result]]:
    """Code every record with the rules alone, recording each trigger's frame; the frames of
    each record and its (rules-only) result."""
    frames: dict[str, list[Frame]] = {}
    recorder = Selector(
        None, record=lambda frame, _: frames.setdefault(frame.article_id, []).append(frame)
    )
    with _coding_with(recorder):
        results = [result for _, result in code_records(records)]
    return [frames.get(f"gold-{n}", []) for n in range(len(records))], results


def label_frames(record_number: int, record: dict, frames: list[Frame]) -> list[Example]:
    """The frames of a record whose trigger is the gold event's, with their candidates'
    classes."""
    sources, targets = gold_sides(record)
    examples = []
    for frame in frames:
        if not frame.candidates or not _on_gold_path(frame, sources, targets):
            continue
        labels = []
        for mention in frame.candidates:
            span = (mention.start, mention.end)
            labels.append(
                1
                if any(overlaps(span, s) for s in sources)
                else 2
                if any(overlaps(span, t) for t in targets)
                else 0
            )
        rules = tuple(
            next((n for n, m in enumerate(frame.candidates) if m is chosen), None)
            for chosen in (frame.rule_source, frame.rule_target)
        )
        examples.append(Example(record_number, frame.features, tuple(labels), rules))  # type: ignore[arg-type]
    return examples


def _on_gold_path(frame: Frame, sources: tuple[Span, ...], targets: tuple[Span, ...]) -> bool:
    doc = frame.token.doc
    heads: list[list] = []
    for spans in (sources, targets):
        side = []
        for start, end in spans:
            piece = doc.char_span(start - frame.offset, end - frame.offset, alignment_mode="expand")
            if piece is not None and len(piece):
                side.append(piece.root)
        heads.append(side)
    trigger = frame.token.i
    if heads[0] and heads[1]:
        for source in heads[0]:
            for target in heads[1]:
                up_source = [source.i, *(t.i for t in source.ancestors)]
                up_target = [target.i, *(t.i for t in target.ancestors)]
                common = next((i for i in up_source if i in up_target), None)
                if common is None:
                    continue
                path = up_source[: up_source.index(common) + 1]
                path += up_target[: up_target.index(common)]
                if trigger in path:
                    return True
        return False
    side = heads[0] or heads[1]
    return any(trigger in [t.i for t in head.ancestors] for head in side)


def fit(examples: Sequence[Example], thresholds: dict[str, float] | None = None) -> ArgumentModel:
    """A model fitted on the examples' candidates (thresholds 0.5 unless given)."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    rows, labels = _rows(examples)
    indices = [np.unique(feature_hashes(names)) for names in rows]
    used = np.unique(np.concatenate(indices))  # the hashes seen: one column each
    pointer = np.cumsum([0, *(len(i) for i in indices)])
    matrix = csr_matrix(
        (
            np.ones(pointer[-1]),
            np.concatenate([np.searchsorted(used, i) for i in indices]),
            pointer,
        ),
        shape=(len(rows), len(used)),
    )
    # newton-cg: converges in a dozen steps here, where lbfgs needs ten times the time
    model = LogisticRegression(C=C, solver="newton-cg", max_iter=200)
    model.fit(matrix, np.array(labels))
    if tuple(model.classes_) != (0, 1, 2):
        raise ValueError("the examples must hold every class: none, source and target")
    return ArgumentModel(
        used,
        model.coef_.T.astype(np.float32),
        model.intercept_.astype(np.float32),
        thresholds or {"source": 0.5, "target": 0.5},
    )


def _rows(examples: Sequence[Example]) -> tuple[list[tuple[str, ...]], list[int]]:
    rows: list[tuple[str, ...]] = []
    labels: list[int] = []
    for example in examples:
        rows += example.features
        labels += example.labels
    return rows, labels


def out_of_fold(examples: Sequence[Example], fold: Sequence[int]) -> list[np.ndarray]:
    """Each example's candidate probabilities from a model trained without its fold
    (``fold[n]`` is the fold of example n)."""
    predicted: list[np.ndarray] = [np.zeros((0, 3))] * len(examples)
    for k in sorted(set(fold) - {-1}):  # -1: always trained on, never predicted
        model = fit([e for e, f in zip(examples, fold) if f != k])
        for n, (example, f) in enumerate(zip(examples, fold)):
            if f == k:
                predicted[n] = model.table(example.features)
    return predicted


def choose_thresholds(
    examples: Sequence[Example], probabilities: Sequence[np.ndarray]
) -> dict[str, float]:
    """Each role's threshold with the best F0.5 of the slots the model fills (ties: the
    higher)."""
    chosen = {}
    for role, column in (("source", 1), ("target", 2)):
        best, best_score = 0.5, -1.0
        for threshold in GRID:
            score = slot_scores(examples, probabilities, column, threshold)["fill_f_beta"]
            if score >= best_score:
                best, best_score = threshold, score
        chosen[role] = best
    return chosen


def slot_scores(
    examples: Sequence[Example],
    probabilities: Sequence[np.ndarray] | None,
    column: int,
    threshold: float | Sequence[float] = 1.0,
) -> dict[str, float]:
    """One role's slot as the selector decides it (``selection.choose``): the rules' choice,
    else the best candidate reaching the threshold (one for all, or one per example); with
    ``probabilities`` None, the rules alone.

    ``precision``/``recall``: of every slot; ``fill_*``: of the slots the model filled, over
    the frames where the rules left this slot empty but found the other (recall over those
    whose gold has the role among the candidates)."""
    limits = [threshold] * len(examples) if isinstance(threshold, float | int) else threshold
    tally = dict.fromkeys(("chosen", "right", "gold", "fill_chosen", "fill_right", "fill_gold"), 0)
    for n, (example, limit) in enumerate(zip(examples, limits)):
        has = column in example.labels
        tally["gold"] += has
        own, other = example.rules[column - 1], example.rules[2 - column]
        if own is not None:
            tally["chosen"] += 1
            tally["right"] += example.labels[own] == column
            continue
        if other is None:
            continue  # the rules found no actor: no event
        tally["fill_gold"] += has
        if probabilities is None:
            continue
        scores = probabilities[n][:, column]
        for best in np.argsort(-scores, kind="stable"):
            if scores[best] < limit:
                break
            if best != other:
                tally["chosen"] += 1
                tally["fill_chosen"] += 1
                tally["right"] += example.labels[best] == column
                tally["fill_right"] += example.labels[best] == column
                break
    out = {}
    for prefix in ("", "fill_"):
        precision = tally[f"{prefix}right"] / max(1, tally[f"{prefix}chosen"])
        recall = tally[f"{prefix}right"] / max(1, tally[f"{prefix}gold"])
        beta = BETA * BETA
        out[f"{prefix}precision"] = precision
        out[f"{prefix}recall"] = recall
        out[f"{prefix}f_beta"] = (
            (1 + beta) * precision * recall / max(1e-9, beta * precision + recall)
        )
        out[f"{prefix}made"] = tally[f"{prefix}chosen"]
    return out


def train(examples: Sequence[Example], fold: Sequence[int]) -> ArgumentModel:
    """Thresholds from out-of-fold predictions (``fold[n]``: example n's fold; -1 is always
    trained on and never predicted), then a model fitted on every example."""
    probabilities = out_of_fold(examples, fold)
    scored = [n for n, f in enumerate(fold) if f != -1]
    thresholds = choose_thresholds(
        [examples[n] for n in scored], [probabilities[n] for n in scored]
    )
    return fit(examples, thresholds)


def examples_of(records: list[dict], frames: list[list[Frame]]) -> list[Example]:
    examples = []
    for number, (record, found) in enumerate(zip(records, frames)):
        examples += label_frames(number, record, found)
    return examples


def train_and_save(
    paths: Sequence[str | Path], out: str | Path = MODEL_PATH, own: bool = True
) -> tuple[ArgumentModel, int]:
    """Train the shipped model on every gold record and our own sentences; write it."""
    records = read_records(paths, own)
    frames, _ = collect_frames(records)
    examples = examples_of(records, frames)
    model = train(examples, [fold_of(records[e.record]) for e in examples])
    names = ", ".join(Path(p).name for p in paths) + (f", {OWN_EXAMPLES}" if own else "")
    model = ArgumentModel(
        model.hashes,
        model.weights,
        model.bias,
        model.thresholds,
        f"{len(examples)} frames of {len(records)} sentences ({names}); thresholds by "
        f"F{BETA} on {FOLDS}-fold out-of-fold predictions",
    )
    model.save(out)
    return model, len(examples)


def cross_validated_results(
    records: list[dict], folds: int = FOLDS, own: bool = True
) -> tuple[list[Result], list[Result], dict]:
    """(cross-validated results, rules-only results, slot figures) for the records.

    Every record is coded by a model that never saw its fold, with thresholds chosen on
    out-of-fold predictions inside the training folds. Our own sentences join every
    training fold and are never scored."""
    own_records = read_records([], own=True) if own else []
    everything = records + own_records
    frames, rules_results = collect_frames(everything)
    examples = examples_of(everything, frames)
    fold = [
        fold_of(everything[e.record], folds) if e.record < len(records) else -1 for e in examples
    ]
    record_fold = [fold_of(r, folds) for r in records]
    results: list[Result | None] = [None] * len(records)
    slot_probabilities: list[np.ndarray] = [np.zeros((0, 3))] * len(examples)
    chosen: list[dict[str, float]] = []
    for k in range(folds):
        training = [e for e, f in zip(examples, fold) if f != k]
        inner = [
            fold_of(everything[e.record], folds - 1) if f != -1 else -1
            for e, f in zip(examples, fold)
            if f != k
        ]
        model = train(training, inner)
        chosen.append(model.thresholds)
        for n, (example, f) in enumerate(zip(examples, fold)):
            if f == k:
                slot_probabilities[n] = model.table(example.features)
        held_out = [n for n, f in enumerate(record_fold) if f == k]
        with _coding_with(Selector(model)):
            coded = code_records([records[n] for n in held_out])
            for n, (_, result) in zip(held_out, coded):
                results[n] = result
    scored = [n for n, f in enumerate(fold) if f != -1]
    held = [examples[n] for n in scored]
    report: dict = {"slot_frames": len(held)}
    for role, column in (("source", 1), ("target", 2)):
        learned = slot_scores(
            held,
            [slot_probabilities[n] for n in scored],
            column,
            [chosen[fold[n]][role] for n in scored],
        )
        rules = slot_scores(held, None, column)
        report[f"slot_{role}_thresholds"] = " ".join(str(c[role]) for c in chosen)
        for key in ("precision", "recall", "fill_made", "fill_precision", "fill_recall"):
            report[f"slot_{role}_{key}"] = round(learned[key], 4)
        for key in ("precision", "recall"):
            report[f"rules_slot_{role}_{key}"] = round(rules[key], 4)
    final = [r if r is not None else rules_results[n] for n, r in enumerate(results)]
    return final, rules_results[: len(records)], report


@contextmanager
def _coding_with(selector: Selector) -> Iterator[None]:
    """The shared pipeline codes with this selector until the block ends."""
    from ..pipeline import Pipeline

    coder = shared_pipeline(Pipeline).code_events
    saved, coder.selector = coder.selector, selector
    try:
        yield
    finally:
        coder.selector = saved


__all__ = [
    "CLASSES",
    "Example",
    "collect_frames",
    "cross_validated_results",
    "fit",
    "label_frames",
    "train_and_save",
]
