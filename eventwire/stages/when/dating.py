"""Give each event a date from the time expressions of its article.

In: the events, the article's time expressions and parsed segments, and the article date (may
be None). Out: the events with a date, its granularity and how it was obtained ("explicit",
"relative" or "article_date").

Rule: an event takes the DATE or TIME expression of its own clause that hangs from its
predicate (directly or through a preposition: "struck on Wednesday", "the attack on 22 April"),
else the nearest one in its sentence that its clause can reach (its own clause or one its
clause is embedded in: "said on Monday that ..."), else the article date. Never one that
modifies another phrase ("the restrictions of the year 1992", "Tuesday's vote", "a law from
2012") or lies in another clause ("the Minsk Group, which mediated since 1992"), except a
clause "since" opens on the event's own predicate, which dates the event's start ("killed since
the army attacked on Tuesday"), and never one inside the act a verb governs ("agreed to meet
on 25 October" dates the meeting, not the agreement). A subject that names the event's own
act lends it its date ("Israel's strike of 9 September killed five"). A value dates an event
by the first day it covers.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from ...model import STATED_DATE_METHODS, Event, TimeExpression
from ..parse import Segment, segment_at
from ..syntax import clause_tokens, governor
from .words import TEMPORAL_PREPOSITIONS

Datable = tuple[TimeExpression, tuple[dt.date, str]]  # an expression, its first day and granularity
NARRATIVE_DAYS = 3  # a day this close before the article date carries on to the events after it


def value_to_date(value: str) -> tuple[dt.date, str] | None:
    """The first day a TIMEX value covers and its granularity, for dating events."""
    value = value.split("T")[0]
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return dt.date.fromisoformat(value), "day"
        if match := re.fullmatch(r"(\d{4})-W(\d{2})(?:-WE)?", value):
            return dt.date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1), "week"
        if re.fullmatch(r"\d{4}-\d{2}", value):
            return dt.date.fromisoformat(value + "-01"), "month"
        if re.fullmatch(r"\d{4}", value):
            return dt.date(int(value), 1, 1), "year"
    except ValueError:
        return None
    return None


def date_events(
    events: list[Event],
    times: list[TimeExpression],
    segments: list[Segment],
    anchor: dt.date | None,
    event_nouns: Mapping[str, frozenset[str]] | None = None,
) -> list[Event]:
    """Give each event the time expression attached to its trigger, else its sentence's, else
    the article date. ``event_nouns``: event nouns (lemma: their event types), for a subject that
    names the event's own act ("Israel's strike of 9 September killed five")."""
    datable: list[Datable] = []
    for expression in times:
        if expression.type in ("DATE", "TIME"):
            first_day = value_to_date(expression.value)
            if first_day is not None:
                datable.append((expression, first_day))
    out = []
    for event in events:
        start, end = event.sentence
        in_sentence = [(t, d) for t, d in datable if start <= t.start < end]
        chosen = _dating(event, in_sentence, segments, event_nouns or {}) if in_sentence else None
        if chosen is not None:
            expression, (day, granularity) = chosen
            out.append(
                replace(
                    event,
                    date=day,
                    date_granularity=granularity,
                    date_method="relative" if expression.is_relative else "explicit",
                    date_span=(expression.start, expression.end),
                )
            )
        elif anchor is not None:
            out.append(
                replace(event, date=anchor, date_granularity="day", date_method="article_date")
            )
        else:
            out.append(event)
    return _told_that_day(out, anchor) if anchor is not None else out


def _told_that_day(events: list[Event], anchor: dt.date) -> list[Event]:
    """Events told after an event the text dates to a recent day (the day before the article,
    or a few days before), with no time of their own, happened that day too: "The leaders
    pledged on Friday to end the conflict. ... Washington also signed separate agreements."
    The day carries on, paragraph after paragraph, until the text names another day (the
    article's own day included); a day further back than ``NARRATIVE_DAYS`` is background and
    carries nothing. Their ``date_method`` is "narrative"."""
    day: tuple[dt.date, tuple[int, int] | None] | None = None  # and the span that dated it
    carried: dict[str, tuple[dt.date, tuple[int, int] | None]] = {}
    for event in sorted(events, key=lambda e: e.trigger):
        if event.date_method in STATED_DATE_METHODS and event.date_granularity == "day":
            recent = event.date is not None and 0 < (anchor - event.date).days <= NARRATIVE_DAYS
            day = (event.date, event.date_span) if recent and event.date else None
        elif event.date_method == "article_date" and day is not None:
            carried[event.id] = day
    return [
        replace(
            event,
            date=carried[event.id][0],
            date_method="narrative",
            date_span=carried[event.id][1],
        )
        if event.id in carried
        else event
        for event in events
    ]


