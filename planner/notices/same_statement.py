"""Which item of the text says what a row of an appendix table says, for a row that names no offices.

The item sharing the longest run of characters (Han characters, digits and %) with the row's
name or content says it, when that run is at least `MIN_SHARED_CHARS` long; of items sharing
equally long runs, the first. A long notice has thousands of items, and comparing every row
with every item takes seconds. Only an item sharing a run of `MIN_SHARED_CHARS` characters can
be chosen, and such an item holds one of the row's runs of exactly that length: an index of
the items' runs of that length leaves the few worth comparing, taken in their order, which
chooses the item a comparison with every item chooses.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher

from planner.notices.items import NoticeItem

MIN_SHARED_CHARS = 8  # a table row and an item of the text say the same thing when they share this much
_MATCH_CHARS_RE = re.compile(r"[^\u4e00-\u9fff0-9%‰]")


def comparable(text: str) -> str:
    """The characters a comparison looks at."""
    return _MATCH_CHARS_RE.sub("", text)


def longest_shared_run(a: str, b: str) -> int:
    """The length of the longest run of characters `a` and `b` (both `comparable`) have in common."""
    if not a or not b:
        return 0
    return SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size


def _runs(text: str) -> set[str]:
    return {text[start:start + MIN_SHARED_CHARS] for start in range(len(text) - MIN_SHARED_CHARS + 1)}


class SameStatement:
    """The items of the text a row may take its offices from, indexed on first use."""

    def __init__(self, sources: Sequence[NoticeItem]) -> None:
        self.sources = sources
        self._texts: list[str] = []
        self._index: dict[str, list[int]] | None = None

    def _indexed(self) -> dict[str, list[int]]:
        if self._index is None:
            self._texts = [comparable(source.text) for source in self.sources]
            self._index = {}
            for number, text in enumerate(self._texts):
                for run in _runs(text):
                    self._index.setdefault(run, []).append(number)
        return self._index

    def find(self, key: str, extra: str) -> NoticeItem | None:
        """The item that says what a row with name (or indicator) `key` and content `extra` says, if one does."""
        index = self._indexed()
        wanted = [comparable(key), comparable(extra) if extra else ""]
        candidates = sorted({number for text in wanted for run in _runs(text) for number in index.get(run, ())})
        best, best_size = None, 0
        for number in candidates:
            size = max(longest_shared_run(text, self._texts[number]) for text in wanted)
            if size > best_size:
                best, best_size = number, size
        return self.sources[best] if best is not None and best_size >= MIN_SHARED_CHARS else None
