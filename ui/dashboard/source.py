"""What the dashboard reads: the plan once (or the window's), the reports once per period, evaluated by planner.

Two steps, both on the dashboard's background worker: `task_figures` (the status of
every task as a whole, from the deciding offices' reports only), then `figures`
(every office's returns and completion, from the reports gathered by task and office
in SQLite). Only that worker calls them, so the caches need no lock. Given a way to
open a second, read-only connection, the first step starts gathering the reports on
it at once, so that SQLite's part of the second step (which runs without holding
Python's lock) overlaps the first step's Python on a second core.
"""

from __future__ import annotations

import sqlite3
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from planner.domain.model import Plan, Status
from planner.domain.office_figures import OfficeFigures, YearReports, office_figures
from planner.domain.period_status import evaluate_tasks
from planner.domain.periods import Period, parse_period
from planner.domain.status import Evaluation, status_counts
from planner.store.progress_queries import deciding_report_facts, year_reports
from planner.store.queries import load_plan

# Keep the few periods the user flips between (and ticks 牵头单位 on and off in).
CACHED_PERIODS = 4


@dataclass(frozen=True)
class TaskFigures:
    """The status of every task as a whole: enough for the tiles and the lagging list."""

    plan: Plan
    tasks: list[Evaluation]


@dataclass(frozen=True)
class DashboardFigures:
    """Everything the dashboard shows for one period and scope."""

    plan: Plan
    period: Period
    tasks: list[Evaluation]  # one per task, the task as a whole
    offices: OfficeFigures

    @property
    def counts(self) -> dict[Status, int]:
        return status_counts(self.tasks)


class _Recent(OrderedDict):
    """The last CACHED_PERIODS results by period code."""

    def remember(self, code: str, value):
        self[code] = value
        self.move_to_end(code)
        while len(self) > CACHED_PERIODS:
            self.popitem(last=False)
        return value


class DashboardSource:
    """`plan`, when given, is the plan the window already holds: it is read, never changed, and the
    dashboard is window-modal, so nothing changes it while the worker reads it."""

    def __init__(self, conn: sqlite3.Connection, plan_id: int, plan: Plan | None = None,
                 reader: Callable[[], sqlite3.Connection] | None = None):
        self._conn = conn
        self._plan_id = plan_id
        self._reader = reader
        self._gathering: dict[str, Future] = {}
        self._pool: ThreadPoolExecutor | None = None
        self._plan: Plan | None = plan if plan is not None and plan.id == plan_id else None
        self._tasks: _Recent = _Recent()
        self._reports: _Recent = _Recent()

    def _loaded_plan(self) -> Plan:
        if self._plan is None:
            self._plan = load_plan(self._conn, self._plan_id)
        return self._plan

    def task_figures(self, period_code: str) -> TaskFigures:
        """Quick: only the reports that decide each task are read (see `evaluate_tasks`)."""
        plan, period = self._loaded_plan(), parse_period(period_code)
        self._start_gathering(period)
        tasks = self._tasks.get(period.code)
        if tasks is None:
            tasks = evaluate_tasks(plan, deciding_report_facts(self._conn, self._plan_id, period), period)
        return TaskFigures(plan, self._tasks.remember(period.code, tasks))

    def figures(self, period_code: str, lead_only: bool) -> DashboardFigures:
        period = parse_period(period_code)
        tasks = self.task_figures(period.code).tasks  # usually kept from the first step
        reports: YearReports | None = self._reports.get(period.code)
        gathering = self._gathering.pop(period.code, None)
        if reports is None:
            reports = gathering.result() if gathering is not None else year_reports(self._conn, self._plan_id, period)
        self._reports.remember(period.code, reports)
        plan = self._loaded_plan()
        return DashboardFigures(plan, period, tasks, office_figures(plan, reports, lead_only))

    def _start_gathering(self, period: Period) -> None:
        if self._reader is None or period.code in self._reports or period.code in self._gathering:
            return
        if self._pool is None:
            self._pool = ThreadPoolExecutor(1, thread_name_prefix="dashboard-reports")
        self._gathering[period.code] = self._pool.submit(self._gather, period)

    def _gather(self, period: Period) -> YearReports:
        reader = self._reader
        assert reader is not None, "reports are gathered in the background only with a reader"
        conn = reader()
        try:
            return year_reports(conn, self._plan_id, period)
        finally:
            conn.close()

    def close(self) -> None:
        """Wait for a gathering still running (it only reads) and let its thread go."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
