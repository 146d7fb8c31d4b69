"""The outline numbers of a notice: 第一部分, 一、 （一） 1. （1） ①, read and written back.

Official documents number their outline in this order (GB/T 9704-2012 gives the first
four levels), so a number's style tells its level without looking at what came before.
Each style is read in the variants offices type: half- or full-width brackets
(（一） and (一)), and a full stop, an enumeration comma or a full-width stop after a
digit (1. 1、 1．). Whatever the variant, a number is written back in one canonical
form, which is how a task's origin (二、（一）1.) is spelt.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from enum import Enum

from planner.domain.char_swaps import WIDE_TO_ASCII
from planner.domain.text_caches import text_cache

_CHINESE_DIGITS = "零一二三四五六七八九"
_CHINESE_NUMERAL = "[零〇一二两三四五六七八九十百]+"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
MAX_VALUE = 999  # of a number in Chinese numerals (一百零五)
MAX_ARABIC = 9999  # of a number in digits: a long plan numbers its items on and on (1999.)


class Style(str, Enum):
    PART = "part"  # 第一部分, 第一章
    CHINESE = "chinese"  # 一、
    PAREN_CHINESE = "paren_chinese"  # （一）
    ARABIC = "arabic"  # 1.
    PAREN_ARABIC = "paren_arabic"  # （1）
    CIRCLED = "circled"  # ①

    @property
    def rank(self) -> int:
        """0 for the outermost level."""
        return _RANKS[self]


_RANKS = {style: rank for rank, style in enumerate(Style)}

# (style, pattern on the text with full-width ASCII folded to half-width); group 1 is the value.
_PATTERNS: tuple[tuple[Style, re.Pattern[str]], ...] = (
    (Style.PART, re.compile(rf"第({_CHINESE_NUMERAL})(?:部分|章|篇)[\s:、.]*")),
    (Style.CHINESE, re.compile(rf"({_CHINESE_NUMERAL})\s*[、.](?![0-9])\s*")),
    (Style.PAREN_CHINESE, re.compile(rf"\(\s*({_CHINESE_NUMERAL})\s*\)[\s、.]*")),
    # "1.2024年…" and "1.1月底前…": an item whose text starts with a year or a month, not a decimal.
    (Style.ARABIC, re.compile(r"([0-9]{1,4})\s*(?:[.、](?![0-9])|\.(?=(?:19|20)[0-9]{2}年|(?:1[0-2]|[1-9])月))\s*")),
    (Style.PAREN_ARABIC, re.compile(r"(?:\(\s*([0-9]{1,4})\s*\)|([0-9]{1,4})\))[\s、.]*")),
    (Style.CIRCLED, re.compile(f"([{_CIRCLED}])\\s*")),
)


@text_cache(maxsize=4096)
def fold(text: str) -> str:
    """Full-width ASCII (（）．１) as half-width, one character for one, so offsets hold.

    Cached: the recognition looks at each paragraph several times.
    """
    return WIDE_TO_ASCII(text)


def chinese_value(numeral: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20, 一百零五 → 105; None for what is no numeral."""
    # 零 only marks a skipped place (一百零五), which the sum below needs no mark for.
    numeral = numeral.replace("〇", "").replace("零", "").replace("两", "二")
    if not numeral or any(char not in _CHINESE_DIGITS + "十百" for char in numeral):
        return None
    total, digit = 0, None
    for char in numeral:
        if char in "十百":
            total += (1 if digit is None else digit) * (10 if char == "十" else 100)
            digit = None
        else:
            value = _CHINESE_DIGITS.index(char)
            if digit is not None and value:  # 一二 is no numeral
                return None
            digit = value
    total += digit or 0
    return total or None


