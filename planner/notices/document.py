"""A notice as its readers hand it over: blocks of text and tables in reading order, each with its place.

Every reader (Word, PDF, web page, plain or pasted text) produces a `NoticeDocument`;
the recognition works on it alone, whatever the file was. A paragraph keeps the
numbering a Word list renders in front of it (`label`), since the outline of a
notice (一、 （一） 1. （1）) often lives there and not in the text; a table is a
`planner.sheets.grid.Grid`, so an appendix table goes through the same layout
detection as a spreadsheet.
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
class Paragraph:
    text: str  # as the file holds it, without the list label
    place: Place
    label: str = ""  # the rendered list number in front of it ("1.", "（一）"), when the file numbers it
    style: str = ""  # the paragraph style's name where the format has one ("Heading 1", "标题 2", "h2")
    bold: bool = False
    centered: bool = False

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

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [block for block in self.blocks if isinstance(block, Paragraph)]

    @property
    def tables(self) -> list[Table]:
        return [block for block in self.blocks if isinstance(block, Table)]
