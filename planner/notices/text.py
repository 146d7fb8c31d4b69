"""Plain text → a `NoticeDocument`: a .txt file, or text pasted from mail or a web page.

One line of a notice is one paragraph, except where a hard wrap clearly split a
sentence: a line ending in a comma or an enumeration comma, a line that opens a bracket
the next line closes, a line as long as the wrap width most lines of the text share, and,
in a text whose paragraphs are set apart by blank lines, any line that does not end a
sentence. A line that starts with an outline number (一、 （一） 1.) always starts a new
paragraph, and lines holding tabs (rows of a table copied from Word) stay apart. Markup
copied along with web text (<p id=…>) and the page numbers of a printed copy (— 3 —) are
dropped.

A .txt file is read in UTF-8, GB18030 (which holds GBK and GB2312) or UTF-16/UTF-32,
told from the bytes as CSV files are (`planner.sheets.text_csv.wide_encoding`); a file
that is none of these, or holds binary data, is refused with its name.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections import Counter
from pathlib import Path

from planner.notices.document import NoticeDocument, Paragraph, Place
from planner.notices.outline import read_number
from planner.notices.refusals import EmptyNoticeError, NoticeTooLargeError, NotNoticeError
from planner.sheets.text_csv import wide_encoding

PASTED = "粘贴的文本"
MAX_TEXT_BYTES = 20 * 1024 * 1024  # a .txt file on disk; a long notice is under 200 KB
MAX_TEXT_CHARS = 5_000_000  # of one text, pasted or read
MAX_LINE_CHARS = 200_000  # one line: a notice's longest paragraph is a few thousand characters

_MARKER_CHARS = 3
_SENTENCE_ENDS = "。！？!?；;：:…”’」』）)】〕]"
_WRAP_ENDS = "，,、"
_OPENING = "（(〔【[［《“"
_CLOSING = "）)〕】]］》”"
_PAGE_NUMBER_RE = re.compile(r"[-—–－]+\s*[0-9]{1,4}\s*[-—–－]+"
                             r"|第\s*[0-9]{1,4}\s*页(?:\s*[,，/]?\s*共\s*[0-9]{1,4}\s*页)?")
_INDENT_RE = re.compile(r"^(?:[ \u00a0]{2,}|\u3000|\t)")
_MARKUP_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]{0,2000})?/?>|<!--.{0,2000}?-->")
_BINARY_MAGICS: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF 文档"), (b"PK\x03\x04", "压缩包或 Office 文档"), (b"\xd0\xcf\x11\xe0", "Office 97-2003 文档"),
    (b"\x89PNG", "PNG 图片"), (b"\xff\xd8\xff", "JPEG 图片"), (b"GIF8", "GIF 图片"), (b"Rar!", "RAR 压缩包"),
    (b"7z\xbc\xaf", "7z 压缩包"), (b"\x1f\x8b", "gzip 压缩包"), (b"\x7fELF", "程序文件"), (b"MZ", "程序文件"),
)


def _lines(text: str) -> list[str]:
    """The lines of a text without markup, and without the page numbers of a printed copy (— 3 —, 第3页 共10页)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate({0x2028: "\n", 0x2029: "\n", 0x0C: "\n"})
    lines = (_MARKUP_RE.sub("", line).rstrip() for line in text.split("\n"))
    return [line for line in lines if not _PAGE_NUMBER_RE.fullmatch(line.strip())]


def _wrap_width(lines: list[str]) -> int | None:
    """The length most long lines share when the text was wrapped at a fixed width, else None."""
    lengths = Counter(len(line.strip()) for line in lines if len(line.strip()) >= 10)
    if not lengths:
        return None
    width, count = max(lengths.items(), key=lambda item: (item[1], item[0]))
    return width if count >= 3 and count * 10 >= sum(lengths.values()) * 3 else None


def _blank_separated(lines: list[str]) -> bool:
    """Whether paragraphs are set apart by blank lines (then a lone line break inside one is a wrap)."""
    after_blank = sum(1 for a, b in zip(lines, lines[1:]) if a.strip() and not b.strip())
    after_text = sum(1 for a, b in zip(lines, lines[1:]) if a.strip() and b.strip())
    return after_blank >= 3 and after_text * 2 <= after_blank


def _open_brackets(text: str) -> int:
    return sum(text.count(c) for c in _OPENING) - sum(text.count(c) for c in _CLOSING)


def _continues(paragraph: str, line: str, following: str, width: int | None, blank_separated: bool,
               indents: bool) -> bool:
    """Whether `following` continues `paragraph`, whose last line is `line`."""
    stripped = following.strip()
    if read_number(stripped) is not None or (indents and _INDENT_RE.match(following)):
        return False
    if ("\t" in line and "\t" in following) or len(line.strip()) <= _MARKER_CHARS:
        return False  # rows of a table copied from Word; a lone list marker or page number
    end = line.rstrip()[-1:]
    if end in _WRAP_ENDS:
        return True
    if _open_brackets(paragraph) > 0 and _open_brackets(paragraph + stripped) < _open_brackets(paragraph):
        return True
    # A line as long as the wrap width was cut there, even where the cut fell after a full stop.
    if width is not None and len(line.strip()) >= width - 1:
        return True
    return end not in _SENTENCE_ENDS and blank_separated


