"""Opening a notice file of any supported kind as a `NoticeDocument`.

The kind is told from the file's bytes, not its name (a "通知.doc" saved from a
website is often a web page, a ".docx" may be an old .doc renamed): a zip with
word/document.xml is Word, an OLE file with a WordDocument stream is an old .doc or
.wps, "%PDF" is a PDF, a MIME message of related parts is an .mhtml, markup is a web
page, anything else that decodes as text goes to `planner.notices.text`. A PDF without a text
layer and a PNG, JPEG or TIFF picture are scans: the worker says so and how many pages
they have, and `planner.notices.ocr` reads them page by page with the optional OCR
component, reporting progress to the caller between pages.

Documents come from outside and their parsers are native code (pdfium, libxml2), so
the reading runs in the reading worker the spreadsheets use
(`planner.sheets.isolation`): a crash, a hang or a memory blow-up there becomes a
refusal naming the file. The worker sends back the finished `NoticeDocument`. A .doc,
.wps, .rtf or .odt file comes back as a request to convert it first; LibreOffice
converts it here (`planner.notices.conversion`) and the worker reads the result.
"""

from __future__ import annotations

import hashlib
import io
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from planner.notices import caps
from planner.notices.conversion import converted_to_docx
from planner.notices.document import NoticeDocument
from planner.notices.refusals import (
    DamagedNoticeError,
    EmptyNoticeError,
    EncryptedNoticeError,
    NotNoticeError,
    ScannedNoticeError,
    UnsupportedNoticeError,
)
from planner.sheets import limits as sheet_limits
from planner.sheets.isolation import run_isolated
from planner.sheets.ole import OLE_MAGIC, OleError, OleFile
from planner.system.regular_files import check_path, read_regular_file

PASTED_HTML = "粘贴的网页内容"
CONVERTED_KINDS = ("doc", "wps", "rtf", "odt")
_REOPEN = {".docx": "Word 或 WPS", ".doc": "Word 或 WPS", ".wps": "WPS 或 Word", ".pdf": "PDF 阅读器",
           ".html": "浏览器", ".htm": "浏览器", ".mhtml": "浏览器", ".mht": "浏览器"}
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
_SCANNED_PICTURES = ((b"\x89PNG\r\n\x1a\n", "PNG 图片"), (b"\xff\xd8\xff", "JPEG 图片"), (b"II*\x00", "TIFF 图片"),
                     (b"MM\x00*", "TIFF 图片"))  # read by OCR
_PICTURES = ((b"GIF8", "GIF 图片"), (b"BM", "BMP 图片"))
_ARCHIVES = ((b"Rar!", "RAR 压缩包"), (b"7z\xbc\xaf\x27\x1c", "7z 压缩包"), (b"\x1f\x8b", "gzip 压缩包"),
             (b"\x7fELF", "程序文件"), (b"MZ", "程序文件"))
_SUPPORTED = ("请选择 Word（.docx、.doc）、WPS（.wps）、PDF、网页（.html、.mhtml）、文本（.txt）格式的通知文件，"
              "或 PNG、JPEG、TIFF 格式的扫描件和照片。")
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<div", b"<p", b"<table", b"<title")


@dataclass(frozen=True)
class NeedsConversion:
    """The worker's answer for a format LibreOffice must convert first."""

    kind: str
    sha256: str


@dataclass(frozen=True)
class NeedsOcr:
    """The worker's answer for a scan: an image-only PDF or a picture, and its number of pages."""

    kind: str  # pdf or image
    sha256: str
    pages: int


@dataclass(frozen=True)
class Origin:
    """The file a converted .docx was made from: its name, kind and hash stand for the notice."""

    file_name: str
    kind: str
    sha256: str


def _not_notice(file_name: str, what: str) -> NotNoticeError:
    return NotNoticeError(f"文件“{file_name}”的内容是{what}，不是通知文件。{_SUPPORTED}")


