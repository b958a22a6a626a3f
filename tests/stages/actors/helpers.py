"""One parser and resolver for the actor tests, and a way to read an article through them."""

from __future__ import annotations

import datetime as dt
from functools import cache

from eventwire.lexicons import load_cities, load_gazetteer, load_people
from eventwire.model import Mention
from eventwire.stages.actors import ActorIndex, ActorResolver
from eventwire.stages.parse import Parser


@cache
def _tools() -> tuple[Parser, ActorResolver]:
    return Parser(), ActorResolver(load_gazetteer(), load_cities(), load_people())


def resolve(text: str, date: str | None = "2023-06-01") -> ActorIndex:
    parser, resolver = _tools()
    segments = parser([(text, [(0, len(text))])])[0]
    return resolver(segments, dt.date.fromisoformat(date) if date else None)


def mentions_of(index: ActorIndex, words: str) -> list[Mention]:
    """Every mention whose text ends with the words (a phrase's head is its last word)."""
    return [m for m in index.mentions if m.text.endswith(words)]
