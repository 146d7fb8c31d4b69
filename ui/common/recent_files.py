"""The files the clerk opened last, kept in QSettings for 文件 → 最近打开.

Tables and notices imported and received forms opened are remembered; returned forms
collected are not, as a batch of thirty would push the plan's own files off the list.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

KEY_RECENT = "files/recent"
MAX_RECENT = 10


def recent_files(settings: QSettings | None = None) -> list[Path]:
    value = (settings or QSettings()).value(KEY_RECENT, [])
    if isinstance(value, str):  # QSettings hands back a one-item list as the item itself
        value = [value]
    return [Path(item) for item in value if isinstance(item, str) and item] if isinstance(value, list) else []


def remember_recent(path: str | Path, settings: QSettings | None = None) -> None:
    """Put `path` first in the list (once), keeping the newest MAX_RECENT."""
    chosen = Path(path).resolve()
    kept = [chosen] + [item for item in recent_files(settings) if item != chosen]
    (settings or QSettings()).setValue(KEY_RECENT, [str(item) for item in kept[:MAX_RECENT]])


def forget_recent(path: str | Path | None = None, settings: QSettings | None = None) -> None:
    """Drop `path` from the list, or clear the list when `path` is None."""
    kept = [] if path is None else [item for item in recent_files(settings) if item != Path(path)]
    (settings or QSettings()).setValue(KEY_RECENT, [str(item) for item in kept])
