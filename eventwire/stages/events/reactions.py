"""Reactions to an act told before: "Araghchi called the vote legally void", "Petro denounced
the measure", "Lula criticised the sanctions as a dangerous precedent".

In: the article's events (verb, noun and speech-act events alike), its segments and the
lexicon's act nouns (``act_nouns`` in ``verbs.yaml``). Out: the same events, where a reaction
with no target named is aimed at the doer of the act its object names.

Rule. A REJECT, ACCUSE, SUPPORT, REQUEST or PROTEST without a target whose trigger takes, as
its object (or as the subject of its clause: "said the move had no legal basis"), a definite
act noun ("the measure", "these sanctions", "its decision") is aimed at the doer of the
nearest act told before it in the article that the noun can name: an event of one of the
noun's types, or one whose trigger is the noun's own word ("imposed a ban" for "the ban").
Acts by the reacting side itself and acts with no doer are passed over; with none left the
slot stays empty. A pronoun object ("condemned it") names an act of the sentence before or
of its own sentence only. A noun whose modifier names whose act it is ("the European move") is left
to the actors stage. Several doers of that one act ("France, Germany and Britain triggered
...") give one reaction each.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import replace

from ...model import Event, Mention
from ..parse import Segment, segment_at
from ..syntax import governor
from .triggers import trigger_word

REACTIONS = frozenset({"REJECT", "ACCUSE", "SUPPORT", "REQUEST", "PROTEST"})
# what makes an act noun point back: "the vote", "this decision", "its sanctions"
_DEFINITE = {"the", "this", "these", "that", "those"}
# prepositions that give what a reaction is about: "opposition to the sanctions"
_ABOUT = {"of", "to", "against", "over", "on", "about", "with"}
# entity types of a modifier that says whose act it is
_WHOSE = {"NORP", "GPE", "LOC", "ORG", "PERSON"}


def aim_reactions(
    events: list[Event], segments: list[Segment], act_nouns: Mapping[str, frozenset[str]]
) -> list[Event]:
    if not act_nouns:
        return events
    ordered = sorted(events, key=lambda e: e.trigger[0])
    out: list[Event] = []
    for event in events:
        if event.type not in REACTIONS or event.target is not None or event.source is None:
            out.append(event)
            continue
        segment = segment_at(segments, event.trigger[0])
        noun = _act_noun(event, segment, act_nouns) if segment is not None else None
        doers = _doers(event, noun, ordered, act_nouns, segments) if noun is not None else []
        if segment is None or noun is None or not doers:
            out.append(event)
            continue
        start = segment.offset + noun.idx
        for number, (act, doer) in enumerate(doers):
            target = Mention(
                start,
                start + len(noun.text),
                noun.text,
                doer.actor,
                doer.kind,
                evidence=(
                    f"coreference: the doer of {noun.text!r}, the "
                    f"{act.type} told before ({doer.text!r})"
                ),
            )
            out.append(
                replace(
                    event,
                    id=_suffixed(event.id, number),
                    target=target,
                    rule=f"{event.rule}; target: the doer of the act it reacts to",
                )
            )
    return out


def _suffixed(identifier: str, number: int) -> str:
    if not number:
        return identifier
    return hashlib.sha1(f"{identifier}:aim{number}".encode()).hexdigest()[:16]


def _act_noun(event: Event, segment: Segment, act_nouns: Mapping[str, frozenset[str]]):
    """The definite act noun the reaction's trigger is about, or None."""
    trigger = segment.root_at(event.trigger)
    if trigger is None:
        return None
    if trigger.dep_ == "neg":
        trigger = trigger.head  # "not happy about the attack": what "happy" is about
    nouns = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
    for preposition in (c for c in trigger.children if c.dep_ == "prep" and c.lower_ in _ABOUT):
        nouns += [g for g in preposition.children if g.dep_ == "pobj"]
    # "said the European move had no legal basis": the cue's clause names what it is about
    clause = governor(trigger)
    if clause.i != trigger.i:
        # "called the post extremely inappropriate": the named thing is the namer's object
        nouns += [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    nouns += [
        c
        for complement in trigger.children
        if complement.dep_ == "ccomp"
        for c in complement.children
        if c.dep_ in ("nsubj", "nsubjpass")
    ]
    for noun in nouns:
        if noun.lemma_.lower() not in act_nouns and noun.lower_ not in act_nouns:
            continue
        if noun.pos_ == "PRON":
            return noun  # "condemned it": the act of the sentence before (``_doers``)
        if any(
            c.dep_ in ("amod", "compound", "nmod") and c.ent_type_ in _WHOSE for c in noun.children
        ):
            continue  # "the European move", "the US sanctions": whose act the text says
        if any(
            c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in _DEFINITE for c in noun.children
        ):
            return noun
    return None


def _sentence_before(segments: list[Segment], event: Event) -> int:
    """Where the sentence before the event's own starts (its own start when it opens the
    article), in article offsets."""
    segment = segment_at(segments, event.sentence[0])
    if segment is None:
        return event.sentence[0]
    first = segment.root_at((event.sentence[0], event.sentence[0] + 1))
    if first is not None and first.sent.start > 0:
        return segment.offset + segment.doc[first.sent.start - 1].sent[0].idx
    number = next((k for k, s in enumerate(segments) if s is segment), 0)
    if number == 0:
        return event.sentence[0]
    before = segments[number - 1]
    if not len(before.doc):
        return event.sentence[0]
    return before.offset + before.doc[-1].sent[0].idx


def _doers(
    event: Event,
    noun,
    ordered: list[Event],
    act_nouns: Mapping[str, frozenset[str]],
    segments: list[Segment],
) -> list[tuple[Event, Mention]]:
    """The doers of the nearest act before the reaction that the noun can name: (act, doer)
    for each event told by that act's trigger."""
    word = noun.lemma_.lower() if noun.lemma_.lower() in act_nouns else noun.lower_
    types = act_nouns[word]
    own = event.source.actor.country if event.source is not None else None
    since = _sentence_before(segments, event) if noun.pos_ == "PRON" else 0
    earlier = [
        e
        for e in ordered
        if since <= e.trigger[0] < event.trigger[0]
        and e.id != event.id
        and (e.type in types or trigger_word(e) == word)
    ]
    # the nearest such act whose doer is known and is not the reacting side
    acts = [
        e for e in earlier if e.source is not None and e.source.actor.country not in (None, own)
    ]
    if not acts:
        return []
    act = acts[-1]
    together = [e for e in earlier if e.trigger == act.trigger and e.source is not None]
    doers: list[tuple[Event, Mention]] = []
    for e in together:
        assert e.source is not None
        if e.source.actor.country is None or e.source.actor.country == own:
            continue
        if all(d.actor != e.source.actor for _, d in doers):
            doers.append((e, e.source))
    return doers
