"""The 版头 of a document sent upward, after GB/T 9704-2012 7.2.

The 发文机关标志 ("衡水市民政局文件", or the office's name alone) in red 小标宋, centred,
its top edge 35 mm below the top of the text block; two blank lines below it the line
of the 发文字号, one character in from the left, and of the 签发人, one character in
from the right ("签发人：" in 3号 仿宋, the name in 3号 楷体) — as an upward document
has them; a 发文字号 without a 签发人 is centred. 4 mm below that line a red rule as
wide as the text block. The flowable ends on a grid line, so that the title (two blank
lines further down) and the body keep the 22 lines of the page.
"""

from __future__ import annotations

import math

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from planner.documents.flowables import EM_BOX_TOP
from planner.documents.fonts import FANGSONG, KAI, TITLE
from planner.documents.page_geometry import BODY_SIZE, CHAR_PITCH, LINE_PITCH
from planner.documents.textflow import Line, Measurer, TextStyle, clean_text, draw_line

RED = "#E60012"  # the red of printed 公文 (C0 M100 Y100 K0)
MARK_TOP = 35 * mm  # from the top of the text block to the top edge of the 发文机关标志
MARK_MAX_SIZE = 42.0  # points: a short office name is not blown up to the width of the page
MARK_FILL = 0.9  # of the text block's width, at most, that a long name takes
BLANK_LINES_BELOW_MARK = 2
RULE_GAP = 4 * mm  # from the 发文字号's line down to the red rule
RULE_WIDTH = 1.0  # points
EM_BOX_BOTTOM = 0.12  # of the size: from the baseline down to the bottom of a Chinese character's em box
SIGNER_LABEL = "签发人："


class Letterhead(Flowable):
    """发文机关标志, 发文字号 and 签发人, and the red rule under them, at the top of the first page."""

    def __init__(self, mark: str, doc_no: str, signer: str, measurer: Measurer, fake_bold: bool = False):
        super().__init__()
        self.mark, self.doc_no, self.signer = (clean_text(text).replace("\n", " ").strip()
                                               for text in (mark, doc_no, signer))
        self.measurer = measurer
        self.fake_bold = fake_bold

    def _mark_style(self, width: float) -> TextStyle:
        natural = self.measurer.width(self.mark, TextStyle(TITLE, 1.0, 1.0))
        size = min(MARK_MAX_SIZE, width * MARK_FILL / natural) if natural else MARK_MAX_SIZE
        return TextStyle(TITLE, size, size, colour=RED, bold=self.fake_bold)

    def _number_line(self, mark_size: float) -> int:
        """The grid line (0 at the top) that holds the 发文字号: two blank lines below the mark."""
        mark_bottom = MARK_TOP + mark_size
        return math.ceil(mark_bottom / LINE_PITCH - 0.01) + BLANK_LINES_BELOW_MARK

    def _rule_drop(self, mark_size: float) -> float:
        """From the top of the flowable down to the red rule."""
        line = self._number_line(mark_size)
        baseline_drop = line * LINE_PITCH + (LINE_PITCH - BODY_SIZE) / 2 + EM_BOX_TOP * BODY_SIZE
        return baseline_drop + EM_BOX_BOTTOM * BODY_SIZE + RULE_GAP

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        # Whole lines down to the rule, so that what follows stands on the grid.
        self.height = math.ceil(self._rule_drop(self._mark_style(availWidth).size) / LINE_PITCH) * LINE_PITCH
        return self.width, self.height

    def draw(self) -> None:
        canvas, width, top = self.canv, self.width, self.height
        mark = self._mark_style(width)
        mark_width = self.measurer.width(self.mark, mark)
        draw_line(canvas, self.measurer, Line(self.mark, mark_width), (width - mark_width) / 2,
                  top - MARK_TOP - EM_BOX_TOP * mark.size, mark)
        line = self._number_line(mark.size)
        baseline = top - line * LINE_PITCH - (LINE_PITCH - BODY_SIZE) / 2 - EM_BOX_TOP * BODY_SIZE
        body = TextStyle(FANGSONG, BODY_SIZE, LINE_PITCH)
        if self.doc_no:
            number_width = self.measurer.width(self.doc_no, body)
            x = CHAR_PITCH if self.signer else (width - number_width) / 2
            draw_line(canvas, self.measurer, Line(self.doc_no, number_width), x, baseline, body)
        if self.signer:
            name = TextStyle(KAI, BODY_SIZE, LINE_PITCH)
            label_width = self.measurer.width(SIGNER_LABEL, body)
            name_width = self.measurer.width(self.signer, name)
            x = width - CHAR_PITCH - name_width - label_width
            draw_line(canvas, self.measurer, Line(SIGNER_LABEL, label_width), x, baseline, body)
            draw_line(canvas, self.measurer, Line(self.signer, name_width), x + label_width, baseline, name)
        rule_y = top - self._rule_drop(mark.size)
        canvas.saveState()
        canvas.setStrokeColor(HexColor(RED))
        canvas.setLineWidth(RULE_WIDTH)
        canvas.line(0, rule_y, width, rule_y)
        canvas.restoreState()
