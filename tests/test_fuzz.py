"""Property-based fuzzing of the readers, the time normalizer and the pipeline.

The contract: every input gives output, or a Problem naming its file or ``file:line`` with a
reason from ``PROBLEM_CODES``; never an exception, and the rest of the batch goes on. These
runs are short and derandomized (the same examples on every machine, seconds in all); the
coverage-guided harnesses in ``fuzz/`` run for minutes (``make fuzz``), and every crash they
found is kept in ``tests/fuzz_regressions/`` and replayed here.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire import serialize
from eventwire.errors import PROBLEM_CODES
from eventwire.model import Article, Problem, Result
from eventwire.stages.read import MAX_JSON_DEPTH, json_depth, read_bytes, read_inputs, split_lines
from eventwire.stages.when import find_dates_in_lines, normalize_expression, value_to_date

REGRESSIONS = Path(__file__).parent / "fuzz_regressions"

FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Characters news text gets wrong: controls, bidi marks and overrides, zero-width and
# replacement characters, line and paragraph separators, lone surrogates
AWKWARD = (
    "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\u00a0\u200b\u200c\u200d\u200e\u200f\u202a\u202b"
    "\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029\ufeff\ufffd\ud800\udfff"
)
NEWS_WORDS = (
    "Russia Ukraine France Germany Iran Turkey Israel Gaza Geneva NATO the of and to in said "
    "denied accused attacked met talks minister president Blinken Lavrov on Monday Friday "
    "last next week year month January 10th 2022 1990s ago before after since until 3 "
    "days ten fourth quarter Christmas morning tonight yesterday today early late mid "
    "\" ' , . ; : - ( ) \n \n\n"
)
WORDS = NEWS_WORDS.split(" ")
words = st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join)
awkward_text = st.text(st.sampled_from(AWKWARD) | st.characters(), max_size=200)
news_text = st.lists(words | awkward_text, min_size=1, max_size=6).map(" ".join)


def check_items(items: list, where: str) -> None:
    """What every reader and the pipeline promise: articles or results, or named problems."""
    assert items, "an input must give something"
    for item in items:
        if isinstance(item, Problem):
            assert item.code in PROBLEM_CODES
            assert item.where is not None and item.where.startswith(where)
            assert item.where in item.message
        elif isinstance(item, Article):
            assert item.text.strip() and item.origin is not None and item.origin.startswith(where)
            item.text.encode("utf-8")  # no lone surrogates left
            for problem in item.problems:
                assert problem.code in PROBLEM_CODES and problem.where.startswith(where)
        else:
            assert isinstance(item, Result) and item.article.origin.startswith(where)


# ---------------------------------------------------------------- readers
@FUZZ
@given(data=st.binary(max_size=3000), fmt=st.sampled_from(["text", "html", "jsonl"]))
def test_any_bytes_give_articles_or_named_problems(data, fmt):
    items = list(read_bytes(data, "in.file", fmt))
    check_items(items, "in.file")
    if fmt != "jsonl":
        assert len(items) == 1


@FUZZ
@given(text=news_text, fmt=st.sampled_from(["text", "html", "jsonl"]))
def test_any_text_gives_articles_or_named_problems(text, fmt):
    data = text.encode("utf-8", "surrogatepass")
    check_items(list(read_bytes(data, "in.file", fmt)), "in.file")


def html_tree(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    tags = st.sampled_from(["div", "p", "article", "span", "b", "table", "td", "script", "x-y"])
    attributes = st.sampled_from(["", ' class="story"', " id=a", ' lang="ar" dir="rtl"', " <"])
    return st.tuples(tags, attributes, st.lists(children, max_size=4)).map(
        lambda parts: f"<{parts[0]}{parts[1]}>{''.join(parts[2])}</{parts[0]}>"
    )


html_pages = st.recursive(news_text | st.just("<br>") | st.just("<!--"), html_tree, max_leaves=30)


@FUZZ
@given(body=html_pages, depth=st.sampled_from([0, 1, 500, 5000]))
def test_any_html_gives_an_article_or_a_named_problem(body, depth):
    page = f"<html><head><title>t</title></head><body>{'<div>' * depth}{body}</body></html>"
    (item,) = read_bytes(page.encode("utf-8", "surrogatepass"), "page.html", "html")
    check_items([item], "page.html")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=10,
)


def nested(depth: int) -> str:
    """A JSON text nested ``depth`` levels deep, objects and arrays in turn."""
    opening = "".join('{"a":' if level % 2 else "[" for level in range(depth))
    closing = "".join("}" if level % 2 else "]" for level in reversed(range(depth)))
    return opening + "1" + closing


records = st.fixed_dictionaries(
    {"text": news_text | json_values},
    optional={
        "id": json_values,
        "date": st.dates().map(str) | st.text(max_size=12) | json_values,
        "title": json_values,
        "source": json_values,
    },
).map(lambda record: json.dumps(record))
deep_lines = st.integers(1, 6000).map(nested)
lines = records | deep_lines | json_values.map(json.dumps) | st.text(max_size=50)


@FUZZ
@given(feed=st.lists(lines, min_size=1, max_size=8))
def test_any_json_lines_give_one_item_per_line_naming_it(feed):
    data = "\n".join(feed).encode("utf-8", "surrogatepass")
    items = list(read_bytes(data, "feed.jsonl", "jsonl"))
    check_items(items, "feed.jsonl")
    if any(item.where == "feed.jsonl" for item in items if isinstance(item, Problem)):
        return  # the file as a whole: empty or binary
    numbered = [n for n, line in enumerate(data.split(b"\n"), start=1) if line.strip()]
    assert [item.origin if isinstance(item, Article) else item.where for item in items] == [
        f"feed.jsonl:{n}" for n in numbered
    ]


@FUZZ
@given(depth=st.integers(0, 6000), padding=st.text(max_size=30))
def test_json_nested_deeper_than_the_limit_is_named_by_line(depth, padding):
    record = '{"text": ' + json.dumps("Russia denied it. " + padding) + ', "extra": '
    line = record + nested(depth) + "}"
    (item,) = read_bytes(b"\n" + line.encode("utf-8", "surrogatepass"), "deep.jsonl", "jsonl")
    assert json_depth(line) == depth + 1
    if depth + 1 > MAX_JSON_DEPTH:
        assert isinstance(item, Problem) and item.code == "malformed_record"
        assert item.where == "deep.jsonl:2" and "levels deep" in item.message
    else:
        assert isinstance(item, Article) and item.origin == "deep.jsonl:2"


@FUZZ
@given(
    data=st.binary(max_size=400)
    | st.lists(st.sampled_from([b"a", b"\n", b"\r", b"xyz"])).map(b"".join),
    size=st.integers(1, 50),
    limit=st.integers(0, 30),
)
def test_split_lines_matches_splitting_the_whole(data, size, limit):
    pieces = [data[i : i + size] for i in range(0, len(data), size)]
    expected: list[bytes | int] = []
    whole = data.split(b"\n")
    if whole and whole[-1] == b"":
        whole.pop()
    for line in whole:
        expected.append(len(line) if len(line) > limit else line.removesuffix(b"\r"))
    assert list(split_lines(pieces, limit)) == expected


entries = st.lists(
    st.tuples(
        st.text("ab.Xé \u202e", min_size=1, max_size=6).filter(lambda n: n not in (".", "..")),
        st.sampled_from(["folder", "link", "loop", "dangling", "pipe"])
        | st.sampled_from([".txt", ".html", ".jsonl", ".pdf", ".md", ""]),
        st.binary(max_size=64) | st.just(b"Russia denied the report."),
    ),
    max_size=8,
)


@FUZZ
@given(tree=entries)
def test_any_folder_gives_each_file_once_or_a_problem_naming_its_path(tree):
    with tempfile.TemporaryDirectory() as top:
        made = [Path(top)]
        for name, kind, content in tree:
            is_file = kind.startswith(".") or not kind
            path = made[len(name) % len(made)] / (name + kind if is_file else name)
            if os.path.lexists(path):
                continue
            if kind == "folder":
                path.mkdir()
                made.append(path)
            elif kind == "link":
                path.symlink_to(made[len(content) % len(made)])
            elif kind == "loop":
                path.symlink_to(path)
            elif kind == "dangling":
                path.symlink_to(Path(top) / "nowhere")
            elif kind == "pipe":
                os.mkfifo(path)
            else:
                path.write_bytes(content)
        items = list(read_inputs([top]))
        assert len(items) == len(
            {item.origin if isinstance(item, Article) else item.where for item in items}
        )
        for item in items:
            where = item.origin if isinstance(item, Article) else item.where
            assert where.startswith(top)
            if isinstance(item, Problem):
                assert item.code in PROBLEM_CODES and item.where in item.message


# ---------------------------------------------------------------- time normalizer
TIME_VOCABULARY = (
    "last next this the a an of in on at by since until before after ago later earlier early "
    "mid late end start beginning middle week weekend month year decade century quarter half "
    "fiscal q1 q4 fy2022 day days weeks months years hours minutes monday friday sunday "
    "january february may december spring summer autumn winter christmas easter ramadan new "
    "year's eve morning afternoon evening night tonight today yesterday tomorrow noon "
    "midnight 1 2 3 10 12 13 24 29 30 31 99 1990 1990s 2022 9999 0 -1 10th 21st first second "
    "two ten hundred thousand a.m. p.m. gmt 10:30 25:61 2022-01-10 2022-13-45 10/01/2022 "
    "some few several couple past coming previous following same that"
)
TIME_WORDS = TIME_VOCABULARY.split()
time_texts = st.lists(st.sampled_from(TIME_WORDS), min_size=1, max_size=7).map(" ".join)
anchors = st.none() | st.dates() | st.sampled_from([dt.date.min, dt.date.max])


@FUZZ
@given(text=time_texts | awkward_text, anchor=anchors, direction=st.sampled_from([-1, 0, 1]))
def test_the_time_normalizer_gives_a_value_or_none(text, anchor, direction):
    value = normalize_expression(text, anchor, direction)
    if value is not None:
        assert value.type in ("DATE", "TIME", "DURATION", "SET") and value.value
        value_to_date(value.value)


@FUZZ
@given(text=st.lists(time_texts | news_text, max_size=4).map("\n".join), anchor=anchors)
def test_dates_in_lines_lie_inside_the_lines(text, anchor):
    spans = [(0, len(text))]
    for expression in find_dates_in_lines(text, spans, anchor):
        assert 0 <= expression.start < expression.end <= len(text)
        assert text[expression.start : expression.end] == expression.text


# ---------------------------------------------------------------- pipeline
@pytest.fixture(scope="module")
def recording_pipeline(pipeline):
    """The session's pipeline (its loaded data shared) with the batch runs' error policy: a
    stage's exception becomes a ``stage_failed`` problem, which the checks below refuse."""
    recording = copy.copy(pipeline)
    recording.on_error = "record"
    return recording


