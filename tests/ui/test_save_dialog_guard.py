"""The window's save dialogs refuse the database in use and its backups folder when the path is picked:
the reason is shown, the dialog asks again, and the database is left as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from planner.store.backup import backup_folder
from planner.store.queries import list_plans
from ui.exchange.export_plan import export_plan_to_file
from ui.window import backup_actions


@pytest.fixture
def answers(monkeypatch):
    """The paths the save dialog returns, one per time it is opened, and the warnings shown meanwhile."""
    given: list[str] = []
    asked: list[str] = []
    warnings: list[str] = []

    def save_dialog(parent, title, suggested, filters, *args, **kwargs):
        asked.append(suggested)
        return given.pop(0), filters.split(";;")[0]

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *args: warnings.append(text))
    return given, asked, warnings


def test_backing_up_onto_the_database_itself_is_refused_and_asked_again(main_window, answers, tmp_path):
    given, asked, warnings = answers
    db = main_window.store.path
    before = db.read_bytes()
    plans = len(list_plans(main_window.store.conn))
    elsewhere = tmp_path / "copies" / "月底备份.sqlite3"
    elsewhere.parent.mkdir()
    given += [str(db), str(elsewhere)]
    made = backup_actions.back_up(main_window.context)
    assert len(asked) == 2 and asked[1] == str(db)  # asked again, starting from the refused name
    assert len(warnings) == 1 and str(db) in warnings[0] and "数据库" in warnings[0]
    assert made == elsewhere and elsewhere.is_file()
    assert db.read_bytes() == before
    assert len(list_plans(main_window.store.conn)) == plans


def test_exporting_into_the_backups_folder_is_refused(main_window, answers, tmp_path, qtbot, monkeypatch):
    given, asked, warnings = answers
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(text))
    backups = backup_folder(Path(main_window.store.path))
    inside, outside = backups / "计划.xlsx", tmp_path / "计划.xlsx"
    given += [str(inside), str(outside)]
    export_plan_to_file(main_window.context)
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    assert len(warnings) == 1 and "备份文件夹" in warnings[0] and str(inside) in warnings[0]
    assert not inside.exists() and outside.is_file()
