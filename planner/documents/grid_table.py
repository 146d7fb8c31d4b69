"""Tables that run over many pages: header rows repeated, merged cells kept, rows never cut mid-line.

Every cell is broken into lines once, when the table first learns its width; a
page break then only adds up row heights, so a 2,000-row table costs one layout,
not one per page. A row that does not fit in what is left of a page moves to the
next one, unless that would leave a third of the page or more empty: then the row is
cut between lines into it, as one taller than a whole page is.
Cells of the `merged` columns span consecutive rows of one group (the Harbin
table's 主要任务 over several 重点内容 rows) and are written again on the next page
when a group runs over a page break; one taller than the room its rows have on the
page continues there with its remaining lines instead. A section row spans the whole
table and is never left alone at the foot of a page.
"""

from __future__ import annotations

from dataclasses import replace

from reportlab.lib.colors import black
from reportlab.platypus import Flowable

from planner.documents.column_widths import column_widths
from planner.documents.fonts import HEI
from planner.documents.laid_rows import MIN_ROW_LINES, LaidRow, cut_into, split_row, text_height
from planner.documents.table_model import CENTER, PAD_X, PAD_Y, RIGHT, Cell, HeaderCell, TableRow, TableSpec
from planner.documents.textflow import (
    Line,
    Measurer,
    TextStyle,
    ascent,
    bounded,
    break_lines,
    colour_operands,
    draw_line,
    text_block,
    text_operators,
)
from planner.documents.title_lines import title_breaks

RULE_WIDTH = 0.5
CAPTION_SIZE = 14.0
CAPTION_LEADING = 24.0
HEADER_FILL = "#E8E8E8"
SECTION_FILL = "#F3F3F3"
NEAR_TOP = 0.75  # of the frame's height still free: a row too tall for the rest is split rather than moved
CUT_ROOM = 1 / 3  # of the frame's height left empty below whole rows: the next row is cut into it instead
LAST_PAGE_ROWS = 2  # rows the last page of a table holds at least, when the page before can spare them

PLATYPUS_MARKS = frozenset({"_postponed", "_frame", "canv"})


