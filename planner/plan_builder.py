"""Turning target texts into stored targets, including 其中 breakdowns by office."""

from __future__ import annotations

from planner.model import Target
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
