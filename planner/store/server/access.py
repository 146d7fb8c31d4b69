"""Who may do what on the server: three group roles per database, their grants and the row-level policies.

- coordinator (汇总单位): reads and writes everything;
- office (填报单位): reads the plans and everyone's progress, and enters, withdraws and attaches evidence
  to reports only for the task–office pairs of its own office (`office_accounts`), as 'submitted';
- reader (只读): reads everything but the workbook signing key.

The roles are named after the database (`<db>_coordinator`, …), so an account of one organisation's
database cannot even connect to another's on the same server. The account that ran `db init`
owns the tables and is the administrator.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from psycopg import sql

CONTENT_TABLES = ("plans", "sections", "tasks", "offices", "task_offices", "targets", "adjustments",
                  "earlier_targets")
ENTRY_TABLES = ("reports", "attachments")
READ_ONLY_TABLES = ("office_accounts", "planner_schema")
ROLE_KINDS = ("coordinator", "office", "reader")

OWN_PAIR = """EXISTS (SELECT 1 FROM office_accounts a JOIN task_offices l ON l.office_id = a.office_id
    WHERE a.account = session_user AND l.task_id = {table}.task_id AND a.office_id = {table}.office_id)"""


@dataclass(frozen=True)
class Roles:
    coordinator: str
    office: str
    reader: str

    @classmethod
    def of(cls, database: str) -> Roles:
        return cls(*(f"{database}_{kind}" for kind in ROLE_KINDS))

    def all(self) -> tuple[str, str, str]:
        return (self.coordinator, self.office, self.reader)

    def kind_of(self, granted: set[str]) -> str | None:
        for kind, role in zip(ROLE_KINDS, self.all()):
            if role in granted:
                return kind
        return None


def scram_verifier(password: str, iterations: int = 4096) -> str:
    """The SCRAM-SHA-256 verifier PostgreSQL keeps for a password (RFC 5803): the password itself never
    reaches the server, nor its logs."""
    salt = secrets.token_bytes(16)
    salted = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    client_key = hmac.new(salted, b"Client Key", "sha256").digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", "sha256").digest()

    def b64(data: bytes) -> str:
        return base64.b64encode(data).decode("ascii")

    return f"SCRAM-SHA-256${iterations}:{b64(salt)}${b64(stored_key)}:{b64(server_key)}"


def role_statements(database: str) -> list[sql.Composable]:
    """Create the three group roles when missing; only connecting members may enter the database."""
    roles = Roles.of(database)
    statements: list[sql.Composable] = []
    for role in roles.all():
        statements.append(sql.SQL(
            "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = {name}) THEN"
            " CREATE ROLE {role} NOLOGIN; END IF; END $$").format(name=sql.Literal(role), role=sql.Identifier(role)))
    db = sql.Identifier(database)
    statements.append(sql.SQL("REVOKE ALL ON DATABASE {} FROM PUBLIC").format(db))
    for role in roles.all():
        statements.append(sql.SQL("GRANT CONNECT, TEMPORARY ON DATABASE {} TO {}").format(db, sql.Identifier(role)))
    return statements


def grant_statements(database: str) -> list[sql.Composable]:
    """Grants and row-level policies, for a database at the latest schema (each run replaces the last)."""
    roles = Roles.of(database)
    coordinator, office, reader = (sql.Identifier(r) for r in roles.all())
    every = sql.SQL(", ").join([coordinator, office, reader])
    out: list[sql.Composable] = [
        sql.SQL("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC"),
        sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(every),
        sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {}").format(coordinator),
        sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {}").format(coordinator),
        sql.SQL("REVOKE INSERT, UPDATE, DELETE ON planner_schema, office_accounts FROM {}").format(coordinator),
    ]
    readable = [*CONTENT_TABLES, *ENTRY_TABLES, *READ_ONLY_TABLES, "audit", "current_reports"]
    out.append(sql.SQL("GRANT SELECT ON {} TO {}, {}").format(
        sql.SQL(", ").join(map(sql.Identifier, readable)), office, reader))
    out.append(sql.SQL("GRANT INSERT, DELETE ON reports, attachments TO {}").format(office))
    out.append(sql.SQL("GRANT INSERT ON audit TO {}").format(office))
    for table in ("reports", "attachments", "audit"):
        out.append(sql.SQL("GRANT USAGE ON SEQUENCE {} TO {}").format(sql.Identifier(f"{table}_id_seq"), office))
    for table in ENTRY_TABLES:
        name = sql.Identifier(table)
        own = sql.SQL(OWN_PAIR.format(table=table))
        out.append(sql.SQL("ALTER TABLE {} ENABLE ROW LEVEL SECURITY").format(name))
        for policy in ("everyone_reads", "coordinator_writes", "office_enters_own", "office_withdraws_own"):
            out.append(sql.SQL("DROP POLICY IF EXISTS {} ON {}").format(sql.Identifier(policy), name))
        out.append(sql.SQL("CREATE POLICY everyone_reads ON {} FOR SELECT TO {} USING (true)").format(name, every))
        out.append(sql.SQL("CREATE POLICY coordinator_writes ON {} FOR ALL TO {} USING (true) WITH CHECK (true)")
                   .format(name, coordinator))
        entered = sql.SQL("review = 'submitted' AND ") if table == "reports" else sql.SQL("")
        out.append(sql.SQL("CREATE POLICY office_enters_own ON {} FOR INSERT TO {} WITH CHECK ({}{})")
                   .format(name, office, entered, own))
        out.append(sql.SQL("CREATE POLICY office_withdraws_own ON {} FOR DELETE TO {} USING ({})")
                   .format(name, office, own))
    return out


def create_account_statements(database: str, account: str, kind: str, password: str) -> list[sql.Composable]:
    """A login role for a person, member of one of the database's group roles."""
    role = dict(zip(ROLE_KINDS, Roles.of(database).all()))[kind]
    return [sql.SQL("CREATE ROLE {} LOGIN PASSWORD {} IN ROLE {}").format(
        sql.Identifier(account), sql.Literal(scram_verifier(password)), sql.Identifier(role))]
