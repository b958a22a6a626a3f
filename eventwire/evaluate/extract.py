"""End to end on gold sentences: the whole pipeline, scored on the event each sentence holds.

``eventwire eval extract ../shared/gold`` codes every sentence of ``plv_train_pairs.jsonl``
(one typed event: source and target spans, a PLV type) and ``cameo_ner_train.jsonl`` (source
and target spans, no type; several of each may be listed) as an article of its own, dated
``scoring.DEFAULT_DATE`` as every undated gold text is, and compares each output event with
the sentence's one gold event:

- an output event is **right** when its type is the gold type (mapped to the PLV labels: CONCEDE
  and RETREAT are YIELD; any type when the record gives none), its source mention overlaps a
  gold source span and its target mention overlaps a gold target span;
- **event precision** (strict) = sentences whose event was found / every event the pipeline
  output for the scored sentences: one gold event per sentence, so a second event, even a
  second right one, is a false positive; **lenient precision** counts only the best event of
  each sentence that has any (found / sentences with an output event);
- **recall** = sentences whose event was found / scored sentences;
- a gold side with no span cannot be matched by any event, so a record without a source or
  without a target span is left out of the event figures (counted as ``unscorable``) rather
  than counted as a miss nobody could avoid; it still counts for the side it has;
- **source** (and **target**) alone, over the records that give that side: precision = output
  events whose source overlaps a gold source / output events with a source; recall = records
  where some output event's source overlaps a gold source;
- **type given pair** (typed records): among scored sentences where some output event has
  both spans right, the share where one of those events also has the gold type. (``eval pairs``
  scores the type with the gold spans given; this is the type of what extraction found.)

Every figure is given overall and per origin (``plv_``, ``cameo_ner_``: the record's
``origin`` without ``_train``, else the file's stem).

The learned slot selector (``stages/events/selection.py``) is trained on these very sentences,
so its figures here are cross-validated (``evaluate/arguments.py``): each sentence is coded
by a model trained on the other folds, with thresholds chosen inside those. ``rules_*`` are
the same figures with the rule reader's slots alone, and ``slot_*`` the selector's own
choices on the frames whose trigger is the gold event's (``rules_slot_*``: the rules' on the
same frames). Without a shipped model (or with ``cross_validate=False``) every sentence is
coded by the pipeline as it stands.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..model import Event, Result
from ..stages.events.selection import MODEL_PATH
from .scoring import GOLD_TYPE, code_records, f1_score, overlaps, read_gold

# The gold files ``eval extract`` reads from a gold folder, in this order.
EXTRACT_FILES = ("plv_train_pairs.jsonl", "cameo_ner_train.jsonl")

Span = tuple[int, int]
# counts the rules-only figures share with the cross-validated ones
_REPEATED = {"rules_records", "rules_scored", "rules_unscorable"}


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """The one event of a gold sentence: where its actors are, and its type when given."""

    origin: str
    type: str | None
    sources: tuple[Span, ...]
    targets: tuple[Span, ...]


def gold_event(record: dict, origin: str) -> GoldEvent:
    """Read a pairs record (``source``, ``target``, ``type``) or an actor-spans record
    (``sources``, ``targets``)."""
    origin = str(record.get("origin") or origin).removesuffix("_train")
    if "sources" in record or "targets" in record:
        return GoldEvent(
            origin,
            None,
            tuple((s["start"], s["end"]) for s in record.get("sources") or ()),
            tuple((t["start"], t["end"]) for t in record.get("targets") or ()),
        )
    sides = [record.get(role) for role in ("source", "target")]
    source, target = (((s["start"], s["end"]),) if s else () for s in sides)
    return GoldEvent(origin, record.get("type"), source, target)


def extract_paths(path: str | Path | Sequence[str | Path]) -> list[Path]:
    """A gold folder gives its ``EXTRACT_FILES``; a file (or a list of files) itself."""
    if isinstance(path, str | Path):
        path = Path(path)
        return [path / name for name in EXTRACT_FILES] if path.is_dir() else [path]
    return [Path(p) for p in path]


def score_extract(
    path: str | Path | Sequence[str | Path],
    limit: int | None = None,
    cross_validate: bool | None = None,
) -> dict:
    """The whole pipeline on gold sentences (``limit``: the first N records of each file);
    ``cross_validate`` (default: when the selector's model is shipped) codes each sentence
    with a selector that never saw it."""
    begin = time.perf_counter()
    records: list[dict] = []
    golds: list[GoldEvent] = []
    for file in extract_paths(path):
        for record in read_gold(file, limit):
            records.append(record)
            golds.append(gold_event(record, file.stem))
    if cross_validate is None:
        cross_validate = MODEL_PATH.exists()
    extra: dict = {}
    if cross_validate:
        from .arguments import cross_validated_results

        results, rules_results, extra = cross_validated_results(records)
        rules: Counter[str] = Counter()
        for gold, result in zip(golds, rules_results):
            count_sentence(rules, gold, result)
        extra = {f"rules_{key}": value for key, value in figures(rules).items()} | extra
    else:
        results = [result for _, result in code_records(records)]
    tallies: dict[str, Counter[str]] = {}
    for gold, result in zip(golds, results):
        tally = tallies.setdefault(gold.origin, Counter())
        count_sentence(tally, gold, result)
    overall: Counter[str] = sum(tallies.values(), Counter())
    report: dict = {"task": "extract", "cross_validated": cross_validate} | figures(overall)
    for origin, tally in tallies.items():
        report |= {f"{origin}_{key}": value for key, value in figures(tally).items()}
    report |= {k: v for k, v in extra.items() if k not in _REPEATED}
    report["seconds"] = round(time.perf_counter() - begin, 1)
    return report


def is_right_type(event: Event, gold: GoldEvent) -> bool:
    return gold.type is None or GOLD_TYPE.get(event.type, event.type) == gold.type


def has_role(event: Event, role: str, spans: tuple[Span, ...]) -> bool:
    """The event's ``role`` mention overlaps one of the gold spans."""
    mention = getattr(event, role)
    return mention is not None and any(overlaps((mention.start, mention.end), s) for s in spans)


def count_sentence(tally: Counter[str], gold: GoldEvent, result: Result) -> None:
    events = list(result.events)
    tally["records"] += 1
    for role, spans in (("source", gold.sources), ("target", gold.targets)):
        if not spans:
            continue
        right = [e for e in events if has_role(e, role, spans)]
        tally[f"{role}_gold"] += 1
        tally[f"{role}_output"] += sum(getattr(e, role) is not None for e in events)
        tally[f"{role}_right"] += len(right)
        tally[f"{role}_found"] += bool(right)
    if not (gold.sources and gold.targets):
        tally["unscorable"] += 1
        return
    pairs = [
        e
        for e in events
        if has_role(e, "source", gold.sources) and has_role(e, "target", gold.targets)
    ]
    found = any(is_right_type(e, gold) for e in pairs)
    tally["scored"] += 1
    tally["output"] += len(events)
    tally["sentences_with_output"] += bool(events)
    tally["found"] += found
    if gold.type is not None:
        tally["typed"] += 1
        tally["pair_found"] += bool(pairs)
        tally["type_given_pair"] += found


def figures(tally: Counter[str]) -> dict:
    """Precision, recall and F1 of events, sources and targets from a tally's counts."""
    precision = tally["found"] / max(1, tally["output"])
    recall = tally["found"] / max(1, tally["scored"])
    report = {
        "records": tally["records"],
        "scored": tally["scored"],
        "unscorable": tally["unscorable"],
        "output": tally["output"],
        "event_precision": round(precision, 4),
        "event_lenient_precision": round(
            tally["found"] / max(1, tally["sentences_with_output"]), 4
        ),
        "event_recall": round(recall, 4),
        "event_f1": round(f1_score(precision, recall), 4),
    }
    for role in ("source", "target"):
        role_precision = tally[f"{role}_right"] / max(1, tally[f"{role}_output"])
        role_recall = tally[f"{role}_found"] / max(1, tally[f"{role}_gold"])
        report[f"{role}_precision"] = round(role_precision, 4)
        report[f"{role}_recall"] = round(role_recall, 4)
        report[f"{role}_f1"] = round(f1_score(role_precision, role_recall), 4)
    if tally["typed"]:
        report["pair_recall"] = round(tally["pair_found"] / tally["typed"], 4)
        report["type_given_pair"] = round(tally["type_given_pair"] / max(1, tally["pair_found"]), 4)
    return report
