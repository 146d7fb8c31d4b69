"""The question after a change refused because someone else changed the same row first."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def ask_to_reload(parent: QWidget | None, message: str) -> bool:
    """Show who changed it and when (the refusal's `message`); True when the clerk wants the latest shown."""
    answer = QMessageBox.question(
        parent, QCoreApplication.translate("ReloadOffer", "Changed by someone else"),
        message + "\n\n" + QCoreApplication.translate("ReloadOffer", "Show the latest version now?"))
    return answer == QMessageBox.StandardButton.Yes
