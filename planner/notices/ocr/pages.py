"""One scanned page read: what the reading worker sends back for each page (plain data, pickled)."""

from __future__ import annotations

from dataclasses import dataclass, field

Box = tuple[int, int, int, int]


@dataclass
class ReadLine:
    text: str  # corrected (`planner.notices.ocr.corrections`)
    confidences: list[float]  # one per character of `text`, 0 to 1
    box: Box  # in the page image's pixels


@dataclass
class ReadTable:
    rows: list[list[str | None]]  # lattice rows, top first; None where a merged cell continues or a cell is empty
    merges: list[tuple[int, int, int, int]]  # first row, column, last row, column
    box: Box
    columns: list[float]  # x of the vertical rules in points (1/72 inch), to join a table running on
    confidence: float  # the mean of its cells' characters', 0 to 1


@dataclass
class ReadPage:
    number: int  # 1-based
    width: int  # of the page image that was read, in pixels
    height: int
    ppi: int
    lines: list[ReadLine] = field(default_factory=list)
    tables: list[ReadTable] = field(default_factory=list)
    turned: int = 0  # degrees the page was turned to be upright
    skew: float = 0.0
    seal_lines: int = 0  # lines dropped inside a seal
    preview: bytes = b""  # the upright page, JPEG
    preview_size: tuple[int, int] = (0, 0)
