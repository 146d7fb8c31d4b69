"""Recognised lines put together as a notice: paragraphs by the page's typesetting, tables as grids.

The lines of a scan come without paragraphs. As in the PDF reader, a paragraph starts with
the two-character indent, after a line that stops short of the right margin, after a wider
gap, and a centred line (a title, a signature) stands apart from the text around it; a
paragraph runs on over a page break unless the next page's first line is indented. The
margins and the size of a character are measured on the scan itself. Page numbers and lines
repeated at the top or bottom of most pages (a running header) are dropped. Each paragraph
keeps its lines' confidences and places on the page image, and the characters read with
little confidence, for the wizard to mark.
"""

from __future__ import annotations

import re
import statistics
from bisect import bisect_left
from collections import Counter
from difflib import SequenceMatcher

from planner.notices.document import (
    Block,
    NoticeDocument,
    OcrLine,
    OcrReading,
    PageImage,
    Paragraph,
    Place,
    Table,
)
from planner.notices.ocr.corrections import correct_line, correct_text
from planner.notices.ocr.pages import ReadLine, ReadPage, ReadTable
from planner.notices.pdf_tables import PageTable, continues, join_continued
from planner.notices.refusals import ScannedNoticeError
from planner.sheets.grid import Cell, Grid, MergedRange

DOUBTFUL = 0.90  # a character read with less confidence than this is marked for the clerk to check (about 1 in 200;
# Tesseract rates most characters above 0.95, and its misreadings mostly between 0.6 and 0.9)
_PAGE_NUMBER = re.compile(r"^\s*—\s*\d{1,4}\s*—\s*$|^\s*第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?\s*$")
_EDGE = 0.1  # the top and bottom tenth of a page, where running headers and footers stand
LARGE = 1.2  # a line this many times the body's height is in a title's face
SMALL = 0.8  # a line at a page's edge less than this times the body's height is a running header or footer


class _Measures:
    """The body's left and right margins and a character's size, in each page's pixels."""

    def __init__(self, pages: list[ReadPage]):
        lines = [line for page in pages for line in page.lines]
        heights = [line.box[3] - line.box[1] for line in lines] or [20]
        self.char = max(4.0, statistics.median(heights))
        step = self.char / 2
        lefts = Counter(round(line.box[0] / step) for line in lines)
        self.left = lefts.most_common(1)[0][0] * step if lefts else 0.0
        rights = sorted(line.box[2] for line in lines) or [0]
        self.right = float(rights[int(len(rights) * 0.9)]) if rights else 0.0

    def large(self, line: ReadLine) -> bool:
        """Set in a larger face than the body: a title."""
        return line.box[3] - line.box[1] > LARGE * self.char

    def indented(self, line: ReadLine) -> bool:
        return line.box[0] > self.left + self.char

    def short(self, line: ReadLine) -> bool:
        return line.box[2] < self.right - 1.5 * self.char

    def centred(self, line: ReadLine) -> bool:
        space_left, space_right = line.box[0] - self.left, self.right - line.box[2]
        balanced = abs(space_left - space_right) < 3 * self.char
        return space_left > 2 * self.char and space_right > 2 * self.char and balanced


