"""Column widths from what the columns hold, within the text block.

Each column is at least as wide as its longest unbreakable run (a number such as
53426, a header word such as 序时进度: header lines break only between words), at
least four characters where its text is longer, and needs no more than its longest
line. When every column has its longest line, the
width left over is shared by the columns' weights. Otherwise every column starts at
its minimum and the rest of the width is handed out in small steps, each to the
column where it shortens the table most: the table is as tall as the sum of its
rows, a row as tall as its tallest cell. (Shares fixed in advance gave a year
column holding "2" as much room as a column of office lists that then ran to seven
lines.) Heights are estimated on at most SAMPLE_ROWS rows spread over the table, so
that a 2,000-row table costs no more than a short one.
"""

from __future__ import annotations

import math
import re

from planner.documents.fonts import HEI
from planner.documents.table_model import PAD_X, Cell, TableRow, TableSpec
from planner.documents.textflow import Measurer, TextStyle, clean_text
from planner.documents.title_lines import INSIDE_WORD, break_costs

SAMPLE_ROWS = 200
STEPS = 48
LONGEST_RUN_SHARE = 0.25  # of the table's width: a longer run (a web address) is broken rather than given a column
RUN = re.compile(r"[A-Za-z0-9.%‰\-_/+]+")
SOFT_MAX = 8  # the power of the smooth maximum that stands for a row's tallest cell
MAX_CELL_LINES = 12  # about a third of a turned page
LINE_COST, EXCESS_COST = 1.0, 30.0  # against the squared row heights (a row of 5 lines: 25)
MIN_TEXT_CHARS = 4  # the narrowest a column of text is made, where the page has room
SLACK = 1.0  # points beyond the text, so that rounding never pushes the last character onto a new line


def header_words(text: str) -> list[str]:
    """The parts of a header's text that stay on one line: its words, dates and numbers."""
    if len(text) <= 1:
        return [text] if text else []
    costs = break_costs(text)
    cuts = [0, *(i for i in range(1, len(text)) if costs[i] < INSIDE_WORD), len(text)]
    return [text[a:b] for a, b in zip(cuts, cuts[1:])]


class _Estimate:
    """Lines of the sampled cells at given column widths.

    A paragraph is known by its width and by the room a line of it loses on average: a line breaks only
    between unbreakable runs (53426张, 12.5%), so a narrow column full of figures leaves about half a run
    empty at the end of each line, and counting characters alone promised 15 lines where 20 were printed."""

    def __init__(self, paragraphs: list[list[list[tuple[float, float]]]]):
        self.paragraphs = paragraphs  # [column][row] → (width, loss per line) of the cell's paragraphs

    def lines(self, column: int, width: float) -> list[int]:
        room = max(width - 2 * PAD_X - SLACK, 1.0)
        return [sum(max(1, math.ceil(p / max(room - loss, 1.0) - 1e-9)) for p, loss in cell) if cell else 0
                for cell in self.paragraphs[column]]

    def next_break(self, column: int, width: float) -> float:
        """The least width beyond `width` at which a cell of the column takes one line fewer (inf: none would)."""
        room = max(width - 2 * PAD_X - SLACK, 1.0)
        found = math.inf
        for cell in self.paragraphs[column]:
            for p, loss in cell:
                lines = math.ceil(p / max(room - loss, 1.0) - 1e-9)
                if lines >= 2:
                    found = min(found, p / (lines - 1) + loss)
        return found + 2 * PAD_X + SLACK + 1e-6


def _line_loss(text: str, width: float, runs: list[float], size: float) -> float:
    """The room a line of `text` (`width` wide) loses on average at its end: half its mean unbreakable unit, a run
    of figures or letters counting for its share of the text, a character for the rest."""
    if not text:
        return 0.0
    in_runs = sum(runs)
    mean_unit = (sum(r * r for r in runs) + max(width - in_runs, 0.0) * size) / max(width, 1e-9)
    return mean_unit / 2


def _sample(rows: list[TableRow]) -> list[TableRow]:
    plain = [row for row in rows if row.span is None]
    if len(plain) <= SAMPLE_ROWS:
        return plain
    step = len(plain) / SAMPLE_ROWS
    return [plain[int(i * step)] for i in range(SAMPLE_ROWS)]


