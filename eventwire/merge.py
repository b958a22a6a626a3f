"""Event merging: one canonical event per real-world event, with every article that reports it.

In: pipeline ``Result``s with the story each belongs to (``stories.StoryClusterer``), one
article at a time. Out: a canonical id for every event, ``CanonicalEvent`` records with
their reports and source counts, and ``contradiction`` Problems.

The rule. An event joins a canonical event of its own story when they agree on
- the PLOVER type, and whether the event is negated or hypothetical;
- the source and the target: the same country (or IGO) and no two different sectors, or
  the same named person; a side left empty by one report agrees with anything;
- the date: two dates the articles state (``explicit`` or ``relative``) at most
  ``DATE_SLACK_DAYS`` apart; a date taken from an article's own date agrees with any date
  up to ``WINDOW_DAYS`` away, since an article may report days late;
- the place: the same country when both reports give one.
Among several canonical events that agree, the one with the most reports wins. Each
field of a canonical event then takes the value most reports support, where a stated
date or place outweighs an article date or an empty place.

Contradictions. Reports of one canonical event that state different days (within the
slack), different places in one country, or different numbers for the same thing
("49 soldiers" against "105 soldiers", counted nouns in ``data/counts.yaml``) give a
``contradiction`` Problem naming both articles and both values. Numbers written as
bounds ("at least 100", "more than 170") are left out: they do not contradict a figure.
Articles of one story that name two different people in one single-holder office of
one country ("Foreign Minister X" and "Foreign Minister Y") contradict each other too, once
per two names in a story.

Merging is incremental and a story's canonical events only grow, so an event's canonical
id never changes once given: the stream and the batch agree.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from . import failpoints
from .lexicons import CountLexicon, load_counts
from .model import (
    STATED_DATE_METHODS,
    Actor,
    CanonicalEvent,
    Event,
    Place,
    Problem,
    Report,
    Result,
)
from .stages.when.words import ONES, TENS
from .stories import StoryClusterer, story_record

# sectors of the state and of states' organisations: "the Council of the EU" (GOV) and "the
# European Union" (IGO), or "Azerbaijani forces" (MIL) and "Azerbaijan" (GOV), may be one actor
IDLE_STORIES = (
    20_000  # stories no article joined in this many articles are forgotten (bounded memory)
)
STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "IGO"}
# types whose two sides act together: "Armenia and Azerbaijan agreed" is told either way round
MUTUAL_TYPES = {"AGREE", "CONSULT", "COOPERATE"}
DATE_SLACK_DAYS = 1  # stated dates this close may be one event told with a date error (a day off)
WINDOW_DAYS = 7  # an article's own date stands for events up to this many days earlier
STATED = STATED_DATE_METHODS

# spelled numbers up to twenty, the tens and a hundred: the time stage's closed-class words
_NUMBER_WORDS = {word: n for n, word in enumerate(ONES)} | TENS | {"hundred": 100}
_NUMBER = rf"(?<![\w.,])(\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|(?i:{'|'.join(_NUMBER_WORDS)})\b)"


def _count_pattern(lexicon: CountLexicon) -> re.Pattern:
    """A number, at most two words, then one of the counted nouns (singular or plural)."""
    nouns = "|".join(sorted(map(re.escape, lexicon.nouns), key=len, reverse=True))
    return re.compile(
        rf"{_NUMBER}(?:\s+(million|thousand|hundred))?((?:\s+[\w-]+){{0,2}}?)\s+"
        rf"((?i:{nouns})(?:s|es)?)\b"
    )


@dataclass(frozen=True, slots=True)
class Count:
    """A number the text gives for a counted thing, and whether it is a bound ("at least")."""

    quantity: str
    noun: str  # singular
    what: str  # the counted words as written, lower case: "armenian soldiers"
    value: float
    bound: bool
    text: str
    span: tuple[int, int]

    @property
    def key(self) -> str:
        """Counts compare only when they count the same words: "49 Armenian soldiers" and
        "77 of its soldiers" count different soldiers."""
        return self.what


def find_counts(
    text: str, start: int, end: int, lexicon: CountLexicon, pattern: re.Pattern | None = None
) -> list[Count]:
    """The counts in ``text[start:end]``: "49 Armenian soldiers", "about 20 trucks", "4,300 people".
    ``pattern`` is ``_count_pattern(lexicon)``, for callers that read many sentences."""
    found = []
    pattern = pattern or _count_pattern(lexicon)
    for match in pattern.finditer(text, start, end):
        number, scale, between, noun = match.groups()
        noun_key = noun.lower()
        quantity = lexicon.nouns.get(noun_key) or lexicon.nouns.get(_singular(noun_key))
        if quantity is None:
            continue
        if number[0].isdigit():
            value = float(number.replace(",", ""))
        else:
            value = float(_NUMBER_WORDS[number.lower()])
        if re.search(r"\d", between or ""):
            continue  # "49 of 105 soldiers": read the nearer number only
        value *= {"million": 1e6, "thousand": 1e3, "hundred": 1e2}.get((scale or "").lower(), 1)
        before = text[max(start, match.start() - 16) : match.start()].lower()
        bound = any(before.rstrip().endswith(word) for word in lexicon.bounds)
        what = " ".join((between or "").lower().split() + [noun_key])
        found.append(
            Count(
                quantity,
                _singular(noun_key),
                what,
                value,
                bound,
                match.group(0),
                (match.start(), match.end()),
            )
        )
    return found


def _singular(noun: str) -> str:
    if noun.endswith("ies") and len(noun) > 4:
        return noun[:-3] + "y"
    if noun.endswith("s") and not noun.endswith("ss") and len(noun) > 3:
        return noun[:-1]
    return noun


@dataclass(slots=True)
class _Told:
    """One report while merging: the event, its article and what it says in numbers."""

    event: Event
    article_id: str
    outlet: str | None
    article_date: dt.date | None
    counts: list[Count]


@dataclass(slots=True)
class _Canonical:
    id: str
    story: str
    told: list[_Told] = field(default_factory=list)


class EventMerger:
    """Merges the events of a stream of coded articles, story by story."""

    def __init__(self, counts: CountLexicon | None = None):
        self.counts = counts or load_counts()
        self.pattern = _count_pattern(self.counts)
        self.by_story: dict[str, list[_Canonical]] = {}
        self.canonical: dict[str, _Canonical] = {}
        self.problems: list[Problem] = []
        self._reported: set[tuple] = set()
        # story -> (country, office) -> person -> the first article naming them in it
        self.offices: dict[str, dict[tuple[str, str], dict[str, str]]] = {}
        # article -> the contradictions its arrival revealed, while its story is live: given
        # again when the article is linked again unchanged
        self.contradicted: dict[str, list[Problem]] = {}
        # story -> article -> the date the article states (``Result.stated_date``: given, or in
        # a dateline; never inferred): what dates the story's undated articles (``story_dates``)
        self.given_dates: dict[str, dict[str, dt.date]] = {}
        # article -> the keys of ``_reported`` its arrival reported: withdrawn, it reports them
        # again when merged again (its stored problems are replaced)
        self.reported_by: dict[str, set[tuple]] = {}

    def __setstate__(self, state: dict) -> None:
        # a merger saved in a store before it kept contradictions by article or given dates
        self.__dict__.update(state)
        self.__dict__.setdefault("contradicted", {})
        self.__dict__.setdefault("given_dates", {})
        self.__dict__.setdefault("reported_by", {})

    def _report(self, problem: Problem, key: tuple) -> None:
        self._reported.add(key)
        self.reported_by.setdefault(problem.where or "", set()).add(key)
        self.problems.append(problem)
        self.contradicted.setdefault(problem.where or "", []).append(problem)

    def add(self, result: Result, story: str) -> dict[str, str]:
        """Merge one article's events into its story; returns event id -> canonical id."""
        article = result.article
        outlet = article.source
        if result.stated_date is not None:
            self.given_dates.setdefault(story, {})[article.id] = result.stated_date
        self._office_holders(result, story)
        ids = {}
        for event in sorted(result.events, key=lambda e: e.trigger):
            told = _Told(
                event,
                article.id,
                outlet,
                article.date,
                find_counts(
                    article.text, event.sentence[0], event.sentence[1], self.counts, self.pattern
                ),
            )
            candidates = [
                c
                for c in self.by_story.get(story, ())
                if all(could_be_one(event, t.event) for t in c.told)
            ]
            if candidates:
                canonical = max(
                    candidates, key=lambda c: len(c.told)
                )  # the first opened among equals
            else:
                canonical_id = f"canon-{event.id}"
                while canonical_id in self.canonical:  # its article merged again, changed
                    canonical_id += "+"
                canonical = _Canonical(canonical_id, story)
                self.by_story.setdefault(story, []).append(canonical)
                self.canonical[canonical.id] = canonical
            self._contradictions(canonical, told)
            canonical.told.append(told)
            ids[event.id] = canonical.id
        return ids

    def withdraw(self, article_id: str, story: str) -> None:
        """Take an article's reports out of its story's merged events, as if it had never been
        merged (it is about to be merged again, changed); merged events left with no report
        are dropped."""
        kept = []
        for canonical in self.by_story.get(story, ()):
            canonical.told = [t for t in canonical.told if t.article_id != article_id]
            if canonical.told:
                kept.append(canonical)
            else:
                self.canonical.pop(canonical.id, None)
        if story in self.by_story:
            self.by_story[story] = kept
        # merged again, it reveals again the disagreements its arrival revealed (its stored
        # problems are replaced); those others revealed stay theirs
        self.contradicted.pop(article_id, None)
        self._reported -= self.reported_by.pop(article_id, set())
        self.given_dates.get(story, {}).pop(article_id, None)

    def known(self, result: Result, story: str) -> dict[str, str] | None:
        """Event id -> merged event id of an article merged before exactly as it is now (the
        same events), else None."""
        told = {
            t.event.id: (t.event, canonical.id)
            for canonical in self.by_story.get(story, ())
            for t in canonical.told
            if t.article_id == result.article.id
        }
        if len(told) != len(result.events) or any(
            told.get(event.id, (None,))[0] != event for event in result.events
        ):
            return None
        return {event_id: canonical_id for event_id, (_, canonical_id) in told.items()}

    def events(self, stories: set[str] | None = None) -> list[CanonicalEvent]:
        """Every canonical event so far (or those of ``stories``), in the order they were opened."""
        if stories is None:
            return [_resolve(c) for c in self.canonical.values()]
        return [_resolve(c) for story in stories for c in self.by_story.get(story, ())]

    def forget(self, stories: list[str]) -> None:
        """Drop the merged events and office records of stories the clusterer forgot, and the
        disagreements reported between their articles: two articles are compared only within
        one story, so a forgotten pair is never compared again, and a server linking for
        months would otherwise keep (and save with the linker) every pair it ever reported."""
        gone: set[str] = set()
        for story in stories:
            for canonical in self.by_story.pop(story, []):
                self.canonical.pop(canonical.id, None)
                for told in canonical.told:
                    self.contradicted.pop(told.article_id, None)
                    gone.add(told.article_id)
            for holders in self.offices.pop(story, {}).values():
                gone.update(holders.values())
            self.given_dates.pop(story, None)
        if gone:
            forgotten = set(stories)
            self._reported = {
                key
                for key in self._reported
                if not _articles_of(key) & gone and not (key[0] == "office" and key[1] in forgotten)
            }
            for article_id in gone:
                self.reported_by.pop(article_id, None)

    def _office_holders(self, result: Result, story: str) -> None:
        """Articles of one story that name different people in one office ("Foreign Minister X",
        "Foreign Minister Y" of the same country) contradict each other; a title the registry
        denies that person is a ``role_conflict`` already."""
        offices = self.offices.setdefault(story, {})
        article_id = result.article.id
        for mention in result.mentions:
            match = _IN_TEXT_ROLE.match(mention.evidence)
            if mention.kind != "person" or match is None or mention.actor.country is None:
                continue
            office = " ".join(match.group(1).lower().split())
            if _SHARED_OFFICE.search(office):
                continue
            holders = offices.setdefault((mention.actor.country, office), {})
            for person, first in holders.items():
                if person != mention.actor.name and first != article_id:
                    # one disagreement per two names for one office in a story, whichever
                    # articles name them and in whatever order they come
                    names = frozenset((person, mention.actor.name))
                    key = ("office", story, mention.actor.country, office, names)
                    if key not in self._reported:
                        self._report(
                            Problem(
                                "contradiction",
                                f"{story}: article {first} names {person} as "
                                f"{mention.actor.country} {office}, article {article_id} "
                                f"names {mention.actor.name}",
                                article_id,
                                "merge",
                                (mention.start, mention.end),
                            ),
                            key,
                        )
            holders.setdefault(mention.actor.name, article_id)

    def _contradictions(self, canonical: _Canonical, told: _Told) -> None:
        for other in canonical.told:
            if other.article_id == told.article_id:
                continue
            for what, mine, theirs in _disagreements(told, other):
                # one disagreement per pair of articles, however many events their sentences hold
                key = (
                    frozenset((told.article_id, other.article_id)),
                    what,
                    frozenset((mine, theirs)),
                )
                if key in self._reported:
                    continue
                self._report(
                    Problem(
                        "contradiction",
                        f"{canonical.id} ({told.event.type}): article {other.article_id} "
                        f"gives {what} {theirs}, article {told.article_id} gives {mine}",
                        told.article_id,
                        "merge",
                        told.event.sentence,
                    ),
                    key,
                )


