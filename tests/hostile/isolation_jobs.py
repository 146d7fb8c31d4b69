"""Jobs for the reading worker that misbehave on purpose, as a native library can.

They live in a module of their own so that the worker, which imports a job's
module to run it, loads only this and the standard library.
"""

from __future__ import annotations

import io
import os
import time
from pathlib import Path


def calamine_without_checks(path: str) -> int:
    """Open and read the first sheet with python-calamine directly, skipping every pre-check."""
    import python_calamine

    workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(Path(path).read_bytes()))
    return len(workbook.get_sheet_by_name(workbook.sheet_names[0]).to_python())


def abort() -> None:
    os.abort()  # what a Rust panic in native code, or a failed allocation, ends in


def sleep(seconds: float) -> None:
    time.sleep(seconds)


def allocate(megabytes: int) -> int:
    return len(bytearray(megabytes * 1024 * 1024))


def echo(value: object) -> object:
    return value
