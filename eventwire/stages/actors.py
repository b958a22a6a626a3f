"""Resolve noun phrases to coded actors.

In: the parsed segments of one article and the gazetteer. Out: an ``ActorIndex``
mapping the head token of every actor noun phrase to a ``Mention``.

Rules, in order: the text first, the gazetteer second. A noun phrase takes its
country from a country name, demonym, capital or metonym inside it ("Russian
troops", "Ukraine's parliament", "the Kremlin") and its sector from a role noun
("troops" → MIL, "Secretary of State" → GOV) or the metonym. A person named with a
role ("US Secretary of State Antony Blinken") is remembered for the article, so a
later "Blinken" or "he" gets the same actor (a first, surname-and-pronoun coreference).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..lexicons import City, Gazetteer, GazetteerEntry, Office, PeopleRegistry, Person
from ..model import Actor, Mention, Problem
from .parse import Segment

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_NOMINAL = {"NOUN", "PROPN", "PRON"}
_PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
_PLACE_NOUNS = {
    "street",
    "square",
    "road",
    "border",
    "frontier",
    "territory",
    "soil",
    "coast",
    "airspace",
    "water",
    "side",
    "region",
    "area",
    "town",
    "city",
    "village",
    "capital",
    "outskirts",
    "centre",
    "center",
    "district",
    "suburb",
    "province",
    "neighbourhood",
    "neighborhood",
}
_PAIR_NOUNS = {"side", "country", "nation", "government", "party", "neighbour", "neighbor", "state"}
_INTERNATIONAL_SECTORS = {"IGO", "NGO", "MNC"}
_LOCATIVE = {"in", "at", "near", "outside", "inside", "across", "around", "along", "within"}
_MODIFIER_DEPS = {
    "compound",
    "amod",
    "nmod",
    "poss",
    "nummod",
    "det",
    "case",
    "punct",
    "prep",
    "pobj",
    "appos",
    "cc",
    "conj",
    "flat",
}


@dataclass(frozen=True, slots=True)
class Match:
    start: int  # token indices in the segment's doc, end exclusive
    end: int
    entry: GazetteerEntry


@dataclass
class ActorIndex:
    """Mentions keyed by (segment number, head token index)."""

    by_head: dict[tuple[int, int], Mention] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # Offices the text gives people that the registry dates: (start, end or None, "who as what"),
    # evidence for an article's missing date.
    tenures: list[tuple[dt.date, dt.date | None, str]] = field(default_factory=list)
    # Second countries of coordinated modifiers ("US and Russian diplomats"), keyed by the
    # coordinated token; the events stage reads them as partners of the head's mention.
    partners: dict[tuple[int, int], Mention] = field(default_factory=dict)

    def get(self, segment_number: int, token_index: int) -> Mention | None:
        return self.by_head.get((segment_number, token_index))

    def partner(self, segment_number: int, token_index: int) -> Mention | None:
        return self.partners.get((segment_number, token_index)) or self.by_head.get(
            (segment_number, token_index)
        )

    @property
    def mentions(self) -> list[Mention]:
        return sorted(self.by_head.values(), key=lambda m: (m.start, m.end))


def find_matches(doc, gazetteer: Gazetteer) -> list[Match]:
    """Longest gazetteer phrases in a doc, left to right, without overlaps."""
    matches: list[Match] = []
    i, n = 0, len(doc)
    while i < n:
        found = None
        if (
            doc[i].lower_ not in gazetteer.first_words
            and doc[i].lemma_.lower() not in gazetteer.phrases
        ):
            i += 1
            continue
        for j in range(min(n, i + gazetteer.max_words), i, -1):
            text = doc[i:j].text
            entry = gazetteer.exact.get(text)
            if entry is None:
                entry = gazetteer.phrases.get(" ".join(text.split()).casefold())
                if entry is not None and entry.kind != "role" and not text[:1].isupper():
                    entry = None  # "turkey", "china", "chad" in lower case are not countries
                if entry is None and j == i + 1 and doc[i].pos_ == "NOUN":
                    entry = gazetteer.phrases.get(doc[i].lemma_.casefold())
                    entry = entry if entry is not None and entry.kind == "role" else None
            if entry is not None:
                found = Match(i, j, entry)
                break
        if found:
            matches.append(found)
            i = found.end
        else:
            i += 1
    return matches


@dataclass(frozen=True, slots=True)
class _Context:
    """What the modifiers of a head say: "US Secretary of State" -> USA, GOV and the role
    "Secretary of State"."""

    country: str | None = None
    sector: str | None = None
    role: str | None = None  # the role words as written ("Secretary of State", "president")


@dataclass(frozen=True, slots=True)
class _PersonRecord:
    actor: Actor
    evidence: str
    role: str | None
    offset: int


class ActorResolver:
    def __init__(
        self,
        gazetteer: Gazetteer,
        cities: dict[str, City] | None = None,
        people: PeopleRegistry | None = None,
    ):
        self.gazetteer = gazetteer
        self.cities = cities or {}
        self.people = people

    def __call__(self, segments: list[Segment], date: dt.date | None = None) -> ActorIndex:
        matches = [find_matches(segment.doc, self.gazetteer) for segment in segments]
        covering = [{i: m for m in ms for i in range(m.start, m.end)} for ms in matches]
        index = ActorIndex()
        people = self._people(segments, covering, date, index)
        recent: list[_PersonRecord] = []  # persons mentioned so far, for pronouns and descriptions
        countries: list[Mention] = []  # countries mentioned so far, for "the two sides"
        for number, segment in enumerate(segments):
            for token in segment.doc:
                mention = self._resolve(
                    number, segment, token, covering[number], people, recent, date
                )
                if token.lemma_.lower() in _PAIR_NOUNS and any(
                    c.lower_ in ("two", "both") for c in token.children
                ):
                    pair = _last_pair(countries)
                    if pair:
                        # "the two sides", "both countries": the last two countries named
                        first = _phrase_start(token)
                        start, end = segment.char_span(first, token.i + 1)
                        text = segment.doc[first : token.i + 1].text
                        evidence = (
                            f"coreference: {text} -> {pair[0].actor.name} and {pair[1].actor.name}"
                        )
                        mention = Mention(start, end, text, pair[0].actor, "pair", start, evidence)
                        index.partners[(number, token.i)] = replace(mention, actor=pair[1].actor)
                if mention is None:
                    continue
                index.by_head[(number, token.i)] = mention
                if mention.kind == "person":
                    known = people.get(mention.actor.name)
                    recent.append(
                        _PersonRecord(
                            mention.actor,
                            mention.evidence,
                            known.role if known else None,
                            mention.start,
                        )
                    )
                if (
                    mention.kind != "pair"
                    and self.gazetteer.is_state(mention.actor.country)
                    and not mention.kind.endswith("_inferred")
                ):
                    countries.append(mention)
                self._add_partners(index, number, segment, token, mention, covering[number])
        self._infer_countries(index, segments, matches)
        return index

    # -- people named in the article, with the role and country given where they are introduced
    def _people(
        self,
        segments: list[Segment],
        covering: list[dict[int, Match]],
        date: dt.date | None,
        index: ActorIndex,
    ) -> dict[str, _PersonRecord]:
        people: dict[str, _PersonRecord] = {}
        for number, segment in enumerate(segments):
            for entity in segment.doc.ents:
                if entity.label_ != "PERSON":
                    continue
                name = _clean_name(entity.text)
                context = self._context(
                    entity.root, covering[number], skip=range(entity.start, entity.end)
                )
                known = people.get(name)
                if known and (known.actor.country or not context.country):
                    continue
                record = self._person(
                    name, context, date, segment.offset + entity.start_char, index
                )
                people[name] = record
                people.setdefault(record.actor.name, record)
                for full in {name, record.actor.name}:
                    surname = full.split()[-1]
                    if len(full.split()) > 1 and (
                        surname not in people or not people[surname].actor.country
                    ):
                        people[surname] = record
        return people

    def _person(
        self, name: str, context: _Context, date: dt.date | None, offset: int, index: ActorIndex
    ) -> _PersonRecord:
        """The text says who someone is; the registry fills in what it leaves out, at the
        article's date."""
        person, office = self._registry_person(name, date)
        if person is None:
            evidence = f"in-text role: {context.role}" if context.role else "named in the text"
            return _PersonRecord(
                Actor(name, context.country, context.sector), evidence, context.role, offset
            )
        if context.role and date is not None:
            self._check_role(name, person, office, context, date, offset, index)
        held = [
            o
            for o in person.offices
            if context.role and o.has_title(context.role) and not o.uncertain
        ]
        if held:
            start = min(o.start for o in held)
            end = None if any(o.end is None for o in held) else max(o.end for o in held)
            until = end.strftime("%Y-%m") if end else "now"
            index.tenures.append(
                (start, end, f"{person.name} as {held[0].title} ({start:%Y-%m}..{until})")
            )
        country = context.country or (office.country if office else person.country)
        sector = context.sector or (office.sector if office else None)
        parts = [f"registry: {person.name}" + (f", {office.describe()}" if office else "")]
        if context.role or context.country:
            parts.insert(
                0, "in-text role: " + " ".join(x for x in (context.country, context.role) if x)
            )
        return _PersonRecord(
            Actor(person.name, country, sector),
            "; ".join(parts),
            context.role or (office.title if office else None),
            offset,
        )

    def _registry_person(self, name: str, date: dt.date | None):
        if self.people is None:
            return None, None
        candidates = self.people.find(name)
        if not candidates:
            return None, None
        if date is not None:
            in_office = [
                (p, p.office_on(date)) for p in candidates if p.office_on(date) is not None
            ]
            if len(in_office) == 1:
                return in_office[0]
        if len(candidates) == 1:
            return candidates[0], candidates[0].office_on(date) or candidates[0].office_on(None)
        return None, None

    def _check_role(
        self,
        name: str,
        person: Person,
        office: Office | None,
        context: _Context,
        date: dt.date,
        offset: int,
        index: ActorIndex,
    ) -> None:
        """ "US Secretary of State Biden" in January 2022: the office was Blinken's, Biden was
        President."""
        role = context.role or ""
        if office is not None and office.has_title(role):
            return
        if any(o.has_title(role) and o.held_on(date, loose=True) for o in person.offices):
            return
        holders = (
            [
                (p, o)
                for p, o in self.people.holders(role, context.country or person.country, date)
                if p.name != person.name
            ]
            if self.people
            else []
        )
        if not holders:
            return
        holder, held = holders[0]
        what = (
            f"was {office.title} ({office.country})"
            if office
            else "held no office in the registry then"
        )
        message = (
            f"the text calls {name} {' '.join(x for x in (context.country, role) if x)}, but on "
            f"{date.isoformat()} that office was held by {holder.name} ({held.describe()}); "
            f"{person.name} {what}. The actor is coded by the office in the text."
        )
        index.problems.append(
            Problem("role_conflict", message, None, "actors", (offset, offset + len(name)))
        )

    def _context(self, head, covering: dict[int, Match], skip=range(0)) -> _Context:
        """Country, sector and role words from the modifiers of a head: its left subtree,
        appositions, "of X"."""
        country = sector = role = None
        tokens = [
            t
            for t in head.subtree
            if t.i <= head.i or t.dep_ in ("appos", "prep", "pobj") and _within_modifiers(t, head)
        ]
        for token in sorted(tokens, key=lambda t: abs(t.i - head.i)):
            if token.i in skip or token.dep_ == "conj" and token.head.i in covering:
                # the second of coordinated countries is a partner, not this phrase's country
                continue
            match = covering.get(token.i)
            if match is None:
                continue
            entry = match.entry
            if entry.kind == "role":
                if sector is None:
                    sector, role = entry.sector, head.doc[match.start : match.end].text
            else:
                country = country or entry.country
                # "Yerevan's accusation", "EU sanctions" stand for the government or body, but
                # "the streets of Tbilisi" are no government: places take only the country
                if (
                    entry.kind in ("metonym", "organization")
                    and entry.sector
                    and head.lemma_.lower() not in _PLACE_NOUNS
                ):
                    sector = sector or entry.sector
        return _Context(country, sector, role)

    def _resolve(
        self,
        number: int,
        segment: Segment,
        token: Token,
        covering: dict[int, Match],
        people: dict[str, _PersonRecord],
        recent: list[_PersonRecord],
        date: dt.date | None,
    ) -> Mention | None:
        """The mention a token heads, if any: a pronoun, a person, a gazetteer phrase, a role,
        a country modifier or a name, tried in that order."""
        if token.pos_ not in _NOMINAL and token.i not in covering:
            return None
        match = covering.get(token.i)
        # Only the head of a phrase is resolved: inside a multi-word match, the last token heads it.
        if match and token.i != _match_head(segment.doc, match):
            return None
        if token.pos_ == "PRON":
            return _pronoun_mention(segment, token, recent)
        if (
            token.dep_ in ("compound", "amod", "nmod")
            and token.head.pos_ in _NOMINAL
            and token.head.i != token.i
        ):
            return None  # a modifier ("Russian" in "Russian troops") belongs to its head's phrase
        if token.dep_ == "poss" and match is not None and match.entry.kind == "demonym":
            return None  # "Russian's" is not said; a demonym possessor is a modifier
        phrase = _Phrase.of(segment, token)
        entity = _person_entity(token, match, people)
        if entity is not None:
            return self._person_mention(phrase, segment, token, entity, covering, people, date)
        context = self._context(token, covering)
        if match and match.entry.kind in ("country", "metonym", "place", "organization"):
            return self._gazetteer_mention(phrase, segment, match, context)
        if match and match.entry.kind == "demonym":
            # "the Russians", "Ukrainians": people of that country
            actor = Actor(match.entry.name, match.entry.country, context.sector)
            return phrase.mention(actor, "demonym", f"gazetteer: demonym {token.text!r}")
        if context.sector:
            described = self._described_person(token, context, recent, date)
            if described is not None:
                actor, evidence = described
                return phrase.mention(actor, "person", evidence)
            actor = Actor(_strip_determiner(phrase.text), context.country, context.sector)
            return phrase.mention(actor, "role", f"in-text role: {context.role}")
        if context.country:
            # "further Russian aggression", "Armenian positions": the country itself
            name = self.gazetteer.country_names.get(context.country, context.country)
            actor = Actor(name, context.country)
            return phrase.mention(actor, "modifier", "gazetteer: country modifier")
        if token.pos_ == "PROPN" and token.ent_type_ in ("ORG", "NORP", "GPE", "LOC", "FAC"):
            return self._name_mention(phrase, token)
        return None

    def _person_mention(
        self,
        phrase: _Phrase,
        segment: Segment,
        token: Token,
        entity: Span,
        covering: dict[int, Match],
        people: dict[str, _PersonRecord],
        date: dt.date | None,
    ) -> Mention:
        """A person: the one the article introduced under that name or surname, else the
        registry's; modifiers here may add a country or sector."""
        name = _clean_name(entity.text)
        record = people.get(name) or people.get(name.split()[-1])
        if record is None:
            record = self._person(name, _Context(), date, phrase.start, ActorIndex())
        context = self._context(token, covering, skip=range(entity.start, entity.end))
        actor = Actor(
            record.actor.name,
            context.country or record.actor.country,
            context.sector or record.actor.sector,
        )
        is_introduction = segment.offset + entity.start_char == record.offset
        evidence = (
            record.evidence
            if is_introduction
            else f"coreference: {name} -> {record.actor.name} ({record.evidence})"
        )
        return phrase.mention(actor, "person", evidence)

    def _gazetteer_mention(
        self, phrase: _Phrase, segment: Segment, match: Match, context: _Context
    ) -> Mention:
        """A country, metonym, place or organization the gazetteer knows."""
        entry = match.entry
        # a national society of an international body: "the Egyptian Red Crescent" is Egyptian
        country = (
            context.country
            if entry.kind == "organization"
            and entry.sector == "NGO"
            and self.gazetteer.is_state(context.country)
            else entry.country
        )
        sector = context.sector if entry.kind == "country" else entry.sector or context.sector
        written = segment.doc[match.start : match.end].text
        name = entry.name if entry.kind != "place" else written
        return phrase.mention(
            Actor(name, country, sector), entry.kind, f"gazetteer: {entry.kind} {written!r}"
        )

    def _name_mention(self, phrase: _Phrase, token: Token) -> Mention:
        """A proper name outside the gazetteer: a known city stands for its country."""
        entity = _entity_of(token)
        name = entity.text if entity is not None else token.text
        city = self.cities.get(" ".join(_strip_determiner(name).split()).casefold())
        if city is not None and token.ent_type_ in ("GPE", "LOC", "ORG"):
            # a town stands for its country: "shelled the town of Kharkiv" targets Ukraine
            return phrase.mention(
                Actor(city.name, city.country, None),
                "place",
                f"gazetteer: city {city.name} in {city.country}",
            )
        return phrase.mention(
            Actor(_strip_determiner(name)), "name", "named in the text, not in the gazetteer"
        )

    def _described_person(
        self, token, context: _Context, recent: list[_PersonRecord], date: dt.date | None
    ) -> tuple[Actor, str] | None:
        """ "the president", "the US chief diplomat", "his Ukrainian colleague": one person.

        A singular title with a definite determiner or a possessive names the last person
        the article introduced with a matching title (and country, when the description
        gives one); failing that, the registry's holder of that office on the article date.
        """
        if token.tag_ in ("NNS", "NNPS") or not context.role or context.sector != "GOV":
            return None
        determined = any(
            c.dep_ in ("det", "poss") and c.lower_ in ("the", "his", "her", "their", "its")
            for c in token.children
        )
        if not determined:
            return None
        words = set(context.role.casefold().split())
        diplomat = bool(words & {"diplomat", "colleague", "counterpart"})
        for record in reversed(recent):
            title = (record.role or "").casefold()
            if (
                words & set(title.replace(",", " ").split())
                or diplomat
                and _DIPLOMAT_TITLES.search(title)
            ) and (context.country is None or record.actor.country == context.country):
                return record.actor, f"coreference: {token.text} -> {record.actor.name}"
        if self.people is not None and context.country and date is not None:
            holders = self.people.holders(context.role, context.country, date)
            if len(holders) == 1:
                person, office = holders[0]
                return (
                    Actor(person.name, office.country, office.sector),
                    f"registry: holder of {office.describe()} on {date.isoformat()}",
                )
        return None

    def _add_partners(
        self,
        index: ActorIndex,
        number: int,
        segment: Segment,
        head,
        mention: Mention,
        covering: dict[int, Match],
    ) -> None:
        """ "US and Russian diplomats": Russian is a partner actor with the head's sector."""
        for token in head.subtree:
            if (
                token.dep_ != "conj"
                or token.i > head.i
                or token.head.dep_ not in ("nmod", "amod", "compound")
            ):
                continue
            match = covering.get(token.i)
            if match is None or match.entry.kind not in (
                "country",
                "demonym",
                "metonym",
                "organization",
            ):
                continue
            start, end = segment.char_span(token.i, token.i + 1)
            actor = Actor(match.entry.name, match.entry.country, mention.actor.sector)
            index.partners[(number, token.i)] = Mention(
                start,
                end,
                token.text,
                actor,
                match.entry.kind,
                start,
                f"gazetteer: coordinated {match.entry.kind}",
            )

    def _infer_countries(
        self, index: ActorIndex, segments: list[Segment], matches: list[list[Match]]
    ) -> None:
        """Domestic actors named without a country ("police", "the interior ministry", "Prime
        Minister Irakli Garibashvili") belong to the country where the sentence places them
        ("in Tbilisi"), else to the country the article is about, when one clearly dominates."""
        counts = Counter(
            m.entry.country
            for ms in matches
            for m in ms
            if m.entry.kind in ("country", "metonym", "place", "demonym") and m.entry.country
        )
        ranked = counts.most_common(2)
        focus = None
        if (
            ranked
            and ranked[0][1] >= 2
            and (len(ranked) == 1 or ranked[0][1] >= 1.5 * ranked[1][1])
        ):
            focus = ranked[0][0]
        places: dict[tuple[int, int], str | None] = {}  # by (segment, sentence start)
        for key, mention in sorted(index.by_head.items(), key=lambda item: item[1].start):
            actor = mention.actor
            if actor.country or not actor.sector or actor.sector in _INTERNATIONAL_SECTORS:
                continue
            number, token_index = key
            earlier = self._same_body_before(index, mention, segments[number].doc[token_index])
            if earlier is not None:
                index.by_head[key] = replace(
                    mention,
                    actor=earlier.actor,
                    evidence=(
                        f"coreference: {mention.text} -> {earlier.text} ({earlier.actor.country})"
                    ),
                )
                continue
            sentence = segments[number].doc[token_index].sent
            if (number, sentence.start) not in places:
                places[(number, sentence.start)] = self._sentence_place(sentence)
            place = places[(number, sentence.start)]
            country = place or focus
            if country:
                how = (
                    "the place named in the sentence"
                    if place
                    else "the country the article is mostly about"
                )
                index.by_head[key] = replace(
                    mention,
                    actor=replace(actor, country=country),
                    kind=mention.kind + "_inferred",
                    evidence=f"{mention.evidence}; country from {how}",
                )

    @staticmethod
    def _same_body_before(index: ActorIndex, mention: Mention, token) -> Mention | None:
        """ "the ministry" after "the defence ministry in Yerevan": the last earlier mention of a
        body with the same head noun and a country."""
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            return None
        head = mention.actor.name.casefold().split()[-1:]
        candidates = [
            m
            for m in index.by_head.values()
            if m.start < mention.start
            and m.actor.country
            and m.actor.name.casefold().split()[-1:] == head
        ]
        return max(candidates, key=lambda m: m.start, default=None)

    def _sentence_place(self, sentence) -> str | None:
        found = {
            self._place_country(e.text)
            for e in sentence.ents
            if e.label_ in ("GPE", "LOC")
            and e.root.dep_ == "pobj"
            and e.root.head.lower_ in _LOCATIVE
        }
        found.discard(None)
        return found.pop() if len(found) == 1 else None

    def _place_country(self, name: str) -> str | None:
        key = " ".join(name.split()).casefold()
        entry = self.gazetteer.phrases.get(key) or self.gazetteer.exact.get(name)
        if (
            entry is not None
            and entry.kind in ("country", "metonym", "place")
            and len(entry.country or "") == 3
        ):
            return entry.country
        city = self.cities.get(key)
        return city.country if city else None


