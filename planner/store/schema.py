"""The database schema as numbered upgrade steps.

`STEPS[n - 1]` takes a database from version n - 1 to version n. A step is a
script of SQL (or a function of the connection, for a change SQL alone cannot
say) run inside the transaction that also sets `PRAGMA user_version`,
so a database is always at exactly one version. Steps are never edited once
released; a change to the schema is a new step, with a sample database of the
previous version kept in tests/data for the upgrade test.
"""

from __future__ import annotations

import re
import secrets
import sqlite3
from collections.abc import Callable
from datetime import datetime

V1 = """
CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    key TEXT UNIQUE,
    title TEXT NOT NULL,
    appendix_title TEXT NOT NULL DEFAULT '',
    doc_no TEXT NOT NULL DEFAULT '',
    issuer TEXT NOT NULL DEFAULT '',
    issue_date TEXT,
    first_year INTEGER NOT NULL,
    last_year INTEGER NOT NULL,
    state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'issued')),
    source TEXT NOT NULL DEFAULT '',
    source_hash TEXT,
    is_demo INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    CHECK (first_year <= last_year)
);

CREATE TABLE sections (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    parent_id INTEGER REFERENCES sections (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL
);
CREATE INDEX sections_plan ON sections (plan_id, position);

CREATE TABLE tasks (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    section_id INTEGER REFERENCES sections (id) ON DELETE SET NULL,
    position INTEGER NOT NULL,
    seq TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL,
    content TEXT NOT NULL DEFAULT '',
    indicator TEXT NOT NULL DEFAULT '',
    baseline TEXT NOT NULL DEFAULT '',
    deadline TEXT,
    note TEXT NOT NULL DEFAULT '',
    kind TEXT CHECK (kind IS NULL OR kind IN ('increment', 'cumulative', 'ratio', 'milestone', 'text'))
);
CREATE INDEX tasks_plan ON tasks (plan_id, position);

CREATE TABLE offices (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL DEFAULT 'department' CHECK (kind IN ('department', 'county', 'township', 'other')),
    parent_id INTEGER REFERENCES offices (id) ON DELETE SET NULL,
    division_code TEXT
);

CREATE TABLE task_offices (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    office_id INTEGER NOT NULL REFERENCES offices (id),
    role TEXT NOT NULL CHECK (role IN ('lead', 'co', 'reporting')),
    position INTEGER NOT NULL DEFAULT 0,
    UNIQUE (task_id, office_id, role)
);
CREATE INDEX task_offices_office ON task_offices (office_id);

CREATE TABLE targets (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    period TEXT NOT NULL,
    office_id INTEGER REFERENCES offices (id),
    text TEXT NOT NULL,
    comparator TEXT CHECK (comparator IS NULL OR comparator IN ('>=', '<=', '=')),
    value REAL,
    unit TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('increment', 'cumulative', 'ratio', 'milestone', 'text')),
    deadline_year INTEGER
);
CREATE UNIQUE INDEX targets_one_per_cell ON targets (task_id, period, ifnull(office_id, 0));

CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    office_id INTEGER NOT NULL REFERENCES offices (id),
    period TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    value REAL,
    status TEXT CHECK (status IS NULL OR status IN ('已完成', '序时推进', '滞后')),
    narrative TEXT NOT NULL DEFAULT '',
    problems TEXT NOT NULL DEFAULT '',
    next_steps TEXT NOT NULL DEFAULT '',
    reporter TEXT NOT NULL DEFAULT '',
    reported_at TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT 'keyboard',
    source_hash TEXT,
    review TEXT NOT NULL DEFAULT 'submitted' CHECK (review IN ('submitted', 'accepted', 'returned')),
    review_note TEXT NOT NULL DEFAULT '',
    is_demo INTEGER NOT NULL DEFAULT 0,
    UNIQUE (task_id, office_id, period, revision)
);
CREATE INDEX reports_period ON reports (period, task_id, office_id);

-- The latest revision of each report is the current one.
CREATE VIEW current_reports AS
SELECT r.* FROM reports r
WHERE r.revision = (
    SELECT max(revision) FROM reports
    WHERE task_id = r.task_id AND office_id = r.office_id AND period = r.period
);

CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor_office TEXT NOT NULL DEFAULT '',
    actor_person TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'bulk', 'upgrade')),
    table_name TEXT NOT NULL,
    row_id INTEGER,
    old TEXT,
    new TEXT,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_table_row ON audit (table_name, row_id);
CREATE INDEX audit_at ON audit (at);
"""

# Evidence files (佐证材料) of a report, kept inside the database so that a backup carries them.
# They belong to the task, office and period rather than to one revision, so a resubmitted
# report keeps the evidence already attached.
V2 = """
CREATE TABLE attachments (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    office_id INTEGER NOT NULL REFERENCES offices (id),
    period TEXT NOT NULL,
    file_name TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    data BLOB NOT NULL,
    added_at TEXT NOT NULL,
    added_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX attachments_report ON attachments (task_id, office_id, period);
"""

