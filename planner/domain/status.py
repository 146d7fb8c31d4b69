"""Status of a task in a period: completion against the target and against 序时进度 (the expected share).

For a quantified target, completion = progress / target, where progress is:
- increment targets: the reported values of the year's quarters up to the period, summed
  (a whole-year report, when there is one, stands for the year);
- cumulative targets: the latest level reported, measured from where the year started
  (the previous year's target, else the baseline 现状, else zero);
- ratio targets: the latest value, compared directly.
Expected share for quarter q is q/4 (a whole year: 1). Status: 已完成 when the target
is met, 序时推进 when completion ≥ the expected share, 滞后 below it, 未填报 when the
period's own return is missing (earlier quarters do not stand in for it). A target
with an upper bound (控制在5%以内) is met or not. Milestones and targets that state
no single figure take the status the office chose. Every result
carries a plain explanation, because a red light the user cannot account for is
worse than none. Returned reports (退回) do not count until they are resubmitted.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import NamedTuple

from planner.domain.figures import OUT_OF_RANGE, figure_sum
from planner.domain.model import Status, Target, Task
from planner.domain.percentages import completion_text, on_track_text
from planner.domain.periods import Period, parse_period
from planner.domain.target_text import parse_target

QUANTIFIED = frozenset({"increment", "cumulative", "ratio"})


class ReportFact(NamedTuple):
    """What the engine needs of a current report (the latest revision); a tuple, since a
    coordinator's year holds hundreds of thousands of them."""

    task_id: int
    office: str
    period: str
    value: float | None
    status: Status | None
    review: str = "submitted"


@lru_cache(maxsize=256)
def period_of(code: str) -> Period:
    """`parse_period` for the few codes a database holds, parsed once each."""
    return parse_period(code)


@dataclass(frozen=True)
class Evaluation:
    task_id: int
    office: str | None  # None: the task as a whole
    period: str
    status: Status
    completion: float | None  # progress / target; None where no figure applies
    expected: float  # the share of the year's target due by the end of the period
    progress: float | None
    target: Target | None
    # Why the status is what it is, in words; or how to write them, for a figure's explanation that a whole plan's
    # evaluation (40,000 of them for a report) would otherwise write out and never show.
    reason: str | Callable[[], str] = field(compare=False)
    chosen: bool = False  # the status is the one the office chose (a target without a single figure, or no value)

    @property
    def explanation(self) -> str:
        return self.reason if isinstance(self.reason, str) else self.reason()


def _number(text: str) -> float | None:
    parsed = parse_target(text)
    return parsed.value


def counted_reports(facts: Iterable[ReportFact], period: Period) -> list[tuple[Period, ReportFact]]:
    """The counted reports of `period`'s year up to and including it, oldest first."""
    found = []
    year, key = period.year, period.sort_key
    for fact in facts:
        if fact.review == "returned":
            continue
        when = period_of(fact.period)
        if when.year != year or when.sort_key > key:
            continue
        found.append((when, fact))
    if len(found) > 1:
        found.sort(key=lambda item: item[0].sort_key)
    return found


TargetIndex = dict[tuple[str, str | None], Target]


def index_targets(task: Task, as_of: Period | None = None) -> TargetIndex:
    """(period, office) → target, the first one written winning, as `Task.targets_for` has it.

    With `as_of`, the targets in force in that period: a target an adjustment
    replaced later still counts for the periods up to its `until`, and an earlier
    target with no text means the cell had no target then.
    """
    index: TargetIndex = {}
    for target in task.targets:
        index.setdefault((target.period, target.office), target)
    if as_of is None or not task.earlier_targets:
        return index
    in_force: dict[tuple[str, str | None], Target] = {}
    for earlier in task.earlier_targets:
        until = period_of(earlier.until).sort_key
        key = (earlier.period, earlier.office)
        if until >= as_of.sort_key and (key not in in_force or until < period_of(in_force[key].until).sort_key):
            in_force[key] = earlier
    for key, earlier in in_force.items():
        if earlier.text:
            index[key] = earlier
        else:
            index.pop(key, None)
    return index


def target_for(task: Task, year: int, office: str | None, index: TargetIndex | None = None,
               as_of: Period | None = None) -> Target | None:
    """The target in force for `office` (its own share if it has one, else the plan-wide one)."""
    index = index if index is not None else index_targets(task, as_of)
    period = str(year)
    return (index.get((period, office)) if office is not None else None) or index.get((period, None))


