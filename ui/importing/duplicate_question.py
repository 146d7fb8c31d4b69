"""The question both import wizards ask when the same content was imported before: replace, new version or cancel."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from planner.plans.duplicates import OnDuplicate, earlier_import


def ask_on_duplicate(parent: QWidget, conn: sqlite3.Connection, source_hash: str,
                     pasted: bool = False) -> OnDuplicate | None:
    """"refuse" when nothing was imported from this content (nothing to ask), else the user's choice;
    None when the user cancels. `pasted` words the question for pasted text rather than a file."""
    found = earlier_import(conn, source_hash)
    if found is None:
        return "refuse"
    translate = QCoreApplication.translate
    plan_id, title, when = found
    if pasted:
        text = translate("DuplicateQuestion", "This text was imported on %1 as plan %2 (%3).")
        question = translate("DuplicateQuestion", "Replace that plan, or keep it and import this text as a "
                                                  "new version?")
    else:
        text = translate("DuplicateQuestion", "This file was imported on %1 as plan %2 (%3).")
        question = translate("DuplicateQuestion", "Replace that plan, or keep it and import this file as a "
                                                  "new version?")
    box = QMessageBox(QMessageBox.Icon.Question, translate("DuplicateQuestion", "Imported before"),
                      text.replace("%1", when).replace("%2", str(plan_id)).replace("%3", title), parent=parent)
    box.setInformativeText(question)
    replace = box.addButton(translate("DuplicateQuestion", "&Replace"), QMessageBox.ButtonRole.DestructiveRole)
    new_version = box.addButton(translate("DuplicateQuestion", "&New version"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(new_version)
    box.exec()
    if box.clickedButton() is replace:
        return "replace"
    if box.clickedButton() is new_version:
        return "new_version"
    return None
