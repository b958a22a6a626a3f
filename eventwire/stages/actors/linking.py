"""Within-article linking of person names, before any registry look-up.

In: the parsed segments of one article and their gazetteer matches. Out: ``PersonLinks``,
every stretch of text that names a person, each tied to one of the article's people.

Rules, in order:

- A name is a PERSON entity, widened over the proper noun NER cut off ("Theresa" + "May",
  tagged a date), or a capitalised word right after a person's title ("Foreign Minister
  Jordan"). A PERSON entity that one gazetteer phrase covers whole ("Jordan" alone) is the
  country, not a name.
- A name of two or more words is a person of the article; a later one with the same first
  and last words is the same person.
- A one-word name is the person whose last word (else, for a PERSON entity, first word) it
  is: the nearest one named before it, else the only one named after it (a headline names
  someone before the body does). A word that is also a country, a month or a common word
  ("Jordan", "May", "Chase") is read as that person only where a person can stand (a subject,
  an object, a possessor), never as a place or a date ("in Jordan", "May 5").
- A one-word name no person of the article takes stays alone: the registry may resolve it,
  strictly (``registry.py``). A word the tagger did not take for a proper noun is a name
  only when it is the last word of a person the article named, where a person can stand. A
  first name alone ("Phumtham", as Thai usage has it) is the one person named before with
  that first word, when no person of the article has it as a surname.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, field

from ...lexicons import Gazetteer
from ..parse import Segment
from .spans import PLACE_NOUNS, Match, clean_name, entity_of

# Where a bare word can name a person: subjects, objects, possessors, appositions.
_PERSON_DEPS = {"nsubj", "nsubjpass", "dobj", "poss", "conj", "appos", "attr", "dative"}
# Prepositions whose object can be a person ("met with Jordan", "criticised by May", "sent a
# message to Petro").
_PERSON_PREPOSITIONS = {"by", "with", "for", "against", "between", "of", "to"}


@dataclass(frozen=True, slots=True)
class Name:
    """One stretch of text naming a person."""

    segment: int
    start: int  # token indices in the segment's doc, end exclusive
    end: int
    text: str
    offset: int  # where it starts in the article
    person: str  # the key of its person: the full name of the article's person, else its text
    is_short: bool  # one word
    candidates: int = 0  # for a short name: how many of the article's people it could be


@dataclass
class PersonLinks:
    names: dict[tuple[int, int], Name] = field(default_factory=dict)  # by (segment, head token)
    inside: set[tuple[int, int]] = field(default_factory=set)  # every token of every name
    people: dict[str, list[Name]] = field(default_factory=dict)  # person key -> names in order

    def name_at(self, segment: int, token: int) -> Name | None:
        return self.names.get((segment, token))


@dataclass
class _Person:
    key: str
    first: str
    last: str
    offsets: list[int]


def link_people(
    segments: list[Segment],
    matches: list[list[Match]],
    gazetteer: Gazetteer,
    known: Container[str] = (),
) -> PersonLinks:
    """``known``: casefolded full names the registry holds ("amir khan muttaqi"), whose first
    word is kept though it is also a title ("Amir")."""
    spans = [_name_spans(segment, ms, gazetteer, known) for segment, ms in zip(segments, matches)]
    people: list[_Person] = []
    found: list[Name] = []
    for number, segment in enumerate(segments):
        for start, end, _ in spans[number]:
            if end - start == 1:
                continue
            text = clean_name(segment.doc[start:end].text)
            words = text.split()
            offset = segment.offset + segment.doc[start].idx
            person = next((p for p in people if p.first == words[0] and p.last == words[-1]), None)
            if person is None:
                person = _Person(text, words[0], words[-1], [])
                people.append(person)
            person.offsets.append(offset)
            found.append(Name(number, start, end, text, offset, person.key, False))
    taken = {(n.segment, i) for n in found for i in range(n.start, n.end)}
    for number, segment in enumerate(segments):
        doc = segment.doc
        short = {start: is_entity for start, end, is_entity in spans[number] if end - start == 1}
        for token in doc:
            if (number, token.i) in taken or not token.text[:1].isupper():
                continue
            if (
                token.pos_ != "PROPN"
                and not (
                    # a rare surname the tagger took for an adjective or a noun ("Pezeshkian is
                    # due to visit"), after the article named the person in full
                    token.pos_ in ("ADJ", "NOUN", "X") and any(p.last == token.text for p in people)
                )
                # a PERSON entity of one word the tagger took for an adverb ("Zelensky, who
                # met Macron, said")
                and not (token.i in short and short[token.i] and token.pos_ in ("ADV", "VERB"))
            ):
                continue
            is_named = token.i in short
            offset = segment.offset + token.idx
            # "Phumtham, speaking in Bangkok" after "Phumtham Wechayachai": the one person of
            # the article named before with that first word (Thai usage), never a surname
            by_first = token.pos_ == "PROPN" and _only_first_name(token.text, offset, people)
            if not is_named and not (
                (any(p.last == token.text for p in people) or by_first)
                and _stands_for_person(token)
            ):
                continue
            allow_first = is_named and short[token.i] or by_first
            text = clean_name(token.text)
            key, count = _person_for(text, offset, people, allow_first)
            if key is None and not is_named:
                continue
            found.append(Name(number, token.i, token.i + 1, text, offset, key or text, True, count))
    links = PersonLinks()
    for name in sorted(found, key=lambda n: n.offset):
        doc = segments[name.segment].doc
        for i in range(name.start, name.end):
            # the name's heads in the parse (one, unless the parser split "Bi khim | Hsiao")
            if not name.start <= doc[i].head.i < name.end or doc[i].head.i == i:
                links.names[(name.segment, i)] = name
        links.inside.update((name.segment, i) for i in range(name.start, name.end))
        links.people.setdefault(name.person, []).append(name)
    return links


def _name_spans(
    segment: Segment, matches: list[Match], gazetteer: Gazetteer, known: Container[str] = ()
) -> list[tuple[int, int, bool]]:
    """(start, end, is a PERSON entity) of every name in a segment."""
    doc = segment.doc
    roles = {m.start: m for m in matches if m.entry.kind == "role"}
    matched = {i for m in matches for i in range(m.start, m.end)}
    spans: list[tuple[int, int, bool]] = []
    used: set[int] = set()
    for entity in doc.ents:
        if entity.label_ != "PERSON":
            continue
        start, end = entity.start, entity.end
        while (
            start < end - 1
            and (start in matched or doc[start].lower_ in gazetteer.person_titles)
            and clean_name(doc[start:end].text).casefold() not in known
        ):
            # "President Biden", "(Kingdom of) Jordan Ayman Safadi", "Sheikh Mohammed bin
            # Abdulrahman Al Thani" tagged whole: the title, the honorific and the country are
            # no part of the name ("Sheikh Mohammed" is then his first name, as said later)
            start += 1
        end = _widen(doc, end)
        while end > start + 1 and doc[end - 1].text in ("'s", "’s", "'"):
            end -= 1
        if any(
            m.entry.kind != "role" and m.start <= start and end <= m.end for m in matches
        ) and not _after_title(doc, start, roles, gazetteer):
            continue  # "Jordan" alone, tagged a person: the country
        spans.append((start, end, True))
        used.update(range(start, end))
    for match in roles.values():
        if match.end >= len(doc) or match.end in used:
            continue
        token = doc[match.end]
        if (
            token.pos_ == "PROPN"
            and token.text[:1].isupper()
            and _after_title(doc, match.end, roles, gazetteer)
        ):
            end = _widen(doc, match.end + 1)
            spans.append((match.end, end, False))
            used.update(range(match.end, end))
    return spans


def _widen(doc, end: int) -> int:
    """Over a proper noun NER left out of the name it ends: "Theresa" + "May" (a date)."""
    while (
        end < len(doc)
        and doc[end - 1].dep_ in ("compound", "flat")
        and doc[end - 1].head.i == end
        and doc[end].pos_ == "PROPN"
        and doc[end].text[:1].isupper()
        and doc[end].ent_type_ not in ("ORG", "GPE", "NORP")
    ):
        end += 1
    return end


def _after_title(doc, start: int, roles: dict[int, Match], gazetteer: Gazetteer) -> bool:
    """Does a person's title ("Foreign Minister", "Senator") stand right before a token and
    modify it?"""
    if start == 0:
        return False
    title = next((m for m in roles.values() if m.end == start), None)
    if title is None or doc[start - 1].head.i < start:
        return False
    words = " ".join(doc[title.start : title.end].text.split()).casefold()
    return words in gazetteer.person_titles or words.split()[-1] in gazetteer.person_titles


def _stands_for_person(token) -> bool:
    """A word that is also a country, month or common word, standing where a person can."""
    entity = entity_of(token)
    if entity is not None and entity.label_ in ("DATE", "TIME") and len(entity) > 1:
        return False  # "May 2023", "5 May"
    if any(child.dep_ == "nummod" or child.like_num for child in token.children):
        return False
    if token.dep_ == "poss":
        return token.head.lemma_.lower() not in PLACE_NOUNS  # "Jordan's border" is the country's
    if token.dep_ == "pobj":
        return token.head.lower_ in _PERSON_PREPOSITIONS
    return token.dep_ in _PERSON_DEPS


def _only_first_name(word: str, offset: int, people: list[_Person]) -> bool:
    """Is the word the first word of exactly one person the article named before it, and no
    person's last word?"""
    if any(p.last == word for p in people):
        return False
    named = [p for p in people if p.first == word and p.offsets and p.offsets[0] < offset]
    return len(named) == 1 and all(p.first != word or p in named for p in people)


def _person_for(
    word: str, offset: int, people: list[_Person], allow_first: bool
) -> tuple[str | None, int]:
    """The article's person a one-word name stands for, and how many it could be."""
    pool = [p for p in people if p.last == word]
    if not pool and allow_first:
        pool = [p for p in people if p.first == word]
    if not pool:
        return None, 0
    # several of the article's people bear the name: the one named in full most often before
    # it, and of those the first ("Gustavo Petro ... his son Nicolás Petro ... Petro said":
    # news names the principal first and the others in full)
    earlier = [p for p in pool if p.offsets[0] < offset]
    if earlier:
        chosen = max(earlier, key=lambda p: (sum(o < offset for o in p.offsets), -p.offsets[0]))
        return chosen.key, len(pool)
    return (pool[0].key, 1) if len(pool) == 1 else (None, len(pool))
