"""The one ingest flow: its options (skip unchanged, commit every N, refine), failed inputs
stored as problems, and the summary it returns; on the team's sample articles."""

from __future__ import annotations

import pytest

from eventwire.ingest import ingest
from eventwire.model import Problem
from eventwire.stages.read import read_bytes, read_inputs
from eventwire.store import Store
from tests.conftest import EXAMPLES, SAMPLE_ARTICLES

GENEVA = [str(EXAMPLES / name) for name in ("01-geneva-wire34.txt", "03-geneva-wire12.txt")]


def _stop_after(count: int):
    """An ``on_item`` that stops the run (as Ctrl-C would) once ``count`` items went by."""
    seen = []

    def on_item(item) -> None:
        if len(seen) == count:
            raise KeyboardInterrupt
        seen.append(item)

    return on_item


def test_ingest_skips_articles_stored_from_the_same_text_unless_told_not_to(tmp_path, pipeline):
    with Store(tmp_path / "s.duckdb") as store:
        first = ingest(read_inputs(GENEVA), store, pipeline)
        again = ingest(read_inputs(GENEVA), store, pipeline)
        forced = ingest(read_inputs(GENEVA), store, pipeline, skip_unchanged=False)
        assert store.count("articles") == 2
    assert (first.articles, first.unchanged, first.stories) == (2, 0, 1)
    assert (again.articles, again.unchanged, again.stored) == (0, 2, ())
    assert (forced.articles, forced.unchanged) == (2, 0)


def test_ingest_commits_every_n_articles_so_an_interruption_keeps_them(tmp_path, pipeline):
    db = tmp_path / "resume.duckdb"
    with Store(db) as store, pytest.raises(KeyboardInterrupt):
        ingest(
            read_inputs([str(EXAMPLES)]), store, pipeline, commit_every=5, on_item=_stop_after(8)
        )
    with Store(db) as store:
        assert store.count("articles") == 5
        summary = ingest(read_inputs([str(EXAMPLES)]), store, pipeline)
        assert (summary.articles, summary.unchanged) == (SAMPLE_ARTICLES - 5, 5)
        assert store.count("articles") == SAMPLE_ARTICLES


def test_a_refined_ingest_stores_nothing_until_every_article_is_coded(tmp_path, pipeline):
    db = tmp_path / "refined.duckdb"
    with Store(db) as store, pytest.raises(KeyboardInterrupt):
        ingest(read_inputs(GENEVA), store, pipeline, refine=True, on_item=_stop_after(0))
    with Store(db) as store:
        assert store.count("articles") == 0
        summary = ingest(read_inputs(GENEVA), store, pipeline, refine=True)
        assert summary.articles == 2 and summary.merged_events == store.count("canonical_events")


def test_inputs_that_fail_are_refused_and_stored_as_problems(tmp_path, pipeline):
    data = b'{"text": "Iran accused Israel of sabotage."}\n{broken\n'
    with Store(tmp_path / "p.duckdb") as store:
        summary = ingest(read_bytes(data, "feed.jsonl", "jsonl"), store, pipeline)
        stored = store.problems(code="malformed_record")
    assert (summary.articles, summary.failed) == (1, 1)
    assert [p.code for p in summary.refused] == ["malformed_record"]
    assert all(isinstance(p, Problem) for p in summary.refused)
    assert [row["origin"] for row in stored] == ["feed.jsonl:2"]
    assert summary.problems >= 1 and summary.counts()["articles"] == 1


def test_overlapping_ingests_in_turn_count_every_article_once(tmp_path, pipeline):
    """As the API's requests do: ingests in turn, each resuming the saved linker, over
    overlapping sets of articles coded again: every article in one story, counted once, and
    the same store as one ingest of them all."""
    files = sorted(str(path) for path in EXAMPLES.glob("*.txt"))
    with Store(tmp_path / "turns.duckdb") as store:
        for begin in range(0, len(files), 3):
            ingest(read_inputs(files[begin : begin + 6]), store, pipeline, skip_unchanged=False)
        turns = store.check()
        stories = store.stories(limit=100)
    with Store(tmp_path / "once.duckdb") as store:
        ingest(read_inputs(files), store, pipeline)
        once = store.check()
    assert turns["findings"] == {} and once["findings"] == {}
    assert {**turns["counts"], "runs": 0} == {**once["counts"], "runs": 0}
    assert sum(story["articles"] for story in stories) == len(files)