def _running(pages: list[ReadPage], measures: _Measures) -> set[int]:
    """The ids of lines at the top or bottom of a page that are page furniture: set in a smaller face than the
    body, or reading alike on most pages (alike, not the same: OCR reads it a little differently on each)."""
    edges = [[line for line in page.lines
              if line.box[3] < page.height * _EDGE or line.box[1] > page.height * (1 - _EDGE)] for page in pages]
    running = {id(line) for lines in edges for line in lines if line.box[3] - line.box[1] < SMALL * measures.char}
    if len(pages) < 3:
        return running
    needed = max(2, len(pages) // 2)
    for number, lines in enumerate(edges):
        for line in lines:
            alike = sum(1 for other, others in enumerate(edges) if other != number and any(
                SequenceMatcher(None, line.text, candidate.text).ratio() >= 0.6 for candidate in others))
            if alike >= needed:
                running.add(id(line))
    return running


def _doubtful(confidences: list[float]) -> tuple[tuple[int, int], ...]:
    ranges: list[tuple[int, int]] = []
    for index, value in enumerate(confidences):
        if value >= DOUBTFUL:
            continue
        if ranges and ranges[-1][1] == index:
            ranges[-1] = (ranges[-1][0], index + 1)
        else:
            ranges.append((index, index + 1))
    return tuple(ranges)


def _fraction(box: tuple[int, int, int, int], page: ReadPage) -> tuple[float, float, float, float]:
    left, top, right, bottom = box
    return left / page.width, top / page.height, right / page.width, bottom / page.height


def _latin_join(text: str, part: str) -> bool:
    """Whether a wrapped line joins the text before it with a space (an English word ends and one begins)."""
    return text[-1:].isascii() and text[-1:].isalpha() and part[:1].isascii() and part[:1].isalpha()


class _Builder:
    def __init__(self, file_name: str):
        self.file_name = file_name
        self.blocks: list[Block] = []
        self.current: list[tuple[ReadPage, ReadLine]] = []
        self.paragraphs = 0
        self.tables = 0
        self.pending_table: PageTable | None = None

    def flush(self, centred: bool = False) -> None:
        if not self.current:
            return
        self.paragraphs += 1
        raw = ""
        spans: list[tuple[int, int, ReadPage, ReadLine]] = []
        raw_confidences: list[float] = []
        for page, line in self.current:
            separator = " " if _latin_join(raw, line.text) else ""
            raw_confidences += [1.0] * len(separator) + line.confidences
            raw += separator
            spans.append((len(raw), len(raw) + len(line.text), page, line))
            raw += line.text
        text, sources = correct_text(raw)
        confidences = [raw_confidences[source] for source in sources]
        marks = [OcrLine(bisect_left(sources, start), bisect_left(sources, end),
                         round(sum(line.confidences) / max(len(line.confidences), 1), 3), _fraction(line.box, page))
                 for start, end, page, line in spans]
        first_page = self.current[0][0]
        self.blocks.append(Paragraph(text=text, place=Place(page=first_page.number, paragraph=self.paragraphs),
                                     centered=centred, ocr=OcrReading(tuple(marks), _doubtful(confidences))))
        self.current = []

    def add_table(self, page: ReadPage, table: ReadTable) -> None:
        part = PageTable(page=page.number, top=-table.box[1], bottom=-table.box[3], columns=table.columns,
                         rows=[list(row) for row in table.rows], merges=list(table.merges))
        if self.pending_table is not None and continues(self.pending_table, part):
            self.pending_table = join_continued(self.pending_table, part)
            return
        self.close_table()
        self.pending_table = part

    def close_table(self) -> None:
        table = self.pending_table
        if table is None:
            return
        self.pending_table = None
        self.tables += 1
        rows: list[list[Cell]] = [list(row) for row in table.rows]
        grid = Grid(name=f"表{self.tables}", rows=rows, file_name=self.file_name,
                    merges=[MergedRange(*merged) for merged in table.merges])
        self.blocks.append(Table(grid=grid, place=Place(page=table.page, table=self.tables)))


def assemble(pages: list[ReadPage], file_name: str, kind: str, sha256: str) -> NoticeDocument:
    """The notice the read pages make."""
    measures = _Measures(pages)
    running = _running(pages, measures)
    builder = _Builder(file_name)
    warnings: list[str] = []
    previous: ReadLine | None = None
    previous_centred = False
    for page in pages:
        if not page.lines and not page.tables:
            warnings.append(f"第{page.number}页没有识别出文字。")
        if page.turned:
            way = "倒置" if page.turned == 180 else "横放"
            warnings.append(f"第{page.number}页是{way}的，已转正后识别。")
        items: list[ReadLine | ReadTable] = [*page.lines, *page.tables]
        items.sort(key=lambda item: item.box[1])
        for item in items:
            if isinstance(item, ReadTable):
                builder.flush(previous_centred)
                builder.add_table(page, item)
                previous = None
                continue
            if _PAGE_NUMBER.match(correct_line(item.text)) or id(item) in running:
                continue
            builder.close_table()
            centred, large = measures.centred(item), measures.large(item)
            same_page = bool(builder.current) and builder.current[-1][0] is page
            gap = item.box[1] - previous.box[3] if previous is not None and same_page else 0
            if previous is not None and large and measures.large(previous) and same_page and gap < measures.char:
                centred = previous_centred = previous_centred or centred  # a title's wrapped lines stay together
                starts = False
            else:
                starts = (previous is None or measures.indented(item) or measures.short(previous)
                          or gap > 1.5 * measures.char or centred != previous_centred
                          or (centred and not same_page))
            if starts:
                builder.flush(previous_centred)
            builder.current.append((page, item))
            previous, previous_centred = item, centred
    builder.flush(previous_centred)
    builder.close_table()
    if not builder.blocks:
        raise ScannedNoticeError(f"文件“{file_name}”是扫描件，但文字识别没有在其中找到文字（页面可能是空白的，"
                                 "或图片太模糊）。请重新扫描清晰的页面，或使用原始的 Word 或 WPS 文件。")
    images = [PageImage(page.number, page.preview, *page.preview_size) for page in pages if page.preview]
    return NoticeDocument(file_name=file_name, kind=kind, sha256=sha256, blocks=builder.blocks, warnings=warnings,
                          page_images=images)
