"""Restoring a copy into the open database, and recovering from a damaged file at start-up."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from planner.errors import DatabaseError
from planner.store.audit import now_text
from planner.store.backup import automatic_backups, check_backup, copy_database
from planner.store.connection import Store
from planner.store.migrations import upgrade
from planner.store.read_only import read_only_connection


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S")


def restore_database(store: Store, backup: Path) -> Path:
    """Replace the open database's content with the checked copy `backup`.

    The current content is first copied aside (`<name>.before-restore-<time>.sqlite3`,
    returned), so a restore can itself be undone by restoring that copy. An older
    copy is brought up to the current schema. The restore is recorded in the audit log.
    """
    info = check_backup(backup)
    if store.readonly:
        raise DatabaseError(f"数据库以只读方式打开，不能恢复：{store.path}")
    aside = copy_database(store.conn, store.path.with_name(
        f"{store.path.stem}.before-restore-{_stamp()}{store.path.suffix}"))
    source = read_only_connection(info.path)
    try:
        source.backup(store.conn)
    finally:
        source.close()
    store.conn.execute("PRAGMA journal_mode = WAL")
    upgrade(store.conn, store.path, store.actor)
    store.conn.execute(
        "INSERT INTO audit (at, actor_office, actor_person, action, table_name, note) VALUES (?, ?, ?, 'bulk', 'database', ?)",
        (now_text(), store.actor.office, store.actor.person,
         f"从备份“{info.path.name}”恢复（{info.plans} 个计划，{info.reports} 条填报）；恢复前的数据库已另存为“{aside.name}”"),
    )
    return aside


def newest_good_backup(db_path: Path) -> Path | None:
    for _when, path in reversed(automatic_backups(db_path)):
        try:
            check_backup(path)
        except DatabaseError:
            continue
        return path
    return None


def set_damaged_aside(db_path: Path) -> Path:
    """Move a damaged database (and its WAL files) aside under a new name; it is kept, never deleted."""
    aside = db_path.with_name(f"{db_path.stem}.damaged-{_stamp()}{db_path.suffix}")
    db_path.replace(aside)
    for extra in ("-wal", "-shm"):
        companion = db_path.with_name(db_path.name + extra)
        if companion.exists():
            companion.replace(aside.with_name(aside.name + extra))
    return aside


def recover_from_backup(db_path: Path, backup: Path) -> Path:
    """Put the damaged `db_path` aside and copy `backup` into its place; returns where the damaged file went."""
    info = check_backup(backup)
    aside = set_damaged_aside(db_path)
    source = read_only_connection(info.path)
    try:
        copy_database(source, db_path)
    finally:
        source.close()
    return aside
