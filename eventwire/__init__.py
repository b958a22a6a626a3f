"""eventwire: political event data (PLOVER) from noisy news text, on a CPU, offline.

>>> from eventwire import Pipeline, extract
>>> result = extract("Russia denied the accusations on Monday.", date="2022-01-10")
"""

from __future__ import annotations

__version__ = "0.1.0"

import datetime as _dt

from .errors import DataFileError, EventwireError, InputError, StageError
from .model import (
    Actor,
    Article,
    Event,
    Mention,
    Place,
    Problem,
    Quote,
    Result,
    Story,
    TimeExpression,
)

__all__ = [
    "Actor",
    "Article",
    "DataFileError",
    "Event",
    "EventwireError",
    "InputError",
    "Mention",
    "Pipeline",
    "Place",
    "Problem",
    "Quote",
    "Result",
    "StageError",
    "Story",
    "TimeExpression",
    "classify_pair",
    "extract",
]

_DEFAULT: dict[str, object] = {}


def __getattr__(name: str):
    if name == "Pipeline":  # imported lazily: it pulls in spaCy
        from .pipeline import Pipeline

        return Pipeline
    raise AttributeError(name)


def _default_pipeline():
    from .pipeline import Pipeline

    if "pipeline" not in _DEFAULT:
        _DEFAULT["pipeline"] = Pipeline(on_error="raise")
    return _DEFAULT["pipeline"]


def classify_pair(
    text: str,
    source_span: tuple[int, int],
    target_span: tuple[int, int],
    date: str | _dt.date | None = None,
) -> Event | None:
    """The event between a known source and target: an Event (type, mode, confidence, rule) or None.

    >>> classify_pair("Jordan and Britain have agreed to hold exercises.", (0, 6), (11, 18)).type
    'AGREE'
    """
    day = _dt.date.fromisoformat(date) if isinstance(date, str) else date
    return _default_pipeline().classify_pair(text, tuple(source_span), tuple(target_span), day)


def extract(text: str, date: str | _dt.date | None = None, id: str | None = None) -> Result:
    """Code the events in one text with a shared default pipeline."""
    from .stages.read import article_id

    day = _dt.date.fromisoformat(date) if isinstance(date, str) else date
    article = Article(id=id or article_id(text), text=text, date=day, origin=id or "<text>")
    return _default_pipeline().extract(article)
