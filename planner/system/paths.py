"""Where the user's data lives (never inside the program's own folder)."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path

from planner.system.version import APP_NAME

DEFAULT_DB_NAME = "planner.sqlite3"


def user_data_dir() -> Path:
    return user_data_path(APP_NAME, appauthor=False)


def default_db_path() -> Path:
    return user_data_dir() / DEFAULT_DB_NAME
