"""The one place that writes to the database: every change leaves an audit row.

A `Writer` exists only inside `Store.transaction()`, so a change and its audit
rows commit together or not at all. Bulk inserts (an import of many rows) leave
one audit row per table that names the row ids and the source, rather than one
row per inserted record.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from itertools import chain
from typing import TYPE_CHECKING, Any, cast

from planner.domain.changes import ChangeNotes
from planner.domain.errors import PermissionRefusedError
from planner.store.dialect import is_server

if TYPE_CHECKING:
    from planner.store.connection import Actor
    from planner.store.server.connection import ServerConnection

# Parameters of one statement: SQLite's limit before 3.32, still the least any build allows.
_MAX_PARAMETERS = 999
# insert_repeating packs (owner offset, template index) into one integer below 2**62.
_TEMPLATE_SPAN = 1 << 31
_OWNER_SPAN = 1 << 31

AUDITED_TABLES = frozenset({"plans", "sections", "tasks", "offices", "task_offices", "targets", "reports",
                            "attachments", "adjustments", "earlier_targets", "office_accounts"})


def now_text() -> str:
    return datetime.now().isoformat(timespec="seconds")


def _plain(value: Any) -> Any:
    # A file's bytes are recorded by size only: the audit log says what changed, it is no second copy.
    return f"<{len(value)} bytes>" if isinstance(value, (bytes, bytearray, memoryview)) else str(value)


def _json(values: Mapping[str, Any] | None) -> str | None:
    if values is None:
        return None
    return json.dumps(dict(values), ensure_ascii=False, sort_keys=True, default=_plain)


def _check_table(table: str) -> None:
    if table not in AUDITED_TABLES:
        raise ValueError(f"not an audited table: {table}")


def _check_written(count: int, table: str, row_id: int) -> None:
    # A row the writer has just read is missing from the write only where a server's row-level
    # policy hides it from this account: that is a refusal, never a silent no-op.
    if count == 0:
        raise PermissionRefusedError(f"数据库服务器拒绝了这次修改：当前账号不能修改或删除 {table} 中"
                                     f"编号 {row_id} 的记录。")


class Writer:
    def __init__(self, conn: sqlite3.Connection, actor: Actor):
        self.conn = conn
        self.actor = actor
        self.at = now_text()
        self.notes = ChangeNotes()  # what this transaction changed, for the store to announce after commit
        self.server: ServerConnection | None = cast("ServerConnection", conn) if is_server(conn) else None

    def _audit(self, action: str, table: str, row_id: int | None, old: Any, new: Any, note: str = "") -> None:
        self.conn.execute(
            "INSERT INTO audit (at, actor_office, actor_person, action, table_name, row_id, old, new, note)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (self.at, self.actor.office, self.actor.person, action, table, row_id, old, new, note),
        )

    def row(self, table: str, row_id: int) -> dict[str, Any] | None:
        _check_table(table)
        found = self.conn.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,)).fetchone()
        return dict(found) if found else None

    def row_to_change(self, table: str, row_id: int) -> dict[str, Any] | None:
        """The row as it is now, held until the transaction ends, so that a write checked against it is not
        overtaken between the check and the write: on a server another session's write to the row waits
        (and this one waits for any still open); a file's transaction already holds the one write lock."""
        if self.server is None:
            return self.row(table, row_id)
        _check_table(table)
        found = self.conn.execute(f"SELECT * FROM {table} WHERE id = ? FOR UPDATE", (row_id,)).fetchone()
        return dict(found) if found else None

    def insert(self, table: str, values: Mapping[str, Any], note: str = "") -> int:
        _check_table(table)
        columns = list(values)
        cursor = self.conn.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            [values[c] for c in columns],
        )
        row_id = cursor.lastrowid
        assert row_id is not None, "an INSERT always sets lastrowid"
        if self.server is not None and "id" in values:
            self.server.claim_ids(table)
        self._audit("insert", table, row_id, None, _json(values), note)
        self.notes.note("insert", table, row_id, values)
        return row_id

    def update(self, table: str, row_id: int, changes: Mapping[str, Any], note: str = "") -> bool:
        """Change the given columns; return False (and write nothing) if nothing differs."""
        old_row = self.row(table, row_id)
        if old_row is None:
            raise KeyError(f"{table} row {row_id} does not exist")
        changed = {k: v for k, v in changes.items() if old_row[k] != v}
        if not changed:
            return False
        assignments = ", ".join(f"{c} = ?" for c in changed)
        cursor = self.conn.execute(f"UPDATE {table} SET {assignments} WHERE id = ?", [*changed.values(), row_id])
        _check_written(cursor.rowcount, table, row_id)
        self._audit("update", table, row_id, _json({k: old_row[k] for k in changed}), _json(changed), note)
        self.notes.note("update", table, row_id, old_row, changed)
        return True

    def delete(self, table: str, row_id: int, note: str = "") -> None:
        old_row = self.row(table, row_id)
        if old_row is None:
            raise KeyError(f"{table} row {row_id} does not exist")
        cursor = self.conn.execute(f"DELETE FROM {table} WHERE id = ?", (row_id,))
        _check_written(cursor.rowcount, table, row_id)
        self._audit("delete", table, row_id, _json(old_row), None, note)
        self.notes.note("delete", table, row_id, old_row)

    def next_id(self, table: str) -> int:
        _check_table(table)
        if self.server is not None:
            # Rows numbered here must not meet rows another session numbers from the sequence.
            self.server.lock_for_ids(table)
        return self.conn.execute(f"SELECT ifnull(max(id), 0) + 1 FROM {table}").fetchone()[0]

    def insert_many(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]], note: str = "") -> int:
        """Insert rows with one executemany; rows carry their own ids (first column `id`)."""
        _check_table(table)
        if columns[0] != "id":
            raise ValueError("insert_many needs explicit ids as the first column")
        rows = list(rows)
        if not rows:
            return 0
        if self.server is not None:
            if any(len(row) != len(columns) for row in rows):
                raise sqlite3.ProgrammingError(f"Incorrect number of bindings supplied: {len(columns)} columns")
            self.server.copy_rows(table, columns, rows)
            self.server.claim_ids(table)
            self._audit_bulk(table, len(rows), rows[0][0], rows[-1][0], note)
            return len(rows)
        one = f"({', '.join('?' * len(columns))})"
        per = _MAX_PARAMETERS // len(columns)
        full = len(rows) - len(rows) % per
        if per > 1 and full and all(len(row) == len(columns) for row in rows):
            # Many rows to one INSERT: Python's sqlite3 pays for each execution (binding, a step,
            # the lock) what SQLite would do for the rows of one statement far more cheaply.
            values = list(chain.from_iterable(rows[:full]))
            step = per * len(columns)
            self.conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES {', '.join([one] * per)}",
                                  (values[start:start + step] for start in range(0, len(values), step)))
            rest = rows[full:]
        else:
            rest = rows
        if rest:
            self.conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES {one}", rest)
        self._audit_bulk(table, len(rows), rows[0][0], rows[-1][0], note)
        return len(rows)

    def insert_repeating(self, table: str, columns: Sequence[str], first_id: int, templates: Sequence[Sequence[Any]],
                         owners: Sequence[int], uses: Sequence[int], note: str = "") -> int:
        """Insert rows that repeat a few distinct templates, leaving the same audit row as `insert_many`.

        `columns` are `id`, an owner column and the template's columns; row k is
        (first_id + k, owners[k], *templates[uses[k]]).
        Python's sqlite3 binds every parameter of every row, and a bound None costs
        it a failed adaptation; here only the templates are bound, and SQLite
        builds the rows from a JSON array of (owner, template) codes, with every
        constraint of the table checked as for any other insert.
        """
        _check_table(table)
        if columns[0] != "id" or any(len(template) != len(columns) - 2 for template in templates):
            raise ValueError("insert_repeating needs id, the owner and the template's columns")
        if len(owners) != len(uses):
            raise ValueError("insert_repeating needs one owner and one template for each row")
        if not owners:
            return 0
        base = min(owners)
        if max(owners) - base >= _OWNER_SPAN or len(templates) >= _TEMPLATE_SPAN:
            raise ValueError("insert_repeating: owners or templates out of range")
        if self.server is not None:
            self.server.copy_rows(table, columns, ((first_id + k, owner, *templates[use])
                                                   for k, (owner, use) in enumerate(zip(owners, uses))))
            self.server.claim_ids(table)
            self._audit_bulk(table, len(owners), first_id, first_id + len(owners) - 1, note)
            return len(owners)
        codes = [(owner - base) * _TEMPLATE_SPAN + index for owner, index in zip(owners, uses)]
        template_columns = [f"c{i}" for i in range(len(columns) - 2)]
        self.conn.execute("DROP TABLE IF EXISTS temp.bulk_templates")
        # Inside the caller's transaction: a rollback takes the temporary table away with the rows.
        self.conn.execute(f"CREATE TEMP TABLE bulk_templates (id INTEGER PRIMARY KEY, {', '.join(template_columns)})")
        self.conn.executemany(
            f"INSERT INTO temp.bulk_templates VALUES (?, {', '.join('?' * len(template_columns))})",
            [(index, *template) for index, template in enumerate(templates)],
        )
        self.conn.execute(
            f"INSERT INTO {table} ({', '.join(columns)})"
            f" SELECT ? + j.key, ? + j.value / {_TEMPLATE_SPAN}, {', '.join('t.' + c for c in template_columns)}"
            f" FROM json_each(?) AS j JOIN temp.bulk_templates AS t ON t.id = j.value % {_TEMPLATE_SPAN}",
            (first_id, base, json.dumps(codes)),
        )
        self.conn.execute("DROP TABLE temp.bulk_templates")
        self._audit_bulk(table, len(codes), first_id, first_id + len(codes) - 1, note)
        return len(codes)

    def _audit_bulk(self, table: str, count: int, first: int, last: int, note: str) -> None:
        self._audit("bulk", table, None, None, _json({"count": count, "first_id": first, "last_id": last}), note)
        self.notes.note("bulk", table, None)
