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

from collections import Counter
from dataclasses import dataclass, field, replace

from ..lexicons import City, Gazetteer, GazetteerEntry
from ..model import Actor, Mention
from .parse import Segment

_NOMINAL = {"NOUN", "PROPN", "PRON"}
_PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
_INTERNATIONAL_SECTORS = {"IGO", "NGO", "MNC"}
_LOCATIVE = {"in", "at", "near", "outside", "inside", "across", "around", "along", "within"}
_MODIFIER_DEPS = {"compound", "amod", "nmod", "poss", "nummod", "det", "case", "punct", "prep", "pobj",
                  "appos", "cc", "conj", "flat"}


@dataclass(frozen=True, slots=True)
class Match:
    start: int           # token indices in the segment's doc, end exclusive
    end: int
    entry: GazetteerEntry


@dataclass
class ActorIndex:
    """Mentions keyed by (segment number, head token index)."""

    by_head: dict[tuple[int, int], Mention] = field(default_factory=dict)
    # Second countries of coordinated modifiers ("US and Russian diplomats"), keyed by the
    # coordinated token; the events stage reads them as partners of the head's mention.
    partners: dict[tuple[int, int], Mention] = field(default_factory=dict)

    def get(self, segment_number: int, token_index: int) -> Mention | None:
        return self.by_head.get((segment_number, token_index))

    def partner(self, segment_number: int, token_index: int) -> Mention | None:
        return self.partners.get((segment_number, token_index)) or self.by_head.get((segment_number, token_index))

    @property
    def mentions(self) -> list[Mention]:
        return sorted(self.by_head.values(), key=lambda m: (m.start, m.end))


def find_matches(doc, gazetteer: Gazetteer) -> list[Match]:
    """Longest gazetteer phrases in a doc, left to right, without overlaps."""
    matches: list[Match] = []
    i, n = 0, len(doc)
    while i < n:
        found = None
        if doc[i].lower_ not in gazetteer.first_words and doc[i].lemma_.lower() not in gazetteer.phrases:
            i += 1
            continue
        for j in range(min(n, i + gazetteer.max_words), i, -1):
            text = doc[i:j].text
            entry = gazetteer.exact.get(text)
            if entry is None:
                entry = gazetteer.phrases.get(" ".join(text.split()).casefold())
                if entry is not None and entry.kind != "role" and not text[:1].isupper():
                    entry = None      # "turkey", "china", "chad" in lower case are not countries
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


