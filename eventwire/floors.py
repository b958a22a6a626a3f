"""Accuracy floors for CI: score the gold sets and fail when a figure falls under its floor.

    python -m eventwire.floors ../shared/gold pairs.accuracy=0.5 timex.value_f1=0.6 ...

Floors live in .ci/run and only ever go up. Each gold task reads its files of the gold folder
(``evaluate.GOLD_FILES``; ``extract`` reads two). Two tasks score the team's own articles
instead: ``samples`` (``examples/articles`` of the source checkout, or the folder
``$EVENTWIRE_SAMPLES`` names: ``stages.read.sample_articles``), ``judged``
(``examples/judged``, or ``$EVENTWIRE_JUDGED``: kept for measuring, never studied) and ``dev``
(``examples/dev``, or ``$EVENTWIRE_DEV``: the set we study errors on), ``fresh``
(``examples/fresh``, or ``$EVENTWIRE_FRESH``: a second set we study errors on) and ``blind``
(``examples/blind``, or ``$EVENTWIRE_BLIND``: a third set, scored blind at stop 37, then opened)
``blind2`` (``examples/blind2``, or ``$EVENTWIRE_BLIND2``: a fourth, scored blind at stop 38,
then opened) and ``blind3`` (``examples/blind3``, or ``$EVENTWIRE_BLIND3``: a fifth, scored
blind at stop 39, then opened), all with the ``samples`` scorer.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from .evaluate import GOLD_FILES, evaluate, format_table
from .stages.read import SAMPLES_VARIABLE, sample_articles

JUDGED_VARIABLE = "EVENTWIRE_JUDGED"
DEV_VARIABLE = "EVENTWIRE_DEV"
FRESH_VARIABLE = "EVENTWIRE_FRESH"
BLIND_VARIABLE = "EVENTWIRE_BLIND"
BLIND2_VARIABLE = "EVENTWIRE_BLIND2"
BLIND3_VARIABLE = "EVENTWIRE_BLIND3"


def _checkout_folder(variable: str, name: str) -> Path:
    """``$variable`` when set, else ``examples/<name>`` of the source checkout (not in the
    wheel)."""
    given = os.environ.get(variable)
    if given:
        return Path(given)
    return Path(__file__).resolve().parents[1] / "examples" / name


def judged_articles() -> Path:
    """The folder of the team's judged articles."""
    return _checkout_folder(JUDGED_VARIABLE, "judged")


def dev_articles() -> Path:
    """The folder of the team's development articles (errors are studied on them)."""
    return _checkout_folder(DEV_VARIABLE, "dev")


def fresh_articles() -> Path:
    """The folder of the team's second development set (scored once blind, then studied)."""
    return _checkout_folder(FRESH_VARIABLE, "fresh")


def blind_articles() -> Path:
    """The folder of the team's third set (scored once blind at stop 37, then opened)."""
    return _checkout_folder(BLIND_VARIABLE, "blind")


def blind2_articles() -> Path:
    """The folder of the team's fourth set (scored once blind at stop 38, then opened)."""
    return _checkout_folder(BLIND2_VARIABLE, "blind2")


def blind3_articles() -> Path:
    """The folder of the team's fifth set (scored once blind at stop 39, then opened)."""
    return _checkout_folder(BLIND3_VARIABLE, "blind3")


# Tasks scored on the team's own articles rather than on ../shared/gold: the folder, the
# variable that names another one, and the folder of the source checkout.
OWN_DATA: dict[str, tuple[Callable[[], Path], str, str]] = {
    "samples": (sample_articles, SAMPLES_VARIABLE, "examples/articles"),
    "judged": (judged_articles, JUDGED_VARIABLE, "examples/judged"),
    "dev": (dev_articles, DEV_VARIABLE, "examples/dev"),
    "fresh": (fresh_articles, FRESH_VARIABLE, "examples/fresh"),
    "blind": (blind_articles, BLIND_VARIABLE, "examples/blind"),
    "blind2": (blind2_articles, BLIND2_VARIABLE, "examples/blind2"),
    "blind3": (blind3_articles, BLIND3_VARIABLE, "examples/blind3"),
}
# Records scored per task in CI: enough for a stable figure within CI's time.
LIMITS = {"events": 1500}


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    gold_dir, floors = Path(argv[0]), {}
    for item in argv[1:]:
        key, _, given = item.partition("=")
        floors[key] = float(given)
    failed = []
    tasks = sorted({key.split(".")[0] for key in floors}) or list(GOLD_FILES)
    for task in tasks:
        source = gold_dir
        if task in OWN_DATA:
            folder, variable, checkout = OWN_DATA[task]
            source = folder()
            if not source.is_dir():
                print(
                    f"no articles at {source} for the {task} floors: they come with the "
                    f"source checkout ({checkout}); set {variable} to their folder"
                )
                return 2
        report = evaluate("samples" if task in OWN_DATA else task, source, limit=LIMITS.get(task))
        print(format_table(report), flush=True)
        for key, floor in floors.items():
            name, _, metric = key.partition(".")
            if name == task:
                value = report.get(metric)
                if value is None:
                    verdict = "BELOW FLOOR (not measured: nothing to score it on)"
                else:
                    verdict = "ok" if value >= floor else "BELOW FLOOR"
                print(f"  floor {key} >= {floor}: {value} {verdict}")
                if value is None or value < floor:
                    failed.append(key)
    if failed:
        print(f"accuracy floors failed: {', '.join(failed)}")
        return 1
    print("accuracy floors: all met")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
