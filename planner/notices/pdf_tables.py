"""Ruled tables on a PDF page, found from the lines drawn on it, and tables that run on across pages joined.

A table printed from Word or WPS is text inside a lattice of drawn rules. The rules
are the page's path objects that are thin and long (a border), or the edges of
rectangles (cell frames); collinear pieces are joined, and rules that cross form a
table. The distinct x of its vertical rules and y of its horizontal ones make a
lattice; two neighbouring lattice cells with no rule between them are one merged
cell. Each cell's text is the text pdfium finds inside its box.

A table that ends one page and starts the next with the same columns is one table:
the header rows the printer repeated are dropped, a merged cell cut by the page
break is merged again, and a row split over the break has its halves put together.
"""

from __future__ import annotations

from dataclasses import dataclass, field

THIN = 3.0  # points: thicker than this is a filled shape, not a rule
SNAP = 1.5  # points: rules this close are the same line
MIN_RULE = 4.0
MAX_SEGMENTS = 20_000  # path segments looked at on one page; a drawing denser than that holds no table here


@dataclass
class Rule:
    horizontal: bool
    at: float  # y of a horizontal rule, x of a vertical one
    start: float
    end: float


@dataclass
class PageTable:
    """A table on one page: cell texts by lattice row and column (top row first) and its merged cells."""

    page: int
    top: float
    bottom: float
    columns: list[float]  # x of the vertical rules, left to right
    rows: list[list[str | None]]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # first row, column, last row, column
    last_page: int = 0  # the page it ends on, once parts on later pages are joined to it

    def __post_init__(self) -> None:
        self.last_page = self.last_page or self.page


def rules_from_boxes(boxes: list[tuple[float, float, float, float]]) -> list[Rule]:
    """Rules from the bounds (left, bottom, right, top) of drawn lines and rectangles."""
    rules = []
    for left, bottom, right, top in boxes:
        width, height = right - left, top - bottom
        if height <= THIN and width >= MIN_RULE:
            rules.append(Rule(True, (top + bottom) / 2, left, right))
        elif width <= THIN and height >= MIN_RULE:
            rules.append(Rule(False, (left + right) / 2, bottom, top))
        elif width >= MIN_RULE and height >= MIN_RULE:
            rules += [Rule(True, bottom, left, right), Rule(True, top, left, right),
                      Rule(False, left, bottom, top), Rule(False, right, bottom, top)]
    return rules


def _joined(rules: list[Rule]) -> list[Rule]:
    """Collinear rules that touch or overlap, as one."""
    ordered = sorted(rules, key=lambda rule: (round(rule.at / SNAP), rule.start))
    joined: list[Rule] = []
    for rule in ordered:
        last = joined[-1] if joined else None
        if last is not None and abs(last.at - rule.at) <= SNAP and rule.start <= last.end + SNAP:
            last.end = max(last.end, rule.end)
        else:
            joined.append(Rule(rule.horizontal, rule.at, rule.start, rule.end))
    return joined


def _crosses(h: Rule, v: Rule) -> bool:
    return h.start - SNAP <= v.at <= h.end + SNAP and v.start - SNAP <= h.at <= v.end + SNAP


def _positions(values: list[float]) -> list[float]:
    positions: list[float] = []
    for value in sorted(values):
        if not positions or value - positions[-1] > SNAP:
            positions.append(value)
    return positions


def _covered(rules: list[Rule], at: float, middle: float) -> bool:
    return any(abs(rule.at - at) <= SNAP and rule.start - SNAP <= middle <= rule.end + SNAP for rule in rules)


