"""Opening a database file for reading only."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any


def read_only_connection(path: Path, **options: Any) -> sqlite3.Connection:
    """A connection that can only read `path` (SQLite's mode=ro): it never creates or changes the file."""
    return sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, **options)
