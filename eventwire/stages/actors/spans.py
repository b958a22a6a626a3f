"""The pieces every actor module shares: gazetteer matches in a parse, what a head's modifiers
say, the noun phrase a head ends, and small token helpers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...lexicons import Gazetteer, GazetteerEntry
from ...model import Actor, Mention, Problem
from ..parse import Segment

if TYPE_CHECKING:
    from spacy.tokens import Token

NOMINAL = {"NOUN", "PROPN", "PRON"}
PLACE_NOUNS = {
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
LOCATIVE = {"in", "at", "near", "outside", "inside", "across", "around", "along", "within"}
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
    # The parties of an agreement the text names without them ("welcomed the agreement"): the
    # two countries the article is about, keyed by the agreement noun; the events stage takes
    # them as the targets of support for it. Never actors of their own.
    parties: dict[tuple[int, int], tuple[Mention, Mention]] = field(default_factory=dict)
    # For "the two sides" and its kind: the countries named so far, most likely pair first,
    # so that a third party acting on "the two ministers" is never one of them.
    pair_ranking: dict[tuple[int, int], tuple[Mention, ...]] = field(default_factory=dict)
    # The other states of a group named again by number ("France, Germany and Britain ... the
    # three countries"), keyed by the noun; the first is the noun's own mention
    groups: dict[tuple[int, int], tuple[Mention, ...]] = field(default_factory=dict)
    # The two states the lead names together ("Thailand and Cambodia agreed ...", "the
    # Armenian-Azerbaijani border"): the two sides of the article, each by its first mention;
    # None when the lead names no such pair.
    sides: tuple[Mention, Mention] | None = None

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
    # each token's attributes read once: a Doc hands out a new Token on every index
    tokens = list(doc)
    words = [t.text for t in tokens]
    spaces = [t.whitespace_ for t in tokens]
    lowers = [t.lower_ for t in tokens]
    lemmas = [t.lemma_.lower() for t in tokens]
    matches: list[Match] = []
    i, n = 0, len(tokens)
    while i < n:
        found = None
        if lowers[i] not in gazetteer.first_words and lemmas[i] not in gazetteer.phrases:
            i += 1
            continue
        last = min(n, i + gazetteer.max_words)
        # the phrase texts from i, as Doc[i:j].text has them (no trailing space)
        texts, text = [], ""
        for k in range(i, last):
            texts.append(text + words[k])
            text += words[k] + spaces[k]
        for j in range(last, i, -1):
            text = texts[j - i - 1]
            entry = gazetteer.exact.get(text)
            if entry is None:
                entry = gazetteer.phrases.get(" ".join(text.split()).casefold())
                if (
                    entry is not None
                    and entry.kind not in ("role", "region")
                    and not text[:1].isupper()
                ):
                    entry = None  # "turkey", "china", "chad" in lower case are not countries
                if entry is None and j == i + 1 and tokens[i].pos_ == "NOUN":
                    entry = gazetteer.phrases.get(tokens[i].lemma_.casefold())
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
class Context:
    """What the modifiers of a head say: "US Secretary of State" -> USA, GOV and the role
    "Secretary of State"; "European officials" -> a region, so no country."""

    country: str | None = None
    sector: str | None = None
    role: str | None = None  # the role words as written ("Secretary of State", "president")
    is_regional: bool = False  # a region or group of states modifies the head


@dataclass(frozen=True, slots=True)
class PersonRecord:
    actor: Actor
    evidence: str
    role: str | None
    offset: int


@dataclass(frozen=True, slots=True)
class Phrase:
    """The noun phrase a head token ends, in article offsets."""

    start: int
    end: int
    text: str
    head: int  # where the head token starts

    @classmethod
    def of(cls, segment: Segment, token: Token) -> Phrase:
        head, _ = segment.char_span(token.i, token.i + 1)
        first = phrase_start(token)
        start, end = segment.char_span(first, token.i + 1)
        # the span's own text: ``Doc.text`` joins the whole paragraph on every call
        return cls(start, end, segment.doc[first : token.i + 1].text, head)

    def mention(self, actor: Actor, kind: str, evidence: str) -> Mention:
        return Mention(self.start, self.end, self.text, actor, kind, self.head, evidence)


def entity_of(token):
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


def match_head(doc, match: Match) -> int:
    span = doc[match.start : match.end]
    return span.root.i


def within_modifiers(token, head) -> bool:
    """A right-hand token still describing the head: "the government of Ukraine", appositions."""
    node = token
    while node.i != head.i:
        if node.dep_ not in _MODIFIER_DEPS:
            return False
        if node.dep_ == "prep" and node.lower_ not in ("of", "for", "from"):
            return False
        node = node.head
    return True


def phrase_start(token) -> int:
    start = token.left_edge.i
    doc = token.doc
    while start < token.i and (
        doc[start].pos_ in ("DET", "PUNCT") or doc[start].dep_ in ("cc", "prep")
    ):
        start += 1
    return start


def strip_determiner(text: str) -> str:
    words = text.split()
    if words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def clean_name(text: str) -> str:
    text = text.strip()
    text = text.removesuffix("'s").removesuffix("’s")
    return " ".join(text.split())
