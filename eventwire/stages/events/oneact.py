"""One act told by several verbs: "M23 fighters attacked army positions, killing eight
soldiers", "summoned the envoy to protest". In: one segment's events. Out: the same events,
the dependent verb's event folded into the governing one when both agree."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ...model import Event, Mention
from ..parse import Segment


def one_act(events: list[Event], segment: Segment) -> list[Event]:
    """ "M23 fighters attacked army positions, killing eight soldiers", "rockets hit a
    petrol station and killed six civilians", "summoned the envoy to protest": a verb of the
    same type hanging from another trigger as a participle, a conjoined verb or a purpose
    ("to protest") tells more of the same act. One event
    stays, the governing one, with a slot it left empty filled from the other; only when
    no slot disagrees (the same actor or an empty one on each side)."""
    doc: Any = segment.doc
    by_token: dict[int, list[Event]] = {}
    for event in events:
        if (root := segment.root_at(event.trigger)) is not None:
            by_token.setdefault(root.i, []).append(event)
    merged: dict[str, Event] = {}  # governing event id -> the event with filled slots
    dropped: set[str] = set()
    for index, dependents in by_token.items():
        token = doc[index]
        if token.dep_ not in ("advcl", "conj", "xcomp") or token.head.i not in by_token:
            continue
        purpose = token.tag_ == "VB" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in token.children
        )
        if token.dep_ != "conj" and token.tag_ != "VBG" and not purpose:
            continue  # "attacked after they had shelled": two acts; "summoned X to protest": one
        for dependent in dependents:
            for head in by_token[token.head.i]:
                head = merged.get(head.id, head)
                if (
                    head.id in dropped
                    or head.type != dependent.type
                    or (head.negated, head.hypothetical, head.future)
                    != (dependent.negated, dependent.hypothetical, dependent.future)
                ):
                    continue
                if not (
                    _agree(head.source, dependent.source) and _agree(head.target, dependent.target)
                ):
                    continue
                merged[head.id] = replace(
                    head,
                    source=_better(head.source, dependent.source),
                    target=_better(head.target, dependent.target),
                )
                dropped.add(dependent.id)
                break
    return [merged.get(e.id, e) for e in events if e.id not in dropped]


def _agree(first: Mention | None, second: Mention | None) -> bool:
    """Do two slots name the same country and sector ("army positions", "eight soldiers"),
    or is one of them empty or a name nobody knows ("Sisaket")?"""
    if first is None or second is None or says_nothing(first) or says_nothing(second):
        return True
    return (first.actor.country, first.actor.sector) == (second.actor.country, second.actor.sector)


def _better(kept: Mention | None, other: Mention | None) -> Mention | None:
    """The kept slot, unless it says nothing and the other slot says more."""
    if says_nothing(kept) and other is not None and (kept is None or not says_nothing(other)):
        return other
    return kept


def says_nothing(mention: Mention | None) -> bool:
    """Is the slot empty, or filled with a name of neither country nor sector?"""
    return mention is None or not (mention.actor.country or mention.actor.sector)
