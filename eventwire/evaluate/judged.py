"""The figures of judged articles (``examples/judged``), added to ``eval samples``.

A judged expected file may say more than ``examples/articles/README.md`` asks:

```yaml
complete: true          # every event of the article is listed: any other output event is false
events:
  - type: ASSAULT
    sentence: "..."     # and source, target, trigger, sectors as in examples/articles
    source_name: ...    # optional: who the source is, by name
    target_name: ...
    date: 2022-09       # optional: YYYY-MM-DD, YYYY-MM or YYYY, as precise as the text allows
    negated: true       # optional flags: negated, hypothetical, future, reported (+ reported_by)
    location: ARM
not_events:             # sentences that state no event as fact, with why and what a coder
  - {sentence: "...", why: "...", wrong: "..."}   # might wrongly code from them
```

Figures (a share over nothing is None, not 0):

- ``fully_correct``: share of expected events found with the right type, sentence, source
  and target country (a null country matched only by none) and date (at its granularity);
- for ``complete: true`` articles, output events are paired one to one with expected events:
  ``complete_precision`` (pairs by type, sentence and countries / all output events of those
  articles), ``complete_fully_correct_precision`` (pairs that are fully correct / all output
  events), ``complete_recall`` (pairs / expected events);
- ``non_event_as_fact``: output events in a ``not_events`` sentence that carry none of negated,
  hypothetical, future, reported (in any article); ``non_event_as_fact_rate``: share of the
  ``not_events`` sentences with at least one;
- realis, on each expected event found (``matches_expected``; the fully correct event when
  there is one): ``realis_accuracy`` of the label ``matching.realis`` gives, and per flag
  ``realis_<flag>_precision`` / ``_recall``; ``source_name_accuracy``, ``target_name_accuracy``
  and ``reported_by_accuracy`` where the coder gave them.
"""

from __future__ import annotations

import re
from collections import Counter

from ..model import Event
from .matching import (
    FLAGS,
    actor_matches,
    country_of,
    date_matches,
    event_flags,
    expected_flags,
    matches_expected,
    matches_fully,
    name_matches,
    pair_up,
    realis,
    sentence_prefix,
    sentence_text,
)

# where a sentence ends in whitespace-collapsed text (for showing a missed event's sentence)
_SENTENCE_END = re.compile(r"[.!?][\"'”’»)]*\s")


