"""What the administrator does to a server database: set it up (schema, roles, policies) and add accounts."""

from __future__ import annotations

import json

from planner.domain.errors import DatabaseError, InputError, NotFoundError
from planner.domain.office_names import normalize_office_name
from planner.store.audit import Writer, now_text
from planner.store.connection import Actor
from planner.store.server.access import ROLE_KINDS, Roles, create_account_statements, grant_statements, role_statements
from planner.store.server.connection import ServerConnection, refused_message
from planner.store.server.location import ServerLocation
from planner.store.server.schema import LATEST_VERSION
from planner.store.server.store import connect, schema_version, upgrade

ACCOUNT_NAME_LIMIT = 63  # PostgreSQL's identifier length


def _run(conn: ServerConnection, statements: list) -> None:
    import psycopg

    for statement in statements:
        try:
            conn.raw.execute(statement)
        except psycopg.errors.InsufficientPrivilege as exc:
            raise DatabaseError(refused_message(exc) + "初始化需要有创建角色权限（CREATEROLE）的账号，"
                                "并且是数据库的所有者。") from None
        except psycopg.Error as exc:
            raise DatabaseError(f"数据库服务器拒绝了初始化：{str(exc).strip()}") from None


def init_database(url: str, password: str | None = None) -> tuple[int, list[int], Roles]:
    """Create (or bring up to date) the schema, the three roles and their grants and policies.

    Returns (the version before, the versions reached, the roles). Safe to run again: an
    initialised database at the current version only has its grants and policies renewed.
    """
    location = ServerLocation.parse(url)
    conn = ServerConnection(connect(location, password))
    try:
        before = schema_version(conn) or 0
        if before == 0 and conn.execute(
                "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()").fetchone()[0]:
            raise DatabaseError(f"数据库 {location.label()} 中已有别的表，不是本程序的空数据库，未作任何修改。")
        _run(conn, role_statements(location.database))
        account = conn.execute("SELECT session_user").fetchone()[0]
        reached = upgrade(conn, location, account)
        conn.execute("BEGIN")
        try:
            _run(conn, grant_statements(location.database))
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        return before, reached, Roles.of(location.database)
    finally:
        conn.close()


def _check_account_name(account: str) -> str:
    account = account.strip()
    if not account or len(account) > ACCOUNT_NAME_LIMIT or not all(c.isalnum() or c in "_.-" for c in account):
        raise InputError(f"账号名“{account}”无效：只能用字母、数字、下划线、点和连字符，"
                         f"最长 {ACCOUNT_NAME_LIMIT} 个字符。")
    return account


def add_account(url: str, account: str, kind: str, password: str, office: str | None = None,
                admin_password: str | None = None) -> str:
    """Create a login account of `kind` (coordinator, office or reader); an office account reports for
    `office`. Returns the office's stored name ('' for the other kinds). One transaction, audited."""
    if kind not in ROLE_KINDS:
        raise InputError(f"账号类型“{kind}”无效，应为 {'、'.join(ROLE_KINDS)} 之一。")
    account = _check_account_name(account)
    if len(password) < 8:
        raise InputError("密码至少要 8 个字符。")
    if kind == "office" and not (office and office.strip()):
        raise InputError("填报账号需要用 --office 指明它代表的单位。")
    location = ServerLocation.parse(url)
    conn = ServerConnection(connect(location, admin_password))
    try:
        if schema_version(conn) != LATEST_VERSION:
            raise DatabaseError(f"数据库 {location.label()} 尚未初始化或需要升级，请先运行 main.py db init {url}")
        if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = ?", (account,)).fetchone():
            raise InputError(f"服务器上已有账号“{account}”，未作任何修改。")
        office_name, office_id = "", None
        if kind == "office":
            office_name = normalize_office_name(office or "")
            row = conn.execute("SELECT id FROM offices WHERE name = ?", (office_name,)).fetchone()
            if row is None:
                raise NotFoundError(f"数据库中没有名为“{office}”的单位（先导入计划，或在单位列表中添加）。")
            office_id = row[0]
        admin = conn.execute("SELECT session_user").fetchone()[0]
        conn.execute("BEGIN")
        try:
            _run(conn, create_account_statements(location.database, account, kind, password))
            writer = Writer(conn, Actor(person=admin))  # type: ignore[arg-type]  # speaks sqlite3's calls
            if office_id is not None:
                writer.insert("office_accounts", {"account": account, "office_id": office_id}, "添加填报账号")
            else:
                conn.execute("INSERT INTO audit (at, actor_person, action, table_name, new, note)"
                             " VALUES (?, ?, 'insert', 'office_accounts', ?, ?)",
                             (now_text(), admin, json.dumps({"account": account, "kind": kind}, ensure_ascii=False),
                              "添加账号"))
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        return office_name
    finally:
        conn.close()
