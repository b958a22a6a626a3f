"""Shared fixtures: one pipeline per test session, the sample articles and their expected events."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventwire.model import Article
from eventwire.stages.read import article_id

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
    from eventwire.evaluate import read_samples

    return read_samples(EXAMPLES)
