"""The database's key for signing fill-in workbooks (schema version 6, `schema.form_signing_key`)."""

from __future__ import annotations

import sqlite3

from planner.domain.errors import DatabaseError


def signing_key(conn: sqlite3.Connection) -> bytes:
    """The key this database signs its fill-in workbooks with, and checks returns against."""
    try:
        row = conn.execute("SELECT key FROM signing_key WHERE id = 1").fetchone()
    except sqlite3.OperationalError:
        row = None
    if row is None:
        raise DatabaseError("数据库中没有填报表签名密钥（数据库未升级到当前版本），无法生成或收集填报表。")
    return bytes(row[0])


def copy_signing_key(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    """Give `target` the key of `source` (inside the caller's transaction on `target`).

    A restore keeps the key of the database it replaces when the copy it restores
    predates signing, so that the workbooks already issued can still be collected.
    """
    key, created_at = source.execute("SELECT key, created_at FROM signing_key WHERE id = 1").fetchone()
    target.execute("UPDATE signing_key SET key = ?, created_at = ? WHERE id = 1", (key, created_at))
