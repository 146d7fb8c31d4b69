"""The About box: what the program is, which version, which database, and the font's licence."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from planner.system.resources import BUNDLED_FONT_FAMILY
from planner.system.version import app_version


def about_text(db_path: Path) -> str:
    translate = QCoreApplication.translate
    name = translate("About", "Annual Target Planner")
    lines = [
        translate("About", "Version %1").replace("%1", app_version()),
        translate("About", "Database: %1").replace("%1", str(db_path)),
        translate("About", "Chinese text is shown with the bundled font %1, licensed under Apache-2.0 or "
                           "GPL-3 with the font exception.").replace("%1", BUNDLED_FONT_FAMILY),
    ]
    return f"<p><b>{html.escape(name)}</b></p>" + "".join(f"<p>{html.escape(line)}</p>" for line in lines)


def show_about(parent: QWidget | None, db_path: Path) -> None:
    QMessageBox.about(parent, QCoreApplication.translate("About", "About"), about_text(db_path))
