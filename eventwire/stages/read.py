"""Read articles from files, directories and stdin.

In: paths (files or directories, searched recursively) or "-" for stdin.
Out: a stream of ``Article`` (with any non-fatal reading problems attached) or
``Problem`` for input that could not be read at all.

Rules: plain text is kept byte-for-byte as decoded, because output offsets
index it; HTML goes through trafilatura (title, date, body); JSON Lines records
need only ``text``. An article without an id gets a hash of its normalized text,
so reading the same article twice yields the same id. This is one of the three
modules that touch the disk.

Whatever the input, reading gives articles or Problems naming the file (or the
``file:line`` of a JSON Lines record) with the reason; it never raises on bad input:
- a text or HTML file is read whole, up to ``MAX_BYTES``; JSON Lines are streamed line
  by line, so a file of any size yields its good records, and a line over
  ``MAX_BYTES`` or nested deeper than ``MAX_JSON_DEPTH`` is a Problem naming its line;
- in a folder, files of a known kind are read; a file of another kind that holds
  binary content (PDF, image, archive, ...) is reported once ("skipped"), one that
  holds text (notes, the expected-event YAML next to our samples) is left alone;
  hidden files and folders are left alone;
- a folder that cannot be opened, a dangling link and a link looping back to a folder
  above it are Problems naming the path; links are never followed twice.
"""

from __future__ import annotations

import datetime as dt
import errno
import glob
import hashlib
import itertools
import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Article, Problem

MAX_BYTES = 20 * 1024 * 1024  # a text or HTML file, a JSON Lines record (line), stdin text
# A news record nests a few levels; deeper JSON is refused before it is parsed, since
# Python's parser (and ``str`` of what it built) recurses once per level.
MAX_JSON_DEPTH = 100
# Dates outside these years are typing slips (0202, 9999), and calendar arithmetic on them
# ("next year") would leave the calendar
MIN_YEAR, MAX_YEAR = 1000, 3000
CHUNK_BYTES = 1024 * 1024  # JSON Lines are read in pieces of this size
SNIFF_BYTES = 8192  # what is read of a file to tell text from binary
TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
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
        day = dt.date.fromisoformat(text[:10])
    except ValueError:
        shown = text if len(text) <= 40 else text[:40] + "..."
        raise InputError(where, "bad_date", f"cannot read date {shown!r}; use YYYY-MM-DD") from None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise InputError(
            where, "bad_date", f"{day.isoformat()} is not a news date (years {MIN_YEAR}-{MAX_YEAR})"
        )
    return day


def find_inputs(paths: Iterable[str]) -> Iterator[str | Problem]:
    """What ``paths`` name, once each: the path of every file to read (files named, files found
    under folders, recursively, or matched by globs) and a Problem for every path in a folder
    that cannot be walked (unreadable folder, dangling or looping link). Files in a folder come
    sorted by path, their Problems among them."""
    seen: set[str] = set()
    for path in paths:
        is_glob = any(c in path for c in "*?[") and not os.path.lexists(path)
        matches = sorted(glob.glob(path, recursive=True)) if is_glob else [path]
        for match in matches:
            entries: Iterable[str | Problem] = (
                walk_folder(Path(match)) if os.path.isdir(match) else [match]
            )
            for entry in entries:
                key = entry if isinstance(entry, str) else f"{entry.where}\0{entry.code}"
                if key not in seen:
                    seen.add(key)
                    yield entry


def find_files(paths: Iterable[str]) -> list[str]:
    """The files ``paths`` name that reading will take or report on (see ``find_inputs``),
    sorted, once each; what cannot be walked is left out (``find_inputs`` names it)."""
    return [entry for entry in find_inputs(paths) if isinstance(entry, str)]


def walk_folder(folder: Path, every_file: bool = False) -> Iterator[str | Problem]:
    """The files under ``folder`` to read (``every_file``: all of them, else those of a known
    kind and those holding binary content, which reading reports as skipped), sorted by path,
    and a Problem for each path that cannot be walked. Hidden files and folders are left out.
    Links to folders
    are followed unless they lead to a folder walked already (through a path sorted before);
    one leading to a folder above itself is reported as a loop."""
    found: list[tuple[Path, str | Problem]] = []
    walked: set[tuple[int, int]] = set()
    pending = [folder]
    while pending:  # depth first, in sorted order: the first path to a folder is the one kept
        current = pending.pop()
        identity = _identity(current)
        if identity in walked:
            if current.is_symlink() and _is_above(current):
                message = (
                    f"{current}: link loops back to {os.path.realpath(current)}, a folder "
                    "above it; not followed"
                )
                found.append((current, Problem("bad_link", message, str(current), "read")))
            continue
        walked.add(identity)
        try:
            with os.scandir(current) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as error:
            found.append((current, _unreadable(str(current), error, "folder")))
            continue
        folders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue  # hidden: editor swap files, .git, .DS_Store
            path = Path(entry.path)
            kind = _entry_kind(entry, path)
            if isinstance(kind, Problem):
                found.append((path, kind))
            elif kind == "folder":
                folders.append(path)
            elif kind == "file" and (every_file or _is_taken(path)):
                found.append((path, str(path)))
            elif kind == "other":  # opening a pipe would wait for a writer forever
                message = f"{path}: skipped: not a regular file (a pipe, socket or device)"
                found.append((path, Problem("skipped", message, str(path), "read")))
        pending.extend(reversed(folders))
    found.sort(key=lambda pair: pair[0])
    for _, item in found:
        yield item


