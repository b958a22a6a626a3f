"""The direction of a time expression: back from the article date, ahead of it, or either.

In: the text of a parsed segment, the expression's start in it and the expression's head token.
Out: -1 (past) or +1 (future), 0 when the tense says nothing, -2 when the side is certain.

Rule: the clause's tense (``syntax.clause_direction``) decides, unless the words just before
the expression say otherwise: "since Monday" is gone by; "until Tuesday" and "notes due Nov. 1,
2009" lie ahead (a deadline "until" reads back in a pluperfect clause, "Until Thursday, they had
not", unless the verb postpones or extends).
"""

from __future__ import annotations

import re
from typing import Any

from ..syntax import clause_direction, governor

_DEADLINE_VERBS = {
    "postpone",
    "delay",
    "extend",
    "give",
    "adjourn",
    "defer",
    "suspend",
    "allow",
    "grant",
}
# words before an expression that put it ahead of the article: "until Tuesday", "as soon as
# Tuesday", "loans through January"
_AHEAD = re.compile(
    r"(?:\buntil|\btill|\bthrough|\bas (?:soon|early) as|\bno later than)\s+$", re.IGNORECASE
)
_BEHIND = re.compile(r"\bsince\s+(?:the\s+)?$", re.IGNORECASE)
# a debt's or a deal's own dates lie ahead: "notes due Nov. 1, 2009", "bonds maturing in 1995"
_MATURITY = re.compile(
    r"\b(?:due|maturing|matures|mature|expiring|expires|redeemable|payable)\s+(?:on\s+|in\s+)?$",
    re.IGNORECASE,
)


def context_direction(text: str, start: int, root: Any) -> int:
    """The clause's direction (``clause_direction``) corrected by the words just before an
    expression: "since Monday" is gone by; "until Tuesday", "notes due Nov. 1, 2009" lie ahead."""
    before = text[max(0, start - 20) : start]
    direction = clause_direction(root)
    if _BEHIND.search(before):
        return -2  # "since Monday", "since the Sept. 11 attacks": certainly one gone by
    if _MATURITY.search(before):
        return 1
    if _AHEAD.search(before) and (direction >= 0 or governor(root).lemma_ in _DEADLINE_VERBS):
        return 1  # "until Tuesday morning": a deadline ahead, unless "Until Thursday, they had not"
    return direction
