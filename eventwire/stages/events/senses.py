"""Trigger senses the doer or the arguments decide, beyond the lexicon's object lists.

In: a trigger and its would-be source (``acts_for_a_state``, ``own_country``), a verb of
warning and its parse (``advised_away``), or a segment's events (``exercise_events``). Out:
whether the state sense applies or the target is the doer's own country; the place a travel
advisory keeps people away from; the events of exercises held by two.

Rules. A government's "protest" (or any trigger listed under ``state_senses`` in
``verbs.yaml``) is a diplomatic act, not a demonstration: the doer must stand for a state
(its government or armed forces, or the country or capital itself). A verb of warning whose
object is the doer's own people and whose complement keeps them away from a place ("warned
its citizens against travelling to Japan", "told its students to stay away from Japan") is
a travel advisory: it cuts exchange with that place's country (SANCTION), it threatens no
one. Exercises held by two are a COOPERATE between them and a MOBILIZE of each. The words
are data (``state_senses``, ``advisories`` and ``exercises`` in ``verbs.yaml``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from dataclasses import replace

from ...lexicons import Advisories, Ontology
from ...model import Event, Mention
from .triggers import trigger_word


def acts_for_a_state(mention: Mention | None) -> bool:
    """Does the mention stand for a state: its government or armed forces, or the country
    or capital itself ("Tokyo protested")? Not its people, parties or rebels."""
    if mention is None or not mention.actor.country:
        return False
    if mention.actor.sector in ("GOV", "MIL"):
        return True
    return mention.actor.sector is None and mention.kind.split("_")[0] in ("country", "metonym")


def own_country(source: Mention | None, target: Mention | None, kind: str) -> bool:
    """Is a verbal rebuke's target the doer's own country, named only as a country ("protested
    against a violation of Polish sovereignty")? A state does not accuse, threaten or reject
    itself: the slot stays empty. Nor does an international body act on itself ("the EU
    chief spoke of a hybrid attack on the Union"). Other same-country pairs stay: news codes
    a state's organs, people, parties and rebels acting on one another ("the army seized
    power from the president", "Peres attacked Netanyahu's policies")."""
    if source is None or target is None:
        return False
    if (
        source.actor.sector == "IGO"
        and target.actor.sector == "IGO"
        and source.actor.country == target.actor.country
    ):
        return True
    if kind not in ("ACCUSE", "THREATEN", "REJECT"):
        return False
    return (
        acts_for_a_state(source)
        and target.actor.sector is None
        and target.actor.country == source.actor.country
        and target.kind.split("_")[0] in ("country", "metonym", "modifier", "place")
    )


def advised_away(verb, words: Advisories):
    """The place a warning keeps the doer's own people away from, with the tokens of the
    complement that keep them away (the travelling is no event of its own); None when the verb is
    no travel advisory."""
    if verb.lemma_.lower() not in words.verbs:
        return None
    people = [
        c
        for c in verb.children
        if c.dep_ in ("dobj", "dative") and c.lemma_.lower() in words.people
    ]
    if not people:
        return None
    # the complement: the verb's other dependents after it ("against travelling to Japan",
    # "to stay away from Japan", "that they should avoid ..."), not a verb joined to it
    complements = [
        c
        for c in verb.children
        if c.i > verb.i and c is not people[0] and c.dep_ not in ("conj", "cc")
    ]
    rest = sorted((t for c in complements for t in c.subtree), key=lambda t: t.i)
    away = next((t for t in rest if t.lemma_.lower() in words.keep_away), None)
    if away is None:
        return None
    place = next(
        (t for t in rest if t.i > away.i and t.ent_type_ in ("GPE", "LOC") and t.pos_ == "PROPN"),
        None,
    )
    if place is None:
        return None
    return place, {t.i for t in rest if t.lemma_.lower() in words.keep_away}


def exercise_events(
    events: list[Event], exercises: Collection[str], ontology: Ontology
) -> list[Event]:
    """Military exercises held by two ("Russia and Belarus began their joint exercises", "the
    manoeuvres of Russia and Belarus"): the COOPERATE between them and a MOBILIZE of each,
    with no target. Held by one, a MOBILIZE. Other events pass as they are. ``exercises``:
    the nouns (lemmas); an event's noun is read from its rule ("noun exercise ...")."""
    out = []
    for event in events:
        if (
            not event.rule.startswith("noun ")
            or trigger_word(event) not in exercises
            or event.type not in ("COOPERATE", "MOBILIZE")
            or event.source is None
        ):
            out.append(event)
            continue
        doers = [m for m in (event.source, event.target) if m is not None]
        if len(doers) == 2 and doers[0].actor.country != doers[1].actor.country:
            out.append(_retyped(event, "COOPERATE", None, event.source, event.target, "", ontology))
        for number, doer in enumerate(doers):
            note = f"; MOBILIZE of each who holds the exercise ({number + 1})"
            out.append(_retyped(event, "MOBILIZE", "TROOPS", doer, None, note, ontology))
    return out


def _retyped(
    event: Event,
    kind: str,
    mode: str | None,
    source: Mention,
    target: Mention | None,
    note: str,
    ontology: Ontology,
) -> Event:
    """The event as another type (or the same) with these actors, under an id of its own."""
    if kind == event.type and not note:
        return replace(event, source=source, target=target)
    cameo, quad_class, intensity = ontology.code(kind, mode)
    digest = hashlib.sha1(f"{event.id}:{kind}{note}".encode()).hexdigest()[:16]
    return replace(
        event,
        id=digest,
        type=kind,
        mode=mode,
        source=source,
        target=target,
        cameo=cameo,
        quad_class=quad_class,
        intensity=intensity,
        rule=event.rule + note,
    )
