"""A child process that restores backups into a database until it is killed: the other side of test_restore_kill.

    python restore_child.py DB STOP BACKUP [BACKUP ...]

With STOP 0 it restores the backups in turn, again and again, printing `restored NAME`
after each, until the parent kills it. With STOP k > 0 it restores the first backup
once and kills itself with SIGKILL just before the k-th SQL statement of the restore
runs, on any connection the restore opens; when the restore ends sooner it prints
`finished N`, N being the number of statements it ran. It prints `ready` once the
database is open.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from planner.store import Actor, open_store
from planner.store.restore import restore_database

statements = 0
stop_at = 0
armed = False


def count(_sql: str) -> None:
    global statements
    if not armed:
        return
    statements += 1
    if statements == stop_at:
        os.kill(os.getpid(), signal.SIGKILL)


def traced_connect(*args, **kwargs) -> sqlite3.Connection:
    conn = plain_connect(*args, **kwargs)
    conn.set_trace_callback(count)
    return conn


plain_connect = sqlite3.connect


def main(db: str, stop: str, *backups: str) -> None:
    global armed, stop_at
    stop_at = int(stop)
    sqlite3.connect = traced_connect  # the restore's own connections are counted too
    store = open_store(db, Actor(person="崩溃测试"))
    print("ready", flush=True)
    if stop_at:
        armed = True
        restore_database(store, Path(backups[0]))
        armed = False
        print("finished", statements, flush=True)
        store.close()
        return
    while True:
        for backup in backups:
            restore_database(store, Path(backup))
            print("restored", Path(backup).name, flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
