"""Undated articles dated from the dated reports of their stories: in a batch, in a store that
gains a dated report later, and never against what the article's own text says."""

from __future__ import annotations

import datetime as dt

from eventwire.ingest import ingest
from eventwire.merge import StoryLinker
from eventwire.model import Article, Result, StoryDates
from eventwire.stages.read import read_inputs
from eventwire.store import Store
from eventwire.story_dates import StoryDater, story_dates
from tests.conftest import EXAMPLES

WIRE = str(EXAMPLES / "13-tbilisi-wire09.txt")  # undated: the protest "on Tuesday evening"
DATED = [str(EXAMPLES / "14-tbilisi-civicledger.html"), str(EXAMPLES / "15-tbilisi-northstar.txt")]
TUESDAY = dt.date(2023, 3, 7)


def _codes(result: Result) -> set[str]:
    return {p.code for p in result.problems}


def _batch(pipeline, paths: list[str]) -> list[Result]:
    linker = StoryLinker()
    linked = linker.link_all(pipeline.run(read_inputs(paths)), refine=True)
    return [r for r in StoryDater(pipeline, linker).date_all(linked) if isinstance(r, Result)]


def test_an_undated_wire_takes_its_date_from_the_dated_reports_of_its_story(pipeline):
    results = _batch(pipeline, [WIRE, *DATED])
    wire = results[-1]  # undated articles come last
    assert wire.article.origin == WIRE and wire.date_source == "story"
    assert wire.story == results[0].story == results[1].story
    # the reports are of 8 and 10 March; the wire tells Tuesday evening's protest as past and
    # the events it shares with them fit the night of Tuesday 7 March best
    assert wire.article.date in (TUESDAY, TUESDAY + dt.timedelta(days=1))
    assert "date_from_story" in _codes(wire) and "date_unknown" not in _codes(wire)
    assert wire.date_estimate is not None and "2023-03-08" in wire.date_estimate.describe()
    rallied = next(e for e in wire.events if e.type == "PROTEST")
    assert rallied.date == TUESDAY and rallied.date_method == "relative"
    # "President Garibashvili" (the prime minister) is checked on the day taken
    (conflict,) = [p for p in wire.problems if p.code == "role_conflict"]
    assert wire.article.date.isoformat() in conflict.message


def test_alone_the_wire_stays_undated(pipeline):
    (wire,) = _batch(pipeline, [WIRE])
    assert wire.date_source is None and "date_unknown" in _codes(wire)
    assert all(e.date is None for e in wire.events)


def test_the_evidence_is_the_dated_reports_and_the_days_they_give_shared_events(pipeline):
    linker = StoryLinker()
    results = list(linker.link_all(pipeline.run(read_inputs([*DATED, WIRE])), refine=True))
    wire = results[-1]
    evidence = story_dates(wire, linker.merger)
    assert evidence is not None and evidence.story == wire.story
    assert evidence.reports == (dt.date(2023, 3, 8), dt.date(2023, 3, 10))
    assert evidence.anchors and all(days for _, days, _ in evidence.anchors)
    # a dated report is never dated from its story
    assert story_dates(results[0], linker.merger) is None


def test_a_story_whose_days_the_text_rules_out_leaves_the_text_to_date_it(pipeline):
    text = (
        "Thousands of protesters rallied outside the parliament in Tbilisi on 2 May 2024, a "
        "day after lawmakers backed the bill in a third reading.\n\nPolice detained 20 people."
    )
    story = StoryDates("s", (dt.date(2023, 3, 8),))
    (result,) = pipeline.run([Article("x", text, origin="x")], story_dates={"x": story})
    assert result.date_source != "story" and "date_from_story" not in _codes(result)
    assert any("fall outside" in p.message for p in result.problems)


def test_with_nothing_to_tell_the_days_apart_an_article_goes_with_its_dated_reports(pipeline):
    text = "Envoys of both governments met in Geneva.\n\nThey agreed to meet again."
    story = StoryDates("s", (dt.date(2023, 3, 8), dt.date(2023, 3, 8), dt.date(2023, 3, 9)))
    (result,) = pipeline.run([Article("y", text, origin="y")], story_dates={"y": story})
    assert result.date_source == "story" and result.article.date == dt.date(2023, 3, 8)
    assert result.date_estimate is not None and result.date_estimate.confidence == 0.5
    (problem,) = [p for p in result.problems if p.code == "date_from_story"]
    assert (
        "2023-03-01..2023-03-10" in problem.message
        and "dated reports were written" in problem.message
    )
    # a lead told by weekday settles it: the Tuesday of that week
    text = "Envoys of both governments met in Geneva on Tuesday.\n\nThey agreed to meet again."
    (result,) = pipeline.run([Article("y", text, origin="y")], story_dates={"y": story})
    assert result.date_source == "story" and result.article.date == dt.date(2023, 3, 7)


def test_a_stored_undated_article_is_dated_when_its_story_gains_dated_reports(tmp_path, pipeline):
    with Store(tmp_path / "s.duckdb") as store:
        ingest(read_inputs([WIRE]), store, pipeline)
        ((before,),) = store.connection.execute("SELECT date_source FROM articles").fetchall()
        ingest(read_inputs(DATED), store, pipeline)
        rows = store.connection.execute(
            "SELECT date, date_source FROM articles WHERE origin = ?", [WIRE]
        ).fetchall()
        codes = {c for (c,) in store.connection.execute("SELECT code FROM problems").fetchall()}
        check = store.check()
    assert before is None
    ((date, source),) = rows
    assert source == "story" and date in (TUESDAY, TUESDAY + dt.timedelta(days=1))
    assert "date_from_story" in codes and "date_unknown" not in codes
    assert check["findings"] == {}


def test_stored_in_one_run_or_in_two_the_store_is_the_same(tmp_path, pipeline):
    with Store(tmp_path / "two.duckdb") as store:
        ingest(read_inputs([WIRE]), store, pipeline)
        ingest(read_inputs(DATED), store, pipeline)
        two = store.check()["counts"]
    with Store(tmp_path / "one.duckdb") as store:
        ingest(read_inputs([WIRE, *DATED]), store, pipeline)
        one = store.check()["counts"]
    assert {**two, "runs": 0} == {**one, "runs": 0}
