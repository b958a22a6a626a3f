"""The pipeline: the stage list and the runner.

After loading (spaCy model, lexicons, gazetteers: once per process), extracting
from an article is a pure function Article -> Result, so the same code runs in a
test, on a laptop or on a cluster worker. The runner batches spaCy parsing,
times every stage and applies the error policy: ``on_error="raise"`` for tests
and development, ``"record"`` for batch runs (a failing article becomes a
Problem and the batch goes on). Under ``"record"`` no article can stop a batch:
whatever a stage raises (a bug, a RecursionError on freak input, spaCy refusing a
text) becomes a ``stage_failed`` Problem naming the article and the stage.

Cost limit. An article longer than ``Settings.max_article_chars`` is refused before it
is normalized (``too_long``, see ``check_length``), so no single input runs for minutes.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from dataclasses import fields as dataclass_fields

from . import lexicons
from .errors import FATAL_CODES, InputError, StageError
from .model import (
    Article,
    DateEstimate,
    Event,
    Mention,
    Place,
    Problem,
    Quote,
    Result,
    StoryDates,
    TimeExpression,
)
from .pairs.dyad import DyadModel
from .pairs.encoder import PairEncoder, PairText
from .pairs.vote import decide_pair, pair_votes
from .settings import Settings
from .stages.actors import ActorIndex, ActorResolver
from .stages.artifacts import find_artifacts
from .stages.events import EventCoder
from .stages.events.selection import ArgumentModel
from .stages.normalize import normalize_article
from .stages.parse import MAX_SENTENCE_TOKENS, Parser, Segment, split_long_sentences
from .stages.quoted import mark_reported, the_speakers_own_words, victims_of_the_reporting_side
from .stages.quotes import QuoteFinder
from .stages.read import newest_date
from .stages.when import TimeFinder, date_events, find_dates_in_lines, infer_article_date
from .stages.when.article_date import feasible_window, gather_clues
from .stages.when.story import (
    NARROW,
    agreement,
    best_days,
    first_report_day,
    lead_bonus,
    story_days,
)
from .stages.where import PlaceFinder, load_places


@dataclass
class _Work:
    """What the stages of one article hand down to each other (a stage's ``requires`` and
    ``assigns`` name these fields)."""

    article: Article
    clean: str = ""
    segments: list[Segment] = field(default_factory=list)
    actors: ActorIndex = field(default_factory=ActorIndex)
    events: list[Event] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    # sentences machine translation invented
    artifacts: list[tuple[int, int]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    date_source: str | None = None
    date_estimate: DateEstimate | None = None
    # the day an undated article is read against (``Pipeline.run`` sets it)
    now: dt.date = field(default_factory=dt.date.today)
    # what the dated reports of its story say of an undated article (``Pipeline.run``), and the
    # days they allow within its text's window (``article_date``)
    story_dates: StoryDates | None = None
    story_days: list[dt.date] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Stage:
    """One step after parsing: the fields of the work it reads and the fields it writes."""

    name: str
    run: Callable[[_Work], None]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


# What the runner gives every article before the first stage: the article itself, its
# normalized text, the parsed segments, the problems the reader found, the day undated
# articles are read against and what an undated article's story says of its date.
GIVEN = ("article", "clean", "segments", "problems", "now", "story_dates")


def check_order(stages: Sequence[Stage]) -> None:
    """Fail at load time when a stage reads a field no earlier stage (nor the runner) wrote."""
    fields = {f.name for f in dataclass_fields(_Work)}
    available = set(GIVEN)
    for stage in stages:
        unknown = [name for name in (*stage.requires, *stage.assigns) if name not in fields]
        if unknown:
            raise ValueError(f"stage {stage.name!r} names unknown fields {unknown}")
        missing = [name for name in stage.requires if name not in available]
        if missing:
            raise ValueError(
                f"stage {stage.name!r} requires {missing}, which no earlier stage assigns"
            )
        available.update(stage.assigns)


# An inferred article date is used only from this confidence on; below it the article stays
# undated (relative dates unresolved) and the problem says what the text narrowed it to.
MIN_DATE_CONFIDENCE = 0.5


class Pipeline:
    def __init__(self, settings: Settings | None = None, on_error: str = "record"):
        if on_error not in ("raise", "record"):
            raise ValueError("on_error must be 'raise' or 'record'")
        self.settings = settings or Settings()
        self.on_error = on_error
        dirs = tuple(self.settings.data_dirs)
        gazetteer = lexicons.load_gazetteer(dirs)
        self.data_version = lexicons.data_version(dirs)
        self.parser = Parser(batch_size=self.settings.batch_size)
        self.resolve_actors = ActorResolver(
            gazetteer, lexicons.load_cities(), lexicons.load_people(dirs)
        )
        ontology = lexicons.load_ontology(dirs)
        self.code_events = EventCoder(
            lexicons.load_triggers(dirs),
            ontology,
            lexicons.load_realis(dirs),
            lexicons.load_speech_acts(dirs, frozenset(ontology.kinds)),
            ArgumentModel.load(),
        )
        # event nouns and their types: a subject naming the event's act lends it its date
        self.event_nouns = {
            lemma: frozenset(t.type for t in triggers)
            for lemma, triggers in self.code_events.lexicon.nouns.items()
        }
        self.find_times = TimeFinder(lexicons.load_occasions(dirs))
        self.find_places = PlaceFinder(load_places(gazetteer))
        self.find_quotes = QuoteFinder(lexicons.load_cues(dirs))
        self.artifacts = lexicons.load_artifacts(dirs)
        self.dyad_model = DyadModel.load()
        # loaded on first use (torch is heavy)
        self._pair_encoder: PairEncoder | None | bool = False
        # The stages after parsing, in order; each reads and extends the work of one article.
        self.stages = [
            Stage("artifacts", self._artifacts, ("segments",), ("artifacts", "problems")),
            Stage("actors", self._actors, ("article", "segments"), ("actors", "problems")),
            Stage(
                "article_date",
                self._article_date,
                ("article", "clean", "segments", "actors", "now", "story_dates"),
                ("article", "date_source", "date_estimate", "actors", "problems", "story_days"),
            ),
            Stage(
                "events", self._events, ("article", "segments", "actors", "artifacts"), ("events",)
            ),
            # quotes before when and where: the speech acts read from quotes are dated and placed
            Stage(
                "quotes",
                self._quotes,
                ("article", "segments", "actors", "events"),
                ("quotes", "events"),
            ),
            Stage(
                "when",
                self._when,
                ("article", "clean", "segments", "events", "story_days"),
                ("times", "events", "article", "date_estimate", "problems"),
            ),
            Stage("where", self._where, ("segments", "events"), ("places", "events")),
        ]
        check_order(self.stages)

    # ---------------------------------------------------------------- stages
    def _actors(self, work: _Work) -> None:
        work.actors = self.resolve_actors(work.segments, work.article.date)
        for problem in work.actors.problems:
            work.problems.append(
                replace(
                    problem,
                    where=work.article.origin,
                    message=f"{work.article.origin}: {problem.message}",
                )
            )

    def _artifacts(self, work: _Work) -> None:
        work.artifacts = find_artifacts(work.segments, self.artifacts)
        text = work.article.text
        for start, end in work.artifacts:
            work.problems.append(
                Problem(
                    "translation_artifact",
                    f"{work.article.origin}: sentence looks invented by "
                    f"machine translation, no events coded: {text[start:end].strip()!r}",
                    work.article.origin,
                    "artifacts",
                    (start, end),
                )
            )

    def _events(self, work: _Work) -> None:
        events = self.code_events(work.article.id, work.segments, work.actors)
        work.events = [
            e
            for e in events
            if not any(a < e.trigger[1] and e.trigger[0] < b for a, b in work.artifacts)
        ]

    def _quotes(self, work: _Work) -> None:
        work.quotes = self.find_quotes(work.segments, work.actors)
        events = victims_of_the_reporting_side(
            the_speakers_own_words(
                mark_reported(work.events, work.quotes), work.quotes, work.segments
            ),
            self.resolve_actors.gazetteer.is_state,
        )
        acts = self.code_events.speech_acts(
            work.article.id, work.segments, work.actors, work.quotes, events
        )
        # artifacts hold no events, spoken or not
        spoken = [
            e
            for e in acts
            if not any(a < e.trigger[1] and e.trigger[0] < b for a, b in work.artifacts)
        ]
        work.events = self.code_events.aim_reactions(events + spoken, work.segments)

    def _article_date(self, work: _Work) -> None:
        """Infer a missing article date from the text; offices are read again on that date."""
        article = work.article
        if article.date is not None:
            return
        dateline = find_dates_in_lines(work.clean, article.titles)
        outside = None  # why the story could not date it
        if work.story_dates is not None and not dateline:
            outside = self._story_date(work)
            if outside is None:
                return
        headings = [work.clean[start:end] for start, end in article.titles]
        estimate = infer_article_date(
            work.segments, dateline, work.actors.tenures, today=work.now, headings=headings
        )
        if estimate is not None and outside is not None:
            estimate = replace(estimate, evidence=estimate.evidence + (outside,))
        work.date_estimate = estimate
        if estimate is None or estimate.date is None or estimate.confidence < MIN_DATE_CONFIDENCE:
            found = (
                f"; the text only narrows it to {estimate.earliest}..{estimate.latest} "
                f"({'; '.join(estimate.evidence)})"
                if estimate is not None
                else ""
            )
            work.problems.append(
                Problem(
                    "date_unknown",
                    f"{article.origin}: no date given and none could be "
                    f"inferred{found}; pass --date YYYY-MM-DD",
                    article.origin,
                    "article_date",
                )
            )
            if estimate is not None and estimate.earliest and estimate.latest:
                self._roles_over_window(work, estimate.earliest, estimate.latest)
            return
        work.article = article = replace(article, date=estimate.date)
        work.date_source = "inferred"
        work.problems.append(
            Problem(
                "date_inferred",
                f"{article.origin}: no date given; inferred {estimate.describe()}",
                article.origin,
                "article_date",
            )
        )
        self._reread_offices(work)

    def _roles_over_window(self, work: _Work, earliest: dt.date, latest: dt.date) -> None:
        """An article left undated has its offices checked across its window, on the days a
        quarter, a half and three quarters into it (its ends are often a tenure's first or last
        month, where the month-precise registry holds two people): a role conflict every one of
        them gives is flagged as such; one only some give is flagged as undecided, never as a
        fact."""
        width = latest - earliest
        days = sorted({earliest + width * share for share in (0.25, 0.5, 0.75)})
        found: dict[tuple | None, list[Problem]] = {}
        for day in days:
            for problem in self.resolve_actors.role_problems(work.segments, day):
                if problem.code == "role_conflict":
                    found.setdefault(problem.span, []).append(problem)
        origin, window = work.article.origin, f"{earliest}..{latest}"
        for span, problems in found.items():
            if len(problems) == len(days):
                message = (
                    f"{problems[-1].message} So on every day checked across its window {window}."
                )
            else:
                message = (
                    f"{problems[-1].message} But not on every day of its window {window} (the "
                    "office changed hands within it, or the registry cannot tell): only the "
                    "article's date can decide."
                )
            work.problems.append(
                Problem("role_conflict", f"{origin}: {message}", origin, "actors", span)
            )

    def _reread_offices(self, work: _Work) -> None:
        """Offices and role conflicts are read on the article's date: read them again when the
        registry had a say."""
        if any("registry" in m.evidence for m in work.actors.mentions):
            work.problems = [p for p in work.problems if p.stage != "actors"]
            self._actors(work)

    def _story_date(self, work: _Work) -> str | None:
        """An undated article its story can date (``StoryDates``): the candidate days the story
        allows within the text's own window; the article is read
        on the first dated report's day (a candidate), and ``when`` settles the day. Returns why
        not when the text's own dates rule the story's days out."""
        story = work.story_dates
        assert story is not None
        clues = gather_clues(work.segments)
        window = feasible_window(clues, work.actors.tenures, work.now)
        work.story_days, note = story_days(story, window)
        if not work.story_days:
            return note
        day, days = first_report_day(story, work.story_days), work.story_days
        evidence = (story.describe(),) + ((note,) if note else ())
        work.article = replace(work.article, date=day)
        work.date_source = "story"
        work.date_estimate = DateEstimate(day, days[0], days[-1], 0.5, evidence)
        self._reread_offices(work)
        return None

    def _when(self, work: _Work) -> None:
        story_dated = work.date_source == "story"
        times = self._settle_story_day(work) if story_dated else None
        article = work.article
        work.times = times if times is not None else self._times(work, article.date)
        work.events = date_events(
            work.events, work.times, work.segments, article.date, self.event_nouns
        )
        if story_dated and work.date_estimate is not None:
            estimate = work.date_estimate
            work.problems.append(
                Problem(
                    "date_from_story",
                    f"{article.origin}: no date given; dated from its story: {estimate.describe()}",
                    article.origin,
                    "article_date",
                )
                if work.date_source == "story"
                else Problem(
                    "date_unknown",
                    f"{article.origin}: no date given; its story allows "
                    f"{estimate.earliest}..{estimate.latest} and nothing settles the day "
                    f"({'; '.join(estimate.evidence)}); pass --date YYYY-MM-DD",
                    article.origin,
                    "article_date",
                )
            )

    def _times(self, work: _Work, day: dt.date | None) -> list[TimeExpression]:
        return sorted(
            find_dates_in_lines(work.clean, work.article.titles, day)
            + self.find_times(work.segments, day),
            key=lambda t: t.start,
        )

    def _settle_story_day(self, work: _Work) -> list[TimeExpression] | None:
        """The story-dated article's day: the candidate on which its events, dated from it,
        agree best with the dates the story's dated reports give them, plus the text's score
        of the day and its lead's weekday (``lead_bonus``); ``best_days`` chooses among equals.
        When more than a week of days fit equally well (confidence under
        ``MIN_DATE_CONFIDENCE``), the article stays undated. Returns the time expressions read
        on the day taken (None when undated)."""
        story, estimate = work.story_dates, work.date_estimate
        assert story is not None and estimate is not None and estimate.date is not None
        lead = work.article.body[0] if work.article.body else None
        scores, times = {}, {}
        for day in work.story_days:
            times[day] = self._times(work, day)
            scores[day] = lead_bonus(times[day], lead, day)
            if story.anchors:
                dated = date_events(work.events, times[day], work.segments, day, self.event_nouns)
                scores[day] += agreement(story, dated)
        day, ties = best_days(scores, story)
        confidence = 0.8 if len(ties) == 1 else max(0.4, 0.8 - 0.05 * len(ties))
        why = (
            f"the text and the shared events fit {ties[0]}..{ties[-1]} equally well"
            if len(ties) > 1
            else "the text and the shared events fit this day best"
        )
        if len(ties) > NARROW and day in story.reports:
            # nothing in the article tells the days apart: it goes with its dated reports
            confidence = MIN_DATE_CONFIDENCE
            why += "; taken: the day most of the dated reports were written on"
        chosen: dt.date | None = day
        if confidence < MIN_DATE_CONFIDENCE:  # more than a week of equally good days: undated
            chosen = None
            work.date_source = None
        work.article = replace(work.article, date=chosen)
        work.date_estimate = DateEstimate(
            chosen, ties[0], ties[-1], confidence, estimate.evidence + (why,)
        )
        if chosen is not None and chosen != estimate.date:
            # the offices were read on the first report's day: their problems (role conflicts)
            # are read again on the day taken, the events keep their actors (days apart)
            coded_with = work.actors
            work.problems = [p for p in work.problems if p.stage != "actors"]
            self._actors(work)
            work.actors = coded_with
        return times[day] if chosen is not None else None

    def _where(self, work: _Work) -> None:
        work.places, work.events = self.find_places(work.segments, work.events)

    # ---------------------------------------------------------------- runner
    def extract(self, article: Article) -> Result:
        """Run every stage on one article."""
        for item in self.run([article]):
            if isinstance(item, Result):
                return item
            raise InputError(item.where or article.id, item.code, item.message)
        raise AssertionError("the runner yields one item per article")

    def analyse_pair(
        self,
        text: str,
        source: tuple[int, int],
        target: tuple[int, int],
        date: dt.date | None = None,
    ):
        """The lexicon's event for a known dyad, its fit, and the learned classifier's features."""
        from .stages.read import article_id

        article, clean = normalize_article(
            Article(id=article_id(text), text=text, date=date, origin="<pair>"),
            check_language=False,
        )
        (segments,) = self.parser([(clean, article.body)])
        actors = self.resolve_actors(segments, date)
        return self.code_events.code_pair(article.id, segments, actors, source, target)

    @property
    def pair_encoder(self) -> PairEncoder | None:
        """The tuned MiniLM pair encoder, or None when its adapter file or packages are missing."""
        if self._pair_encoder is False:
            self._pair_encoder = PairEncoder.load() if self.settings.pair_encoder else None
        return self._pair_encoder  # type: ignore[return-value]

    def classify_pair(
        self,
        text: str,
        source: tuple[int, int],
        target: tuple[int, int],
        date: dt.date | None = None,
    ) -> Event | None:
        """The event between a known source and target span of a text (None when nothing fits)."""
        return self.classify_pairs([(text, source, target)], date)[0]

    def classify_pairs(
        self, pairs: list[tuple[str, tuple[int, int], tuple[int, int]]], date: dt.date | None = None
    ) -> list[Event | None]:
        """Events for many known dyads; the pair encoder reads them in batches.

        The lexicon's reading, the hashed-feature dyad model and the pair encoder vote
        (see ``decide_pair``); the event's rule says which decided.
        """
        analyses = [self.analyse_pair(text, source, target, date) for text, source, target in pairs]
        votes = pair_votes(
            analyses,
            self.dyad_model,
            self.pair_encoder,
            [PairText(text, source, target) for text, source, target in pairs],
        )
        return [
            decide_pair(analysis, vote, self.code_events.ontology)
            for analysis, vote in zip(analyses, votes)
        ]

    def run(
        self,
        items: Iterable[Article | Problem],
        batch_size: int | None = None,
        story_dates: Mapping[str, StoryDates] | None = None,
    ) -> Iterator[Result | Problem]:
        """Results in input order; a Problem for each input that could not be processed.

        Undated articles are read against the settings' ``now``, else the newest article date
        this run has been given so far, else today. Callers that can read their input twice
        find its newest date first and set ``now`` (the CLI and the batch runner do), so an
        article is coded the same wherever it stands. ``story_dates`` (article id ->
        ``StoryDates``) dates undated articles from their stories' dated reports
        (``story_dates.StoryDater`` gives them)."""
        newest: dt.date | None = None  # the newest date given so far in this run
        for batch in _batches(items, batch_size or self.settings.batch_size):
            newest = max(filter(None, (newest, newest_date(batch))), default=None)
            yield from self._run_batch(
                batch, self.settings.now or newest or dt.date.today(), story_dates or {}
            )

    def check_length(self, article: Article) -> None:
        """Refuse an article longer than ``Settings.max_article_chars`` (InputError ``too_long``).

        Refused rather than cut into parts: a text that long is not one news article but
        several run together (a feed saved as one file, a book, a dump), and coding its parts
        as one article would give them all one id, one date and one story, and link unrelated
        events. Where one article ends only the user can tell; the message says to split the
        text there (one JSON Lines record per article) or to raise the limit. The default is
        about three times our longest sample or gold text, and codes in seconds."""
        limit = self.settings.max_article_chars
        if len(article.text) > limit:
            raise InputError(
                article.origin or article.id,
                "too_long",
                f"the article is {len(article.text):,} characters long, over the limit of "
                f"{limit:,}; split it into its articles (one JSON Lines record each), or raise "
                "max_article_chars in the config file",
            )

    def _prepare(self, item: Article) -> _Work | Problem:
        """The article checked and normalized, or the Problem that stops it."""
        started = time.perf_counter()
        try:
            self.check_length(item)
            article, clean = normalize_article(item)
        except InputError as error:
            if self.on_error == "raise":
                raise
            return Problem(error.code, str(error), error.where, "normalize")
        except Exception as cause:
            if self.on_error == "raise":
                raise StageError("normalize", item.origin or item.id, cause) from cause
            return self._failure("normalize", item, cause)
        work = _Work(
            article,
            clean,
            problems=list(item.problems),
            date_source="given" if item.date else None,
        )
        work.seconds["normalize"] = time.perf_counter() - started
        return work

    @staticmethod
    def _failure(stage: str, article: Article, cause: Exception) -> Problem:
        """What a stage raised, as the article's Problem (``on_error="record"``)."""
        error = StageError(stage, article.origin or article.id, cause)
        return Problem("stage_failed", str(error), article.origin, stage)

    def _parse(self, works: list[_Work]) -> dict[int, Problem]:
        """Parse the articles in one batch; when the batch fails, each alone, so only the
        article spaCy cannot take fails. Returns the failures by index."""
        started = time.perf_counter()
        try:
            parsed = self.parser([(w.clean, w.article.body) for w in works])
        except Exception as cause:
            if len(works) > 1:
                return {
                    index: problem
                    for index, work in enumerate(works)
                    for problem in self._parse([work]).values()
                }
            article = works[0].article
            if self.on_error == "raise":
                raise StageError("parse", article.origin or article.id, cause) from cause
            return {0: self._failure("parse", article, cause)}
        share = (time.perf_counter() - started) / max(1, len(works))
        for work, segments in zip(works, parsed):
            work.segments = _without_long_sentences(work, segments)
            work.seconds["parse"] = share
        return {}

    def _run_batch(
        self, batch: list[Article | Problem], now: dt.date, story_dates: Mapping[str, StoryDates]
    ) -> Iterator[Result | Problem]:
        works = [item if isinstance(item, Problem) else self._prepare(item) for item in batch]
        pending = [w for w in works if isinstance(w, _Work)]
        for work in pending:
            work.now = now
            work.story_dates = story_dates.get(work.article.id)
        failures = self._parse(pending)
        failed_works = {id(pending[index]): problem for index, problem in failures.items()}
        for done in works:
            if isinstance(done, Problem):
                yield done
            elif id(done) in failed_works:
                yield failed_works[id(done)]
            else:
                yield self._run_stages(done) or self._result(done)

    def _run_stages(self, work: _Work) -> Problem | None:
        for stage in self.stages:
            started = time.perf_counter()
            try:
                stage.run(work)
            except Exception as cause:
                if self.on_error == "raise":
                    raise StageError(
                        stage.name, work.article.origin or work.article.id, cause
                    ) from cause
                return self._failure(stage.name, work.article, cause)
            work.seconds[stage.name] = time.perf_counter() - started
        return None

    def _result(self, work: _Work) -> Result:
        text = work.article.text
        mentions = tuple(_as_written(text, m) for m in work.actors.mentions)
        events = (
            replace(
                e,
                source=e.source and _as_written(text, e.source),
                target=e.target and _as_written(text, e.target),
            )
            for e in work.events
        )
        times = (
            t if text[t.start : t.end] == t.text else replace(t, text=text[t.start : t.end])
            for t in work.times
        )
        return Result(
            article=work.article,
            events=tuple(sorted(events, key=lambda e: e.trigger)),
            mentions=mentions,
            times=tuple(times),
            places=tuple(work.places),
            quotes=tuple(work.quotes),
            problems=tuple(work.problems),
            date_source=work.date_source,
            date_estimate=work.date_estimate,
            data_version=self.data_version,
            stage_seconds=dict(work.seconds),
        )