def find_frames(rules: list[Rule]) -> list[tuple[list[float], list[float], list[Rule], list[Rule]]]:
    """Groups of crossing rules that make a lattice of at least 2 × 2 cells: (xs, ys top first, h, v)."""
    horizontal = _joined([rule for rule in rules if rule.horizontal])
    vertical = _joined([rule for rule in rules if not rule.horizontal])
    parent = list(range(len(horizontal) + len(vertical)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(horizontal):
        for j, v in enumerate(vertical):
            if _crosses(h, v):
                parent[find(i)] = find(len(horizontal) + j)
    groups: dict[int, tuple[list[Rule], list[Rule]]] = {}
    for i, h in enumerate(horizontal):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vertical):
        groups.setdefault(find(len(horizontal) + j), ([], []))[1].append(v)
    frames = []
    for hs, vs in groups.values():
        xs = _positions([v.at for v in vs])
        ys = _positions([h.at for h in hs])[::-1]
        if len(xs) >= 3 and len(ys) >= 3:
            frames.append((xs, ys, hs, vs))
    return frames


def lattice_cells(xs: list[float], ys: list[float], hs: list[Rule], vs: list[Rule]
                  ) -> list[tuple[int, int, int, int]]:
    """The cells of a lattice as (first row, first column, last row, last column), merged where no rule parts them."""
    rows, columns = len(ys) - 1, len(xs) - 1
    parent = list(range(rows * columns))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(rows):
        middle_y = (ys[r] + ys[r + 1]) / 2
        for c in range(columns):
            if c + 1 < columns and not _covered(vs, xs[c + 1], middle_y):
                parent[find(r * columns + c)] = find(r * columns + c + 1)
            if r + 1 < rows and not _covered(hs, ys[r + 1], (xs[c] + xs[c + 1]) / 2):
                parent[find(r * columns + c)] = find((r + 1) * columns + c)
    spans: dict[int, list[int]] = {}
    for r in range(rows):
        for c in range(columns):
            span = spans.setdefault(find(r * columns + c), [r, c, r, c])
            span[0], span[1] = min(span[0], r), min(span[1], c)
            span[2], span[3] = max(span[2], r), max(span[3], c)
    return sorted((tuple(span) for span in spans.values()), key=lambda span: (span[0], span[1]))  # type: ignore[misc]


def _same_columns(first: PageTable, second: PageTable) -> bool:
    return len(first.columns) == len(second.columns) and all(
        abs(a - b) <= 2 * SNAP for a, b in zip(first.columns, second.columns))


def _drop_rows(table: PageTable, count: int) -> None:
    table.rows = table.rows[count:]
    table.merges = [(r0 - count, c0, r1 - count, c1) for r0, c0, r1, c1 in table.merges if r0 >= count]


def join_continued(first: PageTable, second: PageTable) -> PageTable:
    """`second` (the top of the next page) appended to `first`: repeated header rows dropped, cut cells mended."""
    for count in range(min(3, len(first.rows), len(second.rows) - 1), 0, -1):
        if first.rows[:count] == second.rows[:count]:
            _drop_rows(second, count)
            break
    rows = [list(row) for row in first.rows]
    merges = list(first.merges)
    last = len(rows) - 1
    # A merged cell cut by the page break: its part on the next page starts that page's table, empty.
    for r0, c0, r1, c1 in list(second.merges):
        if r0 != 0 or second.rows[0][c0]:
            continue
        above = next((m for m in merges if m[0] <= last <= m[2] and (m[1], m[3]) == (c0, c1)), None)
        if above is None and c0 == c1 and not any(m[0] <= last <= m[2] and m[1] <= c0 <= m[3] for m in merges):
            above = (last, c0, last, c1)
        if above is not None:
            if above in merges:
                merges.remove(above)
            merges.append((above[0], c0, r1 + last + 1, c1))
            second.merges.remove((r0, c0, r1, c1))
    # A row split by the page break: its second half has the number column empty.
    top = second.rows[0] if second.rows else []
    starts_merged = any(m[0] == 0 and m[1] == 0 for m in second.merges)
    split = bool(top) and not top[0] and bool(rows[-1][0]) and any(top[1:]) and not starts_merged
    if split:
        for c, text in enumerate(top):
            if text and c < len(rows[-1]):
                rows[-1][c] = (rows[-1][c] or "") + text
        for r0, c0, r1, c1 in second.merges:
            if r0 == 0 and r1 > 0:
                merges.append((last, c0, r1 + last, c1))
        second.merges = [m for m in second.merges if m[0] > 0]
        _drop_rows(second, 1)
    rows += [list(row) for row in second.rows]
    merges += [(r0 + last + 1, c0, r1 + last + 1, c1) for r0, c0, r1, c1 in second.merges]
    return PageTable(first.page, first.top, second.bottom, first.columns, rows, sorted(set(merges)),
                     second.last_page)


def continues(first: PageTable, second: PageTable) -> bool:
    """Whether `second` is `first` running on: the next page, the same columns."""
    return second.page == first.last_page + 1 and _same_columns(first, second)
