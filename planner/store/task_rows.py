"""Plain rows that belong to one task: its targets, office links, reports, adjustments and earlier targets."""

from __future__ import annotations

import sqlite3
from typing import Any

# Tables whose rows carry a `task_id` and are read whole when a task is deleted.
TASK_OWNED_TABLES = frozenset({"task_offices", "targets", "reports", "attachments", "adjustments",
                               "earlier_targets"})


def rows_of_task(conn: sqlite3.Connection, table: str, task_id: int) -> list[dict[str, Any]]:
    """Every row of `table` that belongs to the task, by id."""
    if table not in TASK_OWNED_TABLES:
        raise ValueError(f"not a table of task rows: {table}")
    return [dict(r) for r in conn.execute(f"SELECT * FROM {table} WHERE task_id = ? ORDER BY id", (task_id,))]


def report_count(conn: sqlite3.Connection, task_id: int) -> int:
    """The task's reports, every revision counted."""
    return conn.execute("SELECT count(*) FROM reports WHERE task_id = ?", (task_id,)).fetchone()[0]


def target_ids(conn: sqlite3.Connection, task_id: int) -> set[int]:
    return {row[0] for row in conn.execute("SELECT id FROM targets WHERE task_id = ?", (task_id,))}


def target_at(conn: sqlite3.Connection, task_id: int, period: str, office_id: int | None) -> int | None:
    """The id of the task's target for the period and office (None: the plan-wide one), if stored."""
    row = conn.execute("SELECT id FROM targets WHERE task_id = ? AND period = ? AND ifnull(office_id, 0)"
                       " = ifnull(?, 0)", (task_id, period, office_id)).fetchone()
    return row[0] if row else None


def responsible_links(conn: sqlite3.Connection, task_id: int) -> dict[tuple[int, str], tuple[int, int]]:
    """(office id, role) → (link id, position) of the task's lead and co-operating offices."""
    return {(r[1], r[2]): (r[0], r[3]) for r in conn.execute(
        "SELECT id, office_id, role, position FROM task_offices WHERE task_id = ? AND role <> 'reporting'",
        (task_id,))}


def has_link(conn: sqlite3.Connection, task_id: int, office_id: int, role: str) -> bool:
    return conn.execute("SELECT 1 FROM task_offices WHERE task_id = ? AND office_id = ? AND role = ?",
                        (task_id, office_id, role)).fetchone() is not None


def adjustment_rows(conn: sqlite3.Connection, task_id: int) -> list[sqlite3.Row]:
    """The task's adjustments with the office's name (office_name), newest first."""
    return conn.execute(
        "SELECT a.*, o.name AS office_name FROM adjustments a LEFT JOIN offices o ON o.id = a.office_id"
        " WHERE a.task_id = ? ORDER BY a.id DESC", (task_id,)).fetchall()


def earlier_target_ids(conn: sqlite3.Connection, adjustment_id: int) -> list[int]:
    """The earlier targets an adjustment kept."""
    return [row[0] for row in conn.execute("SELECT id FROM earlier_targets WHERE adjustment_id = ?",
                                           (adjustment_id,))]
