"""The page after GB/T 9704-2012 (党政机关公文格式): A4, a 156 × 225 mm text block, page numbers "— 1 —".

Portrait pages: top margin (天头) 37 mm, binding margin (订口) 28 mm, so 26 mm
outside and 35 mm below. Even pages mirror the binding margin to the right, so that
printed back to back the text blocks cover each other. The body grid is 22 lines
of 28 characters in 3号 (16 pt). Landscape pages (wide tables) use the same text
block turned a quarter: 225 × 156 mm, kept clear of the binding edge. The page number, 4号 (14 pt) Song-style
half-width digits between two 一字线, sits 7 mm below the text block: odd pages
on the right, even pages on the left, one character in from the block's edge.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import ActionFlowable, BaseDocTemplate, Frame, PageTemplate

from planner.documents.fonts import SONG, ReportFonts
from planner.documents.textflow import Line, Measurer, TextStyle, draw_line

PORTRAIT, LANDSCAPE = "portrait", "landscape"
TOP_MARGIN = 37 * mm
BINDING_MARGIN = 28 * mm
BLOCK_WIDTH = 156 * mm
BLOCK_HEIGHT = 225 * mm
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
LINE_PITCH = BLOCK_HEIGHT / LINES_PER_PAGE
CHAR_PITCH = BLOCK_WIDTH / CHARS_PER_LINE
BODY_SIZE = 16.0  # 3号
TITLE_SIZE = 22.0  # 2号
PAGE_NUMBER_SIZE = 14.0  # 4号
PAGE_NUMBER_GAP = 7 * mm  # from the bottom of the text block down to the 一字线
DASH_HEIGHT = 0.3  # of the font size: where a 一字线 sits above the baseline
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class PageGeometry:
    width: float
    height: float
    left: float  # the text block's left edge
    bottom: float  # the text block's bottom edge
    block_width: float
    block_height: float

    @property
    def right(self) -> float:
        return self.left + self.block_width

    @property
    def top(self) -> float:
        return self.bottom + self.block_height


def page_geometry(orientation: str, odd: bool) -> PageGeometry:
    """Where the text block lies on an odd or even page of either orientation."""
    width, height = A4 if orientation == PORTRAIT else landscape(A4)
    if orientation == PORTRAIT:
        left = BINDING_MARGIN if odd else width - BINDING_MARGIN - BLOCK_WIDTH
        return PageGeometry(width, height, left, height - TOP_MARGIN - BLOCK_HEIGHT, BLOCK_WIDTH, BLOCK_HEIGHT)
    # The sheet turned a quarter: an odd page's binding edge runs along the top (the table's head is at
    # the binding, 表头在订口一边), an even page's along the bottom; the portrait foot lies at the left.
    bottom = height - BINDING_MARGIN - BLOCK_WIDTH if odd else BINDING_MARGIN
    left = A4[1] - TOP_MARGIN - BLOCK_HEIGHT  # the portrait bottom margin, 35 mm
    return PageGeometry(width, height, left, bottom, BLOCK_HEIGHT, BLOCK_WIDTH)


def page_number_text(number: int) -> str:
    return f"— {number} —"


class SetOrientation(ActionFlowable):
    """Pages after the next page break are of this orientation (put it just before a PageBreak)."""

    def __init__(self, orientation: str):
        super().__init__(("orientation", orientation))


class OfficialDocTemplate(BaseDocTemplate):
    """Portrait or landscape pages, odd and even, each chosen as the page begins."""

    def __init__(self, target, fonts: ReportFonts, *, orientation: str = PORTRAIT, title: str = "",
                 author: str = "", subject: str = "", progress: Progress | None = None,
                 expected_pages: int = 1):
        super().__init__(target, pagesize=A4, leftMargin=0, rightMargin=0, topMargin=0, bottomMargin=0,
                         title=title, author=author, subject=subject, creator="年度目标任务管理",
                         initialFontName=fonts.name(SONG), initialFontSize=PAGE_NUMBER_SIZE, invariant=1)
        self.fonts = fonts
        self.measurer = Measurer(fonts)
        self.orientation = orientation
        self._report_progress = progress
        self.expected_pages = max(1, expected_pages)
        self._templates: dict[tuple[str, bool], PageTemplate] = {}
        for kind in (PORTRAIT, LANDSCAPE):
            for odd in (True, False):
                geometry = page_geometry(kind, odd)
                frame = Frame(geometry.left, geometry.bottom, geometry.block_width, geometry.block_height,
                              leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=f"{kind}-{odd}")
                template = PageTemplate(id=f"{kind}-{'odd' if odd else 'even'}", frames=[frame],
                                        onPage=self._draw_page_number, pagesize=(geometry.width, geometry.height))
                self._templates[(kind, odd)] = template
        self.addPageTemplates(list(self._templates.values()))

    def build(self, flowables, filename=None, canvasmaker=Canvas) -> None:
        # Binary page streams: ASCII85 would make the file a quarter bigger, and without reportlab's
        # C accelerator encoding a few hundred pages takes seconds. reportlab reads the switch globally.
        from reportlab import rl_config

        saved = rl_config.useA85
        rl_config.useA85 = 0
        try:
            super().build(flowables, filename, canvasmaker)
        finally:
            rl_config.useA85 = saved

    def handle_orientation(self, orientation: str) -> None:
        self.orientation = orientation

    def handle_pageBegin(self) -> None:
        self.pageTemplate = self._templates[(self.orientation, (self.page + 1) % 2 == 1)]
        super().handle_pageBegin()
        if self._report_progress is not None:
            self.expected_pages = max(self.expected_pages, self.page + 1)
            self._report_progress(self.page, self.expected_pages)

    def _draw_page_number(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        """Where the portrait page has it. A turned page keeps it there too, turned with the sheet
        (GB/T 9704-2012 10.2: 页码位置与公文其他页码保持一致): the number stands at the foot of the bound
        document, not at the foot of the table."""
        odd = doc.page % 2 == 1
        geometry = page_geometry(PORTRAIT, odd)
        style = TextStyle(SONG, PAGE_NUMBER_SIZE, PAGE_NUMBER_SIZE)
        text = page_number_text(doc.page)
        width = self.measurer.width(text, style)
        inset = PAGE_NUMBER_SIZE  # 空一字
        x = geometry.right - inset - width if odd else geometry.left + inset
        baseline = geometry.bottom - PAGE_NUMBER_GAP - DASH_HEIGHT * PAGE_NUMBER_SIZE
        canvas.saveState()
        if self.orientation == LANDSCAPE:
            # Portrait coordinates onto the turned sheet: the portrait foot runs along its left edge, the
            # binding edge along its top (odd pages) or bottom (even pages), as page_geometry lays the block.
            canvas.transform(0, -1, 1, 0, 0, A4[0])
        draw_line(canvas, self.measurer, Line(text, width, True), x, baseline, style)
        canvas.restoreState()
