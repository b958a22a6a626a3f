"""Quotes: who said what, direct or reported, and the events inside what they said.

In: parsed segments (one per paragraph) and the resolved actors. Out: ``Quote`` records
(content, source, cue, medium spans; the speaker's actor; direct or not), and the events
whose trigger lies inside a quote's content marked ``reported_by`` its speaker.

Rules, in order:
1. Cue words from ``data/cues.yaml`` on the dependency parse:
   - a cue verb's subject is the source, its clausal complement (or its object, or the
     object of its particle: "called for talks") the content; "..., saying that ..." and
     "..., he said" borrow the subject or the clause of the verb they hang from;
   - a cue noun's owner is the source, its "that" clause the content ("Moscow's claim that ...");
   - "according to X, ..." makes X the source and the rest of the clause the content.
2. Quotation marks of every style (curly, straight, guillemets, low-high, doubled single
   marks, and an unclosed mark that runs to the end of its paragraph) make direct quotes.
   A quote attached to a cue becomes its content, together with a quote split by the
   attribution ("...," he said, "...") and the quotes right after it that have no cue of
   their own; a quote with no cue nearby goes to the speaker before it, within two
   paragraphs, or to the cue of the sentence before it that ends in a colon.
3. The speaker is the actor the actors stage resolved at the source's head (pronouns and
   descriptions through its coreference); the medium is the channel named with the cue
   ("told CNN", "in an interview with ABC").
What the quotes do to the events told inside them (reported, the speaker's "we", the
reporting side's victims) is in ``quoted.py``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass

from ..lexicons import CueLexicon
from ..model import Actor, Quote, Span
from .actors import ActorIndex
from .parse import Segment

MIN_QUOTE_WORDS = 4  # shorter quoted stretches are names or scare quotes, not statements
CARRY_PARAGRAPHS = 2  # an unattributed quote goes to a speaker at most this many paragraphs back
_PAIRS = {
    "\u201c": "\u201d",
    "\u00ab": "\u00bb",
    "\u201e": "\u201c\u201d",
    "\u2039": "\u203a",
    "\u2018": "\u2019",
}
_STRAIGHT = re.compile(r"''|\"")
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_CONTENT_DEPS = ("ccomp", "xcomp")
_HEARER_VERBS = {
    "tell",
    "ask",
    "urge",
    "inform",
    "remind",
    "assure",
    "warn",
    "advise",
    "notify",
    "beg",
    "implore",
}
_PRONOUN_RELATIVES = {"who", "which", "that", "whom"}
_WAITING = (-1, -1)  # the content of a speech cue still waiting for its quotation
_SPEAKING = ("speech", "quote_only")
_DASHES = "\u2015\u2014\u2013-"  # signing a quotation: '"..." ― Name'


@dataclass
class _Found:
    """An attribution while it is being built (segment-local token and character positions)."""

    segment: int
    content: Span
    source: Span | None
    cue: Span
    source_head: int | None  # article offset of the source's head token
    medium: Span | None = None
    direct: bool = False
    kind: str = (
        "speech"  # the cue's kind in data/cues.yaml (nouns and prepositions count as speech)
    )


class QuoteFinder:
    def __init__(self, cues: CueLexicon):
        self.cues = cues
        self._by_first_word: dict[str, list[tuple[str, ...]]] = {}
        for phrase in cues.prepositions:  # longest first, as the lexicon sorts them
            self._by_first_word.setdefault(phrase[0], []).append(phrase)

    def __call__(self, segments: list[Segment], actors: ActorIndex) -> list[Quote]:
        found: list[_Found] = []
        marks: list[tuple[int, Span]] = []  # quotations long enough to be statements
        every: list[tuple[int, Span]] = []  # and all quoted stretches
        for number, segment in enumerate(segments):
            quoted = [
                (segment.offset + a, segment.offset + b) for a, b in quote_spans(segment.doc.text)
            ]
            every += [(number, span) for span in quoted]
            marks += [(number, span) for span in quoted if _words(segment, span) >= MIN_QUOTE_WORDS]
            found += self._cues(number, segment)
            found += _signed(number, segment, quoted)
        # cues inside a quotation are the quoted speaker's words, not attributions of their own
        found = [
            f
            for f in found
            if f.direct or not any(n == f.segment and s[0] < f.cue[0] < s[1] for n, s in marks)
        ]
        found = _dedupe(found)
        found = _attach_quotes(found, marks, every, segments)
        found = sorted(found, key=lambda f: f.content)
        return [
            Quote(
                content=f.content,
                source=f.source,
                cue=f.cue,
                speaker=speaker,
                direct=f.direct,
                medium=f.medium,
            )
            for f, speaker in zip(found, _speakers(found, actors))
        ]

    # ---------------------------------------------------------------- cue words
    def _cues(self, number: int, segment: Segment) -> list[_Found]:
        doc, out = segment.doc, []
        for token in doc:
            lemma = token.lemma_.lower()
            if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass"):
                if lemma in self.cues.verbs or lemma in self.cues.phrasal:
                    found = self._verb(number, segment, token, lemma)
                    if found:
                        out.append(found)
            elif token.pos_ == "NOUN" and (
                lemma in self.cues.nouns or lemma in self.cues.noun_phrasal
            ):
                found = self._noun(number, segment, token, lemma)
                if found:
                    out.append(found)
        out += self._according(number, segment)
        return out

    def _verb(self, number: int, segment: Segment, verb, lemma: str) -> _Found | None:
        kind = self.cues.verbs.get(lemma)
        if (
            verb.dep_ == "relcl" and kind != "speech"
        ):  # "the people who want ..." describes, it does not report
            return None
        doc = verb.doc
        content = None
        particle = next(
            (
                c
                for c in verb.children
                if c.dep_ in ("prep", "prt") and c.lower_ in self.cues.phrasal.get(lemma, ())
            ),
            None,
        )
        clauses = [c for c in verb.children if c.dep_ in _CONTENT_DEPS]
        after = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
        interposed = _interposed(verb) if kind in _SPEAKING else None
        if interposed is not None:
            content = interposed  # "The museum, Mr. Obama said, would make visitors face ..."
        elif after is not None and after.text == ":" and kind is not None:
            # "The paper reports: ..." - everything after the colon, to the paragraph's end
            content = _trim_tokens(doc, after.i + 1, len(doc))
        elif kind == "quote_only":
            pass  # "she continued": only a quotation or a colon gives content
        elif particle is not None and particle.dep_ == "prep":
            objects = [c for c in particle.children if c.dep_ in ("pobj", "pcomp")]
            if objects:
                # "called for contestants to wear ...": the object and the clause that follows it
                after_object = [
                    c for c in verb.children if c.dep_ in _CONTENT_DEPS and c.i > objects[0].i
                ]
                content = _clauses([objects[0], *after_object])
        elif clauses:
            content = self._clauses(clauses)
        elif kind is not None:
            if verb.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ == "as" for c in verb.children
            ):
                content = _clause_without(
                    verb.head, verb
                )  # "Hawaii, as one adviser pointed out, ..."
            elif verb.dep_ == "parataxis" or (verb.dep_ in ("ROOT", "conj") and _inverted(verb)):
                content = _clause_without(verb.head if verb.dep_ == "parataxis" else verb, verb)
            elif lemma not in _HEARER_VERBS:
                objects = [
                    c
                    for c in verb.children
                    if c.dep_ in ("dobj", "attr")
                    and c.pos_ != "PRON"
                    and c.tag_ not in ("WP", "WDT")
                ]
                if objects and objects[0].right_edge.i > objects[0].left_edge.i:
                    # "called the remarks a wake-up call", "cited the election as a reason"
                    complement = [
                        c
                        for c in verb.children
                        if c.i > objects[0].i
                        and (
                            c.dep_ in ("oprd", "ccomp", "xcomp", "attr", "dobj")
                            or c.dep_ == "prep"
                            and c.lower_ == "as"
                        )
                    ]
                    content = _clauses([objects[0], *complement])
        waiting = content is None or content[1] <= content[0]
        # a speech verb with a subject and nothing reported yet: a quotation may fill it
        if waiting and (
            kind not in _SPEAKING or not any(c.dep_ in _SUBJECTS for c in verb.children)
        ):
            return None
        if kind is None and particle is None:
            return None
        source_token = _source(verb)
        if (
            source_token is not None
            and source_token.text in _PRONOUN_RELATIVES
            and verb.dep_ != "relcl"
        ):
            return None  # a misparse: "insisted that guarantees that ..."
        cue_tokens = [
            t for t in verb.children if t.dep_ in ("aux", "neg", "auxpass") and t.i < verb.i
        ] + [verb]
        cue = (min(t.i for t in cue_tokens), verb.i + 1)
        if particle is not None and particle.i == verb.i + 1:
            cue = (cue[0], particle.i + 1)
        found_content = (
            segment.char_span(*content) if content is not None and not waiting else _WAITING
        )
        speaker_token = source_token  # "an architect who said ...": the architect speaks
        if (
            source_token is not None
            and source_token.text in _PRONOUN_RELATIVES
            and source_token.head.dep_ == "relcl"
        ):
            speaker_token = source_token.head.head
        return _Found(
            number,
            found_content,
            _span_of(segment, source_token),
            segment.char_span(*cue),
            _head_offset(segment, speaker_token),
            self._medium(segment, verb),
            kind=kind or "speech",
        )

    def _clauses(self, clauses) -> tuple[int, int]:
        """The span of complement clauses, cut before a trailing conjunct or adjunct that reports
        on its own ("said he would order a review and warned against hackers")."""
        start, end = _clauses(clauses)
        for clause in clauses:
            for child in clause.children:
                if (
                    child.i > clause.i
                    and child.dep_ in ("conj", "advcl")
                    and child.pos_ == "VERB"
                    and self.cues.verbs.get(child.lemma_.lower()) == "speech"
                ):
                    cut = child.left_edge.i
                    while cut > start and (
                        child.doc[cut - 1].is_punct or child.doc[cut - 1].dep_ == "cc"
                    ):
                        cut -= 1
                    end = min(end, cut)
        return start, end

    def _noun(self, number: int, segment: Segment, noun, lemma: str) -> _Found | None:
        clause = next(
            (
                c
                for c in noun.children
                if c.dep_ in ("acl", "ccomp", "relcl")
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            ),
            None,
        )
        if clause is None:
            preposition = next(
                (
                    c
                    for c in noun.children
                    if c.dep_ == "prep" and c.lower_ in self.cues.noun_phrasal.get(lemma, ())
                ),
                None,
            )
            clause = (
                next((c for c in preposition.children if c.dep_ in ("pobj", "pcomp")), None)
                if preposition is not None
                else None
            )
        if clause is None:
            return None
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is None:
            by = next(
                (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from", "of")),
                None,
            )
            owner = (
                next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
            )
        if owner is None and noun.dep_ in ("dobj", "attr") and noun.head.pos_ == "VERB":
            owner = next((c for c in noun.head.children if c.dep_ in _SUBJECTS), None)
        if owner is None:
            return None
        return _Found(
            number,
            segment.char_span(*_subtree(clause)),
            _span_of(segment, owner),
            segment.char_span(noun.i, noun.i + 1),
            _head_offset(segment, owner),
        )

    def _according(self, number: int, segment: Segment) -> list[_Found]:
        doc, out = segment.doc, []
        for token in doc:
            for phrase in self._by_first_word.get(token.lower_, ()):
                start, size = token.i, len(phrase)
                if tuple(t.lower_ for t in doc[start : start + size]) != phrase:
                    continue
                last = doc[start + size - 1]
                source = next((c for c in last.children if c.dep_ == "pobj"), None)
                if source is None and start + size < len(doc):
                    source = doc[start + size]
                if source is None:
                    continue
                source_span = _subtree(source)
                sentence = doc[start].sent
                phrase_end = max(source_span[1], start + size)
                before = (sentence.start, start)
                after = (phrase_end, sentence.end)
                content = after if (after[1] - after[0]) >= (before[1] - before[0]) else before
                content = _trim_tokens(doc, *content)
                if content[1] - content[0] < 3:
                    continue
                out.append(
                    _Found(
                        number,
                        segment.char_span(*content),
                        segment.char_span(*source_span),
                        segment.char_span(start, start + size),
                        _head_offset(segment, source),
                    )
                )
        return out

    def _medium(self, segment: Segment, verb) -> Span | None:
        """The channel a statement went out on: "told CNN", "in an interview with ABC", "on Fox"."""
        media = self.cues.media
        for child in verb.children:
            if (
                child.dep_ in ("dobj", "dative")
                and verb.lemma_.lower() == "tell"
                and (child.ent_type_ in ("ORG",) or child.lower_ in media)
            ):
                return segment.char_span(*_subtree(child))
            if child.dep_ == "prep" and child.lower_ in ("in", "on", "to", "during", "at"):
                for obj in child.children:
                    words = f" {' '.join(t.lower_ for t in obj.subtree)} {obj.lemma_.lower()} "
                    if obj.dep_ == "pobj" and (
                        any(f" {m} " in words for m in media) or obj.ent_type_ == "ORG"
                    ):
                        return segment.char_span(*_subtree(obj))
        return None


# ---------------------------------------------------------------- quotation marks
def quote_spans(text: str) -> list[Span]:
    """Character spans of quoted stretches, marks included; outermost only.

    Curly, guillemet, low-high and single curly pairs close on their partner; straight
    double quotes and doubled single quotes pair in order; a mark left open runs to the end
    of the text (machine translation often drops the closing one).
    """
    spans: list[Span] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        closers = _PAIRS.get(char)
        if closers and (char != "\u2018" or _opens(text, i)):
            end = _find_close(text, i + 1, closers, single=char == "\u2018")
            if char == "\u2018" and end >= n:
                i += 1
                continue
            spans.append((i, min(end + 1, n)))
            i = end + 1
            continue
        match = _STRAIGHT.match(text, i)
        if match:
            close = text.find(match.group(), match.end())
            end = close + len(match.group()) if close >= 0 else len(text.rstrip())
            spans.append((i, end))
            i = max(end, i + 1)
            continue
        i += 1
    return [(a, b) for a, b in spans if b - a > 2]


def _opens(text: str, i: int) -> bool:
    """A single curly opening mark, not an apostrophe: after space or start, before a letter."""
    return (i == 0 or not text[i - 1].isalnum()) and i + 1 < len(text) and text[i + 1].isalnum()


def _find_close(text: str, start: int, closers: str, single: bool) -> int:
    for j in range(start, len(text)):
        if text[j] in closers and (not single or j + 1 >= len(text) or not text[j + 1].isalpha()):
            return j
        if text[j] == "\n" and text[j + 1 : j + 2] == "\n":
            return j - 1
    return len(text)


def _words(segment: Segment, span: Span) -> int:
    text = segment.doc.text[span[0] - segment.offset : span[1] - segment.offset]
    return sum(any(char.isalnum() for char in word) for word in text.split())


def _attach_quotes(
    found: list[_Found],
    marks: list[tuple[int, Span]],
    every: list[tuple[int, Span]],
    segments: list[Segment],
) -> list[_Found]:
    """Direct quotes become the content of their attribution, or of the speaker before them.

    Cues still waiting for content and finding no quotation are dropped. Everything is looked
    up paragraph by paragraph, so a long article costs no more than its paragraphs.
    """
    long_by, every_by, found_by = _by_segment(marks), _by_segment(every), defaultdict(list)
    for item in found:
        found_by[item.segment].append(item)
    used: set[Span] = set()
    # speech cues take the quotations of their sentence first; thinking and showing only
    # take a quotation that lies in their own content
    for item in sorted(found, key=lambda f: (f.kind not in _SPEAKING, f.cue)):
        segment, here = segments[item.segment], found_by[item.segment]
        sentence = _sentence_of(segment, item.cue[0])
        long_ones = set(long_by[item.segment])
        near = [
            span
            for span in every_by[item.segment]
            if span not in used
            and (
                _overlap(span, item.content)
                or item.kind in _SPEAKING
                and span in long_ones
                and _overlap(span, sentence)
            )
        ]
        near = [
            span
            for span in near
            if not (span[0] <= item.cue[0] < span[1])
            and not _has_cue_between(here, *_gap(item.cue[1], span), but=item)
        ]
        if not near:
            continue
        start, end = min(s for s, _ in near), max(e for _, e in near)
        reach = max(end, sentence[1])
        for span in every_by[item.segment]:  # quotes right after, with no cue of their own
            if (
                span[0] >= end
                and span not in near
                and not _has_cue_between(here, end, span[1], but=item)
                and _only_space_between(segment, reach, span[0])
            ):
                end = reach = span[1]
                near.append(span)
        used.update(near)
        waiting = item.content == _WAITING
        joined = not waiting and _overlap(item.content, (start, end))
        # what the cue governs is itself quoted (or the cue waited for a quotation): a direct quote;
        # a few quoted words inside reported speech leave it reported speech
        inside = waiting or any(a <= item.content[0] and item.content[1] <= b for a, b in near)
        item.content = (
            (min(start, item.content[0]), max(end, item.content[1])) if joined else (start, end)
        )
        item.direct = inside or sum(b - a for a, b in near) >= 0.8 * (
            item.content[1] - item.content[0]
        )
    # reported speech with nobody reporting it ("..., saying ..." with no subject found) is too
    # often a misparse to keep; a quotation stays even when its speaker is unknown
    kept: dict[int, list[_Found]] = defaultdict(list)
    for number, items in found_by.items():
        items = [f for f in items if f.content != _WAITING and (f.source is not None or f.direct)]
        # what a speaker thinks inside what someone else reports is part of the report
        kept[number] = [
            f
            for f in items
            if f.kind in _SPEAKING
            or not any(
                o is not f and o.kind in _SPEAKING and o.content[0] <= f.cue[0] < o.content[1]
                for o in items
            )
        ]
    for number, span in marks:
        # a quotation that names no speaker continues the last one quoted
        if span in used:
            continue
        previous = [
            f
            for back in range(max(0, number - CARRY_PARAGRAPHS), number + 1)
            for f in kept[back]
            if f.source is not None and f.content[1] <= span[0]
        ]
        owner = max(previous, key=lambda f: f.content[1], default=None)
        if owner is None:
            continue
        kept[number].append(
            _Found(number, span, owner.source, owner.cue, owner.source_head, owner.medium, True)
        )
        used.add(span)
    return [f for number in sorted(kept) for f in kept[number]]


def _by_segment(spans: list[tuple[int, Span]]) -> defaultdict[int, list[Span]]:
    grouped: defaultdict[int, list[Span]] = defaultdict(list)
    for number, span in spans:
        grouped[number].append(span)
    return grouped


def _signed(number: int, segment: Segment, quoted: list[Span]) -> list[_Found]:
    """A quotation signed after a dash: '"..." ― Maria Lopez, a teacher'."""
    doc, out = segment.doc, []
    for start, end in quoted:
        rest = doc.text[end - segment.offset :]
        stripped = rest.lstrip(" ,")
        if not stripped[:1] in _DASHES:
            continue
        dash_at = end - segment.offset + len(rest) - len(stripped)
        tokens = [t for t in doc if t.idx > dash_at]
        name = []
        for token in tokens:
            if token.is_punct and token.text != "." or token.text == "\n":
                break
            name.append(token)
        if name and (name[0].pos_ == "PROPN" or name[0].ent_type_ in ("PERSON", "ORG", "NORP")):
            out.append(
                _Found(
                    number,
                    (start, end),
                    segment.char_span(name[0].i, name[-1].i + 1),
                    (segment.offset + dash_at, segment.offset + dash_at + 1),
                    segment.offset + name[0].idx,
                    None,
                    True,
                )
            )
    return out


def _only_space_between(segment: Segment, start: int, end: int) -> bool:
    gap = segment.doc.text[max(0, start - segment.offset) : max(0, end - segment.offset)]
    return not gap.strip(" \t\n,.")


def _gap(offset: int, span: Span) -> Span:
    """From an offset to the nearer edge of a span on either side of it."""
    edge = span[0] if span[0] >= offset else span[1]
    return (min(offset, edge), max(offset, edge))


def _has_cue_between(found: list[_Found], start: int, end: int, but: _Found | None = None) -> bool:
    return any(start <= f.cue[0] < end for f in found if f is not but)


def _sentence_of(segment: Segment, offset: int) -> Span:
    doc = segment.doc
    for sentence in doc.sents:
        span = segment.char_span(sentence.start, sentence.end)
        if span[0] <= offset < span[1]:
            return span
    return (offset, offset + 1)


# ---------------------------------------------------------------- parse helpers
def _subtree(token) -> tuple[int, int]:
    """Token range of a token's subtree, trimmed of edge punctuation."""
    return _trim_tokens(token.doc, token.left_edge.i, token.right_edge.i + 1)


