"""Who last changed a row, and when: the audit log as every row's version, for refusing stale writes."""

from __future__ import annotations

import sqlite3

from planner.domain.errors import StaleWriteError

AGAIN = "请重新载入后再改，本次未保存。"
# An undo puts back what an edit replaced: refused, nothing was put back.
NOT_UNDONE = "请重新载入查看最新内容，本次撤销未执行。"
NOT_REDONE = "请重新载入查看最新内容，本次重做未执行。"


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


def last_writer(conn: sqlite3.Connection, table: str, row_id: int) -> tuple[str, str]:
    """(who, when) of the row's latest change, as a refusal names them."""
    return _who_and_when(_last_record(conn, table, row_id))


def _shown(now: object) -> str:
    return str(now) if len(str(now)) <= 40 else str(now)[:40] + "…"


def changed_since(conn: sqlite3.Connection, table: str, row_id: int, what: str, now: object,
                  then: str = AGAIN) -> StaleWriteError:
    """The refusal of a write made against an older state of the row: who changed it, when, to what;
    `then` tells the clerk what became of the write (AGAIN, NOT_UNDONE)."""
    who, when = _who_and_when(_last_record(conn, table, row_id))
    return StaleWriteError(f"{what}已被“{who}”于 {when} 改为“{_shown(now)}”。{then}")


def removed_since(conn: sqlite3.Connection, table: str, row_id: int, what: str,
                  then: str = AGAIN) -> StaleWriteError:
    """The refusal of a write to a row someone else deleted (or merged away) since it was read."""
    found = _last_record(conn, table, row_id)
    who, when = _who_and_when(found)
    how = f"（{found[2]}）" if found and found[2] else ""
    return StaleWriteError(f"{what}已被“{who}”于 {when} 删除{how}。{then}")


def links_changed_since(conn: sqlite3.Connection, table: str, owner_column: str, owner_id: int, what: str,
                        now: object, then: str = AGAIN) -> StaleWriteError:
    """The refusal of a write made against an older state of the rows of `table` that belong to one owner
    (a task's responsible offices): who last added, changed or removed one of them, and when.

    A removed row is found by the owner its delete record names, as its id is no longer in the table."""
    found = conn.execute(
        f"SELECT actor_person, at, note FROM audit WHERE table_name = ? AND (row_id IN"
        f" (SELECT id FROM {table} WHERE {owner_column} = ?) OR (action = 'delete' AND"
        f" (CASE WHEN json_valid(old) THEN CAST(json_extract(old, '$.{owner_column}') AS TEXT) END) = ?))"
        " ORDER BY id DESC LIMIT 1", (table, owner_id, str(owner_id))).fetchone()
    who, when = _who_and_when((found[0], found[1], found[2] or "") if found else None)
    return StaleWriteError(f"{what}已被“{who}”于 {when} 改为“{_shown(now)}”。{then}")
