"""Importing an appendix spreadsheet as a plan: preview first, then one all-or-nothing write.

The GUI wizard and `main.py import` share this engine. `preview_import` reads
and understands the file without touching the database; the caller may correct
a column's meaning (`ColumnMapping.with_meaning`) and preview again, attach a
per-office breakdown (`attach_breakdown_sheet`), and then `commit_preview` (or
`import_file`, which does both) writes the plan in one transaction. The file's
sha256 is stored as the plan's source_hash, so importing the same content twice
is noticed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from planner.domain.model import Plan
from planner.plans.duplicates import DuplicateImportError as DuplicateImportError
from planner.plans.duplicates import OnDuplicate, resolve_duplicate, write_imported_plan
from planner.plans.duplicates import earlier_import as earlier_import
from planner.sheets.appendix import build_plan
from planner.sheets.breakdown import attach_breakdown, read_breakdown_sheet
from planner.sheets.detection import Layout, detect_layout, layout_for_mapping
from planner.sheets.errors import EmptySheetError, MappingError, MergedHeaderError, NoHeaderError, SheetInputError
from planner.sheets.grid import Grid
from planner.sheets.issues import Issue
from planner.sheets.mapping import ColumnMapping
from planner.sheets.readers import Workbook, read_workbook
from planner.store import Store
from planner.store.plan_rows import plans_from_source

Progress = Callable[[int, int], None]
PROGRESS_TOTAL = 100  # progress(done, total) is called with total = 100
_READ_SHARE, _PARSE_SHARE = 30, 50  # of PROGRESS_TOTAL; writing takes the rest


@dataclass
class ImportCounts:
    sections: int
    tasks: int
    targets: int
    offices: int

    def as_dict(self) -> dict[str, int]:
        return {"sections": self.sections, "tasks": self.tasks, "targets": self.targets, "offices": self.offices}


def count_plan(plan: Plan) -> ImportCounts:
    offices = {name for task in plan.tasks for name in (*task.lead, *task.co)}
    offices.update(t.office for task in plan.tasks for t in task.targets if t.office)
    return ImportCounts(len(plan.sections), len(plan.tasks), sum(len(t.targets) for t in plan.tasks), len(offices))


@dataclass(frozen=True)
class AttachedBreakdown:
    """A breakdown sheet attached to one task of a preview."""

    sheet: str
    task_index: int
    offices: int
    years: tuple[int, ...]


@dataclass
class ImportPreview:
    """What an import would write, before anything is written."""

    workbook: Workbook
    grid: Grid
    layout: Layout
    plan: Plan
    issues: list[Issue] = field(default_factory=list)
    task_rows: list[int] = field(default_factory=list)  # sheet row (1-based) of each of plan.tasks
    breakdowns: list[AttachedBreakdown] = field(default_factory=list)

    @property
    def sheet(self) -> str:
        return self.grid.name

    @property
    def mapping(self) -> ColumnMapping:
        return self.layout.mapping

    @property
    def counts(self) -> ImportCounts:
        return count_plan(self.plan)


@dataclass
class ImportResult:
    preview: ImportPreview
    plan_id: int | None  # None for a dry run
    dry_run: bool = False
    replaced_plan_id: int | None = None
    duplicate_of: int | None = None  # an earlier import of the same content, if any

    @property
    def counts(self) -> ImportCounts:
        return self.preview.counts


def _scaled(progress: Progress | None, start: int, share: int) -> Progress | None:
    if progress is None:
        return None
    return lambda done, total: progress(start + (share * done // total if total else share), PROGRESS_TOTAL)


def preview_import(path: str | Path | Workbook, sheet: str | None = None, mapping: ColumnMapping | None = None,
                   progress: Progress | None = None) -> ImportPreview:
    """Read `path` and show how it would be imported; the database is not involved.

    `path` may also be a `Workbook` already opened (`preview.workbook`), so that a
    preview after the user corrected a column does not read the file again.
    `sheet` defaults to the first sheet; `mapping` defaults to the detected one
    (pass back a corrected `ColumnMapping` to override it). Raises a
    `planner.domain.errors.InputError` subclass when the file cannot be imported.
    """
    if progress:
        progress(0, PROGRESS_TOTAL)
    workbook = path if isinstance(path, Workbook) else read_workbook(path, None if sheet is None else [sheet])
    chosen: list[Issue] = []
    try:
        grid = workbook.sheet(sheet)
        layout = detect_layout(grid) if mapping is None else None
    except (EmptySheetError, NoHeaderError) as exc:
        others = [name for name in workbook.sheet_names if name != (sheet or workbook.sheet_names[0])]
        if sheet is not None or not others:
            raise
        tables = _sheets_with_a_header(workbook, others)
        if len(tables) != 1 or mapping is not None:
            shown = "、".join(f"“{name}”" for name in others[:10])
            raise type(exc)(f"{exc}该文件还有其他工作表：{shown}，请选择要导入的工作表。") from None
        grid, layout = tables[0]
        chosen.append(Issue(grid.name, None, None, f"第一个工作表“{workbook.sheet_names[0]}”中没有任务表，"
                                                   f"已导入工作表“{grid.name}”（文件中唯一有表头的工作表）。"))
    if progress:
        progress(_READ_SHARE, PROGRESS_TOTAL)
    if layout is None:
        assert mapping is not None, "the layout is left to find only when a mapping was given"
        # The user's mapping stands even where detection would refuse the header.
        try:
            layout = detect_layout(grid)
            layout.mapping = mapping
        except (NoHeaderError, MergedHeaderError):
            layout = layout_for_mapping(grid, mapping)
    plan, issues, task_rows = build_plan(grid, layout, _scaled(progress, _READ_SHARE, _PARSE_SHARE))
    plan.source_hash = workbook.sha256
    issues = [*(Issue(grid.name, e.row + 1, e.column + 1, f"单元格是错误值 {e.code}（公式出错），按空白处理。")
                for e in grid.errors if e.row <= layout.mapping.header_last_row),
              *(Issue(grid.name, note.row + 1, note.column + 1, note.message) for note in grid.notes), *chosen,
              *issues]
    return ImportPreview(workbook=workbook, grid=grid, layout=layout, plan=plan, issues=issues, task_rows=task_rows)


def _sheets_with_a_header(workbook: Workbook, names: list[str]) -> list[tuple[Grid, Layout]]:
    """The sheets among `names` whose header is found: where the first sheet is a cover or 填表说明, the table
    is the one other sheet with a header. A sheet that cannot be read or has none is passed over."""
    found = []
    for name in names:
        try:
            grid = workbook.sheet(name)
            found.append((grid, detect_layout(grid)))
        except SheetInputError:
            continue
    return found


def find_task(preview: ImportPreview, key: str) -> int:
    """The index in `preview.plan.tasks` of the task whose 序号 (or else whose name) is `key`."""
    key = key.strip()
    tasks = preview.plan.tasks
    found = [i for i, task in enumerate(tasks) if task.seq == key] or [i for i, t in enumerate(tasks) if t.name == key]
    if len(found) == 1:
        return found[0]
    where = f"工作表“{preview.sheet}”"
    if not found:
        shown = "、".join(t.seq for t in tasks[:20] if t.seq)
        hint = f"（现有序号：{shown}{'…' if len(tasks) > 20 else ''}）" if shown else ""
        raise MappingError(f"{where}中没有序号或名称为“{key}”的任务{hint}。")
    rows = "、".join(f"第{preview.task_rows[i]}行" for i in found[:10]) if preview.task_rows else ""
    raise MappingError(f"{where}中序号或名称为“{key}”的任务不止一项（{rows}），请用序号指定其中一项。")


def attach_breakdown_sheet(preview: ImportPreview, sheet: str, task_index: int) -> list[Issue]:
    """Read `sheet` of the previewed workbook as a per-office breakdown of `preview.plan.tasks[task_index]`.

    The per-office targets join the plan, and the warnings (a split that does not
    add up, a 合计 row that disagrees, years outside the plan) join `preview.issues`
    and are returned. Raises a `SheetInputError` when the sheet holds no breakdown.
    """
    if sheet == preview.sheet:
        raise MappingError(f"工作表“{sheet}”是任务表本身，不能再作为分解表；请选择另一个工作表。")
    if not 0 <= task_index < len(preview.plan.tasks):
        raise MappingError(f"要分解的任务不存在：工作表“{preview.sheet}”共 {len(preview.plan.tasks)} 项任务。")
    breakdown = read_breakdown_sheet(preview.workbook.sheet(sheet))
    if not breakdown.targets:
        raise SheetInputError(
            f"文件“{preview.workbook.file_name}”的工作表“{sheet}”中，年份列下面没有任何单位的目标，不是分解表。"
        )
    issues = attach_breakdown(preview.plan, task_index, breakdown, sheet)
    preview.issues.extend(issues)
    offices = {office for by_office in breakdown.targets.values() for office in by_office}
    preview.breakdowns.append(AttachedBreakdown(sheet, task_index, len(offices), tuple(sorted(breakdown.targets))))
    return issues


def commit_preview(store: Store, preview: ImportPreview, on_duplicate: OnDuplicate = "refuse",
                   progress: Progress | None = None, dry_run: bool = False) -> ImportResult:
    """Write a previewed plan in one transaction; nothing is written if anything fails.

    A plan without a single task is refused: a file holding only its header (or rows
    none of which could be read as a task) would otherwise leave an empty plan behind.
    """
    if not preview.plan.tasks:
        header = preview.mapping.header_last_row + 1
        raise EmptySheetError(f"文件“{preview.workbook.file_name}”的工作表“{preview.sheet}”在表头（第{header}行）"
                              "下面没有任何任务行，没有可导入的内容，未创建计划。")
    earlier = plans_from_source(store.conn, preview.workbook.sha256)
    duplicate_of = earlier[-1]["id"] if earlier else None
    name = preview.workbook.file_name
    if dry_run:
        resolve_duplicate(store.conn, preview.workbook.sha256, name, preview.plan, on_duplicate)
        return ImportResult(preview, None, dry_run=True, duplicate_of=duplicate_of)
    start = _READ_SHARE + _PARSE_SHARE
    if progress:
        progress(start, PROGRESS_TOTAL)
    plan_id, replaced = write_imported_plan(store, preview.plan, name, on_duplicate, f"导入表格：{name}")
    if progress:
        progress(PROGRESS_TOTAL, PROGRESS_TOTAL)
    return ImportResult(preview, plan_id, replaced_plan_id=replaced[-1] if replaced else None,
                        duplicate_of=duplicate_of)


def import_file(store: Store, path: str | Path, sheet: str | None = None, mapping: ColumnMapping | None = None,
                dry_run: bool = False, on_duplicate: OnDuplicate = "refuse",
                progress: Progress | None = None) -> ImportResult:
    """Read, understand and write `path` as a new plan: `preview_import` then `commit_preview`."""
    preview = preview_import(path, sheet, mapping, progress)
    return commit_preview(store, preview, on_duplicate, progress, dry_run)
