"""Where an output may be written: the one rule for every writer and every save dialog.

An export, a report, a fill-in form, a reminder list or a copy of the database replaces
whatever already has the name the user chose. So, before anything is written:

- the database in use, its SQLite companions (`-wal`, `-shm`, `-journal`) and anything in
  its automatic backups folder are refused. They are compared by file identity (the real
  path, then device and inode), so another spelling of the path, a symbolic link or a hard
  link to them is recognised as well;
- something that is not a regular file (a folder, a device such as /dev/full, a pipe) is
  refused: replacing it would at best fail and at worst remove it;
- a symbolic link is written through: the file it points to is replaced and the link stays
  (the checks above apply to that file);
- the folder must already exist.

`planner.store.connection` tells this module which databases are open in this process;
`planner.system.atomic_save.save_atomically` applies the rule to every file it writes, and the
window's save dialogs ask `refusal` when the user picks a path.
"""

from __future__ import annotations

import errno
import os
import stat
import threading
from pathlib import Path

from planner.domain.errors import InputError

COMPANIONS = ("-wal", "-shm", "-journal")

_lock = threading.Lock()
# normalised real path → [the path as opened, how many stores have it open, its backups folder's name]
_open: dict[str, list] = {}


def _key(path: str | Path) -> str:
    return os.path.normcase(os.path.realpath(path))


def database_opened(path: str | Path, backups: str) -> None:
    """A store has opened the database at `path`, whose automatic copies live in the folder named
    `backups` beside it: no output may replace either until it is closed."""
    with _lock:
        entry = _open.setdefault(_key(path), [Path(os.path.abspath(path)), 0, backups])
        entry[1] += 1


def database_closed(path: str | Path) -> None:
    with _lock:
        entry = _open.get(_key(path))
        if entry is not None:
            entry[1] -= 1
            if entry[1] <= 0:
                del _open[_key(path)]


def databases_in_use() -> list[Path]:
    with _lock:
        return [entry[0] for entry in _open.values()]


def _databases_and_backups() -> list[tuple[Path, str]]:
    with _lock:
        return [(entry[0], entry[2]) for entry in _open.values()]


def shown(path: str | Path) -> str:
    """A path for a one-line message: control characters (a newline in a file name) written as escapes."""
    text = str(path)
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch == " " else repr(ch)[1:-1] for ch in text)


def os_reason(exc: OSError) -> str:
    """Why the system refused, in words a clerk reads."""
    reasons = {
        errno.EACCES: "没有写入权限", errno.EPERM: "没有写入权限", errno.EROFS: "这是只读的位置",
        errno.ENOENT: "该位置不存在或不能建立文件", errno.ENOSPC: "磁盘空间已满",
        errno.ENAMETOOLONG: "文件名或路径过长",
        errno.EISDIR: "这是一个文件夹", errno.ENOTDIR: "路径中有一段不是文件夹",
    }
    if getattr(errno, "EDQUOT", None) is not None:
        reasons[errno.EDQUOT] = "磁盘配额已用完"
    known = reasons.get(exc.errno) if exc.errno is not None else None
    return known or exc.strerror or str(exc)


def _identity(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    if not info.st_ino:  # some file systems give no inode number: identity unknown
        return None
    return info.st_dev, info.st_ino


def _same(one: str, other: str) -> bool:
    if os.path.normcase(one) == os.path.normcase(other):
        return True
    mine = _identity(one)
    return mine is not None and mine == _identity(other)


def _within(real: str, folder: str) -> bool:
    """Whether `real` is `folder` or lies somewhere inside it."""
    path = Path(real)
    return any(_same(str(candidate), folder) for candidate in (path, *path.parents))


def _backup_holds(real: str, folder: str) -> bool:
    """Whether `real` is a hard link to a file of the backups folder."""
    try:
        if os.stat(real).st_nlink < 2 or not os.path.isdir(folder):
            return False
        with os.scandir(folder) as entries:
            return any(_same(real, entry.path) for entry in entries)
    except OSError:
        return False


def _protected(real: str) -> str | None:
    """Why `real` belongs to an open database, or None."""
    for database, backups in _databases_and_backups():
        spellings = {str(database), os.path.realpath(database)}
        for base in spellings:
            if _same(real, base):
                return f"这是正在使用的数据库文件“{shown(database)}”，写入会毁掉其中的全部数据。请另选文件名"
            for suffix in COMPANIONS:
                if _same(real, base + suffix):
                    return (f"这是正在使用的数据库的附属文件（{Path(base).name}{suffix}），"
                            "写入会损坏数据库。请另选文件名")
        for base in spellings:
            folder = str(Path(base).parent / backups)
            if _within(real, folder) or _backup_holds(real, folder):
                return f"这里是数据库的自动备份文件夹“{shown(folder)}”，其中的备份不能被覆盖。请另选位置"
    return None


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "一个文件夹"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "一个设备"
    if stat.S_ISFIFO(mode):
        return "一个管道"
    if stat.S_ISSOCK(mode):
        return "一个套接字"
    return "一个特殊文件"


def _label(given: Path, real: Path) -> str:
    if os.path.normcase(os.path.abspath(given)) != os.path.normcase(str(real)) and os.path.islink(given):
        return f"“{shown(given)}”（链接到“{shown(real)}”）"
    return f"“{shown(given)}”"


def _unprotected(given: Path) -> tuple[Path, str]:
    """The real path `given` leads to and how messages name it; InputError if it is the database's own."""
    real = Path(os.path.realpath(given))
    label = _label(given, real)
    reason = _protected(str(real))
    if reason:
        raise InputError(f"不能写入{label}：{reason}。")
    return real, label


def check_output(path: str | Path) -> Path:
    """The file that writing to `path` replaces (a symbolic link's target); InputError if it may not be written."""
    given = Path(path)
    real, label = _unprotected(given)
    try:
        mode = os.stat(real).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise InputError(f"不能写入{label}：{os_reason(exc)}。") from None
    if mode is not None and not stat.S_ISREG(mode):
        raise InputError(f"不能写入{label}：这是{_kind(mode)}，不是普通文件。请另选文件名。")
    if not real.parent.is_dir():
        raise InputError(f"不能写入{label}：文件夹“{shown(real.parent)}”不存在。")
    return real


def check_output_folder(folder: str | Path) -> Path:
    """The real folder that files written into `folder` land in; InputError if it may not take outputs."""
    given = Path(folder)
    real, label = _unprotected(given)
    if real.exists() and not real.is_dir():
        raise InputError(f"不能写入{label}：这不是文件夹。")
    return real


def refusal(path: str | Path, *, folder: bool = False) -> str | None:
    """Why an output cannot go to `path` (a file, or a folder of files), or None: for the save dialogs."""
    from planner.system.atomic_save import check_writable

    try:
        if folder:
            real = check_output_folder(path)
            if real.is_dir():
                check_writable(real, path)
        else:
            check_writable(check_output(path).parent, path)
    except InputError as exc:
        return str(exc)
    return None