class GridTable(Flowable):
    def __init__(self, spec: TableSpec, rows: list[TableRow], measurer: Measurer):
        super().__init__()
        self.spec = spec
        self.rows = rows
        self.measurer = measurer
        self._laid: list[LaidRow] | None = None
        self._header: tuple[list[float], list[float], list[tuple[HeaderCell, tuple[Line, ...]]]] | None = None
        self._widths: list[float] = []
        self._caption: tuple[Line, ...] = ()
        self._styles: dict[tuple[str, str, bool], TextStyle] = {}
        self._total: float | None = None  # the rows' height, known without adding up a long table again
        self.show_caption = bool(spec.caption)
        self.starts_page = False  # a part whose page break was moved back: it goes on the next page, whole

    # Layout

    def _style(self, cell: Cell) -> TextStyle:
        key = (cell.role, cell.colour, cell.bold)
        style = self._styles.get(key)
        if style is None:
            style = self._styles[key] = TextStyle(cell.role, self.spec.size, self.spec.leading, 0.0, cell.colour,
                                                  cell.bold)
        return style

    def _caption_style(self) -> TextStyle:
        return TextStyle(HEI, CAPTION_SIZE, CAPTION_LEADING)

    def _lines(self, cell: Cell, width: float) -> tuple[Line, ...]:
        if not cell.text:
            return ()
        return tuple(break_lines(bounded(cell.text), width - 2 * PAD_X, self._style(cell), self.measurer))

    def _header_lines(self, text: str, width: float) -> tuple[Line, ...]:
        """A header's lines, broken between words and balanced (负责/任务, never 负责任/务)."""
        style = self._style(Cell(text, HEI, CENTER))
        advances = self.measurer.advances(text, style)
        return tuple(Line(text[a:b], sum(advances[a:b]), last)
                     for a, b, last in title_breaks(text, advances, width - 2 * PAD_X))

    def _text_height(self, lines) -> float:
        return text_height(lines, self.spec.leading)

    def _layout(self, width: float) -> None:
        if self._laid is not None:
            return
        self._widths = column_widths(self.spec, self.rows, self.measurer, width)
        self._header = self._layout_header()
        if self.spec.caption:
            self._caption = tuple(break_lines(bounded(self.spec.caption), width, self._caption_style(),
                                              self.measurer))
        laid: list[LaidRow] = []
        merged = sorted(self.spec.merged)
        index = 0
        while index < len(self.rows):
            row = self.rows[index]
            if row.span is not None:
                lines = self._lines(row.span, width)
                laid.append(LaidRow(row, (lines,), self._text_height(lines)))
                index += 1
                continue
            end = index + 1
            while (row.group is not None and end < len(self.rows) and self.rows[end].span is None
                   and self.rows[end].group == row.group):
                end += 1
            group_text = tuple(self._lines(row.cells[c], self._widths[c]) for c in merged) if merged else None
            members = []
            for member in self.rows[index:end]:
                member_lines = tuple(None if c in self.spec.merged else self._lines(cell, self._widths[c])
                                     for c, cell in enumerate(member.cells))
                height = max(self._text_height(cell_lines) for cell_lines in member_lines if cell_lines is not None)
                members.append(LaidRow(member, member_lines, height, group_text))
            need = max((self._text_height(text) for text in group_text), default=0) if group_text else 0
            short = need - sum(m.height for m in members)
            if short > 0:
                members[-1] = replace(members[-1], height=members[-1].height + short)
            laid.extend(members)
            index = end
        self._laid = laid

    def _layout_header(self):
        rows = max((h.row + h.rowspan for h in self.spec.header), default=0)
        heights = [0.0] * rows
        placed = []
        for cell in sorted(self.spec.header, key=lambda h: h.rowspan):
            width = sum(self._widths[cell.column:cell.column + cell.colspan])
            lines = self._header_lines(cell.text, width)
            need = self._text_height(lines)
            spanned = heights[cell.row:cell.row + cell.rowspan]
            if sum(spanned) < need:
                heights[cell.row + cell.rowspan - 1] += need - sum(spanned)
            placed.append((cell, lines))
        lefts = [sum(self._widths[:i]) for i in range(len(self._widths))]
        return heights, lefts, placed

    def _laid_rows(self) -> list[LaidRow]:
        """The rows as laid out: platypus calls wrap or split, which lay the table out, before anything else."""
        assert self._laid is not None, "the table is laid out by wrap or split first"
        return self._laid

    @property
    def header_height(self) -> float:
        """The header rows, and the caption above them on the first part."""
        caption = len(self._caption) * CAPTION_LEADING if self.show_caption else 0.0
        return caption + (sum(self._header[0]) if self._header else 0.0)

    # Platypus

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._layout(availWidth)
        self.width = availWidth
        self.height = self.header_height + self._rows_height()
        return self.width, self.height

    def _rows_height(self) -> float:
        if self._total is None:
            self._total = sum(r.height for r in self._laid_rows())
        return self._total

    def _part(self, laid: list[LaidRow], first: bool = False, total: float | None = None) -> GridTable:
        part = GridTable.__new__(GridTable)
        # Not what platypus noted on this flowable (a postponement, its frame): the part is placed afresh.
        part.__dict__.update((k, v) for k, v in self.__dict__.items() if k not in PLATYPUS_MARKS)
        part._laid = laid
        part._total = total
        part.show_caption = self.show_caption and first
        part.starts_page = False
        return part

    def _rest(self, consumed: int, rows: list[LaidRow]) -> GridTable:
        """The part after a page break: `rows` stand for self._laid[consumed:], the first few of them changed."""
        laid = self._laid_rows()
        old = laid[consumed:]
        changed = 0
        while changed < min(len(rows), len(old)) and rows[changed] is not old[changed]:
            changed += 1
        total = (self._rows_height() - sum(r.height for r in laid[:consumed])
                 + sum(r.height for r in rows[:changed]) - sum(r.height for r in old[:changed]))
        return self._part(rows, total=total)

    def min_start(self, width: float) -> float:
        """What may stand at the foot of a page below a heading: the caption, the header and the first row, or
        its first lines if it is tall (a section row with the start of the row after it)."""
        self._layout(width)
        laid = self._laid_rows()
        need = self.header_height
        for row in laid[:2]:
            need += min(row.height, MIN_ROW_LINES * self.spec.leading + 2 * PAD_Y)
            if row.row.span is None:
                break
        return need

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return self._split(availWidth, availHeight, force=False)

    def split_forced(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """As `split`, but something is always put on this page, a tall row cut if need be: the heading above
        the table would otherwise stand alone."""
        return self._split(availWidth, availHeight, force=True)

    def _split(self, availWidth: float, availHeight: float, force: bool) -> list[Flowable]:
        self._layout(availWidth)
        laid = self._laid_rows()
        room = availHeight - self.header_height
        used, fit = 0.0, 0
        while fit < len(laid) and used + laid[fit].height <= room + 0.01:
            used += laid[fit].height
            fit += 1
        if fit >= len(laid):
            return [self]
        frame = getattr(self, "_frame", None)
        page = availHeight if frame is None else frame._y2 - frame._y1p
        # Near the top counts as the top: moving the row would leave a page with only a title on it.
        at_top = force or frame is None or frame._atTop or availHeight >= NEAR_TOP * page
        if self.starts_page and frame is not None and not frame._atTop:
            return []  # the room left below the part before is not this part's: it was moved on to end the table
        kept = self._keep_groups(fit, room)
        moved_back = False
        if kept and len(laid) - kept == 1 and kept > LAST_PAGE_ROWS:
            # The table would end with one row on a page of its own: the page before gives it one more.
            earlier = self._keep_groups(kept - 1, room)
            if earlier and sum(r.height for r in laid[earlier:]) + self.header_height <= page + 0.01:
                kept, moved_back = earlier, True
        if kept == fit and not moved_back and room - used >= CUT_ROOM * page:
            cut = cut_into(laid[kept], room - used, self.spec.leading)
            if cut is not None:
                return self._parts([*laid[:kept], cut[0]], [cut[1], *laid[kept + 1:]], kept)
        if kept:
            parts = self._parts(laid[:kept], laid[kept:], kept)
            parts[-1].starts_page = moved_back
            return parts
        if not at_top:
            return []  # the rows fit on a fresh page
        # Nothing can move to a fresher page: the first row that does not fit is cut between lines.
        first, rest = split_row(laid[fit], room - used, self.spec.leading)
        if first is None:
            return self._parts(laid[:fit], laid[fit:], fit) if fit else []
        return self._parts([*laid[:fit], first], [rest, *laid[fit + 1:]], fit)

    def _parts(self, first: list[LaidRow], rest: list[LaidRow], consumed: int) -> list[GridTable]:
        first, rest = self._share_merged(first, rest)
        return [self._part(first, True), self._rest(consumed, self._continue(rest))]

    def _share_merged(self, first: list[LaidRow], rest: list[LaidRow]) -> tuple[list[LaidRow], list[LaidRow]]:
        """A merged cell cut by the page break shows the lines its rows on this page have room for, and its
        remaining lines continue on the next page. (Written again whole there, a merged cell taller than a
        page would ask for more room on every following page, without end.) A merged cell that fits is
        written again whole on the next page, beside the rest of its group."""
        if not first or not rest or first[-1].group_text is None or not self._same_group(first[-1], rest[0]):
            return first, rest
        start = len(first) - 1
        while start > 0 and self._same_group(first[start - 1], first[-1]):
            start -= 1
        room = sum(r.height for r in first[start:])
        fit = max(0, int((room - 2 * PAD_Y + 0.01) // self.spec.leading))
        text = first[-1].group_text
        if all(len(lines) <= fit for lines in text):
            return first, rest
        heads = tuple(lines[:fit] if len(lines) > fit else lines for lines in text)
        tails = tuple(lines[fit:] if len(lines) > fit else lines for lines in text)
        end = 0
        while end < len(rest) and self._same_group(rest[end], rest[0]):
            end += 1
        return ([*first[:-1], replace(first[-1], group_text=heads)],
                [replace(r, group_text=tails) for r in rest[:end]] + rest[end:])

    def _keep_groups(self, fit: int, room: float) -> int:
        """Move the break back so that a section row is not alone at the foot and a merged cell has room."""
        laid = self._laid_rows()
        if fit == 0:
            return 0  # not even the first row fits: nothing to keep together above the break
        if laid[fit - 1].row.span is not None:
            return fit - 1
        row = laid[fit].row
        if row.group is None or row.span is not None or laid[fit - 1].row.group != row.group:
            return fit
        start = fit - 1
        while start > 0 and laid[start - 1].row.span is None and laid[start - 1].row.group == row.group:
            start -= 1
        group_text = laid[fit - 1].group_text or ()
        need = max((self._text_height(text) for text in group_text), default=0)
        if start > 0 and sum(r.height for r in laid[start:fit]) < need:
            return start
        return fit

    def _continue(self, laid: list[LaidRow]) -> list[LaidRow]:
        """The rows after a page break; a merged cell continued from the last page gets the room its text needs."""
        if not laid or laid[0].group_text is None or laid[0].row.group is None:
            return laid
        end = 1
        while end < len(laid) and laid[end].row.span is None and laid[end].row.group == laid[0].row.group:
            end += 1
        need = max(self._text_height(text) for text in laid[0].group_text)
        short = need - sum(r.height for r in laid[:end])
        if short <= 0:
            return laid
        laid = list(laid)
        laid[end - 1] = replace(laid[end - 1], height=laid[end - 1].height + short)
        return laid

    # Drawing

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setLineWidth(RULE_WIDTH)
        canvas.setStrokeColor(black)
        top = self.height
        if self.show_caption:
            style = self._caption_style()
            for line in self._caption:
                baseline = top - CAPTION_LEADING + (CAPTION_LEADING - CAPTION_SIZE) / 2 + 0.12 * CAPTION_SIZE
                draw_line(canvas, self.measurer, line, (self.width - line.width) / 2, baseline, style)
                top -= CAPTION_LEADING
        assert self._header is not None, "the table is laid out by wrap or split before it is drawn"
        heights, lefts, placed = self._header
        row_tops = [top - sum(heights[:i]) for i in range(len(heights) + 1)]
        for heading, heading_lines in placed:
            x, width = lefts[heading.column], sum(self._widths[heading.column:heading.column + heading.colspan])
            y_top, y_bottom = row_tops[heading.row], row_tops[heading.row + heading.rowspan]
            self._cell(x, y_bottom, width, y_top - y_bottom, heading_lines, Cell(heading.text, HEI, CENTER),
                       HEADER_FILL)
        y = top - sum(heights)
        group_top = y
        rows = self._laid_rows()
        for number, laid in enumerate(rows):
            bottom = y - laid.height
            row = laid.row
            if row.span is not None:
                self._cell(0, bottom, self.width, laid.height, laid.lines[0], row.span, row.fill or SECTION_FILL)
                y = bottom
                continue
            if number == 0 or not self._same_group(rows[number - 1], laid):
                group_top = y
            for column, (cell, lines) in enumerate(zip(row.cells, laid.lines)):
                if lines is not None:
                    self._cell(lefts[column], bottom, self._widths[column], laid.height, lines, cell, row.fill)
            following = rows[number + 1] if number + 1 < len(rows) else None
            if laid.group_text is not None and (following is None or not self._same_group(laid, following)):
                for column, lines in zip(sorted(self.spec.merged), laid.group_text):
                    self._cell(lefts[column], bottom, self._widths[column], group_top - bottom, lines,
                               row.cells[column], row.fill)
            y = bottom
        canvas.restoreState()

    @staticmethod
    def _same_group(one: LaidRow, other: LaidRow) -> bool:
        return (one.row.group is not None and one.row.span is None and other.row.span is None
                and one.row.group == other.row.group)

    def _cell(self, x: float, y: float, width: float, height: float, lines, cell: Cell, fill: str | None) -> None:
        code = self.canv._code
        box = f"{x:.2f} {y:.2f} {width:.2f} {height:.2f} re"
        code.append(f"q {colour_operands(fill)} rg {box} B Q" if fill else f"{box} S")
        if not lines:
            return
        style = self._style(cell)
        leading = self.spec.leading
        first_top = y + height / 2 + len(lines) * leading / 2
        rise = ascent(self.measurer, style) + (leading - style.size) / 2
        operators = []
        for number, line in enumerate(lines):
            if not line.text:
                continue
            baseline = first_top - number * leading - rise
            left = (x + (width - line.width) / 2 if cell.align == CENTER
                    else x + width - PAD_X - line.width if cell.align == RIGHT else x + PAD_X)
            operators.append(text_operators(self.canv, self.measurer, line, left, baseline, style))
        if operators:
            code.append(text_block(style, operators))