def _articles_of(key: tuple) -> frozenset[str]:
    """The two articles of a reported disagreement between events, ``(articles, what,
    values)``; none for one between office holders, ``("office", story, country, office,
    names)``, forgotten with its story (a linker saved before kept the articles there)."""
    if key[0] != "office":
        return key[0]
    return key[1] if isinstance(key[1], frozenset) else frozenset()


# "in-text role: USA Secretary of State; registry: ..." -> the office as the text gives it
_IN_TEXT_ROLE = re.compile(r"in-text role: (?:[A-Z]{2,4} )?([^;]+)")
# titles several people hold at once, or held no longer: no contradiction between two holders
_SHARED_OFFICE = re.compile(
    r"\b(?:former|ex|deputy|vice|acting|assistant|spokes\w*|member|minister of state|"
    r"senator|lawmaker|mp|official|envoy|ambassador|general|commander|leader|"
    r"representative|adviser|advisor|aide|judge|governor|mayor)\b"
)


def could_be_one(a: Event, b: Event) -> bool:
    """Could these two events be one happening told twice?"""
    if a.type != b.type or a.negated != b.negated or a.hypothetical != b.hypothetical:
        return False
    source_a, target_a = (
        (a.source.actor if a.source else None),
        (a.target.actor if a.target else None),
    )
    source_b, target_b = (
        (b.source.actor if b.source else None),
        (b.target.actor if b.target else None),
    )
    if not (_same_side(source_a, source_b) and _same_side(target_a, target_b)) and not (
        a.type in MUTUAL_TYPES and _same_side(source_a, target_b) and _same_side(target_a, source_b)
    ):
        return False
    if (
        a.location is not None
        and b.location is not None
        and a.location.country
        and b.location.country
        and a.location.country != b.location.country
    ):
        return False
    if a.date is None or b.date is None:
        return True
    gap = abs((a.date - b.date).days)
    if a.date_method in STATED and b.date_method in STATED:
        return gap <= DATE_SLACK_DAYS
    return gap <= WINDOW_DAYS


