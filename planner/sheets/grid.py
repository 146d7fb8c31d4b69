"""A sheet as plain rows of cell values, with its merged ranges and error cells."""

from __future__ import annotations

import datetime
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TypeAlias

from planner.sheets.cells import cell_name, range_name
from planner.sheets.limits import MAX_COLUMNS

Cell: TypeAlias = (str | float | int | bool | datetime.date | datetime.datetime | datetime.time | datetime.timedelta
                   | None)


@dataclass(frozen=True)
class MergedRange:
    """0-based, inclusive."""

    first_row: int
    first_column: int
    last_row: int
    last_column: int

    @property
    def name(self) -> str:
        return range_name(self.first_row, self.first_column, self.last_row, self.last_column)

    def contains(self, row: int, column: int) -> bool:
        return self.first_row <= row <= self.last_row and self.first_column <= column <= self.last_column


@dataclass(frozen=True)
class CellError:
    """A cell holding an error value such as #REF!; 0-based position."""

    row: int
    column: int
    code: str

    @property
    def name(self) -> str:
        return cell_name(self.row, self.column)


@dataclass(frozen=True)
class CellNote:
    """A warning a reader has about one cell (0-based position), shown with the import's warnings."""

    row: int
    column: int
    message: str


@dataclass
class Grid:
    """One sheet. Blank cells are None; error cells are None in `rows` and listed in `errors`."""

    name: str
    rows: list[list[Cell]]
    merges: list[MergedRange] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)
    file_name: str = ""
    notes: list[CellNote] = field(default_factory=list)
    hidden_rows: list[int] = field(default_factory=list)  # 0-based; hidden in the file (a filter, or by hand)
    hidden_columns: list[int] = field(default_factory=list)
    _by_column: dict[int, tuple[list[int], list[MergedRange]]] | None = field(default=None, init=False, repr=False)

    @property
    def height(self) -> int:
        return len(self.rows)

    @property
    def width(self) -> int:
        return max((len(row) for row in self.rows), default=0)

    def cell(self, row: int, column: int) -> Cell:
        if 0 <= row < len(self.rows):
            values = self.rows[row]
            if 0 <= column < len(values):
                return values[column]
        return None

    def merge_at(self, row: int, column: int) -> MergedRange | None:
        """The merged range covering a cell, if any."""
        if self._by_column is None:
            # Indexed by column and first row rather than by cell: a range merged over
            # thousands of rows must not cost one dictionary entry per cell.
            by_column: dict[int, list[MergedRange]] = {}
            for merged in self.merges:
                for c in range(merged.first_column, min(merged.last_column, merged.first_column + MAX_COLUMNS) + 1):
                    by_column.setdefault(c, []).append(merged)
            self._by_column = {}
            for c, ranges in by_column.items():
                ranges.sort(key=lambda m: m.first_row)
                self._by_column[c] = ([m.first_row for m in ranges], ranges)
        found = self._by_column.get(column)
        if not found:
            return None
        starts, ranges = found
        position = bisect_right(starts, row) - 1
        if position >= 0 and ranges[position].contains(row, column):
            return ranges[position]
        return None

    def value(self, row: int, column: int) -> Cell:
        """The cell's value, or the value of the merged range that covers it."""
        merged = self.merge_at(row, column)
        if merged is not None:
            return self.cell(merged.first_row, merged.first_column)
        return self.cell(row, column)


def blank_to_none(row: list[Cell]) -> list[Cell]:
    """Readers return "" for blank cells; the grid holds None, and strips nothing else."""
    if "" not in row:
        return row  # most rows of a full table: no copy
    return [None if value == "" else value for value in row]
