"""Translation artifacts: sentences machine translation is known to invent.

In: parsed segments and the artifact lexicon (``data/artifacts.yaml``). Out: the article
spans of those sentences. The pipeline reports each as a Problem ``translation_artifact``
and codes no event from it.

Rule. A sentence is an artifact when, lower-cased and stripped of quotes, colons, commas
and closing punctuation, it equals one of the lexicon's sentences, or when one of the
lexicon's patterns matches at its start. Nothing else is guessed: a sentence that merely
looks odd stays in.
"""

from __future__ import annotations

from ..lexicons import ArtifactLexicon, artifact_key
from ..model import Span
from .parse import Segment


def find_artifacts(segments: list[Segment], lexicon: ArtifactLexicon) -> list[Span]:
    found: list[Span] = []
    for segment in segments:
        for sentence in segment.doc.sents:
            text = sentence.text  # a Span builds its text on every call: once per sentence
            stripped = text.strip()
            if artifact_key(text) in lexicon.sentences or any(
                p.match(stripped) for p in lexicon.patterns
            ):
                found.append(segment.char_span(sentence.start, sentence.end))
    return found
