"""Named points where this process may be killed on purpose, to prove what a crash leaves.

``EVENTWIRE_KILL_AT=point:n`` sends SIGKILL to the process the n-th time it reaches ``point``
(``n`` defaults to 1), as ``kill -9`` would from outside, at a moment chosen exactly. The crash
tests (``tests/test_crash.py``, ``make stress``) use it; unset, ``reach`` only reads the
environment. The points:

- ``code``: an article coded, not yet linked into its story;
- ``link``: an article linked, not yet stored;
- ``write``: inside a store transaction, the articles' rows written, their merged events,
  stories and the story linker not yet;
- ``commit``: everything of the transaction written, the linker saved, not yet committed;
- ``import``: a batch run's Parquet parts loaded, not yet committed;
- ``loaded``: the parts committed, their articles not yet linked into stories;
- ``link-write``, ``link-commit``: as ``write`` and ``commit``, for the links of articles
  stored before (a batch run's).
"""

from __future__ import annotations

import os
import signal

VARIABLE = "EVENTWIRE_KILL_AT"
_reached: dict[str, int] = {}


def reach(point: str) -> None:
    """Die here if the environment asks for it (see the module's docstring)."""
    wanted = os.environ.get(VARIABLE)
    if not wanted:
        return
    name, _, times = wanted.partition(":")
    if name != point:
        return
    _reached[point] = _reached.get(point, 0) + 1
    if _reached[point] == int(times or 1):
        os.kill(os.getpid(), signal.SIGKILL)
