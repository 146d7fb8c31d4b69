"""One streaming pass over an xlsx sheet's XML for what calamine does not give.

Before calamine builds a sheet it allocates the whole used range, so a file with
a stray cell at XFD1048576 must be refused first: the pass finds the last row and
column. It also finds error cells (t="e"; calamine turns them into blanks), cells
formatted as a percentage (calamine gives 0.2 for a cell showing 20%), and the
merged ranges, as a fallback where calamine does not report them. The pass uses
byte searches that find nothing in an ordinary sheet, so it costs little more
than decompressing.

The byte searches know cell and row tags as every spreadsheet program writes
them (`<c r="B7"`, `<row r="7"`). calamine also reads other spellings: a cell
without r takes the place after the previous one, and attributes may come in
any order, quoting and case, with a namespace prefix. A sheet with one such tag
is measured again by a real XML parser that places every cell as calamine does.

calamine keeps every cell it reads until the sheet is built, a cell written over
another included, so the pass also counts the cell elements against the cell cap:
a sheet of 5 × 8 cells written 37 million times is refused after the first
6 million. The parts are read where calamine reads them: a relationship's target
taken literally after "xl/", matched against the members ignoring case.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element
from xml.sax import SAXException
from xml.sax.handler import ContentHandler

from defusedxml import ElementTree
from defusedxml.sax import make_parser

from planner.sheets import limits
from planner.sheets.cells import column_index
from planner.sheets.grid import CellError, MergedRange
from planner.sheets.limits import check_cell_elements, read_member

CHUNK_BYTES = 4 * 1024 * 1024
MIN_SHARED_STRING_BYTES = 5  # `<si/>`, the shortest entry a shared-string table can hold
_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"

_ROW_RE = re.compile(rb'<row\b[^>]*?\br="([0-9]+)"')
# Each of these finds nothing in an ordinary sheet and is looked at closely only where it finds
# something: a row numbered from 100000, or a row tag not written `<row r="7"`; a cell beyond
# column Z or row 99999, or not written `<c r="B7"`; a cell or row tag with a namespace prefix.
_UNUSUAL_ROW_RE = re.compile(rb'<row(?! r="[1-9][0-9]{0,4}")[\s/>]')
_UNUSUAL_CELL_RE = re.compile(rb'<c(?! r="[A-Z][1-9][0-9]{0,4}")[\s/>]')
_PREFIXED_RE = re.compile(rb':(?:c|row)[\s/>]')
_IRREGULAR_TAG_RE = re.compile(rb'<c(?! r="[A-Z]{1,3}[1-9][0-9]{0,6}")[\s/>]|<row(?! r="[1-9][0-9]{0,6}")[\s/>]'
                               rb'|<[A-Za-z_][\w.-]*:(?:c|row)[\s/>]')
_CELL_PLACE_RE = re.compile(r"([A-Za-z]+)([0-9]+)")
# `uniqueCount="123"` as writers put it; any other spelling (other spacing, a value cut by the
# end of a chunk) leaves both groups empty and sends the table to the XML parser.
_UNIQUE_COUNT_RE = re.compile(rb'uniqueCount(?:=(?:"([0-9]{1,30})"|\'([0-9]{1,30})\'))?')
_CELL_REF_RE = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"')
_DIMENSION_RE = re.compile(rb'<dimension ref="(?:[A-Z]+[0-9]+:)?([A-Z]{1,3})([0-9]{1,7})"')
_ERROR_CELL_RE = re.compile(rb'<c\b(?P<attrs>[^>]*?\bt="e"[^>]*)>(?P<body>.*?)</c>', re.S)
_REF_ATTR_RE = re.compile(rb'\br="([A-Z]{1,3})([0-9]{1,7})"')
_VALUE_RE = re.compile(rb"<v>([^<]*)</v>")
_QUOTED_RE = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
BUILTIN_PERCENT_FORMATS = frozenset({9, 10})  # 0% and 0.00%
_HIDDEN_TAG_RE = re.compile(rb'<(row|col)\b[^>]*\bhidden="(?:1|true)"[^>]*>')
_SPAN_ATTRS_RE = re.compile(rb'\b(r|min|max)="([0-9]{1,7})"')
_MERGE_RE = re.compile(rb'<mergeCell ref="([A-Z]{1,3})([0-9]{1,7})(?::([A-Z]{1,3})([0-9]{1,7}))?"')


@dataclass
class XlsxSheetScan:
    last_row: int = 0  # 1-based, as in the file; 0 for an empty sheet
    last_column: int = 0  # 1-based
    declared_rows: int = 0  # from <dimension>, which a writer may omit
    declared_columns: int = 0
    cell_elements: int = 0  # every cell element read, one written over another included
    errors: list[CellError] = field(default_factory=list)
    merges: list[MergedRange] = field(default_factory=list)
    percent_cells: list[tuple[int, int]] = field(default_factory=list)  # 0-based (row, column)
    hidden_rows: list[int] = field(default_factory=list)  # 0-based
    hidden_columns: list[int] = field(default_factory=list)


Relationships = list[tuple[str, str, str]]  # (id, type, path in the archive) of each


def workbook_relationships(archive: zipfile.ZipFile, file_name: str = "") -> Relationships:
    """(id, type, path in the archive) of each relationship of workbook.xml; read once per file
    for `sheet_paths`, `percent_styles` and `check_shared_strings`."""
    try:
        rels = ElementTree.fromstring(read_member(file_name, archive, "xl/_rels/workbook.xml.rels"))
    except KeyError:
        return []
    members = {name.replace("\\", "/").lower(): name for name in archive.namelist()}
    found = []
    for rel in rels.iter(f"{_PKG_REL_NS}Relationship"):
        path = calamine_path(rel.get("Target", ""))
        found.append((rel.get("Id", ""), rel.get("Type", ""), members.get(path.lower(), path)))
    return found


def calamine_path(target: str) -> str:
    """The part calamine reads for a relationship's target. It resolves neither "." nor ".." and keeps
    "//", so ./worksheets/sheet1.xml is the member of that literal name, not xl/worksheets/sheet1.xml;
    reading the normalised one here would measure one sheet while calamine builds another."""
    if target.startswith("/xl/"):
        return target[1:]
    return target if target.startswith("xl/") else f"xl/{target}"


def workbook_xml(archive: zipfile.ZipFile, file_name: str = "") -> Element:
    """xl/workbook.xml, parsed."""
    return ElementTree.fromstring(read_member(file_name, archive, "xl/workbook.xml"))


def sheet_paths(workbook: Element, relationships: Relationships) -> dict[str, str]:
    """Sheet name → path of its XML inside the archive, from workbook.xml and its relationships."""
    targets = {rel_id: path for rel_id, _, path in relationships}
    paths = {}
    for position, sheet in enumerate(workbook.iter(f"{_MAIN_NS}sheet"), start=1):
        rel_id = sheet.get(f"{_REL_NS}id")
        path = (targets.get(rel_id) if rel_id is not None else None) or f"xl/worksheets/sheet{position}.xml"
        paths[sheet.get("name", "")] = path
    return paths


def is_percent_format(code: str) -> bool:
    """Whether a number format shows the value times 100 with a % sign; a quoted "%" is only text."""
    return "%" in _QUOTED_RE.sub("", code)


def percent_styles(archive: zipfile.ZipFile, relationships: Relationships, file_name: str = "") -> frozenset[int]:
    """The indexes of the cell formats (the s="…" of a cell) that show numbers as percentages."""
    path = next((p for _, kind, p in relationships if kind.endswith("/styles")), "xl/styles.xml")
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
    unusual_row = _UNUSUAL_ROW_RE.search(region)
    if unusual_row:
        scan.last_row = max([scan.last_row, *(int(m.group(1)) for m in _ROW_RE.finditer(region))])
    unusual_cell = _UNUSUAL_CELL_RE.search(region)
    if unusual_cell:
        for letters, digits in _CELL_REF_RE.findall(region):
            scan.last_column = max(scan.last_column, column_index(letters.decode()) + 1)
            scan.last_row = max(scan.last_row, int(digits))
    elif b'<c r="' in region:
        scan.last_column = max(scan.last_column, 26)  # single letters only: at most Z
    # Other spellings of a cell tag (a prefix, a line break after the name) make the region irregular,
    # and the XML parser then counts every cell.
    scan.cell_elements += region.count(b"<c ") + region.count(b"<c>") + region.count(b"<c/")
    if (unusual_row or unusual_cell or _PREFIXED_RE.search(region)) and _IRREGULAR_TAG_RE.search(region):
        state["irregular"] = True
    if b't="e"' in region:
        for match in _ERROR_CELL_RE.finditer(region):
            ref = _REF_ATTR_RE.search(match.group("attrs"))
            value = _VALUE_RE.search(match.group("body"))
            if ref:
                code = value.group(1).decode("utf-8", "replace") if value else "#ERROR!"
                scan.errors.append(CellError(int(ref.group(2)) - 1, column_index(ref.group(1).decode()), code))
    if b'hidden="' in region:
        for tag in _HIDDEN_TAG_RE.finditer(region):
            found = {name: int(value) for name, value in _SPAN_ATTRS_RE.findall(tag.group(0))}
            if tag.group(1) == b"row" and b"r" in found:
                scan.hidden_rows.append(found[b"r"] - 1)
            elif b"min" in found:
                last = min(found.get(b"max", found[b"min"]), limits.MAX_COLUMNS)
                scan.hidden_columns.extend(range(found[b"min"] - 1, last))
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


class _CellCapPassed(Exception):
    """Stops the parser once a sheet has more cell elements than the cap; the caller then refuses it."""


def scan_sheet_xml(archive: zipfile.ZipFile, path: str, percent: frozenset[int] = frozenset(),
                   file_name: str = "", sheet: str = "") -> XlsxSheetScan:
    """The sheet's extent, error cells and merged ranges, and its cells styled with one of the `percent` styles.

    A sheet with more cell elements than the cell cap is refused (TooLargeError) as soon as the count passes it.
    """
    scan = XlsxSheetScan()
    percent_re = _percent_cell_re(percent)
    state = {"after_data": False, "irregular": False}
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
            check_cell_elements(file_name, sheet, scan.cell_elements)
    check_cell_elements(file_name, sheet, scan.cell_elements)
    if state["irregular"]:
        handler = _ExtentHandler(limits.MAX_CELLS)
        try:
            _parse(archive, path, handler)
        except _CellCapPassed:
            pass
        check_cell_elements(file_name, sheet, handler.cells)
        scan.last_row = max(scan.last_row, handler.last_row)
        scan.last_column = max(scan.last_column, handler.last_column)
    return scan


class _ExtentHandler(ContentHandler):
    """Places cells as calamine does: a cell without r follows the previous cell of its row,
    a row without r follows the previous row."""

    def __init__(self, max_cells: int):
        super().__init__()
        self.max_cells = max_cells
        self.cells = 0  # cell elements, one written over another included
        self.row = 0  # 0-based row a cell without r falls in
        self.column = 0  # 0-based column of the next cell without r
        self.last_row = 0  # 1-based extent
        self.last_column = 0

    def startElement(self, name, attrs):
        local = name.rpartition(":")[2]
        place = attrs.get("r")
        if local == "row":
            if place is not None and place.isascii() and place.isdigit() and int(place) > 0:
                self.row = int(place) - 1
            self.last_row = max(self.last_row, self.row + 1)
        elif local == "c":
            self.cells += 1
            if self.cells > self.max_cells:
                raise _CellCapPassed()
            match = _CELL_PLACE_RE.fullmatch(place or "")
            if match and int(match.group(2)) > 0:
                self.column = column_index(match.group(1).upper())
                self.last_row = max(self.last_row, int(match.group(2)))
            else:
                self.last_row = max(self.last_row, self.row + 1)
            self.last_column = max(self.last_column, self.column + 1)
            self.column += 1

    def endElement(self, name):
        if name.rpartition(":")[2] == "row":
            self.row += 1
            self.column = 0


def check_shared_strings(archive: zipfile.ZipFile, relationships: Relationships, file_name: str = "") -> None:
    """Refuse a shared-string table that declares more entries than it can hold.

    calamine sets aside room for the declared number (uniqueCount) before it reads
    one string, so a small file declaring billions would exhaust memory.
    """
    paths = {p for _, kind, p in relationships if kind.endswith("/sharedStrings")}
    paths.update(name for name in archive.namelist() if name.lower().endswith("sharedstrings.xml"))
    for path in sorted(paths):
        try:
            size = archive.getinfo(path).file_size
        except KeyError:
            continue
        declared = _largest_unique_count(archive, path)
        if declared * MIN_SHARED_STRING_BYTES > size:
            raise ValueError(f"“{path}”声明有 {declared} 条文字，但只有 {size} 字节，容纳不下")


def _largest_unique_count(archive: zipfile.ZipFile, path: str) -> int:
    # Every occurrence counts, not only the root element's: whatever calamine takes for the
    # root, its figure is among them. The table is read in chunks, never whole.
    largest, carry = 0, b""
    with archive.open(path) as stream:
        while chunk := stream.read(CHUNK_BYTES):
            buffer = carry + chunk
            for match in _UNIQUE_COUNT_RE.finditer(buffer):
                if match.group(1) is None and match.group(2) is None:
                    return _parsed_unique_count(archive, path)
                largest = max(largest, int(match.group(1) or match.group(2)))
            # The next buffer starts a little before this one ends, so a figure cut in two is read whole.
            carry = buffer[-64:]
    return largest


class _UniqueCountHandler(ContentHandler):
    def __init__(self):
        super().__init__()
        self.largest = 0

    def startElement(self, name, attrs):
        if name.rpartition(":")[2] != "sst":
            return
        for key in attrs.getNames():
            value = attrs[key].strip().lstrip("+")
            if key.rpartition(":")[2] == "uniqueCount" and value.isascii() and value.isdigit():
                self.largest = max(self.largest, int(value))


def _parsed_unique_count(archive: zipfile.ZipFile, path: str) -> int:
    handler = _UniqueCountHandler()
    _parse(archive, path, handler)
    return handler.largest


def _parse(archive: zipfile.ZipFile, path: str, handler: ContentHandler) -> None:
    """Feed a member to `handler` through defusedxml's parser: entity declarations are refused, never expanded."""
    parser = make_parser()
    parser.setContentHandler(handler)
    try:
        with archive.open(path) as stream:
            while chunk := stream.read(CHUNK_BYTES):
                parser.feed(chunk)
        parser.close()
    except SAXException as exc:
        raise ValueError(f"“{path}”的 XML 无法解析：{exc.getMessage()}") from None
