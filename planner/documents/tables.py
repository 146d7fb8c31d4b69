"""The reports' tables as rows of cells: the target table, the progress table, offices, lagging tasks."""

from __future__ import annotations

import re
from collections.abc import Callable

from planner.documents.data import ReportData
from planner.documents.fonts import HEI
from planner.documents.table_model import CENTER, LEFT, RIGHT, Cell, Column, HeaderCell, TableRow, TableSpec
from planner.documents.wording import ItemNames, figures_phrase, on_track_percent, target_phrase
from planner.domain.model import STATUS_TEXT_COLOURS, Plan, Section, Status, Task
from planner.domain.status import Evaluation, OfficeSummary
from planner.store.report_texts import ReportTexts

STATUS_CHARS = max(len(s.value) for s in Status)
SEQ_COLUMN = Column(0.55, CENTER, 2)  # 序号 on one line
# A cell that is only a figure, with a comparator and a short unit at most (4, 20个, 53426张, 12.5%, ≥90%):
# right-aligned, so that the figures of a column line up as in a table of numbers; text stays left.
FIGURE = re.compile(r"[≥≤<>]?\s*[0-9][0-9,.]*\s*(%|‰|[\u4e00-\u9fff]{1,2})?")


def figure_cell(text: str) -> Cell:
    return Cell(text, align=RIGHT if FIGURE.fullmatch(text.strip()) else LEFT)


def status_cell(status: Status | None) -> Cell:
    if status is None:
        return Cell("")
    return Cell(status.value, HEI, CENTER, STATUS_TEXT_COLOURS[status])


def _ancestors(plan: Plan, section_id: int | None) -> list[Section]:
    by_id = {s.id: s for s in plan.sections}
    chain: list[Section] = []
    while section_id is not None and section_id in by_id:
        chain.insert(0, by_id[section_id])
        section_id = by_id[section_id].parent_id
    return chain


def with_sections(plan: Plan, tasks: list[Task], row_of) -> list[TableRow]:
    """The tasks' rows with a row for each section (and its parents) before its first task."""
    rows: list[TableRow] = []
    shown: set[int | None] = set()
    for task in tasks:
        for section in _ancestors(plan, task.section_id):
            if section.id not in shown:
                shown.add(section.id)
                rows.append(TableRow(span=Cell(section.title, HEI)))
        rows.append(row_of(task))
    return rows


def year_target_text(task: Task, year: int, with_unit: bool = False) -> str:
    """The year's plan-wide target as written (with the unit the 具体指标 gives where `with_unit` and the cell
    holds a bare figure), else the offices' shares."""
    target = task.plan_target(str(year))
    if target is not None:
        return target_phrase(task, target) if with_unit else target.text
    shares = [t for t in task.targets if t.period == str(year) and t.office]
    return "；".join(f"{t.office}{t.text}" for t in shares)


def _year_target_of(year: int) -> Callable[[Task], str]:
    return lambda task: year_target_text(task, year)


