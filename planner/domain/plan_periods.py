"""The periods a plan runs through, and the one a screen opens on."""

from __future__ import annotations

from datetime import date

from planner.domain.model import Plan
from planner.domain.periods import Period, parse_period, quarters_of


def plan_periods(plan: Plan) -> list[Period]:
    """Each year of the plan followed by its four quarters."""
    periods: list[Period] = []
    for year in plan.years:
        periods.append(parse_period(str(year)))
        periods.extend(quarters_of(year))
    return periods


def default_period(plan: Plan, today: date) -> str:
    """Today's quarter while the plan runs; otherwise its nearest year."""
    if today.year < plan.first_year:
        return str(plan.first_year)
    if today.year > plan.last_year:
        return str(plan.last_year)
    return f"{today.year}Q{(today.month - 1) // 3 + 1}"
