"""Cell values → the text stored for a task: full-width digits, traditional characters, numbers.

Most cells need no change, and an appendix of 100,000 rows has a million of
them, so one regular expression decides whether a text needs work at all; the
traditional → simplified conversion (opencc) runs only on texts that hold a
character it would change. Full-width punctuation such as ，：（） is kept: it is
how Chinese is written. Only full-width digits, Latin letters and ％ become
half-width, so that "２０％" reads as a number.
"""

from __future__ import annotations

import datetime
import re
import threading
from functools import lru_cache

from planner.domain.safe_text import UNSAFE_CLASS, safe_text
from planner.domain.t2s import convert_t2s
from planner.sheets.grid import Cell

_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF1A)}  # ０-９
_FULL_WIDTH.update({code: code - 0xFEE0 for code in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_FULL_WIDTH.update({code: code - 0xFEE0 for code in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_FULL_WIDTH[ord("％")] = ord("%")
_FULL_WIDTH_DOT_RE = re.compile(r"(?<=[0-9])．(?=[0-9])")
_CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
BLANK_MARKS = frozenset({"-", "—", "——", "/", "／", "－", "–", "无", "暂无", "\\"})
TOTAL_LABELS = frozenset({"合计", "总计", "小计", "共计", "总数"})
TOTAL_MARKS = frozenset(label[-1] for label in TOTAL_LABELS)  # a text with none of these is no total label
MAX_CELL_CHARS = 32_767  # Excel's limit for one cell's text: what any imported cell is cut to

_lock = threading.Lock()


@lru_cache(maxsize=1)
def _needs_work_re() -> re.Pattern[str]:
    """Characters that change: full-width ASCII variants, and every character t2s converts on its own.

    Built once by converting every CJK character, separated by newlines so that
    no phrase rule joins two of them.
    """
    with _lock:
        chars = [chr(code) for first, last in _CJK_RANGES for code in range(first, last + 1)]
        converted = convert_t2s("\n".join(chars)).split("\n")
    changed = "".join(c for c, s in zip(chars, converted) if c != s) if len(converted) == len(chars) else ""
    return re.compile("[０-９Ａ-Ｚａ-ｚ％" + UNSAFE_CLASS + changed + "]")


def needs_cleaning(text: str) -> bool:
    """Whether `text` holds a line end, a full-width digit or letter, a traditional character, or a character
    no text may hold (`planner.domain.safe_text`: controls, surrogates, noncharacters)."""
    return "\r" in text or _needs_work_re().search(text) is not None


def clean_text(text: str) -> str:
    """Trimmed, half-width digits and letters, simplified characters, \\n line ends, no control characters."""
    text = text.strip()
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isprintable():
        text = safe_text(text).strip()
    if text.isascii() or not _needs_work_re().search(text):
        return text
    text = _FULL_WIDTH_DOT_RE.sub(".", text.translate(_FULL_WIDTH))
    if _needs_work_re().search(text):
        text = convert_t2s(text)
    return text


def number_text(value: float | int) -> str:
    """2.0 → "2", 32.5 → "32.5", 0.1 + 0.2 → "0.3": numbers as a person typed them."""
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return format(value, ".15g")
    return str(value)


def percent_text(value: float | int) -> str:
    """0.205 in a cell formatted as a percentage → "20.5%", as the sheet shows it."""
    return number_text(float(format(value * 100, ".12g"))) + "%"


def cell_text(value: Cell) -> str:
    """Any cell value as text ("" for a blank cell)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return clean_text(value[:MAX_CELL_CHARS])
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        return number_text(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value)


def is_total_label(text: str) -> bool:
    """"合计", "合 计", "总计：" — the label of a row that adds up the rows above it."""
    if TOTAL_MARKS.isdisjoint(text):  # most cells say no here at once
        return False
    return "".join(text.split()).rstrip(":：") in TOTAL_LABELS


def is_blank_mark(text: str) -> bool:
    """"—", "/" and "无" in a target or unit cell mean "nothing here"."""
    return text in BLANK_MARKS