def _trim_tokens(doc, start: int, end: int) -> tuple[int, int]:
    while (
        start < end
        and (doc[start].is_punct and doc[start].text not in "\"“«„'‘")
        or start < end
        and doc[start].dep_ == "cc"
    ):
        start += 1
    while end > start and doc[end - 1].is_punct and doc[end - 1].text not in "\"”»'’":
        end -= 1
    return start, end


def _clauses(clauses) -> tuple[int, int]:
    spans = [_subtree(c) for c in clauses]
    return min(a for a, _ in spans), max(b for _, b in spans)


def _inverted(verb) -> bool:
    """'"...," said Caddell' or '"...," he said': the verb after a quoted clause it does not
    govern."""
    return (
        any(c.dep_ in _SUBJECTS for c in verb.children)
        and verb.i > 0
        and any(
            t.is_quote or t.text in ",:"
            for t in verb.doc[max(0, verb.left_edge.i - 2) : verb.left_edge.i + 1]
        )
    )


def _interposed(verb) -> tuple[int, int] | None:
    """The whole sentence, when the attribution sits between commas inside what was said."""
    subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
    if not subjects:
        return None
    doc, sentence = verb.doc, verb.sent
    start = min(subjects[0].left_edge.i, verb.i)
    if start - 1 <= sentence.start or doc[start - 1].text != ",":
        return None
    if not any(t.pos_ in ("VERB", "AUX") for t in doc[sentence.start : start - 1]):
        return None
    after = next((t.i for t in doc[verb.i + 1 : sentence.end] if t.text == ","), None)
    if (
        after is None
        or after + 2 >= sentence.end
        or any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children if c.i < after)
    ):
        return None
    if doc[sentence.start : start - 1].text.count('"') % 2 or any(
        t.is_quote for t in doc[start - 2 : start]
    ):
        return None  # a quotation before the attribution: the quote rules read it
    return _trim_tokens(doc, sentence.start, sentence.end)


