"""A guard against PySide6 6.12's lost references to None on Python 3.11.

shiboken6 6.12's stable-ABI wheels return None from every void method without
taking a reference, which is harmless from Python 3.12 on (None is immortal,
PEP 683) but on 3.11 lowers None's count by one per call until the interpreter
aborts with "none_dealloc: deallocating None" - a few thousand Qt calls into a
session. Giving None an enormous count makes it effectively immortal, as it is
on newer Pythons; None is never freed legitimately, so nothing else changes.
"""

from __future__ import annotations

import ctypes
import sys

IMMORTAL_BOOST = 1 << 48


def keep_none_alive() -> None:
    if sys.version_info >= (3, 12) or hasattr(sys, "gettotalrefcount"):
        return  # None is immortal already / a debug build lays objects out differently
    count = ctypes.c_ssize_t.from_address(id(None))
    if count.value < IMMORTAL_BOOST:
        count.value += IMMORTAL_BOOST
