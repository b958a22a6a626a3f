"""How an output event is compared with an event a coder expects (``*.expected.yaml``).

An expected event names its evidence sentence by a prefix, its type, the countries of its
source and target, and optionally a date, flags and names. Every figure of ``eval samples``
is built from the predicates here.
"""

from __future__ import annotations

import datetime as dt
import re

from ..errors import InputError
from ..model import Event, Mention

# The realis of an event, from its flags. When several flags hold, the first of this order
# names it: whether the event happened at all (negated, hypothetical, future) comes before who
# told of it (reported).
REALIS = ("negated", "hypothetical", "future", "reported", "asserted")
FLAGS = REALIS[:-1]
# an expected date at the granularity the coder could tell: YYYY-MM-DD, YYYY-MM or YYYY
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def sentence_text(event: Event, text: str) -> str:
    """The event's evidence sentence with its whitespace collapsed."""
    return " ".join(text[event.sentence[0] : event.sentence[1]].split())


def sentence_prefix(sentence: str) -> str:
    """The part of a coder's sentence prefix that must start the evidence sentence."""
    return " ".join(str(sentence).split())[:30]


def _sides(event: Event) -> list[tuple[Mention | None, Mention | None]]:
    """The (source, target) readings of an event: a mutual one ("Armenia and Azerbaijan met")
    reads the same either way round, as the coder may have listed it."""
    sides = [(event.source, event.target)]
    return sides + [(event.target, event.source)] if event.mutual else sides


def matches_expected(expected: dict, event: Event, text: str) -> bool:
    """Same type, same evidence sentence, and the countries the coder wrote down."""
    if expected["type"] != event.type or not sentence_text(event, text).startswith(
        sentence_prefix(expected["sentence"])
    ):
        return False
    return any(
        all(
            not want or (got is not None and got.actor.country == want)
            for want, got in zip((expected.get("source"), expected.get("target")), side)
        )
        for side in _sides(event)
    )


def matches_fully(expected: dict, event: Event, text: str) -> bool:
    """Fully correct: ``matches_expected``, and also a null country is matched by no country
    (an event whose target the coder says the sentence does not name must have none), and the
    date is right at the coder's granularity when the coder gives one."""
    if not matches_expected(expected, event, text):
        return False
    if not any(
        (expected.get("source"), expected.get("target")) == tuple(map(country_of, side))
        for side in _sides(event)
    ):
        return False
    date = expected.get("date")
    return date is None or date_matches(date, event.date)


def country_of(mention: Mention | None) -> str | None:
    return mention.actor.country if mention is not None else None


def date_matches(expected: object, got: dt.date | None) -> bool:
    """The event's date agrees with the expected one at the expected granularity: a day must be
    that day, ``YYYY-MM`` any day of that month, ``YYYY`` any day of that year. The event's own
    granularity is not read: a date the pipeline knows only to the month is stored as a day of
    it, and is right for a month and wrong for any other day."""
    if got is None:
        return False
    if isinstance(expected, dt.date):
        return got == expected
    match = _PARTIAL_DATE.match(str(expected).strip())
    if match is None:
        raise InputError(
            str(expected), "bad_date", "an expected date is YYYY-MM-DD, YYYY-MM or YYYY"
        )
    year, month, day = (int(part) if part else None for part in match.groups())
    return (
        got.year == year
        and (month is None or got.month == month)
        and (day is None or got.day == day)
    )


def event_flags(event: Event) -> dict[str, bool]:
    """The realis flags of an output event; ``reported`` when the pipeline found it told in a
    quote (``Event.reported`` or ``Event.reported_by``)."""
    return {
        "negated": event.negated,
        "hypothetical": event.hypothetical,
        "future": event.future,
        "reported": event.reported is not None or event.reported_by is not None,
    }


def expected_flags(expected: dict) -> dict[str, bool]:
    """The realis flags a coder wrote on an expected event (absent means false)."""
    return {flag: bool(expected.get(flag)) for flag in FLAGS}


def realis(flags: dict[str, bool]) -> str:
    """asserted, negated, hypothetical, future or reported (the first flag of ``REALIS`` set)."""
    return next((flag for flag in FLAGS if flags[flag]), "asserted")


def name_matches(expected: str, mention: Mention | None) -> bool:
    """Every word of the coder's name is in the actor's canonical name or in the mention's own
    words ("Blinken" matches Antony Blinken; "Antony Blinken" matches a mention "Blinken"
    resolved to him)."""
    if mention is None:
        return False
    words = set(str(expected).casefold().split())
    return words <= set(mention.actor.name.casefold().split()) or words <= set(
        mention.text.casefold().split()
    )


def actor_matches(expected: str, actor) -> bool:
    """A speaker the coder names by country code or by name."""
    want = str(expected).casefold()
    return actor is not None and want in {
        (actor.country or "").casefold(),
        actor.name.casefold(),
    }


def pair_up(wanted: list[dict], events: list[Event], text: str, predicate) -> dict[int, int]:
    """One output event per expected event, each output event used once: expected event index
    → event index, the first unused event the predicate accepts."""
    used: set[int] = set()
    pairs = {}
    for want_index, want in enumerate(wanted):
        for event_index, event in enumerate(events):
            if event_index not in used and predicate(want, event, text):
                used.add(event_index)
                pairs[want_index] = event_index
                break
    return pairs
