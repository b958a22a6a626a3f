"""Ingest, query and export through the CLI, on the sample articles in a real DuckDB file."""

from __future__ import annotations

import csv
import io
import json
import shutil

import duckdb
import pytest

from eventwire.cli import main
from eventwire.errors import QueryError
from eventwire.export import GDELT_COLUMNS
from eventwire.store import Store
from tests.conftest import EXAMPLES, SAMPLE_ARTICLES


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    db = tmp_path_factory.mktemp("store") / "events.duckdb"
    assert main(["ingest", str(EXAMPLES), "--db", str(db), "--quiet"]) == 0
    return db


def test_ingest_stores_articles_stories_and_merged_events(ingested):
    with duckdb.connect(str(ingested), read_only=True) as connection:
        articles, stories = connection.execute(
            "SELECT count(*), count(DISTINCT story) FROM articles"
        ).fetchone()
        merged = connection.execute("SELECT count(*) FROM canonical_events").fetchone()[0]
        stored_stories = connection.execute("SELECT count(*) FROM stories").fetchone()[0]
        actors = connection.execute("SELECT count(*) FROM actors WHERE country = 'USA'").fetchone()[
            0
        ]
    assert articles == SAMPLE_ARTICLES and stories == stored_stories == 5 and 0 < merged
    assert actors > 0


def test_ingesting_again_changes_nothing_and_an_updated_article_replaces_its_results(
    ingested, tmp_path, capsys
):
    with duckdb.connect(str(ingested), read_only=True) as connection:
        before = connection.execute("SELECT count(*) FROM events").fetchone()[0]
    assert main(["ingest", str(EXAMPLES), "--db", str(ingested), "--quiet"]) == 0
    assert f"0 articles stored ({SAMPLE_ARTICLES} unchanged" in capsys.readouterr().err
    # the same JSON Lines record id with a new text: its old events go, the new ones come
    record = json.loads(
        (EXAMPLES / "09-sanctions-feed.jsonl").read_text(encoding="utf-8").splitlines()[0]
    )
    record["text"] = "Belarus accused Poland of provoking the crisis at the border on Thursday."
    changed = tmp_path / "changed.jsonl"
    changed.write_text(json.dumps(record) + "\n", encoding="utf-8")
    copy = tmp_path / "copy.duckdb"
    shutil.copy(ingested, copy)
    assert main(["ingest", str(changed), "--db", str(copy), "--quiet"]) == 0
    with duckdb.connect(str(copy), read_only=True) as connection:
        kinds = [
            row[0]
            for row in connection.execute(
                "SELECT type FROM events WHERE article_id = ?", [record["id"]]
            ).fetchall()
        ]
        after = connection.execute("SELECT count(*) FROM events").fetchone()[0]
    assert kinds == ["ACCUSE"] and after < before


@pytest.mark.parametrize(
    "filters, check",
    [
        (
            {"actor": "Blinken"},
            lambda r: "Blinken" in (r["source_name"] or "") + (r["target_name"] or ""),
        ),
        ({"actor": "USAGOV", "type": "threaten"}, lambda r: r["type"] == "THREATEN"),
        (
            {"country": "geo", "quad_class": "4"},
            lambda r: "GEO" in (r["source_country"], r["target_country"]) and r["quad_class"] == 4,
        ),
        (
            {"since": "2022-09-13", "until": "2022-09-14"},
            lambda r: str(r["date"]) in ("2022-09-13", "2022-09-14"),
        ),
        ({"q": "ceasefire"}, lambda r: "ceasefire" in r["sentence"].lower()),
        ({"outlet": "morning post"}, lambda r: r["outlet"] == "The Morning Post"),
    ],
)
def test_query_filters(ingested, filters, check):
    with Store(ingested) as store:
        rows = store.query_events(filters, limit=50)
    assert rows and all(check(row) for row in rows)


@pytest.mark.parametrize(
    "filters, sort, parameter",
    [
        ({"type": "BOMB"}, "date", "type"),
        ({"since": "yesterday"}, "date", "since"),
        ({"quad_class": "7"}, "date", "quad_class"),
        ({"colour": "red"}, "date", "colour"),
        ({}, "date; DROP TABLE events", "sort"),
    ],
)
def test_bad_query_parameters_are_named(ingested, filters, sort, parameter):
    with Store(ingested) as store:
        with pytest.raises(QueryError) as caught:
            store.query_events(filters, sort=sort)
        assert caught.value.parameter == parameter
        assert store.count("events") > 0


def test_query_cli_prints_a_table_and_fails_cleanly_on_a_bad_type(ingested, capsys):
    assert main(["query", "--db", str(ingested), "--actor", "Lavrov"]) == 0
    assert "Sergei Lavrov" in capsys.readouterr().out
    assert main(["query", "--db", str(ingested), "--type", "BOMB"]) == 1
    assert "type: 'BOMB' is not a PLOVER type" in capsys.readouterr().err


