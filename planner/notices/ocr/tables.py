"""Ruled tables on a page image: the rules found from the ink, the lattice they make, its merged cells.

An appendix table (任务分解表) is printed with ruled cells. A rule is a run of ink far longer
than any character: rows of the image are shrunk eight times along their length, and a run of
solid cells at least an inch long is a horizontal rule (columns likewise for vertical ones).
Rules a few pixels apart are one rule. The crossings of the horizontal and vertical rules of
one table make a lattice; two neighbouring lattice cells with no rule between them are one
merged cell, as in the PDF reader (`planner.notices.pdf_tables`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PIL import Image

SHRINK = 8
SOLID = 200  # of 255: a shrunk cell this dark is all ink
MERGE_PIXELS = 4  # rules nearer than this are one
COVERED = 0.9  # the share of a lattice edge a rule must cover to separate two cells (text crossing covers less)

Box = tuple[int, int, int, int]


@dataclass(frozen=True)
class Rule:
    at: int  # y of a horizontal rule, x of a vertical one
    start: int
    end: int


@dataclass
class Lattice:
    xs: list[int]  # vertical rules, left to right
    ys: list[int]  # horizontal rules, top to bottom
    cells: list[tuple[int, int, int, int]] = field(default_factory=list)  # first row, column, last row, column

    @property
    def box(self) -> Box:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    def cell_box(self, cell: tuple[int, int, int, int]) -> Box:
        r0, c0, r1, c1 = cell
        return self.xs[c0], self.ys[r0], self.xs[c1 + 1], self.ys[r1 + 1]


def _ink(gray: Image.Image) -> Image.Image:
    return gray.point(lambda value: 255 if value < 150 else 0)


def _runs(values: list[int], width: int, height: int, minimum: int) -> list[Rule]:
    """Runs of solid cells at least `minimum` long in each row of a width × height raster."""
    found: list[Rule] = []
    for row in range(height):
        line = values[row * width:(row + 1) * width]
        start = None
        for column, value in enumerate(line + [0]):
            if value >= SOLID and start is None:
                start = column
            elif value < SOLID and start is not None:
                if column - start >= minimum:
                    found.append(Rule(row, start * SHRINK, column * SHRINK))
                start = None
    return found


def _joined(rules: list[Rule]) -> list[Rule]:
    """Rules in neighbouring rows that overlap are one rule (a rule is drawn a few pixels thick)."""
    joined: list[Rule] = []
    for rule in sorted(rules, key=lambda rule: (rule.at, rule.start)):
        for index, other in enumerate(joined):
            if rule.at - other.at <= MERGE_PIXELS and rule.start < other.end and other.start < rule.end:
                joined[index] = Rule(other.at, min(other.start, rule.start), max(other.end, rule.end))
                break
        else:
            joined.append(rule)
    return joined


def find_rules(gray: Image.Image, ppi: int) -> tuple[list[Rule], list[Rule]]:
    """The horizontal and vertical rules of a page, each at least an inch long."""
    ink = _ink(gray)
    minimum = max(3, ppi // SHRINK)
    across = ink.resize((max(1, ink.width // SHRINK), ink.height), Image.Resampling.BOX)
    horizontal = _runs(list(across.tobytes()), across.width, across.height, minimum)
    down = ink.transpose(Image.Transpose.TRANSPOSE)
    down = down.resize((max(1, down.width // SHRINK), down.height), Image.Resampling.BOX)
    vertical = _runs(list(down.tobytes()), down.width, down.height, minimum)
    return _joined(horizontal), _joined(vertical)


def _positions(values: list[int]) -> list[int]:
    positions: list[int] = []
    for value in sorted(values):
        if positions and value - positions[-1] <= MERGE_PIXELS * 2:
            continue
        positions.append(value)
    return positions


def _ruled(ink: Image.Image, box: Box) -> bool:
    """Whether a rule runs along the thin band `box` of the ink (its longer side being the rule's direction)."""
    band = ink.crop(box)
    if band.width < band.height:
        band = band.transpose(Image.Transpose.TRANSPOSE)
    if band.width == 0:
        return False
    # Along the band, a column holding a rule a pixel or two thick averages well above the paper.
    profile = band.resize((band.width, 1), Image.Resampling.BOX).tobytes()
    return sum(value > 255 // (band.height * 2) for value in profile) >= COVERED * len(profile)


def _lattice(ink: Image.Image, horizontal: list[Rule], vertical: list[Rule]) -> Lattice | None:
    xs = _positions([rule.at for rule in vertical])
    ys = _positions([rule.at for rule in horizontal])
    if len(xs) < 2 or len(ys) < 2:
        return None
    lattice = Lattice(xs, ys)
    rows, columns = len(ys) - 1, len(xs) - 1
    owner = {(row, column): (row, column) for row in range(rows) for column in range(columns)}

    def root(cell: tuple[int, int]) -> tuple[int, int]:
        while owner[cell] != cell:
            cell = owner[cell]
        return cell

    for row in range(rows):
        for column in range(columns):
            band = MERGE_PIXELS
            x, y = xs[column + 1] if column + 1 < columns else 0, ys[row + 1] if row + 1 < rows else 0
            if column + 1 < columns and not _ruled(ink, (x - band, ys[row] + band, x + band + 1, ys[row + 1] - band)):
                owner[root((row, column + 1))] = root((row, column))
            if row + 1 < rows and not _ruled(ink, (xs[column] + band, y - band, xs[column + 1] - band, y + band + 1)):
                owner[root((row + 1, column))] = root((row, column))
    groups: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for cell in owner:
        groups.setdefault(root(cell), []).append(cell)
    taken: set[tuple[int, int]] = set()
    for members in sorted(groups.values()):
        r0, c0 = min(row for row, _ in members), min(column for _, column in members)
        r1, c1 = max(row for row, _ in members), max(column for _, column in members)
        if (r0, c0) in taken:
            continue
        taken.update((row, column) for row in range(r0, r1 + 1) for column in range(c0, c1 + 1))
        lattice.cells.append((r0, c0, r1, c1))
    return lattice


def find_tables(gray: Image.Image, ppi: int) -> list[Lattice]:
    """The ruled tables of a page, top to bottom: groups of horizontal and vertical rules that cross."""
    horizontal, vertical = find_rules(gray, ppi)
    ink = _ink(gray)
    tables: list[Lattice] = []
    pending = list(horizontal)
    while pending:
        group = [pending.pop(0)]
        changed = True
        crossing: list[Rule] = []
        while changed:
            changed = False
            crossing = [rule for rule in vertical if any(
                h.start - MERGE_PIXELS * 2 <= rule.at <= h.end + MERGE_PIXELS * 2
                and rule.start - MERGE_PIXELS * 2 <= h.at <= rule.end + MERGE_PIXELS * 2 for h in group)]
            for other in list(pending):
                if any(v.start - MERGE_PIXELS * 2 <= other.at <= v.end + MERGE_PIXELS * 2
                       and other.start - MERGE_PIXELS * 2 <= v.at <= other.end + MERGE_PIXELS * 2 for v in crossing):
                    group.append(other)
                    pending.remove(other)
                    changed = True
        lattice = _lattice(ink, group, crossing) if len(group) >= 2 and len(crossing) >= 2 else None
        if lattice is not None:
            tables.append(lattice)
    return sorted(tables, key=lambda table: table.ys[0])
