"""What the dashboard reads: the plan once, the reports once per period, evaluated by planner.

Only the dashboard's background worker calls `status`, so the cache needs no lock.
"""

from __future__ import annotations

import sqlite3
from collections import OrderedDict
from dataclasses import dataclass

from planner.model import Plan
from planner.period_status import evaluate_plan
from planner.periods import parse_period
from planner.status import PeriodStatus, ReportFact
from planner.store.progress_queries import report_facts
from planner.store.queries import load_plan

# A quarter of a big plan is a few hundred thousand facts: keep the few periods the user flips between.
CACHED_PERIODS = 4


@dataclass(frozen=True)
class DashboardFigures:
    plan: Plan
    status: PeriodStatus


class DashboardSource:
    def __init__(self, conn: sqlite3.Connection, plan_id: int):
        self._conn = conn
        self._plan_id = plan_id
        self._plan: Plan | None = None
        self._facts: OrderedDict[str, list[ReportFact]] = OrderedDict()

    def figures(self, period_code: str, lead_only: bool) -> DashboardFigures:
        if self._plan is None:
            self._plan = load_plan(self._conn, self._plan_id)
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
