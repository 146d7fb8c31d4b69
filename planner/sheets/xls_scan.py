"""What calamine does not tell about an .xls (BIFF8) workbook: sheet sizes, error cells, encryption.

Walking the records is cheap, so the sizes are checked before calamine builds a
sheet, and cells holding #REF! or #DIV/0! are reported as errors; calamine turns
them into blank cells.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

from planner.sheets.grid import CellError

_BOF, _EOF, _FILEPASS, _BOUNDSHEET, _DIMENSIONS = 0x0809, 0x000A, 0x002F, 0x0085, 0x0200
_BOOLERR, _FORMULA = 0x0205, 0x0006

ERROR_CODES = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?", 0x24: "#NUM!",
               0x2A: "#N/A", 0x2B: "#GETTING_DATA"}


@dataclass
class XlsSheetInfo:
    name: str
    rows: int = 0
    columns: int = 0
    errors: list[CellError] = field(default_factory=list)


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


def _scan_sheet(stream: bytes, offset: int, info: XlsSheetInfo) -> None:
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


def scan_xls(stream: bytes) -> XlsInfo:
    """Read the workbook globals and every worksheet's DIMENSIONS and error cells."""
    sheets: dict[str, XlsSheetInfo] = {}
    positions: list[tuple[str, int]] = []
    encrypted = False
    for kind, data in _records(stream, 0):
        if kind == _FILEPASS:
            encrypted = True
        elif kind == _BOUNDSHEET and len(data) >= 8:
            position, sheet_type = struct.unpack_from("<I", data)[0], data[5]
            if sheet_type == 0:  # worksheets only; charts and macro sheets hold no table
                name = _sheet_name(data)
                positions.append((name, position))
        elif kind == _EOF:
            break
    if not encrypted:
        for name, position in positions:
            info = XlsSheetInfo(name)
            if 0 <= position < len(stream):
                _scan_sheet(stream, position, info)
            sheets[name] = info
    return XlsInfo(encrypted=encrypted, sheets=sheets)
