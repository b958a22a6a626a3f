"""Dependency-tree helpers shared by the stages: paths, governors, subjects, clauses, negation,
modality, conditions and tense (one reader for events and times).

In: spaCy tokens of a parsed sentence. Out: tokens, token sets and small readings of
them. Nothing here knows about events, times or actors; the stages ask.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from typing import Any

_SUBJECT_DEPS = ("nsubj", "csubj")
_HYPOTHETICAL_MODALS = {"would", "could", "might", "may", "should"}
_CONDITIONAL_MARKS = {"if", "unless", "whether", "should"}


def tree_path(source, target) -> tuple[list, Any]:
    """Tokens between two tokens through their lowest common head, and that head."""
    up_source = [source, *source.ancestors]
    up_target = [target, *target.ancestors]
    common = next((t for t in up_source if t in up_target), source.sent.root)
    between = up_source[1 : up_source.index(common) + 1] if common in up_source else []
    between += up_target[1 : up_target.index(common)] if common in up_target else []
    return [t for t in between if t.i not in (source.i, target.i)], common


def governor(token):
    """The verb a token hangs from (within six steps up the parse), else the last node reached."""
    node = token
    for _ in range(6):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            break
        node = node.head
    return node


def clause_tokens(token) -> set[int]:
    """Tokens of the trigger's own clause: its subtree minus embedded clauses, plus the
    governing verb's."""
    heads = [token]
    node = token
    while (
        node.dep_ in ("xcomp", "nsubj", "nsubjpass", "dobj", "pobj", "prep")
        and node.head.i != node.i
    ):
        node = node.head
        heads.append(node)
    out: set[int] = set()
    for head in heads:
        stack = [head]
        while stack:
            current = stack.pop()
            out.add(current.i)
            stack.extend(
                c
                for c in current.children
                if c.dep_ not in ("ccomp", "advcl", "relcl", "parataxis") or c.i == token.i
            )
    return out


def prepositional_objects(token, prepositions) -> list:
    """Objects of the token's prepositions, in the order of ``prepositions``, conjuncts included."""
    # the token's prepositions read once, then taken in the order asked
    mine = [c for c in token.children if c.dep_ in ("prep", "prt")]
    if not mine:
        return []
    out = []
    for preposition in prepositions:
        for child in mine:
            if child.lower_ == preposition:
                for pobj in (g for g in child.children if g.dep_ == "pobj"):
                    out.append(pobj)
                    out.extend(c for c in pobj.children if c.dep_ == "conj")
    return out


def as_phrase(token):
    """The "as" preposition whose phrase holds the token, describing another ("hosted the talks
    as chair of ASEAN", "attended as observers"), else None. Such a phrase names a role, never
    a party; "such as" lists instances and does not count."""
    node = token
    while node.head.i != node.i:
        if (
            node.dep_ == "prep"
            and node.lower_ == "as"
            and not any(c.lower_ == "such" for c in node.children)
            and not (node.i > 0 and node.doc[node.i - 1].lower_ == "such")
        ):
            return node
        node = node.head
    return None


# prepositions of where something happens ("talks in Doha", "agreed to meet again in
# Istanbul"): their objects are venues, not parties
VENUES = ("in", "at", "near", "inside")


def is_venue(token) -> bool:
    """Is the token where something happens, the object of a venue preposition?"""
    return token.dep_ == "pobj" and token.head.lower_ in VENUES


def passive_agent(verb):
    """The doer a passive verb names after "by" ("mediated by Qatar"), else None (also for an
    active verb: "spoke by hotline" names no agent)."""
    if not any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return None
    return first_child(first_child(verb, "agent"), "pobj")


# words that make a "with" phrase name someone acting alongside: "together with Turkey"
_ALONGSIDE = {"together", "jointly", "along"}


