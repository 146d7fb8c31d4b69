"""What a report table is made of: columns, header cells, rows of cells, and the type sizes they are set in."""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.documents.fonts import FANGSONG

TABLE_SIZE = 10.5  # 五号
TABLE_LEADING = 14.0
PAD_X, PAD_Y = 3.0, 2.5
LEFT, CENTER, RIGHT = "left", "center", "right"


@dataclass(frozen=True)
class Cell:
    text: str = ""
    role: str = FANGSONG
    align: str = LEFT
    colour: str = "#000000"
    bold: bool = False


@dataclass(frozen=True)
class Column:
    weight: float  # its share of the width left over once every column has room for its longest line
    align: str = LEFT
    min_chars: int = 0  # characters that must fit on one line (a status: 序时推进)


@dataclass(frozen=True)
class HeaderCell:
    text: str
    row: int
    column: int
    rowspan: int = 1
    colspan: int = 1


@dataclass
class TableRow:
    cells: list[Cell] = field(default_factory=list)  # one per column
    span: Cell | None = None  # instead of cells: one cell across the table (a section row)
    group: object = None  # consecutive rows of one group share the merged columns' cells
    fill: str | None = None


@dataclass
class TableSpec:
    columns: list[Column]
    header: list[HeaderCell]
    merged: frozenset[int] = frozenset()
    caption: str = ""  # above the first part only (表1 …), so that it never stands apart from its table
    size: float = TABLE_SIZE
    leading: float = TABLE_LEADING