# dependencies of a word that opens a clause of its own
_CLAUSE_DEPS = frozenset(("ccomp", "advcl", "relcl", "parataxis", "csubj", "acl"))
_NOUN_MODIFIER_DEPS = frozenset(("poss", "compound", "amod", "nmod", "appos", "nummod"))


def _dating(
    event: Event,
    in_sentence: list[Datable],
    segments: list[Segment],
    event_nouns: Mapping[str, frozenset[str]],
) -> Datable | None:
    """The expression of the event's sentence that dates it: the first in its trigger's clause
    that hangs from the predicate, else the nearest its clause can reach that modifies no
    other phrase (the module's docstring)."""
    segment = segment_at(segments, event.trigger[0])
    if segment is None:
        return None
    doc = segment.doc
    trigger = doc.char_span(
        event.trigger[0] - segment.offset,
        event.trigger[1] - segment.offset,
        alignment_mode="expand",
    )
    if trigger is None:
        return None
    token = trigger.root
    clause = clause_tokens(token)
    head = _clause_head(token)
    reachable = {t.i for t in (head, *head.ancestors)}
    # "105 soldiers were killed since the army attacked on Tuesday": the clause "since"
    # opens dates the start of the event it qualifies
    since = {
        c.i
        for c in token.children
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "since" for m in c.children)
    }
    # "agreed to meet again on 25 October", "threatened to strike on Friday": a time in the
    # act the verb governs dates that act, not the agreement or the threat
    governed = {
        t.i for c in token.children if c.dep_ == "xcomp" and c.pos_ == "VERB" for t in c.subtree
    }
    # "Israel's strike of 9 September killed five", "Tuesday's attack killed 26": a subject
    # naming the event's own act carries its date
    named_act = {
        t.i
        for c in token.children
        if c.dep_ in ("nsubj", "nsubjpass") and event.type in event_nouns.get(c.lemma_.lower(), ())
        for t in c.subtree
    }
    nearest: list[Datable] = []
    started: list[Datable] = []
    own: list[Datable] = []  # those of the trigger's clause hanging from the predicate
    for expression, day in in_sentence:
        span = doc.char_span(
            expression.start - segment.offset,
            expression.end - segment.offset,
            alignment_mode="expand",
        )
        if span is None or span.root.i in governed:
            continue
        if span.root.i in named_act:
            return expression, day
        how = _hangs_from(span.root, token)
        if how == "predicate" and span.root.i in clause:
            # "agreed on Sunday to meet again on 25 October": the meeting's own time first
            if governor(span.root).i == token.i:
                return expression, day
            own.append((expression, day))
            continue
        if how != "modifier" and _clause_head(span.root).i in reachable:
            nearest.append((expression, day))
        elif how == "predicate" and _clause_head(span.root).i in since:
            started.append((expression, day))
    if own:
        return own[0]
    if not nearest and not started:
        return None
    return min(started or nearest, key=lambda item: abs(item[0].start - event.trigger[0]))


def _hangs_from(root: Any, trigger: Any) -> str:
    """How a time expression's head hangs in the tree: "predicate" (from a verb or the trigger,
    through prepositions at most), "noun" (from another noun through a temporal preposition) or
    "modifier" (it modifies another phrase)."""
    node, through_noun = root, False
    for _ in range(12):
        head = node.head
        if head.i == node.i or head.i == trigger.i:
            break
        if node.dep_ in _NOUN_MODIFIER_DEPS and head.pos_ in ("NOUN", "PROPN", "PRON"):
            return "modifier"
        if node.dep_ == "prep" and head.pos_ in ("NOUN", "PROPN", "PRON"):
            if node.lower_ not in TEMPORAL_PREPOSITIONS:
                return "modifier"
            through_noun = True
        if head.pos_ in ("VERB", "AUX") or node.dep_ in _CLAUSE_DEPS:
            break
        node = head
    return "noun" if through_noun else "predicate"


def _clause_head(token: Any) -> Any:
    """The word heading the clause a token is in: the first ancestor-or-self that opens a
    clause of its own, else the sentence's root."""
    node = token
    for _ in range(40):
        if node.dep_ in _CLAUSE_DEPS or node.head.i == node.i:
            return node
        node = node.head
    return node
