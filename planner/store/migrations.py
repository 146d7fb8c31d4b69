"""Bringing a database to the current schema version, one step per transaction."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from planner.domain.errors import DatabaseError, NewerSchemaError
from planner.store.audit import now_text
from planner.store.schema import LATEST_VERSION, STEPS

if TYPE_CHECKING:
    from planner.store.connection import Actor


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def backup_before_upgrade(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """Copy the database beside itself with the SQLite backup API (consistent even in WAL mode)."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.v{version}-{stamp}.bak{path.suffix}")
    copy = sqlite3.connect(target)
    try:
        conn.backup(copy)
    finally:
        copy.close()
    return target


def _has_user_tables(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0] > 0


def upgrade(conn: sqlite3.Connection, path: Path, actor: Actor, *, readonly: bool = False,
            copy_first: bool = True) -> list[int]:
    """Run the missing upgrade steps; return the versions reached, in order.

    `copy_first=False` skips the copy beside the file, for a scratch database whose
    original is kept elsewhere (a restore builds one from the backup it restores).
    """
    version = schema_version(conn)
    if version > LATEST_VERSION:
        raise NewerSchemaError(
            f"数据库 {path} 由更新版本的程序创建（数据库版本 {version}，本程序支持到 {LATEST_VERSION}）。"
            "请安装新版本后再打开，本程序不会修改它。"
        )
    if version == LATEST_VERSION:
        return []
    if version == 0 and _has_user_tables(conn):
        raise DatabaseError(f"{path} 是一个 SQLite 数据库，但不是本程序的数据库，未作任何修改。")
    if readonly:
        raise DatabaseError(f"数据库 {path} 需要升级（版本 {version} → {LATEST_VERSION}），只读方式下无法打开。")
    if version > 0 and copy_first:
        backup_before_upgrade(conn, path, version)
    reached = []
    for target_version in range(version + 1, LATEST_VERSION + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            step = STEPS[target_version - 1]
            if callable(step):
                step(conn)
            else:
                for statement in _split_statements(step):
                    conn.execute(statement)
            conn.execute(
                "INSERT INTO audit (at, actor_office, actor_person, action, table_name, note)"
                " VALUES (?, ?, ?, 'upgrade', 'schema', ?)",
                (now_text(), actor.office, actor.person, f"schema {target_version - 1} -> {target_version}"),
            )
            conn.execute(f"PRAGMA user_version = {target_version}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        reached.append(target_version)
    return reached


def _split_statements(script: str) -> list[str]:
    """Split a migration script into statements (executescript would commit on its own)."""
    statements, current = [], []
    for line in script.splitlines():
        if line.strip().startswith("--"):
            continue
        current.append(line)
        candidate = "\n".join(current).strip()
        if candidate and sqlite3.complete_statement(candidate):
            statements.append(candidate)
            current = []
    rest = "\n".join(current).strip()
    if rest:
        statements.append(rest)
    return statements
