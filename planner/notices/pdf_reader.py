"""A PDF with a text layer as blocks: paragraphs joined from its lines, ruled tables as grids.

pdfium (pypdfium2) reads the text: it is native and reads a hundred pages in well
under a second, where pdfminer-based libraries take many seconds. Its text comes in
content order with a line break wherever the baseline changes; for each line the
boxes of its first and last characters give where it stands. Lines are joined into
paragraphs the way a notice is typeset: a paragraph starts with a two-character
indent, after a line that stops short of the right margin, after a wider gap, or
where the size changes; a centred line is a paragraph of its own. Running headers
and footers (page numbers such as "— 3 —", a text repeated at the top or bottom of
most pages) are dropped. Tables are found from the drawn rules (`pdf_tables`), and
their text is taken cell by cell, not as lines.
"""

from __future__ import annotations

import re
import statistics
import time
from collections import Counter
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from planner.notices import caps
from planner.notices.details import find_doc_no, is_date_line
from planner.notices.document import Block, Paragraph, Place, Table
from planner.notices.outline import read_number
from planner.notices.pdf_cells import CJK_GAP, Char, cell_texts, page_chars
from planner.notices.pdf_tables import (
    MAX_SEGMENTS,
    PageTable,
    continues,
    find_frames,
    join_continued,
    lattice_cells,
    rules_from_boxes,
)
from planner.notices.refusals import (
    DamagedNoticeError,
    EncryptedNoticeError,
    NoticeTooLargeError,
    ScannedNoticeError,
)
from planner.sheets.grid import Cell, Grid, MergedRange

_PAGE_NUMBER = re.compile(r"^[-—–－_\s]*(?:\d+|第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+"
                          r"|page\s*\d+(?:\s*of\s*\d+)?)[-—–－_\s]*$", re.IGNORECASE)
# What a line may start with that the line above could not take: a figure or Latin word, with the closing marks
# that may not start a line after it ("2000人次" moved down whole, "2024年" stays together with "年" as it may).
_UNBREAKABLE_START = re.compile(r"[0-9A-Za-z][0-9A-Za-z.,:%/+\-~～％．]*[。，、；：？！）)》」』”’]*")
_SENTENCE_ENDS = ("。", "；", ";", "：", ":", "！", "？")
_MARGIN_BAND = 0.1  # the top and bottom tenth of a page, where running headers and footers stand
_BOLD_WEIGHT = 600
# Spaces in a line of text: a letter-spaced title (通  知) or a PDF writer's spacing is dropped; a gap wider than
# this many characters sets things apart, as two offices signing side by side on one line.
_WIDE_GAP_EMS = 3.0
_SPACES = re.compile(r" +")
_FORM_OBJECT = 5  # FPDF_PAGEOBJ_FORM: a form XObject, whose content holds more objects


@dataclass
class _Line:
    text: str
    page: int
    left: float
    right: float
    top: float
    bottom: float
    size: float
    bold: bool
    lead_width: float = 0.0  # of the figure or Latin word the line starts with, which a wrap cannot cut

    @property
    def center(self) -> float:
        return (self.left + self.right) / 2


def _open(data: bytes, file_name: str) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if pdfium_c.FPDF_GetLastError() == pdfium_c.FPDF_ERR_PASSWORD or "password" in str(exc).lower():
            raise EncryptedNoticeError(f"文件“{file_name}”设置了打开密码（PDF 已加密），无法读取。"
                                       "请取消密码另存，或使用原始的 Word 文件。") from None
        raise DamagedNoticeError(f"文件“{file_name}”已损坏或不完整（PDF 结构无法读取），无法读取。"
                                 "请在 PDF 阅读器中打开检查并另存后再试。") from None


def _page_text(textpage: pdfium.PdfTextPage) -> str:
    """The page's text, one character per pdfium character index."""
    count = textpage.count_chars()
    if count <= 0:
        return ""
    text = textpage.get_text_range(0, count)
    if len(text) != count:  # characters outside the BMP: positions are looked up by index, keep them aligned
        text = "".join(textpage.get_text_range(i, 1)[:1] or " " for i in range(count))
    return text


