"""Turning target texts into stored targets, including 其中 breakdowns by office."""

from __future__ import annotations

from planner.model import Target, Task
from planner.targets import parse_breakdown, parse_target


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


def harmonise_kinds(task: Task) -> bool:
    """Read a task's yearly figures as levels when one of them says so and they never fall.

    "全市养老床位总数达到53426张" then "60576张" then "68263张": the later cells
    leave out the wording but are levels of the same total, not new beds on top.
    Returns whether any target changed.
    """
    yearly = sorted((t for t in task.targets if t.office is None and t.period.isdigit() and t.value is not None
                     and t.kind in ("increment", "cumulative")), key=lambda t: t.period)
    if len(yearly) < 2 or not any(t.kind == "cumulative" for t in yearly):
        return False
    if len({t.unit for t in yearly if t.unit}) > 1 or any(b.value < a.value for a, b in zip(yearly, yearly[1:])):
        return False
    years = {t.period for t in yearly}
    changed = False
    for target in task.targets:
        if target.period in years and target.kind == "increment" and target.value is not None:
            target.kind = "cumulative"
            changed = True
    return changed
