"""Which lexicon entry a token triggers: the entry's constraints read on the parse, and the
contexts (a denial above) in which a trigger codes nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...lexicons import Trigger
from ...model import Event
from ..syntax import prepositional_objects

DENIAL = {"deny", "dismiss", "reject", "refute"}
# the object word that stands for any named place in the lexicon ("seize" + "@place")
PLACE = "@place"
PLACES = ("GPE", "LOC", "FAC")


def choose_trigger(
    triggers: tuple[Trigger, ...], token, is_place: Callable[[Any], bool] | None = None
) -> Trigger | None:
    """The first matching entry: constrained entries come first, file order breaks ties.

    A particle is a ``prt``, ``advmod`` ("pull back") or ``prep`` child, but not a
    preposition whose object is a date ("called X on Tuesday"). Objects are the
    direct object first, then prepositional objects, also through a nested
    preposition ("pulled out of the deal"); ``@place`` among an entry's objects stands for a
    named place as the direct object ("seized El Fasher"; ``is_place`` tells places the parser
    took for something else). An entry's ``object_modifiers`` must modify the
    direct object, before it or after "of" ("shut down the launch site" is no censorship of a
    news site; "sent a message of solidarity").
    """
    children = list(token.children)
    particles = {c.lemma_.lower() for c in children if c.dep_ in ("prt", "agent", "advmod")}
    particles |= {c.lemma_.lower() for c in children if c.dep_ == "prep" and not governs_time(c)}
    objects = [c for c in children if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd")]
    direct = {o.lemma_.lower() for o in objects}
    if any(o.ent_type_ in PLACES or is_place is not None and is_place(o) for o in objects):
        direct.add(PLACE)  # "seized El Fasher": a named place as the object
    indirect: set[str] = set()
    for prep in (c for c in children if c.dep_ in ("prep", "prt", "agent")):
        for grandchild in prep.children:
            if grandchild.dep_ == "pobj":
                indirect.add(grandchild.lemma_.lower())
            elif grandchild.dep_ == "prep":
                indirect |= {g.lemma_.lower() for g in grandchild.children if g.dep_ == "pobj"}
    governed = set()
    # "allowed the convoy to enter" is often parsed as a ccomp rather than an xcomp
    for complement in (c for c in children if c.dep_ in ("xcomp", "ccomp")):
        governed |= {complement.lemma_.lower()} | {
            c.lemma_.lower() for c in complement.children if c.dep_ == "dobj"
        }
    modifiers = {c.lemma_.lower() for c in children if c.dep_ in ("compound", "amod")}
    # the words that modify each direct object: "the launch site" is no website; "a message of
    # solidarity", "a note of protest" say what kind of message or note
    object_modifiers = {
        c.lemma_.lower()
        for o in objects
        for c in o.children
        if c.dep_ in ("compound", "amod", "nmod")
    } | {g.lemma_.lower() for o in objects for g in prepositional_objects(o, ("of",))}
    fallback = None
    voice = "passive" if any(c.dep_ in ("nsubjpass", "auxpass") for c in children) else "active"
    for trigger in triggers:
        if trigger.voice and trigger.voice != voice:
            continue
        if trigger.particle and trigger.particle not in particles:
            continue
        if trigger.xcomp and not trigger.xcomp & governed:
            continue
        if trigger.modifiers and not trigger.modifiers & modifiers:
            continue
        if trigger.object_modifiers and not trigger.object_modifiers & object_modifiers:
            continue
        if trigger.objects:
            if trigger.objects & direct:
                return trigger
            if trigger.objects & indirect and fallback is None:
                fallback = trigger
            continue
        if fallback is not None and fallback.specificity >= trigger.specificity:
            return fallback
        return trigger
    return fallback


def is_under_denial(token) -> bool:
    """Events inside what is denied ("denies plans to invade") are not events."""
    node = token
    for _ in range(6):
        if node.head.i == node.i or node.dep_ == "relcl":
            # "rejected the concessions Moscow demanded": the demand was made all the same
            return False
        parent = node.head
        if parent.lemma_.lower() in DENIAL and node.dep_ in (
            "ccomp",
            "dobj",
            "xcomp",
            "acl",
            "pcomp",
            "pobj",
        ):
            return True
        node = parent
    return False


def governs_time(preposition) -> bool:
    return any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in preposition.children)


def trigger_word(event: Event) -> str:
    """The trigger's word as the event's rule names it ("verb vote", "noun exercise"), else
    ""."""
    parts = event.rule.split()
    return parts[1].lower() if len(parts) > 1 and parts[0] in ("verb", "noun") else ""
