"""Appendix tables of a notice → task items, read by the same rules as an appendix spreadsheet.

A table block of the document (from Word, a PDF, a web page) is a `Grid` already. A table
that reached plain text comes one cell per line (web copies of the Hengshui notice) or one
row per line with tabs between the cells (copied from Word); it is found by its header —
a run of header words (重点工作 / 总体目标 / 现状 / 年度工作目标 / 2020年 …) naming at
least two kinds of column — and rebuilt as a grid: a group word over year columns
(年度工作目标, 时间进度) stands where its years go, as in the two-row header it came
from, and each row's cells are its leading texts in the leading columns and its
figures right-aligned under the last columns (a row without a 现状 leaves that cell
blank). Rows start at the next 序号 when the table has one, else where a text follows
figures; the first run of cells without a figure ends the table (what follows is the
web page's footer). Either way the grid then goes through `planner.sheets.detection`
and `planner.sheets.appendix`, and each task row becomes an item.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from planner.domain.model import Section
from planner.domain.office_names import is_complete_name, split_offices
from planner.notices.document import Table
from planner.notices.items import AppendixRow, ItemRole, NoticeIssue, NoticeItem
from planner.notices.outline import Style
from planner.sheets.appendix import build_plan
from planner.sheets.cleaning import BLANK_MARKS
from planner.sheets.detection import detect_layout
from planner.sheets.errors import EmptySheetError, MappingError, MergedHeaderError, NoHeaderError
from planner.sheets.grid import Cell, Grid
from planner.sheets.issues import Issue
from planner.sheets.mapping import Meaning
from planner.sheets.synonyms import YEAR_GROUP_WORDS, classify, is_year_group, normalize_header

TEXT_TABLE = "附件"
MAX_HEADER_WORD_CHARS = 16
MAX_CELL_CHARS = 2000
APPENDIX_LABEL_RE = re.compile(r"^附\s*件\s*[0-9一二三四五六七八九十]*\s*[:：]?\s*$")
_VALUE_RE = re.compile(r"[0-9０-９]")
_CELL_SPLIT_RE = re.compile(r"\t+|\s*[|｜]\s*")
_NAME_MEANINGS = frozenset({Meaning.NAME, Meaning.CONTENT})
_OFFICE_MEANINGS = frozenset({Meaning.LEAD, Meaning.CO, Meaning.RESPONSIBLE})
_SECTION_LEVELS = frozenset({Style.PART.rank, Style.CHINESE.rank})  # 一、 rows inside a table group its rows


@dataclass(frozen=True)
class AppendixRead:
    """What a table gave: its items (title and header as APPENDIX, task rows as TASK) and warnings."""

    items: list[NoticeItem]
    issues: list[NoticeIssue]
    title: str
    tasks_with_targets: int


def _is_header_word(text: str) -> bool:
    return len(text) <= MAX_HEADER_WORD_CHARS and (classify(text)[0] is not None or is_year_group(text))


def _is_header(words: list[str]) -> bool:
    meanings = {classify(word)[0] for word in words} - {None}
    return len(words) >= 3 and len(meanings) >= 2 and bool(meanings & _NAME_MEANINGS)


def _columns(words: list[str]) -> list[str]:
    """The header words in column order: a group word over years stands where its years go."""
    years = [word for word in words if classify(word)[0] is Meaning.YEAR]
    groups = [word for word in words if normalize_header(word) in YEAR_GROUP_WORDS]
    if not years or len(groups) != 1:
        return words
    rest = [word for word in words if classify(word)[0] is not Meaning.YEAR]
    at = rest.index(groups[0])
    return rest[:at] + years + rest[at + 1:]


def _is_value(text: str) -> bool:
    return text in BLANK_MARKS or (len(text) <= 20 and _VALUE_RE.search(text) is not None and "。" not in text)


def _is_offices(text: str) -> bool:
    names = split_offices(text)
    return bool(names) and all(is_complete_name(name) for name in names)


def _align(cells: list[str], width: int, tail_is_offices: bool) -> list[Cell]:
    """A row's cells under the columns: leading texts to the left, the rest right-aligned."""
    if len(cells) >= width:
        return list(cells[:width])
    leading = 0
    while leading < len(cells) and not _is_value(cells[leading]):
        leading += 1
    if tail_is_offices and leading == len(cells) - 1 and leading > 0 and _is_offices(cells[-1]):
        leading -= 1  # a row of texts whose last cell is its offices: the offices go to the last column
    row: list[Cell] = [None] * width
    row[:leading] = cells[:leading]
    trailing = cells[leading:]
    if trailing:
        row[width - len(trailing):] = trailing
    return row


