"""Turning target texts into stored targets, including 其中 breakdowns by office."""

from __future__ import annotations

from operator import itemgetter

from planner.domain.model import Target, Task
from planner.domain.target_text import parse_breakdown, parse_target

QUANTITIES = ("increment", "cumulative")  # the kinds whose figure is a quantity of something
_NO_YEARS: frozenset[str] = frozenset()
_year = itemgetter(0)


def make_target(period: str, text: str, office: str | None = None, kind: str | None = None) -> Target:
    """A target for one period as understood from its text; `kind` overrides the guessed kind."""
    parsed = parse_target(text)
    guessed = parsed.kind
    if kind and guessed in ("increment", "cumulative") and parsed.value is not None:
        guessed = kind
    return Target(
        period=period,
        text=text,
        office=office,
        comparator=parsed.comparator,
        value=parsed.value,
        unit=parsed.unit,
        kind=guessed,
        deadline_year=parsed.deadline_year,
    )


def targets_from_text(period: str, text: str, kind: str | None = None) -> list[Target]:
    """The plan-wide target for `period` plus one target per office named in a 其中 list."""
    head, breakdown = parse_breakdown(text)
    plan_wide = make_target(period, text, kind=kind)
    if breakdown:
        head_target = parse_target(head)
        if head_target.value is not None:
            plan_wide.value, plan_wide.unit = head_target.value, head_target.unit
            plan_wide.comparator, plan_wide.kind = head_target.comparator, kind or head_target.kind
    return [plan_wide] + [make_target(period, part, office=office, kind=plan_wide.kind) for office, part in breakdown]


def level_years(levels: list[tuple[str, tuple[float, str | None, str]]]) -> frozenset[str]:
    """The years whose figures are all levels: when one of them says it is a level and they
    share a unit and never fall. An empty set means nothing changes.

    `levels` are a task's plan-wide quantified yearly figures as (year, (value, unit, kind)),
    in the order of the task's targets; the list is sorted in place. The importer collects
    them from each distinct cell once, `harmonise_kinds` from a task's targets.
    """
    if len(levels) < 2:
        return _NO_YEARS
    levels.sort(key=_year)
    cumulative = False
    shared_unit = previous = None
    for _, (value, unit, kind) in levels:
        if kind == "cumulative":
            cumulative = True
        if unit:
            if shared_unit is None:
                shared_unit = unit
            elif unit != shared_unit:
                return _NO_YEARS
        if previous is not None and value < previous:
            return _NO_YEARS
        previous = value
    return frozenset(year for year, _ in levels) if cumulative else _NO_YEARS


def apply_levels(task: Task, years: frozenset[str]) -> bool:
    """Make the increments of `years` (from `level_years`) levels; returns whether any target changed."""
    if not years:
        return False
    changed = False
    for target in task.targets:
        if target.kind == "increment" and target.value is not None and target.period in years:
            target.kind = "cumulative"
            changed = True
    return changed


def harmonise_kinds(task: Task) -> bool:
    """Read a task's yearly figures as levels when one of them says so and they never fall.

    "全市养老床位总数达到53426张" then "60576张" then "68263张": the later cells
    leave out the wording but are levels of the same total, not new beds on top.
    Returns whether any target changed.
    """
    return apply_levels(task, level_years([(t.period, (t.value, t.unit, t.kind)) for t in task.targets
                                           if t.office is None and t.period.isdigit() and t.value is not None
                                           and t.kind in QUANTITIES]))
