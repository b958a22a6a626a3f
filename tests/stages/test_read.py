from __future__ import annotations

import datetime as dt
import io
import json
import sys

import pytest

from eventwire.model import Article, Problem
from eventwire.stages.read import MAX_BYTES, article_id, read_bytes, read_inputs, split_lines
from tests.conftest import EXAMPLES

WIRE = EXAMPLES / "03-geneva-wire12.txt"


def test_read_plain_text_keeps_the_file_text_for_offsets():
    (article,) = list(read_inputs([str(WIRE)]))
    assert article.text == WIRE.read_text(encoding="utf-8")
    assert article.origin == str(WIRE)


def test_read_gives_the_same_id_to_the_same_article_twice():
    first = next(iter(read_inputs([str(WIRE)])))
    crlf = WIRE.read_bytes().replace(b"\n", b"\r\n")
    second = next(iter(read_bytes(crlf, "copy.txt", "text")))
    assert first.id == second.id == article_id(first.text)


def test_read_html_takes_title_date_and_body():
    (article,) = list(read_inputs([str(EXAMPLES / "02-geneva-dailyherald.html")]))
    assert article.date == dt.date(2022, 1, 7)
    assert article.title == "NATO prepares for a week of crisis diplomacy with Russia"
    assert "Talks between the USA and Russia are planned in Geneva on January 10th." in article.text
    assert "<p>" not in article.text


def test_read_jsonl_records_keep_their_ids_and_dates():
    articles = list(read_inputs([str(EXAMPLES / "09-sanctions-feed.jsonl")]))
    assert [a.id for a in articles] == ["bm-20211202-01", "ewd-20211203-07", "btl-20211206-03"]
    assert articles[0].date == dt.date(2021, 12, 2)


def test_read_record_date_wins_over_the_given_date():
    line = json.dumps({"text": "Russia denied the report.", "date": "2021-05-01"}).encode()
    (article,) = list(read_bytes(line, "feed.jsonl", "jsonl", date=dt.date(2022, 1, 1)))
    assert article.date == dt.date(2021, 5, 1)


def test_read_directory_recursively_skips_expected_files(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("Title\nRussia denied the report.\n")
    (tmp_path / "a" / "one.expected.yaml").write_text("events: []\n")
    (tmp_path / "two.html").write_text(
        "<html><body><article><p>" + "Turkey hosted talks. " * 20 + "</p></article></body></html>"
    )
    items = list(read_inputs([str(tmp_path)]))
    assert sorted(type(i).__name__ for i in items) == ["Article", "Article"]


@pytest.mark.parametrize(
    "data, code",
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
    ],
)
def test_read_refuses_empty_and_binary_input(data, code):
    (problem,) = list(read_bytes(data, "bad.txt", "text"))
    assert isinstance(problem, Problem) and problem.code == code
    assert "bad.txt" in problem.message


def test_read_replaces_invalid_utf8_and_warns():
    data = b"Russia denied the report on Monday." + b"\xff\xfe Turkey hosted talks."
    (article,) = list(read_bytes(data, "latin.txt", "text"))
    assert isinstance(article, Article) and "\ufffd" in article.text
    assert [p.code for p in article.problems] == ["invalid_encoding"]
    assert "latin.txt" in article.problems[0].message


def test_read_refuses_a_file_over_the_size_limit(tmp_path):
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    (problem,) = list(read_inputs([str(huge)]))
    assert (
        problem.code == "too_large" and "huge.txt" in problem.message and "20 MB" in problem.message
    )


def test_read_reports_html_without_article_text():
    html = (
        b"<html><head><title>Index</title></head>"
        b"<body><nav><a href='/'>Home</a></nav></body></html>"
    )
    (problem,) = list(read_bytes(html, "index.html", "html"))
    assert problem.code == "no_article_text" and "index.html" in problem.message


def test_read_names_the_malformed_jsonl_line_and_goes_on():
    data = (
        b'{"id": "a", "text": "Russia denied it."}\n{"id": "b", "text": \n'
        b'{"id": "c", "text": "Iran denied it."}\n{"id": "d"}\n'
    )
    items = list(read_bytes(data, "feed.jsonl", "jsonl"))
    assert [type(i).__name__ for i in items] == ["Article", "Problem", "Article", "Problem"]
    assert items[1].where == "feed.jsonl:2" and "feed.jsonl:2" in items[1].message
    assert items[3].where == "feed.jsonl:4"


def test_read_reports_a_missing_file():
    (problem,) = list(read_inputs(["/nonexistent/article.txt"]))
    assert problem.code == "unreadable"


