"""Pronouns and possessors: who "he", "him", "it" and "its troops" stand for.

In: a token of the parse, the people and the bodies the article named before it. Out: a
mention for the pronoun, or the role given its owner's country.

Rules. "He", "she", "him", "her", "his" are the last person named, but an object pronoun never
its own verb's subject ("Starmer and Merz called him"). A subject "it" is the state or body
that was the subject of its sentence or the one before, when no other state or body was named
since as subject or object and no other subject opens its sentence; an empty "it" ("it is
unclear whether") is nobody. A role with no country takes its owner's: "Zelensky's chief of
staff", "his envoys", "its troops".
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from typing import TYPE_CHECKING

from ...model import Mention
from ..parse import Segment
from .spans import ActorIndex, PersonRecord

if TYPE_CHECKING:
    from spacy.tokens import Token

PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}


def is_body(mention: Mention, token: Token, person_titles: Collection[str]) -> bool:
    """Does the mention stand for a state or a body ("Russia", "the Kremlin", "NATO",
    "Russia's defence ministry"), not a person ("the foreign minister")?"""
    kind = mention.kind.split("_")[0]
    if kind in ("country", "metonym", "organization"):
        return True
    return (
        kind == "role"
        and mention.actor.country is not None
        and token.lemma_.lower() not in person_titles
        and token.ent_type_ != "PERSON"
    )


def pronoun_mention(segment: Segment, token: Token, recent: list[PersonRecord]) -> Mention | None:
    """ "he", "her": the last person the article named, but never the subject of the pronoun's
    own verb when it is the object ("Starmer, Macron and Merz called him": not Merz)."""
    if token.lower_ not in PERSON_PRONOUNS or not recent:
        return None
    start, end = segment.char_span(token.i, token.i + 1)
    bound = _own_subjects(segment, token)
    free = [r for r in recent if not any(a <= r.offset < b for a, b in bound)]
    if not free:
        return None
    antecedent = free[-1]
    evidence = f"coreference: {token.text} -> {antecedent.actor.name}"
    return Mention(start, end, token.text, antecedent.actor, "person", start, evidence)


def _own_subjects(segment: Segment, token: Token) -> list[tuple[int, int]]:
    """The article spans of the subjects of the verb an object pronoun depends on: a plain
    pronoun object is never one of them (a reflexive would be)."""
    if token.lower_ not in ("him", "her") or token.dep_ not in ("dobj", "dative", "iobj"):
        return []
    verb = token.head
    spans = []
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            first, last = child.left_edge.i, child.right_edge.i
            spans.append(segment.char_span(first, last + 1))
    return spans


def it_mention(segment: Segment, token: Token, body: Mention) -> Mention | None:
    """ "The Security Council condemned the strikes. It also backed the mediation": a subject
    "it" is the state or body that was the subject of its sentence or the one before, never an
    empty "it" ("it is unclear whether", "it was reported that")."""
    if token.lower_ != "it" or token.dep_ != "nsubj":
        return None  # a passive "it" is empty: "it was reported that ...", "it is expected"
    head = token.head
    if head.lemma_ in ("be", "seem", "appear", "remain", "take") or any(
        c.dep_ in ("ccomp", "csubj") and c.i > head.i for c in head.children
    ):
        return None  # "it is unclear whether", "it emerged that"
    if head.dep_ == "ccomp":
        # "Russia said it would respond": the events stage reads the sayer itself (its own
        # words, its own span); "it" opening a sentence of its own is this module's
        return None
    start, end = segment.char_span(token.i, token.i + 1)
    subjects = [
        t
        for t in token.sent
        if t.i < token.i and t.dep_ in ("nsubj", "nsubjpass") and t.lower_ != "it"
    ]
    if any(not (body.start <= segment.offset + t.idx < body.end) for t in subjects):
        return None  # "The alliance ... said it would": the sentence's own subject, not a body
    evidence = f"coreference: {token.text} -> {body.actor.name} (the subject before)"
    kind = f"{body.kind.split('_')[0]}_inferred"
    return Mention(start, end, token.text, body.actor, kind, start, evidence)


def owned(
    index: ActorIndex, number: int, token: Token, mention: Mention, body: Mention | None
) -> Mention:
    """A role with no country of its own takes its possessor's: "Zelensky's chief of staff",
    "his envoys" (the person "his" stands for), "its troops" (``body``: the state or body
    that was the subject of this sentence or the one before)."""
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    if owner is None:
        return mention
    found = index.by_head.get((number, owner.i))
    if found is None and owner.lower_ in ("its", "their"):
        found = body
    if found is None or not found.actor.country:
        return mention
    actor = replace(mention.actor, country=found.actor.country)
    evidence = f"{mention.evidence}; country of its owner {found.text!r}"
    return replace(mention, actor=actor, evidence=evidence)


class Bodies:
    """The states and bodies an article names as it is read, for "it" and "its"."""

    def __init__(self, person_titles: Collection[str]):
        self.person_titles = person_titles
        # the last state or body that was a sentence's subject, with the sentence's number
        self.body: tuple[int, Mention] | None = None
        self.last: Mention | None = None  # the last state or body named as subject or object

    def subject(self, sentences: int) -> Mention | None:
        """The state or body that was the subject of this sentence or the one before."""
        if self.body is None or sentences - self.body[0] > 1:
            return None
        return self.body[1]

    def it(self, segment: Segment, token: Token, sentences: int) -> Mention | None:
        """A subject "it" as that body, when no other state or body was named since."""
        if token.lower_ != "it":
            return None  # read for every token the resolver finds no mention at
        body = self.subject(sentences)
        if body is None or self.last is not body:
            return None
        return it_mention(segment, token, body)

    def seen(self, mention: Mention, token: Token, sentences: int) -> None:
        rival = mention.kind.split("_")[0] not in ("person", "role")
        if (rival or is_body(mention, token, self.person_titles)) and token.dep_ in (
            "nsubj",
            "nsubjpass",
            "dobj",
            "dative",
            "conj",
        ):
            self.last = mention  # a rival for "it"; not a place or a modifier
        if (
            token.dep_ in ("nsubj", "nsubjpass")
            and is_body(mention, token, self.person_titles)
            and not any(c.dep_ == "conj" for c in token.children)
        ):
            self.body = (sentences, mention)