def _identity(path: Path) -> tuple[int, int]:
    try:
        status = path.stat()
    except OSError:
        return (-1, hash(str(path)))
    return (status.st_dev, status.st_ino)


def _is_above(link: Path) -> bool:
    target = os.path.realpath(link)
    parent = os.path.realpath(link.parent)
    return parent == target or parent.startswith(target.rstrip(os.sep) + os.sep)


def _entry_kind(entry: os.DirEntry, path: Path) -> str | Problem:
    """ "folder", "file", "other" (a pipe, socket or device: never opened), or a Problem."""
    try:
        status = entry.stat()  # follows links
    except OSError as error:
        if entry.is_symlink():
            if error.errno == errno.ELOOP:
                reason = "link loops (it leads back to itself); not followed"
            else:
                try:
                    reason = f"dangling link to {os.readlink(path)}, which does not exist"
                except OSError:
                    reason = "dangling link"
            return Problem("bad_link", f"{path}: {reason}", str(path), "read")
        return _unreadable(str(path), error, "file")
    if stat.S_ISDIR(status.st_mode):
        return "folder"
    return "file" if stat.S_ISREG(status.st_mode) else "other"


def _is_taken(path: Path) -> bool:
    """True for a file reading takes or reports on: one of a known kind, or another one holding
    binary content or that cannot be opened to tell (reading says so). Text of other kinds
    (notes, expected-event YAML) is left alone."""
    if path.suffix.lower() in KNOWN_SUFFIXES:
        return True
    try:
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return True
    return binary_kind(head) is not None


# The first bytes of files people drop into article folders that are not articles
SIGNATURES = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"{\\rtf", "an RTF document"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a program"),
    (b"SQLite format 3\x00", "a database"),
)


def binary_kind(head: bytes) -> str | None:
    """What the first bytes of a file say it is when it is not text ("a PDF document",
    "binary content"), or None for text."""
    for signature, kind in SIGNATURES:
        if head.startswith(signature):
            return kind
    if head[4:8] in (b"ftyp", b"moov") or head.startswith((b"RIFF", b"OggS", b"ID3")):
        return "audio or video"
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if b"\x00" in head or control > len(head) * 0.1:
        return "binary content"
    return None


def _unreadable(where: str, error: OSError, what: str) -> Problem:
    reason = error.strerror or type(error).__name__
    advice = (
        "; its files were not read (check its permissions)"
        if what == "folder"
        else " (check that it exists and that you may read it)"
    )
    return Problem("unreadable", f"{where}: cannot open {what}: {reason}{advice}", where, "read")


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
        if not path.is_dir():
            yield from _read_file(path, input_format, date)
            continue
        # a format given applies to every file of the folder; else each file's kind decides
        for entry in walk_folder(path, every_file=input_format != "auto"):
            if isinstance(entry, Problem):
                yield entry
            else:
                yield from _read_file(Path(entry), input_format, date)


def _format_of(path: Path, input_format: str) -> str | None:
    """The reader for ``path``: the format asked for, else the one its suffix says; None for
    a file of another kind (read as text when it holds text)."""
    if input_format != "auto":
        return input_format
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in TEXT_SUFFIXES:
        return "text"
    return None


def _problem(error: InputError) -> Problem:
    return Problem(code=error.code, message=str(error), where=error.where, stage="read")