def _page_lines(textpage: pdfium.PdfTextPage, text: str, page_number: int) -> list[_Line]:
    lines = []
    position = 0
    for raw_line in text.split("\n"):
        start, end = position, position + len(raw_line)
        position = end + 1
        stripped = raw_line.strip(" \r\t\u3000")
        if not stripped:
            continue
        first = start + (len(raw_line) - len(raw_line.lstrip(" \r\t\u3000")))
        last = start + len(raw_line.rstrip(" \r\t\u3000")) - 1
        left, bottom, _r, top = textpage.get_charbox(first)
        _l, bottom2, right, top2 = textpage.get_charbox(last)
        size = pdfium_c.FPDFText_GetFontSize(textpage.raw, first) or (top - bottom)
        bold = pdfium_c.FPDFText_GetFontWeight(textpage.raw, first) >= _BOLD_WEIGHT
        unbroken = _UNBREAKABLE_START.match(stripped)
        lead_width = textpage.get_charbox(first + unbroken.end() - 1)[2] - left if unbroken else 0.0
        lines.append(_Line(CJK_GAP.sub("", _wide_gaps_kept(textpage, stripped, first, size)), page_number, left,
                           right, max(top, top2), min(bottom, bottom2), size, bold, lead_width))
    return lines


def _wide_gaps_kept(textpage: pdfium.PdfTextPage, line: str, first: int, size: float) -> str:
    """`line` (from index `first` of the page's text) with each gap wider than _WIDE_GAP_EMS characters written as
    two ideographic spaces, which joining the line's characters keeps, as a document typed them."""
    if " " not in line or size <= 0:
        return line
    parts, last = [], 0
    for match in _SPACES.finditer(line):
        before, after = first + match.start() - 1, first + match.end()
        if match.start() == 0 or match.end() >= len(line):
            continue
        gap = textpage.get_charbox(after)[0] - textpage.get_charbox(before)[2]
        if gap > _WIDE_GAP_EMS * size:
            parts += [line[last:match.start()], "\u3000\u3000"]
            last = match.end()
    return "".join(parts) + line[last:] if parts else line


def _page_boxes(page: pdfium.PdfPage) -> list[tuple[float, float, float, float]]:
    boxes = []
    segments = 0
    for item in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=3):
        count = pdfium_c.FPDFPath_CountSegments(item.raw)
        segments += max(count, 0)
        if segments > MAX_SEGMENTS:
            return []
        if count <= 5:
            boxes.append(item.get_bounds())
        else:
            boxes += _segment_boxes(item, count)
    return boxes


def _segment_boxes(item, count: int) -> list[tuple[float, float, float, float]]:
    """A path of many pieces (a whole grid drawn as one path): each straight piece on its own."""
    matrix = item.get_matrix()
    boxes = []
    previous = None
    x, y = pdfium_c.FS_FLOAT(), pdfium_c.FS_FLOAT()
    for index in range(count):
        segment = pdfium_c.FPDFPath_GetPathSegment(item.raw, index)
        if not segment or not pdfium_c.FPDFPathSegment_GetPoint(segment, x, y):
            continue
        point = matrix.on_point(x.value, y.value)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_LINETO and previous is not None:
            boxes.append((min(previous[0], point[0]), min(previous[1], point[1]),
                          max(previous[0], point[0]), max(previous[1], point[1])))
        previous = point
    return boxes


def _page_tables(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, text: str, page_number: int
                 ) -> list[PageTable]:
    tables = []
    chars: list[Char] | None = None
    for xs, ys, hs, vs in find_frames(rules_from_boxes(_page_boxes(page))):
        if chars is None:
            chars = page_chars(textpage, text)
        cells = lattice_cells(xs, ys, hs, vs)
        texts = cell_texts(chars, xs, ys, cells)
        rows: list[list[str | None]] = [[None] * (len(xs) - 1) for _ in range(len(ys) - 1)]
        merges = []
        for r0, c0, r1, c1 in cells:
            rows[r0][c0] = texts.get((r0, c0)) or None
            if (r0, c0) != (r1, c1):
                merges.append((r0, c0, r1, c1))
        tables.append(PageTable(page_number, ys[0], ys[-1], xs, rows, merges))
    return tables