def co_doers(verb) -> list:
    """The objects of a "together with" phrase in the verb's clause ("Qatar mediated the talks
    together with Turkey", "Russia and China, together with Pakistan, voted for the text"): they
    act with the subject, whatever the phrase is attached to; never a subordinate clause's."""
    found = []
    for token in verb.subtree:
        if (
            token.dep_ == "prep"
            and token.lower_ == "with"
            and any(c.dep_ == "advmod" and c.lower_ in _ALONGSIDE for c in token.children)
            and next(
                (a for a in token.ancestors if a.pos_ in ("VERB", "AUX") or a.dep_ == "ROOT"),
                None,
            )
            == verb
        ):
            for obj in (c for c in token.children if c.dep_ == "pobj"):
                found += [obj, *obj.conjuncts]
    return found


def clause_subject(clause):
    """The subject a clause names itself (none inherited), or None."""
    if clause is None:
        return None
    return next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")), None)


def governing_verb(noun):
    """The verb a noun is the object of, through "of" after a measure noun ("hours of talks")."""
    node = noun
    for _ in range(3):
        if node.dep_ in ("dobj", "attr", "nsubjpass") and node.head.pos_ in ("VERB", "AUX"):
            return node.head
        if (
            node.dep_ == "pobj"
            and node.head.dep_ == "prep"
            and node.head.lower_ == "of"
            and node.head.head.pos_ == "NOUN"
        ):
            node = node.head.head  # "a package of sanctions", "eight hours of talks"
            continue
        return None
    return None


def content_nouns(verb) -> set[int]:
    """Nouns a verb takes as its object or prepositional object, directly or through its xcomp."""
    out: set[int] = set()
    for node in [verb] + [c for c in verb.children if c.dep_ == "xcomp"]:
        for child in node.children:
            if child.dep_ in ("dobj", "attr"):
                out.add(child.i)
            elif child.dep_ == "prep":
                out.update(g.i for g in child.children if g.dep_ == "pobj")
    return out


def first_child(token, dep: str):
    """The token's first child with this dependency label, or None (also for no token)."""
    if token is None:
        return None
    return next((c for c in token.children if c.dep_ == dep), None)


def subject_of(verb, telling: Container[str] = ()):
    """The subject of a verb, inherited through xcomp, conj, acomp and relative clauses.
    ``telling``: verbs of telling (lemmas); a second one joined to what a first one says
    takes the first one's subject."""
    node = verb
    for _ in range(5):
        if node is None:
            return None
        subject = next((c for c in node.children if c.dep_ in _SUBJECT_DEPS), None)
        if subject is not None and not (
            node.dep_ == "relcl" and subject.tag_ in ("WP", "WDT") and subject.lower_ != "what"
        ):
            return subject
        if node.dep_ == "relcl":
            return node.head  # "Zelensky, who met Macron": the noun the clause describes
        if (
            node.dep_ == "pcomp"
            and node.head.dep_ == "prep"
            and node.head.head.pos_ in ("VERB", "AUX")
        ):
            # "accused Azerbaijan of violating the truce": the object of the governing verb
            head_verb = node.head.head
            return first_child(head_verb, "dobj") or subject_of(head_verb)
        if (
            node.dep_ == "conj"
            and node.lemma_.lower() in telling
            and node.head.dep_ == "ccomp"
            and node.head.head.lemma_.lower() in telling
            and node.head.lemma_.lower() == "be"
        ):
            # "The Taliban said ten civilians were among the dead, and accused Islamabad ...":
            # parsed as joined to the said clause, the second telling is the speaker's
            node = node.head.head
            continue
        # "is due to visit", "is ready to talk": through the adjective to the copula's subject
        if node.dep_ in ("xcomp", "conj", "advcl", "acomp") and node.head.i != node.i:
            node = node.head
            continue
        agent = first_child(node, "agent")
        return first_child(agent, "pobj") if agent is not None else None
    return None


def governors(token):
    """The token and the verbs above it up to the clause that holds it."""
    node = token
    yield node
    while (
        node.dep_ in ("xcomp", "conj", "dobj", "pobj", "prep", "nsubj", "nsubjpass", "attr", "acl")
        and node.head.i != node.i
    ):
        node = node.head
        yield node


