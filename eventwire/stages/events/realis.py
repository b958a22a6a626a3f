"""Realis: is an event an asserted fact, negated, hypothetical or ahead?

In: a trigger token and its lexicon entry. Out: ``Realis``, the flags of the event and the
entry it finally codes (a negated cooperation becomes a refusal, a speaker's announced force a
threat). What each flag means is in docs/output.md. The rules, on the dependency parse:

- negated: "not", "never", "no" on the trigger or a verb above it in its clause; an act that is
  the object of a cancelling verb ("cancelled a planned visit", "called off the talks"); an act
  done "without" ("without firing a shot"), which is no refusal either.
- hypothetical: would/could/might/may/should, must/ought (``realis.yaml`` obligations),
  if/unless clauses and conditional warnings, "in case of", "any"/"every" on an event noun;
  a wish above the trigger ("wants to", "seeks to", "hopes to"); doubt above it or on it
  ("likely to", "it is possible that", "probably"); a "whether"/"if" clause ("declined to say
  whether ..."); a yes/no question ("Will China invade Taiwan?").
- future: the clause lies ahead (``syntax.clause_tense``, the reader that also dates it).
- background (``background``): a perfect or present act with a habitual adverb ("has
  repeatedly accused", "had long requested"), acts summed as "many times", perfect acts
  "since" a year, a third party's speech act in the simple present with no day to it
  ("Kigali denies this"; ``positions``): a standing position or a background campaign, so
  no event at all.
- claimed (``is_claimed``): what someone is accused of ("accused Kabul of sheltering the
  TTP"; ``accusing``) is the accuser's claim, so no event; the accusation is one.
- a negated cooperation in any tense ("did not agree") or in the future ("will not release")
  is a REJECT, not negated; material conflict a speaker announces for itself ("Iran said it
  would retaliate") is a THREATEN, not hypothetical.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ...lexicons import RealisWords, Trigger
from ..syntax import (
    asks,
    clause_tense,
    has_modal,
    has_modal_content,
    is_conditional,
    is_dated,
    is_hypothetical,
    is_left_undone,
    is_negated,
    subject_of,
)

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
# wh-words: "Why did Russia attack?" takes the attack as given
_WH_TAGS = ("WDT", "WP", "WP$", "WRB")
# how far up the tree a wish, a doubt or a cancelling verb may stand
_REACH = 6


@dataclass(frozen=True, slots=True)
class Realis:
    trigger: Trigger
    negated: bool
    hypothetical: bool
    future: bool
    rule: str


def read_realis(
    token, trigger: Trigger, rule: str, words: RealisWords, promises: Callable[[object], bool]
) -> Realis:
    """The flags of the event ``trigger`` codes at ``token``; ``promises(token)`` tells whether
    the doer itself announces the act."""
    negated = is_negated(token)
    if not negated and is_cancelled(token, words):
        negated, rule = True, f"{rule} (negated: called off)"
    if not negated and is_left_undone(token):
        # "without giving up its territory": not done, and no refusal either
        return Realis(trigger, True, False, False, f"{rule} (negated: without)")
    # one tense reader for the flag and for the dates: a trigger and a time hanging from the
    # same verb cannot disagree on whether it lies ahead
    future = clause_tense(token).is_future
    will = future or has_modal(token)
    if negated and (trigger.type in _REFUSED_WHEN_NEGATED or trigger.type in _REFUSABLE and will):
        # "did not agree", "will not lift the embargo", "would not release them": a refusal
        mode = _REFUSAL_MODES.get(trigger.type)
        trigger = Trigger(trigger.lemma, "REJECT", mode)
        negated, rule = False, f"{rule} (refused: negated {trigger.lemma})"
    hypothetical = is_hypothetical(token) or any(
        c.dep_ == "det" and c.lower_ in ("any", "every") for c in token.children
    )
    if trigger.type == "THREATEN" and (
        has_modal_content(token)
        or any(c.dep_ == "advcl" and is_conditional(c) for c in token.children)
    ):
        # "warned that any invasion would be met with sanctions", "warned of consequences if"
        hypothetical = True
    # "declined to say whether it would expel ...": a whether, a wish or a doubt promises nothing
    reason = irrealis(token, words)
    if (
        trigger.type in _THREATENABLE
        and (hypothetical or will)
        and not negated
        and reason is None
        and promises(token)
        and not (trigger.type == "MOBILIZE" and for_defence(token, words))
    ):
        # "Iran said it would retaliate": announcing one's own force is a threat
        trigger = Trigger(trigger.lemma, "THREATEN", _THREAT_MODES.get(trigger.type))
        rule = f"{rule} (threat: announced by the one who would act)"
        hypothetical = False
    elif not hypothetical and reason is not None:
        hypothetical, rule = True, f"{rule} (hypothetical: {reason})"
    return Realis(trigger, negated, hypothetical, future, rule)


def irrealis(token, words: RealisWords) -> str | None:
    """Why the token's act is neither done nor planned, or None: a wish, a doubt, an
    obligation, an open question."""
    node = token
    for _ in range(_REACH):
        if any(c.dep_ == "aux" and c.lower_ in words.obligations for c in node.children):
            return "obligation"
        doubt = next(
            (
                c.lower_
                for c in node.children
                if c.dep_ in ("advmod", "acomp") and c.lower_ in words.uncertainty
            ),
            None,
        )
        if doubt:
            return f"doubt ({doubt})"
        if node.dep_ in ("ccomp", "advcl", "csubj") and any(
            c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in node.children
        ):
            return "whether"
        parent = node.head
        if parent.i == node.i:
            break
        lemma = parent.lemma_.lower()
        if node.dep_ == "xcomp" and lemma in words.wishes:
            return f"wish ({lemma})"
        if node.dep_ == "xcomp" and lemma in words.uncertainty:
            return f"doubt ({lemma})"  # "is likely to impose"
        if node.dep_ not in ("xcomp", "conj", "ccomp", "dobj", "pobj", "prep", "acl", "advcl"):
            break
        node = parent
    if _is_question(token):
        return "question"
    return None


def background(verb, words: RealisWords, opening: bool = False) -> str | None:
    """Why a verb's act is a standing position or a background campaign rather than an event
    of its own, or None: "has repeatedly accused", "had long requested", "accused Rwanda many
    times", "have held talks since 2022" (``realis.yaml`` habitual), and in the body of an
    article (not its ``opening`` sentence, which tells news in the present as headlines do)
    "Kigali denies this" (``positions``)."""
    children = list(verb.children)
    if (
        verb.dep_ == "relcl"
        and verb.head.lemma_.lower() in ("time", "occasion")
        and any(c.lower_ in words.firsts for c in verb.head.children)
    ):
        # "..., the first time a NATO member has fired on Russian aircraft": the act told
        # again as a record, not an act of its own
        return f"a record: {verb.head.text}"
    for child in children:
        if (
            child.dep_ == "npadvmod"
            and child.lemma_.lower() == "time"
            and any(c.lower_ in words.habitual_counts for c in child.children)
        ):
            return f"summed: {' '.join(t.text for t in child.subtree)}"
    perfect = any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in children)
    present = verb.tag_ in ("VBZ", "VBP") and not any(c.dep_ == "aux" for c in children)
    if (
        not opening
        and verb.lemma_.lower() in words.positions
        and (present or verb.tag_ == "VB" and _does(children))
        and not is_dated(verb)
        and (subject := subject_of(verb)) is not None
        and subject.lower_ not in ("i", "we")
    ):
        return f"position: {verb.text}"  # "Kigali denies this": a standing position
    if not (perfect or present):
        return None
    for child in children:
        if child.dep_ != "advmod":
            continue
        word = child.lower_
        if word == "far" and any(c.lower_ == "so" for c in child.children):
            word = "so far"
        if word in words.habitual:
            return f"standing: {word}"
    if perfect:
        for child in children:
            if child.dep_ == "prep" and child.lower_ == "since":
                year = next((g for g in child.children if g.dep_ == "pobj"), None)
                if year is not None and year.like_num and len(year.text) == 4:
                    return f"standing: since {year.text}"
    return None


def _does(children) -> bool:
    """Does the verb stand in the simple present with "do" ("does not recognise")?"""
    return any(c.dep_ == "aux" and c.lower_ in ("does", "do") for c in children)


def _governing(token, deps: tuple[str, ...]):
    """(word, the word it hangs from), up to three steps, while the word hangs by ``deps``:
    the verbs and nouns an act is the object or complement of."""
    node = token
    for _ in range(3):
        if node.dep_ not in deps or node.head.i == node.i:
            return
        yield node, node.head
        node = node.head


def is_cancelled(token, words: RealisWords) -> bool:
    """Is the act the object (or the xcomp, or the object's plan) of a cancelling verb?
    ("cancelled a planned visit", "scrapped plans to meet", "called off the talks")"""
    for _, parent in _governing(token, ("dobj", "xcomp", "nsubjpass", "acl", "pobj", "prep")):
        lemma = parent.lemma_.lower()
        particles = {c.lower_ for c in parent.children if c.dep_ in ("prt", "advmod")}
        if lemma in words.cancelling or any(
            f"{lemma} {particle}" in words.cancelling for particle in particles
        ):
            return True
    return False


def is_ended(token, words: RealisWords) -> bool:
    """Is the act what an ending verb ends ("committed to stop the fighting", "to end decades
    of conflict") or what "an end to" names ("called for an end to the shelling")?"""
    for node, parent in _governing(token, ("dobj", "xcomp", "pobj", "prep", "pcomp", "nsubjpass")):
        lemma = parent.lemma_.lower()
        if lemma in words.ending and parent.pos_ in ("VERB", "AUX"):
            return True
        if lemma == "end" and parent.pos_ == "NOUN" and node.dep_ == "prep" and node.lower_ == "to":
            return True
        if node.dep_ == "prep" and node.lower_ not in ("of", "to"):
            return False
    return False


def is_claimed(token, words: RealisWords) -> bool:
    """Is the act what someone is accused of ("accused Kabul of sheltering the TTP and arming
    it", "blamed Pakistan for the attack", "charged Kyiv with shelling the plant")?"""
    node = token
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    preposition = node.head
    while preposition.dep_ == "conj" and preposition.head.i != preposition.i:
        preposition = preposition.head  # "of attacking its posts and of sheltering the TTP"
    if node.dep_ in ("ccomp", "relcl") and any(
        c.dep_ == "mark" and c.lower_ == "that" for c in node.children
    ):
        # "accuses Kabul that it gives shelter to the TTP" (also with "since years" between,
        # which the parser may take the clause to qualify)
        for above in list(node.ancestors)[:3]:
            if above.lemma_.lower() in words.accusing and any(
                c.dep_ in ("dobj", "dative") for c in above.children
            ):
                return True
    return (
        node.dep_ in ("pcomp", "pobj")
        and preposition.dep_ == "prep"
        and preposition.lower_ in ("of", "for", "with")
        and preposition.head.lemma_.lower() in words.accusing
    )


def _is_question(token) -> bool:
    """A yes/no question asks; "Why did Russia attack?" takes the attack as given."""
    return asks(token) and not any(t.tag_ in _WH_TAGS for t in token.sent)


def for_defence(token, words: RealisWords) -> bool:
    """Is the act done for a defending purpose ("will send jets to help protect Polish
    airspace")? A purpose clause under it (xcomp or advcl, with "to") whose verb, or the verb
    that one governs, is protective."""
    for child in token.children:
        if child.dep_ not in ("xcomp", "advcl") or child.pos_ != "VERB":
            continue
        verbs = [child] + [
            c for c in child.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB"
        ]
        if any(v.lemma_.lower() in words.protective for v in verbs):
            return True
    return False
