"""Where an article offset lies: the parsed segment and the sentence that hold it.

In: the article's parsed segments and an article offset (or a time expression). Out: the
segment, the sentence's text, the parse tokens above an expression.

Rule: segments carry their article offset; a sentence holds an offset from its first character
up to its last token's end.
"""

from __future__ import annotations

import re
from typing import Any

from ...model import TimeExpression
from ..parse import Segment, segment_at


def sentence_at(segments: list[Segment], expression: TimeExpression) -> str:
    """The text of the sentence holding an expression."""
    for segment in segments:
        for sentence in segment.doc.sents:
            start, end = segment.char_span(sentence.start, sentence.end)
            if start <= expression.start < end:
                return str(sentence.text)
    return ""


def sentence_says(segments: list[Segment], expression: TimeExpression, pattern: str) -> bool:
    """Whether the sentence holding an expression matches a pattern."""
    return re.search(pattern, sentence_at(segments, expression), re.IGNORECASE) is not None


def ancestors(segments: list[Segment], expression: TimeExpression) -> list[Any]:
    """The parse tokens above an expression's head, in the segment that holds it."""
    segment = segment_at(segments, expression.start)
    if segment is None:
        return []
    span = segment.doc.char_span(
        expression.start - segment.offset, expression.end - segment.offset, alignment_mode="expand"
    )
    return list(span.root.ancestors) if span is not None else []
