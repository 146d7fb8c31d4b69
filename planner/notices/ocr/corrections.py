"""The confusions text recognition makes in notices, put right in recognised text only.

Printed notices use a few marks that OCR models rarely saw: the tortoise-shell brackets of
〔责任单位：…〕 and 杭政办函〔2020〕47号 come back as 【, （ or [ on one side and ] or ） on the
other; the dash of a range (6000—8000) as 一; the page number — 3 — as 一3一 or -3-; and
within figures O for 0 and l, I or | for 1. Each correction replaces characters one for one,
so that the positions of the characters the recognition was unsure of stay true. None of
this runs on text a file holds: a Word file's 【 is meant.
"""

from __future__ import annotations

import re

_OPEN = "〔【（([［「{"
_CLOSE = "〕】）)]］」}"
_PAIRS = {"〔": "〕", "【": "】", "（": "）", "(": ")", "[": "]", "［": "］", "「": "」", "{": "}"}
_LABELS = "责任单位|牵头单位|配合单位|责任部门|牵头部门|配合部门|主办单位|协办单位"
# An office bracket: its label inside, its close before the next open (at most a long list of offices).
_OFFICES = re.compile(rf"([{re.escape(_OPEN)}])(\s*(?:{_LABELS})[^{re.escape(_OPEN + _CLOSE)}]{{0,300}}?)"
                      rf"([{re.escape(_CLOSE)}])")
# A document number's year: 杭政办函【2020]47号, 浙政发(2021)3号.
_YEAR = re.compile(rf"(?<=[\u4e00-\u9fff])([{re.escape(_OPEN)}])((?:19|20)\d\d)([{re.escape(_CLOSE)}])(?=\s*\d+\s*号)")
# 一 between digits is a dash of a range (2000一3000平方米); the number 一 never stands between digits.
_RANGE_DASH = re.compile(r"(?<=\d)一(?=\d)")
# A line that is only a page number between dashes: — 3 —, read as 一3一, -3-, 一 3 -.
_PAGE_NUMBER = re.compile(r"^\s*[一—\-－_~]{1,2}\s*\d{1,4}\s*[一—\-－_~]{1,2}\s*$")
# A run of digits in which a letter stands for a digit: 2O20, 1O0%, l5, 3I.
_FIGURE = re.compile(r"(?<![A-Za-z])[0-9OolI|](?:[0-9OolI|]|[.,](?=[0-9OolI|]))*(?![A-Za-z])")
_DIGIT_LIKE = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1"})


def _office_brackets(match: re.Match[str]) -> str:
    opening, inside, closing = match.groups()
    if _PAIRS.get(opening) == closing:
        return match.group(0)
    return f"〔{inside}〕"


def _figure(match: re.Match[str]) -> str:
    run = match.group(0)
    digits = sum(char.isdigit() for char in run)
    # A letter alone (an English word's l, a roman I) is no figure; at least one real digit beside it is.
    if digits == 0 or digits == len(run.replace(".", "").replace(",", "")):
        return run
    return run.translate(_DIGIT_LIKE)


def _page_number(line: str) -> str:
    return "".join("—" if char in "一—-－_~" else char for char in line)


def correct_line(text: str) -> str:
    """One recognised line with OCR's usual confusions put right; the result is exactly as long as `text`."""
    if _PAGE_NUMBER.match(text):
        return _page_number(text)
    text = _OFFICES.sub(_office_brackets, text)
    text = _YEAR.sub(lambda match: f"〔{match.group(2)}〕", text)
    text = _RANGE_DASH.sub("—", text)
    return _FIGURE.sub(_figure, text)
