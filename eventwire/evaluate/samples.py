"""End to end on the team's own articles: ``examples/articles`` and ``examples/judged``.

Every article has a ``<stem>.expected.yaml`` beside it listing the events a careful coder
expects (``examples/articles/README.md`` gives the format). The figures of the first folder
(recall, precision, actor fields, quotes, stories, merging) keep their meaning whatever folder
is scored; ``judged.py`` adds the figures of the richer judgements (complete articles, the
sentences that hold no event, realis, dates at their granularity).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Article, Event, Problem, Result
from .judged import JudgedTally
from .matching import date_matches, matches_expected, sentence_prefix, sentence_text
from .scoring import bcubed, f1_score, shared_pipeline


def read_samples(folder: str | Path) -> list[tuple[str, Article, dict]]:
    """(name, article, expected) for every sample article with an ``.expected.yaml`` beside it.

    The expected file's ``date`` is the date to run the article with; a JSON Lines file's
    expected file is keyed by record id.
    """
    import yaml

    from ..stages.read import read_inputs

    folder = Path(folder)
    cases = []
    for expected_path in sorted(folder.glob("*.expected.yaml")):
        expected = yaml.safe_load(expected_path.read_text(encoding="utf-8"))
        _check_quotes(expected_path, expected)
        stem = expected_path.name[: -len(".expected.yaml")]
        article_path = next(
            (p for p in folder.iterdir() if p.stem == stem and not p.name.endswith(".yaml")),
            None,
        )
        if article_path is None:
            raise InputError(str(expected_path), "unreadable", f"no article {stem}.* beside it")
        if article_path.suffix == ".jsonl":
            for item in read_inputs([str(article_path)]):
                if isinstance(item, Article):
                    cases.append((f"{stem}/{item.id}", item, expected[item.id]))
        else:
            date = expected.get("date")
            (item,) = list(
                read_inputs([str(article_path)], date=date if isinstance(date, dt.date) else None)
            )
            if isinstance(item, Problem):
                raise InputError(str(article_path), item.code, item.message)
            cases.append((stem, item, expected))
    return cases


QUOTE_KEYS = frozenset({"speaker", "cue", "content", "direct"})


def _check_quotes(path: Path, expected: dict) -> None:
    """A quote entry with keys of no meaning is a content with an unquoted comma that YAML
    split ("content: he is not a businessman, and even less ..."): an error, not a shorter
    quote scored in silence."""
    sets = (
        [expected]
        if "quotes" in expected
        else [v for v in expected.values() if isinstance(v, dict)]
    )
    for one in sets:
        for quote in one.get("quotes") or []:
            extra = set(quote) - QUOTE_KEYS if isinstance(quote, dict) else {"?"}
            if extra:
                raise InputError(
                    str(path),
                    "malformed_record",
                    f"quote entry with unknown keys {sorted(extra)}: {quote}",
                )


def matches_expected_quote(expected: dict, quote, text: str) -> bool:
    """Same cue, content starting as the coder wrote it, and the speaker's country when given."""
    cue = " ".join(text[quote.cue[0] : quote.cue[1]].split()).lower() if quote.cue else ""
    content = " ".join(text[quote.content[0] : quote.content[1]].split())
    want = " ".join(str(expected["content"]).split())
    if str(expected["cue"]).lower() not in cue or not content.startswith(want[:30]):
        return False
    if expected.get("direct") is not None and bool(expected["direct"]) != quote.direct:
        return False
    country = expected.get("speaker")
    return not country or (quote.speaker is not None and quote.speaker.country == country)


def score_samples(folder: str | Path, limit: int | None = None, details: bool = False) -> dict:
    """End to end on our own sample articles: (source country, type, target country) against the
    expected events. Precision counts the events found in sentences that hold an expected event.

    The figures of ``judged.JudgedTally`` follow (``fully_correct``, the ``complete_*`` figures,
    ``non_event_as_fact``, ``realis_*``); ``details`` adds each article's missed and false
    events under ``articles``.
    """
    from ..pipeline import Pipeline

    pipeline = shared_pipeline(Pipeline)
    tally = _SampleTally()
    judged = JudgedTally()
    cases = read_samples(folder)[:limit]
    coded = _coded_as_a_batch(pipeline, cases)  # (name, expected, result), linked and dated
    for (name, article, expected), (_, _, item) in zip(cases, coded):
        events = list(item.events) if isinstance(item, Result) else []
        judged.add(name, article.text, expected, events)
        if isinstance(item, Result):
            tally.add(article.text, expected, item)
        else:
            tally.expected_total += len(expected["events"])
    report = tally.report() | _score_sample_stories(coded, Path(folder) / "merged.yaml")
    report |= judged.report()
    if details:
        report["articles"] = judged.details
    return report


