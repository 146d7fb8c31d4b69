"""The one-writer lock: an OS lock held on the database file itself.

Locking the file (its identity), not a name beside it, means every way of reaching
it — a symlink, a hard link, another spelling of the path — meets the same lock.
The OS drops the lock when the process dies, so a crash never leaves a stale one.

- POSIX: `flock` on the file. SQLite's own locks are `fcntl` byte-range locks, which
  are independent of `flock` on Linux and the BSDs, and unlike an `fcntl` lock a
  `flock` survives SQLite closing its own descriptors of the same file.
- Windows: `msvcrt.locking` on one byte of SQLite's lock-byte page (the page at
  1 GiB that never holds data), just past the range SQLite itself locks there.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# SQLite's PENDING_BYTE is 0x40000000; it locks PENDING..PENDING+511 (pending, reserved, shared).
WINDOWS_LOCK_OFFSET = 0x40000000 + 512


class LockHeld(Exception):
    """Another process holds the writer lock."""


class WriterLock:
    def __init__(self, path: Path):
        self.path = path
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock without waiting; raises LockHeld, or OSError when the file cannot be opened."""
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(self.path, flags, 0o644)  # an empty new file is what SQLite makes of a new database
        try:
            _lock(fd)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            _unlock(fd)
        finally:
            os.close(fd)


if sys.platform == "win32":  # not os.name: mypy tells the platforms' branches apart by sys.platform
    import msvcrt

    def _lock(fd: int) -> None:
        os.lseek(fd, WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except PermissionError as exc:  # "Permission denied" is how a lock held elsewhere shows
            raise LockHeld(str(exc)) from None

    def _unlock(fd: int) -> None:
        os.lseek(fd, WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise LockHeld(str(exc)) from None

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