def chinese_numeral(value: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十, 105 → 一百零五."""
    if not 0 < value <= MAX_VALUE:
        raise ValueError(f"outline numbers run from 1 to {MAX_VALUE}, not {value}")
    hundreds, rest = divmod(value, 100)
    tens, units = divmod(rest, 10)
    parts = [f"{_CHINESE_DIGITS[hundreds]}百"] if hundreds else []
    if tens:
        parts.append(("" if tens == 1 and not hundreds else _CHINESE_DIGITS[tens]) + "十")
    elif hundreds and units:
        parts.append("零")
    if units:
        parts.append(_CHINESE_DIGITS[units])
    return "".join(parts)


@dataclass(frozen=True)
class OutlineNumber:
    style: Style
    value: int
    written: str  # as the text has it, spaces included: "1．", "(一) "

    @property
    def canonical(self) -> str:
        return format_number(self.style, self.value)

    @property
    def seq(self) -> str:
        """The number as a 序号 column holds it: 1, 一, （一）."""
        return self.canonical.rstrip("、.")


@functools.lru_cache(maxsize=1024)
def format_number(style: Style, value: int) -> str:
    """The canonical way to write a number: 第一部分 一、 （一） 1. （1） ①.

    Cached: every item's origin spells the numbers down to it, and they are few.
    """
    if style is Style.PART:
        return f"第{chinese_numeral(value)}部分"
    if style is Style.CHINESE:
        return f"{chinese_numeral(value)}、"
    if style is Style.PAREN_CHINESE:
        return f"（{chinese_numeral(value)}）"
    if style is Style.ARABIC:
        return f"{value}."
    if style is Style.PAREN_ARABIC:
        return f"（{value}）"
    if not 0 < value <= len(_CIRCLED):
        raise ValueError(f"circled numbers run from 1 to {len(_CIRCLED)}, not {value}")
    return _CIRCLED[value - 1]


# The patterns a text may start with, by its first character (folded): each pattern's matches start with one of
# the characters listed for it, so the others need not be tried.
_FIRST_CHARS = {Style.PART: "第", Style.CHINESE: "零〇一二两三四五六七八九十百", Style.PAREN_CHINESE: "(",
                Style.ARABIC: "0123456789", Style.PAREN_ARABIC: "(0123456789", Style.CIRCLED: _CIRCLED}
_PATTERNS_BY_FIRST = {char: tuple(entry for entry in _PATTERNS if char in _FIRST_CHARS[entry[0]])
                      for char in "".join(_FIRST_CHARS.values())}


# Marks put before a number in text pasted from a phone or a web page (※1. ★（一） 🔴一、): decoration, not text.
_DECORATION_RE = re.compile("[※★☆●○◆◇■□▶►▪▸•✔✅☑➤➢\u2600-\u27bf\ufe0f\U0001f000-\U0001faff\\s]+")


def _decoration(folded: str) -> int:
    """How many characters of decoration `folded` starts with."""
    first = folded[:1]
    if not first or first in _PATTERNS_BY_FIRST or first.isalnum():
        return 0
    match = _DECORATION_RE.match(folded)
    return match.end() if match else 0


def read_number(text: str) -> OutlineNumber | None:
    """The outline number `text` starts with (past any decoration in front of it), or None."""
    folded = fold(text)
    skipped = _decoration(folded)
    for style, pattern in _PATTERNS_BY_FIRST.get(folded[skipped:skipped + 1], ()):
        match = pattern.match(folded, skipped)
        if match is None:
            continue
        groups = match.groups()
        written = groups[0] or groups[-1]  # the one group that took part: (1) and 1) have a group each
        if style is Style.CIRCLED:
            value: int | None = _CIRCLED.index(written) + 1
        elif style in (Style.ARABIC, Style.PAREN_ARABIC):
            value = int(written)
        else:
            value = chinese_value(written)
        if value is None or not 0 < value <= (MAX_ARABIC if written.isdigit() else MAX_VALUE):
            continue
        if match.end() >= len(folded.rstrip()) and style is not Style.PART:
            continue  # a number with nothing after it ("1.") numbers nothing
        return OutlineNumber(style, value, text[: match.end()])
    return None


def origin_of(path: list[OutlineNumber]) -> str:
    """"二、（一）1." for the numbers from the outermost level to the item's own."""
    return "".join(number.canonical for number in path)


class OutlineWalk:
    """The path of numbers down to each numbered paragraph, in the order the paragraphs come.

    A number of a style at the same or an outer level than the open one closes the open
    levels down to it, so 1. after （二） nests in （二）, and （三） after 1. closes the 1.
    """

    def __init__(self) -> None:
        self.path: list[OutlineNumber] = []
        self._origins: list[str] = []  # origin_of(self.path[: i + 1]) for each i: spelt once per number entered

    def enter(self, number: OutlineNumber) -> list[OutlineNumber]:
        self.origin(number)
        return list(self.path)

    def origin(self, number: OutlineNumber) -> str:
        """Enter `number` and return its origin: origin_of(self.enter(number)), without copying the path."""
        rank = number.style.rank
        while self.path and self.path[-1].style.rank >= rank:
            self.path.pop()
            self._origins.pop()
        self.path.append(number)
        self._origins.append((self._origins[-1] if self._origins else "") + number.canonical)
        return self._origins[-1]