class _RowCutter:
    """Cells (one per paragraph) → rows, and where the table ends."""

    def __init__(self, columns: list[str]):
        self.width = len(columns)
        meanings = [classify(word)[0] for word in columns]
        self.has_seq = meanings[0] is Meaning.SEQ
        self.tail_is_offices = meanings[-1] in _OFFICE_MEANINGS
        self.has_years = Meaning.YEAR in meanings

    def rows(self, cells: list[tuple[int, str, bool]]) -> list[list[tuple[int, str]]]:
        """Rows of (item index, text); `cells` are (item index, text, is a section heading)."""
        rows: list[list[tuple[int, str]]] = []
        current: list[tuple[int, str]] = []
        for index, text, heading in cells:
            if len(text) > MAX_CELL_CHARS:
                break
            if heading and (not current or self._complete(current)):
                if current:
                    rows.append(current)
                rows.append([(index, text)])
                current = []
                continue
            if current and self._starts_row(current, text):
                if self._ends_table(current):
                    current = []
                    break
                rows.append(current)
                current = []
            current.append((index, text))
        if current and not self._ends_table(current):
            rows.append(current[: self.width])
        return rows

    def _complete(self, row: list[tuple[int, str]]) -> bool:
        return len(row) >= self.width or any(_is_value(text) for _, text in row)

    def _starts_row(self, row: list[tuple[int, str]], text: str) -> bool:
        if len(row) >= self.width:
            return True
        if self.has_seq:
            return text == str(self._seq(row) + 1)
        seen_value = any(_is_value(cell) for _, cell in row)
        if not seen_value or _is_value(text):
            return False
        return not (self.tail_is_offices and _is_offices(text))

    @staticmethod
    def _seq(row: list[tuple[int, str]]) -> int:
        first = row[0][1]
        return int(first) if first.isdigit() else 0

    def _ends_table(self, row: list[tuple[int, str]]) -> bool:
        """A run of cells without a figure (or a 序号) where the table has figures: the footer after it."""
        if self.has_seq:
            return not row[0][1].isdigit()
        return self.has_years and not any(_is_value(text) for _, text in row) and len(row) > 1


def _header_at(items: Sequence[NoticeItem], start: int) -> tuple[int, list[str], bool] | None:
    """(end, header words, one row per line) when a table's header starts at item `start`."""
    text = items[start].text
    cells = [cell.strip() for cell in _CELL_SPLIT_RE.split(text) if cell.strip()]
    if len(cells) >= 3 and all(_is_header_word(cell) for cell in cells) and _is_header(cells):
        return start + 1, _columns(cells), True
    end = start
    while end < len(items) and items[end].number is None and _is_header_word(items[end].text):
        end += 1
    words = [item.text for item in items[start:end]]
    return (end, _columns(words), False) if _is_header(words) else None


def _title_above(items: Sequence[NoticeItem], start: int) -> tuple[int, str, str]:
    """(first item of the table's head, title, appendix label) from the lines above a header."""
    first, title, label = start, "", ""
    for index in range(start - 1, max(-1, start - 3), -1):
        text = items[index].text
        if APPENDIX_LABEL_RE.match(text):
            first, label = index, text
            break
        if title or items[index].number is not None or "。" in text or len(text) > 60:
            break
        first, title = index, text
    return first, title, label


def _line_rows(items: Sequence[NoticeItem], end: int) -> list[list[tuple[int, str]]]:
    """Rows written one per line, cells apart by tabs (or |), from item `end` on."""
    rows = []
    for index in range(end, len(items)):
        cells = [cell.strip() for cell in _CELL_SPLIT_RE.split(items[index].text) if cell.strip()]
        if len(cells) < 2 and items[index].number is None:
            break
        rows.append([(index, cell) for cell in cells])
    return rows


def _cell_rows(items: Sequence[NoticeItem], end: int, columns: list[str]) -> list[list[tuple[int, str]]]:
    """Rows written one cell per line, from item `end` on."""
    cells = [(index, items[index].text, items[index].level in _SECTION_LEVELS) for index in range(end, len(items))]
    return _RowCutter(columns).rows(cells)


def find_text_table(items: Sequence[NoticeItem], file_name: str) -> tuple[int, int, AppendixRead] | None:
    """The first appendix table written in the text: (its first item, the item after it, what it gave)."""
    for start in range(len(items)):
        header = _header_at(items, start) if items[start].number is None else None
        if header is None:
            continue
        end, columns, line_rows = header
        first, title, label = _title_above(items, start)
        rows = _line_rows(items, end) if line_rows else _cell_rows(items, end, columns)
        if not rows:
            continue
        offices_last = _RowCutter(columns).tail_is_offices
        grid_rows: list[list[Cell]] = [[text] for text in (label, title) if text]
        grid_rows.append(list(columns))
        head = len(grid_rows)
        for row in rows:
            texts = [text for _, text in row]
            grid_rows.append(list(texts) if len(texts) == 1 else _align(texts, len(columns), offices_last))
        grid = Grid(name=TEXT_TABLE, rows=grid_rows, file_name=file_name)
        row_items = {head + number: [index for index, _ in row] for number, row in enumerate(rows)}
        last = max(index for row in rows for index, _ in row) + 1
        read = read_grid(grid, TEXT_TABLE, items[first:last], row_items, first, title)
        if read is not None:
            return first, last, read
    return None


