"""What calamine does not tell about an .xls (BIFF8) workbook: sheet sizes, error cells, encryption,
percentages.

Walking the records is cheap, so the sizes are checked before calamine builds a
sheet, and cells holding #REF! or #DIV/0! are reported as errors; calamine turns
them into blank cells. Cells formatted as a percentage are listed too: calamine
gives 0.2 for a cell that shows 20%.

calamine builds every sheet of an .xls as soon as the file is opened, setting
aside room for the range its DIMENSIONS record declares and then for the range
its cells span. A damaged or crafted record would make it ask for terabytes and
abort the whole program, so each sheet's figures are read here to be refused first.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

from planner.sheets import limits
from planner.sheets.grid import CellError
from planner.sheets.xlsx_scan import BUILTIN_PERCENT_FORMATS, is_percent_format

_BOF, _EOF, _FILEPASS, _BOUNDSHEET, _DIMENSIONS = 0x0809, 0x000A, 0x002F, 0x0085, 0x0200
_BOOLERR, _FORMULA = 0x0205, 0x0006
_FORMAT, _XF, _NUMBER, _RK, _MULRK = 0x041E, 0x00E0, 0x0203, 0x027E, 0x00BD
_ROW, _COLINFO = 0x0208, 0x007D
_ROW_HIDDEN, _COLUMN_HIDDEN = 0x0020, 0x0001  # fDyZero of a ROW record, fHidden of a COLINFO record
# The records calamine makes a cell from, each starting with the cell's row and column.
_CELL_RECORDS = frozenset({_NUMBER, 0x0204, _BOOLERR, _RK, 0x00FD, _FORMULA})

ERROR_CODES = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?", 0x24: "#NUM!",
               0x2A: "#N/A", 0x2B: "#GETTING_DATA"}


@dataclass
class XlsSheetInfo:
    name: str
    rows: int = 0  # from A1 to the last row that DIMENSIONS declares or a cell uses
    columns: int = 0
    reserved_cells: int = 0  # what calamine sets aside for the DIMENSIONS record's range
    errors: list[CellError] = field(default_factory=list)
    percent_cells: list[tuple[int, int]] = field(default_factory=list)  # 0-based (row, column)
    hidden_rows: list[int] = field(default_factory=list)  # 0-based
    hidden_columns: list[int] = field(default_factory=list)


@dataclass
class XlsInfo:
    encrypted: bool
    sheets: dict[str, XlsSheetInfo]
    all_sheets: list[XlsSheetInfo] = field(default_factory=list)  # every substream calamine builds, worksheets or not


def _records(stream: bytes, offset: int):
    end = len(stream)
    while offset + 4 <= end:
        kind, length = struct.unpack_from("<HH", stream, offset)
        yield kind, stream[offset + 4 : offset + 4 + length]
        offset += 4 + length


def _sheet_name(data: bytes) -> str:
    count, high_byte = data[6], data[7] & 1
    raw = data[8 : 8 + count * (2 if high_byte else 1)]
    return raw.decode("utf-16-le" if high_byte else "latin-1", "replace")


def _format_code(data: bytes) -> str:
    """The text of a FORMAT record: an index, then a string of 16-bit length and an encoding flag."""
    if len(data) < 5:
        return ""
    count, high_byte = struct.unpack_from("<H", data, 2)[0], data[4] & 1
    raw = data[5 : 5 + count * (2 if high_byte else 1)]
    return raw.decode("utf-16-le" if high_byte else "latin-1", "replace")


def _percent_cells(kind: int, data: bytes, percent_xfs: frozenset[int]) -> list[tuple[int, int]]:
    """Positions of numeric cells in this record whose format (XF index) shows a percentage."""
    if kind in (_NUMBER, _RK, _FORMULA) and len(data) >= 6:
        row, column, xf = struct.unpack_from("<HHH", data)
        return [(row, column)] if xf in percent_xfs else []
    if kind == _MULRK and len(data) >= 6:
        row, first = struct.unpack_from("<HH", data)
        count = (len(data) - 6) // 6
        return [(row, first + k) for k in range(count) if struct.unpack_from("<H", data, 4 + 6 * k)[0] in percent_xfs]
    return []


def _reserved_cells(data: bytes) -> int:
    """The cells calamine sets aside for a DIMENSIONS record: its u32 arithmetic wraps, as calamine's does."""
    if len(data) == 10:
        first_row, last_row, first_column, last_column = struct.unpack_from("<HHHH", data)
    elif len(data) == 14:
        first_row, last_row, first_column, last_column = struct.unpack_from("<IIHH", data)
    else:
        return 0
    if last_row < 1 or last_column < 1:
        return 1
    rows = (last_row - 1 - first_row + 1) % 2**32
    columns = (last_column - 1 - first_column + 1) % 2**32
    return rows * columns