def _clause_without(head, verb) -> tuple[int, int]:
    """The clause of ``head`` minus the attribution ``verb`` and its words."""
    start, end = _subtree(head)
    cut = _subtree(verb)
    if cut[0] <= start:
        start = cut[1]
    elif cut[1] >= end:
        end = cut[0]
    return _trim_tokens(head.doc, start, end)


def _source(verb):
    """The subject of a cue verb, climbing through 'saying'/'adding' adjuncts, conjuncts and
    xcomps."""
    token = verb
    for _ in range(4):
        subjects = [c for c in token.children if c.dep_ in _SUBJECTS]
        if subjects:  # "WHO chief Martin Griffiths warned": two subjects, the name is the speaker
            return next((c for c in reversed(subjects) if c.pos_ != "PRON"), subjects[0])
        agent = next((c for c in token.children if c.dep_ == "agent"), None)
        if agent is not None:
            return next((c for c in agent.children if c.dep_ == "pobj"), None)
        if token.dep_ in ("advcl", "xcomp", "conj", "ccomp", "acl") and token.head is not token:
            token = token.head
            continue
        return None
    return None


def _span_of(segment: Segment, token) -> Span | None:
    if token is None:
        return None
    start, end = token.left_edge.i, token.right_edge.i + 1
    # a long relative or appositive clause stays part of the source, as the reader sees it
    return segment.char_span(*_trim_tokens(token.doc, start, end))


