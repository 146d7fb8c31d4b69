"""The text of each cell of a ruled PDF table, with its line breaks told from its wraps.

A cell's text may run over several lines because it is long (a wrap: the line is
full, and the lines are one text) or because the author broke it (one office per
line in a 责任单位 cell: the line stops short). Every character of the page is put
into the lattice cell its centre falls in; within a cell, characters on one baseline
make a line. A line is full when one more of its characters would not fit between
the cell's margins (taken as the smaller of the text's distance from the left rule
and the usual 6 points, so that centred text does not widen them); a full line is
joined to the next, a line that stops short ends with a line break.
"""

from __future__ import annotations

import re
from bisect import bisect_right

import pypdfium2 as pdfium

_CJK = r"\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
# A space pdfium reports between Chinese characters, or between one and a figure or Latin word, where the
# typesetter only changed font or spacing (LibreOffice and WPS draw digits in the Western font: "2024 年").
CJK_GAP = re.compile(rf"(?<=[{_CJK}]) +(?=[{_CJK}0-9A-Za-z%])|(?<=[0-9A-Za-z%]) +(?=[{_CJK}])")
_MARGIN = 6.0  # points between a rule and the text in a cell, at most (Word: 5.4, WPS: 5.4, reportlab: 6)
Char = tuple[str, float, float, float, float]  # text, left, bottom, right, top


def page_chars(textpage: pdfium.PdfTextPage, text: str) -> list[Char]:
    """The page's characters with their boxes; `text` is the page's text, one character per index."""
    chars = []
    for index, char in enumerate(text):
        if char in "\r\n":
            continue
        left, bottom, right, top = textpage.get_charbox(index, loose=True)  # the advance, not the glyph's ink
        if right > left or char != " ":
            chars.append((char, left, bottom, right, top))
    return chars


def _lines(chars: list[Char]) -> list[list[Char]]:
    lines: list[list[Char]] = []
    for char in sorted(chars, key=lambda c: (-(c[2] + c[4]) / 2, c[1])):
        middle, height = (char[2] + char[4]) / 2, max(char[4] - char[2], 1.0)
        if lines:
            last = lines[-1][-1]
            if abs((last[2] + last[4]) / 2 - middle) < 0.5 * height:
                lines[-1].append(char)
                continue
        lines.append([char])
    return [sorted(line, key=lambda c: c[1]) for line in lines]


def _join(parts: list[tuple[str, bool]]) -> str:
    """Lines of a cell, each with whether a break follows it, as one text."""
    text = ""
    for part, breaks in parts:
        part = CJK_GAP.sub("", part.strip())
        if not part:
            continue
        if text and not text.endswith("\n") and text[-1].isascii() and text[-1].isalnum() and part[0].isascii() \
                and part[0].isalnum():
            text += " "
        text += part + ("\n" if breaks else "")
    return text.rstrip("\n")


def cell_texts(chars: list[Char], xs: list[float], ys: list[float],
               cells: list[tuple[int, int, int, int]]) -> dict[tuple[int, int], str]:
    """(first row, first column) of each cell → its text; `ys` run from the top of the table down."""
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    for r0, c0, r1, c1 in cells:
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                owner[(r, c)] = (r0, c0)
    falling = [-y for y in ys]
    found: dict[tuple[int, int], list[Char]] = {}
    for char in chars:
        x, y = (char[1] + char[3]) / 2, (char[2] + char[4]) / 2
        column, row = bisect_right(xs, x) - 1, bisect_right(falling, -y) - 1
        cell = owner.get((row, column))
        if cell is not None and 0 <= column < len(xs) - 1 and 0 <= row < len(ys) - 1:
            found.setdefault(cell, []).append(char)
    bounds = {(r0, c0): (xs[c0], xs[c1 + 1]) for r0, c0, _r1, c1 in cells}
    texts = {}
    for cell, members in found.items():
        left, right = bounds[cell]
        lines = _lines(members)
        margin = min(_MARGIN, max(0.0, min(line[0][1] for line in lines) - left))
        usable = right - left - 2 * margin
        parts = []
        for number, line in enumerate(lines):
            char_width = max(sum(c[3] - c[1] for c in line) / len(line), 1.0)
            full = line[-1][3] - line[0][1] + char_width > usable
            parts.append(("".join(c[0] for c in line), not full and number < len(lines) - 1))
        texts[cell] = _join(parts)
    return texts
