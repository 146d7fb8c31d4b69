"""The window's file dialogs start where the clerk keeps files: the last folder used, else the documents folder.

Qt's static dialogs start in the program's working folder when given no folder,
which on an installed copy is the program's own. Every open, save and folder
dialog goes through these functions, which remember the folder of what was chosen
(QSettings `files/last_folder`) for the next one.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

KEY_LAST_FOLDER = "files/last_folder"


def documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(found) if found else Path.home()
    return folder if folder.is_dir() else Path.home()


def start_folder(settings: QSettings | None = None) -> Path:
    """The folder of the last file chosen, if it is still there; else the documents folder."""
    value = (settings or QSettings()).value(KEY_LAST_FOLDER, "")
    last = Path(value) if isinstance(value, str) and value else None
    return last if last is not None and last.is_dir() else documents_folder()


def remember_folder(path: str | Path, settings: QSettings | None = None) -> None:
    chosen = Path(path)
    folder = chosen if chosen.is_dir() else chosen.parent
    (settings or QSettings()).setValue(KEY_LAST_FOLDER, str(folder))


def start_path(suggested: str | Path = "") -> str:
    """Where a dialog opens: `suggested` when it names a folder or a file in one, else the start folder (with
    `suggested` as the file name there)."""
    text = str(suggested or "")
    if text and Path(text).is_absolute():
        return text
    folder = start_folder()
    return str(folder / text) if text else str(folder)


def open_file_name(parent: QWidget | None, caption: str, filters: str = "", suggested: str | Path = "") -> str:
    path, _filter = QFileDialog.getOpenFileName(parent, caption, start_path(suggested), filters)
    if path:
        remember_folder(path)
    return path


def open_file_names(parent: QWidget | None, caption: str, filters: str = "") -> list[str]:
    paths, _filter = QFileDialog.getOpenFileNames(parent, caption, start_path(), filters)
    if paths:
        remember_folder(paths[0])
    return paths


def save_file_name(parent: QWidget | None, caption: str, suggested: str | Path, filters: str) -> tuple[str, str]:
    path, chosen_filter = QFileDialog.getSaveFileName(parent, caption, start_path(suggested), filters)
    if path:
        remember_folder(path)
    return path, chosen_filter


def existing_directory(parent: QWidget | None, caption: str, suggested: str | Path = "") -> str:
    folder = QFileDialog.getExistingDirectory(parent, caption, start_path(suggested))
    if folder:
        remember_folder(folder)
    return folder
