"""A notice's text as the planner keeps it: simplified characters, no pinyin glosses or emoji, half-width digits.

Government websites print notices in traditional characters for some readers and gloss
characters of several readings with pinyin inside the word: 辦發(fā), 服務(wù),
創(chuàng )新 (a stray space before the bracket is common). A gloss is a parenthesised run
of pinyin syllables right after a Han character; ordinary parentheses such as
(以下简称《条例》), (市) or (一) never hold pinyin and stay. Traditional characters become
simplified through the project's one OpenCC converter (`planner.domain.t2s`).

Cleaning keeps the original beside the result, and a map from each position of the
result to the position of the original it came from, so that a paragraph split in the
cleaned text can be split in the original at the same place.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from planner.domain.char_swaps import CharSwap
from planner.domain.safe_text import safe_text
from planner.domain.t2s import convert_t2s

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_PINYIN_LETTERS = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_GLOSS_RE = re.compile(rf"(?<=[{HAN}])[(（]\s*([{_PINYIN_LETTERS}]+(?:\s+[{_PINYIN_LETTERS}]+)*)\s*[)）]")
_INITIAL = "(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])"
_FINAL = ("(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|er|ia|ie|iu|in|ua|uo|ui|un"
          "|ue|ve|vn|a|o|e|i|u|v)")
_SYLLABLE_RE = re.compile(rf"(?:{_INITIAL}?{_FINAL}|hm|hng|ng|m|n)")
# Full-width digits, Latin letters and ％ read as numbers and codes; the other full-width punctuation
# （，：；） is how Chinese is written and stays. One character for one, so offsets hold.
_HALF_WIDTH = {code: code - 0xFEE0 for code in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))}
_HALF_WIDTH[ord("％")] = ord("%")
_HALF_WIDTH_SWAP = CharSwap.from_codes(_HALF_WIDTH)
_EDGE_SPACE = " \t\r\n\u3000\u00a0\ufeff"
# Emoji and pictographs of text pasted from a phone (🏠 ✅ 👇), with their joiners and variation selectors:
# decoration, never part of a plan. The dingbat circled numbers ❶–➓ number items and stay.
_PICTOGRAPH_RE = re.compile("[\u2600-\u2775\u2794-\u27bf\u200d\ufe0f\U0001f000-\U0001faff]")


def _toneless(syllables: str) -> str:
    decomposed = unicodedata.normalize("NFD", syllables).replace("u\u0308", "v")
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def is_pinyin(text: str) -> bool:
    """Whether `text` is one or more pinyin syllables (with or without tone marks), as a gloss holds."""
    words = _toneless(text.strip()).split()
    return bool(words) and all(_SYLLABLE_RE.fullmatch(word) for word in words)


def gloss_spans(text: str) -> list[tuple[int, int]]:
    """Where the pinyin glosses of `text` are, as (start, end) offsets; never a Han character."""
    if "(" not in text and "（" not in text:
        return []
    return [match.span() for match in _GLOSS_RE.finditer(text) if is_pinyin(match.group(1))]


def remove_glosses(text: str) -> str:
    """`text` without its pinyin glosses: 辦發(fā) → 辦發, 創(chuàng )新 → 創新."""
    spans = gloss_spans(text)
    if not spans:
        return text
    parts, last = [], 0
    for start, end in spans:
        parts.append(text[last:start])
        last = end
    parts.append(text[last:])
    return "".join(parts)


@dataclass(frozen=True)
class CleanText:
    """A text as the planner keeps it, the text it came from, and where each kept character came from."""

    text: str
    original: str
    # offsets[i] is the position in `original` of text[i]; offsets[len(text)] is the end of what was used.
    offsets: tuple[int, ...]

    def original_offset(self, position: int) -> int:
        """The position in the original that corresponds to `position` in the cleaned text."""
        return self.offsets[max(0, min(position, len(self.text)))]


def _kept_positions(original: str) -> tuple[str, list[int]]:
    """The original without unsafe characters and glosses, and the original position of each kept character."""
    safe = safe_text(original)
    if len(safe) == len(original):
        positions = list(range(len(original)))
    else:
        positions = [index for index, char in enumerate(original) if safe_text(char)]
    if _PICTOGRAPH_RE.search(safe):
        kept = [(char, position) for char, position in zip(safe, positions) if not _PICTOGRAPH_RE.match(char)]
        safe, positions = "".join(char for char, _ in kept), [position for _, position in kept]
    removed = gloss_spans(safe)
    if not removed:
        return safe, positions
    keep = [True] * len(safe)
    for start, end in removed:
        keep[start:end] = [False] * (end - start)
    return "".join(c for c, k in zip(safe, keep) if k), [p for p, k in zip(positions, keep) if k]


def clean(original: str) -> CleanText:
    """Simplified characters, no glosses or control characters, half-width digits, trimmed."""
    kept, positions = _kept_positions(original)
    converted = convert_t2s(kept) if kept and not kept.isascii() else kept
    if len(converted) != len(kept):
        # OpenCC replaced a phrase by one of another length (rare): positions are then approximate.
        positions = [positions[min(len(positions) - 1, i * len(kept) // max(1, len(converted)))]
                     for i in range(len(converted))] if positions else []
    text = _HALF_WIDTH_SWAP(converted)
    start, end = 0, len(text)
    while start < end and text[start] in _EDGE_SPACE:
        start += 1
    while end > start and text[end - 1] in _EDGE_SPACE:
        end -= 1
    tail = positions[end] if end < len(positions) else len(original)
    return CleanText(text[start:end], original, (*positions[start:end], tail))


def clean_text(original: str) -> str:
    """`clean(original).text`, without working out where each character came from."""
    safe = safe_text(original)
    if _PICTOGRAPH_RE.search(safe):
        safe = _PICTOGRAPH_RE.sub("", safe)
    return _HALF_WIDTH_SWAP(convert_t2s(remove_glosses(safe))).strip(_EDGE_SPACE)
