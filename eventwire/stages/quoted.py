"""The events told inside quotes: the second half of the quotes stage.

In: the article's events, its ``Quote`` records and parsed segments. Out: the same events,

1. marked reported when their trigger lies in a quote's content (not the cue itself):
   told as someone's words, not asserted by the writer; ``reported_by`` is the speaker;
2. with the speaker as the source of an event whose doer is "we" or "I" inside the quote
   ("„We only ask that Cambodia silence its guns first,“ the spokesman said");
3. with civilians a state reports killed or held by another country's forces, named without
   a country, as that state's own ("According to Islamabad, the Indian missiles killed 31
   civilians"), marked low confidence in the evidence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from ..model import Event, Mention, Quote, Span
from .parse import Segment, segment_at
from .syntax import subject_of


def mark_reported(events: list[Event], quotes: list[Quote]) -> list[Event]:
    """Events whose trigger lies in a quote's content (not the cue itself) are reported: told
    as someone's words, not asserted by the writer; ``reported_by`` is the speaker when known."""
    out = []
    for event in events:
        quote = next(
            (
                q
                for q in quotes
                if q.content[0] <= event.trigger[0] < q.content[1]
                and not (q.cue and q.cue[0] <= event.trigger[0] < q.cue[1])
            ),
            None,
        )
        if quote is None:
            out.append(event)
            continue
        out.append(
            replace(
                event,
                reported_by=quote.speaker,
                reported="direct" if quote.direct else "paraphrase",
            )
        )
    return out


def the_speakers_own_words(
    events: list[Event], quotes: list[Quote], segments: list[Segment]
) -> list[Event]:
    """ "„We only ask that Cambodia silence its guns first,“ the spokesman said": inside a
    quote, "we" and "I" are the speaker (for "we", the side the speaker speaks for). An event
    of the quote with no source whose doer is such a word takes the speaker as its source,
    when the speaker's country is known."""
    out = []
    for event in events:
        quote = (
            next(
                (
                    q
                    for q in quotes
                    if q.content[0] <= event.trigger[0] < q.content[1]
                    and q.speaker is not None
                    and q.speaker.country
                ),
                None,
            )
            if event.source is None
            else None
        )
        subject = _doer_word(segments, event.trigger) if quote is not None else None
        if quote is None or quote.speaker is None or subject is None:
            out.append(event)
            continue
        segment, token = subject
        start = segment.offset + token.idx
        source = Mention(
            start,
            start + len(token.text),
            token.text,
            quote.speaker,
            "person",
            start,
            f"coreference: {token.text} -> {quote.speaker.name}, the speaker of the quote",
        )
        out.append(replace(event, source=source, rule=f"{event.rule}; source: the speaker"))
    return out


def _doer_word(segments: list[Segment], trigger: Span) -> tuple[Segment, Any] | None:
    """The segment and the first-person subject ("we", "I") of the trigger, or None."""
    segment = segment_at(segments, trigger[0])
    token = segment.root_at(trigger) if segment is not None else None
    subject = subject_of(token) if token is not None else None
    if segment is None or subject is None or subject.lower_ not in ("we", "i"):
        return None
    return segment, subject


def victims_of_the_reporting_side(
    events: list[Event], is_state: Callable[[str | None], bool]
) -> list[Event]:
    """ "According to Islamabad, the Indian missiles killed 31 civilians": civilians a report
    names without a country, hit by another country's forces, are the reporting state's own
    (a report of the United Nations says nothing of whose they are). The target takes that
    country, and its evidence says how weakly it is known."""
    out = []
    for event in events:
        target, reporter = event.target, event.reported_by
        source_country = event.source.actor.country if event.source is not None else None
        if (
            event.type in ("ASSAULT", "COERCE")
            and target is not None
            and target.actor.country is None
            and target.actor.sector == "CVL"  # "killed 31 civilians", "wounded six people"
            and reporter is not None
            and is_state(reporter.country)
            and source_country is not None
            and reporter.country != source_country
        ):
            actor = replace(target.actor, country=reporter.country)
            evidence = (
                f"{target.evidence}; low confidence: the victims' country taken from the "
                f"report's side ({reporter.name})"
            )
            event = replace(event, target=replace(target, actor=actor, evidence=evidence))
        out.append(event)
    return out