def _join_wrapped(parts: list[str]) -> str:
    text = ""
    for part in (CJK_GAP.sub("", part.strip()) for part in parts):
        if not part:
            continue
        if text and text[-1].isascii() and text[-1].isalnum() and part[0].isascii() and part[0].isalnum():
            text += " "
        text += part
    return text


def _inside(line: _Line, tables: list[PageTable]) -> bool:
    middle = (line.top + line.bottom) / 2
    return any(table.bottom - 1 <= middle <= table.top + 1 and table.columns[0] - 1 <= line.center
               <= table.columns[-1] + 1 for table in tables)


def _running_lines(pages: list[list[_Line]], heights: list[float]) -> set[tuple[int, str]]:
    """(page, text) of the headers and footers: page numbers, and texts in the margin bands of most pages."""
    def in_band(line: _Line) -> bool:
        height = heights[line.page - 1]
        return line.bottom >= height * (1 - _MARGIN_BAND) or line.top <= height * _MARGIN_BAND

    def shape(text: str) -> str:
        return re.sub(r"\d+", "#", text)

    in_bands = {(line.page, line.text) for lines in pages for line in lines if in_band(line)}
    seen = Counter(shape(text) for _page, text in in_bands)
    repeated = {text for text, count in seen.items() if len(pages) >= 2 and count >= max(2, len(pages) / 2)}
    return {(line.page, line.text) for lines in pages for line in lines
            if in_band(line) and (_PAGE_NUMBER.match(line.text) or shape(line.text) in repeated)}


def _stands_alone(text: str) -> bool:
    """A line that is a 文号 or a date and nothing else: a paragraph of its own, whatever its typesetting."""
    doc_no = find_doc_no(text)
    return (doc_no is not None and doc_no[0] == 0 and doc_no[1] == len(text)) or is_date_line(text)


class _Paragraphs:
    """Joins lines into paragraphs by the typesetting of the document as a whole."""

    def __init__(self, lines: list[_Line]):
        self.size = statistics.median(line.size for line in lines) if lines else 12.0
        lefts = Counter(round(line.left) for line in lines)
        self.left = min((left for left, _n in lefts.most_common(3)), default=0)
        rights = sorted(line.right for line in lines)
        self.right = rights[int(len(rights) * 0.9)] if rights else 0
        gaps = [a.top - b.top for a, b in zip(lines, lines[1:]) if a.page == b.page and a.top > b.top]
        self.leading = statistics.median(gaps) if gaps else self.size * 1.5

    def centred(self, line: _Line) -> bool:
        margin = 2 * self.size
        return (line.left > self.left + margin and line.right < self.right - margin
                and abs(line.center - (self.left + self.right) / 2) < self.size)

    def starts_new(self, previous: _Line, line: _Line) -> bool:
        if abs(line.size - previous.size) > 0.15 * self.size:
            return True
        if line.size > 1.15 * self.size:  # a title's lines: one paragraph while they follow closely
            return line.page != previous.page or previous.top - line.top > 2 * line.size
        if self.centred(line) or self.centred(previous):
            return True
        if line.left > self.left + 0.8 * self.size:
            return True
        if _stands_alone(line.text) or _stands_alone(previous.text):
            return True
        numbered = read_number(line.text) is not None
        if previous.right < self.right - 1.5 * self.size and (numbered or not self._moved_down(previous, line)):
            return True
        if numbered and previous.text.endswith(_SENTENCE_ENDS):
            return True  # a numbered item after a full sentence, where the typesetting has no indent to tell it
        return line.page == previous.page and previous.top - line.top > 1.8 * self.leading

    def _moved_down(self, previous: _Line, line: _Line) -> bool:
        """Whether `previous` stops short only because the figure `line` starts with would not fit after it."""
        return line.lead_width > 0 and self.right - previous.right <= line.lead_width + 0.5 * self.size


def read_pdf(data: bytes, file_name: str) -> tuple[list[Block], list[str]]:
    """The blocks of the PDF `data` in reading order, and warnings (pages without text)."""
    document = _open(data, file_name)
    try:
        return _read(document, file_name)
    finally:
        document.close()


