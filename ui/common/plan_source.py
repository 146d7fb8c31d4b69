"""What the window reads from the database, each plan loaded once and then answered from memory."""

from __future__ import annotations

import sqlite3

from planner.domain.model import Plan
from planner.domain.plan_periods import periods_latest_first
from planner.store.queries import list_offices, list_plans, load_plan, plan_offices
from planner.store.report_rows import periods_with_reports


class PlanSource:
    """Read access for the widgets: one `load_plan` per plan, kept until `forget` is called."""

    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn
        self._plans: dict[int, Plan] = {}
        self._offices: dict[int, list[str]] = {}

    def plans(self) -> list[Plan]:
        """All plans, without their sections and tasks."""
        return list_plans(self._conn)

    def plan(self, plan_id: int) -> Plan:
        if plan_id not in self._plans:
            self._plans[plan_id] = load_plan(self._conn, plan_id)
        return self._plans[plan_id]

    def offices(self, plan_id: int) -> list[str]:
        """The plan's responsible offices, then those that only appear in a per-office target (18 districts)."""
        if plan_id not in self._offices:
            names = plan_offices(self._conn, plan_id)
            known = set(names)
            for task in self.plan(plan_id).tasks:
                for target in task.targets:
                    if target.office and target.office not in known:
                        known.add(target.office)
                        names.append(target.office)
            self._offices[plan_id] = names
        return self._offices[plan_id]

    def reported_periods(self, plan_id: int) -> set[str]:
        """The plan's periods with any return, read afresh each time (a collect or an entry adds some)."""
        return periods_with_reports(self._conn, plan_id, periods_latest_first(self.plan(plan_id)))

    def all_office_names(self) -> list[str]:
        """Every office in the database, for completing names as they are typed."""
        return [office.name for office in list_offices(self._conn)]

    def forget(self, plan_id: int | None = None) -> None:
        """Drop what is cached (for one plan, or all) after the database changed."""
        if plan_id is None:
            self._plans.clear()
            self._offices.clear()
        else:
            self._plans.pop(plan_id, None)
            self._offices.pop(plan_id, None)