class _SampleTally:
    """The counts behind the figures ``eval samples`` has always given."""

    def __init__(self) -> None:
        self.hits = self.expected_total = self.predicted = self.correct = 0
        # fields of events found with the right type in the right sentence:
        # [correct, predicted, expected]
        self.fields = {
            f"{role}_{part}": [0, 0, 0]
            for role in ("source", "target")
            for part in ("country", "sector")
        }
        self.fields.update(
            {name: [0, 0, 0] for name in ("event_date", "location", "future", "hypothetical")}
        )
        self.quotes = [0, 0]  # expected quotes, found with cue, content and speaker country

    def add(self, text: str, expected: dict, item: Result) -> None:
        wanted = expected["events"]
        self.expected_total += len(wanted)
        self.hits += sum(any(matches_expected(w, e, text) for e in item.events) for w in wanted)
        for want in wanted:
            prefix = sentence_prefix(want["sentence"])
            same = [
                e
                for e in item.events
                if e.type == want["type"] and sentence_text(e, text).startswith(prefix)
            ]
            if same:
                self._add_fields(want, _closest(same, want))
        quotes_wanted = expected.get("quotes") or []
        self.quotes[0] += len(quotes_wanted)
        self.quotes[1] += sum(
            any(matches_expected_quote(w, q, text) for q in item.quotes) for w in quotes_wanted
        )
        prefixes = [sentence_prefix(w["sentence"]) for w in wanted]
        for event in item.events:
            if any(sentence_text(event, text).startswith(p) for p in prefixes):
                self.predicted += 1
                self.correct += any(matches_expected(w, event, text) for w in wanted)

    def _add_fields(self, want: dict, event: Event) -> None:
        fields = self.fields
        if want.get("date"):
            fields["event_date"][1] += 1
            fields["event_date"][2] += 1
            fields["event_date"][0] += date_matches(want["date"], event.date)
        if want.get("location"):
            fields["location"][1] += event.location is not None
            fields["location"][2] += 1
            fields["location"][0] += (
                event.location is not None and event.location.country == want["location"]
            )
        for flag in ("future", "hypothetical"):
            fields[flag][1] += getattr(event, flag)
            fields[flag][2] += bool(want.get(flag))
            fields[flag][0] += getattr(event, flag) and bool(want.get(flag))
        for role in ("source", "target"):
            mention = getattr(event, role)
            for part, key in (("country", role), ("sector", f"{role}_sector")):
                if part == "sector" and key not in want:
                    continue
                got = getattr(mention.actor, part) if mention is not None else None
                counts = fields[f"{role}_{part}"]
                counts[0] += got is not None and got == want.get(key)
                counts[1] += got is not None
                counts[2] += want.get(key) is not None

    def report(self) -> dict:
        precision = self.correct / max(1, self.predicted)
        recall = self.hits / max(1, self.expected_total)
        report = {
            "task": "samples",
            "expected": self.expected_total,
            "found": self.hits,
            "predicted_in_those_sentences": self.predicted,
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1_score(precision, recall), 4),
            "quotes_expected": self.quotes[0],
            "quote_recall": round(self.quotes[1] / max(1, self.quotes[0]), 4),
        }
        for name, (right, given, wanted_count) in self.fields.items():
            report[f"{name}_precision"] = round(right / max(1, given), 4)
            report[f"{name}_recall"] = round(right / max(1, wanted_count), 4)
        return report


def _closest(events: list[Event], want: dict) -> Event:
    """Of the events of the right type in the right sentence, the one whose countries agree most
    with the expected ones (the first of equals)."""
    return max(
        events,
        key=lambda e: sum(
            getattr(e, role) is not None and getattr(e, role).actor.country == want.get(role)
            for role in ("source", "target")
        ),
    )


def _coded_as_a_batch(pipeline, cases: list[tuple[str, Article, dict]]) -> list[tuple]:
    """(name, expected, item) for each case, coded as ``eventwire extract`` codes a folder: every
    article coded, the batch's stories found (refined as one batch), then the undated articles
    dated from their stories (``story_dates.StoryDater``)."""
    from ..merge import StoryLinker
    from ..story_dates import StoryDater

    linker = StoryLinker()
    items = [item for _, article, _ in cases for item in pipeline.run([article])]
    # failed inputs pass through the linker in their place
    linked = list(linker.link_all(items, refine=True))
    dater = StoryDater(pipeline, linker)
    return [
        (name, expected, dater.redate(item) if isinstance(item, Result) else item)
        for (name, _, expected), item in zip(cases, linked)
    ]


def _score_sample_stories(coded: list, merged_path: Path) -> dict:
    """Stories and merging on our samples: B-cubed F1 of the stories against each expected file's
    ``story`` (articles without one are not scored), and, for every event ``merged.yaml`` says
    several articles report, whether all its reports land in one merged event
    (``merged_complete``) and what share of the reports land in the merged event that holds most
    of them (``merged_report_share``). ``coded`` is linked already (``_coded_as_a_batch``)."""
    import yaml

    linked: dict[str, tuple[dict, Any]] = {
        name: (expected, item) for name, expected, item in coded if isinstance(item, Result)
    }
    stories = [(expected, item) for expected, item in linked.values() if "story" in expected]
    report: dict = {}
    if stories:
        _, _, f1 = bcubed(
            [expected["story"] for expected, _ in stories], [item.story for _, item in stories]
        )
        report["story_bcubed_f1"] = round(f1, 4)
    if not merged_path.exists():
        return report
    wanted = yaml.safe_load(merged_path.read_text(encoding="utf-8"))["events"]
    complete = told = placed = 0
    for want in wanted:
        canonical_ids: Counter[str] = Counter()
        for name, prefix in want["reports"]:
            told += 1
            if name not in linked:
                continue
            item = linked[name][1]
            text = item.article.text
            ids = {
                e.canonical_id
                for e in item.events
                if e.type == want["type"]
                and sentence_text(e, text).startswith(" ".join(prefix.split()))
            }
            canonical_ids.update(ids)
        best = max(canonical_ids.values(), default=0)
        placed += best
        complete += best == len(want["reports"])
    return report | {
        "merged_expected": len(wanted),
        "merged_complete": round(complete / max(1, len(wanted)), 4),
        "merged_report_share": round(placed / max(1, told), 4),
    }