def _zip_kind(data: bytes, file_name: str) -> str:
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
        raise DamagedNoticeError(f"文件“{file_name}”已损坏或不完整（压缩包结构无法读取：{exc}），无法读取。"
                                 "请在 Word 或 WPS 中打开检查并另存后再试。") from None
    lowered = {name.lower() for name in names}
    if "word/document.xml" in lowered or any(name.startswith("word/") for name in lowered):
        return "docx"
    if "ofd.xml" in lowered:
        raise UnsupportedNoticeError(
            f"文件“{file_name}”是 OFD 版式文件，本程序暂不能直接读取。请在数科阅读器、福昕阅读器或 WPS 中打开，"
            "另存或打印为 PDF（或把正文复制到 Word 中保存为 .docx）后再导入。")
    if data[30:38] == b"mimetype" and _ODT_MIMETYPE in data[38:120]:
        return "odt"
    if any(name.startswith("xl/") for name in lowered) or data[30:38] == b"mimetype":
        raise _not_notice(file_name, "电子表格（附件表格请用“导入表格”导入）")
    if any(name.startswith("ppt/") for name in lowered):
        raise _not_notice(file_name, "PowerPoint 演示文稿")
    raise _not_notice(file_name, "普通 zip 压缩包")


def _ole_kind(data: bytes, file_name: str, suffix: str) -> str:
    try:
        ole = OleFile(data)
        streams = ole.stream_names()
        word = ole.read_stream("WordDocument") if "WordDocument" in streams else b""
    except (OleError, KeyError):
        raise DamagedNoticeError(f"文件“{file_name}”已损坏或不完整（OLE 复合文档结构无法读取），无法读取。"
                                 "请在 Word 或 WPS 中打开检查并另存后再试。") from None
    # A .docx with an opening password is an OLE file holding the encrypted package; an old .doc says so
    # in its file information block (fEncrypted, bit 8 of the flags at offset 10).
    encrypted = "EncryptedPackage" in streams or "EncryptionInfo" in streams or (
        len(word) >= 12 and struct.unpack_from("<H", word, 10)[0] & 0x0100)
    if encrypted:
        raise EncryptedNoticeError(f"文件“{file_name}”设置了打开密码（已加密），无法读取。"
                                   "请在 Word 或 WPS 中打开，取消密码后另存，再导入。")
    if word or suffix == ".wps":
        return "wps" if suffix == ".wps" else "doc"
    if "Workbook" in streams or "Book" in streams:
        raise _not_notice(file_name, "Excel 97-2003 工作簿（附件表格请用“导入表格”导入）")
    raise _not_notice(file_name, "无法识别的 OLE 复合文档")


def picture_kind(data: bytes) -> str:
    """"PNG 图片", "JPEG 图片" or "TIFF 图片" for a picture OCR reads, else ""."""
    return next((what for magic, what in _SCANNED_PICTURES if data.startswith(magic)), "")


def detect_kind(data: bytes, file_name: str, suffix: str) -> str:
    """docx, doc, wps, rtf, odt, pdf, image, mhtml, html or txt; raises a NoticeInputError for anything else."""
    if not data.strip():
        raise EmptyNoticeError(f"文件“{file_name}”是空文件，没有可导入的内容。")
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(data, file_name)
    if data.startswith(OLE_MAGIC):
        return _ole_kind(data, file_name, suffix)
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"{\\rtf"):
        return "rtf"
    if picture_kind(data):
        return "image"
    for magic, what in _PICTURES:
        if data.startswith(magic):
            raise _not_notice(file_name, f"{what}（请另存为 PNG 或 JPEG 图片后再导入）")
    for magic, what in _ARCHIVES:
        if data.startswith(magic):
            raise _not_notice(file_name, what)
    from planner.notices.mhtml import looks_like_mhtml

    if looks_like_mhtml(data):
        return "mhtml"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(_HTML_STARTS) or (head.startswith(b"<") and (b"<body" in head or b"<p>" in head)):
        return "html"
    return "txt"


