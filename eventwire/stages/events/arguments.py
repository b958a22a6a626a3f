"""Who did it and to whom: the actors a trigger's arguments stand for.

The source is the subject, the passive agent, a possessor or the first of "between X and
Y"; the target is the object, a prepositional object (against, with, to, on, from, at) or
the passive subject; coordinated actors each take part; a place hit stands for its country.
"""

from __future__ import annotations

from dataclasses import replace

from ...lexicons import Trigger, TriggerLexicon
from ...model import Mention
from ..actors import ActorIndex
from ..parse import Segment
from ..syntax import (
    clause_subject,
    co_doers,
    first_child,
    is_conditional,
    is_venue,
    passive_agent,
    prepositional_objects,
    subject_of,
)

# "in" is left out on purpose: "met in Geneva" names a place, not a target.
TARGET_PREPOSITIONS = (
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
NOUN_TARGET_PREPOSITIONS = tuple(p for p in TARGET_PREPOSITIONS if p != "over")
# one's own diplomats, and the prepositions that name where they serve ("its ambassador to
# Washington", "the envoy in Kabul"): a recall's target is that country, not the envoy
ENVOYS = {"ambassador", "envoy", "diplomat", "emissary", "attache", "consul", "chargé"}
ENVOY_POSTS = ("to", "in", "from", "at")
CONTENT_TAKING = {"AGREE", "REQUEST", "REJECT", "THREATEN", "CONSULT"}
PATIENT_OF = {"ASSAULT", "COERCE", "SANCTION", "RETREAT", "CONCEDE", "AID"}
MATERIAL_CONFLICT = {"ASSAULT", "COERCE", "MOBILIZE", "PROTEST"}
COOPERATION = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}
# acts a condition can make threats of: "would retaliate if Moscow opted for escalation"
THREATENING = {"THREATEN", "ASSAULT", "SANCTION", "COERCE", "MOBILIZE"}
# Hostile acts one side of a two-sided article does to the other even when the sentence names
# no target ("Cambodian troops opened fire first", "New Delhi warned it would strike again")
AT_THE_OTHER_SIDE = {"ASSAULT", "COERCE", "THREATEN", "ACCUSE", "REJECT"}
# the sectors that act for a state in such a conflict: not its rebels, parties or people
STATE_SECTORS = (None, "GOV", "MIL")
LOCATIVE_TARGETS = (
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
REGION_NOUNS = {
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


class ArgumentReader:
    """Reads the actors of one segment's triggers (the event coder of a segment extends it)."""

    def __init__(self, lexicon: TriggerLexicon, number: int, segment: Segment, actors: ActorIndex):
        self.lexicon = lexicon
        self.number, self.segment, self.actors = number, segment, actors

    def token_of(self, mention: Mention, verb):
        """The token heading a mention, looked up in the verb's sentence."""
        for token in verb.sent:
            if self.segment.offset + token.idx == mention.head:
                return token
        return None

    def apposed(self, token):
        """ "the foreign ministers Jeyhun Bayramov and Ararat Mirzoyan": the person a role
        without a country is named as, in apposition (the first, when several)."""
        for child in token.children:
            mention = self.actors.get(self.number, child.i) if child.dep_ == "appos" else None
            if mention is not None and mention.kind == "person" and mention.actor.country:
                return mention
        return None

    def partners(self, token, before: bool = False) -> list[Mention]:
        """The other coordinated actors: "Russia and China", "Britain, France and Germany",
        "US and Russian diplomats", "the two sides". Those after the token only, unless
        ``before`` (a target chosen among coordinated objects may be any of them), which also
        takes the objects of coordinated prepositions ("spoke with Modi and with Sharif")."""
        if token is None:
            return []
        if (paired := self.actors.partners.get((self.number, token.i))) is not None:
            return [paired]  # "the two sides agreed": the second of the pair
        if (group := self.actors.groups.get((self.number, token.i))) is not None:
            return list(group)  # "the three European countries": the others of the group
        own = self.actors.get(self.number, token.i)
        if own is not None and own.actor.country is None and self.apposed(token) is not None:
            # "the foreign ministers Bayramov and Mirzoyan": the partners of the first name
            token = next(c for c in token.children if c.dep_ == "appos")
        found: list[Mention] = []
        coordinated = [c for c in token.conjuncts if before or c.i > token.i]
        if before and token.dep_ == "pobj" and token.head.dep_ == "prep":
            for preposition in token.head.conjuncts:
                coordinated += [g for g in preposition.children if g.dep_ == "pobj"]
            # "talked by telephone with Pashinyan and with Aliyev", parsed with the second
            # "with" coordinated to "by": a preposition of the same word further up
            for above in (a for a in token.head.ancestors if a.dep_ == "prep"):
                for preposition in above.conjuncts:
                    if preposition.lower_ == token.head.lower_ and preposition.i > token.i:
                        coordinated += [g for g in preposition.children if g.dep_ == "pobj"]
        if token.dep_ in ("nsubj", "nsubjpass") or (
            token.dep_ == "pobj" and token.head.dep_ == "agent"
        ):
            # "Qatar mediated the talks together with Turkey"
            verb = token.head if token.dep_ != "pobj" else token.head.head
            coordinated += co_doers(verb)
        for conj in coordinated:
            if (mention := self.actor(conj)) is not None:
                found.append(mention)
        # "the armies of Thailand and Cambodia": the owners after "of" are partners too
        for preposition in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
            for owner in (g for g in preposition.children if g.dep_ == "pobj"):
                for conj in owner.conjuncts:
                    if conj.i > owner.i and (mention := self.actor(conj)) is not None:
                        found.append(mention)
        for modifier in (c for c in token.children if c.dep_ in ("nmod", "amod", "compound")):
            for conj in modifier.conjuncts:
                if (
                    conj.i > modifier.i
                    and (mention := self.actors.partner(self.number, conj.i)) is not None
                ):
                    found.append(mention)
        return [
            m for n, m in enumerate(found) if all(not same_actor(m, other) for other in found[:n])
        ]

    def doers(self, token) -> list[Mention]:
        """The partners of a subject, or of the speakers a pronoun subject stands for:
        "Aliyev and Pashinyan said they will nominate Trump" (``actor`` reads "they" as the
        first speaker)."""
        if (
            token is not None
            and token.lower_ in ("it", "they", "we")
            and token.dep_ in ("nsubj", "nsubjpass")
            and token.head.dep_ == "ccomp"
            and (speaker := subject_of(token.head.head)) is not None
            and speaker.i != token.i
        ):
            return self.partners(speaker)
        return self.partners(token)

    def partner(self, token) -> Mention | None:
        partners = self.partners(token)
        return partners[0] if partners else None

    def verb_arguments(self, verb, trigger: Trigger) -> tuple[Mention | None, Mention | None]:
        """Source and target of a verb event.

        Target candidates come in order of how directly they attach to the verb; the
        first with a country wins, else the first actor at all.
        """
        source = self.actor(subject_of(verb, self.lexicon.telling))
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
            patient = first_child(verb, "nsubjpass")
            target = self.actor(patient)
            source = self.actor(passive_agent(verb))
            if target is not None and trigger.mode == "WITHDRAW" and is_envoy(patient):
                # "the envoy was summoned home": one's own envoy is recalled from the country
                # it serves in, named or not ("its ambassador to Washington")
                if source is None and target.actor.country:
                    source = target  # "the Colombian ambassador was recalled": by Colombia
                target = self.best_target(prepositional_objects(patient, ENVOY_POSTS), source)
            if target is not None:
                return source, target
        candidates = [
            c
            for c in verb.children
            if c.dep_ in ("dobj", "dative", "iobj")
            and not (trigger.type == "MOBILIZE" and c.dep_ == "dobj")
        ]
        # "sent a message to Petro", its "to" parsed as the dative: the one it is sent to
        candidates = [
            g
            for c in candidates
            for g in ([c] if c.pos_ != "ADP" else [g for g in c.children if g.dep_ == "pobj"])
        ]
        if trigger.particle:
            candidates += prepositional_objects(verb, (trigger.particle,))
        for obj in list(candidates):
            # "hosted talks between Thailand and Cambodia": each party of the object's act
            candidates += prepositional_objects(obj, (*NOUN_TARGET_PREPOSITIONS, "between"))
            # "demanded guarantees that NATO will not expand": who the demand is about
            candidates += [
                clause_subject(c) for c in obj.children if c.dep_ in ("acl", "ccomp", "relcl")
            ]
        # "met at the official residence", "signed at the State Department": for cooperation
        # "at" names where it happened, not with whom
        prepositions = (
            tuple(p for p in TARGET_PREPOSITIONS if p != "at")
            if trigger.type in COOPERATION
            else TARGET_PREPOSITIONS
        )
        candidates += prepositional_objects(verb, prepositions)
        xcomp = first_child(verb, "xcomp")
        if xcomp is not None:
            candidates += [c for c in xcomp.children if c.dep_ in ("dobj", "dative")]
            candidates += prepositional_objects(xcomp, TARGET_PREPOSITIONS)
        # A warning or threat whose content is conditional targets who must not act:
        # "warned that if Moscow opted for escalation ..." -> Moscow; else the content's subject.
        for clause in (c for c in verb.children if c.dep_ == "ccomp"):
            for condition in (c for c in clause.subtree if c.dep_ == "advcl" and is_conditional(c)):
                candidates.append(clause_subject(condition))
            candidates.append(clause_subject(clause))
        if trigger.type in CONTENT_TAKING:
            # "warned of severe consequences for Russia": whom the warned-of act is for
            for preposition in (c for c in verb.children if c.dep_ == "prep"):
                for obj in (g for g in preposition.children if g.dep_ == "pobj"):
                    candidates += prepositional_objects(obj, ("for", "against", "on", "to"))
            # "agreed to let Egypt send aid", "agreed to continue the dialogue with NATO"
            for complement in (c for c in verb.children if c.dep_ in ("xcomp", "ccomp")):
                candidates += [
                    t for t in complement.subtree if t.pos_ in ("PROPN", "NOUN") and not is_venue(t)
                ]
        if trigger.type in THREATENING:
            # "would strike back if Cambodia fired again": who must not act, after the rest
            candidates += [
                clause_subject(c) for c in verb.children if c.dep_ == "advcl" and is_conditional(c)
            ]
        alongside = {t.i for t in co_doers(verb)}  # who acts with the doer is no target
        target = self.best_target(
            [c for c in candidates if c is None or c.i not in alongside], source
        )
        if target is None and trigger.type == "SUPPORT" and not self.partners(subject_of(verb)):
            # "welcomed the agreement": support for both its parties (the article's two sides);
            # when coordinated doers sign it, they are its parties (``verb_events`` pairs them)
            target = self.agreement_parties(verb, source)
        if target is None and trigger.type == "CONSULT":
            # "Malaysia hosted the talks", "talks mediated by Washington": a consultation with
            # both parties of the talks (the article's two sides), unless the doer is one
            target = self.agreement_parties(verb, source)
        if target is None and trigger.type == "AGREE" and source is not None:
            # "Cambodia agreed to a ceasefire": with the other party of the ceasefire
            target = self.other_party(verb, source)
        if target is None and trigger.type in MATERIAL_CONFLICT:
            # no one named as object: the place it hit stands for its country,
            # "struck targets across the Gaza Strip", "massed troops near the border with Ukraine"
            places = []
            for node in [verb] + [c for c in verb.children if c.dep_ in ("dobj", "xcomp")]:
                places += prepositional_objects(node, LOCATIVE_TARGETS)
            # a place stands for a country only when its country is known ("near the temple
            # Ta Muen Thom" names no one hit)
            target = self.best_target(places, source)
            if target is not None and not target.actor.country:
                target = None
        return source, target

    def agreement_parties(self, verb, source: Mention | None) -> Mention | None:
        """The first party of an agreement the verb's object names without parties; the second
        becomes its partner (``ActorIndex.parties``). The agreement is the verb's object, or
        the noun the verb qualifies ("talks mediated by Washington")."""
        # "the talks were mediated by Qatar": the passive's subject is the verb's object when
        # the passive names its doer
        objects = [
            c
            for c in verb.children
            if c.dep_ == "dobj" or c.dep_ == "nsubjpass" and passive_agent(verb) is not None
        ]
        clause = verb
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head  # "talks that lasted 14 hours and were mediated by Qatar"
        if clause.dep_ in ("acl", "relcl"):  # "talks that were mediated by Qatar"
            objects.append(clause.head)
        for obj in objects:
            parties = self.actors.parties.get((self.number, obj.i))
            if parties is None:
                continue
            first, second = parties
            if source is not None and source.actor.country == first.actor.country:
                return second  # a party's own support goes to the other
            if source is None or source.actor.country != second.actor.country:
                self.actors.partners[(self.number, obj.i)] = second
            return first
        return None

    def other_party(self, verb, source: Mention) -> Mention | None:
        """The other party of an agreement the verb's object names without parties ("agreed to
        a ceasefire", "accepted the deal"), when the doer is one of its two parties; else None
        (a third country agreeing to it is no party)."""
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        for preposition in (c for c in verb.children if c.dep_ == "prep"):
            objects += [g for g in preposition.children if g.dep_ == "pobj"]
        for obj in objects:
            parties = self.actors.parties.get((self.number, obj.i))
            if parties is None:
                continue
            first, second = parties
            if source.actor.country == first.actor.country:
                return second
            if source.actor.country == second.actor.country:
                return first
        return None

    def other_side(self, token, event_type: str, source: Mention | None) -> Mention | None:
        """The target of a hostile act with none named: the other of the article's two sides
        (``ActorIndex.sides``), when the doer acts for one of them as a state and the sentence
        names no actor of a third country; else None (an empty slot rather than a guess)."""
        sides = self.actors.sides
        if (
            sides is None
            or source is None
            or event_type not in AT_THE_OTHER_SIDE
            or source.actor.sector not in STATE_SECTORS
        ):
            return None
        countries = {side.actor.country for side in sides}
        if source.actor.country not in countries:
            return None
        sentence = token.sent
        for i in range(sentence.start, sentence.end):
            mention = self.actors.get(self.number, i)
            if mention is not None and mention.actor.country not in (None, *countries):
                return None  # "Thai troops fired near the Lao border": whose side is unclear
        other = sides[1] if sides[0].actor.country == source.actor.country else sides[0]
        evidence = (
            f"the other of the article's two sides ({sides[0].actor.name} and "
            f"{sides[1].actor.name}, named together in its lead)"
        )
        return replace(
            other,
            actor=replace(other.actor, sector=None),
            kind="sides",
            evidence=evidence,
        )

    def pair_without(self, source: Mention, token, targets: list) -> list:
        """ "Trump received the two ministers" (``token``: the pair's head, ``targets``: its two
        countries): the two sides are never the doer's own country; the next most named country
        takes its place."""
        countries = {m.actor.country for m in targets if m is not None}
        if source.actor.country not in countries:
            return targets
        target = targets[0]
        ranking = None if token is None else self.actors.pair_ranking.get((self.number, token.i))
        if not ranking:
            return [m for m in targets if m is None or m.actor.country != source.actor.country]
        others = [m for m in ranking if m.actor.country != source.actor.country][:2]
        evidence = f"{target.evidence.split(' -> ')[0]} -> " + " and ".join(
            m.actor.name for m in others
        )
        note = f"{evidence} ({source.actor.country}, the doer's own country, left out)"
        return [replace(m, evidence=note) for m in others]

    def best_target(self, candidates, source: Mention | None) -> Mention | None:
        """The first candidate whose country the text states, else one with an inferred country,
        else any."""
        inferred = fallback = None
        for candidate in candidates:
            mention = self.actor(candidate)
            if mention is None or same_actor(mention, source) or self_target(mention, source):
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

    def actor(self, token) -> Mention | None:
        if token is None:
            return None
        mention = self.actors.get(self.number, token.i)
        if mention is not None and mention.kind == "modifier":
            # "Petro's US visa": the thing is its owner's, whatever country it comes from
            # (a name, not "his": "his Afghan counterpart" is an Afghan, not the one he is)
            owner = next((c for c in token.children if c.dep_ == "poss" and c.pos_ != "PRON"), None)
            owned = self.actors.get(self.number, owner.i) if owner is not None else None
            if owned is not None and owned.kind in ("person", "country", "metonym", "role"):
                return owned
        if mention is not None:
            # "the foreign ministers Bayramov and Mirzoyan", "his Afghan counterpart, Mullah
            # Mohammad Yaqoob": the person named in apposition, when the countries agree
            named = self.apposed(token) if mention.kind in ("role", "modifier") else None
            if named is not None and mention.actor.country not in (None, named.actor.country):
                named = None
            return named or mention
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
        region = token.lemma_.lower() in REGION_NOUNS
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


def is_envoy(token) -> bool:
    """Is the token a diplomat or a mission ("the envoy", "its ambassador")?"""
    return token is not None and token.lemma_.lower() in ENVOYS


def self_target(target: Mention, source: Mention | None) -> bool:
    """A country as a whole does not act on itself ("Peskov denied that Russia planned ..."),
    nor does a government on the capital that stands for it ("talks hosted by Egypt's foreign
    minister in Cairo")."""
    if source is None or target.actor.country != source.actor.country:
        return False
    return (
        target.actor.sector is None
        or source.actor.sector is None
        or target.kind == "metonym"
        and source.actor.sector == target.actor.sector
    )


def same_actor(first: Mention | None, second: Mention | None) -> bool:
    if first is None or second is None:
        return False
    return first.actor == second.actor