def _same_side(a: Actor | None, b: Actor | None) -> bool:
    """One actor told two ways: the same name, or no two different countries and no two sectors
    from different sides (an unknown country or sector agrees with any)."""
    if a is None or b is None or a.name == b.name:
        return True
    if a.country is not None and b.country is not None and a.country != b.country:
        return False
    return (
        a.sector is None
        or b.sector is None
        or a.sector == b.sector
        or a.sector in STATE_SECTORS
        and b.sector in STATE_SECTORS
    )


def _disagreements(told: _Told, other: _Told):
    """(what, this report's value, the other's value) for every field the two reports state
    differently."""
    a, b = told.event, other.event
    if (
        a.date_method in STATED
        and b.date_method in STATED
        and a.date_granularity == b.date_granularity == "day"
        and a.date != b.date
        and a.date is not None
        and b.date is not None
    ):
        yield "the date", a.date.isoformat(), b.date.isoformat()
    if (
        a.location is not None
        and b.location is not None
        and a.location.name != b.location.name
        and a.location.country == b.location.country
        and not _contains(a.location, b.location)
    ):
        yield "the place", a.location.name, b.location.name
    mine = {c.key: c for c in told.counts if not c.bound}
    for count in other.counts:
        match = mine.get(count.key)
        if match is not None and not count.bound and match.value != count.value:
            yield f"the number of {count.what}", _figure(match.value), _figure(count.value)


