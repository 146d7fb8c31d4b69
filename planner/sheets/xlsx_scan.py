"""One streaming pass over an xlsx sheet's XML for what calamine does not give.

Before calamine builds a sheet it allocates the whole used range, so a file with
a stray cell at XFD1048576 must be refused first: the pass finds the last row and
column. It also finds error cells (t="e"; calamine turns them into blanks) and the
merged ranges, as a fallback where calamine does not report them. The pass uses
byte searches that find nothing in an ordinary sheet, so it costs little more
than decompressing.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from posixpath import dirname, join, normpath

from defusedxml import ElementTree

from planner.sheets.cells import column_index
from planner.sheets.grid import CellError, MergedRange

CHUNK_BYTES = 4 * 1024 * 1024
_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"

_ROW_RE = re.compile(rb'<row\b[^>]*?\br="([0-9]+)"')
_BIG_ROW_RE = re.compile(rb'<row r="[0-9]{6}')
# Column letters beyond Z or a six-digit row number: rare, so looked at closely only when found.
_FAR_CELL_RE = re.compile(rb'<c r="(?:[A-Z]{2}|[A-Z]{1,3}[0-9]{6})')
_CELL_REF_RE = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"')
_DIMENSION_RE = re.compile(rb'<dimension ref="(?:[A-Z]+[0-9]+:)?([A-Z]{1,3})([0-9]{1,7})"')
_ERROR_CELL_RE = re.compile(rb'<c\b(?P<attrs>[^>]*?\bt="e"[^>]*)>(?P<body>.*?)</c>', re.S)
_REF_ATTR_RE = re.compile(rb'\br="([A-Z]{1,3})([0-9]{1,7})"')
_VALUE_RE = re.compile(rb"<v>([^<]*)</v>")
_MERGE_RE = re.compile(rb'<mergeCell ref="([A-Z]{1,3})([0-9]{1,7})(?::([A-Z]{1,3})([0-9]{1,7}))?"')


@dataclass
class XlsxSheetScan:
    last_row: int = 0  # 1-based, as in the file; 0 for an empty sheet
    last_column: int = 0  # 1-based
    declared_rows: int = 0  # from <dimension>, which a writer may omit
    declared_columns: int = 0
    errors: list[CellError] = field(default_factory=list)
    merges: list[MergedRange] = field(default_factory=list)


def sheet_paths(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → path of its XML inside the archive, from workbook.xml and its relationships."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    try:
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except KeyError:
        rels = None
    targets = {}
    if rels is not None:
        for rel in rels.iter(f"{_PKG_REL_NS}Relationship"):
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else normpath(join(dirname("xl/workbook.xml"), target))
            targets[rel.get("Id")] = path
    paths = {}
    for position, sheet in enumerate(workbook.iter(f"{_MAIN_NS}sheet"), start=1):
        path = targets.get(sheet.get(f"{_REL_NS}id")) or f"xl/worksheets/sheet{position}.xml"
        paths[sheet.get("name", "")] = path
    return paths


def _scan_region(region: bytes, scan: XlsxSheetScan, state: dict[str, bool]) -> None:
    # Rows come in ascending order, so the last row tag of a region holds its highest
    # number; a six-digit row anywhere (out of order, or just a long sheet) is looked
    # at closely, which costs a regular expression search only where one exists.
    last = region.rfind(b"<row ")
    if last >= 0:
        match = _ROW_RE.match(region, last)
        if match:
            scan.last_row = max(scan.last_row, int(match.group(1)))
    if _BIG_ROW_RE.search(region):
        scan.last_row = max([scan.last_row, *(int(m.group(1)) for m in _ROW_RE.finditer(region))])
    if _FAR_CELL_RE.search(region):
        for letters, digits in _CELL_REF_RE.findall(region):
            scan.last_column = max(scan.last_column, column_index(letters.decode()) + 1)
            scan.last_row = max(scan.last_row, int(digits))
    elif b'<c r="' in region:
        scan.last_column = max(scan.last_column, 26)  # single letters only: at most Z
    if b't="e"' in region:
        for match in _ERROR_CELL_RE.finditer(region):
            ref = _REF_ATTR_RE.search(match.group("attrs"))
            value = _VALUE_RE.search(match.group("body"))
            if ref:
                code = value.group(1).decode("utf-8", "replace") if value else "#ERROR!"
                scan.errors.append(CellError(int(ref.group(2)) - 1, column_index(ref.group(1).decode()), code))
    # Merged ranges follow the cell data, so only the end of the sheet is searched for them.
    if not state["after_data"] and b"</sheetData>" in region:
        state["after_data"] = True
    if state["after_data"] and b"<mergeCell " in region:
        for first_col, first_row, last_col, last_row in _MERGE_RE.findall(region):
            last_col, last_row = last_col or first_col, last_row or first_row
            scan.merges.append(MergedRange(int(first_row) - 1, column_index(first_col.decode()),
                                           int(last_row) - 1, column_index(last_col.decode())))


def scan_sheet_xml(archive: zipfile.ZipFile, path: str) -> XlsxSheetScan:
    scan = XlsxSheetScan()
    state = {"after_data": False}
    carry = b""
    with archive.open(path) as stream:
        head = True
        while True:
            chunk = stream.read(CHUNK_BYTES)
            buffer = carry + chunk
            if head:
                dimension = _DIMENSION_RE.search(buffer[:4096])
                if dimension:
                    scan.declared_columns = column_index(dimension.group(1).decode()) + 1
                    scan.declared_rows = int(dimension.group(2))
                head = False
            if not chunk:
                _scan_region(buffer, scan, state)
                break
            # Cut before the last cell's start tag, so no element is split between two regions.
            cut = buffer.rfind(b"<c ", max(0, len(buffer) - 65536))
            if cut <= 0:
                cut = buffer.rfind(b"<", max(0, len(buffer) - 65536))
            if cut <= 0:
                cut = len(buffer)
            _scan_region(buffer[:cut], scan, state)
            carry = buffer[cut:]
    return scan
