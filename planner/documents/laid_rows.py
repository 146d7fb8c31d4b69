"""A table row laid out in lines, and how a row is cut between lines at a page break.

`GridTable` breaks every cell into lines once; a page break then works on these rows.
A row is cut only between lines, each cell keeping the lines that fit and the rest
going on with the row on the next page: a row taller than a whole page (`split_row`),
and a tall row that would otherwise leave a third of a page or more empty
(`cut_into`), with at least MIN_ROW_LINES of its lines on each side of the break.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from planner.documents.table_model import PAD_Y, TableRow
from planner.documents.textflow import Line

MIN_ROW_LINES = 2  # lines of a cut row that may stand at the foot of a page, and that go on after it


@dataclass(frozen=True)
class LaidRow:
    row: TableRow
    lines: tuple[tuple[Line, ...] | None, ...]  # per column (one entry for a span row); None: a merged cell
    height: float
    group_text: tuple[tuple[Line, ...], ...] | None = None  # the merged columns' lines, on every row of a group


def text_height(lines, leading: float) -> float:
    return max(1, len(lines or ())) * leading + 2 * PAD_Y


def split_row(laid: LaidRow, room: float, leading: float) -> tuple[LaidRow | None, LaidRow]:
    """The row cut between lines: as many lines of each cell as fit in `room`, the rest after (None: none fit)."""
    fit = int((room - 2 * PAD_Y) // leading)
    if fit <= 0:
        return None, laid
    heads = tuple(None if lines is None else lines[:fit] for lines in laid.lines)
    tails = tuple(None if lines is None else lines[fit:] for lines in laid.lines)
    first = replace(laid, lines=heads, height=min(laid.height, fit * leading + 2 * PAD_Y))
    rest_height = max((text_height(lines, leading) for lines in tails if lines is not None), default=0)
    return first, replace(laid, lines=tails, height=rest_height)


def cut_into(laid: LaidRow, room: float, leading: float) -> tuple[LaidRow, LaidRow] | None:
    """A tall row cut to fill `room` rather than leave it empty, MIN_ROW_LINES of its lines at least on each side
    of the break; None for a section row or a row too short to cut."""
    if laid.row.span is not None:
        return None
    lines = max((len(cell) for cell in laid.lines if cell is not None), default=0)
    fit = min(int((room - 2 * PAD_Y) // leading), lines - MIN_ROW_LINES)
    if fit < MIN_ROW_LINES:
        return None
    first, rest = split_row(laid, fit * leading + 2 * PAD_Y + 0.01, leading)
    return (first, rest) if first is not None else None
