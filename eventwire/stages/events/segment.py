"""One segment's events: triggers found on the parse, their arguments read, their realis set."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import Any

from ...lexicons import Ontology, RealisWords, SpeechActLexicon, Trigger, TriggerLexicon
from ...model import Event, Mention
from ..actors import ActorIndex
from ..parse import Segment
from ..syntax import (
    content_nouns,
    first_child,
    governing_verb,
    in_condition,
    passive_agent,
    prepositional_objects,
    subject_of,
)
from .arguments import (
    CONTENT_TAKING,
    COOPERATION,
    LOCATIVE_TARGETS,
    MATERIAL_CONFLICT,
    NOUN_TARGET_PREPOSITIONS,
    PATIENT_OF,
    ArgumentReader,
    is_envoy,
    same_actor,
)
from .oneact import one_act, says_nothing
from .realis import background, is_claimed, is_ended, read_realis
from .selection import Selector, build_frame
from .senses import acts_for_a_state, advised_away, exercise_events, own_country
from .speech import already_coded, cue_of
from .triggers import choose_trigger, is_under_denial

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


def doer_unsaid(token, is_noun: bool) -> bool:
    """Is the trigger a passive verb without an agent ("were deployed", "had been instructed")?"""
    return (
        not is_noun
        and any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)
        and not any(c.dep_ == "agent" for c in token.children)
    )


def acts_on_each_other(verb) -> bool:
    """Does the verb's object say the doers act on each other? ("each side blamed the other",
    "accused each other", "threatened one another")"""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    for preposition in (c for c in verb.children if c.dep_ == "prep"):
        objects += [g for g in preposition.children if g.dep_ == "pobj"]
    for obj in objects:
        if obj.lower_ == "other" and any(c.lower_ in ("the", "each") for c in obj.children):
            return True
        if obj.lower_ == "another" and any(c.lower_ == "one" for c in obj.children):
            return True
    return False


def naming_predicate(verb):
    """(the name, what it names) of a naming verb: "called [the attack] [a war crime]",
    "called [the charges] [baseless]", "described [the report] as [fabricated]", "branded [the
    sanctions] [a provocation]" (a dative and an object); None when the verb names nothing."""
    named = first_child(verb, "dobj") or first_child(verb, "nsubjpass")
    for child in verb.children:
        if child.dep_ == "oprd":
            return child, named
        if child.dep_ == "prep" and child.lower_ == "as":
            return first_child(child, "pobj") or first_child(child, "amod") or child, named
        if child.dep_ in ("advcl", "xcomp", "ccomp") and any(
            c.dep_ == "mark" and c.lower_ == "as" for c in child.children
        ):
            return child, named
    dative = first_child(verb, "dative")
    if dative is not None and named is not None:
        return named, dative
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if len(objects) == 2:
        return objects[1], objects[0]  # "branded [the sanctions] [a provocation]", parsed so
    if named is not None:
        # "labelled his counterpart, Gustavo Petro, an illegal drug leader": the name hangs
        # as an indefinite apposition on the object or on its own apposition
        for node in (named, *(c for c in named.children if c.dep_ == "appos")):
            for appos in (c for c in node.children if c.dep_ == "appos"):
                if appos.pos_ == "NOUN" and any(
                    d.dep_ == "det" and d.lower_ in ("a", "an") for d in appos.children
                ):
                    return appos, named
    return None


# acts whose noun names its doer with "from" ("a protest from Tokyo", "aid from the EU");
# a withdrawal or an attack "from" somewhere names a place
FROM_DOER = {"ACCUSE", "REQUEST", "THREATEN", "AGREE", "SUPPORT", "REJECT", "AID", "PROTEST"}


