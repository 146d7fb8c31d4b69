"""What the dashboard reads: the plan once, the reports once per period, evaluated by planner.

Only the dashboard's background worker calls `status`, so the cache needs no lock.
"""

from __future__ import annotations

import sqlite3
from collections import OrderedDict
from dataclasses import dataclass

from planner.model import Plan
from planner.period_status import evaluate_plan, evaluate_tasks
from planner.periods import parse_period
from planner.status import Evaluation, PeriodStatus, ReportFact
from planner.store.progress_queries import deciding_report_facts, report_facts
from planner.store.queries import load_plan

# A quarter of a big plan is a few hundred thousand facts: keep the few periods the user flips between.
CACHED_PERIODS = 4


@dataclass(frozen=True)
class DashboardFigures:
    plan: Plan
    status: PeriodStatus


@dataclass(frozen=True)
class TaskFigures:
    """The status of every task as a whole: enough for the tiles and the lagging list."""

    plan: Plan
    tasks: list[Evaluation]


class DashboardSource:
    def __init__(self, conn: sqlite3.Connection, plan_id: int):
        self._conn = conn
        self._plan_id = plan_id
        self._plan: Plan | None = None
        self._facts: OrderedDict[str, list[ReportFact]] = OrderedDict()

    def _loaded_plan(self) -> Plan:
        if self._plan is None:
            self._plan = load_plan(self._conn, self._plan_id)
        return self._plan

    def task_figures(self, period_code: str) -> TaskFigures:
        """Quick: only the reports that decide each task are read (see `evaluate_tasks`)."""
        plan, period = self._loaded_plan(), parse_period(period_code)
        return TaskFigures(plan, evaluate_tasks(plan, deciding_report_facts(self._conn, plan.id, period), period))

    def figures(self, period_code: str, lead_only: bool) -> DashboardFigures:
        self._loaded_plan()
        period = parse_period(period_code)
        facts = self._facts.get(period.code)
        if facts is None:
            facts = report_facts(self._conn, self._plan_id, period)
            self._facts[period.code] = facts
            while len(self._facts) > CACHED_PERIODS:
                self._facts.popitem(last=False)
        else:
            self._facts.move_to_end(period.code)
        return DashboardFigures(self._plan, evaluate_plan(self._plan, facts, period, lead_only))
