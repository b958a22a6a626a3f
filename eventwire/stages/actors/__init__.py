"""Resolve noun phrases to coded actors.

In: the parsed segments of one article, its date, the gazetteer and the people registry.
Out: an ``ActorIndex`` mapping the head token of every actor noun phrase to a ``Mention``.

Rules, in order: the article first, the registries second, and an empty slot rather than
a wrong one.

    linking.py    every name of a person in the article, grouped before any look-up: a
                  surname or first name is the person the article named so ("Blinken" after
                  "Antony Blinken"), and a word that is also a country or a month ("Jordan",
                  "May") is that person where the article names one so
    registry.py   each person resolved once against the people registry at the article date;
                  a name alone only when exactly one person of that name held an office then
    resolver.py   the stage: pronouns, persons, gazetteer phrases (countries, demonyms, seats
                  of government standing for it: "the Kremlin", "Downing Street"), roles
                  ("troops" -> MIL), country modifiers, names; things are no actors ("the
                  Ukrainian proposal", "20 percent")
    countries.py  countries beyond the phrase's words: coordinated partners, "the two sides",
                  domestic actors placed by the sentence or the article; never for a group a
                  region modifies ("European officials")
    spans.py      gazetteer matches, the noun phrase of a head, token helpers

Every mention says how it was decided (``Mention.evidence``); a resolution the text does not
settle says so with "low confidence: …", and a country taken from the article is ``*_inferred``.
"""

from .resolver import ActorResolver
from .spans import ActorIndex, Match, find_matches

__all__ = ["ActorIndex", "ActorResolver", "Match", "find_matches"]