def is_negated(token) -> bool:
    """Is the token or a verb above it in its clause negated ("not", "never", "no")?"""
    for node in governors(token):
        if any(
            c.dep_ == "neg" or c.lower_ in ("never", "no") and c.dep_ in ("neg", "det", "advmod")
            for c in node.children
        ):
            return True
    return False


def is_left_undone(token) -> bool:
    """Is the act what something is done "without" ("without giving up its territory",
    "without firing a shot", "without negotiations")?"""
    return token.dep_ in ("pcomp", "pobj") and token.head.lower_ == "without"


def has_modal_content(token) -> bool:
    """Does the token take a clause under would/could/might ("warned that it would ...")?"""
    return any(
        c.dep_ == "ccomp"
        and any(a.dep_ == "aux" and a.lower_ in ("would", "could", "might") for a in c.children)
        for c in token.children
    )


def has_modal(token) -> bool:
    """Does a modal or future auxiliary (would, will, could, can, shall) govern the token?"""
    return any(
        c.dep_ == "aux" and c.lower_ in ("would", "will", "wo", "could", "can", "ca", "shall")
        for node in governors(token)
        for c in node.children
    )


def is_conditional(clause) -> bool:
    """Is the clause introduced by if, unless, whether or an inverted should?"""
    return any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS for c in clause.children)


def asks(token) -> bool:
    """Does the token's sentence end in a question mark (quotes and spaces aside)?"""
    last = next((t for t in reversed(token.sent) if not (t.is_space or t.is_quote)), None)
    return last is not None and last.text == "?"


def in_condition(token) -> bool:
    """Is the token's clause the condition of another ("if Cambodia fired again", "unless
    Rwanda withdraws", "once the treaty is signed" under a would or will)? What a condition
    supposes is not told as happening: it is what the other clause depends on."""
    for node in governors(token):
        if node.dep_ != "advcl" or node.head.i == node.i:
            continue
        marks = {c.lower_ for c in node.children if c.dep_ == "mark"}
        if marks & {"if", "unless"} or "once" in marks and has_modal(node.head):
            return True
    return False


def is_hypothetical(token) -> bool:
    """Is the token's clause only possible: under would/could/might/may/should, inside a
    condition, the content of a conditional warning, or "in case of"?"""
    for node in governors(token):
        if any(c.dep_ == "aux" and c.lower_ in _HYPOTHETICAL_MODALS for c in node.children):
            return True
        if node.dep_ == "advcl" and is_conditional(node):
            return True
        # a threat or warning whose content is a condition
        # (its own condition, or a conjoined clause's: not one nested under a further clause,
        # as in "demanded that Japan retract them, warning that ... if it did not")
        for clause in (c for c in node.children if c.dep_ == "ccomp"):
            verbs = [clause, *(c for c in clause.children if c.dep_ == "conj")]
            if any(c.dep_ == "advcl" and is_conditional(c) for v in verbs for c in v.children):
                return True
        # "sanctions in case of a new invasion", "in the event of an attack"
        if any(
            c.dep_ == "prep"
            and c.lower_ == "in"
            and any(g.lower_ in ("case", "event") and g.dep_ == "pobj" for g in c.children)
            for c in node.children
        ):
            return True
    node = token
    for _ in range(8):  # inside an if-clause further up
        if node.dep_ == "advcl" and is_conditional(node):
            return True
        if node.head.i == node.i:
            break
        node = node.head
    return False


