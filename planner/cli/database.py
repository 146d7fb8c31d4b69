"""`main.py db …`: set up a shared server database, add its accounts, and copy a database between a
PC's file and a server."""

from __future__ import annotations

import argparse
import getpass
import sys

from planner.domain.errors import InputError

URL_HELP = "the server database, postgresql://account@host[:port]/database (add ?sslmode=require for TLS)"


def add_database_commands(sub: argparse._SubParsersAction) -> None:
    db = sub.add_parser("db", help="a shared PostgreSQL database: set up, accounts, copy to and from a file")
    verbs = db.add_subparsers(dest="db_command", metavar="VERB", required=True)

    init = verbs.add_parser("init", help="create the planner's tables, roles and row-level policies on a server")
    init.add_argument("url", metavar="URL", help=URL_HELP + "; the account must be able to create roles")
    init.set_defaults(handler=cmd_init)

    office = verbs.add_parser("add-office-account", help="add a login for one office's clerk")
    office.add_argument("url", metavar="URL", help=URL_HELP + " (an administrator's account)")
    office.add_argument("account", metavar="ACCOUNT", help="the new login name (letters, digits, _ . -)")
    office.add_argument("--office", required=True, metavar="NAME", help="the office the account reports for")
    _add_password_option(office)
    office.set_defaults(handler=cmd_add_office_account)

    other = verbs.add_parser("add-account", help="add a coordinator's or a read-only login")
    other.add_argument("url", metavar="URL", help=URL_HELP + " (an administrator's account)")
    other.add_argument("account", metavar="ACCOUNT", help="the new login name (letters, digits, _ . -)")
    other.add_argument("--role", required=True, choices=("coordinator", "reader"), help="what the account may do")
    _add_password_option(other)
    other.set_defaults(handler=cmd_add_account)

    copy = verbs.add_parser("copy", help="copy a whole database into a new, empty one (file ⇄ server), verified")
    copy.add_argument("source", metavar="FROM", help="a database file or a server URL")
    copy.add_argument("target", metavar="TO", help="a new database file, or an initialised, empty server database")
    copy.set_defaults(handler=cmd_copy)


def _add_password_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--password-stdin", action="store_true",
                        help="read the new account's password from the first line of standard input"
                             " (otherwise it is asked for twice on the terminal)")


def new_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif sys.stdin.isatty():
        password = getpass.getpass("新账号的密码：")
        if getpass.getpass("再输入一次：") != password:
            raise InputError("两次输入的密码不一致，未作任何修改。")
    else:
        raise InputError("没有终端可以输入密码：请用 --password-stdin 从标准输入给出新账号的密码。")
    if not password:
        raise InputError("新账号的密码不能为空。")
    return password


def _server_admin():
    """The administration of a server database, once its client component is known to be installed."""
    from planner.store.server.client import require_client

    require_client()
    from planner.store.server import admin

    return admin


def _admin_password(url: str) -> str | None:
    """The administrator's own password: from the keyring, else asked on the terminal, else none (libpq's
    own sources: PGPASSWORD, the password file)."""
    from planner.app.session import terminal_password
    from planner.domain.errors import PasswordRequiredError
    from planner.store.server.credentials import saved_password
    from planner.store.server.location import ServerLocation
    from planner.store.server.store import connect

    location = ServerLocation.parse(url)
    password = saved_password(location.key)
    try:
        connect(location, password).close()
    except PasswordRequiredError:
        password = terminal_password(location)
        if password is None:
            raise
    return password


def cmd_init(args: argparse.Namespace) -> int:
    admin = _server_admin()
    before, reached, roles = admin.init_database(args.url, _admin_password(args.url))
    if reached:
        print(f"数据库已{'创建' if before == 0 else '升级'}到版本 {reached[-1]}。")
    else:
        print("数据库已是当前版本；权限与行级安全策略已重新设定。")
    print(f"角色：{roles.coordinator}（协调）、{roles.office}（填报）、{roles.reader}（只读）。")
    print("下一步：main.py db add-office-account URL 账号 --office 单位名称")
    return 0


def cmd_add_office_account(args: argparse.Namespace) -> int:
    admin = _server_admin()
    admin_password = _admin_password(args.url)
    office = admin.add_account(args.url, args.account, "office", new_password(args), args.office, admin_password)
    print(f"已添加填报账号“{args.account.strip()}”，代表“{office}”。")
    return 0


def cmd_add_account(args: argparse.Namespace) -> int:
    admin = _server_admin()
    admin_password = _admin_password(args.url)
    admin.add_account(args.url, args.account, args.role, new_password(args), None, admin_password)
    label = {"coordinator": "协调", "reader": "只读"}[args.role]
    print(f"已添加{label}账号“{args.account.strip()}”。")
    return 0


def _open_copy_source(source: str):
    from pathlib import Path

    from planner.app.session import open_session_store
    from planner.domain.errors import DatabaseError
    from planner.store.server.location import is_server_url

    if not is_server_url(source) and not Path(source).is_file():
        raise DatabaseError(f"数据库文件不存在：{source}")
    return open_session_store(source, readonly=True)


def cmd_copy(args: argparse.Namespace) -> int:
    from pathlib import Path

    from planner.app.session import open_session_store
    from planner.domain.errors import DatabaseError
    from planner.store.copying import copy_database
    from planner.store.server.location import is_server_url

    new_file = None if is_server_url(args.target) else Path(args.target)
    if new_file is not None and new_file.exists():
        raise DatabaseError(f"目标文件已存在：{new_file}。复制只写入新文件，请换一个文件名。")
    with _open_copy_source(args.source) as source:
        try:
            with open_session_store(args.target) as target:
                result = copy_database(source, target)
        except BaseException:
            if new_file is not None and new_file.exists():
                for leftover in (new_file, *(new_file.with_name(new_file.name + s) for s in ("-wal", "-shm"))):
                    leftover.unlink(missing_ok=True)
            raise
    rows = "，".join(f"{table} {count}" for table, count in result.rows.items())
    print(f"已复制：{rows}，审计记录 {result.audit_rows}。两边的 dump 一致。")
    return 0
