"""Opening a planner database: one writer at a time, WAL, foreign keys, upgrades."""

from __future__ import annotations

import getpass
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from planner.domain.changes import Changes
from planner.domain.errors import DamagedDatabaseError, DatabaseError, DatabaseInUseError
from planner.store.audit import Writer
from planner.store.backup import BACKUP_FOLDER
from planner.store.migrations import upgrade
from planner.store.read_only import read_only_connection
from planner.store.writer_lock import LockHeld, WriterLock
from planner.system import output_guard


@dataclass(frozen=True)
class Actor:
    """Who is making changes: written into every audit row."""

    person: str
    office: str = ""

    @classmethod
    def default(cls) -> Actor:
        try:
            person = getpass.getuser()
        except Exception:  # getuser raises OSError or KeyError where no user name is set
            person = ""
        return cls(person=person)


class Store:
    """An open planner database.

    A writable store holds an OS-level lock on the database file itself for as long
    as it is open (`planner.store.writer_lock`), so a second window or process gets
    `DatabaseInUseError` instead of becoming a second writer, whichever path it took
    to the file. The OS drops the lock when a process dies, so a crashed program
    never leaves a stale lock behind.
    """

    is_server = False  # a PostgreSQL server's database (planner.store.server.store.ServerStore)

    def __init__(self, path: Path, conn: sqlite3.Connection, actor: Actor, lock: WriterLock | None):
        self.path = path
        self.conn = conn
        self.actor = actor
        self.readonly = lock is None
        self._lock = lock
        self._listeners: list[Callable[[Changes], None]] = []
        self._guarded = True
        # No export or report may be written over it, or into its backups, while it is open.
        output_guard.database_opened(path, BACKUP_FOLDER)

    @contextmanager
    def transaction(self) -> Iterator[Writer]:
        """One write: everything inside commits together, with its audit rows, or not at all."""
        if self.readonly:
            raise DatabaseError(f"数据库以只读方式打开，不能修改：{self.path}")
        self.conn.execute("BEGIN IMMEDIATE")
        writer = Writer(self.conn, self.actor)
        try:
            yield writer
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")
            self.announce(writer.notes.frozen())

    def subscribe(self, listener: Callable[[Changes], None]) -> Callable[[], None]:
        """Call `listener(changes)` after every committed write (on the thread that wrote); returns
        the function that stops it."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def announce(self, changes: Changes) -> None:
        """Tell the listeners what a committed write changed (the Writer's notes, or a restore's everything)."""
        if changes:
            for listener in list(self._listeners):
                listener(changes)

    @property
    def location_label(self) -> str:
        """Where the database is, as the window shows it."""
        return str(self.path)

    def changes_socket(self) -> int | None:
        """A socket that becomes readable when other sessions changed the database (a server's), else None."""
        return None

    def receive_changes(self) -> Changes:
        """Announce and return what other sessions changed; a file has no other writer."""
        return Changes()

    def reader_connection(self) -> sqlite3.Connection:
        """A second, read-only connection for a background reader."""
        return read_only_connection(self.path, check_same_thread=False)

    def close(self) -> None:
        self.conn.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None
        if self._guarded:
            self._guarded = False
            output_guard.database_closed(self.path)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _connect(path: Path, readonly: bool) -> sqlite3.Connection:
    # The window hands long writes (an import, a collect) to its one background worker while it
    # waits, so the connection is used from two threads, never at the same time.
    if readonly:
        conn = read_only_connection(path, isolation_level=None, check_same_thread=False)
    else:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 5000")
    return conn


def open_store(path: str | Path, actor: Actor | None = None, *, readonly: bool = False) -> Store:
    """Open (and create or upgrade) the database at `path`.

    Raises `DatabaseInUseError` when another process has it open for writing,
    `NewerSchemaError` when a newer program wrote it, and `DatabaseError` when
    the file is not a planner database.
    """
    path = Path(path)
    actor = actor or Actor.default()
    if readonly and not path.exists():
        raise DatabaseError(f"数据库文件不存在：{path}")
    lock = None
    if not readonly:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(f"无法创建数据库所在的文件夹：{path.parent}（{exc.strerror}）") from None
        lock = WriterLock(path)
        try:
            lock.acquire()
        except LockHeld:
            raise DatabaseInUseError(f"数据库已在另一个窗口中打开：{path}\n"
                                     "请先关闭那个窗口，或以只读方式打开。") from None
        except OSError as exc:
            raise DatabaseError(f"无法锁定数据库：{path}（{exc.strerror}）") from None
    try:
        conn = _connect(path, readonly)
        try:
            # A damaged file is never written to: not even an upgrade or the switch to WAL.
            verdict = conn.execute("PRAGMA quick_check").fetchone()[0]
            if verdict != "ok":
                raise DamagedDatabaseError(
                    f"数据库 {path} 已损坏（完整性检查：{verdict[:200]}），程序没有对它作任何修改。")
            # WAL only after the version check: switching the journal mode rewrites the file
            # header, and a database this program refuses must stay byte for byte as it was.
            upgrade(conn, path, actor, readonly=readonly)
            if not readonly:
                conn.execute("PRAGMA journal_mode = WAL")
        except BaseException:
            conn.close()
            raise
    except sqlite3.DatabaseError as exc:
        if lock is not None:
            lock.release()
        if "malformed" in str(exc):
            raise DamagedDatabaseError(f"数据库 {path} 已损坏（{exc}），程序没有对它作任何修改。") from None
        raise DatabaseError(f"无法打开数据库：{path}（不是本程序的数据库文件，或文件已损坏：{exc}）") from None
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    return Store(path, conn, actor, lock)
