"""Dependency-tree helpers shared by the stages: paths, governors, clauses, tense.

In: spaCy tokens of a parsed sentence. Out: tokens, token sets and small readings of
them. Nothing here knows about events, times or actors; the stages ask.
"""

from __future__ import annotations


def tree_path(source, target) -> tuple[list, object]:
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


def clause_direction(token) -> int:
    """-1 past, +1 future or scheduled, 0 unknown, read from the verb that governs a token."""
    node = governor(token)
    if node.pos_ not in ("VERB", "AUX"):
        return 0
    participle = False
    for _ in range(3):
        # a bare participle ("the car, found abandoned at the airport in December", "rising to
        # a high in June from $29.75 in March") takes the tense of the verb it hangs from
        if (
            node.tag_ not in ("VBN", "VBG")
            or node.dep_ not in ("acl", "xcomp", "oprd", "conj", "advcl")
            or any(c.dep_ in ("aux", "auxpass") for c in node.children)
        ):
            break
        participle = participle or node.tag_ == "VBN" and node.dep_ == "acl"
        head = node.head
        while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
            head = head.head
        if head.pos_ not in ("VERB", "AUX") or head.i == node.i:
            break
        node = head
    children = list(node.children)
    auxiliaries = {c.lower_ for c in children if c.dep_ in ("aux", "auxpass")}
    if (
        auxiliaries & {"will", "shall", "'ll"}
        or node.lemma_ in ("plan", "schedule", "expect")
        and node.tag_ == "VBN"
        or any(c.lower_ == "going" for c in children)
    ):
        return 1
    if (
        node.tag_ in ("VB",)
        and "to" in auxiliaries
        and node.head.lemma_ in ("plan", "schedule", "expect", "due", "set", "be")
    ):
        above = [node.head, node.head.head, node.head.head.head]
        if (
            any(c.lower_ == "had" for a in above for c in a.children)
            or node.head.head.lower_ == "had"
        ):
            return (
                -1
            )  # "had been scheduled to expire Friday", "had been due to": a plan already past
        return 1  # "is expected to meet", "is to resume trading Tuesday"
    if node.lemma_ in ("plan", "schedule", "slate") and node.tag_ == "VBD":
        return 1  # "protesters planned a rally on Saturday": the rally lies ahead
    if node.tag_ == "VBD" or auxiliaries & {"was", "were", "had", "did", "has", "have"}:
        return -1
    if node.tag_ == "VBG" and auxiliaries & {"is", "are", "am"}:
        return 1
    if node.tag_ == "VBP" and any(c.dep_ == "nsubj" and c.tag_ in ("NN", "NNP") for c in children):
        return -1  # "weakness hurt the index": a plural-form verb after a singular subject is past
    direct = token.head.i == node.i or token.head.pos_ == "ADP" and token.head.head.i == node.i
    if (
        direct
        and node.tag_ in ("VBP", "VBZ")
        and node.pos_ == "VERB"
        and node.lemma_ not in _REPORTING
        and not any(c.dep_ == "neg" for c in children)
    ):
        return 1  # the news present of a schedule: "Arafat meets Albright Monday"
    if participle:
        return -1  # "its record high set on Aug. 6": what a bare participle names is done
    return 0


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
