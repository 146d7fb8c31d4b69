"""Is this file a notice or a spreadsheet? Told from its name and its first bytes.

`main.py import FILE` takes both. A spreadsheet's extension (.xlsx, .xls, .ods, .csv, …)
always goes to the spreadsheet importer, which says what a file really is when its name
lies. Otherwise the content decides: a Word document (.docx, or the .doc/.wps compound
file), RTF or OpenDocument text, a PDF, an OFD, a web page (.html, .mhtml) or plain text
is a notice (`planner.notices.readers` reads it), and so is a PNG, JPEG or TIFF picture (a scan,
read by OCR), except a
text whose lines split into the same number of fields, which is a CSV table whatever
it is called.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from planner.notices.outline import read_number
from planner.sheets.ole import OLE_MAGIC, OleError, OleFile
from planner.sheets.text_csv import DELIMITERS, wide_encoding

SHEET_EXTENSIONS = frozenset({".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".tsv", ".et"})
NOTICE_EXTENSIONS = {".txt": "txt", ".text": "txt", ".docx": "docx", ".doc": "doc", ".wps": "wps", ".rtf": "rtf",
                     ".odt": "odt", ".pdf": "pdf", ".html": "html", ".htm": "html", ".mhtml": "mhtml", ".mht": "mhtml",
                     ".ofd": "ofd", ".png": "image", ".jpg": "image", ".jpeg": "image", ".tif": "image",
                     ".tiff": "image"}
# A photo or scan of a notice, read by OCR (`planner.notices.ocr`).
PICTURE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
_ODT = b"application/vnd.oasis.opendocument.text"
_HEAD_BYTES = 65536
_SAMPLE_LINES = 50
_HTML_RE = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<meta|<body|<!--)", re.IGNORECASE)


def _zip_kind(path: Path) -> str | None:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            mimetype = archive.open("mimetype").read(len(_ODT) + 1) if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError, EOFError):
        return None
    if "word/document.xml" in names:
        return "docx"
    if mimetype.strip() == _ODT:
        return "odt"
    if "OFD.xml" in names or any(name.lower().endswith("/ofd.xml") for name in names):
        return "ofd"
    return None


def _ole_kind(path: Path, suffix: str) -> str | None:
    if suffix in (".doc", ".wps"):
        return suffix[1:]
    try:
        streams = OleFile(path.read_bytes()).stream_names()
    except (OleError, OSError, ValueError, IndexError):
        return None
    return "doc" if "WordDocument" in streams else None


def is_table_text(text: str) -> bool:
    """Whether the lines of a text split into the same number of fields, as a CSV table's do."""
    lines = [line for line in text.splitlines()[:_SAMPLE_LINES] if line.strip()]
    if len(lines) < 2 or sum(1 for line in lines if read_number(line.strip())) >= 2:
        return False
    for delimiter in DELIMITERS:
        counts = [line.count(delimiter) for line in lines]
        most = max(set(counts), key=counts.count)
        if most >= 1 and counts.count(most) * 5 >= len(lines) * 4:
            return True
    return False


def _text_kind(head: bytes) -> str:
    if head.lstrip().lower().startswith(b"mime-version") and b"multipart/related" in head.lower():
        return "mhtml"
    if _HTML_RE.match(head):
        return "html"
    encoding = wide_encoding(head)
    if encoding is not None:
        text = head.decode(encoding, "replace")
    else:
        try:
            text = head.decode("utf-8")
        except UnicodeDecodeError as exc:  # cut inside the head's last character, or not UTF-8 at all
            cut = exc.start >= len(head) - 3
            text = head[: exc.start].decode("utf-8") if cut else head.decode("gb18030", "replace")
    return "csv" if is_table_text(text) else "txt"


def notice_format(path: str | Path) -> str | None:
    """The notice format of `path` ("txt", "docx", "doc", "wps", "pdf", "html", "mhtml", "ofd", "image"), or None for a
    spreadsheet, or a file that is neither (the spreadsheet importer then says what it is)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in SHEET_EXTENSIONS:
        return None
    try:
        with path.open("rb") as stream:
            head = stream.read(_HEAD_BYTES)
    except OSError:
        return NOTICE_EXTENSIONS.get(suffix)
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(PICTURE_MAGIC):
        return "image"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(path)
    if head.startswith(OLE_MAGIC):
        return _ole_kind(path, suffix)
    if not head.strip() or (b"\x00" in head and wide_encoding(head) in (None, "utf-8-sig")):
        return NOTICE_EXTENSIONS.get(suffix)
    kind = _text_kind(head)
    return None if kind == "csv" else kind
