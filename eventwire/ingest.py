"""The one ingest flow: read articles → code them (``Pipeline``) → link them into stories
(``merge.StoryLinker``) → store them. ``eventwire ingest``, ``demo`` and ``watch`` and the
API's ``POST /ingest`` all call ``ingest``; ``eventwire batch --db`` calls ``load_parts``, the
same flow for articles coded on a cluster.

In: articles (and Problems for inputs that could not be read), as ``stages.read`` gives them.
Out: the store, and an ``IngestSummary`` of the run.

Options, each explicit:
- ``skip_unchanged``: an article stored before from the same text by the same data version
  is not coded again (re-ingesting changes nothing; an interrupted ingest resumes).
- ``commit_every``: articles are committed in transactions of this many. Each transaction
  holds the articles, everything coded from them, the merged events and stories they touched
  and the story linker that placed them (``StoryLinker.commit``), so a run killed at any
  moment leaves the store as its last commit left it, and a rerun goes on from there: the
  committed articles are skipped, the others coded and linked again as if for the first time.
- ``refine``: the run's articles are all coded first, their stories refined as one batch
  (as ``eventwire stories`` does), and only then stored, in one transaction: better stories,
  but an interrupted run stores nothing.
Articles that come without a date are stored last: each waits for the end of the run (or
until ``story_dates.HOLD`` wait), then is coded again on the date its story's dated reports
give it, when they give one (``story_dates.StoryDater``), against the stories of this run and
those the saved linker holds. Undated articles stored by earlier runs are coded again the same
way when their story gains a dated report, in the run's last transaction.
Every input that failed is stored as a problem row. An article coded again (changed, or with
``skip_unchanged`` off) replaces its stored rows and its reports in the merged events, so
counts never hold it twice. The saved linker lets stories go on across runs.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from . import failpoints
from .merge import IDLE_STORIES, StoryLinker
from .model import Article, Problem, Result
from .pipeline import Pipeline, is_failure
from .store import Store
from .story_dates import StoryDater

COMMIT_EVERY = 50  # articles per transaction


@dataclass(frozen=True, slots=True)
class IngestSummary:
    """What a run stored. ``problems`` counts problem rows, failed inputs included."""

    run_id: str
    articles: int = 0  # articles coded and stored
    events: int = 0
    problems: int = 0
    failed: int = 0  # inputs that could not be coded (``pipeline.is_failure``)
    unchanged: int = 0  # articles skipped: stored before from the same text and data
    stories: int = 0  # stories the run touched
    merged_events: int = 0  # merged events of those stories
    linked: int = 0  # articles put into stories (by ``load_parts``: the articles loaded)
    stored: tuple[str, ...] = ()  # ids of the articles stored
    refused: tuple[Problem, ...] = ()  # the inputs that could not be coded

    def counts(self) -> dict[str, int]:
        return {"articles": self.articles, "events": self.events, "problems": self.problems}


def new_run_id(prefix: str = "") -> str:
    return f"{prefix}{uuid.uuid4().hex[:12]}"


def ingest(
    items: Iterable[Article | Problem],
    store: Store,
    pipeline: Pipeline,
    *,
    skip_unchanged: bool = True,
    commit_every: int = COMMIT_EVERY,
    refine: bool = False,
    linker: StoryLinker | None = None,
    idle: int = IDLE_STORIES,
    run_id: str | None = None,
    progress: Callable[[Iterable], Iterable] | None = None,
    on_item: Callable[[Result | Problem], None] | None = None,
) -> IngestSummary:
    """Code, link and store ``items`` (see the module's docstring for the options).

    ``linker`` continues given stories (the live feed keeps one across cycles); by default the
    linker the store saved is resumed. Stories no article joined in the last ``idle`` articles
    are forgotten by the linker (they stay in the store). ``progress`` wraps the stream of
    coded items (a progress bar); ``on_item`` sees each item as it is stored."""
    run_id = run_id or new_run_id()
    linker = linker if linker is not None else StoryLinker.resume(store)
    stored_before = store.stored_versions() if skip_unchanged else {}
    skipped: list[str] = []

    def fresh(stream: Iterable[Article | Problem]) -> Iterator[Article | Problem]:
        for item in stream:
            if isinstance(item, Article) and stored_before.get(item.id) == (
                hashlib.md5(item.text.encode("utf-8")).hexdigest(),
                pipeline.data_version,
            ):
                skipped.append(item.id)
                continue
            yield item

    coded: Iterable[Result | Problem] = pipeline.run(fresh(items))
    if progress is not None:
        coded = progress(coded)
    totals = {"articles": 0, "events": 0, "problems": 0}
    touched: set[str] = set()
    stored: list[str] = []
    refused: list[Problem] = []
    buffer: list[Result | Problem] = []
    # a refined batch is placed whole before it is stored: it commits once, at the end
    every = commit_every if not refine else None

    def flush() -> None:
        written = linker.commit(store, buffer, run_id, pipeline.data_version, idle)
        for key in totals:
            totals[key] += written[key]
        buffer.clear()

    dater = StoryDater(pipeline, linker)
    newly_dated: set[str] = set()  # stories that gained a dated report in this run
    for item in dater.date_all(linker.link_all(_reaching(coded), refine)):
        failpoints.reach("link")
        if on_item is not None:
            on_item(item)
        if isinstance(item, Result):
            stored.append(item.article.id)
            if item.story:
                touched.add(item.story)
                if item.stated_date is not None:
                    newly_dated.add(item.story)
        elif is_failure(item):
            refused.append(item)
        buffer.append(item)
        if every is not None and len(buffer) >= every:
            flush()
    if newly_dated:
        # the undated articles stored by earlier runs in those stories, dated again
        buffer.extend(dater.redate_stored(store.undated_in(newly_dated), set(stored)))
    if buffer:
        flush()
    elif not stored:  # a run that stored nothing is recorded all the same (adding nothing
        # to a run of several calls that stored before)
        store.add_to_run(run_id, pipeline.data_version, {})
    return IngestSummary(
        run_id,
        **totals,
        failed=len(refused),
        unchanged=len(skipped),
        stories=len(touched),
        merged_events=len(linker.merger.events(touched)),
        linked=len(stored),
        stored=tuple(stored),
        refused=tuple(refused),
    )


def _reaching(coded: Iterable[Result | Problem]) -> Iterator[Result | Problem]:
    """The coded stream, passing the ``code`` failpoint at each item."""
    for item in coded:
        failpoints.reach("code")
        yield item


def load_parts(
    store: Store,
    folder: str,
    run_id: str | None = None,
    data_version: str = "",
    pipeline: Callable[[], Pipeline] | None = None,
) -> IngestSummary:
    """The flow's end for articles coded elsewhere (``eventwire batch --format parquet``): load
    the Parquet parts in ``folder`` into the store, then link the loaded articles, in date
    order, on from the stories the store holds, and save the linker. With ``pipeline`` (a
    function that gives one, called only when needed), the stored undated articles of the
    stories this load touched that hold dated ones are then coded again on the date their
    story gives them, as ``ingest`` does, in one more transaction of the same run."""
    run_id = run_id or new_run_id("batch-")
    loaded = store.import_parts(folder, run_id=run_id, data_version=data_version)
    failpoints.reach("loaded")
    linker = StoryLinker.resume(store)
    placed = set(linker.clusterer.assignments)
    linked = linker.link_store(store)
    given, assignments = linker.merger.given_dates, linker.clusterer.assignments
    touched = {assignments[article] for article in set(assignments) - placed}
    dated = {story for story in touched if given.get(story)}
    undated = store.undated_in(dated) if pipeline is not None and dated else []
    if pipeline is not None and undated:
        coder = pipeline()
        redated = StoryDater(coder, linker).redate_stored(undated)
        if redated:
            linker.commit(store, redated, run_id, coder.data_version)
    return IngestSummary(run_id, loaded["articles"], loaded["events"], linked=linked)
