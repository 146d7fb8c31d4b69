"""Opening a planner database on a PostgreSQL server: the same `Store`, with the server's sessions.

Every write is one transaction, as on the file; before it commits it sends a NOTIFY with what
it changed, so that every other window on the database learns of it (`receive_changes`, called
by the window when the listening connection's socket has something to read). Upgrades run only
for the administrator (the owner of the tables); anyone else is told to ask for one.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from planner.domain.changes import Changes
from planner.domain.errors import DatabaseError, NewerSchemaError, PasswordRequiredError
from planner.store.audit import Writer, now_text
from planner.store.connection import Actor, Store
from planner.store.schema import SIGNING_KEY_BYTES
from planner.store.server.access import Roles
from planner.store.server.client import broken_client, require_client
from planner.store.server.connection import ServerConnection, translated_error
from planner.store.server.location import ServerLocation
from planner.store.server.schema import LATEST_VERSION, STEPS

if TYPE_CHECKING:
    import sqlite3

    import psycopg

CHANNEL = "planner_changes"
NOTIFY_LIMIT = 7900  # PostgreSQL's payload limit is 8000 bytes
NOT_INITIALISED = "数据库 {label} 还不是本程序的数据库。请管理员先运行：main.py db init {url}"


def connect(location: ServerLocation, password: str | None = None, *, autocommit: bool = True) -> psycopg.Connection:
    """A session on the server; PasswordRequiredError when it wants a (better) password."""
    require_client()
    try:
        import psycopg
    except ImportError as exc:
        raise broken_client(exc) from None
    options: dict[str, Any] = {"autocommit": autocommit, "connect_timeout": 10,
                               "application_name": "annual-target-planner"}
    if password is not None:
        options["password"] = password
    try:
        return psycopg.connect(location.url, **options)
    except psycopg.OperationalError as exc:
        text = str(exc)
        if exc.sqlstate == "28P01" or ("password" in text and ("authentication failed" in text
                                                               or "no password supplied" in text)):
            raise PasswordRequiredError(f"数据库服务器 {location.label()} 拒绝了账号“{location.account}”的密码，"
                                        "或需要密码。") from None
        hint = _encryption_hint(text)
        raise DatabaseError(f"无法连接数据库服务器 {location.label()}：{hint}{text.strip()}") from None
    except psycopg.Error as exc:
        raise DatabaseError(f"无法连接数据库服务器 {location.label()}：{str(exc).strip()}") from None


def _encryption_hint(text: str) -> str:
    """What to do when the client and the server disagree about TLS, before libpq's own words."""
    if "does not support SSL" in text:
        return ("服务器不支持加密连接（TLS），而本连接要求加密。"
                "请管理员为服务器配置证书，或在连接时不勾选“要求加密连接（TLS）”。")
    if "no pg_hba.conf entry" in text and "no encryption" in text:
        return "服务器只接受加密连接（TLS），请在连接时勾选“要求加密连接（TLS）”（或在地址后加 ?sslmode=require）。"
    return ""


def schema_version(conn: ServerConnection) -> int | None:
    """The schema version, or None for a database this program never set up."""
    if conn.execute("SELECT to_regclass('planner_schema')").fetchone()[0] is None:
        return None
    row = conn.execute("SELECT version FROM planner_schema WHERE id = 1").fetchone()
    return row[0] if row else 0


def upgrade(conn: ServerConnection, location: ServerLocation, person: str) -> list[int]:
    """Run the missing schema steps, each in one transaction with its audit row."""
    version = schema_version(conn) or 0
    if version > LATEST_VERSION:
        raise NewerSchemaError(f"数据库 {location.label()} 由更新版本的程序创建（数据库版本 {version}，"
                               f"本程序支持到 {LATEST_VERSION}）。请安装新版本后再打开。")
    reached = []
    for target in range(version + 1, LATEST_VERSION + 1):
        conn.execute("BEGIN")
        try:
            if target == 1:
                conn.execute("CREATE TABLE planner_schema (id integer PRIMARY KEY CHECK (id = 1),"
                             " version integer NOT NULL)")
                conn.execute("INSERT INTO planner_schema (id, version) VALUES (1, 0) RETURNING id")
            conn.raw.execute(STEPS[target - 1])
            if target == 1:
                conn.execute("INSERT INTO signing_key (id, key, created_at) VALUES (1, ?, ?) RETURNING id",
                             (secrets.token_bytes(SIGNING_KEY_BYTES), datetime.now().isoformat(timespec="seconds")))
            conn.execute("INSERT INTO audit (at, actor_person, action, table_name, note)"
                         " VALUES (?, ?, 'upgrade', 'schema', ?)",
                         (now_text(), person, f"schema {target - 1} -> {target}"))
            conn.execute("UPDATE planner_schema SET version = ? WHERE id = 1", (target,))
        except BaseException as exc:
            conn.execute("ROLLBACK")
            if type(exc).__module__.startswith("psycopg"):
                raise translated_error(cast(Exception, exc)) from None
            raise
        conn.execute("COMMIT")
        reached.append(target)
    return reached


