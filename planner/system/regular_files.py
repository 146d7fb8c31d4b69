"""Reading a file the user named: a regular file only, checked through the handle it is read by.

Checking the handle rather than the name means that a FIFO or a device put in the file's
place after the caller looked is refused as well, and opening without waiting for a writer
does not block. The importers of spreadsheets and of notices both read this way, each
with its own refusal and size cap.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path


def check_regular(path: Path, mode: int, refused: type[Exception], kind: str, kind_file: str) -> None:
    """Refuse a folder or a special file (`mode` from stat) with `refused`: "不能作为{kind}读取"."""
    if stat.S_ISDIR(mode):
        raise refused(f"“{path.name}”是文件夹，不是{kind_file}。")
    if not stat.S_ISREG(mode):
        raise refused(f"“{path}”不是普通文件（而是设备、管道或套接字等特殊文件），不能作为{kind}读取。")


def check_path(path: Path, check_size: Callable[[str, int], None], refused: type[Exception], kind: str,
               kind_file: str) -> None:
    """Refuse, before any reading starts, a path that cannot be opened, is no regular file or is over the cap."""
    try:
        status = os.stat(path)
    except OSError as exc:
        raise refused(f"无法打开文件“{path.name}”：{exc.strerror or exc}。") from None
    check_regular(path, status.st_mode, refused, kind, kind_file)
    check_size(path.name, status.st_size)


def read_regular_file(path: Path, name: str, limit: int, check_size: Callable[[str, int], None],
                      refused: type[Exception], kind: str, kind_file: str) -> bytes:
    """The file's bytes, if it is a regular file and `check_size(name, size)` lets its size pass: checked on the
    size the file has when opened and on the bytes read (at most `limit` + 1, so a growing file stops there).
    `name` is what the messages call the file (a converted copy is called by its original's name)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        handle = os.open(path, flags)
    except OSError as exc:
        raise refused(f"无法读取文件“{name}”：{exc.strerror or exc}。") from None
    with open(handle, "rb") as stream:
        status = os.fstat(stream.fileno())
        check_regular(path, status.st_mode, refused, kind, kind_file)
        check_size(name, status.st_size)
        try:
            data = stream.read(limit + 1)
        except OSError as exc:
            raise refused(f"无法读取文件“{name}”：{exc.strerror or exc}。") from None
    check_size(name, len(data))
    return data