class SegmentCoder(ArgumentReader):
    def __init__(
        self,
        lexicon: TriggerLexicon,
        ontology: Ontology,
        number: int,
        segment: Segment,
        actors: ActorIndex,
        article_id: str,
        realis: RealisWords,
        selector: Selector | None = None,
        acts: SpeechActLexicon | None = None,
    ):
        super().__init__(lexicon, number, segment, actors)
        self.ontology, self.article_id, self.realis = ontology, article_id, realis
        self.selector = selector
        self.acts = acts  # speech-act cues, for what a naming verb's name says
        self.named: set[str] = set()  # the ids of the events naming verbs made
        self.consumed: set[int] = set()

    def run(self) -> list[Event]:
        events = []
        doc: Any = self.segment.doc  # a spaCy Doc
        for token in doc:
            lemma = token.lemma_.lower()
            if token.i in self.consumed:
                continue
            if token.pos_ == "VERB" and (advisory := self.advisory(token)) is not None:
                events.append(advisory)  # the warning and the travelling code nothing else
                continue
            if token.pos_ in ("VERB", "AUX") and (
                lemma in self.lexicon.verbs or lemma in self.lexicon.naming
            ):
                events.extend(self.verb_events(token))
        for token in doc:
            if token.i in self.consumed or token.pos_ not in ("NOUN", "PROPN"):
                continue
            if token.lemma_.lower() in self.lexicon.nouns:
                event = self.noun_event(token)
                if event:
                    events.append(event)
        if self.named:
            # "denied any role and called the accusations baseless": one REJECT, the verb's
            others = [e for e in events if e.id not in self.named]
            events = [e for e in events if e.id not in self.named or not already_coded(e, others)]
        # two readings of one trigger may end with the same actors (a slot the selector
        # filled, a partner equal to the target): keep the first
        kept: dict[tuple, Event] = {}
        for event in events:
            key = (
                event.trigger,
                event.type,
                event.source.actor if event.source else None,
                event.target.actor if event.target else None,
            )
            kept.setdefault(key, event)
        events = exercise_events(list(kept.values()), self.lexicon.exercises, self.ontology)
        return one_act(events, self.segment)

    def choose(self, triggers: tuple[Trigger, ...], token) -> Trigger | None:
        """The lexicon entry the token triggers, a place the actors stage knows counted as one."""
        return choose_trigger(triggers, token, self.is_place)

    def is_place(self, token) -> bool:
        mention = self.actors.get(self.number, token.i)
        return mention is not None and mention.kind.startswith("place")

    def advisory(self, verb) -> Event | None:
        """A travel advisory ("warned its citizens against travelling to Japan"): a SANCTION
        against the place's country, its travelling marked consumed; else None."""
        found = advised_away(verb, self.lexicon.advisories)
        if found is None:
            return None
        place, complement = found
        target = self.actor(place)
        if target is None or not target.actor.country:
            return None
        trigger = Trigger(verb.lemma_.lower(), "SANCTION", "DISCONTINUE")
        event = self.event(verb, trigger, self.actor(subject_of(verb)), target, is_noun=False)
        if event is not None:
            self.consumed |= complement
        return event

    def records_empty(self) -> bool:
        """Must a trigger whose rules found no actor still go to the selector? Only while
        frames are recorded for training: the selector never makes an event of it."""
        return self.selector is not None and self.selector.wants(None, None)

    def talk_of_two(self, verb) -> bool:
        """Is the verb said of two parties with no object ("the two officers will speak again",
        "Modi and Sharif talked")?"""
        if any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children):
            return False
        subject = subject_of(verb)
        return subject is not None and self.actor(subject) is not None and bool(self.doers(subject))

    def speaker_promises(self, token) -> bool:
        """Is the event inside what its own doer says it will do? ("Iran said it would strike")"""
        clause = token
        while clause.dep_ in ("xcomp", "conj", "aux") and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in _SAYING:
            return False
        doer, speaker = self.actor(subject_of(token)), self.actor(subject_of(clause.head))
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
        trigger = self.choose(table[lemma], token)
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
            trigger = self.choose(table[lemma], token)
            if trigger is not None:
                return self.event(
                    token,
                    trigger,
                    self.actor(source_token),
                    self.actor(target_token),
                    is_noun=token.pos_ != "VERB",
                    select=False,  # the two actors are given
                )
        return None

    # ------------------------------------------------------------ verbs

    def verb_events(self, verb) -> list[Event]:
        lemma = verb.lemma_.lower()
        if lemma in self.lexicon.transparent and first_child(verb, "xcomp") is not None:
            return []  # "decided to impose": the governed verb carries the event
        if (
            verb.dep_ == "xcomp"
            and self.is_trigger_verb(verb.head)
            and not self.agreed_meeting(verb)
        ):
            return []  # "agreed to withdraw": the outer verb codes the act
        if verb.dep_ == "amod":
            return []  # "the wounded soldiers": a participle describing a noun
        if (
            lemma in self.realis.reporter_questions
            and verb.tag_ == "VBN"
            and verb.dep_ in ("advcl", "ROOT")
            and not any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in verb.children)
        ):
            return []  # "Asked whether Russia had been consulted, a spokesman said": a reporter
        if is_under_denial(verb):
            return []
        if self.in_background(verb):
            return []  # "Pakistan has consistently denied any link": a standing position
        if lemma in self.lexicon.naming and (naming := naming_predicate(verb)) is not None:
            if naming[1] is not None and naming[1].lower_ in ("what", "which"):
                return []  # "protest against what it called a violation": the protest's words
            if naming[1] is not None:
                # "called the Cambodian attack a war crime": the act named is told elsewhere;
                # the naming is this sentence's event
                self.consumed.add(naming[1].i)
            return self.naming_events(verb, *naming)
        trigger = (
            self.choose(self.lexicon.verbs[lemma], verb) if lemma in self.lexicon.verbs else None
        )
        if trigger is None and lemma in self.lexicon.pair_verbs and self.talk_of_two(verb):
            trigger = Trigger(lemma, "CONSULT", None)  # "the two sides will speak again"
        if trigger is None:
            return []  # a naming verb that names nothing ("described the scene")
        if trigger.type == "ASSAULT" and self.retorts(verb):
            # "hit back on Sunday, writing that he was no drug trafficker": words, not blows
            trigger = Trigger(lemma, "REJECT", None)
        if in_condition(verb):
            return []  # "would respond if Cambodia fired again": the condition, no event
        if is_claimed(verb, self.realis):
            return []  # "accused Kabul of sheltering the TTP": the accuser's claim
        if trigger.type == "REQUEST" and not any(
            c.dep_ in ("dobj", "dative", "xcomp", "ccomp", "prep", "advcl", "nsubjpass", "prt")
            for c in verb.children
        ):
            return []  # "'Who should get it?' Aliyev asked.": a question requests nothing
        if lemma in self.realis.cancelling and self.calls_off_a_meeting(verb):
            # "a planned summit of Tshisekedi and Kagame was cancelled": the summit is coded,
            # negated; a cancelling nobody is said to do is no one's sanction
            return []
        if trigger.type != "CONSULT" and is_ended(verb, self.realis):
            # "committed to stop fighting": the fighting is what ends; talks that ended were
            # held ("ended two days of talks")
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
                # "delivered a note of protest": the kind of note is no event of its own
                self.consumed.update(
                    g.i
                    for g in prepositional_objects(child, ("of",))
                    if g.lemma_.lower() in trigger.object_modifiers
                )
        if trigger.type in CONTENT_TAKING:
            self.consumed.update(content_nouns(verb))
        source, target = self.verb_arguments(verb, trigger)
        if source is None and target is None and not self.records_empty():
            return []  # no one acts and no one is acted on: nothing to code
        # the doer's partners: "mediated by Qatar and Turkey" has two mediators
        doer = passive_agent(verb) or subject_of(verb, self.lexicon.telling)
        partners = self.doers(doer) if source is not None else []
        # "the US and Chinese ambassadors attended the talks": joint doers of the talks they
        # attend, not each other's partners in them
        each_way = lemma in self.lexicon.reciprocal or acts_on_each_other(verb)
        target = self.not_a_co_doer(verb, trigger, source, target, partners)
        if (
            partners
            and lemma not in self.lexicon.attending
            and (trigger.type in COOPERATION or each_way)
            and (target is None or target.actor.country is None)
        ):
            return self.joint_events(verb, trigger, source, partners, each_way)
        targets = [target] + (
            self.partners(self.token_of(target, verb), before=True) if target is not None else []
        )
        if target is not None and target.actor.country:
            # "closed its crossings with Afghanistan, Torkham and Chaman": places of no known
            # country beside a target that has one are details, not more targets
            targets = [t for t in targets if t is not None and t.actor.country]
        if target is not None and target.kind == "pair" and source is not None:
            targets = self.pair_without(source, self.token_of(target, verb), targets)
        events = []
        # "Britain, France and Germany condemned Russia and Belarus": each doer, each target
        for n, doer in enumerate([source, *partners]):
            for m, done_to in enumerate(targets):
                if n and same_actor(doer, done_to):
                    continue
                event = self.event(
                    verb,
                    trigger,
                    doer,
                    done_to,
                    is_noun=False,
                    suffix=f"s{n}t{m}" if n or m else "",
                )
                if event is not None:
                    events.append(event)
        return events

    def naming_events(self, verb, name, named) -> list[Event]:
        """ "X called the attack a war crime": the speech act the name's words make (a cue of
        ``speech_acts.yaml``), by the verb's subject against what it names; no cue, no event."""
        if self.acts is None:
            return []
        words = list(name.subtree)
        for act in self.acts.acts:
            if act.type == "REQUEST" or (cue := cue_of(act, words, naming=True)) is None:
                continue
            source = self.actor(subject_of(verb))
            target = self.actor(named) if named is not None else None
            if target is None and named is not None:
                target = self.best_target(list(named.subtree), source)
            # "called the sanctions political revenge", "called the strike an act of war": a
            # threat's words naming another's act accuse it
            kind, mode = (
                ("ACCUSE", "DISAPPROVE") if act.type == "THREATEN" else (act.type, act.mode)
            )
            trigger = Trigger(verb.lemma_.lower(), kind, mode)
            event = self.event(
                verb, trigger, source, target, is_noun=False, suffix=f"n{cue.i}", select=False
            )
            if event is None:
                return []
            self.named.add(event.id)
            return [event]
        return []

    def not_a_co_doer(self, verb, trigger, source, target, partners) -> Mention | None:
        """ "the talks were mediated by Qatar and Turkey": a co-mediator is not the one
        consulted; the talks' parties are."""
        if verb.lemma_.lower() not in self.lexicon.attending or not any(
            same_actor(target, p) for p in partners
        ):
            return target
        return self.agreement_parties(verb, source) if trigger.type == "CONSULT" else None

    def agreed_meeting(self, verb) -> bool:
        """Is the verb a meeting an agreement fixes for a day ("agreed to meet again on 25
        October")? It is coded too, as a future consultation, beside the agreement; one with no
        day ("both had agreed to meet immediately") is only the agreement's term."""
        if not any(t.ent_type_ in ("DATE", "TIME") for t in verb.subtree):
            return False
        head = verb.head
        outer = self.choose(self.lexicon.verbs[head.lemma_.lower()], head)
        inner = self.lexicon.verbs.get(verb.lemma_.lower())
        chosen = self.choose(inner, verb) if inner else None
        return (
            outer is not None
            and outer.type == "AGREE"
            and chosen is not None
            and chosen.type == "CONSULT"
        )

    def is_trigger_verb(self, verb) -> bool:
        lemma = verb.lemma_.lower()
        return (
            lemma in self.lexicon.verbs
            and lemma not in self.lexicon.transparent
            and self.choose(self.lexicon.verbs[lemma], verb) is not None
        )

    def in_background(self, token) -> bool:
        """Is the act a standing position or a background campaign, or inside one? ("has
        repeatedly accused Rwanda of sending troops", "have held talks since 2022")"""
        node = token
        # the opening sentence (a text of one sentence, a headline) tells news in the present
        opening = self.number == 0 and token.sent.start == 0
        for _ in range(6):
            if node.pos_ in ("VERB", "AUX") and background(node, self.realis, opening) is not None:
                return True
            if node.dep_ not in (
                "xcomp",
                "ccomp",
                "dobj",
                "pobj",
                "prep",
                "pcomp",
                "acl",
                "npadvmod",
            ):
                return False
            if node.head.i == node.i:
                return False
            node = node.head
        return False

    def joint_events(self, verb, trigger: Trigger, source, partners, each_way: bool) -> list:
        """ "Armenia and Azerbaijan agreed", "US and Russian diplomats will meet": each with the
        other, one mutual event (either way round); "Thailand and Cambodia clashed", "each side
        blamed the other" (``each_way``): each acts on the other. "Israeli and American strikes
        hit the sites" are two doers, not a pair (no cooperation, no reciprocal verb)."""
        pairs: list[tuple[Mention | None, Mention | None, str]] = [
            (source, partner, f"p{n}" if n else "") for n, partner in enumerate(partners)
        ]
        if each_way:
            pairs += [(partner, source, f"r{n}") for n, partner in enumerate(partners)]
        paired = (
            self.event(verb, trigger, doer, done_to, is_noun=False, suffix=suffix)
            for doer, done_to, suffix in pairs
        )
        return [
            replace(e, mutual=not each_way and e.target in partners)
            for e in paired
            if e is not None
        ]

    def retorts(self, verb) -> bool:
        """Is "hit back" / "struck back" a retort: told with a speech verb ("hit back,
        writing that ...") or aimed at words ("hit back at the claims")?"""
        if not any(c.dep_ in ("prt", "advmod") and c.lower_ == "back" for c in verb.children):
            return False
        for child in verb.children:
            if child.dep_ in ("advcl", "conj", "xcomp") and (
                child.lemma_.lower() in self.lexicon.speech_verbs
            ):
                return True
            if child.dep_ == "prep" and child.lower_ == "at":
                aimed = first_child(child, "pobj")
                if aimed is not None and aimed.lemma_.lower() in self.lexicon.retorted:
                    return True
        return False

    def in_office_name(self, noun) -> bool:
        """Is the noun part of an office's name ("Director General of Military Operations",
        "Special Rapporteur on Torture")? ``office_nouns`` in ``verbs.yaml``."""
        while noun.dep_ == "conj" and noun.head.i != noun.i:
            noun = noun.head  # "the Minister for Peace and Reconciliation"
        preposition = noun.head
        return (
            noun.dep_ == "pobj"
            and preposition.dep_ == "prep"
            and preposition.lower_ in ("of", "for", "on")
            and preposition.head.lemma_.lower() in self.lexicon.office_nouns
        )

    def calls_off_a_meeting(self, verb) -> bool:
        """Is the verb a passive without an agent whose subject is a meeting noun?"""
        if any(c.dep_ == "agent" for c in verb.children):
            return False
        for child in verb.children:
            lemma = child.lemma_.lower()
            if child.dep_ == "nsubjpass" and lemma in self.lexicon.nouns:
                trigger = self.choose(self.lexicon.nouns[lemma], child)
                if trigger is not None and trigger.type == "CONSULT":
                    return True
        return False

    def doer_adjective(self, noun) -> bool:
        """Does a nationality adjective modify the event noun ("Russian", "Indian"), not a
        place name ("the Pahalgam attack", "Gaza strikes") nor an "anti-" one ("anti-Russian
        sanctions"), with the noun's own mention a country modifier?"""
        mention = self.actors.get(self.number, noun.i)
        if mention is None or mention.kind not in ("modifier", "role") or not mention.actor.country:
            return False
        adjectives = [c for c in noun.children if c.dep_ == "amod" and c.ent_type_ == "NORP"]
        return bool(adjectives) and not any(
            c.lower_.startswith("anti") or c.lower_ in ("-", "pro") or c.lower_.startswith("pro-")
            for c in noun.children
            if c.dep_ == "amod"
        )

    def noun_event(self, noun) -> Event | None:
        trigger = self.choose(self.lexicon.nouns[noun.lemma_.lower()], noun)
        if trigger is None or is_under_denial(noun):
            return None
        if noun.dep_ == "compound" and noun.head.pos_ in ("NOUN", "PROPN"):
            return None  # "talk show", "sanctions regime": the noun modifies another
        if self.in_office_name(noun):
            return None  # "the Director General of Military Operations"
        if self.in_background(noun) or is_claimed(noun, self.realis):
            return None  # "have held normalisation talks since 2022"
        if in_condition(noun):
            return None  # "if Cambodia continues the attacks"
        if trigger.type != "CONSULT" and is_ended(noun, self.realis):
            return None  # "an end to the shelling"
        source = target = None
        between = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "between"]
        if between:
            first = first_child(between[0], "pobj")
            if first is not None:
                source = self.actor(first)
                second = first_child(first, "conj")
                target = self.actor(second) if second is not None else None
        if source is None:
            for child in noun.children:
                if child.dep_ in ("poss", "compound", "amod", "nmod"):
                    source = self.actor(child) or source
                elif child.dep_ == "prep" and child.lower_ == "by":
                    source = self.actor(first_child(child, "pobj")) or source
                elif child.dep_ == "prep" and child.lower_ == "from" and trigger.type in FROM_DOER:
                    # "drew a protest from Tokyo", "a request from Kyiv": who made it
                    source = self.actor(first_child(child, "pobj")) or source
                elif child.dep_ == "prep" and child.lower_ == "of":
                    # "the invasion of Ukraine" names its victim, "a meeting of NATO" who holds it
                    owner = first_child(child, "pobj")
                    if trigger.type in PATIENT_OF:
                        target = target or self.actor(owner)
                    elif source is None and (source := self.actor(owner)) is not None:
                        # "a summit of Tshisekedi and Kagame": the first with the second
                        target = target or next(iter(self.partners(owner)), None)
        if source is None and self.doer_adjective(noun):
            # "the Russian attack on Kharkiv", "the Indian accusations": the nationality
            # adjective names the doer; the phrase's own mention carries its country
            source = self.actors.get(self.number, noun.i)
        governor = governing_verb(noun)
        if (
            source is None
            and governor is not None
            and governor.lemma_.lower() in self.lexicon.light_verbs
            # "called the Indian accusations baseless": the caller names them, made none
            and not (
                governor.lemma_.lower() in self.lexicon.naming
                and naming_predicate(governor) is not None
            )
        ):
            # "Russia held talks", "the EU adopted a package of sanctions": the light verb's doer
            subject = subject_of(governor)
            source = self.actor(subject)
            if target is None and source is not None:
                target = self.partner(subject)
        if target is None:
            target = self.best_target(prepositional_objects(noun, NOUN_TARGET_PREPOSITIONS), source)
            if target is None and trigger.type in MATERIAL_CONFLICT:
                place = self.best_target(prepositional_objects(noun, LOCATIVE_TARGETS), source)
                target = place if place is not None and place.actor.country else None
        if source is None and target is None and not self.records_empty():
            return None
        return self.event(noun, trigger, source, target, is_noun=True)

    # ------------------------------------------------------------ shared

    def event(
        self,
        token,
        trigger: Trigger,
        source: Mention | None,
        target: Mention | None,
        is_noun: bool,
        suffix: str = "",
        select: bool = True,
    ) -> Event | None:
        """The event of a trigger with the rules' source and target; the selector (when there
        is one) may fill a slot the rules left empty. None when both slots stay empty."""
        filled = side = ""
        guessed = False  # the selector filled the target with a name nobody knows
        if select and self.selector is not None:
            if self.selector.wants(source, target):
                frame = build_frame(
                    token,
                    trigger,
                    is_noun,
                    source,
                    target,
                    self.number,
                    self.segment.offset,
                    self.actors,
                    self.article_id,
                )
                ruled_source, ruled_target = source, target
                source, target, filled = self.selector(frame)
                if (
                    ruled_target is None
                    and trigger.mode == "WITHDRAW"
                    and target is not None
                    and is_envoy(self.token_of(target, token))
                ):
                    # a recalled envoy is the doer's own, never the target
                    target = None
                    filled = "; ".join(n for n in filled.split("; ") if not n.startswith("target"))
                guessed = ruled_target is None and says_nothing(target)
                if ruled_source is None and source is not None and doer_unsaid(token, is_noun):
                    # "American forces were deployed": a passive without an agent leaves its
                    # doer unsaid, and a guess from the sentence is more often wrong than right
                    source = ruled_source
                    filled = "; ".join(n for n in filled.split("; ") if not n.startswith("source"))
            if source is None and target is None:
                return None
        if (sense := self.lexicon.state_senses.get(trigger.lemma)) and acts_for_a_state(source):
            # "Tokyo protested against the post": a state's protest is a rebuke, not a rally
            trigger = replace(trigger, type=sense.type, mode=sense.mode, cameo=sense.cameo)
            filled = "; ".join(n for n in (filled, f"a state's {sense.lemma}") if n)
        if (target is None or guessed) and (other := self.other_side(token, trigger.type, source)):
            # a name nobody knows, guessed by the selector, gives way to the other side
            target, side = other, "target: the other of the article's two sides"
            filled = "; ".join(n for n in filled.split("; ") if not n.startswith("target"))
        filled = "; ".join(note for note in (filled, side) if note)
        if same_actor(target, source) or own_country(source, target, trigger.type):
            target = None
        if trigger.type == "CONSULT" and target is None:
            # "the council met on Friday", "speaking at a session": a consultation with no
            # one consulted tells no relation between actors; experts code none
            return None
        segment = self.segment
        sentence = token.sent
        sentence_span = segment.char_span(sentence.start, sentence.end)
        trigger_span = segment.char_span(token.i, token.i + 1)
        realis = read_realis(
            token,
            trigger,
            ("noun " if is_noun else "verb ") + trigger.describe(),
            self.realis,
            self.speaker_promises,
        )
        trigger, rule = realis.trigger, realis.rule
        if filled:
            rule = f"{rule}; {filled}"
        negated, hypothetical, future = realis.negated, realis.hypothetical, realis.future
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
            target=target,
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