class ServerStore(Store):
    """A planner database on a PostgreSQL server (see the module's docstring).

    `kind` is what the signed-in account may do: 'administrator' (owns the tables),
    'coordinator', 'office' or 'reader'; a reader's store is read-only. The actor of every
    audit row is the account itself (the server writes it too, in `audit.account`).
    """

    is_server = True

    def __init__(self, location: ServerLocation, conn: ServerConnection, listener: psycopg.Connection | None,
                 account: str, kind: str, office: str, readonly: bool, password: str | None = None):
        self.location = location
        self._password = password  # kept in memory only, for the background reader's own session
        self.path = Path(location.key)
        self.conn = cast("sqlite3.Connection", conn)
        self.server = conn
        self.account, self.kind, self.office = account, kind, office
        self.readonly = readonly
        self._listener = listener
        self._listeners = []

    @property
    def actor(self) -> Actor:
        return Actor(person=self.account, office=self.office)

    @actor.setter
    def actor(self, _chosen: Actor) -> None:
        """The names chosen in 设置 do not change who signed in to the server."""

    @property
    def location_label(self) -> str:
        return self.location.label()

    @contextmanager
    def transaction(self) -> Iterator[Writer]:
        if self.readonly:
            raise DatabaseError(f"账号“{self.account}”只能查看数据库 {self.location.label()}，不能修改。")
        self.server.execute("BEGIN")
        writer = Writer(self.conn, self.actor)
        try:
            yield writer
            changes = writer.notes.frozen()
            if changes:
                self.server.execute("SELECT pg_notify(?, ?)", (CHANNEL, encode_changes(changes)))
            self.server.execute("COMMIT")
        except BaseException:
            self.server.execute("ROLLBACK")
            raise
        self.announce(changes)

    def changes_socket(self) -> int | None:
        return self._listener.fileno() if self._listener is not None else None

    def receive_changes(self) -> Changes:
        """What other sessions committed since the last call (read without waiting), announced to the
        listeners as any local write is."""
        if self._listener is None:
            return Changes()
        own = self.server.backend_pid
        received = Changes()
        pq = self._listener.pgconn
        pq.consume_input()
        while (notice := pq.notifies()) is not None:
            if notice.be_pid != own:
                received = received | decode_changes(notice.extra.decode("utf-8"))
        self.announce(received)
        return received

    def reader_connection(self) -> sqlite3.Connection:
        return cast("sqlite3.Connection", ServerConnection(connect(self.location, self._password)))

    def close(self) -> None:
        self.server.close()
        if self._listener is not None:
            self._listener.close()
            self._listener = None


def encode_changes(changes: Changes) -> str:
    payload = json.dumps({"plans": sorted(changes.plans), "outline": sorted(changes.outline),
                          "tasks": sorted(changes.tasks), "progress": sorted(changes.progress),
                          "offices": changes.offices, "bulk": sorted(changes.bulk),
                          "everything": changes.everything}, separators=(",", ":"))
    if len(payload.encode("utf-8")) > NOTIFY_LIMIT:
        return json.dumps({"everything": True})
    return payload


def decode_changes(payload: str) -> Changes:
    try:
        data = json.loads(payload)
        return Changes(frozenset(data.get("plans", ())), frozenset(data.get("outline", ())),
                       frozenset(data.get("tasks", ())), frozenset(data.get("progress", ())),
                       bool(data.get("offices")), frozenset(data.get("bulk", ())), bool(data.get("everything")))
    except (ValueError, TypeError, AttributeError):
        return Changes.all()


def _account_kind(conn: ServerConnection, database: str) -> tuple[str, str]:
    owner = conn.execute("SELECT tableowner FROM pg_tables WHERE schemaname = current_schema()"
                         " AND tablename = 'plans'").fetchone()
    account = conn.execute("SELECT session_user").fetchone()[0]
    if owner is not None and owner[0] == account:
        return account, "administrator"
    granted = {row[0] for row in conn.execute(
        "SELECT rolname FROM pg_roles WHERE pg_has_role(session_user, oid, 'member')")}
    kind = Roles.of(database).kind_of(granted)
    if kind is None:
        raise DatabaseError(f"账号“{account}”不是数据库 {database} 的协调、填报或只读账号，"
                            "请管理员用 main.py db add-account 添加。")
    return account, kind


def open_server_store(url: str, actor: Actor | None = None, *, readonly: bool = False,
                      password: str | None = None, listen: bool = True) -> ServerStore:
    """Open the planner database at `url` for the account it names.

    `actor` is accepted for the same call as `open_store`; on a server the actor is the account.
    """
    location = ServerLocation.parse(url)
    raw = connect(location, password)
    conn = ServerConnection(raw)
    try:
        version = schema_version(conn)
        if version is None:
            raise DatabaseError(NOT_INITIALISED.format(label=location.label(), url=url))
        account, kind = _account_kind(conn, location.database)
        if version > LATEST_VERSION:
            raise NewerSchemaError(f"数据库 {location.label()} 由更新版本的程序创建（数据库版本 {version}，"
                                   f"本程序支持到 {LATEST_VERSION}）。请安装新版本后再打开。")
        if version < LATEST_VERSION:
            if kind != "administrator":
                raise DatabaseError(f"数据库 {location.label()} 需要升级（版本 {version} → {LATEST_VERSION}），"
                                    f"请管理员运行 main.py db init {url}")
            upgrade(conn, location, account)
        office = ""
        if kind == "office":
            row = conn.execute("SELECT o.name FROM office_accounts a JOIN offices o ON o.id = a.office_id"
                               " WHERE a.account = session_user").fetchone()
            if row is None:
                raise DatabaseError(f"填报账号“{account}”没有对应的单位，请管理员重新添加。")
            office = row[0]
        listener = None
        if listen:
            listener = connect(location, password)
            listener.execute(f"LISTEN {CHANNEL}")
    except BaseException:
        conn.close()
        raise
    return ServerStore(location, conn, listener, account, kind, office, readonly or kind == "reader", password)