def year_start(task: Task, target: Target, year: int, office: str | None, index: TargetIndex | None) -> float:
    """Where a cumulative level stood when the year began."""
    previous = target_for(task, year - 1, office, index)
    if previous is not None and previous.value is not None and previous.unit == target.unit:
        return previous.value
    # 现状 describes the plan-wide figure, so it is the start only of a plan-wide target.
    baseline = _number(task.baseline) if task.baseline and target.office is None else None
    return baseline if baseline is not None and baseline < (target.value or 0) else 0.0


def completion_of(task: Task, target: Target, progress: float, year: int, office: str | None,
                  index: TargetIndex) -> tuple[float, float]:
    """(completion, where the year started) of `progress` against a quantified target with a non-zero value:
    an increment from 0, a cumulative level from where it stood when the year began."""
    value = target.value
    assert value is not None, "completion is worked out only against a target with a figure"
    start = year_start(task, target, year, office, index) if target.kind == "cumulative" else 0.0
    return completion_from(progress, value, start), start


def completion_from(progress: float, value: float, start: float) -> float:
    """Completion of `progress` against a non-zero target `value` for a year that started at `start`:
    the share of the way from the start, or of the value itself when the target is not above the start."""
    span = value - start
    return (progress - start) / span if span > 0 else progress / value


def progress_of(target: Target, counted: list[tuple[Period, ReportFact]], period: Period) -> float | None:
    values = [(when, fact.value) for when, fact in counted if fact.value is not None]
    if not values:
        return None
    if target.kind == "increment":
        if period.quarter is None:
            whole_year = [value for when, value in values if when.quarter is None]
            if whole_year:
                return whole_year[-1]
        return figure_sum(value for when, value in values if when.quarter is not None)
    return values[-1][1]  # cumulative level or ratio: the latest figure stands


def _reported_in(counted: list[tuple[Period, ReportFact]], period: Period) -> bool:
    """Whether this period's return is in: a report of the period itself, or for a year its fourth quarter."""
    last = counted[-1][0]
    return last == period or (period.quarter is None and last.year == period.year and last.quarter == 4)


def _chosen_status(counted: list[tuple[Period, ReportFact]]) -> Status | None:
    for _when, fact in reversed(counted):
        if fact.status is not None:
            return fact.status
    return None


def evaluate(task: Task, office: str | None, period: Period, facts: Iterable[ReportFact],
             index: TargetIndex | None = None) -> Evaluation:
    """The status of `task` for `office` (or the whole task, office None) at the end of `period`.

    `index` (from `index_targets(task, period)`) saves looking the task's targets up
    again when a whole plan is evaluated.
    """
    expected = period.expected_share
    counted = counted_reports(facts, period)
    # One index of the targets in force in the period, for this year's target and last year's level.
    index = index if index is not None else index_targets(task, period)
    target = target_for(task, period.year, office, index)
    if not counted:
        return Evaluation(task.stored_id, office, period.code, Status.NOT_REPORTED, None, expected, None, target,
                          "本期未填报。")
    if not _reported_in(counted, period):
        return Evaluation(task.stored_id, office, period.code, Status.NOT_REPORTED, None, expected, None, target,
                          f"本期未填报（最近一次填报为{counted[-1][0].label}）。")

    def result(status: Status, explanation: str | Callable[[], str], completion: float | None = None,
               progress: float | None = None, chosen: bool = False) -> Evaluation:
        return Evaluation(task.stored_id, office, period.code, status, completion, expected, progress, target,
                          explanation, chosen)

    chosen = _chosen_status(counted)
    if target is None or target.kind not in QUANTIFIED or target.value is None:
        if chosen is not None:
            return result(chosen, f"目标不是单一数量，按填报单位选择的状态“{chosen.value}”计。", chosen=True)
        reason = "本年度没有目标" if target is None else "目标不是单一数量"
        return result(Status.ON_TRACK, f"{reason}，已填报进展但未选择状态，按序时推进计。")
    progress = progress_of(target, counted, period)
    if progress is None:
        if chosen is not None:
            return result(chosen, f"已填报但未填数值，按填报单位选择的状态“{chosen.value}”计。", chosen=True)
        return result(Status.ON_TRACK, "已填报进展但未填数值，无法计算完成率，按序时推进计。")
    unit = target.unit or ""
    if target.comparator == "<=":
        met = progress <= target.value
        completion = 1.0 if met else (target.value / progress if progress else 0.0)
        verdict = "未超过" if met else "超过"
        return result(Status.DONE if met else Status.BEHIND,
                      f"目标为不超过 {_fmt(target.value)}{unit}，当前 {_fmt(progress)}{unit}，{verdict}上限。",
                      completion, progress)
    if target.value == 0:
        return result(Status.DONE, "目标值为 0，已填报即视为完成。", None, progress)
    completion, start = completion_of(task, target, progress, period.year, office, index)
    return result(status_of(completion, expected), partial(_explain, target, progress, completion, expected, start),
                  completion, progress)


