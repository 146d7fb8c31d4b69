"""Moving a whole database between a PC's file and a server (`main.py db copy FROM TO`).

Every row keeps its id, so plans, tasks and reports are the same rows on both sides; the
audit log follows, appended after the target's own records. The copy is one transaction on
the target, checked before it commits: the `dump` of the target must equal the source's,
or nothing is kept.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

from planner.domain.errors import DatabaseError
from planner.store.audit import Writer
from planner.store.connection import Store
from planner.store.dialect import is_server
from planner.store.dump import dump
from planner.store.signing import copy_signing_key

# Parents before the rows that point to them; self-references are checked at commit.
COPIED_TABLES = ("offices", "plans", "sections", "tasks", "task_offices", "targets", "adjustments",
                 "earlier_targets", "reports", "attachments")
AUDIT_COLUMNS = ("at", "actor_office", "actor_person", "action", "table_name", "row_id", "old", "new", "note")
CHUNK = 50_000


@dataclass(frozen=True)
class CopyResult:
    rows: dict[str, int]
    audit_rows: int


def columns_of(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]


def _chunks(conn: sqlite3.Connection, table: str, columns: list[str]) -> Iterator[list[tuple]]:
    last = -1
    cursor = conn.cursor()
    cursor.row_factory = None
    while True:
        rows = cursor.execute(f"SELECT {', '.join(columns)} FROM {table} WHERE id > ? ORDER BY id LIMIT {CHUNK}",
                              (last,)).fetchall()
        if not rows:
            return
        yield rows
        last = rows[-1][0]


def check_empty(store: Store) -> None:
    for table in ("plans", "offices", "reports"):
        if store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]:
            raise DatabaseError(f"目标数据库 {store.location_label} 不是空的（{table} 表中已有数据），"
                                "复制只写入新建的空数据库，未作任何修改。")


def copy_database(source: Store, target: Store) -> CopyResult:
    """Copy everything of `source` into the empty `target` in one transaction, verified by `dump`."""
    check_empty(target)
    counts: dict[str, int] = {}
    note = f"从 {source.location_label} 复制"
    with target.transaction() as writer:
        conn = writer.conn
        conn.execute("SET CONSTRAINTS ALL DEFERRED" if is_server(conn) else "PRAGMA defer_foreign_keys = ON")
        for table in COPIED_TABLES:
            wanted = set(columns_of(conn, table))
            columns = [c for c in columns_of(source.conn, table) if c in wanted]
            counts[table] = 0
            for rows in _chunks(source.conn, table, columns):
                counts[table] += writer.insert_many(table, columns, rows, note)
        copy_signing_key(source.conn, conn)
        audit_rows = _copy_audit(source.conn, writer)
        if dump(source.conn) != dump(conn):
            raise DatabaseError(f"复制后的数据库与 {source.location_label} 不一致，已撤销，目标未作任何修改。")
    return CopyResult(counts, audit_rows)


def _copy_audit(source: sqlite3.Connection, writer: Writer) -> int:
    columns = ["id", *AUDIT_COLUMNS]
    statement = f"INSERT INTO audit ({', '.join(AUDIT_COLUMNS)}) VALUES ({', '.join('?' * len(AUDIT_COLUMNS))})"
    copied = 0
    for rows in _chunks(source, "audit", columns):
        plain = [row[1:] for row in rows]
        server = writer.server
        if server is not None:
            server.copy_rows("audit", AUDIT_COLUMNS, plain)
        else:
            writer.conn.executemany(statement, plain)
        copied += len(plain)
    return copied
