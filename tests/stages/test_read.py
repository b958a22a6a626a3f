from __future__ import annotations

import datetime as dt
import json

import pytest

from eventwire.model import Article, Problem
from eventwire.stages.read import MAX_BYTES, article_id, read_bytes, read_inputs
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
