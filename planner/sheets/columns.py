"""The data area of a sheet as cleaned text, one list per column.

Working column by column keeps the cost per cell to a few list operations: an
appendix of 100,000 rows has a million cells, and most columns need no cleaning
at all, which one search over the whole column tells.
"""

from __future__ import annotations

from itertools import zip_longest
from operator import itemgetter

from planner.sheets.cleaning import cell_text, needs_cleaning
from planner.sheets.grid import Cell, Grid


def _clean_column(values: list[Cell]) -> list[str]:
    strings = [value for value in values if type(value) is str]
    if not strings or not needs_cleaning("\x00".join(strings)):
        if len(strings) == len(values):
            return [value.strip() for value in values]
        # Whole numbers (序号 1.0, 2.0 …) are the common non-text cells; cell_text handles the rest.
        return [value.strip() if type(value) is str else
                str(int(value)) if type(value) is float and value.is_integer() and abs(value) < 1e15 else
                cell_text(value) for value in values]
    cache: dict[Cell, str] = {}
    texts = []
    for value in values:
        text = cache.get(value) if type(value) is str else None
        if text is None:
            text = cell_text(value)
            if type(value) is str:
                cache[value] = text
        texts.append(text)
    return texts


def text_columns(grid: Grid, first_row: int, columns: list[int],
                 filled: dict[tuple[int, int], Cell]) -> dict[int, list[str]]:
    """Column index → the cleaned text of each row from `first_row` down ("" for blank).

    `filled` holds values that merged cells lend to the cells they cover.
    """
    rows = grid.rows[first_row:]
    count = len(rows)
    if not columns:
        return {}
    width = max(columns) + 1
    ragged = any(len(row) < width for row in rows)
    transposed = list(zip_longest(*rows, fillvalue=None)) if ragged and rows else []
    result: dict[int, list[str]] = {}
    for column in columns:
        if not ragged:
            values = list(map(itemgetter(column), rows))  # C speed; calamine rows all have the same width
        else:
            values = list(transposed[column]) if column < len(transposed) else [None] * count
        for (row, filled_column), value in filled.items():
            if filled_column == column and first_row <= row < first_row + count:
                values[row - first_row] = value
        result[column] = _clean_column(values)
    return result
