"""Speech acts read from quotes: what a speaker's words do, not only what they tell.

In: the quotes stage's ``Quote`` records (speaker, content, cue), the parse, the actors and the
events already coded. Out: new ``Event`` records, one per quote at most, whose source is the
speaker and whose evidence is a cue inside the quoted content (``data/speech_acts.yaml``):

- a content cue of a kind ("consequences", "cannot bear" -> THREATEN; "baseless" -> REJECT;
  "aggression" -> ACCUSE; "we demand" -> REQUEST; "solidarity" -> SUPPORT) makes that event,
  also when the attributing verb is neutral ("..., the minister said"); the first kind in file
  order wins and a cue under a negation counts not;
- "X must / should / has to ..." makes a REQUEST of the speaker to X, when X is another
  country's actor ("Russia must pull its troops back", said by Berlin);
- the target is the actor the content is about: the one obliged, else the first actor of
  another country named in the content;
- no speech act is coded when the attributing word already codes an event ("Blinken warned
  ...": the lexicon's THREATEN) or when an event of the same kind and source country is coded
  in the same sentence ("'We stand with Ukraine,' ...": the lexicon's SUPPORT);
- a threat whose content is conditional ("if it ...") is hypothetical, as the lexicon's are.
"""

from __future__ import annotations

import hashlib
from typing import Any

from ...lexicons import Ontology, SpeechActLexicon, TriggerLexicon
from ...model import Actor, Event, Mention, Quote, Span
from ..actors import ActorIndex
from ..parse import Segment
from ..syntax import asks, first_child, has_modal, is_conditional, is_negated, subject_of
from .arguments import ArgumentReader
from .senses import own_country


def read_speech_acts(
    article_id: str,
    segments: list[Segment],
    actors: ActorIndex,
    quotes: list[Quote],
    events: list[Event],
    acts: SpeechActLexicon,
    lexicon: TriggerLexicon,
    ontology: Ontology,
) -> list[Event]:
    """The speech acts of every quote whose speaker is known (see the module's rules)."""
    out: list[Event] = []
    # each segment's span in the article (a Doc's text is joined anew at every reading)
    spans = [(s.offset, s.offset + len(s.doc.text)) for s in segments] if quotes else []
    for quote in quotes:
        if quote.speaker is None or _cue_codes_an_event(quote, events):
            continue
        number = next(
            (n for n, (start, end) in enumerate(spans) if start <= quote.content[0] < end),
            None,
        )
        if number is None:
            continue
        reader = ArgumentReader(lexicon, number, segments[number], actors)
        for kind, mode, token, target in _find_acts(quote, reader, acts):
            source = _speaker_mention(quote, quote.speaker, actors)
            if target is None:
                target = _content_target(quote, actors, quote.speaker)
            event = _event(article_id, reader, token, kind, mode, source, target, quote, ontology)
            if not already_coded(event, events + out):
                out.append(event)
    return out


def _find_acts(quote: Quote, reader: ArgumentReader, acts: SpeechActLexicon) -> list:
    """(type, mode, cue token, target or None) of the first kind whose cue the content holds,
    and a demand beside an act of another kind ("Kabul must rein in the TTP, or we will do it
    ourselves": a THREATEN and a REQUEST)."""
    segment = reader.segment
    doc: Any = segment.doc
    start, end = quote.content[0] - segment.offset, quote.content[1] - segment.offset
    tokens = [t for t in doc if start <= t.idx < end]
    words = [t.lower_ for t in tokens]
    obliged = _obliged(tokens, words, reader, quote.speaker, acts.obliged)
    for act in acts.acts:
        if act.type == "THREATEN":
            threat = _conditional(tokens, reader, quote.speaker, acts.conditional) or _or_else(
                obliged, reader, quote.speaker
            )
            found = (act.type, act.mode, *threat) if threat is not None else None
        elif act.type == "REQUEST":
            found = (act.type, act.mode, *obliged) if obliged is not None else None
        else:
            found = None
        if found is None and (token := cue_of(act, tokens)) is not None:
            found = (act.type, act.mode, token, None)
        if found is None:
            continue
        if act.type == "REQUEST" or obliged is None:
            return [found]
        request = next(a for a in acts.acts if a.type == "REQUEST")
        return [found, (request.type, request.mode, *obliged)]
    return []


def cue_of(act, tokens, naming: bool = False) -> Any:
    """The first token of ``tokens`` that is a cue of ``act`` (a word, or the first word of a
    phrase; with ``naming``, also a word that is a cue only as a name given) and is not
    negated, else None."""
    words_ = act.words | act.names if naming else act.words
    words = [t.lower_ for t in tokens]
    present = set(words)
    # only the phrases whose first word the tokens hold can match
    phrases = [phrase for phrase in act.phrases if phrase and phrase[0] in present]
    for n, token in enumerate(tokens):
        hit = token.lemma_.lower() in words_ or any(
            tuple(words[n : n + len(phrase)]) == phrase for phrase in phrases
        )
        if hit and not _denied(token):
            return token
    return None


def _denied(token) -> bool:
    """Is the cue negated, through the noun it modifies ("was not a bad guy") or a "neither ...
    nor" ("neither a businessman nor a thug")?"""
    node = token
    while node.dep_ in ("amod", "compound", "advmod") and node.head.i != node.i:
        node = node.head
    if is_negated(token) or is_negated(node):
        return True
    coordinated = [node, node.head] if node.dep_ == "conj" else [node]
    return any(
        c.lower_ in ("neither", "nor") and c.dep_ in ("preconj", "cc", "dep")
        for item in coordinated
        for c in item.children
    )


