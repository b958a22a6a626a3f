"""The command line: the JSONL contract, formats, exit codes, help."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys

import pytest

from eventwire.cli import build_parser, main
from eventwire.serialize import ACTOR_KEYS, ARTICLE_KEYS
from tests.conftest import EXAMPLES

EVENT_KEYS = {
    "type",
    "mode",
    "source",
    "target",
    "trigger",
    "sentence",
    "date",
    "location",
    "negated",
    "hypothetical",
    "future",
    "cameo",
    "quad_class",
    "intensity",
    "confidence",
}


def _run(capsys, *argv, stdin: bytes | None = None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_extract_writes_the_jsonl_contract(capsys):
    status, out, _ = _run(
        capsys, "extract", str(EXAMPLES / "02-geneva-dailyherald.html"), "--format", "jsonl"
    )
    assert status == 0
    (line,) = out.splitlines()
    record = json.loads(line)
    assert tuple(record) == ARTICLE_KEYS
    assert record["date"] == "2022-01-07" and record["events"]
    for event in record["events"]:
        assert EVENT_KEYS <= set(event)
        for role in ("source", "target"):
            assert event[role] is None or tuple(event[role]) == ACTOR_KEYS
        assert set(event["trigger"]) == {"start", "end"} and set(event["sentence"]) == {
            "start",
            "end",
        }
        assert event["location"] is None or set(event["location"]) == {"name", "country"}
    for time in record["times"]:
        assert set(time) == {"start", "end", "text", "type", "value"}


def test_extract_offsets_index_the_plain_text_file(capsys):
    path = EXAMPLES / "01-geneva-wire34.txt"
    _, out, _ = _run(capsys, "extract", str(path), "--format", "jsonl")
    text = path.read_text(encoding="utf-8")
    record = json.loads(out)
    for event in record["events"]:
        if event["source"]:
            assert (
                text[event["source"]["start"] : event["source"]["end"]] == event["source"]["text"]
            )
    for time in record["times"]:
        assert text[time["start"] : time["end"]] == time["text"]


def test_extract_reads_jsonl_from_stdin_and_honours_date(capsys, monkeypatch):
    data = b'{"id": "r1", "text": "Russia denied the accusations on Monday."}\n'
    status, out, _ = _run(
        capsys, "extract", "-", "--date", "2022-01-12", stdin=data, monkeypatch=monkeypatch
    )
    record = json.loads(out)
    assert status == 0 and record["id"] == "r1" and record["date"] == "2022-01-12"
    assert record["events"][0]["type"] == "REJECT"


def test_extract_goes_on_after_bad_files_and_exits_1(capsys, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    (tmp_path / "good.txt").write_text("Russia denied the accusations.\n")
    (tmp_path / "german.txt").write_text(
        "Russland hat die Vorwürfe am Montag entschieden zurückgewiesen, "
        "teilte das Außenministerium in Moskau mit.\n"
    )
    status, out, err = _run(
        capsys, "extract", str(tmp_path), "--format", "jsonl", "--date", "2022-01-01"
    )
    records = [json.loads(line) for line in out.splitlines()]
    assert status == 1
    assert len(records) == 4
    assert sum(1 for r in records if r["events"]) == 1
    for name, code in (
        ("binary.txt", "binary"),
        ("empty.txt", "empty"),
        ("german.txt", "non_english"),
    ):
        assert any(name in line and "eventwire:" in line for line in err.splitlines()), err
        assert any(r["problems"] and r["problems"][0]["code"] == code for r in records)


def test_extract_csv_has_one_row_per_event(capsys):
    status, out, _ = _run(
        capsys, "extract", str(EXAMPLES / "02-geneva-dailyherald.html"), "--format", "csv"
    )
    lines = out.strip().splitlines()
    assert status == 0 and lines[0].startswith("article_id,event_id,type") and len(lines) > 2


def test_extract_table_is_readable(capsys):
    _, out, _ = _run(
        capsys, "extract", str(EXAMPLES / "02-geneva-dailyherald.html"), "--format", "table"
    )
    assert "CONSULT" in out and "->" in out


def test_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["extract", "--format", "xml"])
    assert exit_info.value.code == 2


def test_every_command_help_has_an_example():
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    for name, command in subparsers.choices.items():
        assert "Example:" in command.format_help(), name


def test_actors_command_prints_resolution_and_evidence(capsys):
    status, out, _ = _run(
        capsys,
        "actors",
        "US Secretary of State Biden met Russian Foreign Minister Sergei Lavrov in Geneva.",
        "--date",
        "2022-01-21",
    )
    assert status == 0
    assert (
        "USA/GOV" in out
        and "in-text role" in out
        and "role_conflict" in out
        and "Antony Blinken" in out
    )


def test_actors_import_reads_a_petrarch_dictionary(capsys, tmp_path):
    dictionary = tmp_path / "phoenix.txt"
    dictionary.write_text(
        "# test dictionary\nJOHN_KERRY_\n+JOHN_FORBES_KERRY\n[USAGOV 130201-170120]\n"
        "[USALEG <130131]\nSERGEY_LAVROV_ [RUSGOV >040309]\n"
    )
    out = tmp_path / "people" / "phoenix.yaml"
    status, printed, _ = _run(capsys, "actors", "import", str(dictionary), "--out", str(out))
    assert status == 0 and "2 actors" in printed
    import yaml

    people = yaml.safe_load(out.read_text())["people"]
    kerry = people[0]
    assert kerry["name"] == "John Kerry" and kerry["variants"] == ["John Forbes Kerry"]
    assert kerry["offices"][0] == {
        "office": "USAGOV",
        "country": "USA",
        "sector": "GOV",
        "start": "2013-02-01",
        "end": "2017-01-20",
    }
    assert people[1]["offices"][0]["start"] == "2004-03-09" and people[1]["country"] == "RUS"
    from eventwire.lexicons import load_people

    registry = load_people((tmp_path,))
    assert registry.find("John Forbes Kerry")[0].country == "USA"


def test_classify_pair_reads_jsonl_and_maps_plv_labels(capsys, monkeypatch):
    lines = [
        {
            "id": "a",
            "text": "Iran accused Israel of sabotage.",
            "source": {"start": 0, "end": 4},
            "target": {"start": 13, "end": 19},
        },
        {
            "id": "b",
            "text": "Israel released Palestinian prisoners to Egypt.",
            "source": {"start": 0, "end": 6},
            "target": {"start": 16, "end": 37},
        },
    ]
    data = "".join(json.dumps(line) + "\n" for line in lines).encode() + b"{broken\n"
    status, out, err = _run(
        capsys, "classify-pair", "-", "--labels", "plv", stdin=data, monkeypatch=monkeypatch
    )
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in records] == ["a", "b"]
    assert records[0]["type"] == "ACCUSE" and records[1]["type"] == "YIELD"
    assert status == 1 and "<stdin>:3" in err


def test_classify_pair_library_call():
    from eventwire import classify_pair

    event = classify_pair(
        "Jordan and Britain have agreed to hold joint exercises.", (0, 6), (11, 18)
    )
    assert event.type == "AGREE" and 0 < event.confidence <= 1 and event.rule


def test_times_command_prints_type_value_and_anchor(capsys):
    status, out, _ = _run(
        capsys,
        "times",
        "Talks are planned in Geneva on January 10th; they met last week.",
        "--date",
        "2022-01-07",
    )
    assert status == 0 and "anchor: 2022-01-07" in out
    assert "2022-01-10" in out and "2021-W52" in out


def test_extract_cameo_output_has_actor_codes_and_cameo_roots(capsys):
    status, out, _ = _run(
        capsys, "extract", str(EXAMPLES / "02-geneva-dailyherald.html"), "--cameo"
    )
    header, *rows = out.strip().splitlines()
    assert status == 0 and header.split("\t")[:4] == ["date", "source_code", "source_name", "cameo"]
    cells = [row.split("\t") for row in rows]
    assert any(c[1] == "USAGOV" and c[3].startswith("13") for c in cells)
    assert all(len(c) == len(header.split("\t")) and c[4] in "1234" for c in cells)


def test_times_takes_a_text_too_long_to_be_a_file_name(capsys):
    text = "Talks are planned in Geneva on January 10th. " * 20
    status, out, _ = _run(capsys, "times", text, "--date", "2022-01-07")
    assert status == 0 and "2022-01-10" in out


@pytest.mark.parametrize("command", ["extract", "ingest", "batch", "watch", "serve"])
def test_commands_that_code_take_now_as_the_day_undated_articles_are_read_against(command):
    required = {"batch": ["x", "--output", "out"]}.get(command, [])
    args = build_parser().parse_args([command, *required, "--now", "2022-01-12"])
    assert args.now == dt.date(2022, 1, 12)


def test_the_demo_names_where_its_articles_are_expected_when_they_are_missing(
    capsys, tmp_path, monkeypatch
):
    monkeypatch.setenv("EVENTWIRE_SAMPLES", str(tmp_path / "nowhere"))
    status, _, err = _run(capsys, "demo", "--db", str(tmp_path / "d.duckdb"))
    assert status == 2 and "nowhere" in err and "EVENTWIRE_SAMPLES" in err


def test_an_undated_article_is_coded_the_same_wherever_it_stands_in_the_input(capsys):
    # the undated wire report first, then the folder with the dated reports of its story: the
    # dates given anywhere in the input set the day it is read against, not those seen so far
    undated = EXAMPLES / "13-tbilisi-wire09.txt"
    first = _run(capsys, "extract", str(undated), str(EXAMPLES), "--format", "jsonl")[1]
    last = _run(capsys, "extract", str(EXAMPLES), str(undated), "--format", "jsonl")[1]
    alone = json.loads(_run(capsys, "extract", str(undated), "--format", "jsonl")[1])
    records = [[json.loads(line) for line in out.splitlines()] for out in (first, last)]
    wire_first, wire_last = ([r for r in rs if r["id"] == alone["id"]][-1] for rs in records)
    assert wire_first["problems"] == wire_last["problems"]
    assert wire_first["events"] == wire_last["events"]
    # undated, it comes after the dated reports of its story, dated from them; alone it stays
    # undated
    position = max(n for n, r in enumerate(records[0]) if r["id"] == alone["id"])
    undated_codes = {"date_from_story", "date_unknown", "date_inferred"}
    dated = [
        n
        for n, r in enumerate(records[0])
        if not undated_codes & {p["code"] for p in r["problems"]}
    ]
    assert max(dated) < position
    assert "date_from_story" in {p["code"] for p in wire_first["problems"]}
    assert "date_from_story" not in {p["code"] for p in alone["problems"]}


def test_extract_reads_undated_articles_against_the_newest_date_the_input_gives(capsys, tmp_path):
    feed = tmp_path / "feed.jsonl"
    undated = (
        "The two ministers first met in 2019. They met again in Geneva on Monday, January 10, "
        "to discuss security guarantees."
    )
    feed.write_text(
        json.dumps({"id": "u", "text": undated})
        + "\n"
        + json.dumps({"id": "d", "text": "Russia denied the report.", "date": "2030-03-01"})
        + "\n",
        encoding="utf-8",
    )

    def first_record(*options: str) -> dict:
        out = _run(capsys, "extract", str(feed), "--format", "jsonl", "--no-stories", *options)[1]
        return json.loads(out.splitlines()[0])

    found = first_record()
    assert found["id"] == "u"
    # the undated record comes first, yet it is read against the later record's date
    assert found == first_record("--now", "2030-03-01")
    assert found != first_record("--now", "2026-12-06")


def test_serve_takes_the_live_feed_options_watch_takes():
    argv = ["--feed", "wire.jsonl", "--interval", "2", "--idle", "10"]
    served = build_parser().parse_args(["serve", "--watch", "incoming", *argv])
    watched = build_parser().parse_args(["watch", "incoming", *argv])
    assert (served.watch, served.feed, served.interval, served.idle) == (
        watched.folder,
        watched.feed,
        watched.interval,
        watched.idle,
    )


def test_eval_takes_the_gold_as_an_argument_or_an_option(tmp_path):
    given = build_parser().parse_args(["eval", "extract", str(tmp_path), "--details"])
    optional = build_parser().parse_args(["eval", "samples", "--gold", str(tmp_path)])
    assert (given.gold, given.details) == (str(tmp_path), True)
    assert (optional.gold, optional.gold_option) == (None, str(tmp_path))


@pytest.mark.parametrize(
    "argv",
    [["eval", "timex"], ["eval", "nothing", "gold"], ["eval", "timex", "gold", "--details"]],
)
def test_eval_refuses_a_missing_gold_an_unknown_task_or_details_it_cannot_give(capsys, argv):
    status, _, err = _run(capsys, *argv)
    assert status == 2 and err.startswith("eventwire: ")