def _cell_extent(kind: int, data: bytes) -> tuple[int, int]:
    """1-based (row, column) of the last cell a cell record makes, or (0, 0)."""
    if kind in _CELL_RECORDS and len(data) >= 4:
        row, column = struct.unpack_from("<HH", data)
        return row + 1, column + 1
    if kind == _MULRK and len(data) >= 6:
        row, first = struct.unpack_from("<HH", data)
        return row + 1, first + (len(data) - 6) // 6
    return 0, 0


def _scan_sheet(stream: bytes, offset: int, info: XlsSheetInfo, percent_xfs: frozenset[int]) -> None:
    depth = 0  # an embedded chart brings its own BOF … EOF inside the sheet's records
    for kind, data in _records(stream, offset):
        if kind == _BOF:
            depth += 1
        elif kind == _EOF:
            depth -= 1
            if depth <= 0:
                return
        if kind in _CELL_RECORDS or kind == _MULRK:
            row, column = _cell_extent(kind, data)
            info.rows, info.columns = max(info.rows, row), max(info.columns, column)
        if kind == _DIMENSIONS:
            info.reserved_cells = max(info.reserved_cells, _reserved_cells(data))
            if len(data) >= 12:
                _, rows, _, columns = struct.unpack_from("<IIHH", data)
                info.rows, info.columns = max(info.rows, rows), max(info.columns, columns)
        elif kind == _BOOLERR and len(data) >= 8 and data[7] == 1:
            row, column = struct.unpack_from("<HH", data)
            info.errors.append(CellError(row, column, ERROR_CODES.get(data[6], "#ERROR!")))
        elif kind == _FORMULA and len(data) >= 14 and data[6] == 2 and data[12:14] == b"\xff\xff":
            # A formula's cached result is an error when its FormulaValue says so (fExprO = 0xFFFF, type 2).
            row, column = struct.unpack_from("<HH", data)
            info.errors.append(CellError(row, column, ERROR_CODES.get(data[8], "#ERROR!")))
        elif kind == _ROW and len(data) >= 14 and struct.unpack_from("<H", data, 12)[0] & _ROW_HIDDEN:
            info.hidden_rows.append(struct.unpack_from("<H", data)[0])
        elif kind == _COLINFO and len(data) >= 10 and struct.unpack_from("<H", data, 8)[0] & _COLUMN_HIDDEN:
            first, last = struct.unpack_from("<HH", data)
            info.hidden_columns.extend(range(first, min(last, limits.MAX_COLUMNS - 1) + 1))
        if percent_xfs:
            info.percent_cells.extend(_percent_cells(kind, data, percent_xfs))


def scan_xls(stream: bytes) -> XlsInfo:
    """Read the workbook globals and every worksheet's DIMENSIONS and error cells."""
    sheets: dict[str, XlsSheetInfo] = {}
    positions: list[tuple[str, int, bool]] = []  # name, stream position, whether it is a worksheet
    encrypted = False
    percent_formats = set(BUILTIN_PERCENT_FORMATS)
    xf_formats: list[int] = []  # the number format of each XF record, in order: a cell names its XF by index
    for kind, data in _records(stream, 0):
        if kind == _FILEPASS:
            encrypted = True
        elif kind == _FORMAT and len(data) >= 2:
            if is_percent_format(_format_code(data)):
                percent_formats.add(struct.unpack_from("<H", data)[0])
        elif kind == _XF and len(data) >= 4:
            xf_formats.append(struct.unpack_from("<H", data, 2)[0])
        elif kind == _BOUNDSHEET and len(data) >= 8:
            position, sheet_type = struct.unpack_from("<I", data)[0], data[5]
            # Charts and macro sheets hold no table, but calamine builds them all the same.
            positions.append((_sheet_name(data), position, sheet_type == 0))
        elif kind == _EOF:
            break
    percent_xfs = frozenset(index for index, number_format in enumerate(xf_formats) if number_format in percent_formats)
    all_sheets = []
    if not encrypted:
        for name, position, is_worksheet in positions:
            info = XlsSheetInfo(name)
            if 0 <= position < len(stream):
                _scan_sheet(stream, position, info, percent_xfs)
            all_sheets.append(info)
            if is_worksheet:
                sheets[name] = info
    return XlsInfo(encrypted=encrypted, sheets=sheets, all_sheets=all_sheets)
