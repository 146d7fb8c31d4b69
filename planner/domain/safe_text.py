"""The characters no text of the planner may hold, and the one function that takes them out.

A workbook is XML, and XML 1.0 cannot hold the C0 control characters other than tab,
line feed and carriage return, nor U+FFFE and U+FFFF: one such character in a task name
makes every workbook written afterwards ill-formed, and Excel and WPS refuse it. Lone
surrogates (half of a character, from broken clipboard data or a damaged file) cannot
even be stored as UTF-8. DEL, the C1 controls and the other noncharacters are invisible
in a cell, and some are commands to a terminal. Text is cleaned of all of them where it
comes in (import, typing, collected returns) and again where it goes out (every
workbook, the CSV export and the PDF reports), for databases an older version wrote.
"""

from __future__ import annotations

import re

# Noncharacters: U+FDD0–U+FDEF, and the last two code points of every plane.
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
# As the inside of a regular expression's character class, for patterns that add characters of their own.
UNSAFE_CLASS = "\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\ud800-\\udfff" + _NONCHARACTERS
_UNSAFE_RE = re.compile(f"[{UNSAFE_CLASS}]")


def safe_text(text: str) -> str:
    """`text` without control characters (tab and line breaks stay), surrogates and noncharacters."""
    if text.isprintable():  # no control, surrogate or unassigned character at all: most texts stop here
        return text
    return _UNSAFE_RE.sub("", text)


def has_unsafe(text: str) -> bool:
    return not text.isprintable() and _UNSAFE_RE.search(text) is not None
