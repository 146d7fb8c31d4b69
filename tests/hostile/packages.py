"""Hostile workbooks built part by part, small on disk however large they claim to be.

openpyxl writes only well-formed workbooks, so the parts that matter are written
here as XML text: a sheet that declares a million rows, cells placed without
their r attribute, entity bombs, external links, macros, a zip member flagged as
encrypted. Nothing here is committed as a file; every test builds what it needs.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from tests.sheets.legacy_writers import ole_bytes, xls_bytes

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
XLSX_MAIN_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
XLSM_MAIN_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"

# The table every hostile variant starts from: one task the importer understands.
HEADER = ["序号", "重点任务", "2021年", "牵头单位"]
TASK = ["1", "建设社区养老服务站", "新增10个", "市民政局"]
TASK_NAME, TARGET_TEXT, LEAD = TASK[1], TASK[2], TASK[3]

# Nine levels of ten references each: a billion "lol"s if any parser expanded it.
BILLION_LAUGHS = "<!DOCTYPE lolz [<!ENTITY lol0 \"lol\">" + "".join(
    f"<!ENTITY lol{level} \"{f'&lol{level - 1};' * 10}\">" for level in range(1, 10)) + "]>"


def column_letters(index: int) -> str:
    """0 → A, 16383 → XFD."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def text_cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'


def table_rows(values: list[list[str]] | None = None, first_row: int = 1) -> str:
    """Rows of inline-string cells, numbered from `first_row`."""
    rows = []
    for number, row in enumerate(values or [HEADER, TASK], start=first_row):
        cells = "".join(text_cell(f"{column_letters(c)}{number}", v) for c, v in enumerate(row))
        rows.append(f'<row r="{number}">{cells}</row>')
    return "".join(rows)


def sheet_xml(rows: str, dimension: str | None = None, doctype: str = "") -> str:
    head = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (f'{_XML_HEAD}{doctype}<worksheet xmlns="{MAIN_NS}" xmlns:r="{_REL_NS}">{head}'
            f"<sheetData>{rows}</sheetData></worksheet>")


def workbook_xml(sheet_name: str = "Sheet1", doctype: str = "", extra: str = "") -> str:
    return (f'{_XML_HEAD}{doctype}<workbook xmlns="{MAIN_NS}" xmlns:r="{_REL_NS}"><sheets>'
            f'<sheet name="{sheet_name}" sheetId="1" r:id="rId1"/></sheets>{extra}</workbook>')


def shared_strings_xml(strings: list[str], unique_count: int | None = None, doctype: str = "") -> str:
    count = len(strings) if unique_count is None else unique_count
    items = "".join(f"<si><t>{s}</t></si>" for s in strings)
    return f'{_XML_HEAD}{doctype}<sst xmlns="{MAIN_NS}" count="{len(strings)}" uniqueCount="{count}">{items}</sst>'


def relationships(items: list[tuple[str, str, str, str]]) -> str:
    """A relationships part: (id, type — a full URI or a name in the officeDocument namespace, target, mode)."""
    parts = []
    for rid, kind, target, mode in items:
        uri = kind if kind.startswith("http") else f"{_REL_NS}/{kind}"
        external = f' TargetMode="{mode}"' if mode else ""
        quoted = escape(target, {chr(34): "&quot;"})
        parts.append(f'<Relationship Id="{rid}" Type="{uri}" Target="{quoted}"{external}/>')
    return f'{_XML_HEAD}<Relationships xmlns="{_PKG_REL_NS}">{"".join(parts)}</Relationships>'


