"""What kind of file this is, from its bytes alone (file names lie: 报表.xls is often a web page)."""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

from planner.sheets.errors import CorruptFileError, EmptyFileError, EncryptedFileError, NotSpreadsheetError
from planner.sheets.limits import read_member
from planner.sheets.ods import ODS_MIMETYPE
from planner.sheets.ole import OLE_MAGIC, OleError, OleFile
from planner.sheets.text_csv import wide_encoding

FORMAT_LABELS = {"xlsx": "Excel 工作簿（.xlsx）", "xls": "Excel 97-2003 工作簿（.xls）",
                 "ods": "OpenDocument 电子表格（.ods）", "csv": "CSV/TSV 文本"}

_OTHER_MAGICS: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF 文档"),
    (b"\x89PNG\r\n\x1a\n", "PNG 图片"),
    (b"\xff\xd8\xff", "JPEG 图片"),
    (b"GIF87a", "GIF 图片"),
    (b"GIF89a", "GIF 图片"),
    (b"II*\x00", "TIFF 图片"),
    (b"MM\x00*", "TIFF 图片"),
    (b"Rar!", "RAR 压缩包"),
    (b"7z\xbc\xaf\x27\x1c", "7z 压缩包"),
    (b"\x1f\x8b", "gzip 压缩包"),
    (b"{\\rtf", "RTF 文档"),
    (b"\x7fELF", "程序文件"),
)
_ZIP_KINDS = (("word/", "Word 文档（.docx）"), ("ppt/", "PowerPoint 演示文稿（.pptx）"),
              ("xl/workbook.bin", "Excel 二进制工作簿（.xlsb，暂不支持，请另存为 .xlsx）"))
_OLE_KINDS = (("WordDocument", "Word 97-2003 文档（.doc）"),
              ("PowerPoint Document", "PowerPoint 97-2003 演示文稿（.ppt）"))
_SUPPORTED = "请选择 Excel（.xlsx、.xls）、WPS/LibreOffice（.ods）工作簿或 CSV 文件。"


def _not_spreadsheet(path: Path, what: str) -> NotSpreadsheetError:
    suffix = path.suffix.lower()
    renamed = f"扩展名是 {suffix}，但" if suffix in (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".tsv", ".et") else ""
    return NotSpreadsheetError(f"文件“{path.name}”{renamed}内容是{what}，不是电子表格。{_SUPPORTED}")


def _zip_format(path: Path, data: bytes) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    # NotImplementedError: a member that needs a newer zip version than zipfile knows.
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
        raise CorruptFileError(f"文件“{path.name}”已损坏或不完整（压缩包结构无法读取：{exc}），无法导入。") from None
    names = set(archive.namelist())
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "mimetype" in names:
        try:
            mimetype = read_member(path.name, archive, "mimetype", 1024).strip()
        # RuntimeError: a member zipfile cannot read, encrypted or compressed by a method it does not know.
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error, RuntimeError):
            raise CorruptFileError(f"文件“{path.name}”已损坏或不完整，无法导入。") from None
        if mimetype == ODS_MIMETYPE:
            return "ods"
        raise _not_spreadsheet(path, "OpenDocument 文档（非电子表格）")
    for prefix, what in _ZIP_KINDS:
        if any(name.startswith(prefix) for name in names):
            raise _not_spreadsheet(path, what)
    raise _not_spreadsheet(path, "普通 zip 压缩包")


def _ole_format(path: Path, data: bytes) -> str:
    try:
        streams = OleFile(data).stream_names()
    except OleError:
        raise CorruptFileError(f"文件“{path.name}”已损坏或不完整（OLE 复合文档结构无法读取），无法导入。") from None
    if "EncryptionInfo" in streams or "EncryptedPackage" in streams:
        raise EncryptedFileError(
            f"文件“{path.name}”设置了打开密码（已加密），无法读取。请在 Excel 或 WPS 中打开并取消密码，另存后再导入。"
        )
    if any(name in ("Workbook", "Book") for name in streams):
        return "xls"
    for stream, what in _OLE_KINDS:
        if stream in streams:
            raise _not_spreadsheet(path, what)
    raise _not_spreadsheet(path, "OLE 复合文档（不含工作簿）")


def _text_kind(head: bytes) -> str | None:
    """A web page or XML that some systems save with an .xls name, else None for plain text."""
    sample = head[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if sample.startswith((b"<!doctype html", b"<html")) or (sample.startswith(b"<") and b"<table" in sample):
        return "网页（HTML）文件"
    if sample.startswith(b"<?xml"):
        return "XML 文件"
    return None


def detect_format(path: Path, data: bytes) -> str:
    """"xlsx", "xls", "ods" or "csv"; raises a SheetInputError saying what the file is otherwise."""
    if not data:
        raise EmptyFileError(f"文件“{path.name}”是空文件（0 字节），没有可导入的内容。")
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return _zip_format(path, data)
    if data.startswith(OLE_MAGIC):
        return _ole_format(path, data)
    for magic, what in _OTHER_MAGICS:
        if data.startswith(magic):
            raise _not_spreadsheet(path, what)
    kind = _text_kind(data)
    if kind:
        raise NotSpreadsheetError(f"文件“{path.name}”是{kind}，不是电子表格。"
                                  "请在 Excel 或 WPS 中打开后另存为 .xlsx，再导入。")
    if b"\x00" in data[:8192] and wide_encoding(data) in (None, "utf-8-sig"):
        raise _not_spreadsheet(path, "无法识别的二进制数据")
    return "csv"