def _contains(a: Place, b: Place) -> bool:
    """A country (or region) and a town in it are one place told at two scales, not a disagreement.
    Only towns have coordinates in the gazetteer."""
    return a.latitude is None or b.latitude is None or a.name in b.name or b.name in a.name


def _figure(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def _resolve(canonical: _Canonical) -> CanonicalEvent:
    """The canonical event: every field takes the value most reports support."""
    events = [t.event for t in canonical.told]
    first = events[0]
    stated = [e for e in events if e.date is not None and e.date_method in STATED]
    dated = stated or [e for e in events if e.date is not None]
    if dated:
        date, _ = _vote((e.date, e.date_granularity) for e in dated)
        chosen = next(e for e in dated if (e.date, e.date_granularity) == date)
        date_value, granularity, method = chosen.date, chosen.date_granularity, chosen.date_method
    else:
        date_value = granularity = method = None
    located = [e.location for e in events if e.location is not None]
    location = None
    if located:
        name, _ = _vote(place.name for place in located)
        location = next(place for place in located if place.name == name)
    source = _best_actor([e.source.actor for e in events if e.source is not None])
    target = _best_actor([e.target.actor for e in events if e.target is not None])
    mode, _ = _vote(e.mode for e in events)
    articles = list(dict.fromkeys(t.article_id for t in canonical.told))
    outlets = {t.outlet or f"article:{t.article_id}" for t in canonical.told}
    seen = [t.article_date for t in canonical.told if t.article_date is not None]
    reports = tuple(
        Report(t.article_id, t.event.id, t.event.sentence, t.outlet, t.article_date)
        for t in canonical.told
    )
    return CanonicalEvent(
        canonical.id,
        canonical.story,
        first.type,
        mode,
        source,
        target,
        date_value,
        granularity,
        method,
        location,
        first.negated,
        first.hypothetical,
        first.cameo,
        first.quad_class,
        first.intensity,
        reports,
        len(reports),
        len(articles),
        len(outlets),
        min(seen, default=None),
        max(seen, default=None),
    )


def _vote(values):
    """The most common value, the earliest seen among equals, and its count."""
    counts = Counter(values)
    best = max(counts.values())
    return next(value for value in counts if counts[value] == best), best


def _best_actor(actors: list[Actor]) -> Actor | None:
    """The actor most reports name, by country and sector; a filled sector beats an empty one."""
    if not actors:
        return None
    (country, sector), _ = _vote(
        (a.country, a.sector)
        for a in actors
        if a.sector is not None or all(b.sector is None for b in actors)
    )
    chosen = [a for a in actors if (a.country, a.sector) == (country, sector)]
    name, _ = _vote(a.name for a in chosen)
    return next(a for a in chosen if a.name == name)


def canonical_record(event: CanonicalEvent) -> dict:
    """The JSON form of a canonical event, with its reports."""

    def actor(a: Actor | None):
        return None if a is None else {"name": a.name, "country": a.country, "sector": a.sector}

    return {
        "id": event.id,
        "story": event.story,
        "type": event.type,
        "mode": event.mode,
        "source": actor(event.source),
        "target": actor(event.target),
        "date": event.date.isoformat() if event.date else None,
        "date_granularity": event.date_granularity,
        "date_method": event.date_method,
        "location": None
        if event.location is None
        else {"name": event.location.name, "country": event.location.country},
        "negated": event.negated,
        "hypothetical": event.hypothetical,
        "cameo": event.cameo,
        "quad_class": event.quad_class,
        "intensity": event.intensity,
        "num_mentions": event.num_mentions,
        "num_articles": event.num_articles,
        "num_sources": event.num_sources,
        "first_seen": event.first_seen.isoformat() if event.first_seen else None,
        "last_seen": event.last_seen.isoformat() if event.last_seen else None,
        "reports": [
            {
                "article": r.article_id,
                "event": r.event_id,
                "sentence": list(r.sentence),
                "outlet": r.outlet,
            }
            for r in event.reports
        ],
    }


def _linked(result: Result, story: str, canonical_ids: dict[str, str]) -> Result:
    """A result with its story and each event's merged event."""
    return replace(
        result,
        story=story,
        events=tuple(replace(e, canonical_id=canonical_ids.get(e.id)) for e in result.events),
    )


class StoryLinker:
    """The cross-article stage: puts each coded article in its story, gives each event its
    canonical id and adds the contradictions the article's arrival reveals to its problems."""

    def __init__(self, clusterer: StoryClusterer | None = None, merger: EventMerger | None = None):
        self.clusterer = clusterer or StoryClusterer()
        self.merger = merger or EventMerger()

    def link(self, result: Result) -> Result:
        """Place one article of a stream, for good: its story and merged events. An article the
        linker holds already (coded again: changed, forced, or a rerun after an interruption)
        keeps its story and replaces its reports in the merged events, so every count stays as
        if it had come once."""
        story = self.clusterer.assignments.get(result.article.id)
        if story is None:
            story = self.clusterer.add(result, keep=False)
        return self._merge(result, story)

    def _merge(self, result: Result, story: str) -> Result:
        known = self.merger.known(result, story)
        if known is not None:  # linked before as it is: the same merged events, contradictions
            found = tuple(self.merger.contradicted.get(result.article.id, ()))
            return replace(_linked(result, story, known), problems=result.problems + found)
        self.merger.withdraw(result.article.id, story)
        seen = len(self.merger.problems)
        ids = self.merger.add(result, story)
        return replace(
            _linked(result, story, ids),
            problems=result.problems + tuple(self.merger.problems[seen:]),
        )

    @classmethod
    def resume(cls, store) -> StoryLinker:
        """The linker an earlier run saved in ``store`` (its stories go on), else a new one."""
        return store.load_linker() or cls()

    def commit(
        self,
        store,
        items: list,
        run_id: str,
        data_version: str = "",
        idle_articles: int = IDLE_STORIES,
    ) -> dict[str, int]:
        """Store linked items with the merged events and stories they touched and this linker,
        in one transaction (``Store.write``): what is stored and what the linker remembers
        never part. Idle stories are forgotten first (they stay in the store); contradictions
        are dropped from memory, as they go into the store with their articles."""
        merged, stories = self._touched(items, idle_articles)
        return store.write(items, run_id, data_version, merged=merged, stories=stories, linker=self)

    def _touched(self, items: list, idle_articles: int) -> tuple[list, list]:
        """The merged events and stories of the stories ``items`` were linked into, as they
        stand; then idle stories are forgotten and contradictions dropped from memory."""
        touched = {item.story for item in items if isinstance(item, Result) and item.story}
        merged = self.merger.events(touched)
        stories = self.clusterer.stories(touched)
        self.merger.problems.clear()
        self.prune(idle_articles)
        return merged, stories

    def link_store(self, store, batch: int = 500, idle_articles: int = IDLE_STORIES) -> int:
        """Link, as a stream in date order, the stored articles no story holds yet (those a batch
        run loaded): ``batch`` at a time, their stories, merged events and contradictions go
        into the store with the linker, in one transaction. An article the linker holds
        already (loaded again, changed) replaces its reports (``link``). Returns how many
        articles were linked."""
        buffer: list[Result] = []
        linked = 0
        for result in store.unlinked():
            buffer.append(self.link(result))
            failpoints.reach("link")
            if len(buffer) >= batch:
                linked += self._commit_links(store, buffer, idle_articles)
        return linked + (self._commit_links(store, buffer, idle_articles) if buffer else 0)

    def _commit_links(self, store, buffer: list[Result], idle_articles: int) -> int:
        merged, stories = self._touched(buffer, idle_articles)
        store.write_links(buffer, merged=merged, stories=stories, linker=self)
        count = len(buffer)
        buffer.clear()
        return count

    def prune(self, idle_articles: int) -> list[str]:
        """Forget stories idle for ``idle_articles`` articles, in the clusterer and the merger
        alike."""
        gone = self.clusterer.prune(idle_articles)
        self.merger.forget(gone)
        return gone

    def link_all(self, items: Iterable, refine: bool = False) -> Iterator:
        """Link every ``Result`` of a stream in turn; other items (failed inputs) pass through.
        With ``refine`` the items are a batch: every article is placed first, the stories are
        refined (``StoryClusterer.refine``), and only then are events merged and the items given
        out."""
        if not refine:
            for item in items:
                yield self.link(item) if isinstance(item, Result) else item
            return
        items = list(items)
        for item in items:
            if isinstance(item, Result) and item.article.id not in self.clusterer.assignments:
                self.clusterer.add(item)
        self.clusterer.refine()
        # placed for good: a later refinement leaves them where they are
        self.clusterer.profiles.clear()
        for item in items:
            yield (
                self._merge(item, self.clusterer.assignments[item.article.id])
                if isinstance(item, Result)
                else item
            )

    def summary(self) -> list[dict]:
        """One record per story: the story, its merged events (best corroborated first) and its
        contradictions."""
        events: dict[str, list[CanonicalEvent]] = {}
        for event in self.merger.events():
            events.setdefault(event.story, []).append(event)
        contradictions: dict[str, list[str]] = {}
        for problem in self.merger.problems:
            story_id = self.clusterer.assignments.get(problem.where or "")
            contradictions.setdefault(story_id or "", []).append(problem.message)
        out = []
        for story in self.clusterer.stories():
            merged = sorted(
                events.get(story.id, []), key=lambda e: (-e.num_sources, -e.num_mentions)
            )
            out.append(
                story_record(story)
                | {
                    "events": [canonical_record(e) for e in merged],
                    "contradictions": contradictions.get(story.id, []),
                }
            )
        return out
