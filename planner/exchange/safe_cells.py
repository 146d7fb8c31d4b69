"""Cells for the streaming (write-only) workbooks this program writes.

User text always goes in as a string: a task named "=HYPERLINK(…)" or an office
typed "+86…" must never become a live formula in the coordinator's Excel or WPS,
so every text cell is given the string type after its value is set (openpyxl
would otherwise read a leading "=" as a formula). Styles are prepared once per
workbook and copied onto each cell, which keeps a 100,000-row export fast.
"""

from __future__ import annotations

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from planner.domain.safe_text import safe_text

MAX_CELL_CHARS = 32767  # Excel's limit for one cell's text
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
FONT_NAME = "宋体"
BODY_SIZE = 10  # points: the smallest type on any sheet, which prints at 9 pt or more (planner.exchange.paper)

THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="EEEEEE")
INPUT_FILL = PatternFill("solid", fgColor="FFF8DC")
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
WRAP_CENTRE = Alignment(wrap_text=True, horizontal="center", vertical="center")
LEFT_CENTRE = Alignment(wrap_text=True, horizontal="left", vertical="center")
RIGHT_CENTRE = Alignment(horizontal="right", vertical="center")
UNLOCKED = Protection(locked=False)


def clean_text(value: object) -> str:
    """Text as a cell can hold it: no character XML cannot hold (`planner.domain.safe_text`), at most 32,767
    characters."""
    text = safe_text(str(value))
    return text if len(text) <= MAX_CELL_CHARS else text[: MAX_CELL_CHARS - 1] + "…"


def make_style(sheet: WriteOnlyWorksheet, *, size: float = BODY_SIZE, bold: bool = False, colour: str | None = None,
               italic: bool = False, fill: PatternFill | None = None, border: Border | None = BORDER,
               alignment: Alignment = WRAP_TOP, protection: Protection | None = None,
               number_format: str | None = None) -> StyleArray:
    """A cell style registered with the sheet's workbook, ready to be copied onto many cells."""
    cell = WriteOnlyCell(sheet)
    cell.font = Font(name=FONT_NAME, size=size, bold=bold, italic=italic, color=colour)
    cell.alignment = alignment
    if fill is not None:
        cell.fill = fill
    if border is not None:
        cell.border = border
    if protection is not None:
        cell.protection = protection
    if number_format is not None:
        cell.number_format = number_format
    return StyleArray(cell._style)


def style_id(sheet: WriteOnlyWorksheet, style: StyleArray) -> int:
    """The index of `style` among the workbook's cell formats (registering it), for cells written as XML text."""
    cell = WriteOnlyCell(sheet)
    cell._style = StyleArray(style)
    return cell.style_id


def _styled(sheet: WriteOnlyWorksheet, value: object, style: StyleArray | None) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value)
    if style is not None:
        cell._style = StyleArray(style)  # a copy: cells must not share one mutable style array
    return cell


def text(sheet: WriteOnlyWorksheet, value: object, style: StyleArray | None = None) -> WriteOnlyCell:
    """A string cell, whatever the text starts with."""
    shown = clean_text(value) if value is not None else ""
    cell = _styled(sheet, shown, style)
    cell.data_type = "s"
    if looks_like_formula(shown):
        # Excel's own mark for "typed with a leading apostrophe": the cell stays text when edited again.
        cell._style = StyleArray(cell._style)
        cell._style.quotePrefix = 1
    return cell


def number(sheet: WriteOnlyWorksheet, value: float | int | None, style: StyleArray | None = None) -> WriteOnlyCell:
    """A numeric cell (blank for None); whole numbers are written without a decimal point."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    return _styled(sheet, value, style)


def formula(sheet: WriteOnlyWorksheet, expression: str, style: StyleArray | None = None) -> WriteOnlyCell:
    """A formula this program composed itself (never from user text)."""
    cell = _styled(sheet, expression, style)
    cell.data_type = "f"
    return cell


def blank(sheet: WriteOnlyWorksheet, style: StyleArray | None) -> WriteOnlyCell:
    """An empty cell that keeps its border, fill or protection (the parts of a merged range)."""
    return _styled(sheet, None, style)


def looks_like_formula(value: str) -> bool:
    return value.startswith(FORMULA_STARTS)
