"""``ActorResolver``: every actor noun phrase of an article, resolved once per person.

The article first (``linking.py`` groups every name of a person), the registry second
(``registry.py``, at the article date), the gazetteer for everything else. A token heads a
mention when it is a pronoun, a person's name, a gazetteer phrase, a role, a country
modifier or a proper name, tried in that order; the head of a thing ("the Ukrainian
proposal", "Russian gas", "20 percent") heads none.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from ...lexicons import City, Gazetteer, PeopleRegistry
from ...model import Actor, Mention, Problem
from ..parse import Segment
from ..syntax import VENUES, as_phrase
from .countries import (
    CountryFinder,
    article_sides,
    conjuncts,
    group_mentions,
    in_absolute,
    last_pair,
    named_group,
    ranked_countries,
)
from .linking import Name, PersonLinks, link_people
from .pronouns import Bodies, owned, pronoun_mention
from .registry import UNCERTAIN, PersonResolver
from .spans import (
    NOMINAL,
    PLACE_NOUNS,
    ActorIndex,
    Context,
    Match,
    PersonRecord,
    Phrase,
    entity_of,
    find_matches,
    match_head,
    strip_determiner,
    within_modifiers,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

# Mentions that name a country for "the two sides": never a person, a role or a body.
_COUNTRY_KINDS = {"country", "metonym", "demonym", "modifier", "place"}
LEAD_SENTENCES = 3  # the title and the first sentences: where the article's two sides are named
_DIPLOMAT_TITLES = re.compile(
    r"foreign minister|secretary of state|foreign secretary|foreign affairs|"
    r"top diplomat|chief diplomat"
)
# words before a title that say how, not which office: "the acting prime minister"
_TITLE_QUALIFIERS = {"acting", "new", "visiting", "top", "senior", "incoming"}


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
        self.persons = PersonResolver(people)
        self.countries = CountryFinder(gazetteer, self.cities)
        # the last article's segments with their gazetteer matches and name links
        self._last: tuple[list[Segment], list, PersonLinks] | None = None

    def _matches(self, segments: list[Segment]) -> tuple[list, list, PersonLinks]:
        """The gazetteer phrases a name's words do not cover, by segment; the token positions
        each covers, by segment; and the names' links. They do not depend on the date: an
        article read again on its inferred date (the pipeline's article_date stage) reuses
        them."""
        last = self._last
        if last is not None and last[0] is segments:
            found, links = last[1], last[2]
        else:
            found = [find_matches(segment.doc, self.gazetteer) for segment in segments]
            known = self.people.by_name if self.people is not None else ()
            links = link_people(segments, found, self.gazetteer, known)
            self._last = (segments, found, links)
        # a name's words are the person's, not the country or month they also spell
        matches = [
            [m for m in ms if not any((n, i) in links.inside for i in range(m.start, m.end))]
            for n, ms in enumerate(found)
        ]
        covering = [{i: m for m in ms for i in range(m.start, m.end)} for ms in matches]
        return matches, covering, links

    def role_problems(self, segments: list[Segment], date: dt.date) -> list[Problem]:
        """The role conflicts the article's named people give on a day: the people alone are
        resolved, which is all an office check needs (an undated article is checked on several
        days of its window)."""
        _, covering, links = self._matches(segments)
        index = ActorIndex()
        self._people(segments, covering, links, date, index)
        return index.problems

    def __call__(self, segments: list[Segment], date: dt.date | None = None) -> ActorIndex:
        matches, covering, links = self._matches(segments)
        index = ActorIndex()
        records = self._people(segments, covering, links, date, index)
        recent: list[PersonRecord] = []  # persons mentioned so far, for pronouns and descriptions
        countries: list[Mention] = []  # countries mentioned so far, for "the two sides"
        # the two countries the lead names together ("Thailand and Cambodia agreed"): the two
        # sides the article is about, however often a third is named
        lead: tuple[str, str] | None = None
        sentences = 0  # sentences read so far
        in_lead: set[str | None] = set()  # the states the lead names
        groups: list[tuple[int, Token]] = []  # coordinations of three or more states so far
        # the last "two sides" of the sentence being read: (segment, sentence start, token)
        pair_in_sentence: tuple[int, int, int] | None = None
        regional: set[tuple[int, int]] = set()  # heads of groups a region modifies
        bodies = Bodies(self.gazetteer.person_titles)  # what "it" and "its" can stand for
        for number, segment in enumerate(segments):
            for token in segment.doc:
                sentences += bool(token.is_sent_start)
                mention = self._resolve(
                    number, segment, token, covering[number], links, records, recent, date
                )
                if mention is not None and self._is_regional(mention, token, covering[number]):
                    regional.add((number, token.i))
                    mention = replace(mention, evidence=f"{mention.evidence}; a regional group")
                group = named_group(token, groups, index, self.gazetteer.pair_nouns)
                if group is not None:
                    # "France, Germany and Britain ... the three European countries"
                    mention = group_mentions(index, number, segment, token, group)
                elif self._names_pair(segment, token, countries, lead):
                    mention = self._pair(index, number, segment, token, countries, lead) or mention
                    if mention is not None and mention.kind == "pair":
                        self._pair_owner(index, number, token, mention)
                        pair_in_sentence = (number, token.sent.start, token.i)
                elif (
                    token.lower_ in ("they", "them")
                    and pair_in_sentence is not None
                    and pair_in_sentence[0] == number
                    and (
                        pair_in_sentence[1] == token.sent.start
                        # "The two officers agreed ... They will speak again on Monday": the
                        # subject opening the next sentence
                        or token.dep_ == "nsubj"
                        and token.i - token.sent.start <= 2
                        and token.sent.start > 0
                        and segment.doc[token.sent.start - 1].sent.start == pair_in_sentence[1]
                    )
                ):
                    # "spoke with both leaders and asked them to stop": the pair named before
                    mention = self._same_pair(index, number, segment, token, pair_in_sentence[2])
                if mention is None:
                    mention = bodies.it(segment, token, sentences)
                if (
                    mention is None
                    and token.pos_ == "NOUN"
                    and token.lemma_.lower() in self.gazetteer.agreement_nouns
                ):
                    self._parties(index, number, segment, token, countries, covering[number], lead)
                if mention is None:
                    continue
                if (
                    mention.kind in ("person", "role")
                    and mention.actor.sector == "GOV"
                    and mention.actor.country in self.gazetteer.international
                ):
                    # "President of the European Council Charles Michel": an official of an
                    # international body acts for it (IGO), not for a government
                    mention = replace(mention, actor=replace(mention.actor, sector="IGO"))
                if mention.actor.country is None and mention.kind in ("role", "name"):
                    mention = owned(index, number, token, mention, bodies.subject(sentences))
                index.by_head[(number, token.i)] = mention
                bodies.seen(mention, token, sentences)
                if mention.kind == "person":
                    known = records.get(mention.actor.name)
                    recent.append(
                        PersonRecord(
                            mention.actor,
                            mention.evidence,
                            known.role if known else None,
                            mention.start,
                        )
                    )
                if mention.kind in _COUNTRY_KINDS and self.gazetteer.is_state(
                    mention.actor.country
                ):
                    hyphened = self._hyphened(token, covering[number], mention)
                    countries.extend(hyphened)
                    countries.append(mention)
                    if token.dep_ != "conj" and conjuncts(token) >= 3:
                        groups.append((number, token))
                    if sentences <= LEAD_SENTENCES:
                        in_lead.update(m.actor.country for m in [*hyphened, mention])
                    if lead is None and sentences <= LEAD_SENTENCES:
                        lead = self._coordinated(index, number, token, mention)
                        first = hyphened[0].actor.country if hyphened else None
                        second = mention.actor.country
                        if lead is None and first and second:  # "the Armenian-Azerbaijani ..."
                            lead = (first, second)
                self.countries.add_partners(
                    index, number, segment, token, mention, covering[number]
                )
        self.countries.infer_countries(index, segments, matches, regional)
        index.sides = article_sides(countries, lead, in_lead)
        return index

    def _pair(
        self,
        index: ActorIndex,
        number: int,
        segment: Segment,
        token: Token,
        countries: list[Mention],
        lead: tuple[str, str] | None,
    ) -> Mention | None:
        """ "the two sides", "both countries", "the two leaders": the two countries the article
        is about (``countries.last_pair``), each with the noun's sector (``actor_words.yaml``
        ``pair_nouns``)."""
        pair = last_pair(countries, lead)
        if pair is None:
            return None
        sector = self.gazetteer.pair_nouns.get(token.lemma_.lower())
        first, second = (
            replace(m.actor, sector=sector or m.actor.sector) for m in (pair[0], pair[1])
        )
        phrase = Phrase.of(segment, token)
        evidence = f"coreference: {phrase.text} -> {pair[0].actor.name} and {pair[1].actor.name}"
        mention = phrase.mention(first, "pair", evidence)
        index.partners[(number, token.i)] = replace(mention, actor=second)
        index.pair_ranking[(number, token.i)] = tuple(
            replace(mention, actor=replace(m.actor, sector=sector or m.actor.sector))
            for m in ranked_countries(countries)[:4]
        )
        return mention

    def _names_pair(
        self, segment: Segment, token: Token, countries: list[Mention], lead: tuple[str, str] | None
    ) -> bool:
        """ "the two sides", "both countries", "each side", "all sides" (when the lead names
        two), "both had agreed to meet", "their foreign ministers" (``_their_pair``)."""
        return (
            token.lemma_.lower() in self.gazetteer.pair_nouns
            and any(
                c.lower_ in ("two", "both", "each")
                or c.lower_ == "all"
                and lead is not None
                and token.tag_ == "NNS"
                for c in token.children
            )
            or token.lower_ == "both"
            and token.pos_ == "PRON"
            and token.dep_ in ("nsubj", "nsubjpass")
            or self._their_pair(segment, token, countries, lead)
        )

    def _their_pair(
        self, segment: Segment, token: Token, countries: list[Mention], lead: tuple[str, str] | None
    ) -> bool:
        """ "Aliyev and Pashinyan met ... Their foreign ministers initialled the text": a plural
        pair noun owned by "their" right after the article's two sides were both named (in
        the sentence before or earlier in this one) stands for the two sides."""
        if (
            lead is None
            or token.tag_ != "NNS"
            or token.lemma_.lower() not in self.gazetteer.pair_nouns
            or not any(c.dep_ == "poss" and c.lower_ == "their" for c in token.children)
        ):
            return False
        sentence = token.sent
        since = sentence.start_char
        if sentence.start > 0:
            since = segment.doc[sentence.start - 1].sent.start_char
        since += segment.offset
        named = {m.actor.country for m in countries if m.start >= since}
        return set(lead) <= named

    def _same_pair(
        self, index: ActorIndex, number: int, segment: Segment, token: Token, head: int
    ) -> Mention | None:
        """ "they", "them" after "the two sides" in one sentence: the same two."""
        first = index.by_head.get((number, head))
        second = index.partners.get((number, head))
        if first is None or second is None:
            return None
        phrase = Phrase.of(segment, token)
        evidence = f"coreference: {token.text} -> {first.actor.name} and {second.actor.name}"
        index.partners[(number, token.i)] = replace(second, evidence=evidence)
        return phrase.mention(first.actor, "pair", evidence)

    def _parties(
        self,
        index: ActorIndex,
        number: int,
        segment: Segment,
        token: Token,
        countries: list[Mention],
        covering: dict[int, Match],
        lead: tuple[str, str] | None,
    ) -> None:
        """ "the agreement", "the ceasefire" naming no party: its parties are the two countries
        the article is about, the last two named before the sentence (``ActorIndex.parties``)."""
        # "the Armenian-Azerbaijani declaration", "the deal with Japan" name their parties; "a
        # ceremony hosted by Rubio", "the talks as chair of ASEAN" and "talks in Doha" name a
        # host, a role or a place
        aside = {
            t.i
            for c in token.children
            if c.dep_ in ("acl", "relcl")
            or as_phrase(c) is c
            or c.dep_ == "prep"
            and c.lower_ in VENUES
            for t in c.subtree
        }
        if any(t.i in covering for t in token.subtree if t.i != token.i and t.i not in aside):
            return
        # the countries named before the sentence: "the United States welcomed the ceasefire"
        # makes the United States no party to it
        sentence_start = segment.offset + token.sent.start_char
        pair = last_pair([m for m in countries if m.start < sentence_start], lead)
        if pair is None:
            return
        phrase = Phrase.of(segment, token)
        evidence = (
            f"the parties of {phrase.text}: {pair[0].actor.name} and {pair[1].actor.name}, the "
            "two countries the article is about"
        )
        index.parties[(number, token.i)] = (
            phrase.mention(pair[0].actor, "parties", evidence),
            phrase.mention(pair[1].actor, "parties", evidence),
        )

    def _pair_owner(self, index: ActorIndex, number: int, token: Token, pair: Mention) -> None:
        """ "the foreign ministers of the two countries": the people or bodies "of" the two
        sides, named without a country of their own, are of the first, their partner of the
        second; up the chain of "of" ("the directors general of military operations of the
        two armies")."""
        partner = index.partners.get((number, token.i))
        evidence = f"of {pair.evidence.removeprefix('coreference: ')}"
        node = token
        for _ in range(3):
            preposition = node.head
            if node.dep_ != "pobj" or preposition.dep_ != "prep" or preposition.lower_ != "of":
                return
            node = preposition.head
            while node.dep_ == "amod" and node.head.i != node.i:  # "directors general"
                node = node.head
            owner = index.by_head.get((number, node.i))
            if owner is None or owner.kind != "role" or owner.actor.country is not None:
                continue
            first = replace(
                owner,
                actor=replace(owner.actor, country=pair.actor.country),
                evidence=f"{owner.evidence}; {evidence}",
            )
            index.by_head[(number, node.i)] = first
            if partner is not None:
                second = replace(owner.actor, country=partner.actor.country)
                index.partners[(number, node.i)] = replace(first, actor=second)

    def _hyphened(self, token: Token, covering: dict[int, Match], mention: Mention) -> list:
        """The other states of a hyphened pair in the phrase a country mention heads ("the
        Armenian-Azerbaijani border", "Thai-Cambodian talks"), as mentions of their own: both
        sides are named."""
        found = []
        for word in token.subtree:
            match = covering.get(word.i)
            code = match.entry.country if match is not None else None
            if (
                word.i < token.i
                and match is not None
                and code is not None
                and match.entry.kind in ("country", "demonym")
                and self.gazetteer.is_state(code)
                and code != mention.actor.country
                and word.i + 1 < len(word.doc)
                and word.doc[word.i + 1].text in ("-", "–")
            ):
                actor = Actor(self.gazetteer.country_names.get(code, code), code, None)
                found.append(replace(mention, actor=actor, evidence="gazetteer: hyphened pair"))
        return found

    def _coordinated(
        self, index: ActorIndex, number: int, token: Token, mention: Mention
    ) -> tuple[str, str] | None:
        """The countries of a state and the one it is coordinated with ("Thailand and
        Cambodia", "Indian and Pakistani troops"), when both are states and differ."""
        if token.dep_ != "conj":
            return None
        if conjuncts(token.head) > 2 or in_absolute(token.head):
            # "France, Germany and Britain" are three; "with Guyana and South Korea
            # abstaining" is a detail aside: neither names the article's pair
            return None
        other = index.by_head.get((number, token.head.i))
        if other is None or other.kind not in _COUNTRY_KINDS:
            return None
        if not self.gazetteer.is_state(other.actor.country):
            return None
        first, second = other.actor.country, mention.actor.country
        if first is None or second is None or first == second:
            return None
        return first, second

    def _is_regional(self, mention: Mention, token: Token, covering: dict[int, Match]) -> bool:
        return (
            mention.kind == "role"
            and mention.actor.country is None
            and self._context(token, covering).is_regional
        )

    # -- the article's people, each resolved once, with the role and country given where named
    def _people(
        self,
        segments: list[Segment],
        covering: list[dict[int, Match]],
        links: PersonLinks,
        date: dt.date | None,
        index: ActorIndex,
    ) -> dict[str, PersonRecord]:
        records: dict[str, PersonRecord] = {}
        for key, names in links.people.items():
            full = [n for n in names if not n.is_short] or names
            contexts = [(n, self._name_context(segments, covering, n)) for n in full]
            name, context = next(((n, c) for n, c in contexts if c.country), contexts[0])
            if name.is_short and name.candidates:
                # the article names several people so, none before: no guess from the registry
                evidence = (
                    f"named in the text; {UNCERTAIN}: {name.candidates} people of the article "
                    "share the name: left unresolved"
                )
                record = PersonRecord(
                    Actor(key, context.country, context.sector), evidence, context.role, name.offset
                )
            else:
                record = self.persons.resolve(
                    key, context, date, full[0].offset, index.problems, index.tenures
                )
            records[key] = record
            records.setdefault(record.actor.name, record)
        return records

    def _name_context(
        self, segments: list[Segment], covering: list[dict[int, Match]], name: Name
    ) -> Context:
        doc = segments[name.segment].doc
        head = doc[name.start : name.end].root
        return self._context(head, covering[name.segment], skip=range(name.start, name.end))

    def _context(
        self, head, covering: dict[int, Match], skip=range(0), national: bool = False
    ) -> Context:
        """Country, sector and role words from the modifiers of a head: its left subtree,
        appositions, "of X"."""
        country = sector = role = None
        is_regional = False
        left, right = head.left_edge.i, head.right_edge.i
        if not any(left <= i <= right and i not in skip for i in covering):
            return Context()  # no gazetteer word among the head's words
        tokens = [
            t
            for t in head.subtree
            if t.i <= head.i
            or t.dep_ in ("appos", "prep", "pobj")
            and within_modifiers(t, head)
            # a national body's state, parsed into the name after it: "the Security Council
            # of Armenia Armen Grigoryan"
            or national
            and t.dep_ == "compound"
            and t.head.dep_ == "pobj"
            and t.head.head.lower_ == "of"
            and within_modifiers(t.head, head)
        ]
        # "President Petro's US visa": the owner's title is the owner's, not the visa's
        owners = {t.i for c in head.children if c.dep_ == "poss" for t in c.subtree}
        for token in sorted(tokens, key=lambda t: abs(t.i - head.i)):
            if token.i in skip or token.dep_ == "conj" and token.head.i in covering:
                # the second of coordinated countries is a partner, not this phrase's country
                continue
            match = covering.get(token.i)
            if match is None:
                continue
            entry = match.entry
            if entry.kind == "role":
                if sector is None and token.i not in owners:
                    sector, role = entry.sector, head.doc[match.start : match.end].text
            elif entry.kind == "region":
                is_regional = True
            elif (
                entry.national
                and not national
                and (owner := self._national_owner(head, match, covering))
            ):
                # "Secretary of the Security Council of Armenia": the state's body, not the UN's
                country = country or owner
                sector = sector or entry.national
            else:
                country = country or entry.country
                # "Yerevan's accusation", "EU sanctions" stand for the government or body, but
                # "the streets of Tbilisi" are no government: places take only the country
                if (
                    entry.kind in ("metonym", "organization")
                    and entry.sector
                    and head.lemma_.lower() not in PLACE_NOUNS
                ):
                    sector = sector or entry.sector
        return Context(country, sector, role, is_regional)

    def _national_owner(self, head, match: Match, covering: dict[int, Match]) -> str | None:
        """The state a national body's words are named with ("the Security Council of
        Armenia"), or None (then it is the international body: the UN's Security Council)."""
        body = head.doc[match_head(head.doc, match)]
        owner = self._context(
            body, covering, skip=range(match.start, match.end), national=True
        ).country
        return owner if self.gazetteer.is_state(owner) else None

    def _resolve(
        self,
        number: int,
        segment: Segment,
        token: Token,
        covering: dict[int, Match],
        links: PersonLinks,
        records: dict[str, PersonRecord],
        recent: list[PersonRecord],
        date: dt.date | None,
    ) -> Mention | None:
        """The mention a token heads, if any: a pronoun, a person, a gazetteer phrase, a role,
        a country modifier or a name, tried in that order."""
        if (
            token.pos_ not in NOMINAL
            and token.i not in covering
            and links.name_at(number, token.i) is None  # a surname tagged as an adjective
        ):
            return None
        match = covering.get(token.i)
        # Only the head of a phrase is resolved: inside a multi-word match, the last token heads it.
        if match and token.i != match_head(segment.doc, match):
            return None
        if token.pos_ == "PRON":
            return pronoun_mention(segment, token, recent)
        if (
            token.dep_ in ("compound", "amod", "nmod")
            and token.head.pos_ in NOMINAL
            and token.head.i != token.i
        ):
            return None  # a modifier ("Russian" in "Russian troops") belongs to its head's phrase
        if token.dep_ == "poss" and match is not None and match.entry.kind == "demonym":
            return None  # "Russian's" is not said; a demonym possessor is a modifier
        name = links.name_at(number, token.i)
        if name is not None:
            return self._person_mention(segment, token, name, covering, records)
        if (number, token.i) in links.inside:
            return None  # "Jim" in "Jim Jordan"
        context = self._context(token, covering)
        # the phrase's words are worked out only for a token that heads a mention
        phrase = functools.partial(Phrase.of, segment, token)
        if match and match.entry.kind in ("country", "metonym", "place", "organization"):
            if match.entry.national:  # whose body it is: the state named around its words
                context = self._context(
                    token, covering, skip=range(match.start, match.end), national=True
                )
            return self._gazetteer_mention(phrase(), segment, match, context)
        if match and match.entry.kind == "demonym":
            # "the Russians", "Ukrainians": people of that country
            actor = Actor(match.entry.name, match.entry.country, context.sector)
            return phrase().mention(actor, "demonym", f"gazetteer: demonym {token.text!r}")
        if match and match.entry.kind == "region":
            # "the Europeans", "Arabs": a region's people, of no one country
            words = phrase()
            actor = Actor(strip_determiner(words.text), None, context.sector)
            return words.mention(actor, "name", f"gazetteer: region {token.text!r}, no country")
        if self._is_thing(token):
            return self._owner_mention(segment, token, context, covering)
        if context.sector:
            described = self._described_person(token, context, recent, date)
            if described is not None:
                actor, evidence = described
                return phrase().mention(actor, "person", evidence)
            words = phrase()
            actor = Actor(strip_determiner(words.text), context.country, context.sector)
            return words.mention(actor, "role", f"in-text role: {context.role}")
        if context.country:
            # "further Russian aggression", "Armenian positions": the country itself
            name_of = self.gazetteer.country_names.get(context.country, context.country)
            actor = Actor(name_of, context.country)
            return phrase().mention(actor, "modifier", "gazetteer: country modifier")
        if token.pos_ == "PROPN" and token.ent_type_ in ("ORG", "NORP", "GPE", "LOC", "FAC"):
            return self._name_mention(phrase(), token, date)
        if (
            token.pos_ == "PROPN"
            and not token.ent_type_
            and token.dep_ == "conj"
            and token.head.pos_ == "PROPN"
        ):
            # "a summit of Tshisekedi and Kagame", "Bayramov and Ararat Mirzoyan": a name the
            # parser left untyped, coordinated with a name, may be the registry's person
            words = phrase()
            key = " ".join(strip_determiner(words.text).split())
            return self._registry_person(words, key, date, "a name coordinated with another")
        return None

    def _registry_person(
        self, phrase: Phrase, key: str, date: dt.date | None, how: str
    ) -> Mention | None:
        """The registry's only person of that name on the article date, or None; ``how`` says
        why the name was looked up (a name alone says its own low confidence)."""
        person, office = self.persons.find(key, date)
        if person is None or office is None:
            return None
        if " " not in key:
            how = f"{UNCERTAIN}: the name alone, its only holder on the article date"
        return phrase.mention(
            Actor(person.name, office.country, office.sector),
            "person",
            f"registry: {person.name}, {office.describe()}; {how}",
        )

    def _is_thing(self, token: Token) -> bool:
        """ "the Ukrainian proposal", "Russian gas", "300 million": no actor."""
        things = self.gazetteer.not_actors
        return token.pos_ != "PROPN" and (token.lemma_.lower() in things or token.lower_ in things)

    def _owner_mention(
        self, segment: Segment, token: Token, context: Context, covering: dict[int, Match]
    ) -> Mention | None:
        """ "the Russian demands", "a UN draft resolution": the thing is no actor, but the
        country or body whose it is is one; the mention's words are the owner's ("Russian"),
        its head stays the thing's."""
        if not context.country or context.role:
            return None
        before = sorted((t for t in token.subtree if t.i < token.i), key=lambda t: -t.i)
        for child in before:
            match = covering.get(child.i)
            if match is None or match.entry.country != context.country:
                continue
            entry = match.entry
            if entry.kind in ("organization", "metonym"):
                actor = Actor(entry.name, entry.country, entry.sector)
            else:
                actor = Actor(self.gazetteer.country_names.get(entry.country or "", entry.name))
                actor = replace(actor, country=entry.country)
            start, end = segment.char_span(match.start, match.end)
            head, _ = segment.char_span(token.i, token.i + 1)
            text = segment.doc[match.start : match.end].text
            evidence = f"gazetteer: {entry.kind} {text!r} owns {token.text!r}, which is no actor"
            return Mention(start, end, text, actor, "modifier", head, evidence)
        return None

    def _person_mention(
        self,
        segment: Segment,
        token: Token,
        name: Name,
        covering: dict[int, Match],
        records: dict[str, PersonRecord],
    ) -> Mention:
        """A person: the one the article names so; modifiers here may add a country or sector."""
        phrase = Phrase.of(segment, token)
        record = records[name.person]
        context = self._context(token, covering, skip=range(name.start, name.end))
        actor = Actor(
            record.actor.name,
            context.country or record.actor.country,
            context.sector or record.actor.sector,
        )
        if name.offset == record.offset:
            evidence = record.evidence
        else:
            evidence = f"coreference: {name.text} -> {record.actor.name} ({record.evidence})"
            if name.is_short and name.person != name.text and name.candidates > 1:
                evidence += (
                    f"; {UNCERTAIN}: {name.candidates} people of the article share the name, "
                    "the one named in full most often, then first"
                )
        return phrase.mention(actor, "person", evidence)

    def _gazetteer_mention(
        self, phrase: Phrase, segment: Segment, match: Match, context: Context
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
        if entry.national and self.gazetteer.is_state(context.country):
            # "the Security Council of Armenia" is Armenia's, not the UN's
            actor = Actor(written, context.country, entry.national)
            return phrase.mention(
                actor, "organization", f"in-text state: {context.country} {written}"
            )
        name = entry.name if entry.kind != "place" else written
        return phrase.mention(
            Actor(name, country, sector), entry.kind, f"gazetteer: {entry.kind} {written!r}"
        )

    def _name_mention(self, phrase: Phrase, token: Token, date: dt.date | None) -> Mention:
        """A proper name outside the gazetteer: a known city stands for its country; a word the
        parser took for a place may be the only registry person of that name ("Pashinyan")."""
        entity = entity_of(token)
        name = entity.text if entity is not None else token.text
        key = " ".join(strip_determiner(name).split())
        known = self.gazetteer.phrases.get(key.casefold())
        if known is not None and known.kind in ("metonym", "organization"):
            # "the white house" in lower case is still the government, never the town of that
            # name abroad (Casablanca's is)
            return phrase.mention(
                Actor(known.name, known.country, known.sector),
                known.kind,
                f"gazetteer: {known.kind} {key!r}",
            )
        city = self.cities.get(key.casefold())
        if city is not None and token.ent_type_ in ("GPE", "LOC", "ORG"):
            # a town stands for its country: "shelled the town of Kharkiv" targets Ukraine
            return phrase.mention(
                Actor(city.name, city.country, None),
                "place",
                f"gazetteer: city {city.name} in {city.country}",
            )
        alone = " " not in key
        # a word the parser took for a place may be the only registry person of that name; a
        # full name it took for an organisation or a place ("spoke with Narendra Modi and
        # Shehbaz Sharif") is the registry's person of that full name
        if city is None and (not alone or token.ent_type_ in ("GPE", "NORP", "LOC")):
            how = f"the parser read the name as {token.ent_type_}"
            if (person := self._registry_person(phrase, key, date, how)) is not None:
                return person
        return phrase.mention(Actor(key), "name", "named in the text, not in the gazetteer")

    def _described_person(
        self, token, context: Context, recent: list[PersonRecord], date: dt.date | None
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
        words = set(context.role.casefold().split()) - _TITLE_QUALIFIERS
        diplomat = bool(words & {"diplomat", "colleague", "counterpart"})
        for record in reversed(recent):
            title = (record.role or "").casefold()
            # every word of the description is in the title: "the minister" is the foreign
            # minister named before, "the foreign ministry" is not the foreign secretary, nor
            # "the prime minister" the foreign minister
            if (
                words <= set(title.replace(",", " ").split())
                or diplomat
                and _DIPLOMAT_TITLES.search(title)
            ) and (context.country is None or record.actor.country == context.country):
                return record.actor, f"coreference: {token.text} -> {record.actor.name}"
        if context.country and date is not None:
            holders = self.persons.holders(context.role, context.country, date)
            if len(holders) == 1:
                person, office = holders[0]
                return (
                    Actor(person.name, office.country, office.sector),
                    f"registry: holder of {office.describe()} on {date.isoformat()}",
                )
        return None