_IN_LIST_RE = re.compile(r"(\w+) IN \(((?:'[^']*'(?:, )?)+)\)")


def _equalities(match: re.Match[str]) -> str:
    column, values = match.group(1), re.findall(r"'[^']*'", match.group(2))
    return "(" + " OR ".join(f"{column} = {value}" for value in values) + ")"


def checks_without_in_lists(conn: sqlite3.Connection) -> None:
    """V3: the same CHECK constraints, written as equalities.

    SQLite evaluates `kind IN ('increment', …)` in a CHECK by building a small
    lookup table for every row written, which made an import of 100,000 tasks
    spend most of its time on checks; `kind = 'increment' OR …` means the same and
    costs nothing. Only the stored table definitions change (SQLite's documented
    writable_schema procedure for changes that leave the file's content as it is),
    and the existing rows satisfy both forms.
    """
    rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE '%CHECK%'").fetchall()
    changed = [(name, _IN_LIST_RE.sub(_equalities, sql)) for name, sql in rows]
    changed = [(name, sql) for (name, sql), (_, old) in zip(changed, rows) if sql != old]
    if not changed:
        return
    version = conn.execute("PRAGMA schema_version").fetchone()[0]
    conn.execute("PRAGMA writable_schema = ON")
    try:
        for name, sql in changed:
            conn.execute("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?", (sql, name))
        conn.execute(f"PRAGMA schema_version = {version + 1}")
    finally:
        conn.execute("PRAGMA writable_schema = OFF")


# Change control (调整): once a plan is issued, a change to a task's core content is an adjustment
# with a reason. `earlier_targets` keeps each target an adjustment replaced, with the last period it
# was in force, so that a report is always measured against the target of its own period.
V4 = """
CREATE TABLE adjustments (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    field TEXT NOT NULL CHECK (field = 'name' OR field = 'content' OR field = 'indicator' OR field = 'baseline'
                               OR field = 'target' OR field = 'offices'),
    period TEXT,
    office_id INTEGER REFERENCES offices (id),
    old TEXT NOT NULL,
    new TEXT NOT NULL,
    effective_from TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    at TEXT NOT NULL,
    actor_office TEXT NOT NULL DEFAULT '',
    actor_person TEXT NOT NULL DEFAULT ''
);
CREATE INDEX adjustments_task ON adjustments (task_id, id);

CREATE TABLE earlier_targets (
    id INTEGER PRIMARY KEY,
    adjustment_id INTEGER NOT NULL REFERENCES adjustments (id) ON DELETE CASCADE,
    task_id INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    period TEXT NOT NULL,
    office_id INTEGER REFERENCES offices (id),
    text TEXT NOT NULL,
    comparator TEXT CHECK (comparator IS NULL OR comparator = '>=' OR comparator = '<=' OR comparator = '='),
    value REAL,
    unit TEXT,
    kind TEXT NOT NULL CHECK (kind = 'increment' OR kind = 'cumulative' OR kind = 'ratio' OR kind = 'milestone'
                              OR kind = 'text'),
    deadline_year INTEGER,
    until TEXT NOT NULL
);
CREATE INDEX earlier_targets_task ON earlier_targets (task_id, period);
"""

# The coordinator's dashboard reads a year of a plan's reports by task and office
# (planner.store.progress_queries.year_reports): this index holds them in that order, one
# year of a task together, with every column that query reads, so it never visits the
# other years' reports nor the table.
V5 = """
CREATE INDEX reports_by_year
    ON reports (task_id, substr(period, 1, 4), office_id, period, revision, review, value, status);
"""

SIGNING_KEY_BYTES = 32


def form_signing_key(conn: sqlite3.Connection) -> None:
    """V6: the secret with which this database signs the fill-in workbooks it issues.

    A returned workbook is taken only when its signature is this key's
    (`planner.exchange.fill_in_spec.sign`), so it cannot be passed off as another office's
    by recomputing the public checksum. The key lives only here and in the copies of this
    database. It comes from the operating system's secure source rather than SQLite's
    randomblob(), whose seed on Windows is the clock and the process id.
    """
    conn.execute(
        "CREATE TABLE signing_key (id INTEGER PRIMARY KEY CHECK (id = 1),"
        f" key BLOB NOT NULL CHECK (length(key) = {SIGNING_KEY_BYTES}), created_at TEXT NOT NULL)"
    )
    conn.execute("INSERT INTO signing_key (id, key, created_at) VALUES (1, ?, ?)",
                 (secrets.token_bytes(SIGNING_KEY_BYTES), datetime.now().isoformat(timespec="seconds")))


# Where a task imported from a notice is stated (二、（一）1., 附件第3项), so that a clerk can find it in
# the document; empty for a task typed or imported from a spreadsheet.
V7 = """
ALTER TABLE tasks ADD COLUMN origin TEXT NOT NULL DEFAULT '';
"""

Step = str | Callable[[sqlite3.Connection], None]
STEPS: list[Step] = [V1, V2, checks_without_in_lists, V4, V5, form_signing_key, V7]

LATEST_VERSION = len(STEPS)
