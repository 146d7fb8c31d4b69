"""SQL behind office editing: office rows, usage counts, the rows that refer to an office, and moving them."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from planner.domain.errors import InputError
from planner.store.audit import Writer
from planner.store.audit_text import table_label

OFFICE_COLUMNS = ("id", "name", "kind", "parent_id", "division_code")

# Tables whose rows name an office in `office_id` and carry no uniqueness involving it.
PLAIN_REFERENCES = ("attachments", "adjustments", "earlier_targets")


@dataclass(frozen=True)
class OfficeUsage:
    led: int = 0  # tasks the office leads (牵头)
    co: int = 0  # tasks it co-operates on (配合)
    reports: int = 0  # task-period cells it has reported on (each counted once, whatever its revisions)


def office_row(conn: sqlite3.Connection, office_id: int) -> dict[str, Any] | None:
    row = conn.execute("SELECT id, name, kind, parent_id, division_code FROM offices WHERE id = ?",
                       (office_id,)).fetchone()
    return dict(row) if row else None


def all_offices(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute("SELECT id, name, kind, parent_id, division_code FROM offices ORDER BY id")]


def office_names(conn: sqlite3.Connection) -> dict[int, str]:
    """Office id → name, by id."""
    return {row[0]: row[1] for row in conn.execute("SELECT id, name FROM offices ORDER BY id")}


def office_named(conn: sqlite3.Connection, name: str) -> dict[str, Any] | None:
    row = conn.execute("SELECT id, name, kind, parent_id, division_code FROM offices WHERE name = ?",
                       (name,)).fetchone()
    return dict(row) if row else None


def ancestors(conn: sqlite3.Connection, office_id: int) -> list[int]:
    """The office's parent, its parent's parent and so on; stops where a chain loops."""
    chain: list[int] = []
    current = office_id
    while True:
        row = conn.execute("SELECT parent_id FROM offices WHERE id = ?", (current,)).fetchone()
        if row is None or row[0] is None or row[0] in chain or row[0] == office_id:
            return chain
        current = row[0]
        chain.append(current)


def usage_counts(conn: sqlite3.Connection) -> dict[int, OfficeUsage]:
    counts: dict[int, dict[str, int]] = {}
    for row in conn.execute("SELECT office_id, role, count(DISTINCT task_id) FROM task_offices"
                            " WHERE role = 'lead' OR role = 'co' GROUP BY office_id, role"):
        counts.setdefault(row[0], {})["led" if row[1] == "lead" else "co"] = row[2]
    for row in conn.execute("SELECT office_id, count(*) FROM (SELECT DISTINCT task_id, office_id, period"
                            " FROM reports) AS cells GROUP BY office_id"):
        counts.setdefault(row[0], {})["reports"] = row[1]
    return {office: OfficeUsage(**values) for office, values in counts.items()}


def links_of(conn: sqlite3.Connection, office_id: int) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute("SELECT * FROM task_offices WHERE office_id = ? ORDER BY id", (office_id,))]


def office_targets(conn: sqlite3.Connection, office_id: int) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(
        "SELECT g.*, t.seq AS task_seq, t.name AS task_name FROM targets g JOIN tasks t ON t.id = g.task_id"
        " WHERE g.office_id = ? ORDER BY g.id", (office_id,))]


def office_reports(conn: sqlite3.Connection, office_ids: Iterable[int]) -> list[dict[str, Any]]:
    """Every revision of the offices' reports: id, task, office, period, revision and time."""
    ids = list(office_ids)
    marks = ", ".join("?" * len(ids))
    return [dict(r) for r in conn.execute(
        f"SELECT id, task_id, office_id, period, revision, reported_at FROM reports WHERE office_id IN ({marks})"
        " ORDER BY task_id, period, office_id, revision", ids)]


def referring_ids(conn: sqlite3.Connection, table: str, office_id: int) -> list[int]:
    column = "parent_id" if table == "offices" else "office_id"
    return [r[0] for r in conn.execute(f"SELECT id FROM {table} WHERE {column} = ? ORDER BY id", (office_id,))]


def _changed_since(table: str, row_id: int) -> InputError:
    return InputError(f"合并以后数据已有改动（{table_label(table)} #{row_id}），无法按原样撤销或重做。")


def move_references(writer: Writer, table: str, ids: Iterable[int], from_id: int, to_id: int, note: str) -> None:
    """Point the given rows from one office to another; each must still point to `from_id`."""
    column = "parent_id" if table == "offices" else "office_id"
    for row_id in ids:
        row = writer.row(table, row_id)
        if row is None or row[column] != from_id:
            raise _changed_since(table, row_id)
        writer.update(table, row_id, {column: to_id}, note)


def move_report(writer: Writer, report_id: int, expected: tuple[int, int], office_id: int, revision: int,
                note: str) -> None:
    """Give one report revision another office and revision number, if it still has the expected ones."""
    row = writer.row("reports", report_id)
    if row is None or (row["office_id"], row["revision"]) != expected:
        raise _changed_since("reports", report_id)
    writer.update("reports", report_id, {"office_id": office_id, "revision": revision}, note)


def delete_row(writer: Writer, table: str, row: dict[str, Any], note: str) -> None:
    current = writer.row(table, row["id"])
    if current is None or any(current[k] != v for k, v in row.items() if k in current):
        raise _changed_since(table, row["id"])
    writer.delete(table, row["id"], note)


def restore_row(writer: Writer, table: str, row: dict[str, Any], note: str) -> None:
    """Insert a deleted row again with its old id and values."""
    columns = [c[1] for c in writer.conn.execute(f"PRAGMA table_info({table})")]
    if writer.row(table, row["id"]) is not None:
        raise _changed_since(table, row["id"])
    try:
        writer.insert(table, {c: row[c] for c in columns if c in row}, note)
    except sqlite3.IntegrityError:
        raise _changed_since(table, row["id"]) from None


# (table, column) of each row that refers to an office; a task counts once however many of its links do.
OFFICE_REFERENCES = (("task_offices", "office_id"), ("targets", "office_id"), ("reports", "office_id"),
                     ("attachments", "office_id"), ("adjustments", "office_id"), ("earlier_targets", "office_id"),
                     ("offices", "parent_id"))


def reference_counts(conn: sqlite3.Connection, office_id: int) -> dict[str, int]:
    """How many rows of each table in OFFICE_REFERENCES refer to the office (tasks, not links, for task_offices)."""
    counts = {}
    for table, column in OFFICE_REFERENCES:
        counted = "DISTINCT task_id" if table == "task_offices" else "*"
        counts[table] = conn.execute(f"SELECT count({counted}) FROM {table} WHERE {column} = ?",
                                     (office_id,)).fetchone()[0]
    return counts
