"""One streaming pass over an xlsx sheet's XML for what calamine does not give.

Before calamine builds a sheet it allocates the whole used range, so a file with
a stray cell at XFD1048576 must be refused first: the pass finds the last row and
column. It also finds error cells (t="e"; calamine turns them into blanks), cells
formatted as a percentage (calamine gives 0.2 for a cell showing 20%), and the
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
from planner.sheets.limits import read_member

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
_QUOTED_RE = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
BUILTIN_PERCENT_FORMATS = frozenset({9, 10})  # 0% and 0.00%
_MERGE_RE = re.compile(rb'<mergeCell ref="([A-Z]{1,3})([0-9]{1,7})(?::([A-Z]{1,3})([0-9]{1,7}))?"')


@dataclass
class XlsxSheetScan:
    last_row: int = 0  # 1-based, as in the file; 0 for an empty sheet
    last_column: int = 0  # 1-based
    declared_rows: int = 0  # from <dimension>, which a writer may omit
    declared_columns: int = 0
    errors: list[CellError] = field(default_factory=list)
    merges: list[MergedRange] = field(default_factory=list)
    percent_cells: list[tuple[int, int]] = field(default_factory=list)  # 0-based (row, column)


def _relationships(archive: zipfile.ZipFile, file_name: str) -> list[tuple[str, str, str]]:
    """(id, type, path in the archive) of each relationship of workbook.xml."""
    try:
        rels = ElementTree.fromstring(read_member(file_name, archive, "xl/_rels/workbook.xml.rels"))
    except KeyError:
        return []
    found = []
    for rel in rels.iter(f"{_PKG_REL_NS}Relationship"):
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else normpath(join(dirname("xl/workbook.xml"), target))
        found.append((rel.get("Id", ""), rel.get("Type", ""), path))
    return found


def sheet_paths(archive: zipfile.ZipFile, file_name: str = "") -> dict[str, str]:
    """Sheet name → path of its XML inside the archive, from workbook.xml and its relationships."""
    workbook = ElementTree.fromstring(read_member(file_name, archive, "xl/workbook.xml"))
    targets = {rel_id: path for rel_id, _, path in _relationships(archive, file_name)}
    paths = {}
    for position, sheet in enumerate(workbook.iter(f"{_MAIN_NS}sheet"), start=1):
        path = targets.get(sheet.get(f"{_REL_NS}id")) or f"xl/worksheets/sheet{position}.xml"
        paths[sheet.get("name", "")] = path
    return paths


def is_percent_format(code: str) -> bool:
    """Whether a number format shows the value times 100 with a % sign; a quoted "%" is only text."""
    return "%" in _QUOTED_RE.sub("", code)


def percent_styles(archive: zipfile.ZipFile, file_name: str = "") -> frozenset[int]:
    """The indexes of the cell formats (the s="…" of a cell) that show numbers as percentages."""
    path = next((p for _, kind, p in _relationships(archive, file_name) if kind.endswith("/styles")),
                "xl/styles.xml")
    try:
        styles = ElementTree.fromstring(read_member(file_name, archive, path))
    except KeyError:
        return frozenset()
    percent = set(BUILTIN_PERCENT_FORMATS)
    for number_format in styles.iter(f"{_MAIN_NS}numFmt"):
        if is_percent_format(number_format.get("formatCode", "")):
            percent.add(_format_id(number_format))
    cell_formats = next(styles.iter(f"{_MAIN_NS}cellXfs"), None)
    if cell_formats is None:
        return frozenset()
    return frozenset(index for index, xf in enumerate(cell_formats.iter(f"{_MAIN_NS}xf")) if _format_id(xf) in percent)


def _format_id(element) -> int:
    """The numFmtId of a styles element; a malformed one only loses the percentage, not the workbook."""
    try:
        return int(element.get("numFmtId", "0"))
    except ValueError:
        return -1


def _percent_cell_re(styles: frozenset[int]) -> re.Pattern[bytes] | None:
    if not styles:
        return None
    alternatives = b"|".join(str(index).encode() for index in sorted(styles))
    return re.compile(rb'<c\b[^>]*?\bs="(?:' + alternatives + rb')"[^>]*>')


def _scan_region(region: bytes, scan: XlsxSheetScan, state: dict[str, bool],
                 percent_re: re.Pattern[bytes] | None) -> None:
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
    if percent_re is not None:
        for match in percent_re.finditer(region):
            ref = _REF_ATTR_RE.search(match.group(0))
            if ref:
                scan.percent_cells.append((int(ref.group(2)) - 1, column_index(ref.group(1).decode())))
    # Merged ranges follow the cell data, so only the end of the sheet is searched for them.
    if not state["after_data"] and b"</sheetData>" in region:
        state["after_data"] = True
    if state["after_data"] and b"<mergeCell " in region:
        for first_col, first_row, last_col, last_row in _MERGE_RE.findall(region):
            last_col, last_row = last_col or first_col, last_row or first_row
            scan.merges.append(MergedRange(int(first_row) - 1, column_index(first_col.decode()),
                                           int(last_row) - 1, column_index(last_col.decode())))


def scan_sheet_xml(archive: zipfile.ZipFile, path: str, percent: frozenset[int] = frozenset()) -> XlsxSheetScan:
    """The sheet's extent, error cells and merged ranges, and its cells styled with one of the `percent` styles."""
    scan = XlsxSheetScan()
    percent_re = _percent_cell_re(percent)
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
                _scan_region(buffer, scan, state, percent_re)
                break
            # Cut before the last cell's start tag, so no element is split between two regions.
            cut = buffer.rfind(b"<c ", max(0, len(buffer) - 65536))
            if cut <= 0:
                cut = buffer.rfind(b"<", max(0, len(buffer) - 65536))
            if cut <= 0:
                cut = len(buffer)
            _scan_region(buffer[:cut], scan, state, percent_re)
            carry = buffer[cut:]
    return scan
