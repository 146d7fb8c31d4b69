"""Text on the official-document grid: every line one twenty-second of the text block, 28 characters wide.

A paragraph is a list of spans (a heading run in 楷体 followed by body text in
仿宋, say); it is broken into lines once and split between lines across pages.
Tables and figures are not on the grid, so `GridSnap` after them moves the text
that follows down to the next grid line.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from reportlab.platypus import Flowable

from planner.documents.fonts import FANGSONG
from planner.documents.page_geometry import BODY_SIZE, CHAR_PITCH, LINE_PITCH
from planner.documents.textflow import (
    CELL_TEXT_LIMIT,
    CUT_MARK,
    Line,
    Measurer,
    TextStyle,
    break_positions,
    clean_text,
    draw_line,
)
from planner.documents.title_lines import title_breaks

EM_BOX_TOP = 0.88  # of the size: from the top of a Chinese character's em box down to its baseline
JUSTIFY, LEFT, CENTER, RIGHT = "justify", "left", "center", "right"
MIN_START_LINES = 2

PLATYPUS_MARKS = frozenset({"_postponed", "_frame", "canv"})


@dataclass(frozen=True)
class Span:
    text: str
    role: str = FANGSONG
    bold: bool = False
    colour: str = "#000000"


def bounded_spans(spans: list[Span], limit: int = CELL_TEXT_LIMIT) -> list[Span]:
    """The spans of a paragraph up to `limit` characters in all, the last one cut with CUT_MARK if need be."""
    kept, used = [], 0
    for span in spans:
        if used + len(span.text) <= limit:
            kept.append(span)
            used += len(span.text)
            continue
        kept.append(replace(span, text=span.text[:limit - used] + CUT_MARK))
        break
    return kept


@dataclass(frozen=True)
class _GridLine:
    start: int
    stop: int
    last: bool  # the paragraph's last line: not justified
    first: bool  # the paragraph's first line: indented


class GridText(Flowable):
    """One paragraph of `spans` on the grid; `indent` and `right_indent` count characters of the grid."""

    def __init__(self, spans: list[Span] | str, measurer: Measurer, *, size: float = BODY_SIZE,
                 align: str = JUSTIFY, indent: float = 2, right_indent: float = 0, hanging: float = 0,
                 on_grid: bool = True):
        super().__init__()
        self.spans = bounded_spans([Span(spans)] if isinstance(spans, str) else list(spans))
        self.measurer = measurer
        self.size = size
        self.align = align
        self.indent = indent * CHAR_PITCH
        self.hanging = hanging * CHAR_PITCH  # the lines after the first start this far in
        self.right_indent = right_indent * CHAR_PITCH
        # On the grid each character takes one 28th of the line; a bigger title keeps its own spacing.
        self.char_space = CHAR_PITCH - size if on_grid else 0.0
        self._text = "".join(clean_text(span.text).replace("\n", " ") for span in self.spans)
        self._styles = [TextStyle(span.role, size, LINE_PITCH, self.char_space, span.colour, span.bold)
                        for span in self.spans]
        bounds, offset = [], 0
        for span in self.spans:
            offset += len(clean_text(span.text))
            bounds.append(offset)
        self._bounds = bounds
        self._advances: list[float] = []
        for span, style in zip(self.spans, self._styles):
            self._advances.extend(measurer.advances(clean_text(span.text).replace("\n", " "), style))
        self._lines: list[_GridLine] | None = None
        self._width = 0.0

    @property
    def text(self) -> str:
        return self._text

    def _layout(self, width: float) -> list[_GridLine]:
        if self._lines is None or abs(width - self._width) > 0.01:
            room = width - self.right_indent
            if not self._text:
                self._lines = [_GridLine(0, 0, True, True)]
            else:
                if self.align == CENTER:
                    found = title_breaks(self._text, self._advances, room - self.indent)
                else:
                    found = break_positions(self._text, self._advances, room - self.indent, room - self.hanging)
                self._lines = [_GridLine(start, stop, last, i == 0) for i, (start, stop, last) in enumerate(found)]
            self._width = width
        return self._lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = len(self._layout(availWidth)) * LINE_PITCH
        return self.width, self.height

    def min_start(self, width: float) -> float:
        """What may stand at the foot of a page under a heading: two lines, or all if there are fewer."""
        return min(MIN_START_LINES, len(self._layout(width))) * LINE_PITCH

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        lines = self._layout(availWidth)
        fit = int((availHeight + 0.01) // LINE_PITCH)
        if fit <= 0:
            return []
        if fit >= len(lines):
            return [self]
        return [self._part(lines[:fit]), self._part(lines[fit:])]

    def _part(self, lines: list[_GridLine]) -> GridText:
        part = GridText.__new__(GridText)
        # Not what platypus noted on this flowable (a postponement, its frame): the part is placed afresh.
        part.__dict__.update((k, v) for k, v in self.__dict__.items() if k not in PLATYPUS_MARKS)
        part._lines = lines
        return part

    def _pieces(self, start: int, stop: int):
        """(text, style, advances) of each span's share of text[start:stop]."""
        begin = 0
        for end, style in zip(self._bounds, self._styles):
            low, high = max(start, begin), min(stop, end)
            if low < high:
                yield self._text[low:high], style, self._advances[low:high]
            begin = end

    def draw(self) -> None:
        canvas = self.canv
        room = self.width - self.right_indent
        for number, line in enumerate(self._lines or []):
            top = self.height - number * LINE_PITCH
            baseline = top - (LINE_PITCH - self.size) / 2 - EM_BOX_TOP * self.size
            start_x = self.indent if line.first else self.hanging
            used = sum(self._advances[line.start:line.stop]) - self.char_space  # no spacing after the last
            chars = line.stop - line.start
            extra = 0.0
            if self.align == JUSTIFY and not line.last and chars > 1:
                extra = max(0.0, (room - start_x - used) / (chars - 1))
            elif self.align == CENTER:
                start_x = (room - used) / 2
            elif self.align == RIGHT:
                start_x = room - used
            x = start_x
            for text, style, advances in self._pieces(line.start, line.stop):
                draw_line(canvas, self.measurer, Line(text, sum(advances)), x, baseline, style, extra)
                x += sum(advances) + extra * len(text)


class GridSnap(Flowable):
    """Space down to the next grid line, after something drawn off the grid (a table or a figure)."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        frame = getattr(self, "_frame", None)
        gap = 0.0
        if frame is not None and not frame._atTop:
            used = frame._y2 - frame._topPadding - frame._y
            remainder = used % LINE_PITCH
            if 0.5 < remainder < LINE_PITCH - 0.5:
                gap = min(LINE_PITCH - remainder, availHeight)
        self.width, self.height = availWidth, gap
        return availWidth, gap

    def draw(self) -> None:
        pass


def blank_lines(count: int) -> Flowable:
    from reportlab.platypus import Spacer

    return Spacer(1, count * LINE_PITCH)
