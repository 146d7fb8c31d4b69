"""The status of every task of a plan in one period, per responsible office and per task.

A task as a whole is judged by its lead office (牵头单位). Where the year's target is
broken down by office (the 18 districts of a city-wide bed target), the offices'
progress is added up and judged against the plan-wide target instead. Per-office
completion counts lead and co-operating offices, or lead offices only when asked
(supervision systems leave co-operating units out of completion rates); offices
with a share of a broken-down target count either way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from planner.domain.errors import InputError
from planner.domain.figures import figure_sum, figure_text
from planner.domain.model import Plan, Status, Task
from planner.domain.percentages import completion_text, on_track_text
from planner.domain.periods import Period
from planner.domain.status import (
    QUANTIFIED,
    Evaluation,
    OfficeSummary,
    PeriodStatus,
    ReportFact,
    counted_reports,
    evaluate,
    index_targets,
    progress_of,
    status_of,
)


def responsible_offices(task: Task, year: int, lead_only: bool = False) -> list[str]:
    """Lead offices, then co-operating ones (unless `lead_only`), then offices with their own target."""
    # A dict keeps the first place of each name and looks names up at once: a province's task has
    # thousands of co-operating offices, and a list's `in` made this quadratic.
    names = dict.fromkeys(task.lead)
    if not lead_only:
        names.update(dict.fromkeys(task.co))
    period = str(year)
    for target in task.targets:
        if target.period == period and target.office:
            names.setdefault(target.office)
    return list(names)


def check_period_in_plan(plan: Plan, period: Period) -> None:
    if not plan.first_year <= period.year <= plan.last_year:
        raise InputError(f"期间 {period.label} 不在计划“{plan.title}”的年度"
                         f"（{plan.first_year}—{plan.last_year}年）之内。")


def _broken_down(task: Task, office_facts: dict[str, list[ReportFact]], period: Period) -> Evaluation | None:
    """The task judged by the sum of its offices' progress, where its target is split among offices."""
    year = str(period.year)
    plan_wide = task.plan_target(year)
    shares = [t.office for t in task.targets if t.period == year and t.office]
    if not shares or plan_wide is None or plan_wide.value is None or plan_wide.kind not in QUANTIFIED:
        return None
    if plan_wide.kind == "ratio" or plan_wide.comparator == "<=" or plan_wide.value <= 0:
        return None
    progress, reporting = [], 0
    for share in shares:
        counted = counted_reports(office_facts.get(share, []), period)
        if counted:
            reporting += 1
        value = progress_of(plan_wide, counted, period) if counted else None
        if value is not None:
            progress.append(value)
    if not reporting:
        return None  # the offices have not reported their shares: the lead's city-wide figure stands
    expected = period.expected_share
    total = figure_sum(progress)
    completion = total / plan_wide.value
    unit = plan_wide.unit or ""
    return Evaluation(task.stored_id, None, period.code, status_of(completion, expected), completion, expected, total,
                      plan_wide, f"{len(shares)} 个单位中 {reporting} 个已填报，合计 {figure_text(total)}{unit}，"
                                 f"全市目标 {figure_text(plan_wide.value)}{unit}，"
                                 f"完成率 {completion_text(completion)}，序时进度 {on_track_text(expected)}。")


def _task_as_a_whole(task: Task, office_facts: dict[str, list[ReportFact]], period: Period,
                     by_office: dict[str, Evaluation]) -> Evaluation:
    found = _broken_down(task, office_facts, period)
    if found is not None:
        return found
    leads = [name for name in task.lead if name in by_office] or list(by_office)
    for name in leads:
        if by_office[name].status is not Status.NOT_REPORTED:
            judged = by_office[name]
            break
    else:
        if not leads:
            return evaluate(task, None, period, [])
        judged = by_office[leads[0]]
    return Evaluation(task.stored_id, None, judged.period, judged.status, judged.completion, judged.expected,
                      judged.progress, judged.target, judged.reason, judged.chosen)


def evaluate_plan(plan: Plan, facts: Iterable[ReportFact], period: Period, lead_only: bool = False,
                  office: str | None = None) -> PeriodStatus:
    """Evaluate every task of `plan` at the end of `period`; `office` keeps only that office's tasks."""
    check_period_in_plan(plan, period)
    grouped: dict[int, dict[str, list[ReportFact]]] = defaultdict(lambda: defaultdict(list))
    for fact in facts:
        grouped[fact.task_id][fact.office].append(fact)
    tasks, by_office = [], []
    summaries: dict[str, OfficeSummary] = {}
    for task in plan.tasks:
        names = responsible_offices(task, period.year, lead_only)
        if office is not None and office not in names:
            continue
        office_facts = grouped.get(task.stored_id, {})
        index = index_targets(task, period)
        evaluations = {name: evaluate(task, name, period, office_facts.get(name, ()), index) for name in names}
        # The whole task is judged on everyone responsible, even when completion counts leads only.
        all_names = responsible_offices(task, period.year, False) if lead_only else names
        judged_by = {n: evaluations.get(n) or evaluate(task, n, period, office_facts.get(n, ()), index)
                     for n in all_names}
        tasks.append(_task_as_a_whole(task, office_facts, period, judged_by))
        for name in names if office is None else [office]:
            evaluation = evaluations[name]
            by_office.append(evaluation)
            summary = summaries.setdefault(name, OfficeSummary(name))
            summary.assigned += 1
            summary.counts[evaluation.status] += 1
    return PeriodStatus(period, tasks, by_office, list(summaries.values()), lead_only)


def evaluate_tasks(plan: Plan, facts: Iterable[ReportFact], period: Period) -> list[Evaluation]:
    """The status of every task as a whole, evaluating only the offices that decide it
    (see `planner.store.progress_queries.deciding_report_facts`)."""
    check_period_in_plan(plan, period)
    grouped: dict[int, dict[str, list[ReportFact]]] = defaultdict(lambda: defaultdict(list))
    for fact in facts:
        grouped[fact.task_id][fact.office].append(fact)
    evaluations = []
    for task in plan.tasks:
        office_facts = grouped.get(task.stored_id, {})
        index = index_targets(task, period)
        names = list(dict.fromkeys(task.lead)) or responsible_offices(task, period.year)
        judged_by = {name: evaluate(task, name, period, office_facts.get(name, ()), index) for name in names}
        evaluations.append(_task_as_a_whole(task, office_facts, period, judged_by))
    return evaluations


def chase_rule(lead_only: bool, shares: bool = False) -> str:
    """Whose returns are counted and chased, as the report and the 催报名单 state it; `shares` when some
    office has its own share of a broken-down target (it is counted under either rule)."""
    with_shares = "和承担分解目标的单位" if shares else ""
    if lead_only:
        return f"牵头单位{with_shares}（不含配合单位）"
    return f"全部责任单位（牵头单位、配合单位{with_shares}）" if shares else "全部责任单位（牵头单位和配合单位）"


def has_shares(plan: Plan, year: int) -> bool:
    """Whether some task's target of `year` is broken down by office."""
    code = str(year)
    return any(target.office for task in plan.tasks for target in task.targets if target.period == code)