# ---------------------------------------------------------------- tense
# verbs whose present tense reports rather than schedules ("Cuba says", "officials believe")
_REPORTING = {
    "say",
    "tell",
    "believe",
    "think",
    "know",
    "report",
    "claim",
    "insist",
    "argue",
    "note",
    "add",
    "warn",
    "deny",
    "accuse",
    "want",
    "need",
    "hope",
    "fear",
    "remain",
    "seem",
    "appear",
    "have",
    "hold",
    "mean",
    "show",
    "suggest",
    "estimate",
    "expect",
    "continue",
    "own",
    "include",
}
_FUTURE_AUX = {"will", "shall", "'ll"}
_PAST_AUX = {"was", "were", "had", "did", "has", "have"}
_PRESENT_BE = {"is", "are", "am"}
# heads of "to" + verb that put the verb ahead: "is expected to meet", "is to resume", "due to"
_SCHEDULING_HEADS = ("plan", "schedule", "expect", "due", "set", "be")
# words above a clause (through xcomp, conj, objects) that put what it names ahead: "plans to
# impose", "is preparing to invade", "agreed to withdraw", "talks are set"
_SCHEDULING = {"plan", "schedule", "expect", "due", "set", "slate", "intend", "prepare", "agree"}
# times that are the present itself: "now negotiating", "today commends" schedule nothing
_NOW = {"now", "today", "tonight", "currently", "presently", "nowadays", "yesterday"}
# words that name a day or a point on the calendar, for a dated present
_CALENDAR = {
    *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    *("january", "february", "march", "april", "may", "june", "july", "august"),
    *("september", "october", "november", "december"),
    *("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"),
    *("tomorrow", "next", "coming", "weekend"),
}


@dataclass(frozen=True, slots=True)
class Tense:
    """Where a clause lies from the time of writing: ``direction`` -1 past, +1 future or
    scheduled, 0 unknown; ``reasons`` name the rules that decided it; ``verb`` is the clause's
    verb (the token's governor): every token with the same verb gets the same reading."""

    direction: int
    reasons: tuple[str, ...]
    verb: Any = None

    @property
    def is_future(self) -> bool:
        return self.direction > 0


def clause_tense(token) -> Tense:
    """The tense of the clause a token stands in, read from the verb that governs it.

    The one reader for both an event's ``future`` flag (asked with the trigger) and the
    direction that dates the time expressions of a clause (asked with the expression's root):
    a trigger and a time hanging from the same verb read the same tense. A bare participle
    takes the tense of the verb it hangs from. Rules, first match: a future auxiliary, a
    planned/scheduled/expected participle or "going to" (+1); "to" + verb after
    plan/schedule/expect/due/set/be (+1; -1 under "had": "had been due to"); planned in the
    past (+1: the plan lies ahead); a past form or auxiliary (-1); a noun's planned participle
    (+1: "a rally planned for Sunday"); another noun's participle (-1: "a record set in May");
    a progressive or present with a calendar time on the verb (+1: "is visiting Rome on
    Sunday", "Arafat meets Albright Monday"; a plural form after a singular subject is past);
    set or slated (+1); a future or a scheduling word higher up ("will try to meet", "plans
    to impose", "agreed to withdraw") (+1); else 0.
    """
    verb = governor(token)
    if verb.pos_ not in ("VERB", "AUX"):
        return Tense(0, ("no governing verb",), verb)
    node, participle, planned = _finite_verb(verb)
    children = list(node.children)
    auxiliaries = {c.lower_ for c in children if c.dep_ in ("aux", "auxpass")}
    if auxiliaries & _FUTURE_AUX:
        return Tense(1, ("future auxiliary",), verb)
    if node.lemma_ in ("plan", "schedule", "expect") and node.tag_ == "VBN":
        return Tense(1, ("planned, scheduled or expected",), verb)
    if any(c.lower_ == "going" for c in children):
        return Tense(1, ("going to",), verb)
    if node.tag_ == "VB" and "to" in auxiliaries and node.head.lemma_ in _SCHEDULING_HEADS:
        above = [node.head, node.head.head, node.head.head.head]
        if (
            any(c.lower_ == "had" for a in above for c in a.children)
            or node.head.head.lower_ == "had"
        ):
            # "had been scheduled to expire Friday", "had been due to": a plan already past
            return Tense(-1, ("a plan in the past perfect",), verb)
        return Tense(1, ("to after a scheduling word",), verb)  # "is expected to meet"
    if node.lemma_ in ("plan", "schedule", "slate") and node.tag_ == "VBD":
        # "protesters planned a rally on Saturday": the rally lies ahead
        return Tense(1, ("planned in the past",), verb)
    if node.tag_ == "VBD" or auxiliaries & _PAST_AUX:
        return Tense(-1, ("past",), verb)
    if planned:
        # "a protest scheduled for Sunday", unless the plan is past ("planned for Saturday
        # was canceled")
        return Tense(1, ("planned or scheduled participle",), verb)
    if participle:
        # "its record high set on Aug. 6": what a bare participle names is done
        return Tense(-1, ("bare participle",), verb)
    dated = is_dated(node)
    if node.tag_ == "VBG" and auxiliaries & _PRESENT_BE and dated:
        return Tense(1, ("dated progressive",), verb)  # "is visiting Rome on Sunday"
    if node.tag_ == "VBP" and any(c.dep_ == "nsubj" and c.tag_ in ("NN", "NNP") for c in children):
        # "weakness hurt the index": a plural-form verb after a singular subject is past
        return Tense(-1, ("plural form after a singular subject",), verb)
    if (
        dated
        and node.tag_ in ("VBP", "VBZ")
        and node.pos_ == "VERB"
        and node.lemma_ not in _REPORTING
        and not any(c.dep_ == "neg" for c in children)
    ):
        # the news present of a schedule: "Arafat meets Albright Monday"
        return Tense(1, ("dated present",), verb)
    if node.lemma_ in ("set", "slate") and node.tag_ == "VBN":
        return Tense(1, ("set or slated",), verb)  # "talks are set for Monday"
    for above in list(governors(node))[1:]:
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in _FUTURE_AUX for c in above.children):
            return Tense(1, ("future auxiliary above",), verb)  # "will try to meet"
        if above.lower_ == "going" or any(
            c.lower_ == "going" and first_child(c, "xcomp") is not None for c in above.children
        ):
            return Tense(1, ("going to above",), verb)  # "is going to impose"
        if above.lemma_.lower() in _SCHEDULING and above.pos_ in ("VERB", "ADJ"):
            return Tense(1, ("scheduling word above",), verb)  # "is preparing to invade"
    return Tense(0, ("no tense",), verb)