def test_read_names_a_deeply_nested_record_and_keeps_the_others():
    deep = '{"a":' * 5000 + "1" + "}" * 5000
    data = "\n".join(
        [
            json.dumps({"id": "a", "text": "Russia denied it."}),
            deep,
            json.dumps({"id": "b", "text": "Iran denied it.", "title": [[["nested"]]]}),
        ]
    ).encode()
    first, problem, last = read_bytes(data, "feed.jsonl", "jsonl")
    assert (first.id, last.id) == ("a", "b")
    assert problem.code == "malformed_record" and problem.where == "feed.jsonl:2"
    assert "feed.jsonl:2" in problem.message and "5000 levels deep" in problem.message


def test_read_counts_nesting_outside_strings_only():
    brackets = "[{" * 400
    line = json.dumps({"id": "a", "text": f"Russia denied it {brackets}."}).encode()
    (article,) = list(read_bytes(line, "feed.jsonl", "jsonl"))
    assert isinstance(article, Article) and brackets in article.text


def test_read_streams_a_jsonl_file_over_the_size_limit(tmp_path):
    feed = tmp_path / "big.jsonl"
    with open(feed, "wb") as handle:
        handle.write(json.dumps({"id": "a", "text": "Russia denied it."}).encode() + b"\n")
        handle.write(b'{"text": "' + b"x" * MAX_BYTES + b'"}\r\n')
        handle.write(json.dumps({"id": "b", "text": "Iran denied it."}).encode() + b"\n")
    assert feed.stat().st_size > MAX_BYTES
    first, problem, last = read_inputs([str(feed)])
    assert (first.id, last.id) == ("a", "b")
    assert problem.code == "too_large" and problem.where == f"{feed}:2"
    assert "20 MB" in problem.message and f"{feed}:2" in problem.message


@pytest.mark.parametrize("size", [1, 2, 7, 1000])
def test_split_lines_gives_the_same_lines_whatever_the_pieces(size):
    data = b"one\r\n\ntwo\n" + b"x" * 50 + b"\nthree"
    pieces = [data[i : i + size] for i in range(0, len(data), size)]
    assert list(split_lines(pieces, limit=20)) == [b"one", b"", b"two", 50, b"three"]


def test_read_names_the_record_with_bad_utf8_and_reads_it():
    data = b'{"id": "a", "text": "ok"}\n{"id": "b", "text": "Caf\xe9 talks"}\n'
    first, second = read_bytes(data, "feed.jsonl", "jsonl")
    assert first.problems == () and "\ufffd" in second.text
    (problem,) = second.problems
    assert problem.code == "invalid_encoding" and problem.where == "feed.jsonl:2"


def test_read_replaces_lone_surrogates_one_for_one():
    line = b'{"id": "a", "text": "Russia \\ud800 denied it.", "title": "T\\udc00"}'
    (article,) = list(read_bytes(line, "feed.jsonl", "jsonl"))
    assert article.text == "Russia \ufffd denied it." and article.title == "T\ufffd"
    assert [p.code for p in article.problems] == ["invalid_encoding"]
    article.text.encode("utf-8")


@pytest.mark.parametrize("data", [b"", b"\n \n", b"\xef\xbb\xbf\n"])
def test_read_reports_an_empty_jsonl_file(data):
    (problem,) = list(read_bytes(data, "feed.jsonl", "jsonl"))
    assert problem.code == "empty" and problem.where == "feed.jsonl"


def test_read_reports_a_binary_jsonl_file_once():
    (problem,) = list(read_bytes(b"\x1f\x8b\x08\x00" + bytes(range(256)) * 40, "x.jsonl", "jsonl"))
    assert problem.code == "binary" and problem.where == "x.jsonl"


def test_read_streams_jsonl_from_stdin(monkeypatch):
    lines = [json.dumps({"id": str(n), "text": f"Russia denied report {n}."}) for n in range(3)]
    data = "\n".join([lines[0], '{"a":' * 3000, *lines[1:]]).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"  \n" + data)))
    items = list(read_inputs(["-"]))
    assert [getattr(i, "id", None) for i in items] == ["0", None, "1", "2"]
    assert items[1].where == "<stdin>:3"


def test_read_reports_html_nested_too_deep_for_the_parser():
    html = "<html><body>" + "<div>" * 100_000 + "Russia denied it." + "</div>" * 100_000
    (item,) = list(read_bytes(html.encode(), "deep.html", "html"))
    assert (
        isinstance(item, Problem) and item.code == "no_article_text" and item.where == "deep.html"
    )


@pytest.mark.parametrize("given", ["0202-01-10", "9999-12-31", "2022-13-01", "x" * 1000])
def test_read_reports_a_record_date_it_cannot_use_and_reads_the_article(given):
    line = json.dumps({"text": "Russia denied it.", "date": given}).encode()
    (article,) = list(read_bytes(line, "feed.jsonl", "jsonl"))
    assert article.date is None
    (problem,) = article.problems
    assert problem.code == "bad_date" and problem.where == "feed.jsonl:1"
    assert len(problem.message) < 200
