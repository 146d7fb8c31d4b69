"""Writers for test fixtures in formats no installed package writes: OLE2/BIFF8 (.xls) and .ods.

Neither xlwt, odfpy nor LibreOffice is installed, so the fixtures are built
from the file format specifications ([MS-CFB], [MS-XLS], OpenDocument 1.2),
keeping to the records and elements that real files use.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

SECTOR = 512
_FREE, _END, _FAT_SECTOR, _NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
MINI_CUTOFF = 4096


def _dir_entry(name: str, kind: int, start: int, size: int, child: int = _NO_STREAM,
               right: int = _NO_STREAM) -> bytes:
    encoded = (name + "\0").encode("utf-16-le")
    entry = encoded.ljust(64, b"\0") + struct.pack("<HBB", len(encoded), kind, 1)
    entry += struct.pack("<III", _NO_STREAM, right, child) + b"\0" * 16 + b"\0" * 4 + b"\0" * 16
    entry += struct.pack("<IQ", start, size)
    return entry


def ole_bytes(streams: dict[str, bytes]) -> bytes:
    """A version 3 compound file holding `streams`; each is padded to the mini-stream cutoff so
    it lives in ordinary sectors, which every reader supports."""
    names = list(streams)
    payloads = [streams[n].ljust(MINI_CUTOFF, b"\0") for n in names]
    stream_sectors = [-(-len(p) // SECTOR) for p in payloads]
    dir_sectors = -(-(len(names) + 1) * 128 // SECTOR)
    data_sectors = dir_sectors + sum(stream_sectors)
    fat_sectors = 1
    while fat_sectors * (SECTOR // 4) < fat_sectors + data_sectors:
        fat_sectors += 1
    fat = [_FAT_SECTOR] * fat_sectors
    first_dir = len(fat)
    fat += [first_dir + i + 1 for i in range(dir_sectors - 1)] + [_END]
    starts = []
    for count in stream_sectors:
        start = len(fat)
        starts.append(start)
        fat += [start + i + 1 for i in range(count - 1)] + [_END]
    fat += [_FREE] * (fat_sectors * (SECTOR // 4) - len(fat))
    entries = [_dir_entry("Root Entry", 5, _END, 0, child=1)]
    for position, name in enumerate(names):
        right = position + 2 if position + 1 < len(names) else _NO_STREAM
        entries.append(_dir_entry(name, 2, starts[position], len(payloads[position]), right=right))
    directory = b"".join(entries)
    while len(directory) % SECTOR:
        directory += _dir_entry("", 0, 0, 0)
    difat = list(range(fat_sectors)) + [_FREE] * (109 - fat_sectors)
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
    header += b"\0" * 6 + struct.pack("<IIIIIIIII", 0, fat_sectors, first_dir, 0, MINI_CUTOFF, _END, 0, _END, 0)
    header += struct.pack("<109I", *difat)
    body = struct.pack(f"<{len(fat)}I", *fat) + directory
    for payload, count in zip(payloads, stream_sectors):
        body += payload.ljust(count * SECTOR, b"\0")
    return header + body


def _record(kind: int, data: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def _unicode(text: str, length_bytes: int = 2) -> bytes:
    raw = text.encode("utf-16-le")
    return struct.pack("<H" if length_bytes == 2 else "<B", len(text)) + b"\x01" + raw


class Percent(float):
    """A number written into a cell formatted as a percentage: Percent(0.2) shows as 20%."""


PERCENT_XF = 16  # the XF record written with the custom format 0.0%
_PERCENT_FORMAT_ID = 164

_ERROR_CODES = {"#NULL!": 0x00, "#DIV/0!": 0x07, "#VALUE!": 0x0F, "#REF!": 0x17, "#NAME?": 0x1D, "#NUM!": 0x24,
                "#N/A": 0x2A}


def xls_bytes(sheets: list[tuple[str, list[list[object]], list[tuple[int, int, int, int]]]],
              encrypted: bool = False, hidden: tuple[list[int], list[int]] = ([], [])) -> bytes:
    """A BIFF8 workbook. Each sheet: (name, rows of str/float/int/Percent/None or "#REF!"-style errors,
    merges as 0-based (first_row, last_row, first_col, last_col)). `hidden`: 0-based rows and columns
    hidden on every sheet, as ROW and COLINFO records say."""
    strings: list[str] = []
    index: dict[str, int] = {}
    bodies = []
    for _name, rows, merges in sheets:
        cells = b""
        width = max((len(r) for r in rows), default=0)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, str) and value in _ERROR_CODES:
                    cells += _record(0x0205, struct.pack("<HHHBB", r, c, 15, _ERROR_CODES[value], 1))
                elif isinstance(value, str):
                    if value not in index:
                        index[value] = len(strings)
                        strings.append(value)
                    cells += _record(0x00FD, struct.pack("<HHHI", r, c, 15, index[value]))
                else:
                    xf = PERCENT_XF if isinstance(value, Percent) else 15
                    cells += _record(0x0203, struct.pack("<HHHd", r, c, xf, float(value)))
        body = _record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0010, 0x0DBB, 0x07CC, 0, 0x0006))
        body += b"".join(_record(0x007D, struct.pack("<HHHHHH", column, column, 0, 15, 0x0001, 0))
                         for column in hidden[1])
        body += _record(0x0200, struct.pack("<IIHHH", 0, len(rows), 0, width, 0))
        body += b"".join(_record(0x0208, struct.pack("<HHHHHHI", row, 0, width, 0x00FF, 0, 0, 0x0120))
                         for row in hidden[0])
        body += cells
        if merges:
            body += _record(0x00E5, struct.pack("<H", len(merges)) + b"".join(struct.pack("<HHHH", *m) for m in merges))
        body += _record(0x000A)
        bodies.append(body)
    sst = struct.pack("<II", len(strings), len(strings)) + b"".join(_unicode(s) for s in strings)
    fonts = _record(0x0031, struct.pack("<HHHHHBBBB", 200, 0, 0x7FFF, 400, 0, 0, 0, 0, 0) + _unicode("Arial", 1))
    xf = b"".join(_record(0x00E0, struct.pack("<HHHBBBBIIH", 0, 0, 0xFFF5 if i < 15 else 0x0001, 0x20, 0, 0, 0,
                                                0, 0, 0x20C0)) for i in range(16))
    xf += _record(0x00E0, struct.pack("<HHHBBBBIIH", 0, _PERCENT_FORMAT_ID, 0x0001, 0x20, 0, 0, 0, 0, 0, 0x20C0))
    number_format = _record(0x041E, struct.pack("<H", _PERCENT_FORMAT_ID) + _unicode("0.0%"))
    head = _record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 0x0006))
    if encrypted:
        head += _record(0x002F, struct.pack("<HHH", 1, 1, 1) + b"\0" * 48)
    head += _record(0x0042, struct.pack("<H", 1200)) + fonts * 5 + number_format + xf
    tail = _record(0x00FC, sst) + _record(0x000A)
    sheet_records_size = sum(len(_record(0x0085, struct.pack("<IBB", 0, 0, 0) + _unicode(n, 1))) for n, _, _ in sheets)
    offset = len(head) + sheet_records_size + len(tail)
    boundsheets = b""
    for (name, _, _), body in zip(sheets, bodies):
        boundsheets += _record(0x0085, struct.pack("<IBB", offset, 0, 0) + _unicode(name, 1))
        offset += len(body)
    return ole_bytes({"Workbook": head + boundsheets + tail + b"".join(bodies)})


def write_xls(path: Path, sheets, encrypted: bool = False, hidden: tuple[list[int], list[int]] = ([], [])) -> Path:
    path.write_bytes(xls_bytes(sheets, encrypted, hidden))
    return path


_ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" office:version="1.2"'
)


def _ods_cell(value: object, spans: tuple[int, int] | None) -> str:
    span = f' table:number-rows-spanned="{spans[0]}" table:number-columns-spanned="{spans[1]}"' if spans else ""
    if value is None:
        return f"<table:table-cell{span}/>"
    if isinstance(value, str) and value.startswith("#") and value.endswith(("!", "A", "?")):
        return (f'<table:table-cell{span} table:formula="of:=1/0" office:value-type="float" office:value="0" '
                f'calcext:value-type="error"><text:p>{escape(value)}</text:p></table:table-cell>')
    if isinstance(value, Percent):
        return (f'<table:table-cell{span} office:value-type="percentage" office:value="{float(value)}">'
                f"<text:p>{float(value) * 100:.2f}%</text:p></table:table-cell>")
    if isinstance(value, (int, float)):
        return (f'<table:table-cell{span} office:value-type="float" office:value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>")
    paragraphs = "".join(f"<text:p>{escape(line)}</text:p>" for line in str(value).split("\n"))
    return f'<table:table-cell{span} office:value-type="string">{paragraphs}</table:table-cell>'


def write_ods(path: Path, sheets: list[tuple[str, list[list[object]], list[tuple[int, int, int, int]]]]) -> Path:
    """An .ods file; merges are 0-based (first_row, last_row, first_col, last_col), as for xls."""
    tables = []
    for name, rows, merges in sheets:
        spans = {(m[0], m[2]): (m[1] - m[0] + 1, m[3] - m[2] + 1) for m in merges}
        covered = {(r, c) for m in merges for r in range(m[0], m[1] + 1) for c in range(m[2], m[3] + 1)} - set(spans)
        xml_rows = []
        for r, row in enumerate(rows):
            cells = "".join("<table:covered-table-cell/>" if (r, c) in covered else _ods_cell(v, spans.get((r, c)))
                            for c, v in enumerate(row))
            xml_rows.append(f"<table:table-row>{cells}<table:table-cell table:number-columns-repeated=\"1000\"/>"
                            "</table:table-row>")
        xml_rows.append('<table:table-row table:number-rows-repeated="1048000"><table:table-cell '
                        'table:number-columns-repeated="1024"/></table:table-row>')
        tables.append(f'<table:table table:name="{escape(name)}">{"".join(xml_rows)}</table:table>')
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NS}><office:body>'
               f'<office:spreadsheet>{"".join(tables)}</office:spreadsheet></office:body></office:document-content>')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                         'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>')
    return path