def _read_file(path: Path, input_format: str, date: dt.date | None) -> Iterator[Article | Problem]:
    where = str(path)
    fmt = _format_of(path, input_format)
    try:
        with open(path, "rb") as handle:
            if fmt == "jsonl":
                # streamed: a file of any size gives its good records
                yield from _read_jsonl(_chunks(handle), where, date)
                return
            head = handle.read(SNIFF_BYTES)
            kind = binary_kind(head) if fmt is None else None
            if kind is not None:
                message = (
                    f"{where}: skipped: not text, HTML or JSON Lines ({kind}); "
                    "convert it to text or move it out of the folder"
                )
                yield Problem("skipped", message, where, "read")
                return
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_BYTES:
                raise InputError(
                    where,
                    "too_large",
                    f"file is {size / 1e6:.1f} MB, over the {MAX_BYTES // (1024 * 1024)} MB "
                    "limit; split it into articles (JSON Lines) and try again",
                )
            data = head + handle.read(MAX_BYTES + 1 - len(head))
    except InputError as error:
        yield _problem(error)
        return
    except OSError as error:
        yield _unreadable(where, error, "file")
        return
    yield from read_bytes(data, where, fmt or "text", date)


def _chunks(handle: Any) -> Iterator[bytes]:
    """The bytes of an open binary file or stream, a piece at a time."""
    read = getattr(handle, "read1", handle.read)
    return iter(lambda: read(CHUNK_BYTES), b"")


def _read_stdin(input_format: str, date: dt.date | None) -> Iterator[Article | Problem]:
    stream = sys.stdin.buffer
    head = b""
    # enough of the start to tell the format, without waiting for the end of a live feed
    while len(head.lstrip()) < 64:
        more = getattr(stream, "read1", stream.read)(CHUNK_BYTES)
        if not more:
            break
        head += more
    fmt = input_format
    if fmt == "auto":
        start = head.lstrip()[:64].lower()
        fmt = (
            "jsonl"
            if start.startswith(b"{")
            else "html"
            if start.startswith((b"<!doctype", b"<html"))
            else "text"
        )
    if fmt == "jsonl":
        yield from _read_jsonl(itertools.chain([head], _chunks(stream)), "<stdin>", date)
        return
    data = head + stream.read(max(0, MAX_BYTES + 1 - len(head)))
    if len(data) > MAX_BYTES:
        yield _problem(InputError("<stdin>", "too_large", "standard input is over the 20 MB limit"))
        return
    yield from read_bytes(data, "<stdin>", fmt, date)


def read_bytes(
    data: bytes, where: str, input_format: str, date: dt.date | None = None
) -> Iterator[Article | Problem]:
    """Turn raw bytes from one file into articles, or Problems saying why not."""
    if input_format == "jsonl":
        yield from _read_jsonl([data], where, date)
        return
    try:
        text, problems = _decode(data, where)
        if input_format == "html":
            yield _article_from_html(text, where, date, problems)
        else:
            yield _article_from_text(text, where, date, problems)
    except InputError as error:
        yield _problem(error)


def _decode(data: bytes, where: str) -> tuple[str, tuple[Problem, ...]]:
    if not data.strip():
        raise InputError(where, "empty", "the file is empty; nothing to read")
    if binary_kind(data[:SNIFF_BYTES]) is not None:
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


# a code point Python strings may hold but UTF-8 cannot encode (JSON's "\ud800")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _article_from_text(
    text: str, where: str, date: dt.date | None, problems: tuple[Problem, ...], **fields: Any
) -> Article:
    if not text.strip():
        raise InputError(where, "empty", "the article has no text")
    if _LONE_SURROGATE.search(text):
        # one character for one, so offsets still index the text as given
        text = _LONE_SURROGATE.sub("\ufffd", text)
        message = f"{where}: lone surrogate code point(s) in the text replaced with U+FFFD"
        problems = (*problems, Problem("invalid_encoding", message, where, "read"))
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

    try:
        document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except RecursionError:
        raise InputError(
            where, "no_article_text", "this HTML page is nested too deep to read"
        ) from None
    except Exception as error:  # lxml and trafilatura fail in many ways on broken markup
        raise InputError(
            where,
            "no_article_text",
            f"this HTML page could not be read ({type(error).__name__}: {error})",
        ) from error
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
        title=_text_or_none(getattr(document, "title", None)),
        url=_text_or_none(getattr(document, "url", None)),
        source=_text_or_none(getattr(document, "sitename", None)),
    )


def split_lines(chunks: Iterable[bytes], limit: int = MAX_BYTES) -> Iterator[bytes | int]:
    """The lines of a byte stream given in pieces, without their line ends ("\\n", "\\r\\n"); a
    line longer than ``limit`` bytes comes as its length (an int) and is never held whole."""
    pending = bytearray()
    skipped = -1  # the length so far of an over-long line being passed over
    for chunk in chunks:
        start = 0
        while True:
            end = chunk.find(b"\n", start)
            piece = chunk[start:] if end < 0 else chunk[start:end]
            if skipped >= 0:
                skipped += len(piece)
            elif len(pending) + len(piece) > limit:
                skipped = len(pending) + len(piece)
                pending.clear()
            else:
                pending += piece
            if end < 0:
                break
            if skipped >= 0:
                yield skipped
                skipped = -1
            else:
                yield bytes(pending[:-1] if pending.endswith(b"\r") else pending)
                pending.clear()
            start = end + 1
    if skipped >= 0:
        yield skipped
    elif pending:
        yield bytes(pending[:-1] if pending.endswith(b"\r") else pending)


