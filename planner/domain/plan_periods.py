"""The periods a plan runs through, and the one a screen opens on."""

from __future__ import annotations

from collections.abc import Iterable
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


def periods_latest_first(plan: Plan) -> list[str]:
    """The codes of the plan's periods, the one that ends last first (a year after its fourth quarter)."""
    return [period.code for period in sorted(plan_periods(plan), key=lambda p: p.sort_key, reverse=True)]


def latest_of(plan: Plan, reported: Iterable[str]) -> str | None:
    """The latest of the plan's periods among the codes `reported`, or None."""
    found = set(reported)
    return next((code for code in periods_latest_first(plan) if code in found), None)


def default_period(plan: Plan, today: date, reported: Iterable[str] = ()) -> str:
    """The period a screen opens on: the latest of the plan's periods with returns (`reported`, the codes of
    the periods that have any); without returns today's quarter while the plan runs, otherwise its nearest
    year. The window, the dashboard, the report dialog and the command line's reports all follow it."""
    latest = latest_of(plan, reported)
    if latest is not None:
        return latest
    if today.year < plan.first_year:
        return str(plan.first_year)
    if today.year > plan.last_year:
        return str(plan.last_year)
    return f"{today.year}Q{(today.month - 1) // 3 + 1}"


def opening_period(plan: Plan, shown: str | None, today: date, reported: Iterable[str] = ()) -> str:
    """The period a dialog opens on: the window's own (`shown`) when it has returns, else `default_period`,
    so a report or a dashboard is never of a period nothing was reported for while another one has returns."""
    reported = set(reported)
    known = {period.code for period in plan_periods(plan)}
    # A year's own return is its fourth quarter's (see planner.domain.status).
    has_returns = shown in reported or (shown is not None and shown.isdigit() and f"{shown}Q4" in reported)
    if shown in known and (has_returns or not reported):
        return shown
    return default_period(plan, today, reported)
