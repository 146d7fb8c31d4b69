"""Restoring a copy into the open database, and recovering from a damaged file at start-up."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from planner.domain.changes import Changes
from planner.domain.errors import DatabaseError
from planner.store.audit import now_text
from planner.store.backup import BackupInfo, automatic_backups, check_backup, copy_database
from planner.store.connection import Store
from planner.store.migrations import schema_version, upgrade
from planner.store.read_only import read_only_connection
from planner.store.schema import STEPS, form_signing_key
from planner.store.signing import copy_signing_key

_SIGNED_FROM = STEPS.index(form_signing_key) + 1  # the first schema version with a signing key


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S")


def _scratch_path(db_path: Path) -> Path:
    return db_path.with_name(f"{db_path.stem}.restoring{db_path.suffix}.part")


def _remove_scratch(path: Path) -> None:
    for extra in ("", "-journal", "-wal", "-shm"):
        path.with_name(path.name + extra).unlink(missing_ok=True)


def _build_restored(store: Store, info: BackupInfo, aside: Path, scratch: Path) -> sqlite3.Connection:
    """The restored database in `scratch`: the copy, brought to the current schema, with its change-log row."""
    conn = sqlite3.connect(scratch, isolation_level=None)
    try:
        source = read_only_connection(info.path)
        try:
            source.backup(conn)
        finally:
            source.close()
        # The scratch file is thrown away whenever the restore does not finish, so it needs
        # neither a journal on disk nor syncs.
        conn.execute("PRAGMA journal_mode = MEMORY")
        conn.execute("PRAGMA synchronous = OFF")
        copied_version = schema_version(conn)
        upgrade(conn, scratch, store.actor, copy_first=False)
        note = (f"从备份“{info.path.name}”恢复（{info.plans} 个计划，{info.reports} 条填报）；"
                f"恢复前的数据库已另存为“{aside.name}”")
        conn.execute("BEGIN IMMEDIATE")
        try:
            if copied_version < _SIGNED_FROM:
                # The copy predates signing and the upgrade gave it a new key: keep this database's,
                # so that the fill-in workbooks it issued can still be collected.
                copy_signing_key(store.conn, conn)
                note += "；备份早于填报表签名，沿用当前数据库的签名密钥，已发出的填报表仍可收集"
            conn.execute(
                "INSERT INTO audit (at, actor_office, actor_person, action, table_name, note)"
                " VALUES (?, ?, ?, 'bulk', 'database', ?)",
                (now_text(), store.actor.office, store.actor.person, note),
            )
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    except BaseException:
        conn.close()
        raise
    return conn


def restore_database(store: Store, backup: Path) -> Path:
    """Replace the open database's content with the checked copy `backup`.

    The current content is first copied aside (`<name>.before-restore-<time>.sqlite3`,
    returned), so a restore can itself be undone by restoring that copy. An older
    copy is brought up to the current schema. The restore is recorded in the audit log.

    The restored database is put together in a scratch file beside the database (the
    copy, its upgrade and the change-log row), and one backup-API copy then brings it
    into the open database as one transaction: whenever the program stops, the
    database holds either its old content or the restored one with its row.
    """
    info = check_backup(backup)
    if store.readonly:
        raise DatabaseError(f"数据库以只读方式打开，不能恢复：{store.path}")
    aside = copy_database(store.conn, store.path.with_name(
        f"{store.path.stem}.before-restore-{_stamp()}{store.path.suffix}"))
    scratch = _scratch_path(store.path)
    _remove_scratch(scratch)  # left behind by a restore that was interrupted
    try:
        restored = _build_restored(store, info, aside, scratch)
        try:
            restored.backup(store.conn)  # all pages in one step: one transaction on the open database
        finally:
            restored.close()
    finally:
        _remove_scratch(scratch)
    store.conn.execute("PRAGMA journal_mode = WAL")
    store.announce(Changes.all())
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
