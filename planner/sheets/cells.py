"""Spreadsheet cell addresses as users read them: column letters and 1-based rows."""

from __future__ import annotations


def column_letter(column: int) -> str:
    """Excel-style letters for a 0-based column index: 0 → A, 26 → AA."""
    letters = ""
    number = column + 1
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def column_index(letters: str) -> int:
    """The 0-based column index of Excel-style letters: A → 0, AA → 26."""
    number = 0
    for char in letters.upper():
        number = number * 26 + ord(char) - 64
    return number - 1


def cell_name(row: int, column: int) -> str:
    """"D7" for the 0-based row 6 and column 3."""
    return f"{column_letter(column)}{row + 1}"


def range_name(first_row: int, first_column: int, last_row: int, last_column: int) -> str:
    start, end = cell_name(first_row, first_column), cell_name(last_row, last_column)
    return start if start == end else f"{start}:{end}"


def location(sheet: str | None, row: int | None = None, column: int | None = None) -> str:
    """Where something is, in the words of the messages: 工作表“附件1”第7行D列 (0-based arguments)."""
    parts = [f"工作表“{sheet}”"] if sheet else []
    if row is not None:
        parts.append(f"第{row + 1}行")
    if column is not None:
        parts.append(f"{column_letter(column)}列")
    return "".join(parts)
