"""Plain rows of plans, sections and the order of tasks, for building and numbering a plan by hand."""

from __future__ import annotations

import sqlite3
from typing import Any


def plan_row(conn: sqlite3.Connection, plan_id: int) -> dict[str, Any] | None:
    row = conn.execute("SELECT * FROM plans WHERE id = ?", (plan_id,)).fetchone()
    return dict(row) if row else None


def plan_title(conn: sqlite3.Connection, plan_id: int) -> str | None:
    row = conn.execute("SELECT title FROM plans WHERE id = ?", (plan_id,)).fetchone()
    return row[0] if row else None


def plan_identity(conn: sqlite3.Connection, plan_id: int) -> tuple[int, str, str] | None:
    """(id, creation time, title) of the plan, or None."""
    row = conn.execute("SELECT id, created_at, title FROM plans WHERE id = ?", (plan_id,)).fetchone()
    return (row[0], row[1], row[2]) if row else None


def plan_with_key(conn: sqlite3.Connection, key: str) -> int | None:
    row = conn.execute("SELECT id FROM plans WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def plan_keys(conn: sqlite3.Connection) -> set[str]:
    return {row[0] for row in conn.execute("SELECT key FROM plans WHERE key IS NOT NULL")}


def plans_from_source(conn: sqlite3.Connection, source_hash: str) -> list[sqlite3.Row]:
    """(id, title, created_at) of the plans imported from a file with this content, oldest first."""
    return conn.execute("SELECT id, title, created_at FROM plans WHERE source_hash = ? ORDER BY id",
                        (source_hash,)).fetchall()


def periods_outside_years(conn: sqlite3.Connection, plan_id: int, first_year: int, last_year: int) -> int:
    """How many of the plan's targets and reports are for a year outside first_year..last_year."""
    return conn.execute(
        "SELECT count(*) FROM (SELECT g.period FROM targets g JOIN tasks t ON t.id = g.task_id WHERE t.plan_id = ?"
        " UNION ALL SELECT r.period FROM reports r JOIN tasks t ON t.id = r.task_id WHERE t.plan_id = ?) AS periods"
        " WHERE CAST(substr(period, 1, 4) AS INTEGER) NOT BETWEEN ? AND ?", (plan_id, plan_id, first_year, last_year),
    ).fetchone()[0]


def plan_content_count(conn: sqlite3.Connection, plan_id: int) -> int:
    """The plan's tasks and sections, counted together."""
    return conn.execute("SELECT (SELECT count(*) FROM tasks WHERE plan_id = ?)"
                        " + (SELECT count(*) FROM sections WHERE plan_id = ?)", (plan_id, plan_id)).fetchone()[0]


def next_section_position(conn: sqlite3.Connection, plan_id: int) -> int:
    return conn.execute("SELECT ifnull(max(position), -1) + 1 FROM sections WHERE plan_id = ?",
                        (plan_id,)).fetchone()[0]


def section_content_count(conn: sqlite3.Connection, section_id: int) -> int:
    """The section's tasks and sub-sections, counted together."""
    return conn.execute("SELECT (SELECT count(*) FROM tasks WHERE section_id = ?)"
                        " + (SELECT count(*) FROM sections WHERE parent_id = ?)",
                        (section_id, section_id)).fetchone()[0]


def section_places(conn: sqlite3.Connection, plan_id: int) -> list[tuple[int, int | None, int]]:
    """(id, parent id, position) of the plan's sections, by position."""
    return [tuple(row) for row in conn.execute(
        "SELECT id, parent_id, position FROM sections WHERE plan_id = ? ORDER BY position", (plan_id,))]


def has_nested_sections(conn: sqlite3.Connection, plan_id: int) -> bool:
    return conn.execute("SELECT count(*) FROM sections WHERE plan_id = ? AND parent_id IS NOT NULL",
                        (plan_id,)).fetchone()[0] > 0


def task_places(conn: sqlite3.Connection, plan_id: int) -> list[sqlite3.Row]:
    """(id, section_id, position, seq) of the plan's tasks, as stored."""
    return conn.execute("SELECT id, section_id, position, seq FROM tasks WHERE plan_id = ?", (plan_id,)).fetchall()


def task_places_in_order(conn: sqlite3.Connection, plan_id: int) -> list[sqlite3.Row]:
    """(id, section_id, position, seq) of the plan's tasks, by position then id."""
    return conn.execute("SELECT id, section_id, position, seq FROM tasks WHERE plan_id = ? ORDER BY position, id",
                        (plan_id,)).fetchall()


def next_task_position(conn: sqlite3.Connection, plan_id: int) -> int:
    return conn.execute("SELECT ifnull(max(position), -1) + 1 FROM tasks WHERE plan_id = ?",
                        (plan_id,)).fetchone()[0]


def task_ids(conn: sqlite3.Connection, plan_id: int) -> set[int]:
    return {row[0] for row in conn.execute("SELECT id FROM tasks WHERE plan_id = ?", (plan_id,))}


def task_names(conn: sqlite3.Connection, plan_id: int) -> list[tuple[int, str, str]]:
    """(id, 序号, name) of the plan's tasks, by position."""
    return [(row[0], row[1], row[2]) for row in
            conn.execute("SELECT id, seq, name FROM tasks WHERE plan_id = ? ORDER BY position", (plan_id,))]
