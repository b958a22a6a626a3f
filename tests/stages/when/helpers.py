"""What the time tests share: the article date most cases use and two ways to read a text."""

from __future__ import annotations

import datetime as dt

from eventwire.stages.when import TimeFinder

FRIDAY = dt.date(2022, 1, 7)


def told(code, text: str, date: str) -> list[tuple[str, str]]:
    """(text, value) of every time expression the whole pipeline finds in an article dated
    ``date``."""
    return [(t.text, t.value) for t in code(text, date).times]


def found_values(text: str, anchor: dt.date) -> list[str]:
    """The values the time finder gives one parsed sentence on the article date ``anchor``."""
    from eventwire.lexicons import load_occasions
    from eventwire.stages.parse import Parser

    (segments,) = Parser()([(text, [(0, len(text))])])
    return [t.value for t in TimeFinder(load_occasions())(segments, anchor)]
