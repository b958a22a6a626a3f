"""The event stage's entry point: every segment's events, and the lexicon's reading of a
given pair of actors (``eventwire classify-pair``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...lexicons import (
    Ontology,
    RealisWords,
    SpeechActLexicon,
    TriggerLexicon,
    load_realis,
    load_speech_acts,
)
from ...model import Actor, Event, Mention, Quote, Span
from ...pairs.features import feature_index, features
from ..actors import ActorIndex
from ..parse import Segment
from ..syntax import tree_path
from .reactions import aim_reactions
from .segment import SegmentCoder
from .selection import ArgumentModel, Selector
from .speech import read_speech_acts


class EventCoder:
    def __init__(
        self,
        lexicon: TriggerLexicon,
        ontology: Ontology,
        realis: RealisWords | None = None,
        speech_acts: SpeechActLexicon | None = None,
        arguments: ArgumentModel | None = None,
    ):
        """``arguments``: the learned slot selector's model (``selection.py``); without one the
        rule reader's choices stand."""
        self.lexicon = lexicon
        self.ontology = ontology
        self.realis = realis if realis is not None else load_realis()
        self.speech_acts_lexicon = (
            speech_acts
            if speech_acts is not None
            else load_speech_acts(types=frozenset(ontology.kinds))
        )
        self.selector: Selector | None = Selector(arguments) if arguments is not None else None

    def __call__(
        self,
        article_id: str,
        segments: list[Segment],
        actors: ActorIndex,
        selector: Selector | None | bool = True,
    ) -> list[Event]:
        """Every segment's events; ``selector`` True takes the coder's own, None or False none."""
        chosen = self.selector if selector is True else selector or None
        events: list[Event] = []
        for number, segment in enumerate(segments):
            finder = SegmentCoder(
                self.lexicon,
                self.ontology,
                number,
                segment,
                actors,
                article_id,
                self.realis,
                chosen,
                self.speech_acts_lexicon,
            )
            events.extend(finder.run())
        return events

    def speech_acts(
        self,
        article_id: str,
        segments: list[Segment],
        actors: ActorIndex,
        quotes: list[Quote],
        events: list[Event],
    ) -> list[Event]:
        """The speech acts of the article's quotes (``speech.read_speech_acts``)."""
        return read_speech_acts(
            article_id,
            segments,
            actors,
            quotes,
            events,
            self.speech_acts_lexicon,
            self.lexicon,
            self.ontology,
        )

    def aim_reactions(self, events: list[Event], segments: list[Segment]) -> list[Event]:
        """Reactions to an act told before aimed at its doer (``reactions.aim_reactions``)."""
        return aim_reactions(events, segments, self.lexicon.act_nouns)

    def code_pair(
        self,
        article_id: str,
        segments: list[Segment],
        actors: ActorIndex,
        source: Span,
        target: Span,
    ) -> PairAnalysis:
        """The lexicon's event between two given spans, how well it fits them, and the learned
        classifier's features for the pair (None when the spans are not in one sentence).

        The spans are taken as actors as they stand; the event whose source and target
        fall on them wins (fit 4: both, 2: one); failing that, the trigger on the dependency
        path between them, nearest their common head (fit 1); failing that, the most prominent
        trigger in the sentence (fit 0).
        """
        given = {}
        for span, label in ((source, "source"), (target, "target")):
            for number, segment in enumerate(segments):
                doc: Any = segment.doc  # a spaCy Doc
                if segment.offset <= span[0] < segment.offset + len(doc.text):
                    piece = doc.char_span(
                        span[0] - segment.offset, span[1] - segment.offset, alignment_mode="expand"
                    )
                    if piece is not None:
                        text = doc.text[piece.start_char : piece.end_char]
                        known = actors.get(number, piece.root.i)
                        actor = known.actor if known is not None else Actor(text)
                        mention = Mention(
                            segment.offset + piece.start_char,
                            segment.offset + piece.end_char,
                            text,
                            actor,
                            "given",
                            segment.offset + piece.root.idx,
                            f"given {label}",
                        )
                        actors.by_head[(number, piece.root.i)] = mention
                        given[label] = (number, piece.root)
        events = self(article_id, segments, actors, selector=None)  # the spans are given
        scored = [(_pair_fit(e, source, target), e) for e in events]
        best = max(scored, key=lambda item: (item[0], item[1].confidence), default=(0, None))
        together = (
            "source" in given and "target" in given and given["source"][0] == given["target"][0]
        )
        if not together:
            return PairAnalysis(best[1], min(best[0], 4) if best[0] >= 2 else 0)
        number = given["source"][0]
        coder = SegmentCoder(
            self.lexicon, self.ontology, number, segments[number], actors, article_id, self.realis
        )
        source_token, target_token = given["source"][1], given["target"][1]
        row = features(source_token, target_token, coder.lexicon_type)
        _, common = tree_path(source_token, target_token)
        anchor = (
            coder.segment.char_span(common.sent.start, common.sent.end),
            coder.segment.char_span(common.i, common.i + 1),
            coder.actor(source_token),
            coder.actor(target_token),
        )
        event, fit = best[1], min(best[0], 4) if best[0] >= 2 else 0
        if best[0] < 2:
            on_path = coder.path_event(source_token, target_token)
            if on_path is not None:
                event, fit = on_path, 1
        # the lexicon's own decision is a feature too: the model learns when to trust it
        if event is not None:
            row = (
                sorted(
                    set(row[0])
                    | {
                        feature_index(f"decided:{event.type}:{fit}"),
                        feature_index(f"decided:{event.type}"),
                    }
                ),
                row[1],
            )
        return PairAnalysis(event, fit, row, anchor)


@dataclass(frozen=True)
class PairAnalysis:
    """What the lexicon found between two known actors, how well it fits, and what the learned
    classifier needs: its features and where an event of its choosing would sit."""

    event: Event | None
    fit: int  # 4 both actors, 2 one, 1 a trigger on the path between them, 0 none
    row: tuple | None = None  # dyad features (None when the actors are not in one sentence)
    anchor: tuple | None = None  # (sentence span, common head span, source mention, target mention)


def _pair_fit(event: Event, source: Span, target: Span) -> int:
    def overlaps(mention: Mention | None, span: Span) -> bool:
        return mention is not None and mention.start < span[1] and span[0] < mention.end

    return (
        2 * overlaps(event.source, source)
        + 2 * overlaps(event.target, target)
        + overlaps(event.source, target)
        + overlaps(event.target, source)
    )
