"""Read articles from files, directories and stdin.

In: paths (files or directories, searched recursively) or "-" for stdin.
Out: a stream of ``Article`` (with any non-fatal reading problems attached) or
``Problem`` for input that could not be read at all.

Rules: plain text is kept byte-for-byte as decoded, because output offsets
index it; HTML goes through trafilatura (title, date, body); JSON Lines records
need only ``text``. An article without an id gets a hash of its normalized text,
so reading the same article twice yields the same id. This is one of the three
modules that touch the disk.
"""

from __future__ import annotations

import datetime as dt
import glob
import hashlib
import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Article, Problem

MAX_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
INPUT_FORMATS = ("auto", "text", "html", "jsonl")
MIN_HTML_WORDS = 8
SAMPLES_VARIABLE = "EVENTWIRE_SAMPLES"


def sample_articles() -> Path:
    """The folder of the team's sample articles (``eventwire demo``, the ``samples`` score):
    ``$EVENTWIRE_SAMPLES`` when set, else ``examples/articles`` of the source checkout this
    package runs from. They do not ship in the wheel: the folder may not exist, and callers
    say so, naming it."""
    given = os.environ.get(SAMPLES_VARIABLE)
    if given:
        return Path(given)
    return Path(__file__).resolve().parents[2] / "examples" / "articles"


def article_id(text: str) -> str:
    """A stable id: the hash of the text with case and whitespace differences removed."""
    normalized = " ".join(text.split()).casefold()
    return hashlib.sha1(normalized.encode("utf-8")).hexdigest()[:16]


