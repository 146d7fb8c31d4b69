"""The rows of the task table, worked out once from a plan: section rows in outline order, the tasks
under each, and the merged 主要任务 cells of consecutive tasks with the same name."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import IntEnum

from planner.domain.model import Plan, Section, Target, Task
from planner.plans.structure import outline_order


class RowKind(IntEnum):
    SECTION = 0
    TASK = 1


@dataclass
class TableRow:
    kind: RowKind
    section: Section | None = None
    task: Task | None = None
    # Plan-wide target and the number of per-office targets, per year: worked out once per plan.
    year_targets: dict[int, Target] = field(default_factory=dict)
    office_counts: dict[int, int] = field(default_factory=dict)


def task_row(task: Task, years: list[int]) -> TableRow:
    row = TableRow(RowKind.TASK, task=task)
    for target in task.targets:
        if not target.period.isdigit() or int(target.period) not in years:
            continue
        year = int(target.period)
        if target.office is None:
            row.year_targets.setdefault(year, target)
        else:
            row.office_counts[year] = row.office_counts.get(year, 0) + 1
    return row


def sections_in_outline_order(plan: Plan) -> list[Section]:
    by_id: dict[int, Section] = {}
    for section in plan.sections:
        assert section.id is not None, "the table shows a plan read from the database"
        by_id[section.id] = section
    return [by_id[section_id] for section_id, _ in
            outline_order((section_id, section.parent_id, section.position) for section_id, section in by_id.items())]


def task_involves_office(task: Task, office: str) -> bool:
    return office in task.lead or office in task.co or any(t.office == office for t in task.targets)


def build_rows(plan: Plan, years: list[int], shown: Callable[[Task], bool], empty_sections: bool) -> list[TableRow]:
    """Tasks without a section first, then each section with its shown tasks; a section with none
    is listed only when `empty_sections`."""
    by_section: dict[int | None, list[Task]] = {}
    known = {s.id for s in plan.sections}
    for task in plan.tasks:
        if shown(task):
            key = task.section_id if task.section_id in known else None
            by_section.setdefault(key, []).append(task)
    rows = [task_row(t, years) for t in by_section.get(None, [])]
    for section in sections_in_outline_order(plan):
        tasks = by_section.get(section.id, [])
        if tasks or empty_sections:
            rows.append(TableRow(RowKind.SECTION, section=section))
            rows.extend(task_row(t, years) for t in tasks)
    return rows


def _task_name(row: TableRow) -> str:
    """A task row's 主要任务; a section row has none and merges with no row."""
    return row.task.name if row.kind is RowKind.TASK and row.task is not None else ""


def name_groups(rows: list[TableRow]) -> dict[int, tuple[int, int]]:
    """(first row, row count) of the merged 主要任务 cell of each row: consecutive tasks with the
    same name share one, as in the original sheet."""
    groups: dict[int, tuple[int, int]] = {}
    start = 0
    while start < len(rows):
        end = start + 1
        name = _task_name(rows[start])
        if name:
            while end < len(rows) and _task_name(rows[end]) == name:
                end += 1
        for row in range(start, end):
            groups[row] = (start, end - start)
        start = end
    return groups
