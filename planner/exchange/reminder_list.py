"""The 催报名单: the offices that have not reported for a period, as a workbook ready to print or send.

One row per office with the tasks it owes a report on, in the office order of the
status engine. Names typed by users go in as text, never as formulas, because a
task called "=HYPERLINK(…)" must not become a live link in the coordinator's WPS.
"""

from __future__ import annotations

import math
import unicodedata
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from planner.domain.model import Plan
from planner.domain.office_figures import OfficeFigures
from planner.domain.period_status import chase_rule, has_shares
from planner.domain.safe_text import safe_text
from planner.domain.status import PeriodStatus
from planner.exchange.paper import set_up_printing
from planner.system.atomic_save import save_atomically

SHEET_TITLE = "催报名单"
HEADERS = ("序号", "单位", "未填报任务数", "未填报任务")
COLUMN_WIDTHS = (6, 28, 14, 70)  # in characters of the default font
TASKS_COLUMN = 4
TITLE_ROW, SCOPE_ROW, HEADER_ROW = 1, 2, 3
FIRST_DATA_ROW = HEADER_ROW + 1

FONT_NAME = "宋体"
FONT_SIZE = 11
POINTS_PER_LINE = 15
MAX_ROW_POINTS = 409  # Excel's limit for one row's height
MAX_CELL_CHARS = 32767  # Excel's limit for one cell's text

_THIN = Side(style="thin", color="808080")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEADER_FILL = PatternFill("solid", fgColor="EEEEEE")
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
CENTRED = Alignment(horizontal="center", vertical="center", wrap_text=True)


def write_reminder_list(path: str | Path, plan: Plan, period_status: PeriodStatus | OfficeFigures) -> Path:
    """Write the 催报名单 of `period_status` to `path` (xlsx) and return the path.

    The file is written beside the target and then moved into place, so a failure
    (the old file open in WPS, a full disk) leaves any earlier list intact; the
    OSError reaches the caller.
    """
    path = Path(path)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    workbook.properties.title = safe_text(f"{plan.title} {period_status.period.label}{SHEET_TITLE}")
    _write_heading(sheet, plan, period_status)
    names = {task.id: _task_line(task.seq, task.name) for task in plan.tasks}
    missing = period_status.not_reported()
    for number, (office, task_ids) in enumerate(missing, start=1):
        row = FIRST_DATA_ROW + number - 1
        tasks_text = _clipped_lines([names.get(task_id, str(task_id)) for task_id in task_ids])
        _plain(sheet.cell(row, 1), number, CENTRED)
        _text(sheet.cell(row, 2), office, WRAP_TOP)
        _plain(sheet.cell(row, 3), len(task_ids), CENTRED)
        _text(sheet.cell(row, TASKS_COLUMN), tasks_text, WRAP_TOP)
        sheet.row_dimensions[row].height = _row_height(tasks_text, COLUMN_WIDTHS[TASKS_COLUMN - 1])
    if not missing:
        sheet.merge_cells(start_row=FIRST_DATA_ROW, start_column=1, end_row=FIRST_DATA_ROW, end_column=len(HEADERS))
        _plain(sheet.cell(FIRST_DATA_ROW, 1), "各单位均已填报。", CENTRED)
    _set_up_page(sheet)
    save_atomically(path, workbook.save)
    return path


def _write_heading(sheet: Worksheet, plan: Plan, period_status: PeriodStatus | OfficeFigures) -> None:
    last_column = len(HEADERS)
    for row in (TITLE_ROW, SCOPE_ROW):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_column)
    title = sheet.cell(TITLE_ROW, 1)
    _text(title, f"{plan.title}\n{period_status.period.label}{SHEET_TITLE}", CENTRED)
    title.font = Font(name=FONT_NAME, size=16, bold=True)
    sheet.row_dimensions[TITLE_ROW].height = 48
    # The rule the report's section 四 states, in the same words.
    scope = chase_rule(period_status.lead_only, has_shares(plan, period_status.period.year))
    exported = datetime.now().strftime("%Y-%m-%d %H:%M")
    _plain(sheet.cell(SCOPE_ROW, 1), f"统计范围：{scope}    导出时间：{exported}",
           Alignment(horizontal="right", vertical="center"))
    for column, (header, width) in enumerate(zip(HEADERS, COLUMN_WIDTHS), start=1):
        cell = sheet.cell(HEADER_ROW, column)
        _plain(cell, header, CENTRED)
        cell.font = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
        cell.fill = HEADER_FILL
        sheet.column_dimensions[cell.column_letter].width = width
    sheet.freeze_panes = sheet.cell(FIRST_DATA_ROW, 1)


def _set_up_page(sheet: Worksheet) -> None:
    # One page wide, as many long as the list needs, the 11 pt text at 9 pt or more on paper.
    set_up_printing(sheet, COLUMN_WIDTHS, FONT_SIZE, f"{HEADER_ROW}:{HEADER_ROW}")


def _task_line(seq: str, name: str) -> str:
    return f"{seq} {name}" if seq else name


def _clipped_lines(lines: list[str]) -> str:
    """The lines joined, cut short with a count of the rest where a cell could not hold them all."""
    text = "\n".join(lines)
    if len(text) <= MAX_CELL_CHARS:
        return text
    kept: list[str] = []
    used = 0
    for line in lines:
        rest = f"……等，共 {len(lines)} 项"
        if used + len(line) + 1 + len(rest) + 1 > MAX_CELL_CHARS:
            break
        kept.append(line)
        used += len(line) + 1
    return "\n".join(kept + [f"……等，共 {len(lines)} 项"])


def _display_width(text: str) -> int:
    """Columns the text takes: a CJK character is as wide as two Latin ones."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _row_height(text: str, column_width: int) -> float:
    # openpyxl cannot measure text and Excel does not re-measure rows on opening, so estimate.
    lines = sum(max(1, math.ceil(_display_width(line) / column_width)) for line in text.split("\n"))
    return min(MAX_ROW_POINTS, max(1, lines) * POINTS_PER_LINE + 4)


def _plain(cell: Cell, value: object, alignment: Alignment) -> None:
    """Text the program itself wrote (headers, numbers), with the list's border and font."""
    cell.value = value
    cell.alignment = alignment
    cell.font = Font(name=FONT_NAME, size=FONT_SIZE)
    if cell.row >= HEADER_ROW:
        cell.border = BORDER


def _text(cell: Cell, value: str, alignment: Alignment) -> None:
    """User text: stored as a string even when it starts with = + - @, never as a formula."""
    _plain(cell, safe_text(value), alignment)
    cell.data_type = "s"
