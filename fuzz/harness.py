"""What each fuzz harness does with one input, as plain functions of bytes.

The atheris scripts beside this module feed them coverage-guided inputs (``make fuzz``);
``tests/test_fuzz.py`` replays every input they crashed on, kept in
``tests/fuzz_regressions/<harness>/``. A harness raises when the contract breaks: every input
gives articles, values or results, or a Problem naming its file or line with a reason from
``PROBLEM_CODES``; never an exception.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from eventwire.errors import PROBLEM_CODES
from eventwire.model import Article, Problem
from eventwire.stages.normalize import normalize_article
from eventwire.stages.read import json_depth, read_bytes, split_lines
from eventwire.stages.when import find_dates_in_lines, normalize_expression, value_to_date

FORMATS = ("text", "html", "jsonl")
SLOW_SECONDS = 10  # a pipeline input this slow counts as a crash (a few KB take a second)
WHERE = "fuzz.input"


def check_read(items: list) -> None:
    """The readers' contract over what one input gave."""
    if not items:
        raise AssertionError("a reader gave nothing for an input")
    for item in items:
        if isinstance(item, Problem):
            if item.code not in PROBLEM_CODES or not (item.where or "").startswith(WHERE):
                raise AssertionError(f"a problem without a known code or place: {item}")
            if item.where not in item.message:
                raise AssertionError(f"a problem message that does not name its place: {item}")
        elif isinstance(item, Article):
            if not item.text.strip() or not (item.origin or "").startswith(WHERE):
                raise AssertionError(f"an article without text or origin: {item.origin}")
            item.text.encode("utf-8")
        else:
            raise TypeError(f"a reader gave {type(item).__name__}")


def fuzz_read(data: bytes) -> None:
    """The first byte picks the reader (text, HTML, JSON Lines); the rest is the file."""
    if not data:
        return
    check_read(list(read_bytes(data[1:], WHERE, FORMATS[data[0] % len(FORMATS)])))


def fuzz_lines(data: bytes) -> None:
    """JSON Lines streamed in pieces: the first byte is the piece size, the second the line
    limit; the lines must be those of the whole, and ``json_depth`` must not fail."""
    if len(data) < 2:
        return
    size, limit, body = data[0] + 1, data[1], data[2:]
    pieces = [body[i : i + size] for i in range(0, len(body), size)]
    whole = body.split(b"\n")
    if whole[-1] == b"":
        whole.pop()
    expected = [len(line) if len(line) > limit else line.removesuffix(b"\r") for line in whole]
    if list(split_lines(pieces, limit)) != expected:
        raise AssertionError("split_lines lost or changed a line")
    json_depth(body.decode("utf-8", "replace"))


def fuzz_when(data: bytes) -> None:
    """Byte 0 picks the direction (and no anchor when 0), bytes 1-3 the anchor day (any day of
    the calendar); the rest is the expression, read alone and as a line of text."""
    if len(data) < 4:
        return
    ordinal = int.from_bytes(data[1:4], "big") % dt.date.max.toordinal() + 1
    anchor = None if data[0] == 0 else dt.date.fromordinal(ordinal)
    direction = data[0] % 3 - 1
    text = data[4:].decode("utf-8", "replace")
    value = normalize_expression(text, anchor, direction)
    if value is not None:
        if value.type not in ("DATE", "TIME", "DURATION", "SET") or not value.value:
            raise AssertionError(f"a time value without type or value: {value}")
        value_to_date(value.value)
    for expression in find_dates_in_lines(text, [(0, len(text))], anchor):
        if text[expression.start : expression.end] != expression.text:
            raise AssertionError(f"a time expression off its text: {expression}")


def fuzz_normalize(data: bytes) -> None:
    """The normalize stage on any text: the layout it finds lies inside the text, the clean
    text is as long as the text, or it refuses with a named reason."""
    from eventwire.errors import InputError

    text = data.decode("utf-8", "replace")
    if not text.strip():
        return
    try:
        article, clean = normalize_article(Article(id="x", text=text, origin=WHERE))
    except InputError as error:
        if error.code not in PROBLEM_CODES or error.where != WHERE:
            raise AssertionError(f"a refusal without a known code or place: {error}") from error
        return
    if len(clean) != len(text):
        raise AssertionError("the clean text is not as long as the text")
    for start, end in (*article.body, *article.titles):
        if not 0 <= start <= end <= len(text):
            raise AssertionError(f"a layout span outside the text: {(start, end)}")


PIPELINES: list = []  # built on first use: loading spaCy and the lexicons takes seconds


def fuzz_pipeline(data: bytes) -> None:
    """The whole pipeline on a short text between two good articles: a result whose spans
    index the text, or a problem that is not a stage's bug; the good articles are coded."""
    from eventwire.model import Result
    from eventwire.pipeline import Pipeline
    from eventwire.serialize import to_jsonl

    if not PIPELINES:
        PIPELINES.append(Pipeline(on_error="record"))
    text = data[:4000].decode("utf-8", "replace")
    day = dt.date(2022, 1, 10)
    good = "Russia denied the report on Monday, officials in Moscow said."
    articles = [
        Article(id="a", text=good, date=day, origin=f"{WHERE}:1"),
        Article(id="x", text=text, date=day if data[:1] != b"u" else None, origin=f"{WHERE}:2"),
        Article(id="c", text=good, date=day, origin=f"{WHERE}:3"),
    ]
    started = time.perf_counter()
    first, item, last = PIPELINES[0].run(articles)
    if time.perf_counter() - started > SLOW_SECONDS:
        raise AssertionError(f"three short articles took over {SLOW_SECONDS} s")
    if not (isinstance(first, Result) and isinstance(last, Result) and last.events):
        raise AssertionError("a fuzzed article spoiled the good articles around it")
    to_jsonl(item)
    if isinstance(item, Problem):
        if item.code == "stage_failed" or item.code not in PROBLEM_CODES:
            raise AssertionError(item.message)
        return
    for event in item.events:
        if not 0 <= event.sentence[0] <= event.trigger[0] < event.trigger[1] <= len(text):
            raise AssertionError(f"an event outside the text: {event.trigger}")
    for mention in item.mentions:
        if text[mention.start : mention.end] != mention.text:
            raise AssertionError(f"a mention off its text: {mention}")


HARNESSES: dict[str, Callable[[bytes], None]] = {
    "read": fuzz_read,
    "lines": fuzz_lines,
    "when": fuzz_when,
    "normalize": fuzz_normalize,
    "pipeline": fuzz_pipeline,
}