def test_export_parquet_csv_and_plover(ingested, tmp_path, capsys):
    parquet = tmp_path / "events.parquet"
    assert (
        main(
            [
                "export",
                "--db",
                str(ingested),
                "--format",
                "parquet",
                "--output",
                str(parquet),
                "--country",
                "BLR",
            ]
        )
        == 0
    )
    with duckdb.connect() as connection:
        countries = connection.execute(
            f"SELECT DISTINCT source_country, target_country FROM '{parquet}'"
        ).fetchall()
    assert countries and all("BLR" in pair for pair in countries)
    capsys.readouterr()
    assert main(["export", "--db", str(ingested), "--format", "csv", "--type", "AGREE"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows and {row["type"] for row in rows} == {"AGREE"}
    assert (
        main(["export", "--db", str(ingested), "--format", "plover", "--story", rows[0]["story"]])
        == 0
    )
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert records and all(r["story"] == rows[0]["story"] and r["event_type"] for r in records)


def test_gdelt_export_writes_one_row_per_merged_event_with_source_counts(ingested, capsys):
    assert main(["export", "--db", str(ingested), "--format", "gdelt"]) == 0
    lines = capsys.readouterr().out.splitlines()
    header, rows = (
        lines[0].split("\t"),
        [dict(zip(lines[0].split("\t"), line.split("\t"))) for line in lines[1:]],
    )
    assert tuple(header) == GDELT_COLUMNS
    with duckdb.connect(str(ingested), read_only=True) as connection:
        merged = connection.execute("SELECT count(*) FROM canonical_events").fetchone()[0]
    assert len(rows) == merged
    talks = [
        r
        for r in rows
        if r["EventRootCode"] == "04"
        and {r["Actor1CountryCode"], r["Actor2CountryCode"]} == {"USA", "RUS"}
        and r["Day"] == "20220110"
    ]
    assert talks and max(int(r["NumSources"]) for r in talks) >= 3


def test_stories_and_merged_events_continue_across_ingest_runs(tmp_path):
    first, second, db = tmp_path / "a", tmp_path / "b", tmp_path / "c.duckdb"
    first.mkdir()
    second.mkdir()
    for name in ("01-geneva-wire34.txt", "02-geneva-dailyherald.html"):
        shutil.copy(EXAMPLES / name, first / name)
    for name in ("03-geneva-wire12.txt", "04-geneva-capitalnews.txt"):
        shutil.copy(EXAMPLES / name, second / name)
    assert main(["ingest", str(first), "--db", str(db), "--quiet"]) == 0
    assert main(["ingest", str(second), "--db", str(db), "--quiet"]) == 0
    with duckdb.connect(str(db), read_only=True) as connection:
        stories = connection.execute("SELECT count(DISTINCT story) FROM articles").fetchone()[0]
        told = connection.execute(
            "SELECT max(num_articles) FROM canonical_events WHERE type = 'CONSULT'"
        ).fetchone()[0]
        stored = connection.execute("SELECT articles FROM stories").fetchall()
    assert stories == 1 and stored == [(4,)] and told >= 3


def test_ingest_refine_stores_the_refined_stories_and_a_later_stream_goes_on(tmp_path):
    from tests.test_stories import FIRES, fire_articles, partition

    told = fire_articles()
    path = tmp_path / "fires.jsonl"
    path.write_text(
        "".join(json.dumps({"id": a.id, "text": a.text}) + "\n" for _, a in told), encoding="utf-8"
    )
    db = tmp_path / "fires.duckdb"
    assert main(["ingest", str(path), "--db", str(db), "--quiet", "--refine"]) == 0
    with duckdb.connect(str(db), read_only=True) as connection:
        stored = dict(connection.execute("SELECT id, story FROM articles").fetchall())
        stories = {
            row[0]: row[1]
            for row in connection.execute("SELECT id, articles FROM stories").fetchall()
        }
    ids = [a.id for _, a in told]
    assert partition(ids, [stored[i] for i in ids]) == partition(ids, [story for story, _ in told])
    assert all(stories[stored[i]] == sum(1 for s in stored.values() if s == stored[i]) for i in ids)
    # the next run, streamed, joins the stored stories and moves none of the stored articles
    later = tmp_path / "later.jsonl"
    (_, first), names = next((s, a) for s, a in told if s == "mills"), FIRES["mills"]
    later.write_text(
        json.dumps(
            {"id": "mills-late", "text": first.text + f" {names['chief']} thanked the crews."}
        )
        + "\n",
        encoding="utf-8",
    )
    assert main(["ingest", str(later), "--db", str(db), "--quiet"]) == 0
    with duckdb.connect(str(db), read_only=True) as connection:
        after = dict(connection.execute("SELECT id, story FROM articles").fetchall())
    assert after["mills-late"] == stored[first.id] and all(after[i] == stored[i] for i in ids)


@pytest.mark.parametrize("key", ["q", "actor", "outlet"])
def test_filters_match_literally_never_as_wildcards(ingested, key):
    """``%`` and ``_`` in a filter are characters, not LIKE wildcards: no stored text holds
    them, so nothing matches (as a wildcard, ``%`` would match everything)."""
    with Store(ingested, read_only=True) as store:
        assert store.query_events({key: "%"}) == []
        assert store.query_events({key: "_"}) == []
        assert store.query_events({key: "r%s"}) == []
        assert store.articles({"outlet": "%"}) == [] and store.actors(q="%") == []


def test_every_stored_actor_keeps_how_it_was_decided(ingested, capsys):
    with duckdb.connect(str(ingested), read_only=True) as connection:
        missing, stored, unsure = connection.execute(
            "SELECT count(*) FILTER (WHERE source_name IS NOT NULL AND source_evidence IS NULL), "
            "count(*) FILTER (WHERE source_evidence IS NOT NULL), "
            "count(*) FILTER (WHERE source_evidence LIKE '%low confidence:%' "
            "OR target_evidence LIKE '%low confidence:%') FROM events"
        ).fetchone()
    assert stored > 0 and missing == 0
    # the samples name actors whose country only the article's focus gives: they say so
    assert unsure > 0
    # and the stored rows carry it out through the query command
    assert main(["query", "--db", str(ingested), "--format", "jsonl", "--limit", "5"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line]
    assert rows and all("source_evidence" in row for row in rows)