def split_paragraphs(text: str) -> list[str]:
    """The paragraphs of a plain text, hard wraps joined (see the module's description)."""
    lines = _lines(text)
    width, blank_separated = _wrap_width(lines), _blank_separated(lines)
    # Indentation starts a paragraph only where some lines are not indented (wrapped continuations).
    indented = sum(1 for line in lines if line.strip() and _INDENT_RE.match(line))
    indents = 0 < indented < sum(1 for line in lines if line.strip()) * 0.8
    paragraphs: list[str] = []
    current = ""
    for index, line in enumerate(lines):
        if not line.strip():
            if current:
                paragraphs.append(current)
            current = ""
            continue
        piece = line.strip(" \t\u3000\u00a0\ufeff")
        if current:
            joiner = " " if current[-1:].isascii() and current[-1:].isalnum() and piece[:1].isascii() else ""
            current += joiner + piece
        else:
            current = piece
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if not following.strip() or not _continues(current, line, following, width, blank_separated, indents):
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs


def _check_size(file_name: str, text: str) -> None:
    if len(text) > MAX_TEXT_CHARS:
        raise NoticeTooLargeError(f"“{file_name}”有 {len(text)} 个字符，超过通知文字 {MAX_TEXT_CHARS} 个字符的上限，"
                                  "不像一份通知，未导入。请确认选择的是通知正文。")
    longest = max((len(line) for line in text.splitlines()), default=0)
    if longest > MAX_LINE_CHARS:
        raise NoticeTooLargeError(f"“{file_name}”有一行长达 {longest} 个字符，超过 {MAX_LINE_CHARS} 个字符的上限，"
                                  "不像正常的通知文字，未导入。")


def notice_from_text(text: str, file_name: str = PASTED, kind: str = "pasted", *,
                     sha256: str | None = None) -> NoticeDocument:
    """The paragraphs of `text`; `sha256` is the file's (else the text's, as UTF-8)."""
    _check_size(file_name, text)
    digest = sha256 or hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    blocks = [Paragraph(text=paragraph, place=Place(paragraph=number))
              for number, paragraph in enumerate(split_paragraphs(text), start=1)]
    return NoticeDocument(file_name=file_name, kind=kind, sha256=digest, blocks=list(blocks))


def _decode(data: bytes, file_name: str) -> str:
    encoding = wide_encoding(data)
    if encoding is not None:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            raise NotNoticeError(f"文件“{file_name}”看起来是 {encoding.upper()} 编码的文本，但有无法识别的字节"
                                 "（文件可能已损坏），未导入。") from None
    for candidate in ("utf-8", "gb18030"):
        try:
            return data.decode(candidate)
        except UnicodeDecodeError:
            continue
    raise NotNoticeError(f"文件“{file_name}”不是可识别的文本：既不是 UTF-8、GBK/GB18030，也不是 UTF-16 编码，未导入。"
                         "请用记事本或 WPS 打开后另存为 UTF-8 文本再导入。")


def _refuse_binary(data: bytes, file_name: str) -> None:
    for magic, what in _BINARY_MAGICS:
        if data.startswith(magic):
            raise NotNoticeError(f"文件“{file_name}”的内容是{what}，不是纯文本，未按文本导入。")
    if b"\x00" in data[:65536] and wide_encoding(data) in (None, "utf-8-sig"):
        raise NotNoticeError(f"文件“{file_name}”含有二进制数据，不是纯文本文件，未导入。")


def _refuse_controls(text: str, file_name: str) -> None:
    sample = text[:65536]
    controls = sum(1 for char in sample if (char < " " and char not in "\t\n\r\f") or char == "\ufffd")
    if controls * 100 > len(sample):
        raise NotNoticeError(f"文件“{file_name}”中有大量控制字符，不像文字，可能是二进制文件，未导入。")


def read_text_notice(path: str | Path) -> NoticeDocument:
    """A .txt notice in UTF-8, GB18030 or UTF-16/32; refused with a message naming the file otherwise."""
    path = Path(path)
    name = path.name
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise NotNoticeError(f"“{path}”不是普通文件（可能是文件夹或设备），无法读取。")
        if info.st_size > MAX_TEXT_BYTES:
            raise NoticeTooLargeError(f"文件“{name}”太大（{info.st_size / 1024 / 1024:.0f} MB），超过文本通知 "
                                      f"{MAX_TEXT_BYTES // 1024 // 1024} MB 的上限，未导入。")
        with path.open("rb") as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):  # swapped for a FIFO since the check
                raise NotNoticeError(f"“{path}”不是普通文件，无法读取。")
            data = stream.read(MAX_TEXT_BYTES + 1)
    except FileNotFoundError:
        raise NotNoticeError(f"找不到文件“{path}”。") from None
    except OSError as exc:
        raise NotNoticeError(f"无法读取文件“{path}”：{exc.strerror or exc}。") from None
    if len(data) > MAX_TEXT_BYTES:
        raise NoticeTooLargeError(f"文件“{name}”超过文本通知 {MAX_TEXT_BYTES // 1024 // 1024} MB 的上限，未导入。")
    if not data.strip():
        raise EmptyNoticeError(f"文件“{name}”是空的，没有可导入的文字。")
    _refuse_binary(data, name)
    text = _decode(data, name).lstrip("\ufeff")
    _refuse_controls(text, name)
    if not text.strip():
        raise EmptyNoticeError(f"文件“{name}”里只有空白，没有可导入的文字。")
    return notice_from_text(text, file_name=name, kind="txt", sha256=hashlib.sha256(data).hexdigest())