@dataclass(frozen=True, slots=True)
class _Phrase:
    """The noun phrase a head token ends, in article offsets."""

    start: int
    end: int
    text: str
    head: int  # where the head token starts

    @classmethod
    def of(cls, segment: Segment, token: Token) -> _Phrase:
        head, _ = segment.char_span(token.i, token.i + 1)
        first = _phrase_start(token)
        start, end = segment.char_span(first, token.i + 1)
        # the span's own text: ``Doc.text`` joins the whole paragraph on every call
        return cls(start, end, segment.doc[first : token.i + 1].text, head)

    def mention(self, actor: Actor, kind: str, evidence: str) -> Mention:
        return Mention(self.start, self.end, self.text, actor, kind, self.head, evidence)


def _pronoun_mention(segment: Segment, token: Token, recent: list[_PersonRecord]) -> Mention | None:
    """ "he", "her": the last person the article named."""
    if token.lower_ not in _PERSON_PRONOUNS or not recent:
        return None
    start, end = segment.char_span(token.i, token.i + 1)
    antecedent = recent[-1]
    evidence = f"coreference: {token.text} -> {antecedent.actor.name}"
    return Mention(start, end, token.text, antecedent.actor, "person", start, evidence)


def _person_entity(
    token: Token, match: Match | None, people: dict[str, _PersonRecord]
) -> Span | None:
    """The person's name a token is in: NER says so, or NER mislabels a surname the article
    already introduced ("Lavrov said")."""
    entity = _entity_of(token)
    if entity is None or match:
        return None
    if token.ent_type_ == "PERSON" or token.pos_ == "PROPN" and _clean_name(entity.text) in people:
        return entity
    return None


