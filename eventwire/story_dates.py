"""Dating undated articles from their stories: an article that came without a date and sits in
a story with articles that came with one is coded again on the day the story and its own text
agree on (``Pipeline.run(..., story_dates=...)``; the day is chosen in
``stages/when/story.py``), and linked again in place of its first reading.

In: a stream of linked items (``StoryLinker.link_all``). Out: the same items, every article
with a date given passed on at once; the undated ones are held back until the end of the stream
(or until more than ``hold`` wait), then dated from the stories as they then stand. An article
whose story has no dated report is passed on as it was (undated, or dated from its text alone).

The evidence (``StoryDates``) comes from the story linker's merger: the dates the story's other
articles state (``Result.stated_date``: never dates inferred or taken from a story, so no article
dates another with a date it was only lent), and, for each event of the article, the days those
reports state (their own words date it, to the day) for the events that could be the same
happening.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterable, Iterator
from dataclasses import replace

from .merge import STATED, EventMerger, StoryLinker, could_be_one
from .model import Event, Problem, Result, StoryDates
from .pipeline import Pipeline

HOLD = 1000  # undated articles a stream holds back at most, waiting for dated reports


def story_dates(result: Result, merger: EventMerger) -> StoryDates | None:
    """What the dated reports of ``result``'s story say of its date, or None when the story has
    no other article with a given date (or the article has a date of its own). An event's
    anchor days are the days the dated reports state for every event of theirs that could be
    the same happening (``merge.could_be_one``, dates aside), not only for the merged event it
    joined: an undated report joins the first of several such events."""
    if result.story is None or result.stated_date is not None:
        return None
    given = {
        article_id: day
        for article_id, day in merger.given_dates.get(result.story, {}).items()
        if article_id != result.article.id
    }
    if not given:
        return None
    dated = [
        told.event
        for canonical in merger.by_story.get(result.story, ())
        for told in canonical.told
        if told.article_id in given
        and told.event.date is not None
        and told.event.date_method in STATED
        and told.event.date_granularity == "day"
    ]
    anchors = []
    for event in result.events:
        undated = replace(event, date=None)
        days = sorted(
            {d.date for d in dated if d.date and could_be_one(undated, d) and _told_alike(event, d)}
        )
        if days:
            anchors.append((event.trigger, tuple(days), event.future))
    return StoryDates(result.story, tuple(sorted(given.values())), tuple(anchors))


def _told_alike(event: Event, other: Event) -> bool:
    """Does the dated report ``other`` fill every slot the undated ``event`` fills, with the
    same country? An empty slot agrees with any actor when events merge, but a report that
    leaves empty what the article names (or names another country) is no evidence of the
    day; the article's own empty slot may be a miss of its parse."""
    pairs = ((event.source, other.source), (event.target, other.target))
    return all(
        a is None or (b is not None and a.actor.country == b.actor.country) for a, b in pairs
    )


class StoryDater:
    """Holds back a stream's undated articles and codes each again on its story's date."""

    def __init__(self, pipeline: Pipeline, linker: StoryLinker, hold: int = HOLD):
        self.pipeline = pipeline
        self.linker = linker
        self.hold = hold

    def date_all(self, items: Iterable[Result | Problem]) -> Iterator[Result | Problem]:
        """The linked stream, undated articles last, each dated from its story when it can be."""
        held: deque[Result] = deque()
        for item in items:
            if isinstance(item, Result) and item.stated_date is None:
                held.append(item)
                if len(held) > self.hold:
                    yield self.redate(held.popleft())
                continue
            yield item
        while held:
            yield self.redate(held.popleft())

    def redate_stored(self, stored: Iterable[Result], skip: Collection[str] = ()) -> list[Result]:
        """Stored articles that came without a date (``Store.undated_in``; but those of
        ``skip``, coded in this run), each coded again on the date its story now gives it: a
        story that gained a dated report may date, or date better, what it could not before.
        Only those whose story dates them are returned, linked again."""
        out = []
        for result in stored:
            redated = result if result.article.id in skip else self.redate(result)
            if redated is not result:
                out.append(redated)
        return out

    def redate(self, result: Result) -> Result:
        """``result`` coded again on the date its story gives it and linked again in place of
        its first reading; as it was when the story dates nothing."""
        evidence = story_dates(result, self.linker.merger)
        if evidence is None:
            return result
        article = replace(result.article, date=None)
        (item,) = list(self.pipeline.run([article], story_dates={article.id: evidence}))
        if not isinstance(item, Result):  # it was coded once; a second failure keeps the first
            return result
        return self.linker.link(item)
