"""What calamine does not tell about an .xls (BIFF8) workbook: sheet sizes, error cells, encryption,
percentages.

Walking the records is cheap, so the sizes are checked before calamine builds a
sheet, and cells holding #REF! or #DIV/0! are reported as errors; calamine turns
them into blank cells. Cells formatted as a percentage are listed too: calamine
gives 0.2 for a cell that shows 20%.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

from planner.sheets.grid import CellError
from planner.sheets.xlsx_scan import BUILTIN_PERCENT_FORMATS, is_percent_format

_BOF, _EOF, _FILEPASS, _BOUNDSHEET, _DIMENSIONS = 0x0809, 0x000A, 0x002F, 0x0085, 0x0200
_BOOLERR, _FORMULA = 0x0205, 0x0006
_FORMAT, _XF, _NUMBER, _RK, _MULRK = 0x041E, 0x00E0, 0x0203, 0x027E, 0x00BD

ERROR_CODES = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?", 0x24: "#NUM!",
               0x2A: "#N/A", 0x2B: "#GETTING_DATA"}


@dataclass
class XlsSheetInfo:
    name: str
    rows: int = 0
    columns: int = 0
    errors: list[CellError] = field(default_factory=list)
    percent_cells: list[tuple[int, int]] = field(default_factory=list)  # 0-based (row, column)


@dataclass
class XlsInfo:
    encrypted: bool
    sheets: dict[str, XlsSheetInfo]


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


def _scan_sheet(stream: bytes, offset: int, info: XlsSheetInfo, percent_xfs: frozenset[int]) -> None:
    depth = 0  # an embedded chart brings its own BOF … EOF inside the sheet's records
    for kind, data in _records(stream, offset):
        if kind == _BOF:
            depth += 1
        elif kind == _EOF:
            depth -= 1
            if depth <= 0:
                return
        if kind == _DIMENSIONS and len(data) >= 12:
            _, info.rows, _, info.columns = struct.unpack_from("<IIHH", data)
        elif kind == _BOOLERR and len(data) >= 8 and data[7] == 1:
            row, column = struct.unpack_from("<HH", data)
            info.errors.append(CellError(row, column, ERROR_CODES.get(data[6], "#ERROR!")))
        elif kind == _FORMULA and len(data) >= 14 and data[6] == 2 and data[12:14] == b"\xff\xff":
            # A formula's cached result is an error when its FormulaValue says so (fExprO = 0xFFFF, type 2).
            row, column = struct.unpack_from("<HH", data)
            info.errors.append(CellError(row, column, ERROR_CODES.get(data[8], "#ERROR!")))
        if percent_xfs:
            info.percent_cells.extend(_percent_cells(kind, data, percent_xfs))


def scan_xls(stream: bytes) -> XlsInfo:
    """Read the workbook globals and every worksheet's DIMENSIONS and error cells."""
    sheets: dict[str, XlsSheetInfo] = {}
    positions: list[tuple[str, int]] = []
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
            if sheet_type == 0:  # worksheets only; charts and macro sheets hold no table
                name = _sheet_name(data)
                positions.append((name, position))
        elif kind == _EOF:
            break
    percent_xfs = frozenset(index for index, number_format in enumerate(xf_formats) if number_format in percent_formats)
    if not encrypted:
        for name, position in positions:
            info = XlsSheetInfo(name)
            if 0 <= position < len(stream):
                _scan_sheet(stream, position, info, percent_xfs)
            sheets[name] = info
    return XlsInfo(encrypted=encrypted, sheets=sheets)