def status_counts(evaluations: Iterable[Evaluation]) -> dict[Status, int]:
    """How many of `evaluations` have each status, every status present."""
    counts = {status: 0 for status in Status}
    for evaluation in evaluations:
        counts[evaluation.status] += 1
    return counts


def status_of(completion: float, expected: float) -> Status:
    if completion >= 1.0 - 1e-9:
        return Status.DONE
    if completion >= expected - 1e-9:
        return Status.ON_TRACK
    return Status.BEHIND


def _fmt(value: float) -> str:
    if not math.isfinite(value):
        return OUT_OF_RANGE  # a sum of figures an older version let in
    if abs(value) >= 1e15:
        return format(value, "g")  # not three hundred digits for one figure an older version let in
    return str(int(value)) if float(value).is_integer() else f"{value:.4f}".rstrip("0").rstrip(".")


def _explain(target: Target, progress: float, completion: float, expected: float, start: float) -> str:
    unit = target.unit or ""
    how = {"increment": "各季度累加", "cumulative": "最新累计数", "ratio": "最新比例"}[target.kind]
    base = f"，年初为 {_fmt(start)}{unit}" if start else ""
    assert target.value is not None, "only a target with a figure is explained by its completion"
    return (f"完成 {_fmt(progress)}{unit}（{how}{base}），年度目标 {_fmt(target.value)}{unit}，"
            f"完成率 {completion_text(completion)}，序时进度 {on_track_text(expected)}。")


@dataclass
class OfficeSummary:
    office: str
    assigned: int = 0
    counts: dict[Status, int] = field(default_factory=lambda: {s: 0 for s in Status})

    @property
    def reported(self) -> int:
        return self.assigned - self.counts[Status.NOT_REPORTED]

    @property
    def on_track_rate(self) -> float:
        """推进率: the share of its tasks that are done or on schedule (0 with no tasks). Not 完成率, which is
        an evaluation's value reached divided by its target."""
        if not self.assigned:
            return 0.0
        return (self.counts[Status.DONE] + self.counts[Status.ON_TRACK]) / self.assigned


@dataclass
class PeriodStatus:
    period: Period
    tasks: list[Evaluation]  # one per task, the task as a whole
    by_office: list[Evaluation]  # one per task and responsible office (empty where only `missing` was worked out)
    offices: list[OfficeSummary]
    lead_only: bool = False
    missing: list[tuple[str, list[int]]] | None = None  # the 催报名单, where it was worked out without by_office

    @property
    def counts(self) -> dict[Status, int]:
        return status_counts(self.tasks)

    @property
    def lagging(self) -> list[Evaluation]:
        return [e for e in self.tasks if e.status is Status.BEHIND]

    @property
    def lagging_by_office(self) -> list[Evaluation]:
        return [e for e in self.by_office if e.status is Status.BEHIND]

    def not_reported(self) -> list[tuple[str, list[int]]]:
        """催报名单: each office with the tasks it has not reported on, in office order."""
        if self.missing is not None:
            return self.missing
        # by_office holds only one office's evaluations: the `or ""` never applies, it narrows the type.
        return chase_list(((e.task_id, e.office or "", e.status) for e in self.by_office), self.offices)


def chase_list(pairs: Iterable[tuple[int, str, Status]], offices: list[OfficeSummary]) -> list[tuple[str, list[int]]]:
    """催报名单: each office with the tasks it has not reported on, in the order of `offices`.

    The one place that decides whom the report (section 四), the dashboard and the
    催报名单 workbook chase: every pair (task, office) the status engine judged, which
    are the offices `planner.domain.period_status.responsible_offices` names under the
    lead-only rule, and no other.
    """
    missing: dict[str, list[int]] = {}
    for task_id, office, status in pairs:
        if status is Status.NOT_REPORTED:
            missing.setdefault(office, []).append(task_id)
    return [(s.office, missing[s.office]) for s in offices if s.office in missing]
