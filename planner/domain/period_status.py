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
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from planner.domain.errors import InputError
from planner.domain.figures import figure_sum, figure_text
from planner.domain.model import Plan, Status, Task
from planner.domain.percentages import completion_text, on_track_text
from planner.domain.periods import Period, periods_to
from planner.domain.status import (
    QUANTIFIED,
    Evaluation,
    OfficeSummary,
    PeriodStatus,
    ReportFact,
    TargetIndex,
    chase_list,
    completion_of,
    counted_reports,
    evaluate,
    index_targets,
    progress_of,
    status_of,
    target_for,
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


# Office figures: every office's returns and completion without explaining each task–office pair.

CHOSEN_STATUSES = tuple(Status)  # a chosen status is stored as its position here plus one, in STATUS_BITS bits
STATUS_BITS = 3


def year_periods(period: Period) -> list[Period]:
    """The periods whose reports count at the end of `period`: its year's quarters up to it, then the year itself."""
    return periods_to(period) + ([period] if period.is_year else [])


@dataclass(frozen=True)
class YearReports:
    """The counted reports of a plan at the end of `period`, one row per task and office (see
    `planner.store.progress_queries.year_reports`): what `evaluate_plan` reads from facts, with a
    row per task and office instead of an object per report.

    `rows[(task_id, office)]` is `(counted, statuses, values)`: bit i of `counted` is set when the
    current report of `periods[i]` counts (its latest revision was not returned), `statuses` holds
    each counted report's chosen status in STATUS_BITS bits per period, and `values` the figures
    by period, None where no counted figure was reported.
    """

    period: Period
    rows: dict[tuple[int, str], tuple]

    @property
    def periods(self) -> list[Period]:
        return year_periods(self.period)

    def facts(self, task_id: int, office: str) -> list[ReportFact]:
        """The counted reports of one task and office, as `ReportFact`s, oldest first."""
        row = self.rows.get((task_id, office))
        if row is None:
            return []
        counted, statuses, values = row
        mask = (1 << STATUS_BITS) - 1
        return [ReportFact(task_id, office, when.code, values[i],
                           CHOSEN_STATUSES[code - 1] if (code := statuses >> (STATUS_BITS * i) & mask) else None)
                for i, when in enumerate(self.periods) if counted >> i & 1]


@dataclass(frozen=True)
class OfficeFigures:
    """Each responsible office's returns and completion in a period: equal to `evaluate_plan`'s
    `offices` and `not_reported()`, worked out without an explanation for every task–office pair."""

    period: Period
    offices: list[OfficeSummary]
    missing: list[tuple[str, list[int]]]
    lead_only: bool = False

    def not_reported(self) -> list[tuple[str, list[int]]]:
        """催报名单: each office with the tasks it has not reported on, in office order."""
        return self.missing


def office_figures(plan: Plan, reports: YearReports, lead_only: bool = False) -> OfficeFigures:
    """The office part of `evaluate_plan(plan, facts, reports.period, lead_only)`, from the reports by pair."""
    period = reports.period
    check_period_in_plan(plan, period)
    pair_status = _pair_judge(reports)
    statuses: dict[str, list[Status]] = {}  # by office, in the order of the plan's tasks
    pairs: list[tuple[int, str, Status]] = []
    for task in plan.tasks:
        index = index_targets(task, period)
        for name in responsible_offices(task, period.year, lead_only):
            status = pair_status(task, name, index)
            if name in statuses:
                statuses[name].append(status)
            else:
                statuses[name] = [status]
            pairs.append((task.stored_id, name, status))
    offices = []
    for name, found in statuses.items():
        summary = OfficeSummary(name, len(found))
        for status in Status:
            summary.counts[status] = found.count(status)
        offices.append(summary)
    return OfficeFigures(period, offices, chase_list(pairs, offices), lead_only)


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


def _pair_judge(reports: YearReports) -> Callable[[Task, str, TargetIndex], Status]:
    """`evaluate(...).status` for one task and office of `reports`. The usual case, a quantified
    target with reported figures, is worked out here as `evaluate` does; every other case is left
    to it. What depends only on the period is worked out once, since this runs for every pair."""
    period, rows = reports.period, reports.rows
    year, is_year, expected = period.year, period.is_year, period.expected_share
    final = len(reports.periods) - 1
    # The period's own return is in when its report counts, or for a year its fourth quarter's
    # (then the latest counted report is one of these two).
    own_return = 1 << final | (1 << final - 1 if is_year else 0)
    not_reported = Status.NOT_REPORTED

    def pair_status(task: Task, office: str, index: TargetIndex) -> Status:
        task_id = task.stored_id
        row = rows.get((task_id, office))
        if row is None or not row[0] & own_return:
            return not_reported
        target = target_for(task, year, office, index)
        quantified = target is not None and target.kind in QUANTIFIED and target.value and target.comparator != "<="
        progress = _progress(target.kind, row[2], is_year) if target is not None and quantified else None
        if target is None or progress is None:
            return evaluate(task, office, period, reports.facts(task_id, office), index).status
        return status_of(completion_of(task, target, progress, year, office, index)[0], expected)

    return pair_status


def _progress(kind: str, values: tuple[float | None, ...], is_year: bool) -> float | None:
    """`progress_of` for values by period (None: no counted figure), the year's own value last when judging a year."""
    if kind == "increment":
        if is_year and values[-1] is not None:
            return values[-1]  # a whole-year report stands for the year
        quarters = [value for value in (values[:-1] if is_year else values) if value is not None]
        return figure_sum(quarters) if quarters else None
    for value in reversed(values):
        if value is not None:
            return value
    return None
