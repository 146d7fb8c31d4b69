"""Section rows of an appendix ("一、…", "（一）…", "第一部分…") and how they nest."""

from __future__ import annotations

import re

from planner.domain.model import Section

SECTION_STYLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("part", re.compile(r"^第[一二三四五六七八九十百]+[部分章篇]")),
    ("chinese", re.compile(r"^[一二三四五六七八九十百]+\s*[、.．]")),
    ("paren", re.compile(r"^[（(]\s*[一二三四五六七八九十百]+\s*[）)]")),
)
_CHINESE_NUMERAL_RE = re.compile(r"^[一二三四五六七八九十百]+[、.．]?$")
# A numbering written alone in the 序号 column, with the heading in the next cell.
_NUMBERING_ONLY_RE = re.compile(r"^(?:[（(]\s*[一二三四五六七八九十百]+\s*[）)]"
                                r"|第[一二三四五六七八九十百]+[部分章篇]+)$")


def section_title(parts: list[str], banner: bool) -> tuple[str, str] | None:
    """(numbering style, title) when the texts of a row make a section heading, else None.

    `parts` are the row's non-blank texts left to right: one heading, or a
    numbering (一, （一）, 第一部分) in the 序号 column and the heading beside it.
    `banner` says the text is merged across the table, which makes it a heading
    even without numbering.
    """
    if len(parts) == 2 and _CHINESE_NUMERAL_RE.match(parts[0]):
        title = f"{parts[0].rstrip('、.．')}、{parts[1]}"
    elif len(parts) == 2 and _NUMBERING_ONLY_RE.match(parts[0]):
        title = f"{parts[0]}{'' if parts[0].endswith(('）', ')')) else ' '}{parts[1]}"
    elif len(parts) == 1:
        title = parts[0]
    else:
        return None
    style = next((name for name, pattern in SECTION_STYLES if pattern.match(title)), None)
    if style is None:
        if not banner:
            return None
        style = "banner"
    return style, title


class SectionTree:
    """Sections nested by the order in which numbering styles first appear.

    The first style seen is the top level; a style seen for the first time nests
    in the open section; a style seen before goes back to its level.
    """

    def __init__(self) -> None:
        self.sections: list[Section] = []
        self._depth_of: dict[str, int] = {}
        self._open: list[Section] = []

    def add(self, style: str, title: str) -> Section:
        if style not in self._depth_of:
            self._depth_of[style] = len(self._open)
        depth = self._depth_of[style]
        del self._open[depth:]
        parent = self._open[-1].key if self._open else None
        section = Section(title=title, key=f"s{len(self.sections) + 1}", parent_key=parent)
        self.sections.append(section)
        self._open.append(section)
        return section

    @property
    def current(self) -> str | None:
        return self._open[-1].key if self._open else None
