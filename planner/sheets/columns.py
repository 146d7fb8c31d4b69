"""The data area of a sheet as cleaned text, one list per column.

Working column by column keeps the cost per cell to a few list operations: an
appendix of 100,000 rows has a million cells, and most columns need no cleaning
at all, which one search over the whole column tells.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import zip_longest

from planner.sheets.cleaning import cell_text, needs_cleaning
from planner.sheets.grid import Cell, Grid


def _clean_column(values: Sequence[Cell]) -> list[str]:
    # A column repeats a few texts (the same office, the same measure) on many rows: each distinct
    # text is looked at once.
    unique = dict.fromkeys(values)
    distinct = [value for value in unique if type(value) is str]
    if not distinct or not needs_cleaning("\x00".join(distinct)):
        if len(distinct) == len(unique):  # every cell is text (no other kind of Cell equals a str)
            return list(map(str.strip, values))
        # Whole numbers (序号 1.0, 2.0 …) are the common non-text cells; cell_text handles the rest.
        return [value.strip() if type(value) is str else
                str(int(value)) if type(value) is float and value.is_integer() and abs(value) < 1e15 else
                cell_text(value) for value in values]
    cleaned = {text: cell_text(text) for text in distinct}
    return [cleaned[value] if type(value) is str else cell_text(value) for value in values]


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
    # One pass over the rows for all columns: much faster than one pass per column.
    transposed = list(zip_longest(*rows, fillvalue=None) if ragged else zip(*rows)) if rows else []
    lent: dict[int, list[tuple[int, Cell]]] = {}
    for (row, column), value in filled.items():
        if first_row <= row < first_row + count:
            lent.setdefault(column, []).append((row - first_row, value))
    result: dict[int, list[str]] = {}
    for column in columns:
        values: Sequence[Cell] = transposed[column] if column < len(transposed) else (None,) * count
        if column in lent:
            values = list(values)
            for index, value in lent[column]:
                values[index] = value
        result[column] = _clean_column(values)
    return result
