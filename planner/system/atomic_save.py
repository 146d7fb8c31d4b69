"""Writing a file so that a failure never leaves half a workbook or report under the user's file name.

The file is written in full under no name at all (Linux: O_TMPFILE) and only then linked in
place of the target, so a run that is killed or fails leaves nothing behind. Where the system
cannot make an unnamed file (Windows, macOS, some network shares) it is written under a
hidden name that carries this computer's tag and the process id, `.~<host>-<pid>-<random>.ext`;
such a file left by a killed run is removed by the next save into that folder once its
process is gone. Every target is first checked by `planner.system.output_guard`.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import secrets
import socket
import sys
from collections.abc import Callable
from pathlib import Path

from planner.domain.errors import InputError
from planner.system.output_guard import check_output, os_reason, shown

_HOST = hashlib.sha256(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:8]
_TEMPORARY = re.compile(r"^\.~(?P<host>[0-9a-f]{8})-(?P<pid>\d+)-[0-9a-f]{8}(\.[^.]*)?$")
_FD_FOLDER = "/proc/self/fd"


def temporary_name(pid: int, suffix: str) -> str:
    """The hidden name of a temporary file written by process `pid` of this computer."""
    return f".~{_HOST}-{pid}-{secrets.token_hex(4)}{suffix}"


def _process_alive(pid: int) -> bool:
    if sys.platform == "win32":  # not os.name: mypy tells the platforms' branches apart by sys.platform
        import ctypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return ctypes.get_last_error() == 5  # ERROR_ACCESS_DENIED: it exists, someone else's
        try:
            code = ctypes.c_ulong()
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists but belongs to another user
    return True


def remove_leftovers(folder: Path) -> None:
    """Remove this computer's temporary files in `folder` whose process has ended (killed mid-write)."""
    try:
        with os.scandir(folder) as entries:
            names = [entry.name for entry in entries if entry.name.startswith(".~")]
    except OSError:
        return
    for name in names:
        match = _TEMPORARY.match(name)
        if match is None or match["host"] != _HOST:
            continue
        pid = int(match["pid"])
        if pid == os.getpid() or _process_alive(pid):
            continue  # still being written, perhaps by another thread of this process
        try:
            os.unlink(folder / name)
        except OSError:
            pass


def _unnamed_temporary(folder: Path) -> int | None:
    """A descriptor of a new file in `folder` that has no name yet, or None where the system cannot make one."""
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None or not os.path.isdir(_FD_FOLDER):
        return None
    try:
        return os.open(folder, flag | os.O_RDWR, 0o666)
    except OSError as exc:
        if exc.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):
            return None  # the file system (or kernel) has no unnamed files
        raise


def _named_temporary(folder: Path, suffix: str) -> Path:
    while True:
        temporary = folder / temporary_name(os.getpid(), suffix)
        try:
            os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        return temporary


def check_writable(folder: Path, path: str | Path | None = None) -> None:
    """InputError naming `path` (else `folder`) unless a new file can be made in `folder`."""
    try:
        descriptor = _unnamed_temporary(folder)
        if descriptor is not None:
            os.close(descriptor)
        else:
            os.unlink(_named_temporary(folder, ".tmp"))
    except OSError as exc:
        raise InputError(f"不能写入“{shown(path if path is not None else folder)}”：{os_reason(exc)}。") from None


def ready_to_write(path: str | Path) -> Path:
    """Check `path` as an output before the work of making it begins; the file that will be replaced."""
    target = check_output(path)
    check_writable(target.parent, path)
    return target


def _link_in_place(descriptor: int, target: Path) -> None:
    """Give the unnamed file a hidden name beside `target`, then move it over `target`."""
    named = temporary_name(os.getpid(), target.suffix)
    folder = os.open(target.parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        # linkat(AT_SYMLINK_FOLLOW) through /proc/self/fd: os.link uses linkat only when given a dir_fd, and
        # plain link() would link the /proc entry itself.
        os.link(f"{_FD_FOLDER}/{descriptor}", named, dst_dir_fd=folder, follow_symlinks=True)
    finally:
        os.close(folder)
    try:
        os.replace(target.parent / named, target)
    except BaseException:
        (target.parent / named).unlink(missing_ok=True)
        raise


def save_atomically(path: Path, write: Callable[[str], None]) -> None:
    """Call `write(temporary_path)`, then put the result in place of `path`.

    `path` is checked by `planner.system.output_guard.check_output` first (InputError); a symbolic
    link is written through. If writing fails (a full disk, the file open in WPS on Windows),
    the earlier file under `path`, if any, is left as it was, nothing else remains, and the
    OSError reaches the caller.
    """
    target = check_output(path)
    folder = target.parent
    remove_leftovers(folder)
    descriptor = _unnamed_temporary(folder)
    if descriptor is not None:
        try:
            write(f"{_FD_FOLDER}/{descriptor}")
            _link_in_place(descriptor, target)
        finally:
            os.close(descriptor)
        return
    temporary = _named_temporary(folder, target.suffix or ".tmp")
    try:
        write(str(temporary))
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
