"""Dating from the story on real news (``eventwire eval dates --stories``): the ECB+ articles of
../shared/gold/ecbplus_stories.jsonl come without dates, so the day each was written is taken
from its own text where the text states it plainly (a dateline, or a full date its lead
corroborates: an inferred date of confidence 0.9 or more). A third of those articles then lose
every time expression of their text (blanked, offsets kept), the others are given their day,
and the whole set is coded as ``eventwire extract`` codes a folder: stories found, undated
articles dated from their stories. The figures say how many of the blanked articles their
stories dated, and how near the day they were written: within one day and within seven days,
over all of them and over those whose story holds an article given the same day.

The third is every third article in id order (``fold`` picks which), fixed before any figure
was seen; the day an article's text states is a silver truth, not an annotation.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from ..model import Article, Result

SILVER_CONFIDENCE = 0.9
STORY_NOW = dt.date(2015, 1, 1)  # the ECB+ news is of 2005-2013: undated texts read against it


def score_story_dates(path: str | Path, limit: int | None = None, fold: int = 0) -> dict:
    from ..merge import StoryLinker
    from ..pipeline import Pipeline
    from ..settings import Settings
    from ..story_dates import StoryDater

    records = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]
    articles = [_article(r) for r in records[:limit]]
    pipeline = Pipeline(Settings(now=STORY_NOW), on_error="record")
    first = {r.article.id: r for r in pipeline.run(articles) if isinstance(r, Result)}
    silver = {
        article_id: result.article.date
        for article_id, result in first.items()
        if result.article.date is not None
        and result.date_estimate is not None
        and result.date_estimate.confidence >= SILVER_CONFIDENCE
    }
    blanked = {article_id for n, article_id in enumerate(sorted(silver)) if n % 3 == fold}
    second = []
    for article in articles:
        if article.id in blanked:
            second.append(Article(article.id, _blank(first[article.id]), origin=article.id))
        elif article.id in silver:
            second.append(Article(article.id, article.text, date=silver[article.id]))
        else:
            second.append(article)
    linker = StoryLinker()
    coded = StoryDater(pipeline, linker).date_all(linker.link_all(pipeline.run(second)))
    results = {r.article.id: r for r in coded if isinstance(r, Result)}
    return _report(results, silver, blanked, linker)


def _article(record: dict) -> Article:
    title = record.get("title")
    return Article(record["id"], record["text"], title=None if title in (None, "None") else title)


def _blank(result: Result) -> str:
    """The text with every time expression the first reading found written over with spaces."""
    text = list(result.article.text)
    for expression in result.times:
        if expression.type in ("DATE", "TIME"):
            text[expression.start : expression.end] = " " * (expression.end - expression.start)
    return "".join(text)


def _report(results: dict[str, Result], silver: dict, blanked: set[str], linker) -> dict:
    given_days: dict[str, set[dt.date]] = {}
    for article_id, result in results.items():
        if article_id in silver and article_id not in blanked and result.story:
            given_days.setdefault(result.story, set()).add(silver[article_id])
    dated = near = week = same_day_near = in_dated_story = 0
    for article_id in blanked:
        coded = results.get(article_id)
        if coded is None:
            continue
        in_dated_story += bool(given_days.get(coded.story or ""))
        if coded.date_source != "story" or coded.article.date is None:
            continue
        dated += 1
        gap = abs((coded.article.date - silver[article_id]).days)
        near += gap <= 1
        week += gap <= 7
        if silver[article_id] in given_days.get(coded.story or "", set()):
            same_day_near += gap <= 1
    with_same_day = sum(
        1
        for article_id in blanked
        if article_id in results
        and silver[article_id] in given_days.get(results[article_id].story or "", set())
    )
    return {
        "task": "dates --stories",
        "records": len(results),
        "silver_dated": len(silver),
        "blanked": len(blanked),
        "in_a_story_with_a_dated_article": in_dated_story,
        "dated_from_story": round(dated / max(1, len(blanked)), 4),
        "within_1_day": round(near / max(1, len(blanked)), 4),
        "within_7_days": round(week / max(1, len(blanked)), 4),
        "within_1_day_of_dated": round(near / max(1, dated), 4),
        "story_has_same_day": with_same_day,
        "within_1_day_where_story_has_same_day": round(same_day_near / max(1, with_same_day), 4),
        "stories": len(linker.clusterer.clusters),
    }
