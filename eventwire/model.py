"""The data model: frozen dataclasses shared by every stage, the store and the API.

Spans are (start, end) character offsets into ``Article.text`` (end exclusive),
so every record points back at its evidence. Dates are ``datetime.date``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

Span = tuple[int, int]

PLOVER_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read. ``text`` is exactly what the offsets index."""

    id: str
    text: str
    title: str | None = None
    date: dt.date | None = None
    source: str | None = None  # the outlet
    url: str | None = None
    origin: str | None = None  # file path, "path:line" or "<stdin>"
    # Layout found by the normalizer: the spans that hold body text, the title lines
    # and the trailing source line. Empty until the normalize stage has run.
    body: tuple[Span, ...] = ()
    titles: tuple[Span, ...] = ()
    trailer: Span | None = None
    # Non-fatal problems met while reading (e.g. undecodable bytes replaced).
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True, slots=True)
class Actor:
    """A coded actor: canonical name, country (ISO alpha-3 or IGO code) and sector."""

    name: str
    country: str | None = None
    sector: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of text that refers to an actor."""

    start: int
    end: int
    text: str
    actor: Actor
    kind: str = (
        "name"  # country | metonym | organization | person | role | place | name (+ "_inferred")
    )
    head: int = -1  # offset of the head token, for matching to the parse
    # how the actor was decided: gazetteer, in-text role, registry, coreference; a resolution
    # the text does not settle adds "low confidence: <why>"
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class TimeExpression:
    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str  # TIMEX3 value, e.g. 2022-01-10, 2022-W02, P3D, PAST_REF
    anchor: dt.date | None = None
    granularity: str | None = None  # day | week | month | year | ... for DATE values
    is_relative: bool = False


@dataclass(frozen=True, slots=True)
class DateEstimate:
    """An inferred article date: the chosen day, the window of equally good days, how sure, and
    why."""

    date: dt.date | None
    earliest: dt.date | None
    latest: dt.date | None
    confidence: float
    evidence: tuple[str, ...]

    def describe(self) -> str:
        window = (
            f"{self.earliest}..{self.latest}"
            if self.earliest != self.latest
            else str(self.earliest)
        )
        evidence = "; ".join(self.evidence)
        return (
            f"{self.date} (window {window}, confidence {self.confidence:.2f}; evidence: {evidence})"
        )


@dataclass(frozen=True, slots=True)
class StoryDates:
    """What the dated reports of its story say about when an undated article was written
    (``story_dates.py`` gathers it, the pipeline weighs it with the article's own text).

    ``reports`` are the publication dates the other articles of the story state; ``anchors``
    the events of this article the dated reports tell too, each as its trigger span, the days
    the dated reports give the events that may be the same happening (same type and sides) and
    whether this article tells it as still to come."""

    story: str
    reports: tuple[dt.date, ...]
    anchors: tuple[tuple[Span, tuple[dt.date, ...], bool], ...] = ()

    def describe(self) -> str:
        days = ", ".join(sorted({d.isoformat() for d in self.reports}))
        shared = f"; {len(self.anchors)} events they date too" if self.anchors else ""
        return f"{len(self.reports)} dated reports of story {self.story} ({days}){shared}"


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None = None
    start: int = -1
    end: int = -1
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    content: Span
    source: Span | None = None
    cue: Span | None = None
    speaker: Actor | None = None
    direct: bool = True
    medium: Span | None = (
        None  # the channel named with the cue: "told CNN", "in an interview with ABC"
    )


@dataclass(frozen=True, slots=True)
class Problem:
    code: str  # one of errors.PROBLEM_CODES
    message: str
    where: str | None = None  # file, "file:line" or record id
    stage: str | None = None
    span: Span | None = None


# the ``Event.date_method`` values that mean the text's own words dated the event
STATED_DATE_METHODS = ("explicit", "relative")


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    article_id: str
    sentence: Span
    trigger: Span
    type: str
    mode: str | None
    source: Mention | None
    target: Mention | None
    date: dt.date | None
    date_granularity: str | None  # day | week | month | year
    date_method: str | None  # explicit | relative | article_date
    location: Place | None
    negated: bool
    hypothetical: bool
    future: bool
    cameo: str
    quad_class: int
    intensity: float
    confidence: float
    rule: str = ""  # which lexicon entry / pattern fired (explanation)
    reported_by: Actor | None = None  # the speaker when the trigger lies inside a quote
    reported: str | None = None  # direct | paraphrase (how the speaker's words are given)
    canonical_id: str | None = None  # the merged event across the story's articles (merge.py)
    # the time expression that dated it ("explicit", "relative"; for "narrative", the one that
    # dated the event it follows); None when the article's or the story's day dates it
    date_span: Span | None = None
    # one act of two sides together ("Armenia and Azerbaijan met", "their ministers signed"):
    # which is source and which target is arbitrary, and the event reads the same either way
    mutual: bool = False


@dataclass(frozen=True, slots=True)
class Story:
    """Articles about the same happening, as ``stories.StoryClusterer`` grouped them."""

    id: str
    title: str
    article_ids: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()  # country codes of the coded actors, most mentioned first
    places: tuple[str, ...] = ()  # place names, most mentioned first
    first_date: dt.date | None = None  # the earliest and latest known article dates
    last_date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Report:
    """One article's telling of a canonical event: where to read it and who published it."""

    article_id: str
    event_id: str
    sentence: Span
    outlet: str | None  # the article's outlet; None when it names none
    article_date: dt.date | None


@dataclass(frozen=True, slots=True)
class CanonicalEvent:
    """One real-world event as the articles of a story report it (``merge.EventMerger``).

    Each field holds the value most reports support; a date or place a report states
    outweighs one taken from an article's date or left empty.
    """

    id: str
    story: str
    type: str
    mode: str | None
    source: Actor | None
    target: Actor | None
    date: dt.date | None
    date_granularity: str | None
    date_method: str | None  # explicit | relative | article_date, of the value chosen
    location: Place | None
    negated: bool
    hypothetical: bool
    cameo: str
    quad_class: int
    intensity: float
    reports: tuple[Report, ...] = ()
    num_mentions: int = 0
    num_articles: int = 0
    num_sources: int = 0  # distinct outlets; an article naming none counts as its own
    first_seen: dt.date | None = None  # the earliest and latest dates of the reporting articles
    last_seen: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Result:
    """Everything the pipeline found in one article."""

    article: Article
    events: tuple[Event, ...] = ()
    mentions: tuple[Mention, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    places: tuple[Place, ...] = ()
    quotes: tuple[Quote, ...] = ()
    problems: tuple[Problem, ...] = ()
    date_source: str | None = None  # given | inferred | story | None
    date_estimate: DateEstimate | None = None  # how a missing date was inferred
    data_version: str = ""
    stage_seconds: dict[str, float] = field(default_factory=dict, compare=False)
    story: str | None = None  # the story the article was grouped into (stories.py), once linked

    @property
    def stated_date(self) -> dt.date | None:
        """The date the article states for itself: given with it, or in a dateline under its
        title; None when its date was inferred from its text or lent by its story."""
        if self.date_source == "given":
            return self.article.date
        estimate = self.date_estimate
        if (
            self.date_source == "inferred"
            and estimate is not None
            and estimate.evidence
            and estimate.evidence[0].startswith(DATELINE_EVIDENCE)
        ):
            return self.article.date
        return None


DATELINE_EVIDENCE = "dateline "  # how an article date read from a dateline is explained
