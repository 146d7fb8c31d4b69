"""Who last changed a row, and when: the audit log as every row's version, for refusing stale writes."""

from __future__ import annotations

import sqlite3

from planner.domain.errors import StaleWriteError

AGAIN = "请重新载入后再改，本次未保存。"


def last_change(conn: sqlite3.Connection, table: str, row_id: int) -> tuple[str, str] | None:
    """(person, time) of the latest audit record of the row, or None when it has none."""
    found = _last_record(conn, table, row_id)
    return (found[0], found[1]) if found else None


def _last_record(conn: sqlite3.Connection, table: str, row_id: int) -> tuple[str, str, str] | None:
    row = conn.execute("SELECT actor_person, at, note FROM audit WHERE table_name = ? AND row_id = ?"
                       " ORDER BY id DESC LIMIT 1", (table, row_id)).fetchone()
    return (row[0], row[1], row[2] or "") if row else None


def _who_and_when(found: tuple[str, str, str] | None) -> tuple[str, str]:
    return (found[0] or "另一位用户", found[1].replace("T", " ")) if found else ("另一位用户", "刚才")


def changed_since(conn: sqlite3.Connection, table: str, row_id: int, what: str, now: object) -> StaleWriteError:
    """The refusal of a write made against an older state of the row: who changed it, when, to what."""
    who, when = _who_and_when(_last_record(conn, table, row_id))
    shown = str(now) if len(str(now)) <= 40 else str(now)[:40] + "…"
    return StaleWriteError(f"{what}已被“{who}”于 {when} 改为“{shown}”。{AGAIN}")


def removed_since(conn: sqlite3.Connection, table: str, row_id: int, what: str) -> StaleWriteError:
    """The refusal of a write to a row someone else deleted (or merged away) since it was read."""
    found = _last_record(conn, table, row_id)
    who, when = _who_and_when(found)
    how = f"（{found[2]}）" if found and found[2] else ""
    return StaleWriteError(f"{what}已被“{who}”于 {when} 删除{how}。{AGAIN}")
