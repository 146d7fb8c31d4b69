"""Per-office breakdown sheets: offices as rows, years as columns, perhaps a 合计 row.

A plan-wide target ("全市新增养老床位 5000 张") is often split among districts
in a second sheet. The split is attached to one task as per-office targets, and
a split that does not add up to the plan-wide figure is flagged for the user.
"""

from __future__ import annotations

import math

from planner.model import Plan, Target
from planner.offices import normalize_office_name
from planner.plan_builder import make_target
from planner.sheets.cleaning import cell_text, is_blank_mark, number_text
from planner.sheets.errors import NoHeaderError
from planner.sheets.grid import Grid
from planner.sheets.issues import Issue
from planner.sheets.layout import HEADER_SCAN_ROWS
from planner.sheets.synonyms import header_year

TOTAL_WORDS = ("合计", "总计", "小计", "全市", "全区", "全县", "总数", "合 计", "总 计")
_TOLERANCE = 1e-6


def _header(grid: Grid) -> tuple[int, dict[int, int]]:
    """The header row and its year columns (column → year)."""
    for row in range(min(HEADER_SCAN_ROWS, grid.height)):
        years = {}
        for column in range(len(grid.rows[row])):
            year = header_year(cell_text(grid.value(row, column)))
            if year is not None:
                years[column] = year
        if years:
            return row, years
    raise NoHeaderError(
        f"文件“{grid.file_name}”的工作表“{grid.name}”不是分解表：前 {HEADER_SCAN_ROWS} 行中没有写着年份（如“2020年”）的表头。"
    )


def _office_column(grid: Grid, header_row: int, year_columns: dict[int, int]) -> int:
    """The first column, left of the years, that names something in the rows below the header."""
    first_year = min(year_columns)
    for column in range(first_year):
        texts = [cell_text(grid.cell(row, column)) for row in range(header_row + 1, min(grid.height, header_row + 50))]
        if any(text and not text.replace(".", "").isdigit() for text in texts):
            return column
    return max(0, first_year - 1)


def read_breakdown(grid: Grid) -> dict[int, dict[str, str]]:
    """Year → office → target text, from a sheet with offices as rows and years as columns.

    A 合计/总计 row is left out: the total is the plan-wide target, checked by
    `attach_breakdown`. Office names are normalised like every office name.
    """
    header_row, year_columns = _header(grid)
    office_column = _office_column(grid, header_row, year_columns)
    result: dict[int, dict[str, str]] = {year: {} for year in sorted(set(year_columns.values()))}
    for row in range(header_row + 1, grid.height):
        office = normalize_office_name(cell_text(grid.value(row, office_column)))
        if not office or office.replace(" ", "") in TOTAL_WORDS or office.startswith(("注", "备注", "说明")):
            continue
        for column, year in year_columns.items():
            text = cell_text(grid.cell(row, column))
            if text and not is_blank_mark(text):
                result[year][office] = text
    return {year: offices for year, offices in result.items() if offices}


def _replace_office_targets(targets: list[Target], period: str, new: list[Target]) -> list[Target]:
    offices = {t.office for t in new}
    kept = [t for t in targets if not (t.period == period and t.office in offices)]
    return kept + new


def attach_breakdown(plan: Plan, task_index: int, breakdown: dict[int, dict[str, str]],
                     sheet: str = "") -> list[Issue]:
    """Add the per-office targets to `plan.tasks[task_index]`; warn where they do not add up.

    An office's existing target for the same year (for example from a 其中 list in
    the target text) is replaced by the breakdown's.
    """
    task = plan.tasks[task_index]
    issues: list[Issue] = []
    for year, offices in sorted(breakdown.items()):
        period = str(year)
        plan_wide = task.plan_target(period)
        kind = plan_wide.kind if plan_wide and plan_wide.value is not None else None
        new = [make_target(period, text, office=office, kind=kind) for office, text in offices.items()]
        task.targets = _replace_office_targets(task.targets, period, new)
        issue = _check_sum(task.name, year, plan_wide, new)
        if issue:
            issues.append(Issue(sheet, None, None, issue))
    return issues


def _check_sum(name: str, year: int, plan_wide: Target | None, parts: list[Target]) -> str | None:
    if plan_wide is None or plan_wide.value is None:
        return None
    if plan_wide.kind == "ratio":
        return None  # shares by office do not add up to a plan-wide share
    unreadable = [t.office for t in parts if t.value is None]
    if unreadable:
        shown = "、".join(unreadable[:5])
        return f"任务“{name}”{year}年的分解目标中，{shown}的目标读不出数量，无法核对是否等于全市目标。"
    units = {t.unit for t in parts if t.unit} - {plan_wide.unit}
    if units:
        return f"任务“{name}”{year}年的分解目标单位（{'、'.join(sorted(units))}）与全市目标的单位（{plan_wide.unit or '无'}）不同，无法核对。"
    total = math.fsum(t.value for t in parts)
    if abs(total - plan_wide.value) > _TOLERANCE * max(1.0, abs(plan_wide.value)):
        unit = plan_wide.unit or ""
        return (f"任务“{name}”{year}年分解到各单位的目标合计 {number_text(total)}{unit}，"
                f"与全市目标 {number_text(plan_wide.value)}{unit} 不一致。")
    return None
