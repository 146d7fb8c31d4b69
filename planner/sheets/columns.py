"""The data area of a sheet as cleaned text, one list per column.

Working column by column keeps the cost per cell to a few list operations: an
appendix of 100,000 rows has a million cells, and most columns need no cleaning
at all, which one search over the whole column tells.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from itertools import zip_longest
from typing import cast

from planner.sheets.cleaning import MAX_CELL_CHARS, cell_text, needs_cleaning
from planner.sheets.grid import Cell, Grid

Warn = Callable[[int, int, str], None]  # (row index from the first row, column, message)


def _has_odd_cells(unique: dict[Cell, None], distinct: list[str]) -> bool:
    """Whether a column holds a text longer than a cell may be, or a number that is not finite."""
    if max(map(len, distinct), default=0) > MAX_CELL_CHARS:
        return True
    others = len(unique) - len(distinct)  # cells that are no text: blanks, numbers, dates, truth values
    if others == 0 or (others == 1 and None in unique):
        return False  # a column of texts and blanks, the common case, needs no walk over its cells
    return any(type(value) is float and not math.isfinite(value) for value in unique)


def _mended(values: Sequence[Cell], warn: Callable[[int, str], None]) -> list[Cell]:
    """The column with overlong texts cut to what Excel holds and numbers that are not finite blanked, each
    with a warning: reading a million characters in one cell would make every step after it slow, and
    "inf" or "nan" is no 序号 or target."""
    mended = list(values)
    for index, value in enumerate(mended):
        if type(value) is str and len(value) > MAX_CELL_CHARS:
            mended[index] = value[:MAX_CELL_CHARS]
            warn(index, f"单元格有 {len(value)} 个字符，超过一个单元格最多 {MAX_CELL_CHARS} 个字符的上限，"
                        f"只导入了前 {MAX_CELL_CHARS} 个字符。")
        elif type(value) is float and not math.isfinite(value):
            mended[index] = None
            warn(index, f"单元格的数值“{value}”超出了可以表示的范围（不是有限的数），按空白处理。")
    return mended


def _clean_column(values: Sequence[Cell], warn: Callable[[int, str], None] | None = None) -> list[str]:
    # A column repeats a few texts (the same office, the same measure) on many rows: each distinct
    # text is looked at once.
    unique = dict.fromkeys(values)
    distinct = [value for value in unique if type(value) is str]
    if _has_odd_cells(unique, distinct):
        values = _mended(values, warn or (lambda index, message: None))
        unique = dict.fromkeys(values)
        distinct = [value for value in unique if type(value) is str]
    if not distinct or not needs_cleaning("\n".join(distinct)):
        if len(distinct) == len(unique):  # every cell is text (no other kind of Cell equals a str)
            return list(map(str.strip, cast("Sequence[str]", values)))
        # Whole numbers (序号 1.0, 2.0 …) are the common non-text cells; cell_text handles the rest.
        return [value.strip() if type(value) is str else
                str(int(value)) if type(value) is float and value.is_integer() and abs(value) < 1e15 else
                cell_text(value) for value in values]
    cleaned = {text: cell_text(text) for text in distinct}
    return [cleaned[value] if type(value) is str else cell_text(value) for value in values]


def text_columns(grid: Grid, first_row: int, columns: list[int],
                 filled: dict[tuple[int, int], Cell], warn: Warn | None = None) -> dict[int, list[str]]:
    """Column index → the cleaned text of each row from `first_row` down ("" for blank).

    `filled` holds values that merged cells lend to the cells they cover. A cell cut
    short or blanked is told to `warn`, once: not again for the cells it lends its value to.
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
        result[column] = _clean_column(values, None if warn is None else _column_warning(
            warn, column, {index for index, _value in lent.get(column, ())}))
    return result


def _column_warning(warn: Warn, column: int, lent: set[int]) -> Callable[[int, str], None]:
    def column_warn(index: int, message: str) -> None:
        if index not in lent:
            warn(index, column, message)
    return column_warn
