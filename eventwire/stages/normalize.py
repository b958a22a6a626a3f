"""Normalize an article: clean characters and find the wire layout.

In: an ``Article`` as read. Out: the article with its layout (title lines, body
paragraphs, trailing source line) and a cleaned copy of its text of *exactly the
same length*, so every offset found in the clean text indexes the original.

Rules: typographic quotes, dashes and odd spaces map one-to-one onto ASCII; the
first short line without a full stop is a title, and so is a second such line
(machine-translated wires often carry a garbled alternative title); a last line
like "source site-34" or a stray "– ." is a trailer, not body. Text that is not
English is refused here (InputError ``non_english``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..errors import InputError
from ..model import Article, Span

_CHARACTER_MAP = str.maketrans(
    {
        **{c: '"' for c in "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\u301d\u301e"},
        **{c: "'" for c in "\u2018\u2019\u201a\u201b\u2032\u02bc\u00b4\u2039\u203a"},
        **{c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"},
        **{c: " " for c in "\u00a0\u2007\u2009\u200a\u202f\u200b\u2060\ufeff\u3000"},
    }
)
_TRAILER = re.compile(
    r"^\s*(?:(?:source|sources|src)\s*[:\-]?\s*\S.{0,60}|[\W_]{1,6})\s*$", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"[.!;:]['\"]?\s*$")
_MAX_TITLE_WORDS = 25
_ENGLISH_FUNCTION_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "on",
        "with",
        "as",
        "by",
        "was",
        "at",
        "from",
        "has",
        "have",
        "are",
        "be",
        "it",
        "said",
        "will",
        "its",
        "an",
        "this",
        "not",
        "were",
        "which",
        "their",
        "been",
        "after",
        "would",
        "but",
        "they",
    ]
)


def clean_characters(text: str) -> str:
    """Map typographic characters onto plain ones, one character for one."""
    return text.translate(_CHARACTER_MAP)


def normalize_article(article: Article, check_language: bool = True) -> tuple[Article, str]:
    """Return the article with its layout set, and the cleaned same-length text."""
    clean = clean_characters(article.text)
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", clean) if m.group().strip()]
    trailer: Span | None = None
    while len(lines) > 1 and _TRAILER.match(clean[lines[-1][0] : lines[-1][1]]):
        last = lines.pop()
        trailer = (last[0], trailer[1] if trailer else last[1])
    titles: list[Span] = []
    known_title = clean_characters(article.title or "").strip().casefold()
    while (
        lines
        and len(lines) > 1
        and len(titles) < 2
        and _is_title(clean, lines[0], known_title, titles)
    ):
        titles.append(lines.pop(0))
    body = tuple(_strip(clean, span) for span in lines)
    if check_language:
        _check_language(clean, body, article.origin or article.id)
    title = article.title
    if title is None and titles:
        title = article.text[titles[0][0] : titles[0][1]].strip()
    titles = [_strip(clean, s) for s in titles]
    source = article.source or _outlet(clean, titles, trailer, article.url)
    return replace(
        article, body=body, titles=tuple(titles), trailer=trailer, title=title, source=source
    ), clean


# "source site-34" under a wire; "Capital News | Tuesday, January 11, 2022" or "The Morning Post,
# 15 September 2022" under a title: the outlet's name, then the date
_SOURCE_LINE = re.compile(r"^\s*(?:source|sources|src)\s*[:\-]?\s*(\S.{0,60}?)\s*$", re.IGNORECASE)
_OUTLET_LINE = re.compile(
    r"^\s*((?:The\s+)?(?:[A-Z][\w'&.-]*\s+){0,4}[A-Z][\w'&.-]*)\s*(?:[|,\u2014\u2013-]|\s)\s*"
    r"(?=(?:[Mm]on|[Tt]ues|[Ww]ednes|[Tt]hurs|[Ff]ri|[Ss]atur|[Ss]un)day\b|\d{1,2}\s+[A-Z][a-z]+\s+\d{4}"
    r"|[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4})"
)


def _outlet(clean: str, titles: list[Span], trailer: Span | None, url: str | None) -> str | None:
    """The outlet an article names itself: a trailing source line, a name before the date under the
    title, else the web address's host."""
    if trailer is not None:
        match = _SOURCE_LINE.match(clean[trailer[0] : trailer[1]])
        if match:
            return match.group(1)
    for start, end in titles[1:]:
        match = _OUTLET_LINE.match(clean[start:end])
        if match:
            return match.group(1).strip()
    if url:
        host = re.match(r"^[a-z]+://(?:www\.)?([^/:]+)", url.strip(), re.IGNORECASE)
        if host:
            return host.group(1).lower()
    return None


def _strip(text: str, span: Span) -> Span:
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_title(text: str, span: Span, known_title: str, titles: list[Span]) -> bool:
    line = text[span[0] : span[1]].strip()
    if known_title and line.casefold() == known_title:
        return True
    if _SENTENCE_END.search(line) or len(line.split()) > _MAX_TITLE_WORDS:
        return False
    # A second title line only when it is short too; otherwise it is a one-line lede.
    return not titles or len(line.split()) <= 16


def _check_language(text: str, body: tuple[Span, ...], where: str) -> None:
    sample = " ".join(text[s:e] for s, e in body)[:3000]
    letters = sum(ch.isalpha() for ch in sample)
    if letters < 20:
        return
    words = re.findall(r"[a-z]+", sample.lower())
    share = sum(w in _ENGLISH_FUNCTION_WORDS for w in words) / max(1, len(sample.split()))
    if share >= 0.12:
        return
    import py3langid  # loaded only for doubtful text: function words decide most articles

    language, _ = py3langid.classify(sample)
    if language != "en":
        raise InputError(
            where,
            "non_english",
            f"the text looks like {language!r}, not English; eventwire codes English "
            "news only (translate it first)",
        )
