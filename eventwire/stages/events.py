"""Code events from the dependency parse: who did what to whom.

In: parsed segments, the article's ``ActorIndex``, the trigger lexicon and the
ontology. Out: ``Event`` records (date and location still empty: the time and
place stages fill them in).

Rules. A verb whose lemma (with its particle or object where the lexicon asks)
is a trigger makes an event; so does an event noun ("talks", "sanctions",
"the concentration of troops"), alone or as the object of a light verb ("held
talks"). The source is the subject, the passive agent, a possessor or the first
of "between X and Y"; the target is the object, a prepositional object (against,
with, to, on, from, at) or the passive subject. Control verbs that carry no event
themselves ("decided to", "plan to") pass their subject to the verb they govern;
event verbs governing another ("agreed to withdraw", "threatened to impose") code
the outer act and take the inner verb's object as target. Flags: ``negated`` (not,
never, no), ``hypothetical`` (if/unless clauses, would/could/might/may, a threat
whose content is conditional), ``future`` (the clause lies ahead, read by
``syntax.clause_tense``, the reader that also dates the clause: will, planned,
scheduled, expected to, a dated news present).
Every event names the lexicon rule that fired.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from ..lexicons import Ontology, Trigger, TriggerLexicon
from ..model import Actor, Event, Mention, Span
from ..pairs.features import feature_index, features
from .actors import ActorIndex
from .parse import Segment
from .syntax import (
    clause_subject,
    clause_tense,
    content_nouns,
    first_child,
    governing_verb,
    has_modal,
    has_modal_content,
    is_conditional,
    is_hypothetical,
    is_negated,
    prepositional_objects,
    subject_of,
    tree_path,
)

# "in" is left out on purpose: "met in Geneva" names a place, not a target.
_TARGET_PREPOSITIONS = (
    "against",
    "on",
    "with",
    "to",
    "from",
    "at",
    "toward",
    "towards",
    "into",
    "upon",
    "over",
    "for",
)
# an event noun's "over" is its topic ("talks over the border"), not a target
_NOUN_TARGET_PREPOSITIONS = tuple(p for p in _TARGET_PREPOSITIONS if p != "over")
_DENIAL = {"deny", "dismiss", "reject", "refute"}
# Verbal acts whose object is a proposed or demanded act, not one that happened:
# "agreed to a ceasefire", "called for talks", "rejected the sanctions" code one event.
_SAYING = {
    "say",
    "announce",
    "state",
    "declare",
    "vow",
    "warn",
    "tell",
    "insist",
    "add",
    "stress",
    "claim",
    "pledge",
    "promise",
    "signal",
    "indicate",
    "affirm",
    "reiterate",
}
_CONTENT_TAKING = {"AGREE", "REQUEST", "REJECT", "THREATEN", "CONSULT"}
# Cooperative acts whose negation in the future is a refusal ("will not release") and the
# REJECT mode each becomes.
_REFUSABLE = {"AGREE", "CONCEDE", "RETREAT", "AID", "COOPERATE", "SUPPORT", "CONSULT"}
# ... and those whose negation is a refusal in any tense ("did not agree", "did not back down")
_REFUSED_WHEN_NEGATED = {"AGREE", "CONCEDE", "RETREAT", "SUPPORT"}
# Material conflict a speaker announces for itself is a threat, with this THREATEN mode.
_THREATENABLE = {"ASSAULT", "SANCTION", "COERCE", "MOBILIZE"}
_THREAT_MODES = {
    "ASSAULT": "VIOLENCE",
    "SANCTION": "RESTRICT",
    "COERCE": "ARREST",
    "MOBILIZE": "VIOLENCE",
}
_REFUSAL_MODES = {
    "RETREAT": "YIELD",
    "CONCEDE": "YIELD",
    "AID": "ASSIST",
    "COOPERATE": "ASSIST",
    "CONSULT": "MEET",
    "AGREE": None,
    "SUPPORT": None,
}
_PATIENT_OF = {"ASSAULT", "COERCE", "SANCTION", "RETREAT", "CONCEDE", "AID"}
_MATERIAL_CONFLICT = {"ASSAULT", "COERCE", "MOBILIZE", "PROTEST"}
_LOCATIVE_TARGETS = (
    "across",
    "near",
    "along",
    "in",
    "inside",
    "outside",
    "on",
    "into",
    "toward",
    "towards",
    "at",
)
# Nouns that stand for a country's land: "the border with Ukraine", "Ukrainian territory".
_REGION_NOUNS = {
    "border",
    "frontier",
    "territory",
    "soil",
    "coast",
    "airspace",
    "waters",
    "side",
    "region",
    "area",
    "town",
    "city",
    "village",
    "capital",
}


class EventCoder:
    def __init__(self, lexicon: TriggerLexicon, ontology: Ontology):
        self.lexicon = lexicon
        self.ontology = ontology

    def __call__(self, article_id: str, segments: list[Segment], actors: ActorIndex) -> list[Event]:
        events: list[Event] = []
        for number, segment in enumerate(segments):
            finder = _SegmentCoder(self, number, segment, actors, article_id)
            events.extend(finder.run())
        return events

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
        events = self(article_id, segments, actors)
        scored = [(_pair_fit(e, source, target), e) for e in events]
        best = max(scored, key=lambda item: (item[0], item[1].confidence), default=(0, None))
        together = (
            "source" in given and "target" in given and given["source"][0] == given["target"][0]
        )
        if not together:
            return PairAnalysis(best[1], min(best[0], 4) if best[0] >= 2 else 0)
        number = given["source"][0]
        coder = _SegmentCoder(self, number, segments[number], actors, article_id)
        source_token, target_token = given["source"][1], given["target"][1]
        row = features(source_token, target_token, coder.lexicon_type)
        _, common = tree_path(source_token, target_token)
        anchor = (
            coder.segment.char_span(common.sent.start, common.sent.end),
            coder.segment.char_span(common.i, common.i + 1),
            coder._actor(source_token),
            coder._actor(target_token),
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


class _SegmentCoder:
    def __init__(
        self, coder: EventCoder, number: int, segment: Segment, actors: ActorIndex, article_id: str
    ):
        self.lexicon, self.ontology = coder.lexicon, coder.ontology
        self.number, self.segment, self.actors, self.article_id = (
            number,
            segment,
            actors,
            article_id,
        )
        self.consumed: set[int] = set()

    def run(self) -> list[Event]:
        events = []
        doc: Any = self.segment.doc  # a spaCy Doc
        for token in doc:
            if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in self.lexicon.verbs:
                events.extend(self._verb_events(token))
        for token in doc:
            if token.i in self.consumed or token.pos_ not in ("NOUN", "PROPN"):
                continue
            if token.lemma_.lower() in self.lexicon.nouns:
                event = self._noun_event(token)
                if event:
                    events.append(event)
        return events

    def _speaker_promises(self, token) -> bool:
        """Is the event inside what its own doer says it will do? ("Iran said it would strike")"""
        clause = token
        while clause.dep_ in ("xcomp", "conj", "aux") and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in _SAYING:
            return False
        doer, speaker = self._actor(subject_of(token)), self._actor(subject_of(clause.head))
        return (
            doer is not None and speaker is not None and doer.actor.country == speaker.actor.country
        )

    def lexicon_type(self, token) -> tuple[str, str | None] | None:
        """The lexicon's (type, mode) for a token as a trigger, if it is one."""
        lemma = token.lemma_.lower()
        table = (
            self.lexicon.verbs
            if token.pos_ in ("VERB", "AUX")
            else self.lexicon.nouns
            if token.pos_ in ("NOUN", "PROPN")
            else None
        )
        if table is None or lemma not in table:
            return None
        trigger = self._choose(table[lemma], token)
        return (trigger.type, trigger.mode) if trigger is not None else None

    def path_event(self, source_token, target_token) -> Event | None:
        """A trigger on the dependency path between two actors, nearest their common head."""
        source_path = [source_token, *source_token.ancestors]
        target_path = [target_token, *target_token.ancestors]
        common = next((t for t in source_path if t in target_path), None)
        if common is None:
            return None
        path = (
            source_path[: source_path.index(common) + 1] + target_path[: target_path.index(common)]
        )
        path.sort(key=lambda t: sum(1 for _ in t.ancestors))  # nearest the common head first
        sentence_root = source_token.sent.root
        extra = [t for t in sentence_root.subtree if t not in path]
        extra.sort(key=lambda t: sum(1 for _ in t.ancestors))
        for token in path + extra:
            lemma = token.lemma_.lower()
            table = (
                self.lexicon.verbs
                if token.pos_ in ("VERB", "AUX")
                else self.lexicon.nouns
                if token.pos_ in ("NOUN", "PROPN")
                else None
            )
            if table is None or lemma not in table:
                continue
            trigger = self._choose(table[lemma], token)
            if trigger is not None:
                return self._event(
                    token,
                    trigger,
                    self._actor(source_token),
                    self._actor(target_token),
                    is_noun=token.pos_ != "VERB",
                )
        return None

    # ------------------------------------------------------------ verbs
    def _verb_events(self, verb) -> list[Event]:
        lemma = verb.lemma_.lower()
        if lemma in self.lexicon.transparent and first_child(verb, "xcomp") is not None:
            return []  # "decided to impose": the governed verb carries the event
        if verb.dep_ == "xcomp" and self._is_trigger_verb(verb.head):
            return []  # "agreed to withdraw": the outer verb codes the act
        if verb.dep_ == "amod":
            return []  # "the wounded soldiers": a participle describing a noun
        if self._under_denial(verb):
            return []
        trigger = self._choose(self.lexicon.verbs[lemma], verb)
        if trigger is None:
            return []
        if (
            trigger.specificity == 0
            and lemma in self.lexicon.light_verbs
            and any(
                c.dep_ == "dobj" and c.lemma_.lower() in self.lexicon.nouns for c in verb.children
            )
        ):
            return []  # "launched an offensive": the event noun codes it, with this subject
        for child in verb.children:
            if child.dep_ in ("dobj", "attr") and child.lemma_.lower() in trigger.objects:
                self.consumed.add(child.i)
        if trigger.type in _CONTENT_TAKING:
            self.consumed.update(content_nouns(verb))
        source, target = self._verb_arguments(verb, trigger)
        if source is None and target is None:
            return []  # no one acts and no one is acted on: nothing to code
        partners = self._partners(subject_of(verb)) if source is not None else []
        if partners and (target is None or target.actor.country is None):
            # "Armenia and Azerbaijan agreed", "US and Russian diplomats will meet": each with
            # the other
            return [
                self._event(
                    verb, trigger, source, partner, is_noun=False, suffix=f"p{n}" if n else ""
                )
                for n, partner in enumerate(partners)
            ]
        targets = [target] + (
            self._partners(self._token_of(target, verb)) if target is not None else []
        )
        events = []
        # "Britain, France and Germany condemned Russia and Belarus": each doer, each target
        for n, doer in enumerate([source, *partners]):
            for m, done_to in enumerate(targets):
                if n and _same_actor(doer, done_to):
                    continue
                events.append(
                    self._event(
                        verb,
                        trigger,
                        doer,
                        done_to,
                        is_noun=False,
                        suffix=f"s{n}t{m}" if n or m else "",
                    )
                )
        return events

    def _token_of(self, mention: Mention, verb):
        """The token heading a mention, looked up in the verb's sentence."""
        for token in verb.sent:
            if self.segment.offset + token.idx == mention.head:
                return token
        return None

    def _partners(self, token) -> list[Mention]:
        """The other coordinated actors: "Russia and China", "Britain, France and Germany",
        "US and Russian diplomats", "the two sides"."""
        if token is None:
            return []
        if (paired := self.actors.partners.get((self.number, token.i))) is not None:
            return [paired]  # "the two sides agreed": the second of the pair
        found: list[Mention] = []
        for conj in token.conjuncts:
            if conj.i > token.i and (mention := self._actor(conj)) is not None:
                found.append(mention)
        for modifier in (c for c in token.children if c.dep_ in ("nmod", "amod", "compound")):
            for conj in modifier.conjuncts:
                if (
                    conj.i > modifier.i
                    and (mention := self.actors.partner(self.number, conj.i)) is not None
                ):
                    found.append(mention)
        return [
            m for n, m in enumerate(found) if all(not _same_actor(m, other) for other in found[:n])
        ]

    def _partner(self, token) -> Mention | None:
        partners = self._partners(token)
        return partners[0] if partners else None

    def _is_trigger_verb(self, verb) -> bool:
        lemma = verb.lemma_.lower()
        return (
            lemma in self.lexicon.verbs
            and lemma not in self.lexicon.transparent
            and self._choose(self.lexicon.verbs[lemma], verb) is not None
        )

    def _choose(self, triggers: tuple[Trigger, ...], token) -> Trigger | None:
        """The first matching entry: constrained entries come first, file order breaks ties.

        A particle is a ``prt``, ``advmod`` ("pull back") or ``prep`` child, but not a
        preposition whose object is a date ("called X on Tuesday"). Objects are the
        direct object first, then prepositional objects, also through a nested
        preposition ("pulled out of the deal").
        """
        children = list(token.children)
        particles = {c.lemma_.lower() for c in children if c.dep_ in ("prt", "agent", "advmod")}
        particles |= {
            c.lemma_.lower() for c in children if c.dep_ == "prep" and not _governs_time(c)
        }
        direct = {
            c.lemma_.lower() for c in children if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd")
        }
        indirect: set[str] = set()
        for prep in (c for c in children if c.dep_ in ("prep", "prt", "agent")):
            for grandchild in prep.children:
                if grandchild.dep_ == "pobj":
                    indirect.add(grandchild.lemma_.lower())
                elif grandchild.dep_ == "prep":
                    indirect |= {g.lemma_.lower() for g in grandchild.children if g.dep_ == "pobj"}
        governed = set()
        # "allowed the convoy to enter" is often parsed as a ccomp rather than an xcomp
        for complement in (c for c in children if c.dep_ in ("xcomp", "ccomp")):
            governed |= {complement.lemma_.lower()} | {
                c.lemma_.lower() for c in complement.children if c.dep_ == "dobj"
            }
        modifiers = {c.lemma_.lower() for c in children if c.dep_ in ("compound", "amod")}
        fallback = None
        voice = "passive" if any(c.dep_ in ("nsubjpass", "auxpass") for c in children) else "active"
        for trigger in triggers:
            if trigger.voice and trigger.voice != voice:
                continue
            if trigger.particle and trigger.particle not in particles:
                continue
            if trigger.xcomp and not trigger.xcomp & governed:
                continue
            if trigger.modifiers and not trigger.modifiers & modifiers:
                continue
            if trigger.objects:
                if trigger.objects & direct:
                    return trigger
                if trigger.objects & indirect and fallback is None:
                    fallback = trigger
                continue
            if fallback is not None and fallback.specificity >= trigger.specificity:
                return fallback
            return trigger
        return fallback

    def _under_denial(self, token) -> bool:
        """Events inside what is denied ("denies plans to invade") are not events."""
        node = token
        for _ in range(6):
            if node.head.i == node.i:
                return False
            parent = node.head
            if parent.lemma_.lower() in _DENIAL and node.dep_ in (
                "ccomp",
                "dobj",
                "xcomp",
                "acl",
                "pcomp",
                "pobj",
            ):
                return True
            node = parent
        return False

    def _verb_arguments(self, verb, trigger: Trigger) -> tuple[Mention | None, Mention | None]:
        """Source and target of a verb event.

        Target candidates come in order of how directly they attach to the verb; the
        first with a country wins, else the first actor at all.
        """
        source = self._actor(subject_of(verb))
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        if passive:
            target = self._actor(first_child(verb, "nsubjpass"))
            agent = first_child(verb, "agent")
            source = self._actor(first_child(agent, "pobj")) if agent is not None else None
            if target is not None:
                return source, target
        candidates = [
            c
            for c in verb.children
            if c.dep_ in ("dobj", "dative", "iobj")
            and not (trigger.type == "MOBILIZE" and c.dep_ == "dobj")
        ]
        if trigger.particle:
            candidates += prepositional_objects(verb, (trigger.particle,))
        for obj in list(candidates):
            candidates += prepositional_objects(obj, _NOUN_TARGET_PREPOSITIONS)
            # "demanded guarantees that NATO will not expand": who the demand is about
            candidates += [
                clause_subject(c) for c in obj.children if c.dep_ in ("acl", "ccomp", "relcl")
            ]
        candidates += prepositional_objects(verb, _TARGET_PREPOSITIONS)
        xcomp = first_child(verb, "xcomp")
        if xcomp is not None:
            candidates += [c for c in xcomp.children if c.dep_ in ("dobj", "dative")]
            candidates += prepositional_objects(xcomp, _TARGET_PREPOSITIONS)
        # A warning or threat whose content is conditional targets who must not act:
        # "warned that if Moscow opted for escalation ..." -> Moscow; else the content's subject.
        for clause in (c for c in verb.children if c.dep_ == "ccomp"):
            for condition in (c for c in clause.subtree if c.dep_ == "advcl" and is_conditional(c)):
                candidates.append(clause_subject(condition))
            candidates.append(clause_subject(clause))
        if trigger.type in _CONTENT_TAKING:
            # "agreed to let Egypt send aid", "agreed to continue the dialogue with NATO"
            for complement in (c for c in verb.children if c.dep_ in ("xcomp", "ccomp")):
                candidates += [t for t in complement.subtree if t.pos_ in ("PROPN", "NOUN")]
        target = self._best_target(candidates, source)
        if target is None and trigger.type in _MATERIAL_CONFLICT:
            # no one named as object: the place it hit stands for its country,
            # "struck targets across the Gaza Strip", "massed troops near the border with Ukraine"
            places = []
            for node in [verb] + [c for c in verb.children if c.dep_ in ("dobj", "xcomp")]:
                places += prepositional_objects(node, _LOCATIVE_TARGETS)
            target = self._best_target(places, source)
        return source, target

    def _best_target(self, candidates, source: Mention | None) -> Mention | None:
        """The first candidate whose country the text states, else one with an inferred country,
        else any."""
        inferred = fallback = None
        for candidate in candidates:
            mention = self._actor(candidate)
            if mention is None or _same_actor(mention, source) or _self_target(mention, source):
                continue
            if mention.actor.country and (
                source is None
                or mention.actor.country != source.actor.country
                or mention.actor.sector != source.actor.sector
            ):
                if not mention.kind.endswith("_inferred"):
                    return mention
                inferred = inferred or mention
            fallback = fallback or mention
        return inferred or fallback

    # ------------------------------------------------------------ nouns
    def _noun_event(self, noun) -> Event | None:
        trigger = self._choose(self.lexicon.nouns[noun.lemma_.lower()], noun)
        if trigger is None or self._under_denial(noun):
            return None
        if noun.dep_ == "compound" and noun.head.pos_ in ("NOUN", "PROPN"):
            return None  # "talk show", "sanctions regime": the noun modifies another
        source = target = None
        between = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "between"]
        if between:
            first = first_child(between[0], "pobj")
            if first is not None:
                source = self._actor(first)
                second = first_child(first, "conj")
                target = self._actor(second) if second is not None else None
        if source is None:
            for child in noun.children:
                if child.dep_ in ("poss", "compound", "amod", "nmod"):
                    source = self._actor(child) or source
                elif child.dep_ == "prep" and child.lower_ == "by":
                    source = self._actor(first_child(child, "pobj")) or source
                elif child.dep_ == "prep" and child.lower_ == "of":
                    # "the invasion of Ukraine" names its victim, "a meeting of NATO" who holds it
                    if trigger.type in _PATIENT_OF:
                        target = target or self._actor(first_child(child, "pobj"))
                    else:
                        source = source or self._actor(first_child(child, "pobj"))
        governor = governing_verb(noun)
        if (
            source is None
            and governor is not None
            and governor.lemma_.lower() in self.lexicon.light_verbs
        ):
            # "Russia held talks", "the EU adopted a package of sanctions": the light verb's doer
            subject = subject_of(governor)
            source = self._actor(subject)
            if target is None and source is not None:
                target = self._partner(subject)
        if target is None:
            target = self._best_target(
                prepositional_objects(noun, _NOUN_TARGET_PREPOSITIONS), source
            )
            if target is None and trigger.type in _MATERIAL_CONFLICT:
                target = self._best_target(prepositional_objects(noun, _LOCATIVE_TARGETS), source)
        if source is None and target is None:
            return None
        return self._event(noun, trigger, source, target, is_noun=True)

    # ------------------------------------------------------------ shared
    def _actor(self, token) -> Mention | None:
        if token is None:
            return None
        mention = self.actors.get(self.number, token.i)
        if mention is not None:
            return mention
        if token.dep_ == "relcl" or token.tag_ in ("WP", "WDT"):
            # "the troops who attacked": the relative pronoun stands for the noun it modifies
            node = token
            while node.dep_ != "relcl" and node.head.i != node.i:
                node = node.head
            if node.dep_ == "relcl":
                return self.actors.get(self.number, node.head.i)
        if token.lower_ in ("it", "they", "we") and token.dep_ in ("nsubj", "nsubjpass"):
            # "the party announced that it would withdraw the bill": the announcer
            clause = token.head
            if clause.dep_ == "ccomp" and clause.head.i != clause.i:
                return (
                    self.actors.get(self.number, subject_of(clause.head).i)
                    if subject_of(clause.head) is not None and subject_of(clause.head).i != token.i
                    else None
                )
            return None
        region = token.lemma_.lower() in _REGION_NOUNS
        # an event noun stands for its doer: "retaliate against any attack by Israel" -> Israel
        doer = token.lemma_.lower() in self.lexicon.nouns
        for child in token.children:
            if (
                child.dep_ in ("appos", "poss", "compound", "nmod")
                or (
                    child.dep_ == "prep"
                    and (
                        child.lower_ == "of"
                        or region
                        and child.lower_ == "with"
                        or doer
                        and child.lower_ == "by"
                    )
                )
                or (region and child.dep_ == "amod")
            ):
                inner = child if child.dep_ != "prep" else first_child(child, "pobj")
                if inner is not None and (mention := self.actors.get(self.number, inner.i)):
                    return mention
        return None

    def _event(
        self,
        token,
        trigger: Trigger,
        source: Mention | None,
        target: Mention | None,
        is_noun: bool,
        suffix: str = "",
    ) -> Event:
        segment = self.segment
        sentence = token.sent
        sentence_span = segment.char_span(sentence.start, sentence.end)
        trigger_span = segment.char_span(token.i, token.i + 1)
        negated = is_negated(token)
        rule = ("noun " if is_noun else "verb ") + trigger.describe()
        # one tense reader for the flag and for the dates: a trigger and a time hanging from the
        # same verb cannot disagree on whether it lies ahead
        future = clause_tense(token).is_future
        will = future or has_modal(token)
        if negated and (
            trigger.type in _REFUSED_WHEN_NEGATED or trigger.type in _REFUSABLE and will
        ):
            # "did not agree", "will not lift the embargo", "would not release them": a refusal
            mode = _REFUSAL_MODES.get(trigger.type)
            trigger = Trigger(trigger.lemma, "REJECT", mode)
            negated, rule = False, f"{rule} (refused: negated {trigger.lemma})"
        hypothetical = is_hypothetical(token) or any(
            c.dep_ == "det" and c.lower_ in ("any", "every") for c in token.children
        )
        if trigger.type == "THREATEN" and has_modal_content(token):
            hypothetical = True  # "warned that any invasion would be met with sanctions"
        if (
            trigger.type in _THREATENABLE
            and (hypothetical or will)
            and not negated
            and self._speaker_promises(token)
        ):
            # "Iran said it would retaliate": announcing one's own force is a threat
            trigger = Trigger(trigger.lemma, "THREATEN", _THREAT_MODES.get(trigger.type))
            rule = f"{rule} (threat: announced by the one who would act)"
            hypothetical = False
        cameo, quad_class, intensity = self.ontology.code(trigger.type, trigger.mode, trigger.cameo)
        # Events embedded deep in a sentence (inside reported content, relative clauses)
        # are less sure to be the sentence's point, and to be events at all.
        depth = sum(1 for _ in token.ancestors)
        confidence = (
            0.6
            + 0.2 * bool(source and source.actor.country)
            + 0.15 * bool(target and target.actor.country)
            + 0.1 * (not is_noun)
            + 0.05 * (trigger.specificity > 0)
            - 0.08 * min(depth, 5)
        )
        digest = hashlib.sha1(
            f"{self.article_id}:{trigger_span[0]}:{trigger.type}{suffix}".encode()
        ).hexdigest()
        return Event(
            id=digest[:16],
            article_id=self.article_id,
            sentence=sentence_span,
            trigger=trigger_span,
            type=trigger.type,
            mode=trigger.mode,
            source=source,
            target=None if _same_actor(target, source) else target,
            date=None,
            date_granularity=None,
            date_method=None,
            location=None,
            negated=negated,
            hypothetical=hypothetical,
            future=future,
            cameo=cameo,
            quad_class=quad_class,
            intensity=intensity,
            confidence=round(min(confidence, 0.95), 2),
            rule=rule,
        )


def _governs_time(preposition) -> bool:
    return any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in preposition.children)


def _self_target(target: Mention, source: Mention | None) -> bool:
    """A country as a whole does not act on itself ("Peskov denied that Russia planned ...")."""
    if source is None or target.actor.country != source.actor.country:
        return False
    return target.actor.sector is None or source.actor.sector is None


def _same_actor(first: Mention | None, second: Mention | None) -> bool:
    if first is None or second is None:
        return False
    return first.actor == second.actor