def check_result(item: Result | Problem, article: Article) -> None:
    """A result whose spans index the article's text, or a problem that is not a stage's bug."""
    check_items([item], article.origin)
    serialize.to_jsonl(item)
    if isinstance(item, Problem):
        assert item.code != "stage_failed", item.message
        return
    size = len(article.text)
    for event in item.events:
        assert 0 <= event.sentence[0] <= event.trigger[0] < event.trigger[1] <= size
    for mention in item.mentions:
        assert article.text[mention.start : mention.end] == mention.text
    for expression in item.times:
        assert 0 <= expression.start < expression.end <= size


GOOD = "Russia denied the report on Monday, officials in Moscow said."


@FUZZ
@given(text=news_text, date=st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)))
def test_the_pipeline_codes_short_texts_or_names_why_not(recording_pipeline, text, date):
    day = dt.date(2022, 1, 10)
    articles = [
        Article(id="good-1", text=GOOD, date=day, origin="feed.jsonl:1"),
        Article(id="fuzz", text=text, date=date, origin="feed.jsonl:2"),
        Article(id="good-3", text=GOOD, date=day, origin="feed.jsonl:3"),
    ]
    items = list(recording_pipeline.run(articles))
    assert len(items) == 3
    for item, article in zip(items, articles):
        check_result(item, article)
    assert isinstance(items[0], Result) and isinstance(items[2], Result) and items[2].events


