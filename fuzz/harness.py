"""What each fuzz harness does with one input, as plain functions of bytes.

The atheris scripts beside this module feed them coverage-guided inputs (``make fuzz``);
``tests/test_fuzz.py`` replays every input they crashed on, kept in
``tests/fuzz_regressions/<harness>/``. A harness raises when the contract breaks: every input
gives articles, values or results, or a Problem naming its file or line with a reason from
``PROBLEM_CODES``; never an exception.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from eventwire.errors import PROBLEM_CODES
from eventwire.model import Article, Problem
from eventwire.stages.normalize import normalize_article
from eventwire.stages.read import json_depth, read_bytes, split_lines
from eventwire.stages.when import find_dates_in_lines, normalize_expression, value_to_date

FORMATS = ("text", "html", "jsonl")
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
    """Bytes 0-2 pick the anchor day (or none) and the direction; the rest is the expression,
    read alone and as a line of text."""
    if len(data) < 3:
        return
    ordinal = int.from_bytes(data[:2], "big") * 56 % dt.date.max.toordinal() + 1
    anchor = None if data[0] == 0 else dt.date.fromordinal(ordinal)
    direction = data[2] % 3 - 1
    text = data[3:].decode("utf-8", "replace")
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


HARNESSES: dict[str, Callable[[bytes], None]] = {
    "read": fuzz_read,
    "lines": fuzz_lines,
    "when": fuzz_when,
    "normalize": fuzz_normalize,
}
