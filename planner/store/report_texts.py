"""The words of a period's returns (进展情况, 存在问题, 下步打算) for the printed reports, one query per period."""

from __future__ import annotations

import sqlite3
from typing import NamedTuple

from planner.domain.periods import Period


class ReportTexts(NamedTuple):
    narrative: str
    problems: str
    next_steps: str


def report_texts(conn: sqlite3.Connection, plan_id: int, period: Period,
                 office: str | None = None) -> dict[tuple[int, str], ReportTexts]:
    """(task id, office) → the texts of the current revision of the period's report, where it has any.

    Returned reports (退回) are left out, as the status engine leaves them out. For a
    whole year the year's own report is used, else the fourth quarter's.
    """
    codes = [period.code] if period.quarter is not None else [f"{period.year}Q4", period.code]
    found: dict[tuple[int, str], ReportTexts] = {}
    cursor = conn.cursor()
    cursor.row_factory = None
    for code in codes:  # later codes win: the year's report over its fourth quarter's
        # SQLite returns the bare columns of the row holding max(revision) in each group.
        rows = cursor.execute(
            "SELECT task_id, name, narrative, problems, next_steps FROM ("
            " SELECT r.task_id, o.name, r.narrative, r.problems, r.next_steps, r.review, max(r.revision)"
            " FROM reports r JOIN tasks t ON t.id = r.task_id JOIN offices o ON o.id = r.office_id"
            " WHERE t.plan_id = ? AND r.period = ?" + (" AND o.name = ?" if office is not None else "") +
            " GROUP BY r.task_id, r.office_id)"
            " WHERE review != 'returned' AND (narrative != '' OR problems != '' OR next_steps != '')",
            [plan_id, code, *([office] if office is not None else [])],
        ).fetchall()
        for task_id, name, narrative, problems, next_steps in rows:
            found[(task_id, name)] = ReportTexts(narrative, problems, next_steps)
    return found
