"""Opening the database a session works on; shared by the GUI and the command line."""

from __future__ import annotations

from pathlib import Path

from planner.store import Actor, Store, open_store
from planner.system.paths import default_db_path


def session_db_path(db: str | Path | None) -> Path:
    return Path(db) if db else default_db_path()


def open_session_store(db: str | Path | None, actor: Actor | None = None, *, readonly: bool = False) -> Store:
    """Open `db`, or the default database in the user data folder.

    The default database receives the demo plans when it is first created; a
    database named explicitly starts empty.
    """
    path = session_db_path(db)
    is_new_default = db is None and not path.exists()
    store = open_store(path, actor, readonly=readonly)
    if is_new_default:
        from planner.app.demo import load_demo

        load_demo(store)
    return store