def json_depth(text: str) -> int:
    """How deep the arrays and objects of a JSON text nest (brackets inside strings do not
    count). Linear in the number of quotes, backslashes and brackets, whatever the text."""
    depth = deepest = 0
    is_string = False
    for token in _JSON_TOKEN.findall(text):
        if token == '"':
            is_string = not is_string
        elif is_string:
            continue  # a bracket or an escape ("\\"", "\\\\") inside a string
        elif token in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif token in "]}":
            depth -= 1
    return deepest


# an escape (two characters, so an escaped quote never ends a string), a quote, a bracket
_JSON_TOKEN = re.compile(r'\\.|["\[\]{}]', re.DOTALL)


def _read_jsonl(
    chunks: Iterable[bytes], where: str, date: dt.date | None
) -> Iterator[Article | Problem]:
    """The records of a JSON Lines stream, one by one; each bad line is a Problem naming it."""
    pieces = iter(chunks)
    head = b""
    for piece in pieces:  # enough of the start to tell text from binary
        head += piece
        if len(head) >= SNIFF_BYTES:
            break
    if binary_kind(head[:SNIFF_BYTES]) is not None:
        yield _problem(
            InputError(
                where,
                "binary",
                "this is a binary file, not text; give plain text, HTML or JSON Lines",
            )
        )
        return
    has_records = False
    for number, line in enumerate(split_lines(itertools.chain([head], pieces)), start=1):
        if number == 1 and isinstance(line, bytes) and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if isinstance(line, bytes) and not line.strip():
            continue
        has_records = True
        yield _read_record(line, f"{where}:{number}", date)
    if not has_records:
        yield _problem(InputError(where, "empty", "the file is empty; nothing to read"))


def _read_record(line: bytes | int, here: str, date: dt.date | None) -> Article | Problem:
    """One JSON Lines record (its bytes, or the length of a line too long to hold)."""
    if isinstance(line, int):
        return Problem(
            "too_large",
            f"{here}: the line is {line / 1e6:.1f} MB, over the "
            f"{MAX_BYTES // (1024 * 1024)} MB limit for one record; split the article",
            here,
            "read",
        )
    problems: tuple[Problem, ...] = ()
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as error:
        text = line.decode("utf-8", errors="replace")
        message = (
            f"{here}: not valid UTF-8 (first bad byte at column {error.start + 1}); "
            f"{text.count(chr(0xFFFD))} undecodable byte(s) replaced with U+FFFD; "
            "save the file as UTF-8 to fix"
        )
        problems = (Problem("invalid_encoding", message, here, "read"),)
    # few records hold more brackets than the limit: only those are looked into
    depth = json_depth(text) if text.count("[") + text.count("{") > MAX_JSON_DEPTH else 0
    if depth > MAX_JSON_DEPTH:
        return Problem(
            "malformed_record",
            f"{here}: the record nests {depth} levels deep, over the limit of "
            f"{MAX_JSON_DEPTH}; a news record needs a few",
            here,
            "read",
        )
    try:
        record = json.loads(text)
        return _article_from_record(record, here, date, problems)
    except json.JSONDecodeError as error:
        return Problem(
            "malformed_record",
            f"{here}: not valid JSON ({error.msg} at column {error.colno})",
            here,
            "read",
        )
    except RecursionError:
        message = f"{here}: the record nests too deep to read"
        return Problem("malformed_record", message, here, "read")
    except InputError as error:
        return _problem(error)


def _article_from_record(
    record: object, here: str, date: dt.date | None, problems: tuple[Problem, ...]
) -> Article | Problem:
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        return Problem(
            "malformed_record",
            f"{here}: a record must be a JSON object with a string 'text'",
            here,
            "read",
        )
    try:
        record_date = parse_date(record.get("date"), here) or date
    except InputError as error:
        problems, record_date = (*problems, _problem(error)), date
    given_id = record.get("id")
    return _article_from_text(
        record["text"],
        here,
        record_date,
        problems,
        id=None if given_id in (None, "") else _text_or_none(given_id),
        title=_text_or_none(record.get("title")),
        source=_text_or_none(record.get("source")),
        url=_text_or_none(record.get("url")),
    )


def _text_or_none(value: object) -> str | None:
    if value in (None, ""):
        return None
    return _LONE_SURROGATE.sub("\ufffd", str(value))


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
