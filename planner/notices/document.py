"""A notice as its readers hand it over: blocks of text and tables in reading order, each with its place.

Every reader (Word, PDF, web page, plain or pasted text) produces a `NoticeDocument`;
the recognition works on it alone, whatever the file was. A paragraph keeps the
numbering a Word list renders in front of it (`label`), since the outline of a
notice (一、 （一） 1. （1）) often lives there and not in the text; a table is a
`planner.sheets.grid.Grid`, so an appendix table goes through the same layout
detection as a spreadsheet. A scanned notice (`planner.notices.ocr`) gives its
paragraphs an `OcrReading` (how sure the recognition was of each line, and which
characters a clerk should check) and the document the images of its pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.sheets.grid import Grid


@dataclass(frozen=True)
class Place:
    """Where a block sits in the file, in the words a clerk uses: 第3页, 第12段, 表1."""

    page: int | None = None  # 1-based, for paged formats (PDF)
    paragraph: int | None = None  # 1-based, in reading order
    table: int | None = None  # 1-based

    def label(self) -> str:
        parts = []
        if self.page is not None:
            parts.append(f"第{self.page}页")
        if self.table is not None:
            parts.append(f"表{self.table}")
        elif self.paragraph is not None:
            parts.append(f"第{self.paragraph}段")
        return "".join(parts) or "正文"


@dataclass(frozen=True)
class OcrLine:
    """One recognised line of a scanned page within its paragraph's text."""

    start: int  # character offsets into the paragraph's text, end exclusive
    end: int
    confidence: float  # 0 to 1, the mean of its characters'
    box: tuple[float, float, float, float]  # left, top, right, bottom as fractions of the page image


@dataclass(frozen=True)
class OcrReading:
    """What the text recognition of a scanned page says about a paragraph."""

    lines: tuple[OcrLine, ...]
    doubtful: tuple[tuple[int, int], ...] = ()  # character ranges (end exclusive) recognised with low confidence

    @property
    def confidence(self) -> float:
        """The least sure line's confidence, 0 to 1."""
        return min((line.confidence for line in self.lines), default=1.0)


@dataclass(frozen=True)
class PageImage:
    """A scanned page as it was recognised (turned upright, straightened), for showing beside its text."""

    page: int  # 1-based
    data: bytes  # the encoded image, as QImage.fromData and Pillow read it
    width: int
    height: int
    format: str = "JPEG"


@dataclass(frozen=True)
class Paragraph:
    text: str  # as the file holds it, without the list label
    place: Place
    label: str = ""  # the rendered list number in front of it ("1.", "（一）"), when the file numbers it
    style: str = ""  # the paragraph style's name where the format has one ("Heading 1", "标题 2", "h2")
    bold: bool = False
    centered: bool = False
    ocr: OcrReading | None = None  # for a paragraph read from a scan

    @property
    def confidence(self) -> float | None:
        """How sure the text recognition was of this paragraph (0 to 1); None for text the file held."""
        return self.ocr.confidence if self.ocr is not None else None

    @property
    def full_text(self) -> str:
        return f"{self.label}{self.text}" if self.label else self.text


@dataclass(frozen=True)
class Table:
    grid: Grid
    place: Place


Block = Paragraph | Table


@dataclass
class NoticeDocument:
    file_name: str  # the file's name, or "粘贴的文本" for pasted text
    kind: str  # docx, doc, wps, pdf, html, mhtml, txt, pasted
    sha256: str  # of the file's bytes (or of the pasted text, UTF-8): the plan's source hash
    blocks: list[Block] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # what a reader noticed (a page without text, …)
    page_images: list[PageImage] = field(default_factory=list)  # a scan's pages, as recognised

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [block for block in self.blocks if isinstance(block, Paragraph)]

    @property
    def tables(self) -> list[Table]:
        return [block for block in self.blocks if isinstance(block, Table)]

    def paragraph_at(self, place: Place) -> Paragraph | None:
        """The paragraph at `place` (a `NoticeItem`'s place): where a wizard finds a line's OCR confidence."""
        for block in self.blocks:
            if isinstance(block, Paragraph) and block.place == place:
                return block
        return None

    def page_image(self, page: int) -> PageImage | None:
        return next((image for image in self.page_images if image.page == page), None)