def read_notice_file(path: str, origin: Origin | None, notice_caps: dict, sheet_caps: dict
                     ) -> NoticeDocument | NeedsConversion | NeedsOcr:
    """Read the notice at `path`; the job the reading worker runs. `origin` is set for a converted file."""
    caps.apply_caps(notice_caps)
    sheet_limits.apply_caps(sheet_caps)
    file_path = Path(path)
    file_name = origin.file_name if origin else file_path.name
    data = read_regular_file(file_path, file_name, caps.MAX_FILE_BYTES, caps.check_file_size, NotNoticeError, "通知",
                             "通知文件")
    sha256 = origin.sha256 if origin else hashlib.sha256(data).hexdigest()
    kind = detect_kind(data, file_name, file_path.suffix.lower())
    if kind in CONVERTED_KINDS:
        return NeedsConversion(kind, sha256)
    if kind == "txt":
        from planner.notices.text import read_text_notice

        return read_text_notice(file_path)
    if kind == "image":
        from planner.notices.ocr.reader import picture_pages

        return NeedsOcr("image", sha256, picture_pages(data, file_name, picture_kind(data)))
    warnings: list[str] = []
    if kind == "docx":
        from planner.notices.docx_reader import read_docx

        blocks = read_docx(data, file_name)
    elif kind == "pdf":
        from planner.notices.pdf_reader import read_pdf

        try:
            blocks, warnings = read_pdf(data, file_name)
        except ScannedNoticeError:
            from planner.notices.ocr.reader import pdf_pages

            return NeedsOcr("pdf", sha256, pdf_pages(data))
    elif kind == "mhtml":
        from planner.notices.mhtml import read_mhtml

        blocks = read_mhtml(data, file_name)
    else:
        from planner.notices.html_reader import decode_html, html_to_blocks

        caps.check_html_size(file_name, len(data))
        blocks = html_to_blocks(decode_html(data), file_name)
    if not blocks:
        raise EmptyNoticeError(f"文件“{file_name}”中没有文字，没有可导入的内容。")
    return NoticeDocument(file_name=file_name, kind=origin.kind if origin else kind, sha256=sha256, blocks=blocks,
                          warnings=warnings)


def _run(path: Path, origin: Origin | None, isolated: bool, file_name: str
         ) -> NoticeDocument | NeedsConversion | NeedsOcr:
    args = (str(path), origin, caps.caps(), sheet_limits.caps())
    if not isolated:
        return read_notice_file(*args)
    reopen_in = _REOPEN.get(Path(file_name).suffix.lower(), "Word、WPS 或 PDF 阅读器")
    return run_isolated(read_notice_file, *args, file_name=file_name, reopen_in=reopen_in)


def read_notice(path: str | Path, *, isolated: bool = True,
                progress: Callable[[int, int], None] | None = None) -> NoticeDocument:
    """The notice in the file `path`, whatever its format; a NoticeInputError (or another InputError from the
    reading worker) with a message naming the file when it cannot be read. `isolated=False` reads in this
    process: for measuring what the isolation costs, and for testing the checks alone. A scan is read page by
    page, `progress(pages done, pages)` called before each page and at the end (a job runner's callback,
    which raises to cancel)."""
    path = Path(path)
    check_path(path, caps.check_file_size, NotNoticeError, "通知", "通知文件")
    result = _run(path, None, isolated, path.name)
    if isinstance(result, NeedsConversion):
        with converted_to_docx(path, path.name, result.kind) as converted:
            result = _run(converted, Origin(path.name, result.kind, result.sha256), isolated, path.name)
    if isinstance(result, NeedsOcr):
        from planner.notices.ocr.reader import read_scan

        return read_scan(path, path.name, result.kind, result.sha256, result.pages, isolated=isolated,
                         progress=progress)
    if not isinstance(result, NoticeDocument):
        raise DamagedNoticeError(f"文件“{path.name}”转换后仍不是 Word 文档，无法读取。")
    return result


def notice_from_html(text: str, file_name: str = PASTED_HTML) -> NoticeDocument:
    """HTML from the clipboard (a browser's or Word's copy) as a notice: all it shows, without scripts,
    styles or forms; when it is a whole page, its article only."""
    from planner.notices.html_reader import html_to_blocks

    caps.check_html_size(file_name, len(text))
    start, end = text.find("<!--StartFragment-->"), text.find("<!--EndFragment-->")
    fragment = text[start + len("<!--StartFragment-->"):end] if 0 <= start < end else None
    blocks = html_to_blocks(fragment if fragment is not None else text, file_name,
                            whole=fragment is not None or not _is_page(text))
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return NoticeDocument(file_name=file_name, kind="pasted", sha256=digest, blocks=blocks)


def _is_page(text: str) -> bool:
    """Whether pasted HTML is a whole page (navigation and all) rather than a selection."""
    head = text[:200_000].lower()
    return head.count("<a ") > 20 or any(tag in head for tag in ("<nav", "<header", "<footer", "<script"))