def write_package(path: Path, sheet: str, *, workbook: str | None = None, shared: str | None = None,
                  extra: dict[str, bytes | str] | None = None, main_type: str = XLSX_MAIN_TYPE,
                  workbook_rels: list[tuple[str, str, str, str]] | None = None,
                  compression: int = zipfile.ZIP_DEFLATED) -> Path:
    """An xlsx (or xlsm) package of one sheet, with the parts given as text."""
    extra = dict(extra or {})
    rels = [("rId1", "worksheet", "worksheets/sheet1.xml", ""), *(workbook_rels or [])]
    overrides = [("/xl/workbook.xml", main_type), ("/xl/worksheets/sheet1.xml", _SHEET_TYPE)]
    if shared is not None:
        rels.append(("rIdStrings", "sharedStrings", "sharedStrings.xml", ""))
        extra["xl/sharedStrings.xml"] = shared
        overrides.append(("/xl/sharedStrings.xml",
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"))
    types = "".join(f'<Override PartName="{part}" ContentType="{kind}"/>' for part, kind in overrides)
    content_types = (f'{_XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                     '<Default Extension="rels"'
                     ' ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                     f'<Default Extension="xml" ContentType="application/xml"/>{types}</Types>')
    with zipfile.ZipFile(path, "w", compression) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", relationships([("rId1", "officeDocument", "xl/workbook.xml", "")]))
        archive.writestr("xl/workbook.xml", workbook or workbook_xml())
        archive.writestr("xl/_rels/workbook.xml.rels", relationships(rels))
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        for name, data in extra.items():
            archive.writestr(name, data)
    return path


def plain_xlsx(path: Path) -> Path:
    return write_package(path, sheet_xml(table_rows()))


# The whole sheet grid, declared and then used at its far corner: calamine sets aside 512 GB for it.
WHOLE_GRID_SHEET = sheet_xml(table_rows() + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',
                             dimension="A1:XFD1048576")


def replace_members(path: Path, replace: dict[str, bytes | str]) -> Path:
    """The same package with the members in `replace` replaced or added."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members.update(replace)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def odd_sheet_path(path: Path, spelling: str) -> Path:
    """The plain table as xl/worksheets/sheet1.xml, named by the workbook's relationship as `spelling`
    (./worksheets/sheet1.xml, worksheets//sheet1.xml…), and beside it a member of that literal name
    holding `WHOLE_GRID_SHEET`: a reader that normalises the target measures the one, calamine reads the other."""
    write_package(path, sheet_xml(table_rows()))
    return replace_members(path, {"xl/_rels/workbook.xml.rels": relationships([("rId1", "worksheet", spelling, "")]),
                                  f"xl/{spelling}": WHOLE_GRID_SHEET})


def zip_bomb(path: Path, inflated_mb: int = 256) -> Path:
    """A sheet of `inflated_mb` MB of blanks after the table, deflated about a thousand to one."""
    with zipfile.ZipFile(write_package(path, sheet_xml(table_rows())), "a", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("xl/worksheets/sheet2.xml", "w") as stream:
            chunk = b" " * (1024 * 1024)
            for _ in range(inflated_mb):
                stream.write(chunk)
    return path


def rows_without_place(path: Path, rows: int = 1_048_576, columns: int = 1) -> Path:
    """The table, then `rows` rows and a last row of `columns` cells, none with an r attribute.

    Stored, not deflated: the file is as large as its XML, so no compression ratio gives it away.
    """
    body = table_rows() + "<row/>" * rows + "<row>" + "<c><v>1</v></c>" * columns + "</row>"
    return write_package(path, sheet_xml(body), compression=zipfile.ZIP_STORED)


def patch_zip_headers(path: Path, member: str, local: dict[int, int], central: dict[int, int]) -> Path:
    """Overwrite 16-bit fields of `member`'s local and central headers: {offset in the header: value}."""
    raw = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        start = archive.getinfo(member).header_offset
    for offset, value in local.items():
        struct.pack_into("<H", raw, start + offset, value)
    position = raw.find(b"PK\x01\x02")
    while position >= 0:
        name_length = struct.unpack_from("<H", raw, position + 28)[0]
        if raw[position + 46: position + 46 + name_length] == member.encode():
            for offset, value in central.items():
                struct.pack_into("<H", raw, position + offset, value)
        position = raw.find(b"PK\x01\x02", position + 4)
    path.write_bytes(bytes(raw))
    return path


def flag_member_encrypted(path: Path, member: str) -> Path:
    """Set the 'encrypted' flag of `member` in both its headers, as a zip tool's password does."""
    return patch_zip_headers(path, member, {6: 0x0001}, {8: 0x0001})


def unknown_compression(path: Path, member: str) -> Path:
    """`member` marked as compressed with method 99 (AES), which Python's zipfile cannot read."""
    return patch_zip_headers(path, member, {8: 99}, {10: 99})


def future_zip_version(path: Path, member: str) -> Path:
    """`member` needing zip version 6.4 to extract, newer than Python's zipfile knows."""
    return patch_zip_headers(path, member, {4: 64}, {6: 64})


def xls_with(path: Path, patch) -> Path:
    """The plain table as BIFF8, with `patch(stream) -> stream` applied to its workbook stream."""
    from planner.sheets.ole import OleFile

    rows = [HEADER, TASK]
    stream = OleFile(xls_bytes([("Sheet1", rows, [])])).read_stream("Workbook")
    path.write_bytes(ole_bytes({"Workbook": patch(bytearray(stream))}))
    return path


def xls_records(stream: bytearray):
    """(offset, kind, length) of each record of a BIFF stream."""
    offset = 0
    while offset + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, offset)
        yield offset, kind, length
        offset += 4 + length


def set_xls_dimensions(first_row: int, last_row: int, first_column: int, last_column: int):
    def patch(stream: bytearray) -> bytes:
        for offset, kind, length in xls_records(stream):
            if kind == 0x0200 and length == 14:
                struct.pack_into("<IIHH", stream, offset + 4, first_row, last_row, first_column, last_column)
        return bytes(stream)
    return patch


def move_last_xls_cell(row: int, column: int):
    def patch(stream: bytearray) -> bytes:
        cells = [offset for offset, kind, _ in xls_records(stream) if kind in (0x00FD, 0x0203)]
        struct.pack_into("<HH", stream, cells[-1] + 4, row, column)
        return bytes(stream)
    return patch


def ole_with_looping_difat(path: Path) -> Path:
    """A valid .xls whose header sends the FAT index (DIFAT) round a sector that points to itself,
    each pass naming the same FAT sector again, and claims four billion DIFAT sectors."""
    data = bytearray(xls_with(path, bytes).read_bytes())
    loop = len(data) // 512 - 1  # the sector appended below; sector n starts at (n + 1) * 512
    data += struct.pack("<127I", *([0] * 127)) + struct.pack("<I", loop)
    struct.pack_into("<II", data, 68, loop, 0xFFFFFFFF)
    path.write_bytes(bytes(data))
    return path


def ods_package(path: Path, cells_xml: str, manifest_extra: str = "") -> Path:
    """An .ods of one sheet: the header row, then one row of the given cells."""
    from tests.sheets.legacy_writers import _ODS_NS

    header = "".join(f'<table:table-cell office:value-type="string"><text:p>{h}</text:p></table:table-cell>'
                     for h in HEADER)
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NS}><office:body>'
               f'<office:spreadsheet><table:table table:name="表1"><table:table-row>{header}</table:table-row>'
               f"<table:table-row>{cells_xml}</table:table-row></table:table></office:spreadsheet></office:body>"
               "</office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
                f'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">'
                f"{manifest_extra}</manifest:file-entry></manifest:manifest>")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest)
    return path


def ods_task_cells(name_xml: str) -> str:
    """The task row of `ods_package` with `name_xml` as the inside of the task-name cell."""
    cell = '<table:table-cell office:value-type="string">{}</table:table-cell>'
    return "".join(cell.format(f"<text:p>{v}</text:p>") if c != 1 else cell.format(name_xml)
                   for c, v in enumerate(TASK))
