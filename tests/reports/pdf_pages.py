"""Reading a report back from its PDF as a reader sees it: lines of text with their boxes, and the drawn cells.

pdfium (pypdfium2) gives every character with its box and size, and every drawn
path with its bounds: the table cells are rectangles. Lines are characters whose
boxes share a baseline, left to right; the page number is the text outside the
text block.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from planner.documents.page_geometry import page_geometry

PORTRAIT_WIDTH = 595.2756


@dataclass(frozen=True)
class Char:
    text: str
    left: float
    bottom: float
    right: float
    top: float
    size: float

    @property
    def middle(self) -> float:
        return (self.bottom + self.top) / 2


@dataclass
class Line:
    chars: list[Char]

    @property
    def text(self) -> str:
        return "".join(c.text for c in self.chars)

    @property
    def left(self) -> float:
        return min(c.left for c in self.chars)

    @property
    def right(self) -> float:
        return max(c.right for c in self.chars)

    @property
    def top(self) -> float:
        return max(c.top for c in self.chars)

    @property
    def bottom(self) -> float:
        return min(c.bottom for c in self.chars)

    @property
    def size(self) -> float:
        return max(c.size for c in self.chars)


@dataclass(frozen=True)
class Box:
    left: float
    bottom: float
    right: float
    top: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.top - self.bottom

    def holds(self, char: Char, slack: float = 0.5) -> bool:
        x, y = (char.left + char.right) / 2, char.middle
        return self.left - slack <= x <= self.right + slack and self.bottom - slack <= y <= self.top + slack


@dataclass
class Page:
    number: int  # from 1
    width: float
    height: float
    chars: list[Char]
    boxes: list[Box] = field(default_factory=list)  # drawn rectangles: table cells, chart bars

    @property
    def landscape(self) -> bool:
        return self.width > self.height

    @cached_property
    def block(self) -> Box:
        geometry = page_geometry("landscape" if self.landscape else "portrait", self.number % 2 == 1)
        return Box(geometry.left, geometry.bottom, geometry.right, geometry.top)

    @cached_property
    def number_chars(self) -> list[Char]:
        """The page number's characters: all that stands outside the text block."""
        return [c for c in self.chars if c.text.strip() and not self.block.holds(c, 2.0)]

    @cached_property
    def lines(self) -> list[Line]:
        """The text in the block as lines, top to bottom (cells of one table row on one line together)."""
        inside = sorted((c for c in self.chars if c.text.strip() and self.block.holds(c, 2.0)),
                        key=lambda c: -c.middle)
        lines: list[Line] = []
        for char in inside:
            if lines and abs(lines[-1].chars[0].middle - char.middle) < 0.3 * char.size:
                lines[-1].chars.append(char)
            else:
                lines.append(Line([char]))
        for line in lines:
            line.chars.sort(key=lambda c: c.left)
        return lines

    def text_in(self, box: Box) -> str:
        inside = [c for c in self.chars if c.text.strip() and box.holds(c)]
        inside.sort(key=lambda c: (-round(c.middle), c.left))
        return "".join(c.text for c in inside)

    def lines_in(self, box: Box) -> list[Line]:
        found: list[Line] = []
        for line in self.lines:
            chars = [c for c in line.chars if box.holds(c)]
            if chars:
                found.append(Line(chars))
        return found


def _boxes(page) -> list[Box]:
    found = []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=1):
        left, bottom, right, top = obj.get_bounds()
        if right - left > 2 and top - bottom > 2:
            found.append(Box(left, bottom, right, top))
    return found


def read_pages(path: Path, boxes: bool = True, loose: bool = True) -> list[Page]:
    """Every page of the PDF at `path`. Loose character boxes (the font's ascent to descent) put the characters
    of a line on one baseline; tight ones are the glyphs' own outlines."""
    document = pdfium.PdfDocument(str(path))
    pages = []
    try:
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            chars = []
            for i in range(textpage.count_chars()):
                code = pdfium_c.FPDFText_GetUnicode(textpage.raw, i)
                if code in (0, 0xFFFE, 0xFFFF) or code < 32:
                    continue
                left, bottom, right, top = textpage.get_charbox(i, loose=loose)
                size = pdfium_c.FPDFText_GetFontSize(textpage.raw, i)
                chars.append(Char(chr(code), left, bottom, right, top, size))
            pages.append(Page(index + 1, page.get_width(), page.get_height(), chars,
                              _boxes(page) if boxes else []))
            textpage.close()
            page.close()
    finally:
        document.close()
    return pages
