"""A plan with its targets and one period's progress as a table: what the xlsx and csv exports write.

The columns follow the appendix (序号 / 重点工作 / 具体指标 / 现状 / one target per
year / 责任单位) with the period's progress beside them: the task's figure and
completion as the status engine sees it (lead office, or the offices' shares
added up), its light, and what the offices wrote.
"""

from __future__ import annotations

import math
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from planner.domain.errors import InputError
from planner.domain.model import Plan, Section, Status, Task
from planner.domain.percentages import COMPLETION_PLACES, rounded_share
from planner.domain.period_status import check_period_in_plan, evaluate_tasks, responsible_offices
from planner.domain.periods import Period, parse_period
from planner.domain.plan_periods import latest_of, periods_latest_first
from planner.domain.status import Evaluation
from planner.store.progress_queries import deciding_report_facts
from planner.store.queries import load_plan
from planner.store.report_rows import current_texts, periods_with_reports

TEXT, CENTRED, NUMBER, PERCENT, STATUS = "text", "centred", "number", "percent", "status"


@dataclass(frozen=True)
class ExportColumn:
    header: str
    width: float
    kind: str = TEXT
    group: str | None = None  # the header above this one, spanning the columns of the same group


@dataclass
class ExportTable:
    title: str
    subtitle: str
    columns: list[ExportColumn]
    rows: list[tuple[str, list]] = field(default_factory=list)  # ("section", [title]) or ("task", values)
    period: Period | None = None

    @property
    def task_count(self) -> int:
        return sum(1 for kind, _values in self.rows if kind == "task")


def latest_reported_period(conn: sqlite3.Connection, plan: Plan) -> Period | None:
    """The last period of the plan's years with any report, or None."""
    codes = periods_latest_first(plan)
    latest = latest_of(plan, periods_with_reports(conn, plan.stored_id, codes))
    return parse_period(latest) if latest is not None else None


def _columns(plan: Plan, period: Period | None) -> list[ExportColumn]:
    """The columns and their widths: the plan's part fits one page across at a readable size (three years,
    with 重点内容), the period's progress a second (planner.exchange.paper)."""
    columns = [ExportColumn("序号", 5, CENTRED), ExportColumn("重点工作", 16)]
    if any(task.content for task in plan.tasks):
        columns.append(ExportColumn("重点内容", 20))
    columns += [ExportColumn("具体指标", 20), ExportColumn("现状", 8, CENTRED)]
    columns += [ExportColumn(f"{year}年", 10, CENTRED, "年度目标") for year in plan.years]
    columns += [ExportColumn("牵头单位", 10, CENTRED, "责任单位"), ExportColumn("配合单位", 14, TEXT, "责任单位")]
    if period is not None:
        group = f"{period.label}进展"
        columns += [ExportColumn("完成值", 8, NUMBER, group), ExportColumn("完成率", 8, PERCENT, group),
                    ExportColumn("状态", 9, STATUS, group), ExportColumn("进展情况", 26, TEXT, group),
                    ExportColumn("存在问题", 16, TEXT, group), ExportColumn("下步打算", 16, TEXT, group)]
    return columns


def _year_targets(task: Task, years: list[int]) -> list[str]:
    """The plan-wide target of each year, or where there is none the offices' shares, one per line."""
    plan_wide: dict[str, str] = {}
    shares: dict[str, list[str]] = defaultdict(list)
    for target in task.targets:
        if target.office is None:
            plan_wide.setdefault(target.period, target.text)
        else:
            shares[target.period].append(f"{target.office}：{target.text}")
    return [plan_wide.get(str(year)) or "\n".join(shares.get(str(year), ())) for year in years]


class _Texts(NamedTuple):
    """What one office wrote for a task in the period (its current report)."""

    office: str
    narrative: str
    problems: str
    next_steps: str


def _period_texts(conn: sqlite3.Connection, plan_id: int, period: Period) -> dict[int, list[_Texts]]:
    texts: dict[int, list[_Texts]] = defaultdict(list)
    for task_id, *values in current_texts(conn, plan_id, period.code):
        texts[task_id].append(_Texts(*values))
    return texts


def _joined(reports: list[_Texts], attribute: str) -> str:
    written = [(r.office, getattr(r, attribute)) for r in reports if getattr(r, attribute)]
    if len(written) == 1 and len(reports) == 1:
        return written[0][1]
    return "\n".join(f"{office}：{text}" for office, text in written)


def _sections_by_id(plan: Plan) -> dict[int | None, list[Section]]:
    by_id = {section.id: section for section in plan.sections}
    chains: dict[int | None, list[Section]] = {}
    for section in plan.sections:
        chain: list[Section] = []
        current: Section | None = section
        while current is not None and len(chain) < 10:
            chain.append(current)
            current = by_id.get(current.parent_id) if current.parent_id else None
        chains[section.id] = list(reversed(chain))
    return chains


def build_export(conn: sqlite3.Connection, plan_id: int, period: str | Period | None = None,
                 latest_if_none: bool = True) -> ExportTable:
    """The export table of a plan; without `period`, the last period with reports (none: targets only)."""
    plan = load_plan(conn, plan_id)
    if period is not None:
        period = parse_period(period)
        check_period_in_plan(plan, period)
    elif latest_if_none:
        period = latest_reported_period(conn, plan)
    if not plan.tasks:
        raise InputError(f"计划“{plan.title}”中还没有任务，没有可导出的内容。")
    subtitle = f"计划：{plan.title}" + (f"（{plan.doc_no}）" if plan.doc_no else "")
    if period is not None:
        subtitle += f"    进展期间：{period.label}"
    table = ExportTable(plan.appendix_title or plan.title, subtitle, _columns(plan, period), period=period)
    has_content = any(task.content for task in plan.tasks)
    evaluations: dict[int, Evaluation] = {}
    reports: dict[int, list[_Texts]] = {}
    if period is not None:
        evaluations = {e.task_id: e for e in evaluate_tasks(plan, deciding_report_facts(conn, plan.stored_id, period),
                                                             period)}
        reports = _period_texts(conn, plan.stored_id, period)
    chains = _sections_by_id(plan)
    years = plan.years
    shown: set[int] = set()
    for task in plan.tasks:
        for section in chains.get(task.section_id, []):
            if section.stored_id not in shown:
                shown.add(section.stored_id)
                table.rows.append(("section", [section.title]))
        values: list = [task.seq, task.name]
        if has_content:
            values.append(task.content)
        values += [task.indicator, task.baseline]
        values += _year_targets(task, years)
        values += ["、".join(task.lead), "、".join(name for name in task.co if name not in task.lead)]
        if period is not None:
            evaluation = evaluations.get(task.stored_id)
            cell_reports = reports.get(task.stored_id, [])
            if len(cell_reports) > 1:
                order = {name: rank for rank, name in enumerate(responsible_offices(task, period.year))}
                cell_reports = sorted(cell_reports, key=lambda r: order.get(r.office, len(order)))
            status = evaluation.status if evaluation else Status.NOT_REPORTED
            completion = evaluation.completion if evaluation else None
            # The fraction as the report prints it (half up, one decimal of a percent), shown by the "0.0%" format.
            rate = rounded_share(completion, COMPLETION_PLACES) if completion is not None \
                and math.isfinite(completion) else completion
            values += [evaluation.progress if evaluation else None, rate,
                       status.value, _joined(cell_reports, "narrative"), _joined(cell_reports, "problems"),
                       _joined(cell_reports, "next_steps")]
        table.rows.append(("task", values))
    return table
