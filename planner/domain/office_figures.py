"""Every responsible office's returns and completion in a period, as the dashboard, the report and
the 催报名单 show them: from the counted reports gathered by task and office, without explaining each
task–office pair. At a province's scale (hundreds of thousands of pairs) the pairs that share their
task's plan-wide target are judged together, from what is worked out once per task."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TypeGuard

from planner.domain.figures import figure_sum
from planner.domain.model import Plan, Status, Target, Task
from planner.domain.period_status import check_period_in_plan, responsible_offices
from planner.domain.periods import Period, periods_to
from planner.domain.status import (
    QUANTIFIED,
    OfficeSummary,
    ReportFact,
    TargetIndex,
    chase_list,
    completion_from,
    completion_of,
    evaluate,
    index_targets,
    status_of,
    target_for,
    year_start,
)

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
    judge = _PairJudge(reports)
    statuses: dict[str, list[Status]] = defaultdict(list)  # by office, in the order of the plan's tasks
    chased: list[tuple[int, str, Status]] = []
    not_reported = Status.NOT_REPORTED
    for task in plan.tasks:
        names = responsible_offices(task, period.year, lead_only)
        found = judge.statuses(task, names)
        for name, status in zip(names, found):
            statuses[name].append(status)
        if not_reported in found:
            chased += ((task.stored_id, name, status) for name, status in zip(names, found) if status is not_reported)
    offices = []
    for name, judged in statuses.items():
        summary = OfficeSummary(name, len(judged))
        for status in Status:
            summary.counts[status] = judged.count(status)
        offices.append(summary)
    return OfficeFigures(period, offices, chase_list(chased, offices), lead_only)


class _PairJudge:
    """`evaluate(...).status` for each task and office of `reports`. The usual case, a quantified
    target with reported figures, is worked out here as `evaluate` does; every other case is left
    to it. What depends only on the period is worked out once, and what depends only on the task
    once per task, since this runs for every pair."""

    def __init__(self, reports: YearReports) -> None:
        period = self.period = reports.period
        self.reports, self.rows = reports, reports.rows
        self.year, self.is_year, self.expected = period.year, period.is_year, period.expected_share
        self.years = (str(period.year), str(period.year - 1))
        final = len(reports.periods) - 1
        # The period's own return is in when its report counts, or for a year its fourth quarter's
        # (then the latest counted report is one of these two).
        self.own_return = 1 << final | (1 << final - 1 if period.is_year else 0)

    def statuses(self, task: Task, names: list[str]) -> list[Status]:
        """The status of each of `names` on `task`, in their order."""
        index = index_targets(task, self.period)
        # An office with its own share of this year's or last year's target is judged against its
        # own; every other office against the plan-wide target, whose figures are the same for all.
        own = {office for code, office in index if office is not None and code in self.years}
        shared = self._shared_target(task, index)
        rows, own_return, task_id = self.rows, self.own_return, task.stored_id
        is_year, expected, not_reported = self.is_year, self.expected, Status.NOT_REPORTED
        found = []
        for name in names:
            row = rows.get((task_id, name))
            if row is None or not row[0] & own_return:
                found.append(not_reported)
            elif shared is None or name in own:
                found.append(self._pair_status(task, name, index))
            else:
                kind, value, start = shared
                progress = _progress(kind, row[2], is_year)
                found.append(self._evaluated(task, name, index) if progress is None
                             else status_of(completion_from(progress, value, start), expected))
        return found

    def _shared_target(self, task: Task, index: TargetIndex) -> tuple[str, float, float] | None:
        """(kind, value, where the year started) of the task's plan-wide target of the year, when it is
        quantified with a non-zero figure and is no upper bound; else None."""
        target = index.get((self.years[0], None))
        if not _judged_by_completion(target):
            return None
        assert target.value is not None, "a non-zero figure, checked above"
        start = year_start(task, target, self.year, None, index) if target.kind == "cumulative" else 0.0
        return target.kind, target.value, start

    def _pair_status(self, task: Task, office: str, index: TargetIndex) -> Status:
        """The status of one reported pair, judged against the target in force for the office."""
        row = self.rows[task.stored_id, office]
        target = target_for(task, self.year, office, index)
        progress = _progress(target.kind, row[2], self.is_year) if _judged_by_completion(target) else None
        if target is None or progress is None:
            return self._evaluated(task, office, index)
        return status_of(completion_of(task, target, progress, self.year, office, index)[0], self.expected)

    def _evaluated(self, task: Task, office: str, index: TargetIndex) -> Status:
        return evaluate(task, office, self.period, self.reports.facts(task.stored_id, office), index).status


def _judged_by_completion(target: Target | None) -> TypeGuard[Target]:
    """Whether a reported figure is judged against `target` by its completion, as `evaluate` does: a
    quantified target with a non-zero figure that is no upper bound. Every other target is left to `evaluate`."""
    return target is not None and target.kind in QUANTIFIED and bool(target.value) and target.comparator != "<="


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
