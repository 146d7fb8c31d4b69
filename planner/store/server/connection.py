"""A psycopg connection that speaks the part of `sqlite3.Connection` the store uses.

The store's queries are written once, in SQL both databases read (the server's schema
defines SQLite's `ifnull`, `instr` and JSON helpers as functions). This wrapper takes
`?` parameters, returns rows that answer to an index or a column name as `sqlite3.Row`
does, gives an INSERT's new id as `lastrowid`, and turns the server's errors into the
`sqlite3` exceptions the store already handles, or into `PermissionRefusedError` when
the server's roles or row-level policies refuse a write. Transactions are explicit
(`BEGIN` … `COMMIT`, autocommit otherwise), as the SQLite connection is used.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from planner.domain.errors import DatabaseError, PermissionRefusedError
from planner.store.server.sql_text import inserted_table, server_sql

if TYPE_CHECKING:
    import psycopg

DIALECT = "postgresql"


class ServerRow(tuple):
    """One result row: `row[0]` and `row["name"]`, `keys()` and `dict(row)`, like `sqlite3.Row`."""

    _index: dict[str, int] = {}

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._index)


def _row_class(names: Sequence[str]) -> type[ServerRow]:
    return type("ServerRow", (ServerRow,), {"_index": {name: i for i, name in enumerate(names)}})


def refused_message(exc: Exception) -> str:
    detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return f"数据库服务器拒绝了这次修改：当前账号没有这项权限（{detail}）。"


def translated_error(exc: Exception) -> Exception:
    """The exception the store's callers expect for a psycopg error."""
    import psycopg
    from psycopg import errors

    text = str(exc).strip()
    if isinstance(exc, (errors.InsufficientPrivilege,)):
        return PermissionRefusedError(refused_message(exc))
    if isinstance(exc, psycopg.IntegrityError):
        return sqlite3.IntegrityError(text)
    if isinstance(exc, (errors.UndefinedTable, errors.UndefinedColumn, errors.UndefinedFunction)):
        return sqlite3.OperationalError(text)
    if isinstance(exc, psycopg.OperationalError):
        return DatabaseError(f"与数据库服务器的连接出错：{text}")
    return sqlite3.DatabaseError(text)


class ServerCursor:
    """A cursor with sqlite3's calling conventions: `execute` returns the cursor, rows by name or index."""

    def __init__(self, owner: ServerConnection):
        self._owner = owner
        self._cursor = owner.raw.cursor()
        self.row_factory: object = sqlite3.Row  # set to None for plain tuples, as with sqlite3
        self.lastrowid: int | None = None
        self._rows: Iterator[Any] | None = None

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def description(self) -> Any:
        return self._cursor.description

    def execute(self, sql: str, parameters: Sequence[Any] | None = ()) -> ServerCursor:
        params = list(parameters) if parameters else None
        statement = server_sql(sql, params is not None)
        returning = inserted_table(sql) is not None
        if returning:
            statement += " RETURNING id"
        self.lastrowid = None
        try:
            self._cursor.execute(statement, params)
        except Exception as exc:
            if _is_psycopg_error(exc):
                raise translated_error(exc) from None
            raise
        if returning:
            self.lastrowid = self._cursor.fetchone()[0]  # type: ignore[index]
            self._rows = iter(())
        else:
            self._rows = None
        return self

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> ServerCursor:
        try:
            self._cursor.executemany(server_sql(sql, True), [list(row) for row in rows])
        except Exception as exc:
            if _is_psycopg_error(exc):
                raise translated_error(exc) from None
            raise
        self._rows = iter(())
        return self

    def _convert(self, values: Sequence[Any]) -> Any:
        if self.row_factory is None:
            return tuple(values)
        return self._row_type()(values)

    def _row_type(self) -> type[ServerRow]:
        names = [column.name for column in self._cursor.description or ()]
        return _row_class(names)

    def fetchone(self) -> Any:
        if self._cursor.description is None:
            return None
        values = self._cursor.fetchone()
        return None if values is None else self._convert(values)

    def fetchall(self) -> list[Any]:
        if self._cursor.description is None:
            return []
        rows = self._cursor.fetchall()
        if self.row_factory is None:
            return rows if not rows or type(rows[0]) is tuple else [tuple(r) for r in rows]
        row_type = self._row_type()
        return [row_type(values) for values in rows]

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())

    def close(self) -> None:
        self._cursor.close()


def _is_psycopg_error(exc: Exception) -> bool:
    return type(exc).__module__.startswith("psycopg")


class ServerConnection:
    """One session on the server (see the module's docstring)."""

    dialect = DIALECT

    def __init__(self, raw: psycopg.Connection):
        self.raw = raw
        self.row_factory: object = sqlite3.Row

    def cursor(self) -> ServerCursor:
        return ServerCursor(self)

    def execute(self, sql: str, parameters: Sequence[Any] | None = ()) -> ServerCursor:
        return ServerCursor(self).execute(sql, parameters)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> ServerCursor:
        return ServerCursor(self).executemany(sql, rows)

    def copy_rows(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        """Load rows with COPY, the server's bulk path (inside the caller's transaction)."""
        try:
            with self.raw.cursor() as cursor, \
                    cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        except Exception as exc:
            if _is_psycopg_error(exc):
                raise translated_error(exc) from None
            raise

    def claim_ids(self, table: str) -> None:
        """Make the table's id sequence continue after the largest id (after rows were given explicit ids)."""
        self.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                     f" greatest((SELECT max(id) FROM {table}), 1))")

    def lock_for_ids(self, table: str) -> None:
        """Hold the table's inserts until this transaction ends, while it numbers rows itself."""
        self.execute(f"LOCK TABLE {table} IN EXCLUSIVE MODE")

    @property
    def backend_pid(self) -> int:
        return self.raw.info.backend_pid

    def close(self) -> None:
        self.raw.close()