def parse_date(value: object, where: str) -> dt.date | None:
    """Read a record's date (ISO date or datetime); raise InputError(bad_date) otherwise."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise InputError(where, "bad_date", f"cannot read date {text!r}; use YYYY-MM-DD") from None


def find_files(paths: Iterable[str]) -> list[str]:
    """The article files that ``paths`` name: files named, files of a known kind (text, HTML,
    JSON Lines) found under folders (recursively) or matched by globs; sorted, once each."""
    known = HTML_SUFFIXES | JSONL_SUFFIXES | TEXT_SUFFIXES
    found: dict[str, None] = {}
    for path in paths:
        matches = (
            sorted(glob.glob(path, recursive=True)) if any(c in path for c in "*?[") else [path]
        )
        for match in matches:
            item = Path(match)
            if item.is_dir():
                for child in sorted(item.rglob("*")):
                    if child.is_file() and child.suffix.lower() in known:
                        found[str(child)] = None
            else:
                found[str(item)] = None
    return list(found)


def newest_date(items: Iterable[Article | Problem]) -> dt.date | None:
    """The newest date the articles give (their own, their page's or ``--date``), if any: the
    day undated articles of the same input are read against (``Settings.now``)."""
    dates = [item.date for item in items if isinstance(item, Article) and item.date is not None]
    return max(dates, default=None)


def read_inputs(
    paths: Iterable[str], input_format: str = "auto", date: dt.date | None = None
) -> Iterator[Article | Problem]:
    """Yield every article found in ``paths`` ("-" is stdin), or a Problem per unreadable input."""
    if input_format not in INPUT_FORMATS:
        raise ValueError(f"input_format must be one of {INPUT_FORMATS}")
    for raw in paths:
        if raw == "-":
            yield from _read_stdin(input_format, date)
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if (
                    child.name.startswith(".")
                    or _format_of(child, input_format, strict=True) is None
                ):
                    continue
                yield from _read_file(child, input_format, date)
        else:
            yield from _read_file(path, input_format, date)


def _format_of(path: Path, input_format: str, strict: bool = False) -> str | None:
    if input_format != "auto":
        return input_format
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in TEXT_SUFFIXES:
        return "text"
    # In a directory walk only known article files count (expected-event YAML files live
    # next to our samples); a file named on the command line is read as text.
    return None if strict else "text"


def _problem(error: InputError) -> Problem:
    return Problem(code=error.code, message=str(error), where=error.where, stage="read")


def _read_file(path: Path, input_format: str, date: dt.date | None) -> Iterator[Article | Problem]:
    where = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                where,
                "too_large",
                f"file is {size / 1e6:.1f} MB, over the {MAX_BYTES // (1024 * 1024)} MB "
                "limit; split it into articles (JSON Lines) and try again",
            )
        data = path.read_bytes()
    except InputError as error:
        yield _problem(error)
        return
    except OSError as error:
        yield Problem("unreadable", f"{where}: cannot open: {error.strerror}", where, "read")
        return
    yield from read_bytes(data, where, _format_of(path, input_format) or "text", date)


def _read_stdin(input_format: str, date: dt.date | None) -> Iterator[Article | Problem]:
    data = sys.stdin.buffer.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        yield _problem(InputError("<stdin>", "too_large", "standard input is over the 20 MB limit"))
        return
    fmt = input_format
    if fmt == "auto":
        head = data.lstrip()[:64].lower()
        fmt = (
            "jsonl"
            if head.startswith(b"{")
            else "html"
            if head.startswith((b"<!doctype", b"<html"))
            else "text"
        )
    yield from read_bytes(data, "<stdin>", fmt, date)


def read_bytes(
    data: bytes, where: str, input_format: str, date: dt.date | None = None
) -> Iterator[Article | Problem]:
    """Turn raw bytes from one file into articles, or Problems saying why not."""
    try:
        text, problems = _decode(data, where)
    except InputError as error:
        yield _problem(error)
        return
    if input_format == "jsonl":
        yield from _read_jsonl(text, where, date, problems)
        return
    try:
        if input_format == "html":
            yield _article_from_html(text, where, date, problems)
        else:
            yield _article_from_text(text, where, date, problems)
    except InputError as error:
        yield _problem(error)


def _decode(data: bytes, where: str) -> tuple[str, tuple[Problem, ...]]:
    if not data.strip():
        raise InputError(where, "empty", "the file is empty; nothing to read")
    sample = data[:8192]
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    if b"\x00" in sample or control > len(sample) * 0.1:
        raise InputError(
            where, "binary", "this is a binary file, not text; give plain text, HTML or JSON Lines"
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), ()
    except UnicodeDecodeError as error:
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        message = (
            f"{where}: not valid UTF-8 (first bad byte at offset {error.start}); "
            f"{bad} undecodable byte(s) replaced with U+FFFD; save the file as UTF-8 to fix"
        )
        return text, (Problem("invalid_encoding", message, where, "read"),)


def _article_from_text(
    text: str, where: str, date: dt.date | None, problems: tuple[Problem, ...], **fields: Any
) -> Article:
    if not text.strip():
        raise InputError(where, "empty", "the article has no text")
    given_id = fields.pop("id", None)
    return Article(
        id=str(given_id) if given_id not in (None, "") else article_id(text),
        text=text,
        date=date,
        origin=where,
        problems=problems,
        **fields,
    )


def _article_from_html(
    html: str, where: str, date: dt.date | None, problems: tuple[Problem, ...]
) -> Article:
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    text = getattr(document, "text", None) if document is not None else None
    # A page of navigation links yields a few words ("Home"): that is not an article.
    if not text or len(text.split()) < MIN_HTML_WORDS:
        raise InputError(
            where,
            "no_article_text",
            "no article text found in this HTML page (is it an index or a login page?)",
        )
    found_date = None
    if date is None and getattr(document, "date", None):
        try:
            found_date = parse_date(getattr(document, "date", None), where)
        except InputError:
            found_date = None
    return _article_from_text(
        text,
        where,
        date or found_date,
        problems,
        title=getattr(document, "title", None),
        url=getattr(document, "url", None),
        source=getattr(document, "sitename", None),
    )


def _read_jsonl(
    text: str, where: str, date: dt.date | None, problems: tuple[Problem, ...]
) -> Iterator[Article | Problem]:
    yield from problems
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        here = f"{where}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield Problem(
                "malformed_record",
                f"{here}: not valid JSON ({error.msg} at column {error.colno})",
                here,
                "read",
            )
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield Problem(
                "malformed_record",
                f"{here}: a record must be a JSON object with a string 'text'",
                here,
                "read",
            )
            continue
        record_problems: tuple[Problem, ...] = ()
        try:
            record_date = parse_date(record.get("date"), here) or date
        except InputError as error:
            record_problems, record_date = (_problem(error),), date
        try:
            yield _article_from_text(
                record["text"],
                here,
                record_date,
                record_problems,
                id=record.get("id"),
                title=_text_or_none(record.get("title")),
                source=_text_or_none(record.get("source")),
                url=_text_or_none(record.get("url")),
            )
        except InputError as error:
            yield _problem(error)


def _text_or_none(value: object) -> str | None:
    return None if value in (None, "") else str(value)


Pair = tuple[str, tuple[int, int], tuple[int, int]]  # a text, its source span, its target span


def read_pairs(lines: Iterable[str], where: str) -> Iterator[tuple[object, Pair] | Problem]:
    """``classify-pair`` input: JSON lines ``{"id"?, "text", "source": {"start", "end"},
    "target": {...}}``; yields (id, pair) per record, or a Problem naming a record it cannot
    read."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            text = record["text"]
            source = (int(record["source"]["start"]), int(record["source"]["end"]))
            target = (int(record["target"]["start"]), int(record["target"]["end"]))
            if (
                not isinstance(text, str)
                or not (0 <= source[0] < source[1] <= len(text))
                or not (0 <= target[0] < target[1] <= len(text))
            ):
                raise ValueError("spans must lie inside the text, start < end")
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
            here = f"{where}:{number}"
            message = f"{here}: need text, source and target spans ({error})"
            yield Problem("malformed_record", message, here, "read")
            continue
        yield record.get("id"), (text, source, target)
