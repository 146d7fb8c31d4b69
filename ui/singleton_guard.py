"""A guard against PySide6 6.12's lost references to None, True and False on Python 3.11.

shiboken6 6.12's stable-ABI wheels return some singletons without taking a reference:
None from every void method and from a null pointer (`setText`, `update`, `parent()`),
True from `Signal.emit()` and a successful `disconnect()`, False from a failed
`disconnect()`. From Python 3.12 on these objects are immortal (PEP 683) and nothing
happens; on 3.11 each such call lowers the object's count by one, until the
interpreter aborts ("none_dealloc" or "bool_dealloc: deallocating True or False") a
few thousand calls into a session. `tests/runtime/lost_references.py` reproduces it.

Giving each of them an enormous count makes it effectively immortal, as it is on
newer Pythons; none of them is ever freed legitimately, so nothing else changes.
"""

from __future__ import annotations

import ctypes
import sys

GUARDED: tuple[object, ...] = (None, True, False)
IMMORTAL_BOOST = 1 << 48


def needs_guard() -> bool:
    # 3.12+: immortal already. A debug build lays objects out differently.
    return sys.version_info < (3, 12) and not hasattr(sys, "gettotalrefcount")


def keep_singletons_alive() -> None:
    if not needs_guard():
        return
    for singleton in GUARDED:
        count = ctypes.c_ssize_t.from_address(id(singleton))
        if count.value < IMMORTAL_BOOST:
            count.value += IMMORTAL_BOOST
