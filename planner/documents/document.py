"""The parts of an official document (GB/T 9704-2012) as flowables, in the order the standard places them.

Title in 2号 小标宋 centred; a blank line; 主送机关 flush left; body paragraphs in 3号
仿宋 indented two characters; level-1 headings (一、) in 黑体, level-2 (（一）) in 楷体;
附件说明 one line below the body, indented two characters; then, leaving room for
the seal, the 发文机关署名 centred over the 成文日期, which stands four characters
in from the right. Each 附件 starts a new page with "附件" in 黑体 at the top left
and its title centred on the third line.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from reportlab.graphics.shapes import Drawing
from reportlab.platypus import Flowable, PageBreak

from planner.documents.chart import OfficeBars
from planner.documents.flowables import CENTER, LEFT, RIGHT, GridSnap, GridText, Span, blank_lines
from planner.documents.fonts import FANGSONG, HEI, KAI, TITLE
from planner.documents.grid_table import GridTable
from planner.documents.keeping import Closing, KeepWithNext
from planner.documents.letterhead import Letterhead
from planner.documents.page_geometry import LANDSCAPE, TITLE_SIZE, SetOrientation
from planner.documents.table_model import TableRow, TableSpec
from planner.documents.textflow import Measurer
from planner.documents.wording import document_date
from planner.domain.status import OfficeSummary

DATE_RIGHT_INDENT = 4  # 成文日期右空四字
SEAL_LINES = 2  # blank lines between the body and the signature, where the seal goes
CAPTION_SIZE = 14.0


class Story:
    """Collects the flowables of one document."""

    def __init__(self, measurer: Measurer, fake_bold_title: bool):
        self.measurer = measurer
        self.fake_bold_title = fake_bold_title
        self.flowables: list[Flowable] = []
        self._held: list[Flowable] = []  # headings waiting for what follows them

    def add(self, flowable: Flowable) -> None:
        if self._held:
            flowable = KeepWithNext(self._held, flowable)
            self._held = []
        self.flowables.append(flowable)

    def keep_with_next(self, flowable: Flowable) -> None:
        """`flowable` goes on a page only with the start of the next one added."""
        self._held.append(flowable)

    def _title(self, text: str) -> GridText:
        span = Span(text, TITLE, bold=self.fake_bold_title)
        return GridText([span], self.measurer, size=TITLE_SIZE, align=CENTER, indent=0, on_grid=False)

    def letterhead(self, mark: str, doc_no: str, signer: str) -> None:
        """The 版头 (发文机关标志, 发文字号, 签发人, red rule) and the two blank lines above the title."""
        self.add(Letterhead(mark, doc_no, signer, self.measurer, self.fake_bold_title))
        self.blank(2)

    def title(self, text: str, keep_with_next: bool = False) -> None:
        if keep_with_next:
            self.keep_with_next(self._title(text))
        else:
            self.add(self._title(text))

    def blank(self, lines: int = 1) -> None:
        self.add(blank_lines(lines))

    def recipient(self, text: str) -> None:
        self.add(GridText(f"{text}：", self.measurer, align=LEFT, indent=0))

    def paragraph(self, text: str | list[Span]) -> None:
        self.add(GridText(text, self.measurer))

    def heading1(self, text: str) -> None:
        self.keep_with_next(GridText([Span(text, HEI)], self.measurer))

    def lead_in(self, heading: str, text: str) -> None:
        """A level-2 heading run into its paragraph: "（一）社区养老。" in 楷体, the rest in 仿宋."""
        self.add(GridText([Span(heading, KAI), Span(text, FANGSONG)], self.measurer))

    def table(self, spec: TableSpec, rows: list[TableRow], caption: str = "") -> None:
        if caption:
            spec = replace(spec, caption=caption)
        self.add(GridTable(spec, rows, self.measurer))
        self.add(GridSnap())

    def figure(self, drawings: list[Drawing], caption: str) -> None:
        """Figures with their caption below the last one, which stays on its page."""
        for drawing in drawings[:-1]:
            self.add(drawing)
        self.add(KeepWithNext([drawings[-1]], self._caption(caption)))
        self.add(GridSnap())

    def office_chart(self, offices: list[OfficeSummary], caption: str) -> None:
        """推进率 by office, running over a page break between bars, the caption below the last one."""
        self.add(OfficeBars(self.measurer, offices, self._caption(caption)))
        self.add(GridSnap())

    def _caption(self, text: str) -> GridText:
        return GridText([Span(text, HEI)], self.measurer, size=CAPTION_SIZE, align=CENTER, indent=0, on_grid=False)

    def closing(self, attachments: list[str], issuer: str, day: date) -> None:
        """附件说明 and signature, kept on one page with the last lines of the body: the page that takes
        the seal always carries text of the body (GB/T 9704-2012 7.3.5)."""
        body = self.flowables.pop() if self.flowables and isinstance(self.flowables[-1], GridText | KeepWithNext) \
            else None
        self.add(Closing(body, [*self._attachment_note(attachments), *self._signature(issuer, day)]))

    def _attachment_note(self, titles: list[str]) -> list[Flowable]:
        """One blank line below the body, "附件：" indented two characters, turned lines under the title."""
        if not titles:
            return []
        if len(titles) == 1:
            return [blank_lines(1), GridText(f"附件：{titles[0]}", self.measurer, hanging=5)]
        found: list[Flowable] = [blank_lines(1)]
        for number, title in enumerate(titles, 1):
            prefix = "附件：" if number == 1 else "　　　"
            found.append(GridText(f"{prefix}{number}．{title}", self.measurer, hanging=7))
        return found

    def _signature(self, issuer: str, day: date) -> list[Flowable]:
        """Room for the seal, the issuer centred over the date, the date four characters in from the right."""
        dated = document_date(day)
        found: list[Flowable] = [blank_lines(SEAL_LINES)]
        if issuer:
            # The issuer's right end sits half the difference of the two widths further in than the date's.
            date_width = len(dated) - sum(ch.isdigit() for ch in dated) / 2
            shift = (date_width - len(issuer)) / 2
            found.append(GridText(issuer, self.measurer, align=RIGHT, indent=0,
                                  right_indent=DATE_RIGHT_INDENT + shift))
        found.append(GridText(dated, self.measurer, align=RIGHT, indent=0, right_indent=DATE_RIGHT_INDENT))
        return found

    def attachment(self, label: str, title: str, orientation: str = LANDSCAPE) -> None:
        """A new page (turned for a wide table) with 附件 top left and the title on the third line."""
        self.add(SetOrientation(orientation))
        self.add(PageBreak())
        # Label and title stand on the page only with the start of the table: a tall first row is cut.
        for flowable in (GridText([Span(label, HEI)], self.measurer, align=LEFT, indent=0), blank_lines(1),
                         self._title(title), blank_lines(1)):
            self.keep_with_next(flowable)