_DIPLOMAT_TITLES = re.compile(
    r"foreign minister|secretary of state|foreign secretary|foreign affairs|"
    r"top diplomat|chief diplomat"
)


def _last_pair(countries: list[Mention]) -> tuple[Mention, Mention] | None:
    """The two most recently mentioned distinct countries, in order of first mention."""
    seen: list[Mention] = []
    for mention in reversed(countries):
        if all(m.actor.country != mention.actor.country for m in seen):
            seen.append(mention)
        if len(seen) == 2:
            return seen[1], seen[0]
    return None


def _entity_of(token):
    """The named entity a token is in, read off its IOB tags (doc.ents builds a tuple per call)."""
    if not token.ent_type_:
        return None
    doc = token.doc
    start, end = token.i, token.i + 1
    while doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def _match_head(doc, match: Match) -> int:
    span = doc[match.start : match.end]
    return span.root.i


def _within_modifiers(token, head) -> bool:
    """A right-hand token still describing the head: "the government of Ukraine", appositions."""
    node = token
    while node.i != head.i:
        if node.dep_ not in _MODIFIER_DEPS:
            return False
        if node.dep_ == "prep" and node.lower_ not in ("of", "for", "from"):
            return False
        node = node.head
    return True


def _phrase_start(token) -> int:
    start = token.left_edge.i
    doc = token.doc
    while start < token.i and (
        doc[start].pos_ in ("DET", "PUNCT") or doc[start].dep_ in ("cc", "prep")
    ):
        start += 1
    return start


def _strip_determiner(text: str) -> str:
    words = text.split()
    if words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def _clean_name(text: str) -> str:
    text = text.strip()
    text = text.removesuffix("'s")
    return " ".join(text.split())
