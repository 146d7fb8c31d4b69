"""Recording progress reports; a new report for the same cell is a new revision."""

from __future__ import annotations

import sqlite3

from planner.domain.model import Report
from planner.store.audit import Writer, now_text
from planner.store.offices_repo import office_id


class RevisionTaken(Exception):
    """Another session added a revision of the same report first (the caller says who, and when)."""


def record_report(writer: Writer, report: Report, note: str = "", expected_revision: int | None = None) -> Report:
    """Store `report` as the next revision for its task, office and period.

    With `expected_revision`, raises `RevisionTaken` when the latest revision is another by
    now, or when a concurrent session takes the same revision number first.
    """
    office = office_id(writer.conn, report.office)
    latest = writer.conn.execute(
        "SELECT ifnull(max(revision), 0) FROM reports WHERE task_id = ? AND office_id = ? AND period = ?",
        (report.task_id, office, report.period),
    ).fetchone()[0]
    if expected_revision is not None and latest != expected_revision:
        raise RevisionTaken()
    report.revision = latest + 1
    report.reported_at = report.reported_at or now_text()
    report.reporter = report.reporter or writer.actor.person
    try:
        report.id = writer.insert(
            "reports",
            {
                "task_id": report.task_id,
                "office_id": office,
                "period": report.period,
                "revision": report.revision,
                "value": report.value,
                "status": report.status.value if report.status else None,
                "narrative": report.narrative,
                "problems": report.problems,
                "next_steps": report.next_steps,
                "reporter": report.reporter,
                "reported_at": report.reported_at,
                "source": report.source,
                "source_hash": report.source_hash,
                "review": report.review,
                "review_note": report.review_note,
                "is_demo": int(report.is_demo),
            },
            note,
        )
    except sqlite3.IntegrityError as exc:
        if expected_revision is None or "revision" not in str(exc):
            raise
        raise RevisionTaken() from None
    return report
