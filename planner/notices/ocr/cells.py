"""The text of a ruled table's cells on a page image: each cell read as one block of text."""

from __future__ import annotations

from PIL import Image

from planner.notices.ocr.corrections import correct_line
from planner.notices.ocr.engine import TextLine, read_lines
from planner.notices.ocr.pages import ReadTable
from planner.notices.ocr.tables import Lattice

INSET = 4  # pixels kept clear of the rules around a cell
BLANK = 160  # a cell with no pixel darker than this holds nothing


def _cell_text(lines: list[TextLine], right_edge: int) -> str:
    """Lines of a cell: a line that fills the cell runs on into the next (a wrap), one that stops short keeps
    its line break (one office a line)."""
    text = ""
    for index, line in enumerate(lines):
        text += line.text
        if index + 1 < len(lines):
            height = max(1, line.box[3] - line.box[1])
            text += "" if right_edge - line.box[2] < 1.5 * height else "\n"
    return correct_line(text)


def read_table(gray: Image.Image, lattice: Lattice, ppi: int) -> ReadTable:
    rows: list[list[str | None]] = [[None] * (len(lattice.xs) - 1) for _ in range(len(lattice.ys) - 1)]
    merges: list[tuple[int, int, int, int]] = []
    confidences: list[float] = []
    for cell in lattice.cells:
        r0, c0, r1, c1 = cell
        if (r0, c0) != (r1, c1):
            merges.append(cell)
        left, top, right, bottom = lattice.cell_box(cell)
        crop = gray.crop((left + INSET, top + INSET, right - INSET, bottom - INSET))
        if crop.width < 4 or crop.height < 4:
            continue
        if crop.point(lambda value: 255 if value <= BLANK else 0).getbbox() is None:
            continue  # no pixel darker than BLANK: an empty cell
        # A little paper around the text helps Tesseract find the lines of a tight cell.
        framed = Image.new("L", (crop.width + 20, crop.height + 20), 255)
        framed.paste(crop, (10, 10))
        lines = read_lines(framed, ppi, single_block=True)
        text = _cell_text(lines, crop.width + 10)
        confidences += [value for line in lines for value in line.confidences]
        rows[r0][c0] = text or None
    columns = [x * 72 / ppi for x in lattice.xs]
    confidence = sum(confidences) / len(confidences) if confidences else 1.0
    return ReadTable(rows, merges, lattice.box, columns, confidence)