def _conditional(tokens, reader: ArgumentReader, speaker: Actor | None, verbs: frozenset[str]):
    """ "Thailand would respond if Cambodia fired again": the consequence verb's token and the
    condition's subject, when the consequence is one of ``verbs`` under would/will and the
    subject is another country's actor."""
    inside = {t.i for t in tokens}
    for token in tokens:
        consequence = token.head
        if (
            token.dep_ != "advcl"
            or consequence.i not in inside
            or consequence.lemma_.lower() not in verbs
            or not any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in token.children)
            or not has_modal(consequence)
            or is_negated(consequence)
        ):
            continue
        target = reader.actor(subject_of(token))
        if _of_another_country(target, speaker):
            return consequence, target
    return None


def _of_another_country(target: Mention | None, speaker: Actor | None) -> bool:
    """Is the actor of a known country other than the speaker's?"""
    return (
        target is not None
        and bool(target.actor.country)
        and speaker is not None
        and target.actor.country != speaker.country
    )


def _obliged(tokens, words, reader: ArgumentReader, speaker: Actor | None, phrases):
    """'X must ...', 'X has to ...': the modal's token and X, when X is another country's."""
    for n, token in enumerate(tokens):
        for phrase in phrases:
            if tuple(words[n : n + len(phrase)]) != phrase:
                continue
            if asks(token):
                continue  # "If not Trump, who should get it?": a question demands nothing
            verb = token.head if token.dep_ == "aux" else first_child(token, "xcomp") or token
            target = reader.actor(subject_of(verb))
            if _of_another_country(target, speaker):
                return token, target
    return None


def _or_else(obliged, reader: ArgumentReader, speaker: Actor | None):
    """ "Kabul must rein in the TTP, or we will do it ourselves": what the speaker will do if
    X does not (the verb after "or", under will/would) and X, another country's actor;
    ``obliged`` is the content's demand (``_obliged``)."""
    if obliged is None:
        return None
    modal, target = obliged
    verb = modal.head if modal.dep_ == "aux" else first_child(modal, "xcomp") or modal
    if not any(c.dep_ == "cc" and c.lower_ == "or" for c in verb.children):
        return None
    for other in (c for c in verb.children if c.dep_ == "conj"):
        doer = subject_of(other)
        if doer is None or not any(
            a.dep_ == "aux" and a.lower_ in ("will", "would", "shall", "'ll")
            for a in other.children
        ):
            continue
        # the alternative is the speaker's own act ("or we will", "or the United States will")
        mention = reader.actor(doer)
        if doer.lower_ in ("we", "i") or (
            mention is not None and speaker is not None and mention.actor.country == speaker.country
        ):
            return other, target
    return None


def _cue_codes_an_event(quote: Quote, events: list[Event]) -> bool:
    cue = quote.cue
    return cue is not None and any(cue[0] <= e.trigger[0] < cue[1] for e in events)


def already_coded(event: Event, events: list[Event]) -> bool:
    """Does another event of the kind, by the source's country, stand in the sentence?"""
    country = event.source.actor.country if event.source else None
    return any(
        other.type == event.type
        and other.sentence == event.sentence
        and (other.source.actor.country if other.source else None) == country
        for other in events
    )


def _speaker_mention(quote: Quote, speaker: Actor, actors: ActorIndex) -> Mention:
    """The speaker's mention at the quote's source, else one made from the source's words."""
    span = quote.source or quote.cue or quote.content
    for mention in actors.mentions:
        if mention.actor == speaker and mention.start < span[1] and span[0] < mention.end:
            return mention
    return Mention(span[0], span[1], "", speaker, "speaker", span[0], "the quote's speaker")


def _content_target(quote: Quote, actors: ActorIndex, speaker: Actor) -> Mention | None:
    """The first actor of another country the content names."""
    for mention in actors.mentions:
        inside = quote.content[0] <= mention.start < quote.content[1]
        if inside and mention.actor.country and mention.actor.country != speaker.country:
            return mention
    return None


def _event(
    article_id: str,
    reader: ArgumentReader,
    token,
    kind: str,
    mode: str | None,
    source: Mention,
    target: Mention | None,
    quote: Quote,
    ontology: Ontology,
) -> Event:
    if own_country(source, target, kind):
        target = None
    segment = reader.segment
    sentence = token.sent
    sentence_span: Span = segment.char_span(sentence.start, sentence.end)
    trigger: Span = segment.char_span(token.i, token.i + 1)
    cameo, quad_class, intensity = ontology.code(kind, mode)
    # "consequences ... if it goes on": a conditional threat, as the lexicon codes one
    # "..., or we will do it ourselves": the alternative is a condition too
    hypothetical = kind == "THREATEN" and (
        any(t.dep_ == "advcl" and is_conditional(t) for t in sentence)
        or token.dep_ == "conj"
        and any(c.dep_ == "cc" and c.lower_ == "or" for c in token.head.children)
    )
    confidence = (
        0.5 + 0.2 * bool(source.actor.country) + 0.15 * bool(target and target.actor.country)
    )
    digest = hashlib.sha1(f"{article_id}:{trigger[0]}:{kind}:speech".encode()).hexdigest()
    how = "quotation" if quote.direct else "reported speech"
    return Event(
        id=digest[:16],
        article_id=article_id,
        sentence=sentence_span,
        trigger=trigger,
        type=kind,
        mode=mode,
        source=source,
        target=target,
        date=None,
        date_granularity=None,
        date_method=None,
        location=None,
        negated=False,
        hypothetical=hypothetical,
        future=False,
        cameo=cameo,
        quad_class=quad_class,
        intensity=intensity,
        confidence=round(min(confidence, 0.9), 2),
        rule=f"speech act: {kind} cue {token.text!r} in {how} "
        f"({quote.content[0]}-{quote.content[1]})",
    )