def target_table(data: ReportData) -> tuple[TableSpec, list[TableRow]]:
    """The plan's appendix: 序号, 主要任务, 重点内容, 具体指标, 现状, one column per year, 牵头单位, 配合单位."""
    plan, tasks = data.plan, data.listed_tasks()
    years = plan.years
    texts = {"content": any(t.content for t in tasks), "indicator": any(t.indicator for t in tasks),
             "baseline": any(t.baseline for t in tasks)}
    leading = [("序号", 0.55, CENTER, lambda t: t.seq), ("主要任务", 1.6, None, lambda t: t.name)]
    optional = [("重点内容", 2.8, "content", lambda t: t.content),
                ("具体指标", 2.0, "indicator", lambda t: t.indicator),
                ("现状", 0.9, "baseline", lambda t: t.baseline)]
    columns = [(title, weight, align, value) for title, weight, align, value in leading]
    columns += [(title, weight, None, value) for title, weight, key, value in optional if texts[key]]
    first_year = len(columns)
    columns += [(f"{year}年", 1.5, None, _year_target_of(year)) for year in years]
    columns += [("牵头单位", 1.2, None, lambda t: "、".join(t.lead)),
                ("配合单位", 1.5, None, lambda t: "、".join(t.co))]
    evaluations = data.task_status
    period = data.period
    header = [HeaderCell(title, 0, i, rowspan=2) for i, (title, *_rest) in enumerate(columns[:first_year])]
    header.append(HeaderCell("年度目标", 0, first_year, colspan=len(years)))
    header += [HeaderCell(f"{year}年", 1, first_year + i) for i, year in enumerate(years)]
    offices_at = first_year + len(years)
    header.append(HeaderCell("责任单位", 0, offices_at, colspan=2))
    header += [HeaderCell("牵头单位", 1, offices_at), HeaderCell("配合单位", 1, offices_at + 1)]
    specs = [Column(weight, align or "left") for _title, weight, align, _value in columns]
    specs[0] = SEQ_COLUMN
    if period is not None:
        header.append(HeaderCell(f"{period.label}状态", 0, len(columns), rowspan=2))
        specs.append(Column(0.9, CENTER, STATUS_CHARS))

    def row_of(task: Task) -> TableRow:
        cells = [Cell(value(task), align=align) if align else figure_cell(value(task))
                 for _title, _weight, align, value in columns]
        if period is not None:
            evaluation = evaluations.get(task.stored_id)
            cells.append(status_cell(evaluation.status if evaluation else None))
        return TableRow(cells, group=(task.section_id, task.name))

    return TableSpec(specs, header, merged=frozenset({1})), with_sections(plan, tasks, row_of)


def _texts_of(data: ReportData, task: Task, offices: list[str], field: str, label_others: bool) -> str:
    parts = []
    for office in offices:
        texts = data.texts.get((task.stored_id, office))
        text = getattr(texts, field) if texts else ""
        if text:
            parts.append(f"{office}：{text}" if label_others else text)
    return "\n".join(parts)


def completion_text(task: Task, evaluation: Evaluation | None) -> str:
    """The 完成情况 cell: the figures with their units, 完成率 and 序时进度, in the report's words."""
    return figures_phrase(task, evaluation)


def name_cell(task: Task, names: ItemNames) -> Cell:
    """The 主要任务 cell, with what tells the item apart where several items share the name."""
    detail = names.detail(task)
    return Cell(f"{task.name}\n（{detail}）" if detail else task.name)


def responsible(task: Task, data: ReportData) -> list[str]:
    return data.responsible(task)


def progress_table(data: ReportData) -> tuple[TableSpec, list[TableRow]]:
    """The quarterly report's 附件: every task in scope with its year's target, progress, texts and status."""
    year = data.known_period.year
    evaluations = data.task_status
    header = [HeaderCell(title, 0, i) for i, title in enumerate(
        ["序号", "主要任务", f"{year}年目标", "牵头单位", "完成情况", "进展情况", "存在问题", "状态"])]
    specs = [SEQ_COLUMN, Column(1.8), Column(1.5), Column(1.1), Column(1.9), Column(2.9), Column(2.1),
             Column(0.8, CENTER, STATUS_CHARS)]

    def row_of(task: Task) -> TableRow:
        evaluation = evaluations.get(task.stored_id)
        offices = responsible(task, data)
        leads = [o for o in task.lead if o in offices] or offices[:1]
        narrative = _texts_of(data, task, leads, "narrative", len(leads) > 1)
        problems = _texts_of(data, task, offices, "problems", True)
        target = figure_cell(year_target_text(task, year, with_unit=True))
        cells = [Cell(task.seq, align=CENTER), Cell(task.name), target,
                 Cell("、".join(task.lead)), Cell(completion_text(task, evaluation)), Cell(narrative), Cell(problems),
                 status_cell(evaluation.status if evaluation else None)]
        return TableRow(cells, group=None)

    return TableSpec(specs, header), with_sections(data.plan, data.listed_tasks(), row_of)


