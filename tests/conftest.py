"""Shared fixtures: one pipeline per test session, the sample articles and their expected events."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from eventwire.model import Article
from eventwire.stages.read import article_id, read_inputs

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"
GOLD = ROOT.parent / "shared" / "gold"


@pytest.fixture(scope="session")
def pipeline():
    from eventwire.pipeline import Pipeline

    return Pipeline(on_error="raise")


@pytest.fixture(scope="session")
def code(pipeline):
    """Run the whole pipeline on a text: code("Russia denied it.", "2022-01-10")."""
    def run(text: str, date: str | None = "2022-01-07"):
        day = dt.date.fromisoformat(date) if date else None
        return pipeline.extract(Article(id=article_id(text), text=text, date=day, origin="<test>"))
    return run


def sample_cases() -> list[tuple[str, Article, dict]]:
    """(name, article, expected) for every sample article; the expected date is the run date."""
    cases = []
    for expected_path in sorted(EXAMPLES.glob("*.expected.yaml")):
        expected = yaml.safe_load(expected_path.read_text(encoding="utf-8"))
        stem = expected_path.name[: -len(".expected.yaml")]
        article_path = next(p for p in EXAMPLES.iterdir() if p.stem == stem and not p.name.endswith(".yaml"))
        if article_path.suffix == ".jsonl":
            for item in read_inputs([str(article_path)]):
                record = expected[item.id]
                cases.append((f"{stem}/{item.id}", item, record))
        else:
            date = expected.get("date")
            day = date if isinstance(date, dt.date) else None
            (item,) = list(read_inputs([str(article_path)], date=day))
            cases.append((stem, item, expected))
    return cases