def _as_written(text: str, mention: Mention) -> Mention:
    """The mention with its words as the article writes them: the stages read the clean text,
    in which typographic quotes, dashes and spaces are plain ones."""
    if text[mention.start : mention.end] == mention.text:
        return mention
    return replace(mention, text=text[mention.start : mention.end])


def _without_long_sentences(work: _Work, segments: list[Segment]) -> list[Segment]:
    """The segments the stages read: a sentence over ``MAX_SENTENCE_TOKENS`` is left out (the
    stages' cost grows with its square), with a problem naming it."""
    kept, left_out = split_long_sentences(segments)
    origin = work.article.origin
    for (start, end), tokens in left_out:
        message = (
            f"{origin}: the sentence at {start}..{end} has {tokens:,} tokens, over the limit of "
            f"{MAX_SENTENCE_TOKENS} (news sentences run to a few dozen); it was not coded"
        )
        work.problems.append(Problem("long_sentence", message, origin, "parse", (start, end)))
    return kept


def _batches(items: Iterable[Article | Problem], size: int) -> Iterator[list[Article | Problem]]:
    """The items in lists of ``size`` (the last may be shorter)."""
    batch: list[Article | Problem] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def is_failure(item: Result | Problem) -> bool:
    """True when an input was not processed (the CLI's exit status turns 1)."""
    if isinstance(item, Problem):
        return item.code in FATAL_CODES
    return False
