"""The window's save dialogs: the path the user picks is checked at once (planner.system.output_guard), and a path
that may not take the output (the database itself, its backups folder, a folder or a device) is refused
with the reason, and the dialog asked again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from planner.system.output_guard import refusal
from ui.common.file_dialogs import existing_directory, save_file_name


def ask_save_path(parent: QWidget | None, title: str, suggested: str, filters: str,
                  complete: Callable[[Path, str], Path] = lambda path, _filter: path) -> tuple[Path, str] | None:
    """The file the user chose, with the filter chosen, once it may be written; None when the user cancels.

    `complete(path, filter)` adds what the dialog leaves out (the extension of the chosen filter) before the check.
    """
    while True:
        chosen, chosen_filter = save_file_name(parent, title, suggested, filters)
        if not chosen:
            return None
        path = complete(Path(chosen), chosen_filter)
        message = refusal(path)
        if message is None:
            return path, chosen_filter
        QMessageBox.warning(parent, title, message)
        suggested = str(path)


def ask_folder(parent: QWidget | None, title: str, start: str) -> Path | None:
    """The folder the user chose for a batch of files, once files may be written there; None when cancelled."""
    while True:
        chosen = existing_directory(parent, title, start)
        if not chosen:
            return None
        message = refusal(chosen, folder=True)
        if message is None:
            return Path(chosen)
        QMessageBox.warning(parent, title, message)
        start = chosen
