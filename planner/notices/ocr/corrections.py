"""The confusions text recognition makes in notices, put right in recognised text only.

Printed notices use a few marks that OCR models rarely saw: the tortoise-shell brackets of
〔责任单位：…〕 and 杭政办函〔2020〕47号 come back as 【, （ or [ on one side and ] or ） on the
other, sometimes twice (【〔责任单位) or not at all; the dash of a range (6000—8000) as 一;
the page number — 3 — as 一3一 or -3-; and within figures O for 0 and l, I or | for 1.
A paragraph is corrected whole, after its lines are joined, because an office bracket
usually opens on one line and closes on another. `correct_text` says where each character
of the result came from, so that the confidence of every character, and the line it stands
on, stay true. None of this runs on text a file holds: a Word file's 【 is meant.
"""

from __future__ import annotations

import re

_OPEN = "〔【（([［「{"
_CLOSE = "〕】）)]］」}"
_ROUND_OPEN = "(（"
_ROUND_CLOSE = ")）"
_SQUARE_OPEN = "〔【[［「{"  # an opener that never stands inside a list of offices
_LABEL = re.compile(r"责任单位|牵头单位|配合单位|责任部门|牵头部门|配合部门|主办单位|协办单位")
_SENTENCE_END = "。！!？?"
MAX_OFFICES = 300  # characters of a bracket of offices, at most
# A document number's year: 杭政办函【2020]47号, 浙政发(2021)3号.
_YEAR = re.compile(rf"(?<=[\u4e00-\u9fff])([{re.escape(_OPEN)}])((?:19|20)\d\d)([{re.escape(_CLOSE)}])(?=\s*\d+\s*号)")
# 一 between digits is a dash of a range (2000一3000平方米); the number 一 never stands between digits.
_RANGE_DASH = re.compile(r"(?<=\d)一(?=\d)")
# A line that is only a page number between dashes: — 3 —, read as 一3一, -3-, 一 3 -.
_PAGE_NUMBER = re.compile(r"^\s*[一—\-－_~]{1,2}\s*\d{1,4}\s*[一—\-－_~]{1,2}\s*$")
# A run of digits in which a letter stands for a digit: 2O20, 1O0%, l5, 3I.
_FIGURE = re.compile(r"(?<![A-Za-z])[0-9OolI|](?:[0-9OolI|]|[.,](?=[0-9OolI|]))*(?![A-Za-z])")
_DIGIT_LIKE = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1"})


def _figure(match: re.Match[str]) -> str:
    run = match.group(0)
    digits = sum(char.isdigit() for char in run)
    # A letter alone (an English word's l, a roman I) is no figure; at least one real digit beside it is.
    if digits == 0 or digits == len(run.replace(".", "").replace(",", "")):
        return run
    return run.translate(_DIGIT_LIKE)


def _closing(text: str, start: int) -> int | None:
    """Where the bracket of offices that starts at `start` closes: the first closing mark outside the round
    brackets of an office's name (各区、县(市)政府); None when another bracket opens first or it runs too long."""
    depth = 0
    for index in range(start, min(len(text), start + MAX_OFFICES)):
        char = text[index]
        if char in _ROUND_OPEN:
            depth += 1
        elif char in _ROUND_CLOSE and depth:
            depth -= 1
        elif char in _CLOSE:
            return index
        elif char in _SQUARE_OPEN:
            return None
    return None


def _office_brackets(chars: list[str], sources: list[int]) -> None:
    """〔 and 〕 around each list of offices that OCR bracketed with other marks, doubled or left open. Labels are
    taken from left to right on the text as corrected so far, since a doubled or missing mark moves the rest."""
    position = 0
    while (match := _LABEL.search(text := "".join(chars), position)) is not None:
        position = match.end()
        before = match.start() - 1
        while before >= 0 and text[before].isspace():
            before -= 1
        close = _closing(text, match.end())
        if close is None:
            continue
        if before >= 0 and text[before] in _OPEN:
            chars[close], chars[before] = "〕", "〔"
            if before >= 1 and text[before - 1] in _OPEN:  # 【〔责任单位: one bracket read twice
                del chars[before - 1], sources[before - 1]
        elif before < 0 or text[before] in _SENTENCE_END:  # the opening mark was not read at all
            chars[close] = "〕"
            chars.insert(match.start(), "〔")
            sources.insert(match.start(), sources[match.start()])
        position = close + 1  # a second label inside the same bracket (牵头单位：…；配合单位：…) is part of it


def correct_text(text: str) -> tuple[str, list[int]]:
    """`text` (a recognised paragraph, a cell) with OCR's usual confusions put right, and for each character of
    the result the index of the character of `text` it stands for."""
    if _PAGE_NUMBER.match(text):
        return "".join("—" if char in "一—-－_~" else char for char in text), list(range(len(text)))
    chars, sources = list(text), list(range(len(text)))
    if _LABEL.search(text):
        _office_brackets(chars, sources)
    corrected = "".join(chars)
    # The rest replace character for character: the sources stay as they are.
    corrected = _YEAR.sub(lambda match: f"〔{match.group(2)}〕", corrected)
    corrected = _RANGE_DASH.sub("—", corrected)
    return _FIGURE.sub(_figure, corrected), sources


def correct_line(text: str) -> str:
    """`text` corrected, for where only the text matters (a table cell)."""
    return correct_text(text)[0]