@settings(FUZZ, max_examples=10)
@given(
    count=st.integers(1, 2000),
    separator=st.sampled_from([", ", " and ", ",", "; ", " - "]),
    names=st.lists(st.sampled_from(["France", "Germany", "the EU", "Iran", "NATO"]), min_size=1),
)
def test_many_entities_in_a_sentence_are_coded_or_left_out(
    recording_pipeline, count, separator, names
):
    listed = separator.join(names[i % len(names)] for i in range(count))
    text = f"Russia accused {listed} of lying, officials in Moscow said on Monday."
    article = Article(id="x", text=text, date=dt.date(2022, 1, 10), origin="many.txt")
    (item,) = recording_pipeline.run([article])
    check_result(item, article)


def test_a_one_megabyte_sentence_is_refused_at_once(recording_pipeline):
    text = "Russia denied the report " + "and the talks went on " * 50_000 + "."
    article = Article(id="x", text=text, date=dt.date(2022, 1, 10), origin="big.txt")
    (item,) = recording_pipeline.run([article])
    assert isinstance(item, Problem) and item.code == "too_long" and item.where == "big.txt"


# ---------------------------------------------------------------- crashes found by fuzz/
def regression_inputs() -> list[Path]:
    return sorted(path for path in REGRESSIONS.glob("*/*") if path.is_file())


@pytest.mark.parametrize(
    "path", regression_inputs(), ids=lambda path: f"{path.parent.name}/{path.name}"
)
def test_fuzz_regressions_stay_fixed(path, recording_pipeline):
    """Each input a harness of fuzz/ crashed on, replayed through the same harness code."""
    from fuzz.harness import HARNESSES, PIPELINES

    if not PIPELINES:
        PIPELINES.append(recording_pipeline)
    HARNESSES[path.parent.name](path.read_bytes())