def _read(document: pdfium.PdfDocument, file_name: str) -> tuple[list[Block], list[str]]:
    page_count = len(document)
    if page_count > caps.MAX_PAGES:
        raise NoticeTooLargeError(f"文件“{file_name}”有 {page_count} 页，超过通知文件 {caps.MAX_PAGES} 页的上限。")
    started = time.monotonic()
    pages: list[list[_Line]] = []
    heights: list[float] = []
    tables: list[PageTable] = []
    blank_pages = []
    for index in range(page_count):
        page = document[index]
        textpage = page.get_textpage()
        heights.append(page.get_height())
        text = _page_text(textpage)
        page_tables = _page_tables(page, textpage, text, index + 1)
        lines = [line for line in _page_lines(textpage, text, index + 1) if not _inside(line, page_tables)]
        if not lines and not page_tables:
            blank_pages.append(index + 1)
        pages.append(lines)
        tables += page_tables
        textpage.close()
        page.close()
        if time.monotonic() - started > caps.PDF_SECONDS_PER_PAGE * max(page_count, 20):
            raise NoticeTooLargeError(f"文件“{file_name}”读到第{index + 1}页时已超过时限，文件可能异常，已停止读取。")
    if len(blank_pages) == page_count:
        raise ScannedNoticeError(f"文件“{file_name}”是扫描件：PDF 中只有页面图片，没有文字层，暂时无法直接读取。"
                                 "请使用原始的 Word 或 WPS 文件，或从网站上复制通知正文。")
    warnings = [f"第{page}页没有文字（可能是扫描的页面），已跳过。" for page in blank_pages]
    return _assemble(pages, heights, tables, file_name), warnings


def _flow(pages: list[list[_Line]], heights: list[float], tables: list[PageTable]) -> list[_Line | PageTable]:
    """Lines and tables in reading order, headers and footers left out, a table running on to the next page
    joined to its start."""
    running = _running_lines(pages, heights)
    by_page: dict[int, list[PageTable]] = {}
    for table in tables:
        by_page.setdefault(table.page, []).append(table)
    flow: list[_Line | PageTable] = []
    for number, lines in enumerate(pages, start=1):
        waiting = sorted(by_page.get(number, []), key=lambda table: -table.top)
        for line in lines:
            if (line.page, line.text) in running:
                continue  # page numbers are often drawn first or last, wherever they stand on the page
            while waiting and waiting[0].top >= line.top:
                _add_table(flow, waiting.pop(0))
            flow.append(line)
        for table in waiting:
            _add_table(flow, table)
    return flow


def _add_table(flow: list[_Line | PageTable], table: PageTable) -> None:
    if flow and isinstance(flow[-1], PageTable) and continues(flow[-1], table):
        flow[-1] = join_continued(flow[-1], table)
    else:
        flow.append(table)


def _assemble(pages: list[list[_Line]], heights: list[float], tables: list[PageTable], file_name: str
              ) -> list[Block]:
    flow = _flow(pages, heights, tables)
    layout = _Paragraphs([item for item in flow if isinstance(item, _Line)])
    blocks: list[Block] = []
    current: list[_Line] = []
    counts = {"paragraph": 0, "table": 0}

    def flush() -> None:
        if not current:
            return
        counts["paragraph"] += 1
        first = current[0]
        blocks.append(Paragraph(text=_join_wrapped([line.text for line in current]),
                                place=Place(page=first.page, paragraph=counts["paragraph"]),
                                bold=first.bold, centered=layout.centred(current[-1])))
        current.clear()
        caps.check_blocks(file_name, len(blocks))

    for item in flow:
        if isinstance(item, PageTable):
            flush()
            counts["table"] += 1
            caps.check_table(file_name, counts["table"], len(item.rows), len(item.columns) - 1)
            rows: list[list[Cell]] = [list(row) for row in item.rows]
            grid = Grid(name=f"表{counts['table']}", rows=rows, file_name=file_name,
                        merges=[MergedRange(*merged) for merged in item.merges])
            blocks.append(Table(grid=grid, place=Place(page=item.page, table=counts["table"])))
            continue
        if current and layout.starts_new(current[-1], item):
            flush()
        current.append(item)
    flush()
    return blocks