def column_widths(spec: TableSpec, rows: list[TableRow], measurer: Measurer, width: float) -> list[float]:
    count = len(spec.columns)
    size = spec.size

    def style(cell: Cell) -> TextStyle:
        return TextStyle(cell.role, size, spec.leading)

    floors = [c.min_chars * size for c in spec.columns]
    preferred = [0.0] * count
    longest_run = LONGEST_RUN_SHARE * width
    for row in rows:
        if row.span is not None:
            continue
        for column, cell in enumerate(row.cells):
            if cell.text:
                runs = RUN.findall(cell.text)
                run = max((measurer.width(r, style(cell)) for r in runs), default=0.0)
                # A character and the mark that cannot leave it, or a number with its bracket.
                floors[column] = max(floors[column], min(run, longest_run) + size, 2 * size)
    for heading in spec.header:
        if heading.colspan == 1:
            header_style = TextStyle(HEI, size, spec.leading)
            words = [measurer.width(w, header_style) for w in header_words(heading.text)]
            floors[heading.column] = max(floors[heading.column], max(words, default=0.0))
            preferred[heading.column] = max(preferred[heading.column], measurer.width(heading.text, header_style))
    sample = _sample(rows)
    merged_seen: set[object] = set()
    paragraphs: list[list[list[tuple[float, float]]]] = [[] for _ in range(count)]
    content = [0.0] * count  # the longest line of the cells, the header aside
    for row in sample:
        first_of_group = row.group is None or row.group not in merged_seen
        merged_seen.add(row.group)
        for column, cell in enumerate(row.cells):
            if column in spec.merged and not first_of_group:
                paragraphs[column].append([])
                continue
            text = clean_text(cell.text)
            cell_style = style(cell)
            measured = []
            for part in text.split("\n") if text else []:
                part_width = measurer.width(part, cell_style)
                runs = [measurer.width(run, cell_style) + size for run in RUN.findall(part)]
                measured.append((part_width, _line_loss(part, part_width, runs, size)))
            paragraphs[column].append(measured)
            longest = max((w for w, _loss in measured), default=0.0)
            preferred[column] = max(preferred[column], longest)
            content[column] = max(content[column], longest)
    pad = 2 * PAD_X + SLACK
    # A column of text is at least MIN_TEXT_CHARS characters wide where its cells hold longer text and the page has
    # room: a 主要任务 or 牵头单位 two characters wide, a word broken over every line, reads as a list of syllables.
    wider = [max(f, min(c, MIN_TEXT_CHARS * size)) for f, c in zip(floors, content)]
    if sum(wider) + count * pad < width:
        floors = wider
    floors = [f + pad for f in floors]
    preferred = [max(p + pad, f) for p, f in zip(preferred, floors)]
    if sum(floors) >= width:
        return [f * width / sum(floors) for f in floors]  # too many columns for the page: squeezed alike
    if sum(preferred) <= width:
        return _share(preferred, [c.weight for c in spec.columns], width - sum(preferred))
    return _hand_out(floors, preferred, _Estimate(paragraphs), width)


def _share(widths: list[float], weights: list[float], extra: float) -> list[float]:
    total = sum(weights) or float(len(weights))
    return [w + extra * (weight if sum(weights) else 1.0) / total for w, weight in zip(widths, weights)]


def _row_heights(current: list[list[int]], rows: int) -> list[float]:
    """Per row, a smooth stand-in for its tallest cell: (Σ lines^p)^(1/p). With a plain maximum, widening one
    of two columns that tie for a row's height gains nothing, and the width went to neither."""
    return [sum(lines[r] ** SOFT_MAX for lines in current) for r in range(rows)]


def _cell_cost(lines: int) -> float:
    """Beyond the rows' heights: every line of a cell costs a little (an office name kept on one line where the
    width is cheap), and every line beyond MAX_CELL_LINES a lot (one cell should not run down the page while
    another column has room to give)."""
    excess = max(0, lines - MAX_CELL_LINES)
    return LINE_COST * lines + EXCESS_COST * excess * excess


def _hand_out(floors: list[float], preferred: list[float], estimate: _Estimate, width: float) -> list[float]:
    """From the minimum widths, width goes step by step to the column where it lowers the estimated table most
    for each point given: the sum of the squared row heights (one row running to thirty lines weighs more than a
    few rows one line taller), and `_cell_cost` of every cell. A column is offered at least the width at which one
    of its cells loses a line: a column of long office lists gains nothing from one small step and everything
    from a few, and would otherwise lose every step to a column whose single lines merely get shorter."""
    count = len(floors)
    widths = list(floors)
    step = (width - sum(floors)) / STEPS
    current = [estimate.lines(c, widths[c]) for c in range(count)]
    costs = [sum(map(_cell_cost, lines)) for lines in current]
    offers: dict[int, tuple[float, list[int], float]] = {}  # column → (width offered, its lines, their cost)
    rows = len(current[0]) if current else 0
    left = width - sum(widths)
    root = 1 / SOFT_MAX
    while left > 1e-6:
        open_columns = [c for c in range(count) if widths[c] < preferred[c] - 1e-6]
        if not open_columns:
            break
        sums = _row_heights(current, rows)
        before = sum(total ** root * total ** root for total in sums)
        best, best_gain = open_columns[0], -1.0
        for column in open_columns:
            offered = min(preferred[column], widths[column] + left,
                          max(widths[column] + step, estimate.next_break(column, widths[column])))
            if column not in offers or offers[column][0] != offered:
                then = estimate.lines(column, offered)
                offers[column] = (offered, then, sum(map(_cell_cost, then)))
            _offered, then, cost = offers[column]
            now = current[column]
            after = sum(((total - n ** SOFT_MAX + w ** SOFT_MAX) ** root) ** 2 for total, n, w in zip(sums, now, then))
            gain = (before - after - cost + costs[column]) / (offered - widths[column])
            if gain > best_gain:
                best, best_gain = column, gain
        if best_gain <= 0:
            break  # no column's text gets shorter with more width: what is left is shared out below
        offered, current[best], costs[best] = offers.pop(best)
        left -= offered - widths[best]
        widths[best] = offered
    if left > 1e-6:
        widths = _share(widths, [1.0] * count, left)
    return widths
