"""Plain rows of reports and their evidence: one revision's review, a cell's attachments, a plan's periods."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable


def review_of(conn: sqlite3.Connection, report_id: int) -> tuple[str, str] | None:
    """(review, review note) of one report revision, or None when there is no such revision."""
    row = conn.execute("SELECT review, review_note FROM reports WHERE id = ?", (report_id,)).fetchone()
    return (row[0], row[1]) if row else None


def newer_revision(conn: sqlite3.Connection, report_id: int) -> int | None:
    """The id of the latest revision of the same report (task, office, period) above `report_id`'s, if any."""
    row = conn.execute("SELECT n.id FROM reports r JOIN reports n ON n.task_id = r.task_id"
                       " AND n.office_id = r.office_id AND n.period = r.period AND n.revision > r.revision"
                       " WHERE r.id = ?"
                       " ORDER BY n.revision DESC LIMIT 1", (report_id,)).fetchone()
    return row[0] if row else None


def plan_report_count(conn: sqlite3.Connection, plan_id: int) -> int:
    """The reports on the plan's tasks, every revision counted."""
    return conn.execute("SELECT count(*) FROM reports r JOIN tasks t ON t.id = r.task_id WHERE t.plan_id = ?",
                        (plan_id,)).fetchone()[0]


def periods_with_reports(conn: sqlite3.Connection, plan_id: int, codes: Iterable[str]) -> set[str]:
    """Those of the period `codes` with any report on the plan: one indexed probe per code, which stops at
    the first report found, where a DISTINCT over the plan's reports would read every one of them."""
    found = set()
    for code in codes:
        row = conn.execute("SELECT EXISTS (SELECT 1 FROM reports r JOIN tasks t ON t.id = r.task_id"
                           " WHERE r.period = ? AND t.plan_id = ?)", (code, plan_id)).fetchone()
        if row[0]:
            found.add(code)
    return found


def office_current_reports(conn: sqlite3.Connection, plan_id: int, office: str, period: str) -> list[tuple]:
    """The office's current report on each task of the plan for the period: (task_id, revision, review,
    reported_at, value, status, narrative, problems, next_steps)."""
    return [tuple(row) for row in conn.execute(
        "SELECT r.task_id, r.revision, r.review, r.reported_at, r.value, r.status, r.narrative, r.problems,"
        " r.next_steps FROM current_reports r JOIN tasks t ON t.id = r.task_id JOIN offices o ON o.id = r.office_id"
        " WHERE t.plan_id = ? AND o.name = ? AND r.period = ?",
        (plan_id, office, period),
    )]


def first_reported_from(conn: sqlite3.Connection, source_hash: str, source: str, office: str,
                        period: str) -> str | None:
    """When the office's reports for the period were first taken from this very file, else None."""
    row = conn.execute(
        "SELECT min(r.reported_at) FROM reports r JOIN offices o ON o.id = r.office_id"
        " WHERE r.source_hash = ? AND r.source = ? AND o.name = ? AND r.period = ?",
        (source_hash, source, office, period),
    ).fetchone()
    return row[0] if row and row[0] else None


def current_texts(conn: sqlite3.Connection, plan_id: int, period_code: str) -> list[tuple[int, str, str, str, str]]:
    """(task_id, office, narrative, problems, next_steps) of every current report of the period, returned
    ones included, by task position then office."""
    # Plain tuples from one query: a plan of 100,000 tasks has as many reports a quarter.
    cursor = conn.cursor()
    cursor.row_factory = None
    return cursor.execute(
        "SELECT r.task_id, o.name, r.narrative, r.problems, r.next_steps FROM current_reports r"
        " JOIN tasks t ON t.id = r.task_id JOIN offices o ON o.id = r.office_id"
        " WHERE t.plan_id = ? AND r.period = ? ORDER BY t.position, o.name", (plan_id, period_code)).fetchall()


def attachment_rows(conn: sqlite3.Connection, task_id: int, office: str, period: str) -> list[tuple]:
    """(id, task_id, office, period, file_name, size, sha256, added_at) of a report cell's evidence, by id."""
    return [tuple(row) for row in conn.execute(
        "SELECT a.id, a.task_id, o.name AS office, a.period, a.file_name, a.size, a.sha256, a.added_at"
        " FROM attachments a JOIN offices o ON o.id = a.office_id"
        " WHERE a.task_id = ? AND o.name = ? AND a.period = ? ORDER BY a.id",
        (task_id, office, period),
    )]


def attachment_file(conn: sqlite3.Connection, attachment_id: int) -> tuple[str, bytes] | None:
    """The file name and bytes of one piece of evidence, or None."""
    row = conn.execute("SELECT file_name, data FROM attachments WHERE id = ?", (attachment_id,)).fetchone()
    return (row[0], bytes(row[1])) if row else None