class JudgedTally:
    """Counts over the articles of a folder; ``details`` lists each article's errors."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        # [both, output event has it, expected event has it], over found expected events
        self.flags = {flag: [0, 0, 0] for flag in FLAGS}
        self.details: list[dict] = []

    def add(self, name: str, text: str, expected: dict, events: list[Event]) -> None:
        wanted = list(expected.get("events") or [])
        is_complete = bool(expected.get("complete"))
        entry: dict = {
            "article": name,
            "complete": is_complete,
            "missed": [],
            "partly_wrong": [],
            "false": [],
            "non_events_as_fact": [],
        }
        self.counts["expected"] += len(wanted)
        for want in wanted:
            found = [e for e in events if matches_expected(want, e, text)]
            full = [e for e in found if matches_fully(want, e, text)]
            self.counts["fully_correct"] += bool(full)
            if not found:
                prefix = sentence_prefix(want["sentence"])
                entry["missed"].append(
                    describe_expected(want)
                    | {
                        "sentence": find_sentence(str(want["sentence"]), text),
                        "got": [
                            describe_event(e, text)
                            for e in events
                            if sentence_text(e, text).startswith(prefix)
                        ],
                    }
                )
                continue
            event = (full or found)[0]
            if not full:
                entry["partly_wrong"].append(
                    {
                        "expected": describe_expected(want),
                        "got": describe_event(event, text),
                        "wrong": wrong_parts(want, event),
                    }
                )
            self._add_found(want, event)
        if is_complete:
            self._add_complete(wanted, events, text, entry)
        else:
            prefixes = [sentence_prefix(w["sentence"]) for w in wanted]
            entry["false"] = [
                describe_event(e, text)
                for e in events
                if any(sentence_text(e, text).startswith(p) for p in prefixes)
                and not any(matches_expected(w, e, text) for w in wanted)
            ]
        self._add_non_events(expected.get("not_events") or [], events, text, entry)
        if any(entry[key] for key in ("missed", "partly_wrong", "false", "non_events_as_fact")):
            self.details.append(entry)

    def _add_found(self, want: dict, event: Event) -> None:
        """Realis, names and speaker of an expected event the pipeline found."""
        got, wanted = event_flags(event), expected_flags(want)
        self.counts["realis_found"] += 1
        self.counts["realis_right"] += realis(got) == realis(wanted)
        for flag, counts in self.flags.items():
            counts[0] += got[flag] and wanted[flag]
            counts[1] += got[flag]
            counts[2] += wanted[flag]
        for role in ("source", "target"):
            if want.get(f"{role}_name"):
                self.counts[f"{role}_name_expected"] += 1
                self.counts[f"{role}_name_right"] += name_matches(
                    want[f"{role}_name"], getattr(event, role)
                )
        if want.get("reported_by"):
            self.counts["reported_by_expected"] += 1
            self.counts["reported_by_right"] += actor_matches(
                want["reported_by"], event.reported_by
            )

    def _add_complete(self, wanted: list[dict], events: list[Event], text: str, entry) -> None:
        pairs = pair_up(wanted, events, text, matches_expected)
        self.counts["complete_articles"] += 1
        self.counts["complete_expected"] += len(wanted)
        self.counts["complete_output"] += len(events)
        self.counts["complete_matched"] += len(pairs)
        self.counts["complete_fully_correct"] += len(pair_up(wanted, events, text, matches_fully))
        paired = set(pairs.values())
        entry["false"] = [
            describe_event(e, text) for index, e in enumerate(events) if index not in paired
        ]

    def _add_non_events(self, not_events: list, events: list[Event], text: str, entry) -> None:
        for item in not_events:
            prefix = sentence_prefix(item["sentence"])
            there = [e for e in events if sentence_text(e, text).startswith(prefix)]
            as_fact = [e for e in there if not any(event_flags(e).values())]
            self.counts["not_events"] += 1
            self.counts["non_event_output"] += len(there)
            self.counts["non_event_as_fact"] += len(as_fact)
            self.counts["non_event_sentences_as_fact"] += bool(as_fact)
            entry["non_events_as_fact"] += [
                describe_event(e, text) | {"why": item.get("why"), "wrong": item.get("wrong")}
                for e in as_fact
            ]

    def report(self) -> dict:
        counts = self.counts
        report: dict = {
            "fully_correct": share(counts["fully_correct"], counts["expected"]),
            "complete_articles": counts["complete_articles"],
            "complete_expected": counts["complete_expected"],
            "complete_output": counts["complete_output"],
            "complete_precision": share(counts["complete_matched"], counts["complete_output"]),
            "complete_fully_correct_precision": share(
                counts["complete_fully_correct"], counts["complete_output"]
            ),
            "complete_recall": share(counts["complete_matched"], counts["complete_expected"]),
            "not_events": counts["not_events"],
            "non_event_output": counts["non_event_output"],
            "non_event_as_fact": counts["non_event_as_fact"],
            "non_event_as_fact_rate": share(
                counts["non_event_sentences_as_fact"], counts["not_events"]
            ),
            "realis_found": counts["realis_found"],
            "realis_accuracy": share(counts["realis_right"], counts["realis_found"]),
        }
        for flag, (both, output, wanted) in self.flags.items():
            report[f"realis_{flag}_precision"] = share(both, output)
            report[f"realis_{flag}_recall"] = share(both, wanted)
        for name in ("source_name", "target_name", "reported_by"):
            report[f"{name}_accuracy"] = share(counts[f"{name}_right"], counts[f"{name}_expected"])
        return report


def share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def describe_event(event: Event, text: str) -> dict:
    """An output event as the error table shows it."""
    return {
        "type": event.type,
        "source": country_of(event.source),
        "target": country_of(event.target),
        "date": event.date.isoformat() if event.date else None,
        "realis": realis(event_flags(event)),
        "trigger": text[event.trigger[0] : event.trigger[1]],
        "sentence": sentence_text(event, text),
    }


def describe_expected(want: dict) -> dict:
    return {
        "type": want["type"],
        "source": want.get("source"),
        "target": want.get("target"),
        "date": str(want["date"]) if want.get("date") is not None else None,
        "realis": realis(expected_flags(want)),
    }


def wrong_parts(want: dict, event: Event) -> list[str]:
    """What keeps a found event from being fully correct."""
    wrong = [
        role for role in ("source", "target") if want.get(role) != country_of(getattr(event, role))
    ]
    if want.get("date") is not None and not date_matches(want["date"], event.date):
        wrong.append("date")
    return wrong


def find_sentence(prefix: str, text: str) -> str:
    """The sentence a coder's prefix starts, read from the text (the prefix when not found)."""
    flat, start_words = " ".join(text.split()), " ".join(prefix.split())
    start = flat.find(start_words)
    if start < 0:
        return start_words
    end = _SENTENCE_END.search(flat, start + len(start_words))
    return flat[start : end.end() - 1 if end else len(flat)]
