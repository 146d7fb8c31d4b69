"""Opening the database a session works on; shared by the GUI and the command line."""

from __future__ import annotations

import getpass
import sys
from collections.abc import Callable
from pathlib import Path

from planner.domain.errors import PasswordRequiredError
from planner.store import Actor, Store, open_store
from planner.store.server.client import require_client
from planner.store.server.location import ServerLocation, is_server_url
from planner.system.paths import default_db_path

# Asked for a server account's password: gets the keyring's name for it, returns the password or None.
AskPassword = Callable[[ServerLocation], str | None]


def terminal_password(location: ServerLocation) -> str | None:
    """Ask on the terminal (without echo), when there is one to ask on."""
    if not sys.stdin.isatty():
        return None
    try:
        return getpass.getpass(f"{location.label()} 的密码：")
    except (EOFError, KeyboardInterrupt):
        return None


def session_db_path(db: str | Path | None) -> Path:
    return Path(db) if db else default_db_path()


def open_server_session(url: str, *, readonly: bool = False, password: str | None = None,
                        ask_password: AskPassword | None = terminal_password) -> Store:
    """Open a server database: with `password`, else the one in the system keyring, else by asking."""
    require_client()
    from planner.store.server.credentials import saved_password
    from planner.store.server.store import open_server_store

    location = ServerLocation.parse(url)
    if password is None:
        password = saved_password(location.key)
    try:
        return open_server_store(url, readonly=readonly, password=password)
    except PasswordRequiredError:
        asked = ask_password(location) if ask_password is not None else None
        if asked is None:
            raise
        return open_server_store(url, readonly=readonly, password=asked)


def open_session_store(db: str | Path | None, actor: Actor | None = None, *, readonly: bool = False,
                       ask_password: AskPassword | None = terminal_password) -> Store:
    """Open `db` (a file, or a `postgresql://` server database), or the default database in the user
    data folder. A server's password comes from the keyring, else from `ask_password` (by default
    the terminal, when there is one).

    The default database receives the demo plans when it is first created; a
    database named explicitly starts empty.
    """
    if is_server_url(db):
        return open_server_session(str(db), readonly=readonly, ask_password=ask_password)
    path = session_db_path(db)
    is_new_default = db is None and not path.exists()
    store = open_store(path, actor, readonly=readonly)
    if is_new_default:
        from planner.app.demo import load_demo

        load_demo(store)
    return store
