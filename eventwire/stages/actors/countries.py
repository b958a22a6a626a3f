"""Countries the text gives actors beyond their own words.

Coordinated modifiers ("US and Russian diplomats": Russian is a partner), domestic actors
named without a country ("police", "the interior ministry": the country where the sentence
places them, else the one the article is about), and "the two sides" (the last two countries
named). A group a region modifies ("European officials") keeps no country.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from ...lexicons import City, Gazetteer
from ...model import Actor, Mention
from ..parse import Segment
from .registry import UNCERTAIN
from .spans import LOCATIVE, ActorIndex, Match, Phrase

INTERNATIONAL_SECTORS = {"IGO", "NGO", "MNC"}


class CountryFinder:
    def __init__(self, gazetteer: Gazetteer, cities: dict[str, City]):
        self.gazetteer = gazetteer
        self.cities = cities

    def add_partners(
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

    def infer_countries(
        self,
        index: ActorIndex,
        segments: list[Segment],
        matches: list[list[Match]],
        regional: set[tuple[int, int]],
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
            if (
                actor.country
                or not actor.sector
                or actor.sector in INTERNATIONAL_SECTORS
                or key in regional
                or mention.kind == "person"
            ):
                # "European officials" are no one country's; a person named with a title but no
                # country ("President Obama in Havana") is not the country he visits
                continue
            number, token_index = key
            token = segments[number].doc[token_index]
            fronted = self._fronted_place(token.sent) if token.i < token.sent.root.i else None
            if fronted is not None:
                # "In Moscow, the defence ministry denied ...": the sentence sets the scene first,
                # and a ministry told of before in another capital is not this one
                index.by_head[key] = replace(
                    mention,
                    actor=replace(actor, country=fronted),
                    kind=mention.kind + "_inferred",
                    evidence=(
                        f"{mention.evidence}; {UNCERTAIN}: country from the place that opens "
                        "the sentence"
                    ),
                )
                continue
            earlier = self._same_body_before(index, mention, token)
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
                    evidence=f"{mention.evidence}; {UNCERTAIN}: country from {how}",
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

    def _fronted_place(self, sentence) -> str | None:
        """The country of a place that opens the sentence before a comma ("In Moscow, ...",
        "In Washington, ..."), else None."""
        if len(sentence) < 4 or sentence[0].lower_ != "in":
            return None
        comma = next((t for t in sentence[1:6] if t.text == ","), None)
        if comma is None:
            return None
        words = sentence.doc[sentence.start + 1 : comma.i]
        if not words or any(t.ent_type_ not in ("GPE", "LOC") for t in words):
            return None
        return self._place_country(words.text)

    def _sentence_place(self, sentence) -> str | None:
        found = {
            self._place_country(e.text)
            for e in sentence.ents
            if e.label_ in ("GPE", "LOC")
            and e.root.dep_ == "pobj"
            and e.root.head.lower_ in LOCATIVE
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


def ranked_countries(countries: list[Mention]) -> list[Mention]:
    """The last mention of each country named, the most named first (ties: the latest)."""
    counts = Counter(m.actor.country for m in countries)
    last: dict[str | None, Mention] = {m.actor.country: m for m in countries}
    ranked = sorted(counts, key=lambda c: (counts[c], last[c].start), reverse=True)
    return [last[c] for c in ranked]


def last_pair(
    countries: list[Mention], lead: tuple[str, str] | None = None
) -> tuple[Mention, Mention] | None:
    """The two countries "the two sides" are: the two the lead names together ("Thailand and
    Cambodia agreed ...", ``lead``), else the two the article has named most so far when each
    was named at least twice ("Armenia" and "Azerbaijan" before a passing "France"), else the
    two most recently named of those named at least twice, the one named last second; early in
    an article, when no two were, the two most recently named, unless one country was named
    more often than the rest and several others in passing (then None)."""
    counts = Counter(m.actor.country for m in countries)
    last: dict[str | None, Mention] = {m.actor.country: m for m in countries}
    if lead is not None and all(country in last for country in lead):
        return last[lead[0]], last[lead[1]]  # in the lead's order
    ranked = sorted(counts, key=lambda c: (counts[c], last[c].start), reverse=True)
    if (
        len(ranked) >= 2
        and counts[ranked[1]] >= 2
        and (len(ranked) == 2 or counts[ranked[1]] > counts[ranked[2]])
    ):
        pair = sorted(ranked[:2], key=lambda c: last[c].start)
        return last[pair[0]], last[pair[1]]
    frequent = [c for c in ranked if counts[c] >= 2]
    if len(frequent) == 1 and len(ranked) > 2:
        # one country the article is about and several in passing ("Guyana and South Korea
        # abstaining" in a story on Iran): no pair to tell, and a guess would be wrong
        return None
    if len(frequent) >= 2:
        # three or more named as often: the two of them named last
        countries = [m for m in countries if m.actor.country in frequent]
    seen: list[Mention] = []
    for mention in reversed(countries):
        if all(m.actor.country != mention.actor.country for m in seen):
            seen.append(mention)
        if len(seen) == 2:
            return seen[1], seen[0]
    return None


def article_sides(
    countries: list[Mention], lead: tuple[str, str] | None, in_lead: set[str | None]
) -> tuple[Mention, Mention] | None:
    """The article's two sides, each by its first mention: the two states its lead names
    together; else the two it names most, when the lead names both and a third is named less
    often than either ("India had paused its action against Pakistan ..."); else None."""
    first = {m.actor.country: m for m in reversed(countries)}
    if lead is not None:
        if not all(country in first for country in lead):
            return None
        return first[lead[0]], first[lead[1]]
    ranked = Counter(m.actor.country for m in countries).most_common(3)
    if (
        len(ranked) < 2
        or not {ranked[0][0], ranked[1][0]} <= in_lead
        or len(ranked) == 3
        and ranked[2][1] >= ranked[1][1]
    ):
        return None
    one, other = sorted((first[ranked[0][0]], first[ranked[1][0]]), key=lambda m: m.start)
    return one, other


def conjuncts(token) -> int:
    """How many words the token's coordination joins ("France, Germany and Britain": 3)."""
    return 1 + len(token.conjuncts)


def in_absolute(token) -> bool:
    """Is the token the subject of an absolute "with" clause ("with Guyana and South Korea
    abstaining")?"""
    clause = token.head
    return (
        token.dep_ in ("nsubj", "nsubjpass")
        and clause.dep_ in ("pcomp", "advcl")
        and clause.tag_ in ("VBG", "VBN")
        and clause.head.lower_ == "with"
    )


GROUP_SIZES = {"three": 3, "four": 4, "five": 5, "six": 6}


def named_group(token, groups: list, index: ActorIndex, nouns: dict) -> tuple | None:
    """The states "the three countries" stands for (a plural group noun of ``nouns``, the
    pair nouns, with a number): the last coordination of that many states named before
    ("France, Germany and Britain"), each by its mention; else None. ``groups`` are (segment
    number, head token) of the coordinations of three or more states read so far."""
    size = next(
        (
            GROUP_SIZES[c.lower_]
            for c in token.children
            if c.dep_ == "nummod" and c.lower_ in GROUP_SIZES
        ),
        None,
    )
    if size is None or token.tag_ != "NNS" or token.lemma_.lower() not in nouns:
        return None
    for number, head in reversed(groups):
        members = [head, *head.conjuncts]
        mentions = [index.by_head.get((number, t.i)) for t in members]
        if len(members) == size and all(m is not None and m.actor.country for m in mentions):
            return (nouns.get(token.lemma_.lower()), tuple(mentions))
    return None


def group_mentions(index: ActorIndex, number: int, segment: Segment, token, group) -> Mention:
    """ "the three European countries": the first state of the group, its mention; the others
    its partners (``ActorIndex.groups``), each with the noun's sector."""
    sector, members = group
    phrase = Phrase.of(segment, token)
    evidence = f"coreference: {phrase.text} -> " + ", ".join(m.actor.name for m in members)
    made = [
        phrase.mention(replace(m.actor, sector=sector or m.actor.sector), "group", evidence)
        for m in members
    ]
    index.groups[(number, token.i)] = tuple(made[1:])
    return made[0]
