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
