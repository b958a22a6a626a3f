"""How many malloc arenas the server's threads share.

glibc gives threads that allocate at once arenas of their own, up to eight per core. Under
continuous reads and writes the server's request threads come and go, and each arena keeps
freed memory it cannot return: in a 15-minute load test of 50 clients (``benchmarks/load.py``)
the resident memory rose about 3.6 MB a minute with the default, while Python's own heap
(allocated blocks, live objects) stayed flat. With two arenas it was lower by about 80 MB and
levelled off. ``limit_arenas`` sets that limit for this process unless ``MALLOC_ARENA_MAX`` is
set in the environment (the operator's choice wins); it does nothing where the C library is
not glibc. ``trim`` hands the arenas' free pages back to the system (``malloc_trim``): the
server calls it after each reopening of its store, when DuckDB has just freed what it kept.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import os

ARENAS = 2
_M_ARENA_MAX = -8  # glibc's mallopt parameter number


@functools.cache
def _libc():
    """The C library, loaded once; None where it is not glibc."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
        libc.malloc_trim.argtypes = (ctypes.c_size_t,)
    except (OSError, AttributeError):
        return None  # not glibc
    return libc


def trim() -> bool:
    """Give the free memory of every arena back to the system; True when some was."""
    libc = _libc()
    return bool(libc.malloc_trim(0)) if libc is not None else False


def limit_arenas(count: int = ARENAS) -> bool:
    """Limit this process's malloc arenas to ``count``; True when the limit was set."""
    if os.environ.get("MALLOC_ARENA_MAX"):
        return False
    libc = _libc()
    return bool(libc.mallopt(_M_ARENA_MAX, count)) if libc is not None else False