class ActorResolver:
    def __init__(self, gazetteer: Gazetteer, cities: dict[str, City] | None = None):
        self.gazetteer = gazetteer
        self.cities = cities or {}

    def __call__(self, segments: list[Segment]) -> ActorIndex:
        matches = [find_matches(segment.doc, self.gazetteer) for segment in segments]
        covering = [{i: m for m in ms for i in range(m.start, m.end)} for ms in matches]
        people = self._people(segments, covering)
        index = ActorIndex()
        last_person: Mention | None = None
        for number, segment in enumerate(segments):
            for token in segment.doc:
                mention = self._resolve(number, segment, token, covering[number], people, last_person)
                if mention is None:
                    continue
                index.by_head[(number, token.i)] = mention
                if mention.kind == "person":
                    last_person = mention
                self._add_partners(index, number, segment, token, mention, covering[number])
        self._infer_countries(index, segments, matches)
        return index

    def _infer_countries(self, index: ActorIndex, segments: list[Segment], matches: list[list[Match]]) -> None:
        """Domestic actors named without a country ("police", "the interior ministry", "Prime
        Minister Irakli Garibashvili") belong to the country where the sentence places them
        ("in Tbilisi"), else to the country the article is about, when one clearly dominates."""
        counts = Counter(m.entry.country for ms in matches for m in ms
                         if m.entry.kind in ("country", "metonym", "place", "demonym") and m.entry.country)
        ranked = counts.most_common(2)
        focus = None
        if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] >= 1.5 * ranked[1][1]):
            focus = ranked[0][0]
        for key, mention in list(index.by_head.items()):
            actor = mention.actor
            if actor.country or not actor.sector or actor.sector in _INTERNATIONAL_SECTORS:
                continue
            number, token_index = key
            country = self._sentence_place(segments[number].doc[token_index].sent) or focus
            if country:
                index.by_head[key] = replace(mention, actor=replace(actor, country=country),
                                             kind=mention.kind + "_inferred")

    def _sentence_place(self, sentence) -> str | None:
        found = {self._place_country(e.text) for e in sentence.ents
                 if e.label_ in ("GPE", "LOC") and e.root.dep_ == "pobj" and e.root.head.lower_ in _LOCATIVE}
        found.discard(None)
        return found.pop() if len(found) == 1 else None

    def _place_country(self, name: str) -> str | None:
        key = " ".join(name.split()).casefold()
        entry = self.gazetteer.phrases.get(key) or self.gazetteer.exact.get(name)
        if entry is not None and entry.kind in ("country", "metonym", "place") and len(entry.country or "") == 3:
            return entry.country
        city = self.cities.get(key)
        return city.country if city else None

    def _add_partners(self, index: ActorIndex, number: int, segment: Segment, head, mention: Mention,
                      covering: dict[int, Match]) -> None:
        """"US and Russian diplomats": Russian is a partner actor with the head's sector."""
        for token in head.subtree:
            if token.dep_ != "conj" or token.i > head.i or token.head.dep_ not in ("nmod", "amod", "compound"):
                continue
            match = covering.get(token.i)
            if match is None or match.entry.kind not in ("country", "demonym", "metonym", "organization"):
                continue
            start, end = segment.char_span(token.i, token.i + 1)
            actor = Actor(match.entry.name, match.entry.country, mention.actor.sector)
            index.partners[(number, token.i)] = Mention(start, end, token.text, actor, match.entry.kind, start)

    # -- people named in the article, with the role and country given where they are introduced
    def _people(self, segments: list[Segment], covering: list[dict[int, Match]]) -> dict[str, Actor]:
        people: dict[str, Actor] = {}
        for number, segment in enumerate(segments):
            for entity in segment.doc.ents:
                if entity.label_ != "PERSON":
                    continue
                name = _clean_name(entity.text)
                country, sector = self._context(entity.root, covering[number], skip=range(entity.start, entity.end))
                known = people.get(name)
                if known and (known.country or not country):
                    continue
                actor = Actor(name, country, sector)
                people[name] = actor
                surname = name.split()[-1]
                if len(name.split()) > 1 and (surname not in people or not people[surname].country):
                    people[surname] = actor
        return people

    def _context(self, head, covering: dict[int, Match], skip=range(0)) -> tuple[str | None, str | None]:
        """Country and sector from the modifiers of a head: left subtree, appositions, "of X"."""
        country = sector = None
        tokens = [t for t in head.subtree if t.i <= head.i or t.dep_ in ("appos", "prep", "pobj")
                  and _within_modifiers(t, head)]
        for token in sorted(tokens, key=lambda t: abs(t.i - head.i)):
            if token.i in skip or token.dep_ == "conj" and token.head.i in covering:
                continue      # the second of coordinated countries is a partner, not this phrase's country
            match = covering.get(token.i)
            if match is None:
                continue
            entry = match.entry
            if entry.kind == "role":
                sector = sector or entry.sector
            else:
                country = country or entry.country
                if entry.kind in ("metonym", "organization") and entry.sector:
                    sector = sector or entry.sector
        return country, sector

    def _resolve(self, number: int, segment: Segment, token, covering: dict[int, Match],
                 people: dict[str, Actor], last_person: Mention | None) -> Mention | None:
        if token.pos_ not in _NOMINAL and token.i not in covering:
            return None
        match = covering.get(token.i)
        # Only the head of a phrase is resolved: inside a multi-word match, the last token heads it.
        if match and token.i != _match_head(segment.doc, match):
            return None
        if token.pos_ == "PRON":
            if token.lower_ in _PERSON_PRONOUNS and last_person is not None:
                start, end = segment.char_span(token.i, token.i + 1)
                return Mention(start, end, token.text, last_person.actor, "person", start)
            return None
        if token.dep_ in ("compound", "amod", "nmod", "poss") and token.head.pos_ in _NOMINAL \
                and token.head.i != token.i and not (match and match.entry.kind != "demonym"
                                                    and token.dep_ == "poss"):
            return None       # a modifier ("Russian" in "Russian troops") belongs to its head's phrase
        start_token = _phrase_start(token)
        start, end = segment.char_span(start_token, token.i + 1)
        text = segment.doc.text[start - segment.offset:end - segment.offset]
        head_offset = segment.offset + token.idx
        if token.ent_type_ == "PERSON" and not match:
            entity = next(e for e in segment.doc.ents if e.start <= token.i < e.end)
            name = _clean_name(entity.text)
            actor = people.get(name) or people.get(name.split()[-1]) or Actor(name)
            country, sector = self._context(token, covering, skip=range(entity.start, entity.end))
            actor = Actor(actor.name, country or actor.country, sector or actor.sector)
            return Mention(start, end, text, actor, "person", head_offset)
        country, sector = self._context(token, covering)
        if match and match.entry.kind in ("country", "metonym", "place", "organization"):
            entry = match.entry
            country = entry.country
            sector = sector if entry.kind == "country" else entry.sector or sector
            name = entry.name if entry.kind != "place" else segment.doc[match.start:match.end].text
            return Mention(start, end, text, Actor(name, country, sector), entry.kind, head_offset)
        if match and match.entry.kind == "demonym":
            # "the Russians", "Ukrainians": people of that country
            return Mention(start, end, text, Actor(match.entry.name, match.entry.country, sector),
                           "demonym", head_offset)
        if sector:
            return Mention(start, end, text, Actor(_strip_determiner(text), country, sector), "role",
                           head_offset)
        if country:
            # "further Russian aggression", "Armenian positions": the country itself
            return Mention(start, end, text, Actor(self.gazetteer.country_names.get(country, country), country),
                           "modifier", head_offset)
        if token.pos_ == "PROPN" and token.ent_type_ in ("ORG", "NORP", "GPE", "LOC", "FAC"):
            entity = next((e for e in segment.doc.ents if e.start <= token.i < e.end), None)
            name = entity.text if entity is not None else token.text
            city = self.cities.get(" ".join(_strip_determiner(name).split()).casefold())
            if city is not None and token.ent_type_ in ("GPE", "LOC", "ORG"):
                # a town stands for its country: "shelled the town of Jermuk" targets Armenia
                return Mention(start, end, text, Actor(city.name, city.country, None), "place", head_offset)
            return Mention(start, end, text, Actor(_strip_determiner(name)), "name", head_offset)
        return None


def _match_head(doc, match: Match) -> int:
    span = doc[match.start:match.end]
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
    while start < token.i and (doc[start].pos_ in ("DET", "PUNCT") or doc[start].dep_ in ("cc", "prep")):
        start += 1
    return start


def _strip_determiner(text: str) -> str:
    words = text.split()
    if words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def _clean_name(text: str) -> str:
    text = text.strip()
    if text.endswith("'s"):
        text = text[:-2]
    return " ".join(text.split())