def clause_direction(token) -> int:
    """-1 past, +1 future or scheduled, 0 unknown: ``clause_tense(token).direction``."""
    return clause_tense(token).direction


def _finite_verb(node):
    """The verb whose tense a bare participle takes ("the car, found abandoned at the airport
    in December", "rising to a high in June from $29.75 in March"), whether a bare past
    participle was passed on the way, and whether one of them was planned or scheduled."""
    participle = planned = False
    for _ in range(3):
        if (
            node.tag_ not in ("VBN", "VBG")
            or node.dep_ not in ("acl", "xcomp", "oprd", "conj", "advcl")
            or any(c.dep_ in ("aux", "auxpass") for c in node.children)
        ):
            break
        if node.tag_ == "VBN" and node.dep_ == "acl":  # a participle describing a noun
            participle = True
            planned = planned or node.lemma_ in ("plan", "schedule", "expect")
        head = node.head
        while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
            head = head.head
        if head.pos_ not in ("VERB", "AUX") or head.i == node.i:
            break
        node = head
    return node, participle, planned


def is_dated(verb) -> bool:
    """Does a time other than the present moment hang on the verb, directly or through a
    preposition ("meets Albright Monday", "visits Rome on Sunday")?"""
    for child in verb.children:
        times = [child] if child.dep_ != "prep" else [g for g in child.children if g.dep_ == "pobj"]
        if any(_is_time(t) for t in times):
            return True
    return False


def _is_time(token) -> bool:
    """A day or a point on the calendar ("Monday", "on Dec. 7", "next week"), not a span of time
    ("a day after", "following months of") nor the present moment ("today", "now")."""
    if token.ent_type_ not in ("DATE", "TIME"):
        return False
    doc, start, end = token.doc, token.i, token.i + 1
    while doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    words = {t.lower_.rstrip(".") for t in doc[start:end]}  # the words of its entity
    return bool(words & _CALENDAR) and not words & _NOW