def _sections_of(plan_sections: list[Section], key: str | None) -> tuple[str, ...]:
    by_key = {section.key: section for section in plan_sections}
    titles: list[str] = []
    while key is not None and key in by_key:
        titles.insert(0, by_key[key].title)
        key = by_key[key].parent_key
    return tuple(titles)


def _issue(label: str, issue: Issue) -> NoticeIssue:
    return NoticeIssue(f"{label} {issue.cell}".strip() if label != TEXT_TABLE else label, issue.message)


def read_grid(grid: Grid, label: str, region: Sequence[NoticeItem], row_items: dict[int, list[int]] | None,
              offset: int, title_hint: str = "") -> AppendixRead | None:
    """The task items of a table, or None when it is no appendix table (no header, no task row).

    `region` are the items the table was read from (for a table block: the one item standing for it),
    `row_items` the items of each grid row (0-based) numbered from `offset`, or None for a table block.
    """
    try:
        layout = detect_layout(grid)
        plan, issues, task_rows = build_plan(grid, layout)
    except (NoHeaderError, MergedHeaderError, MappingError, EmptySheetError):
        return None
    if not plan.tasks:
        return None
    title = layout.title or title_hint
    tasks: list[NoticeItem] = []
    for number, (task, row) in enumerate(zip(plan.tasks, task_rows), start=1):
        task.seq = task.seq or str(number)  # a table without a 序号 column is numbered as it reads
        source = AppendixRow(task=task, table=label, row=row,
                             sections=_sections_of(plan.sections, task.section_key), title=title)
        if row_items is None:  # a table block: the row's cells stand for it, at the table's place
            text = _row_text(grid, row - 1)
            tasks.append(NoticeItem(role=ItemRole.TASK, text=text, original=text, place=region[0].place,
                                    origin=f"{label}第{row}行", row=source))
            continue
        members = [region[i - offset] for i in row_items.get(row - 1, [])] or [region[0]]
        tasks.append(NoticeItem(role=ItemRole.TASK, text=" | ".join(m.text for m in members),
                                original=" | ".join(m.original for m in members), place=members[0].place,
                                last_place=members[-1].place if len(members) > 1 else None,
                                origin=f"{label}第{number}项", row=source))
    if row_items is None:
        rest = [replace(region[0], role=ItemRole.APPENDIX)]
    else:  # the title, the header and what is no task row
        used = {index for row in task_rows for index in row_items.get(row - 1, [])}
        rest = [replace(item, role=ItemRole.APPENDIX, number=None)
                for index, item in enumerate(region, start=offset) if index not in used]
    ordered = sorted(rest + tasks, key=lambda item: (item.place.paragraph or 0, item.row.row if item.row else 0))
    with_targets = sum(1 for task in plan.tasks if task.targets)
    # Whether a row has offices is told after the text has lent its own (`analysis`), not here.
    no_offices = {f"任务“{task.name}”没有责任单位。" for task in plan.tasks}
    kept = [_issue(label, issue) for issue in issues if issue.message not in no_offices]
    return AppendixRead(ordered, kept, title, with_targets)


def _row_text(grid: Grid, row: int) -> str:
    return " | ".join(str(value) for value in grid.rows[row] if value not in (None, "")) if row < grid.height else ""


def table_block_items(table: Table, file_name: str, title_hint: str) -> AppendixRead:
    """A table block of the document as appendix items; a table that is no appendix table is one item."""
    grid = replace(table.grid, file_name=table.grid.file_name or file_name)
    label = f"表{table.place.table}" if table.place.table else "表格"
    header = next((row for row in grid.rows if any(value not in (None, "") for value in row)), [])
    summary = " | ".join(str(value) for value in header if value not in (None, ""))
    stand_in = NoticeItem(role=ItemRole.APPENDIX, text=summary or label, original=summary or label,
                          place=table.place)
    read = read_grid(grid, label, [stand_in], None, 0, title_hint)
    if read is not None:
        return read
    refused = NoticeIssue(label, "这个表格没有可识别的表头（如“重点工作”“2022年”“责任单位”），未作为任务表读取。")
    return AppendixRead([replace(stand_in, role=ItemRole.OTHER)], [refused], "", 0)
