"""Reading the audit log back: who changed what and when, filtered by task, office, person and date.

Every write goes through `planner.store.audit.Writer`, which records the row id
and the old and new column values as JSON. A report or attachment row names its
task and office only inside that JSON (and a review update carries only the
review columns), so the task or office a row belongs to is taken from the row's
own insert or delete record, else from the row as it stands now.

How an entry reads (labels, values, one-line descriptions) is in `audit_text`.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, NamedTuple

from planner.domain.errors import InputError, NotFoundError
from planner.domain.office_names import normalize_office_name
from planner.store.audit_text import FIELD_LABELS, REVISED_FIELDS, period_label
from planner.store.dialect import is_server
from planner.store.offices_repo import office_id

# Tables whose rows belong to one task, and those whose rows concern one office.
TASK_TABLES = ("targets", "task_offices", "reports", "attachments")
OFFICE_TABLES = ("targets", "task_offices", "reports", "attachments")
PERIOD_TABLES = ("targets", "reports", "attachments")

_FIELD_RANK = {name: rank for rank, name in enumerate(FIELD_LABELS)}


@dataclass(frozen=True)
class AuditFilter:
    task_id: int | None = None
    office: str | None = None
    person: str | None = None
    date_from: str | None = None  # 'YYYY-MM-DD', inclusive
    date_to: str | None = None  # 'YYYY-MM-DD', inclusive
    limit: int = 5000


class Change(NamedTuple):
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    office: str
    person: str
    action: str
    table: str
    row_id: int | None
    note: str
    changes: list[Change] = field(default_factory=list)
    subject: str = ""  # the task, office and period the row concerns, in words
    # For a new report revision: the revision it replaces, whose values are the changes' old ones.
    revises: int | None = None


# A JSON field as the column it records: an integer, except for a period. The server's SQL is typed, so
# there the text is cast; SQLite's json_extract already returns a number as a number.
_TEXT_FIELDS = frozenset({"period"})


def _json_field(column: str, name: str, server: bool = False) -> str:
    # A damaged audit row must not break the whole log, so invalid JSON reads as nothing.
    value = f"json_extract({column}, '$.{name}')"
    if server and name not in _TEXT_FIELDS:
        value = f"({value})::bigint"
    return f"(CASE WHEN json_valid({column}) THEN {value} END)"


def _owner_sql(name: str, tables: tuple[str, ...], server: bool = False) -> str:
    """SQL for the `name` column (task_id, office_id, period) of the row an audit record is about."""
    listed = ", ".join(f"'{t}'" for t in tables)
    current = " ".join(f"WHEN '{t}' THEN (SELECT {name} FROM {t} WHERE id = a.row_id)" for t in tables)
    return f"""(CASE
        WHEN a.table_name NOT IN ({listed}) THEN NULL
        WHEN a.action = 'insert' THEN {_json_field('a.new', name, server)}
        WHEN a.action = 'delete' THEN {_json_field('a.old', name, server)}
        WHEN a.action = 'update' THEN coalesce(
            (SELECT {_json_field('i.new', name, server)} FROM audit i WHERE i.table_name = a.table_name
              AND i.row_id = a.row_id AND i.action = 'insert' AND i.id < a.id ORDER BY i.id DESC LIMIT 1),
            (CASE a.table_name {current} END))
    END)"""


class _Fragments(NamedTuple):
    owner_task: str
    owner_office: str
    owner_period: str
    bulk_first: str
    bulk_last: str


_FRAGMENTS = {server: _Fragments(_owner_sql("task_id", TASK_TABLES, server),
                                 _owner_sql("office_id", OFFICE_TABLES, server),
                                 _owner_sql("period", PERIOD_TABLES, server),
                                 _json_field("a.new", "first_id", server), _json_field("a.new", "last_id", server))
              for server in (False, True)}


def _sql(conn: sqlite3.Connection) -> _Fragments:
    return _FRAGMENTS[is_server(conn)]


def _day(text: str | None, label: str) -> date | None:
    if text is None or not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"{label}“{text}”不是有效日期，应写作 2021-07-01。") from None


def _task_birth(conn: sqlite3.Connection, task_id: int) -> int:
    """Id of the audit record that created task `task_id`.

    Task ids are reused after a plan is replaced (its tasks go with it, unaudited),
    so anything recorded before the current task was created concerns another task.
    """
    sql = _sql(conn)
    row = conn.execute(
        f"SELECT max(a.id) FROM audit a WHERE a.table_name = 'tasks' AND ((a.action = 'insert' AND a.row_id = ?)"
        f" OR (a.action = 'bulk' AND ? BETWEEN {sql.bulk_first} AND {sql.bulk_last}))",
        (task_id, task_id),
    ).fetchone()
    return row[0] or 0


def _task_condition(conn: sqlite3.Connection, task_id: int) -> tuple[str, list[Any]]:
    fragments = _sql(conn)
    in_bulk = f"BETWEEN {fragments.bulk_first} AND {fragments.bulk_last}"
    bulk_children = " ".join(
        f"WHEN '{t}' THEN EXISTS (SELECT 1 FROM {t} c WHERE c.task_id = ? AND c.id {in_bulk})" for t in TASK_TABLES
    )
    sql = (
        "a.id >= ? AND ("
        f"(a.table_name = 'tasks' AND (a.row_id = ? OR (a.action = 'bulk' AND ? {in_bulk})))"
        f" OR (a.action = 'bulk' AND (CASE a.table_name {bulk_children} ELSE false END))"
        f" OR (a.action IN ('insert', 'update', 'delete') AND {fragments.owner_task} = ?))"
    )
    return sql, [_task_birth(conn, task_id), task_id, task_id, *([task_id] * len(TASK_TABLES)), task_id]


def _office_condition(conn: sqlite3.Connection, office: str) -> tuple[str, list[Any]]:
    name = normalize_office_name(office)
    try:
        known_id = office_id(conn, name)
    except NotFoundError:
        return "a.actor_office IN (?, ?)", [office.strip(), name]
    return ("(a.actor_office IN (?, ?) OR (a.table_name = 'offices' AND a.row_id = ?)"
            f" OR (a.action IN ('insert', 'update', 'delete') AND {_sql(conn).owner_office} = ?))",
            [office.strip(), name, known_id, known_id])


def _conditions(conn: sqlite3.Connection, audit_filter: AuditFilter) -> tuple[list[str], list[Any]]:
    conditions: list[str] = []
    params: list[Any] = []
    if audit_filter.task_id is not None:
        sql, values = _task_condition(conn, audit_filter.task_id)
        conditions.append(sql)
        params.extend(values)
    if audit_filter.office and audit_filter.office.strip():
        sql, values = _office_condition(conn, audit_filter.office)
        conditions.append(sql)
        params.extend(values)
    if audit_filter.person and audit_filter.person.strip():
        conditions.append("instr(a.actor_person, ?) > 0")
        params.append(audit_filter.person.strip())
    first = _day(audit_filter.date_from, "起始日期")
    last = _day(audit_filter.date_to, "结束日期")
    if first and last and first > last:
        raise InputError(f"起始日期 {first.isoformat()} 晚于结束日期 {last.isoformat()}。")
    if first:
        conditions.append("a.at >= ?")
        params.append(first.isoformat())
    if last:
        # Times are stored as '2021-07-01T09:30:00': everything before the next day is on `last`.
        conditions.append("a.at < ?")
        params.append((last + timedelta(days=1)).isoformat())
    return conditions, params


def _decode(text: str | None) -> dict[str, Any]:
    if not text:
        return {}
    try:
        decoded = json.loads(text)
    except ValueError:
        return {}
    return decoded if isinstance(decoded, dict) else {}


def _field_order(name: str) -> tuple[int, str]:
    return (_FIELD_RANK.get(name, len(_FIELD_RANK)), name)


def _changes(action: str, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """The columns an audit record shows: changed ones for an update, the filled ones for an insert or delete."""
    if action == "update":
        names = set(old) | set(new)
        return [Change(n, old.get(n), new.get(n)) for n in sorted(names, key=_field_order)]
    if action in ("insert", "bulk"):
        return [Change(n, None, v) for n, v in sorted(new.items(), key=lambda i: _field_order(i[0]))
                if v not in (None, "")]
    if action == "delete":
        return [Change(n, v, None) for n, v in sorted(old.items(), key=lambda i: _field_order(i[0]))
                if v not in (None, "")]
    return []


def _previous_revision(conn: sqlite3.Connection, new: dict[str, Any]) -> dict[str, Any] | None:
    revision = new.get("revision")
    if not isinstance(revision, int) or revision < 2:
        return None
    row = conn.execute(
        "SELECT * FROM reports WHERE task_id = ? AND office_id = ? AND period = ? AND revision = ?",
        (new.get("task_id"), new.get("office_id"), new.get("period"), revision - 1),
    ).fetchone()
    return dict(row) if row else None


def _entry(conn: sqlite3.Connection, row: sqlite3.Row, old: dict[str, Any], new: dict[str, Any],
           subject: str) -> AuditEntry:
    changes = _changes(row["action"], old, new)
    revises = None
    # A changed report is stored as a new revision, never as an update; against the revision
    # before it, the reader sees what the office changed.
    if row["table_name"] == "reports" and row["action"] == "insert":
        previous = _previous_revision(conn, new)
        if previous is not None:
            revises = previous["revision"]
            changes = [Change(c.field, previous[c.field], c.new) if c.field in REVISED_FIELDS else c
                       for c in changes if c.field not in REVISED_FIELDS or previous[c.field] != c.new]
            shown = {c.field for c in changes}
            changes += [Change(f, previous[f], None) for f in REVISED_FIELDS
                        if f not in shown and previous[f] not in (None, "") and new.get(f) in (None, "")]
            changes.sort(key=lambda c: _field_order(c.field))
    return AuditEntry(id=row["id"], at=row["at"], office=row["actor_office"], person=row["actor_person"],
                      action=row["action"], table=row["table_name"], row_id=row["row_id"], note=row["note"],
                      changes=changes, subject=subject, revises=revises)


def _names(conn: sqlite3.Connection, sql: str, ids: set[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    wanted = sorted(i for i in ids if isinstance(i, int))
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        for row in conn.execute(sql.replace("?", ", ".join("?" * len(chunk))), chunk):
            found[row[0]] = row[1]
    return found


def _subjects(conn: sqlite3.Connection, rows: list[sqlite3.Row], recorded: list[dict[str, Any]]) -> list[str]:
    tasks = _names(conn, "SELECT id, trim(seq || ' ' || name) FROM tasks WHERE id IN (?)",
                   {r["owner_task"] for r in rows} | {r["row_id"] for r in rows if r["table_name"] == "tasks"})
    offices = _names(conn, "SELECT id, name FROM offices WHERE id IN (?)",
                     {r["owner_office"] for r in rows} | {r["row_id"] for r in rows if r["table_name"] == "offices"})
    plans = _names(conn, "SELECT id, title FROM plans WHERE id IN (?)",
                   {r["row_id"] for r in rows if r["table_name"] == "plans"})
    subjects = []
    for row, values in zip(rows, recorded):
        table, row_id = row["table_name"], row["row_id"]
        # A deleted or renamed row is named as the record itself names it.
        own_name = {"tasks": values.get("name") or tasks.get(row_id), "offices": values.get("name")
                    or offices.get(row_id), "plans": values.get("title") or plans.get(row_id)}.get(table)
        parts = [own_name] if own_name else []
        if row["owner_task"] is not None:
            parts.append(tasks.get(row["owner_task"], "（已删除的任务）"))
        if row["owner_office"] is not None:
            parts.append(offices.get(row["owner_office"], "（已删除的单位）"))
        if row["owner_period"] is not None:
            parts.append(period_label(row["owner_period"]))
        subjects.append(" · ".join(str(p) for p in parts))
    return subjects


def find_audit(conn: sqlite3.Connection, audit_filter: AuditFilter) -> list[AuditEntry]:
    """Audit records matching every condition of `audit_filter`, newest first, at most `limit` of them.

    The task filter finds records about the task itself, its targets and office
    assignments, and its reports and evidence files. The office filter finds what
    that office did (the acting office) and what concerns it: its reports,
    evidence files, assignments and targets. The person filter matches part of the
    acting person's name. Raises InputError for a malformed or reversed date range.
    """
    conditions, params = _conditions(conn, audit_filter)
    where = " AND ".join(conditions) or "1 = 1"
    sql = _sql(conn)
    rows = conn.execute(
        f"SELECT a.*, {sql.owner_task} AS owner_task, {sql.owner_office} AS owner_office,"
        f" {sql.owner_period} AS owner_period"
        f" FROM audit a WHERE {where} ORDER BY a.at DESC, a.id DESC LIMIT ?",
        [*params, max(0, audit_filter.limit)],
    ).fetchall()
    decoded = [(_decode(r["old"]), _decode(r["new"])) for r in rows]
    subjects = _subjects(conn, rows, [new or old for old, new in decoded])
    return [_entry(conn, r, old, new, subject) for r, (old, new), subject in zip(rows, decoded, subjects)]
