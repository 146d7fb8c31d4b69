"""Per-office breakdown sheets: offices as rows, years as columns, perhaps a 合计 row.

A plan-wide target ("全市新增养老床位 5000 张") is often split among districts
in a second sheet. The split is attached to one task as per-office targets, and
a split that does not add up — to the plan-wide figure, or to the sheet's own
合计 row — is flagged for the user with the cell to look at.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from planner.domain.figures import figure_sum, out_of_bounds_message
from planner.domain.model import Plan, Target
from planner.domain.office_names import normalize_office_name
from planner.domain.target_building import make_target
from planner.domain.target_text import out_of_range_figure, parse_target
from planner.sheets.cells import column_letter, location
from planner.sheets.cleaning import cell_text, is_blank_mark, is_total_label, number_text
from planner.sheets.detection import HEADER_SCAN_ROWS
from planner.sheets.errors import NoHeaderError, ValueOutOfRangeError
from planner.sheets.grid import Grid
from planner.sheets.issues import Issue
from planner.sheets.office_sums import same_amount, sum_mismatch
from planner.sheets.synonyms import header_year

TOTAL_WORDS = ("合计", "总计", "小计", "全市", "全区", "全县", "总数")


@dataclass
class Breakdown:
    """What a breakdown sheet holds. Positions are 0-based (row, column) of the sheet."""

    sheet: str
    targets: dict[int, dict[str, str]]  # year → office → target text
    cells: dict[tuple[int, str], tuple[int, int]] = field(default_factory=dict)  # (year, office) → position
    totals: dict[int, tuple[str, int, int]] = field(default_factory=dict)  # year → (text of the 合计 row, position)
    year_columns: dict[int, int] = field(default_factory=dict)  # year → column
    issues: list[Issue] = field(default_factory=list)  # found while reading the sheet


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
        f"文件“{grid.file_name}”的工作表“{grid.name}”不是分解表："
        f"前 {HEADER_SCAN_ROWS} 行中没有写着年份（如“2020年”）的表头。"
    )


def _office_column(grid: Grid, header_row: int, year_columns: dict[int, int]) -> int:
    """The first column, left of the years, that names something in the rows below the header."""
    first_year = min(year_columns)
    for column in range(first_year):
        texts = [cell_text(grid.cell(row, column)) for row in range(header_row + 1, min(grid.height, header_row + 50))]
        if any(text and not text.replace(".", "").isdigit() for text in texts):
            return column
    return max(0, first_year - 1)


def _is_total(office: str) -> bool:
    return is_total_label(office) or office.replace(" ", "") in TOTAL_WORDS


def read_breakdown_sheet(grid: Grid) -> Breakdown:
    """The offices' targets by year, where each came from, and the 合计 row if the sheet has one.

    Office names are normalised like every office name. An office listed twice
    keeps its later row, with a warning; error cells are reported, not read.
    """
    header_row, year_columns = _header(grid)
    office_column = _office_column(grid, header_row, year_columns)
    found = Breakdown(grid.name, {year: {} for year in sorted(set(year_columns.values()))},
                      year_columns={year: column for column, year in sorted(year_columns.items(), reverse=True)})
    errors = {(e.row, e.column): e.code for e in grid.errors}
    office_rows: dict[str, int] = {}
    for row in range(header_row + 1, grid.height):
        office = normalize_office_name(cell_text(grid.value(row, office_column)))
        if not office or office.startswith(("注", "备注", "说明")):
            continue
        total = _is_total(office)
        if not total:
            if office in office_rows:
                found.issues.append(Issue(grid.name, row + 1, office_column + 1,
                                          f"单位“{office}”在第{office_rows[office] + 1}行和第{row + 1}行重复出现，"
                                          f"按第{row + 1}行计。"))
            office_rows[office] = row
        for column, year in year_columns.items():
            if (row, column) in errors:
                found.issues.append(Issue(grid.name, row + 1, column + 1,
                                          f"单元格是错误值 {errors[(row, column)]}（公式出错），按空白处理。"))
                continue
            value = grid.cell(row, column)
            if isinstance(value, float) and not math.isfinite(value):
                found.issues.append(Issue(grid.name, row + 1, column + 1,
                                          f"单元格的数值“{value}”超出了可以表示的范围（不是有限的数），按空白处理。"))
                continue
            text = cell_text(value)
            if not text or is_blank_mark(text):
                continue
            if (too_large := out_of_range_figure(text)) is not None:
                raise ValueOutOfRangeError(f"文件“{grid.file_name}”{location(grid.name, row, column)}："
                                           + out_of_bounds_message("分解目标中的数字", too_large)
                                           + "。请核对这个单元格，改正后再导入。")
            if total:
                found.totals.setdefault(year, (text, row, column))
            else:
                found.targets[year][office] = text
                found.cells[(year, office)] = (row, column)
    found.targets = {year: offices for year, offices in found.targets.items() if offices}
    return found


def read_breakdown(grid: Grid) -> dict[int, dict[str, str]]:
    """Year → office → target text, from a sheet with offices as rows and years as columns.

    A 合计/总计 row is left out: the total is the plan-wide target, checked by
    `attach_breakdown` (pass it `read_breakdown_sheet(grid)` to check the 合计 row too).
    """
    return read_breakdown_sheet(grid).targets


def _replace_office_targets(targets: list[Target], period: str, new: list[Target]) -> list[Target]:
    offices = {t.office for t in new}
    kept = [t for t in targets if not (t.period == period and t.office in offices)]
    return kept + new


def attach_breakdown(plan: Plan, task_index: int, breakdown: dict[int, dict[str, str]] | Breakdown,
                     sheet: str = "") -> list[Issue]:
    """Add the per-office targets to `plan.tasks[task_index]`; warn where they do not add up.

    An office's existing target for the same year (for example from a 其中 list in
    the target text) is replaced by the breakdown's. Given a `Breakdown`, the
    warnings name the cells, and the sheet's 合计 row is checked as well.
    """
    found = breakdown if isinstance(breakdown, Breakdown) else Breakdown(sheet, breakdown)
    sheet = sheet or found.sheet
    task = plan.tasks[task_index]
    issues: list[Issue] = list(found.issues)

    def place(year: int, office: str | None = None) -> tuple[int | None, int | None]:
        if office is not None and (year, office) in found.cells:
            row, column = found.cells[(year, office)]
            return row + 1, column + 1
        if year in found.totals:
            _, row, column = found.totals[year]
            return row + 1, column + 1
        year_column = found.year_columns.get(year)
        return None, None if year_column is None else year_column + 1

    for year in sorted(set(found.targets) | set(found.totals)):
        if not plan.first_year <= year <= plan.last_year:
            column = found.year_columns.get(year)
            where = f"{column_letter(column)}列" if column is not None else ""
            issues.append(Issue(sheet, None, None if column is None else column + 1,
                                f"分解表{where}是{year}年，不在计划年度（{plan.first_year}—{plan.last_year}年）内，"
                                "该年的分解目标不会出现在年度报表中。"))
        offices = found.targets.get(year, {})
        period = str(year)
        plan_wide = task.plan_target(period)
        kind = plan_wide.kind if plan_wide and plan_wide.value is not None else None
        new = [make_target(period, text, office=office, kind=kind) for office, text in offices.items()]
        if new:
            task.targets = _replace_office_targets(task.targets, period, new)
        problem = sum_mismatch(task.name, year, plan_wide, new)
        if problem:
            first_unreadable = next((t.office for t in new if t.value is None), None)
            issues.append(Issue(sheet, *place(year, first_unreadable), problem))
        total_problem = _total_row_mismatch(task.name, year, found.totals.get(year), new)
        if total_problem and problem and _states(found.totals[year][0], plan_wide):
            total_problem = None  # the 合计 row repeats the plan-wide figure: one warning says it all
        if total_problem:
            issues.append(Issue(sheet, *place(year), total_problem))
    return issues


def _states(text: str, target: Target | None) -> bool:
    """Whether `text` states the same amount as `target`."""
    value = parse_target(text).value
    return target is not None and target.value is not None and value is not None and same_amount(value, target.value)


def _total_row_mismatch(name: str, year: int, total: tuple[str, int, int] | None, parts: list[Target]) -> str | None:
    """Why the sheet's own 合计 row disagrees with the offices above it, if it does."""
    if total is None or not parts or any(t.value is None for t in parts):
        return None
    stated = parse_target(total[0])
    if stated.value is None:
        return None
    added = figure_sum(t.value for t in parts if t.value is not None)
    if same_amount(added, stated.value):
        return None
    unit = stated.unit or next((t.unit for t in parts if t.unit), "") or ""
    return (f"任务“{name}”{year}年分解表的合计行写的是 {number_text(stated.value)}{unit}，"
            f"但各单位相加是 {number_text(added)}{unit}。")
