"""Copies of the database: daily and before risky work, kept in a rotating set; checking and restoring.

Copies are made with SQLite's backup API, so they are consistent while the window
keeps working, and they carry the evidence files, which live in the database.
The automatic copies live in `backups/` beside the database:
`<name>-YYYYmmdd-HHMMSS[-reason].sqlite3`. Rotation keeps the newest copy of each
of the last `KEEP_DAILY` days that have one, plus the newest copy of each of the
`KEEP_WEEKLY` ISO weeks before those; older automatic copies are deleted. Copies the
user saves elsewhere (文件 → 备份…) are never touched.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from planner.domain.errors import DatabaseError
from planner.store.read_only import read_only_connection
from planner.store.schema import LATEST_VERSION

KEEP_DAILY = 7
KEEP_WEEKLY = 4
BACKUP_FOLDER = "backups"
PAGES_PER_STEP = 2048  # the backup yields between steps, so the writer is never held for long
_NAME_RE = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<reason>[a-z-]+))?\.sqlite3$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    version: int
    plans: int
    reports: int


def backup_folder(db_path: Path) -> Path:
    return db_path.parent / BACKUP_FOLDER


def copy_database(conn: sqlite3.Connection, target: Path) -> Path:
    """A consistent copy of the open database at `target` (replaced if it exists)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    partial.unlink(missing_ok=True)
    copy = sqlite3.connect(partial)
    try:
        conn.backup(copy, pages=PAGES_PER_STEP)
        copy.execute("PRAGMA journal_mode = DELETE")
    finally:
        copy.close()
    partial.replace(target)  # a crash mid-copy leaves a .part file, never a half copy under the real name
    return target


def automatic_backups(db_path: Path) -> list[tuple[datetime, Path]]:
    """The automatic copies of `db_path`, oldest first."""
    found = []
    folder = backup_folder(db_path)
    if not folder.is_dir():
        return []
    for path in folder.iterdir():
        match = _NAME_RE.match(path.name)
        if match and match["stem"] == db_path.stem:
            found.append((datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S"), path))
    return sorted(found)


def make_backup(conn: sqlite3.Connection, db_path: Path, reason: str = "", now: datetime | None = None) -> Path:
    """An automatic copy now (`reason` such as "import" is part of its name), then rotation."""
    now = now or datetime.now()
    suffix = f"-{reason}" if reason else ""
    target = backup_folder(db_path) / f"{db_path.stem}-{now:%Y%m%d-%H%M%S}{suffix}.sqlite3"
    copy_database(conn, target)
    rotate(db_path)
    return target


def daily_backup(conn: sqlite3.Connection, db_path: Path, now: datetime | None = None) -> Path | None:
    """The first start of a day copies the database; later starts that day do nothing."""
    now = now or datetime.now()
    if any(when.date() == now.date() for when, _path in automatic_backups(db_path)):
        return None
    return make_backup(conn, db_path, "daily", now)


def rotate(db_path: Path) -> list[Path]:
    """Delete the automatic copies that fall outside the daily and weekly sets; returns them."""
    copies = automatic_backups(db_path)
    keep: set[Path] = set()
    days: dict = {}
    for when, path in copies:
        days[when.date()] = path  # the newest copy of each day wins
    recent_days = sorted(days)[-KEEP_DAILY:]
    keep.update(days[day] for day in recent_days)
    weeks: dict = {}
    for day in sorted(days):
        if recent_days and day >= recent_days[0]:
            break
        weeks[day.isocalendar()[:2]] = days[day]
    keep.update(weeks[week] for week in sorted(weeks)[-KEEP_WEEKLY:])
    removed = [path for _when, path in copies if path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def check_backup(path: Path) -> BackupInfo:
    """Open a copy read-only and check it: a planner database, not damaged, not from a newer program."""
    if not path.is_file():
        raise DatabaseError(f"备份文件不存在：{path}")
    try:
        conn = read_only_connection(path)
    except sqlite3.Error as exc:
        raise DatabaseError(f"无法打开备份文件“{path.name}”：{exc}") from None
    try:
        try:
            verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise DatabaseError(f"“{path.name}”不是本程序的数据库或已损坏（{exc}），未作恢复。") from None
        if verdict != "ok":
            raise DatabaseError(f"备份文件“{path.name}”已损坏（完整性检查：{verdict}），未作恢复。")
        if version > LATEST_VERSION:
            raise DatabaseError(f"备份文件“{path.name}”由更新版本的程序创建（数据库版本 {version}），请先升级程序。")
        if version < 1:
            raise DatabaseError(f"“{path.name}”不是本程序的数据库，未作恢复。")
        plans = conn.execute("SELECT count(*) FROM plans").fetchone()[0]
        reports = conn.execute("SELECT count(*) FROM reports").fetchone()[0]
    finally:
        conn.close()
    return BackupInfo(path, version, plans, reports)