def _head_offset(segment: Segment, token) -> int | None:
    return None if token is None else segment.offset + token.idx


def _overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _dedupe(found: list[_Found]) -> list[_Found]:
    """One attribution per cue, and per content: the one with a source and the widest content
    wins."""
    best: dict[Span, _Found] = {}
    for item in found:
        kept = best.get(item.cue)
        if kept is None or (item.source is not None, _length(item.content)) > (
            kept.source is not None,
            _length(kept.content),
        ):
            best[item.cue] = item
    out: list[_Found] = []
    for item in sorted(
        best.values(),
        key=lambda f: (f.kind not in _SPEAKING, f.source is None, -_length(f.content), f.cue),
    ):
        if item.content != _WAITING and any(other.content == item.content for other in out):
            continue
        out.append(item)
    return out


def _length(span: Span) -> int:
    return span[1] - span[0]


def _speakers(found: list[_Found], actors: ActorIndex) -> list[Actor | None]:
    """The actor whose mention holds (or is headed at) each source's head token."""
    mentions = actors.mentions  # sorted by start
    starts = [m.start for m in mentions]
    by_head = {m.head: m for m in mentions}
    out: list[Actor | None] = []
    for item in found:
        offset = item.source_head
        if offset is None:
            out.append(None)
            continue
        position = bisect_right(starts, offset) - 1
        covering = next(
            (
                m
                for m in mentions[max(0, position - 3) : position + 1][::-1]
                if m.start <= offset < m.end
            ),
            None,
        ) or by_head.get(offset)
        out.append(covering.actor if covering is not None else None)
    return out
