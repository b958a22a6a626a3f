"""Scorers: how well eventwire does on the gold sets in ../shared/gold and on our own articles.

``evaluate(task, gold)`` runs one scorer and returns its report, a flat dict of figures (plus
per-label rows, or per-article errors when asked). ``gold`` is a gold file, or the gold
folder (each task then reads its ``GOLD_FILES``), or for ``samples`` a folder of articles
with their expected events. Gold text is read at evaluation time and never stored in the
repository.

| module | scores |
|---|---|
| ``scoring.py`` | what all share: reading gold files, coding their texts, rates, B-cubed |
| ``gold.py`` | a gold file per task: pairs, penta, events, actors, timex, dates, quotes, stories |
| ``extract.py`` | the whole pipeline on gold sentences (``extract``), cross-validated |
| ``arguments.py`` | the slot selector's training frames, fitting, thresholds and folds |
| ``samples.py`` | the whole pipeline on our articles (``samples``) |
| ``story_dating.py`` | undated articles dated from their stories (``dates --stories``) |
| ``matching.py`` | how an output event is compared with an expected one |
| ``judged.py`` | the figures of judged articles: complete, not_events, realis, errors |
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .extract import EXTRACT_FILES, score_extract
from .gold import (
    adjusted_rand,
    penta_class,
    score_actors,
    score_dates,
    score_events,
    score_pairs,
    score_penta,
    score_quotes,
    score_stories,
    score_timex,
)
from .matching import matches_expected
from .samples import matches_expected_quote, read_samples, score_samples
from .scoring import DEFAULT_DATE, GOLD_TYPE, bcubed, read_gold
from .story_dating import score_story_dates

__all__ = [
    "DEFAULT_DATE",
    "DETAILED_TASKS",
    "EXTRACT_FILES",
    "GOLD_FILES",
    "GOLD_TYPE",
    "TASKS",
    "adjusted_rand",
    "bcubed",
    "evaluate",
    "format_table",
    "matches_expected",
    "matches_expected_quote",
    "penta_class",
    "read_gold",
    "read_samples",
    "score_extract",
    "score_samples",
    "score_stories",
]

TASKS: dict[str, Callable[..., dict]] = {
    "dates": score_dates,
    "samples": score_samples,
    "pairs": score_pairs,
    "events": score_events,
    "penta": score_penta,
    "actors": score_actors,
    "timex": score_timex,
    "quotes": score_quotes,
    "stories": score_stories,
    "extract": score_extract,
    "story-dates": score_story_dates,
}
# The file(s) of ../shared/gold each task reads when given the folder.
GOLD_FILES: dict[str, str | tuple[str, ...]] = {
    "pairs": "plv_train_pairs.jsonl",
    "events": "ngec_synthetic_docs.jsonl",
    "penta": "cameo_class_train.jsonl",
    "actors": "cameo_ner_train.jsonl",
    "timex": "tbaq_timex.jsonl",
    "dates": "tbaq_timex.jsonl",
    "quotes": "polnear_dev_quotes.jsonl",
    "stories": "ecbplus_stories.jsonl",
    "story-dates": "ecbplus_stories.jsonl",
    "extract": EXTRACT_FILES,
}
# Tasks whose report lists each article's errors when asked (``--details``).
DETAILED_TASKS = {"samples"}


def evaluate(
    task: str, gold: str | Path, limit: int | None = None, details: bool = False, **options
) -> dict:
    """Run the scorer of ``task`` on a gold file or folder; ``details`` (``DETAILED_TASKS``
    only) adds the errors, article by article; ``options`` go to the scorer (``fold``)."""
    if details:
        options["details"] = True
    if details and task not in DETAILED_TASKS:
        raise ValueError(f"the {task} report has no details; only {', '.join(DETAILED_TASKS)}")
    return TASKS[task](gold_source(task, gold), limit=limit, **options)


def gold_source(task: str, gold: str | Path) -> Path | list[Path]:
    """The file (or files) a task reads: the task's ``GOLD_FILES`` when given the gold folder."""
    path = Path(gold)
    if task not in GOLD_FILES or not path.is_dir():
        return path
    names = GOLD_FILES[task]
    return path / names if isinstance(names, str) else [path / name for name in names]


def format_table(report: dict) -> str:
    lines = [f"task: {report['task']}"]
    width = max([22, *(len(key) + 1 for key in report)])
    for key, value in report.items():
        if key not in ("task", "labels", "articles"):
            lines.append(f"  {key:<{width}} {value}")
    if "labels" in report:
        lines.append(f"  {'label':<12} {'gold':>5} {'P':>6} {'R':>6} {'F1':>6}")
        for label, row in report["labels"].items():
            lines.append(
                f"  {label:<12} {row['gold']:>5} {row['precision']:>6} {row['recall']:>6} "
                f"{row['f1']:>6}"
            )
    for article in report.get("articles", ()):
        lines.append(format_errors(article))
    return "\n".join(lines)


def format_errors(article: dict) -> str:
    """One article's errors (``score_samples(details=True)``), a line per event and its
    sentence."""
    complete = " (complete)" if article["complete"] else ""
    lines = ["", f"article {article['article']}{complete}"]
    for missed in article["missed"]:
        lines.append(f"  missed   {_event_line(missed)}")
        lines.append(f"           | {missed['sentence']}")
        for got in missed["got"]:
            lines.append(f"           gave {_event_line(got)} '{got['trigger']}'")
    for item in article["partly_wrong"]:
        got = item["got"]
        lines.append(f"  wrong {'/'.join(item['wrong']):<5} {_event_line(item['expected'])}")
        lines.append(f"           gave {_event_line(got)} '{got['trigger']}'")
        lines.append(f"           | {got['sentence']}")
    for label, key in (("false", "false"), ("as fact", "non_events_as_fact")):
        for event in article[key]:
            why = f" (not an event: {event['why']})" if event.get("why") else ""
            lines.append(f"  {label:<8} {_event_line(event)} '{event['trigger']}'{why}")
            lines.append(f"           | {event['sentence']}")
    return "\n".join(lines)


def _event_line(event: dict) -> str:
    return (
        f"{event['type']} {event.get('source') or '-'} -> {event.get('target') or '-'} "
        f"{event.get('date') or 'undated'} {event['realis']}"
    )
