"""Traditional → simplified Chinese characters: one OpenCC converter for the whole program.

The converter is built on first use, under a lock, because building it loads OpenCC's
dictionaries: a window that never converts a text never pays for them. Most texts are
simplified already: a text holding none of the characters OpenCC's dictionaries change
(`planner.domain.t2s_chars`, and nothing beyond the Basic Multilingual Plane) is what
OpenCC would return, and is returned without calling it.
"""

from __future__ import annotations

import re
import threading
from typing import Any

from planner.domain.t2s_chars import CHANGED_BMP

_converter: Any = None  # opencc.OpenCC, which ships no type information
_converter_lock = threading.Lock()
_may_change_re: re.Pattern[str] | None = None  # compiled on first use: the window's start needs no conversion


def _may_change() -> re.Pattern[str]:
    """One character class over the plane's characters is a table look-up; the other planes are converted
    unchecked."""
    global _may_change_re
    if _may_change_re is None:
        _may_change_re = re.compile("[" + re.escape(CHANGED_BMP) + "\U00010000-\U0010ffff]")
    return _may_change_re


def _converter_instance() -> Any:
    global _converter
    if _converter is None:
        with _converter_lock:
            if _converter is None:
                import opencc

                _converter = opencc.OpenCC("t2s")
    return _converter


def convert_t2s(text: str) -> str:
    """`text` with every traditional character (and phrase OpenCC knows) in its simplified form."""
    if text.isascii() or _may_change().search(text) is None:
        return text
    return str(_converter_instance().convert(text))
