"""The list numbers Word draws in front of paragraphs, computed from `word/numbering.xml`.

Word keeps an outline's 一、 （一） 1. in list definitions rather than in the text, and
python-docx (like most readers) gives the text without them. Here the labels are
rendered as Word does: each `w:num` points at an `w:abstractNum` whose levels give a
start value, a number format and a level text such as "%1、" or "（%2）"; counters run
per abstract list, so two `w:num` of the same list continue each other unless one
restarts a level (`w:startOverride`); numbering a level restarts the deeper ones
(unless `w:lvlRestart` says otherwise); `w:isLgl` shows every level in digits. A list
may be defined through a numbering style (`w:numStyleLink`), and a paragraph style
may carry the numbering (the 标题 1 of many templates).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from planner.notices.number_formats import format_number

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_LEVEL = 8
MAX_START = 32767  # Word's own upper bound for a start value
_PLACEHOLDER = re.compile(r"%([1-9])")
_BULLET = "•"


@dataclass(frozen=True)
class Level:
    start: int = 1
    number_format: str = "decimal"
    text: str | None = None  # the level text, "%1、"; None when the level draws nothing
    restart: int | None = None  # w:lvlRestart: restarted after a use of a level above this 1-based one; 0 never
    legal: bool = False  # w:isLgl: every level shown in digits
    style_id: str | None = None  # the paragraph style this level is tied to


@dataclass
class _Num:
    abstract_id: str
    start_overrides: dict[int, int] = field(default_factory=dict)
    level_overrides: dict[int, Level] = field(default_factory=dict)


def _value(element, name: str) -> str | None:
    found = element.find(W + name)
    return None if found is None else found.get(W + "val")


def _int(text: str | None, default: int, low: int = 0, high: int = MAX_START) -> int:
    try:
        return min(max(int(text or ""), low), high)
    except ValueError:
        return default


def _level(element) -> Level:
    text_element = element.find(W + "lvlText")
    restart = _value(element, "lvlRestart")
    legal = element.find(W + "isLgl")
    return Level(
        start=_int(_value(element, "start"), 1),
        number_format=_value(element, "numFmt") or "decimal",
        text=None if text_element is None else text_element.get(W + "val"),
        restart=None if restart is None else _int(restart, 0, 0, MAX_LEVEL + 1),
        legal=legal is not None and legal.get(W + "val", "1") not in ("0", "false", "off"),
        style_id=_value(element, "pStyle"),
    )


def _levels(element) -> dict[int, Level]:
    return {_int(lvl.get(W + "ilvl"), 0, 0, MAX_LEVEL): _level(lvl) for lvl in element.findall(W + "lvl")}


class ListNumbering:
    """Hands out the label of each numbered paragraph, in reading order."""

    def __init__(self, numbering_root=None, style_numbering: dict[str, tuple[str, int | None]] | None = None):
        self._abstract: dict[str, dict[int, Level]] = {}
        self._style_link: dict[str, str] = {}  # abstract id → numbering style that defines it
        self._nums: dict[str, _Num] = {}
        self._style_numbering = style_numbering or {}
        self._counters: dict[str, dict[int, int]] = {}
        self._started: set[str] = set()
        if numbering_root is not None:
            self._parse(numbering_root)

    def _parse(self, root) -> None:
        for abstract in root.iter(W + "abstractNum"):
            abstract_id = abstract.get(W + "abstractNumId") or ""
            self._abstract[abstract_id] = _levels(abstract)
            link = _value(abstract, "numStyleLink")
            if link:
                self._style_link[abstract_id] = link
        for num in root.iter(W + "num"):
            num_id = num.get(W + "numId")
            abstract_id = _value(num, "abstractNumId")
            if num_id is None or abstract_id is None:
                continue
            entry = _Num(abstract_id)
            for override in num.findall(W + "lvlOverride"):
                ilvl = _int(override.get(W + "ilvl"), 0, 0, MAX_LEVEL)
                start = _value(override, "startOverride")
                if start is not None:
                    entry.start_overrides[ilvl] = _int(start, 1)
                level = override.find(W + "lvl")
                if level is not None:
                    entry.level_overrides[ilvl] = _level(level)
            self._nums[num_id] = entry

    def _abstract_of(self, num: _Num) -> str:
        """The abstract list that holds the levels: through a numbering style's own list when linked."""
        abstract_id = num.abstract_id
        for _hop in range(4):
            style = self._style_link.get(abstract_id)
            linked = self._style_numbering.get(style) if style else None
            target = self._nums.get(linked[0]) if linked else None
            if target is None or target.abstract_id == abstract_id:
                break
            abstract_id = target.abstract_id
        return abstract_id

    def _levels_of(self, num: _Num, abstract_id: str) -> dict[int, Level]:
        levels = dict(self._abstract.get(abstract_id, {}))
        levels.update(num.level_overrides)
        for ilvl, start in num.start_overrides.items():
            levels[ilvl] = replace(levels.get(ilvl, Level()), start=start)
        return levels

    def level_for_style(self, num_id: str, style_id: str) -> int:
        """The level a style's numbering uses when the style names the list but not the level."""
        num = self._nums.get(num_id)
        if num is None:
            return 0
        for ilvl, level in self._levels_of(num, self._abstract_of(num)).items():
            if level.style_id == style_id:
                return ilvl
        return 0

    def label(self, num_id: str, ilvl: int) -> str:
        """The label of the next paragraph numbered by list `num_id` at level `ilvl`; "" when none is drawn."""
        num = self._nums.get(num_id)
        if num is None or num_id == "0":
            return ""
        abstract_id = self._abstract_of(num)
        levels = self._levels_of(num, abstract_id)
        ilvl = min(max(ilvl, 0), MAX_LEVEL)
        counters = self._counters.setdefault(abstract_id, {})
        if num_id not in self._started:
            self._started.add(num_id)
            for overridden in num.start_overrides:
                counters.pop(overridden, None)
        level = levels.get(ilvl, Level())
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else level.start
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels.get(deeper, Level()).restart
            if restart is None or (restart != 0 and ilvl < restart):
                del counters[deeper]
        if level.text is None:
            return ""
        if level.number_format == "bullet":
            return "".join(_BULLET if 0xF000 <= ord(char) <= 0xF0FF else char for char in level.text)

        def number(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            shown = levels.get(k, Level())
            value = counters.get(k, shown.start)
            return format_number(value, "decimal" if level.legal else shown.number_format)

        return _PLACEHOLDER.sub(number, level.text)
