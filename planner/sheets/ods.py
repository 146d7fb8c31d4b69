"""OpenDocument spreadsheets (.ods) read from content.xml in one streaming pass.

calamine reports no merged ranges for ods and turns error cells into numbers,
so the sheet is read here directly: values, merged ranges (number-columns-spanned
and number-rows-spanned) and error cells (calcext:value-type="error").
Repeated empty rows and cells — LibreOffice writes a row repeated a million
times at the end of every sheet — are counted, never expanded.
"""

from __future__ import annotations

import datetime
import zipfile
from collections.abc import Iterator

from defusedxml.ElementTree import iterparse

from planner.sheets.cleaning import percent_text
from planner.sheets.errors import EncryptedFileError, TooLargeError
from planner.sheets.grid import Cell, CellError, Grid, MergedRange
from planner.sheets.limits import MAX_CELLS, MAX_COLUMNS, MAX_ROWS, read_member

ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_CALCEXT = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}"
_CELL_TAGS = (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell")
# Runs of spaces (<text:s text:c="n"/>) add at most this many spaces to one cell, what a cell
# can hold in Excel: each count comes from the file, and two billion spaces, or a million runs
# of thirty thousand, would exhaust memory.
MAX_SPACES_PER_CELL = 32767


def _paragraph_text(element, spaces_left: list[int]) -> str:
    """The paragraph's text; its runs of spaces use up `spaces_left`, one number shared by the cell's paragraphs."""
    parts: list[str] = [element.text or ""]
    for child in element:
        if child.tag == f"{_TEXT}s":
            count = max(0, min(int(child.get(f"{_TEXT}c", "1") or 1), spaces_left[0]))
            spaces_left[0] -= count
            parts.append(" " * count)
        elif child.tag == f"{_TEXT}tab":
            parts.append("\t")
        elif child.tag == f"{_TEXT}line-break":
            parts.append("\n")
        else:
            parts.append(_paragraph_text(child, spaces_left))
        parts.append(child.tail or "")
    return "".join(parts)


def _paragraphs(element) -> Iterator:
    """The paragraphs inside `element`, each once: a paragraph nested in another is part of that
    one's text already, and taking it again at every level would multiply a long text by the depth."""
    for child in element:
        if child.tag == f"{_TEXT}p":
            yield child
        else:
            yield from _paragraphs(child)


def _date(text: str) -> Cell:
    try:
        if "T" in text:
            return datetime.datetime.fromisoformat(text)
        return datetime.date.fromisoformat(text)
    except ValueError:
        return text


def _cell_value(cell) -> tuple[Cell, str | None]:
    """The cell's value and, for an error cell, its error text."""
    kind = cell.get(f"{_OFFICE}value-type")
    spaces_left = [MAX_SPACES_PER_CELL]
    text = "\n".join(_paragraph_text(p, spaces_left) for p in _paragraphs(cell))
    if cell.get(f"{_CALCEXT}value-type") == "error":
        return None, text or "#ERROR!"
    if kind in ("float", "percentage", "currency"):
        raw = cell.get(f"{_OFFICE}value", "")
        try:
            number = float(raw)
        except ValueError:
            return text or None, None
        if kind == "percentage":
            return percent_text(number), None  # the sheet shows 20%, the cell holds 0.2
        return (int(number) if number.is_integer() and abs(number) < 2**53 else number), None
    if kind == "date":
        return _date(cell.get(f"{_OFFICE}date-value", "")), None
    if kind == "boolean":
        return cell.get(f"{_OFFICE}boolean-value") == "true", None
    return text or None, None


def _count(element, attribute: str) -> int:
    try:
        return max(1, int(element.get(attribute, "1")))
    except ValueError:
        return 1


class _SheetBuilder:
    def __init__(self, name: str, file_name: str):
        self.grid = Grid(name=name, rows=[], file_name=file_name)
        self.pending_rows = 0  # empty rows seen but not yet stored

    def _check(self, rows: int, columns: int) -> None:
        if rows > MAX_ROWS or columns > MAX_COLUMNS or rows * columns > MAX_CELLS:
            raise TooLargeError(
                f"文件“{self.grid.file_name}”的工作表“{self.grid.name}”超过导入上限"
                f"（最多 {MAX_ROWS} 行、{MAX_COLUMNS} 列、{MAX_CELLS} 个单元格）。"
            )

    def add_row(self, row_element) -> None:
        values: list[Cell] = []
        pending_cells = 0
        row_index = len(self.grid.rows) + self.pending_rows
        for cell in row_element:
            if cell.tag not in _CELL_TAGS:
                continue
            repeat = _count(cell, f"{_TABLE}number-columns-repeated")
            value, error = _cell_value(cell) if cell.tag == _CELL_TAGS[0] else (None, None)
            column = len(values) + pending_cells
            if value is None and error is None:
                pending_cells += repeat
            else:
                self._check(row_index + 1, column + repeat)
                values.extend([None] * pending_cells + [value] * repeat)
                pending_cells = 0
                if error is not None:
                    self.grid.errors.append(CellError(row_index, column, error))
            columns_spanned = _count(cell, f"{_TABLE}number-columns-spanned")
            rows_spanned = _count(cell, f"{_TABLE}number-rows-spanned")
            if columns_spanned > 1 or rows_spanned > 1:
                self._check(row_index + rows_spanned, column + columns_spanned)
                self.grid.merges.append(
                    MergedRange(row_index, column, row_index + rows_spanned - 1, column + columns_spanned - 1)
                )
        repeat = _count(row_element, f"{_TABLE}number-rows-repeated")
        if not values:
            self.pending_rows += repeat
            return
        self._check(row_index + repeat, len(values))
        self.grid.rows.extend([] for _ in range(self.pending_rows))
        self.grid.rows.extend(list(values) for _ in range(repeat))
        self.pending_rows = 0


def _check_not_encrypted(archive: zipfile.ZipFile, file_name: str) -> None:
    """A spreadsheet saved with a password keeps its zip readable but its content.xml enciphered;
    the manifest says so."""
    try:
        manifest = read_member(file_name, archive, "META-INF/manifest.xml")
    except KeyError:
        return
    if b"encryption-data" in manifest:
        raise EncryptedFileError(f"文件“{file_name}”设置了打开密码（已加密），无法读取。"
                                 "请在 WPS 或 LibreOffice 中取消密码，另存后再导入。")


def read_ods_sheets(archive: zipfile.ZipFile, file_name: str) -> Iterator[Grid]:
    """Every sheet of the spreadsheet, in order."""
    _check_not_encrypted(archive, file_name)
    builder: _SheetBuilder | None = None
    with archive.open("content.xml") as stream:
        for event, element in iterparse(stream, events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == f"{_TABLE}table":
                    builder = _SheetBuilder(element.get(f"{_TABLE}name", ""), file_name)
                continue
            if tag == f"{_TABLE}table-row" and builder is not None:
                builder.add_row(element)
                element.clear()
            elif tag == f"{_TABLE}table" and builder is not None:
                yield builder.grid
                builder = None
                element.clear()
