"""File names made from user text (an office's name): short enough for every file system, and distinct.

A name may hold 255 bytes on Linux (UTF-8: a Chinese character takes three) and 255 UTF-16
units on Windows and macOS; a 180-character office name is 540 bytes. A name that is too
long keeps as much of its beginning as fits and ends with a short digest of the whole text,
so that two offices whose names differ only near the end still get two files, and the same
office gets the same file every time.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

NAME_LIMIT = 255  # bytes of UTF-8 on Linux, UTF-16 units on Windows and macOS
UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')


def name_size(name: str) -> int:
    """The larger of the name's UTF-8 bytes and its UTF-16 units (decomposed, as macOS stores it)."""
    utf8 = len(name.encode("utf-8", "surrogatepass"))
    utf16 = len(unicodedata.normalize("NFD", name).encode("utf-16-le", "surrogatepass")) // 2
    return max(utf8, utf16)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def safe_stem(text: str, fallback: str) -> str:
    """`text` without the characters Windows forbids in a name, and without leading or trailing dots and spaces."""
    return UNSAFE.sub("_", text).strip(" .") or fallback


def fitted_name(stem: str, ending: str, limit: int = NAME_LIMIT) -> str:
    """`stem + ending`, or, when that is too long, the start of `stem`, "~", its digest, and `ending`."""
    if name_size(stem + ending) <= limit:
        return stem + ending
    tail = f"~{digest(stem)}{ending}"
    room = limit - name_size(tail)
    kept, used = [], 0
    for char in stem:
        size = name_size(char)
        if used + size > room:
            break
        kept.append(char)
        used += size
    return "".join(kept).rstrip(" .") + tail


def distinct_names(stems: list[tuple[str, str]], ending: str, limit: int = NAME_LIMIT) -> list[str]:
    """One fitted name per (stem, the text it was made from); stems that would share a name (ignoring case, as
    Windows and macOS do) each get the digest of their own text, so that no file of a batch replaces another."""
    names = [fitted_name(stem, ending, limit) for stem, _text in stems]
    seen: dict[str, int] = {}
    for name in names:
        seen[name.casefold()] = seen.get(name.casefold(), 0) + 1
    return [fitted_name(f"{stem}~{digest(text)}", ending, limit) if seen[name.casefold()] > 1 else name
            for (stem, text), name in zip(stems, names)]