def office_table(offices: list[OfficeSummary]) -> tuple[TableSpec, list[TableRow]]:
    titles = ["单位", "负责任务", "已填报", *(s.value for s in Status), "推进率"]
    header = [HeaderCell(title, 0, i) for i, title in enumerate(titles)]
    specs = [Column(2.6)] + [Column(1.0, CENTER) for _ in titles[1:]]
    rows = []
    for office in offices:
        counts = [Cell(str(office.counts[s]), align=CENTER,
                       colour=STATUS_TEXT_COLOURS[s] if office.counts[s] else "#000000") for s in Status]
        rows.append(TableRow([Cell(office.office), Cell(str(office.assigned), align=CENTER),
                              Cell(str(office.reported), align=CENTER), *counts,
                              Cell(on_track_percent(office.on_track_rate), align=CENTER)]))
    return TableSpec(specs, header), rows


def lagging_table(data: ReportData, lagging: list[Evaluation]) -> tuple[TableSpec, list[TableRow]]:
    """表2 when more than ten tasks lag: each with its figures, every office's 存在问题 and the lead's 下步打算
    (as the paragraphs give them for ten or fewer); what nobody wrote is 未填报."""
    tasks = {task.id: task for task in data.plan.tasks}
    names = ItemNames(data.plan.tasks)
    titles = ["序号", "主要任务", "牵头单位", "完成情况", "存在问题", "下步打算"]
    header = [HeaderCell(title, 0, i) for i, title in enumerate(titles)]
    specs = [SEQ_COLUMN, Column(1.8), Column(1.2), Column(1.8), Column(2.4), Column(2.4)]
    rows = []
    for evaluation in lagging:
        task = tasks[evaluation.task_id]
        offices = responsible(task, data)
        problems = _texts_of(data, task, offices, "problems", True) or "未填报"
        leads = [o for o in task.lead if o in offices] or offices[:1]
        steps = _texts_of(data, task, leads, "next_steps", len(leads) > 1) or "未填报"
        rows.append(TableRow([Cell(task.seq, align=CENTER), name_cell(task, names), Cell("、".join(task.lead)),
                              Cell(completion_text(task, evaluation)), Cell(problems), Cell(steps)]))
    return TableSpec(specs, header), rows


def office_task_table(data: ReportData) -> tuple[TableSpec, list[TableRow]]:
    """One office's tasks: its role, the year's target, its own progress, texts and status."""
    office, year = data.known_office, data.known_period.year
    own = data.office_evaluations()
    header = [HeaderCell(title, 0, i) for i, title in enumerate(
        ["序号", "主要任务", "职责", f"{year}年目标", "完成情况", "进展情况", "存在问题", "下步打算", "状态"])]
    specs = [SEQ_COLUMN, Column(1.6), Column(0.6, CENTER, 2), Column(1.6), Column(1.4), Column(2.6),
             Column(1.8), Column(1.8), Column(0.8, CENTER, STATUS_CHARS)]

    def row_of(task: Task) -> TableRow:
        evaluation = own.get((task.stored_id, office))
        texts = data.texts.get((task.stored_id, office)) or ReportTexts("", "", "")
        role = "牵头" if office in task.lead else "配合" if office in task.co else "分解"
        target = target_phrase(task, evaluation.target) if evaluation and evaluation.target \
            else year_target_text(task, year, with_unit=True)
        return TableRow([Cell(task.seq, align=CENTER), Cell(task.name), Cell(role, align=CENTER), figure_cell(target),
                         Cell(completion_text(task, evaluation)), Cell(texts.narrative), Cell(texts.problems),
                         Cell(texts.next_steps), status_cell(evaluation.status if evaluation else None)])

    return TableSpec(specs, header), with_sections(data.plan, data.listed_tasks(), row_of)
