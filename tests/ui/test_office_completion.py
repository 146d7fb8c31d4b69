"""Typing an office into the task table's 牵头单位 cell offers the known offices, as 设置 does."""

from __future__ import annotations

import gc

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from tests.ui.user_input import type_text
from ui.tasks.table_model import COL_NAME


def _open_lead_cell(qtbot, window) -> QLineEdit:
    model, table = window.task_model, window.task_table
    row = next(r for r in range(model.rowCount()) if model.task_at(r) is not None)
    table.setFocus()
    table.setCurrentIndex(model.index(row, COL_NAME))
    table.setCurrentIndex(model.index(row, model.lead_column))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = next(e for e in table.findChildren(QLineEdit, "cellEditor") if e.isVisible())
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    return editor


def test_typing_part_of_an_office_name_in_the_lead_cell_lists_the_matching_offices(main_window, qtbot):
    editor = _open_lead_cell(qtbot, main_window)
    try:
        gc.collect()  # what Python does whenever it likes: a completer model only Python held would go now
        completer = editor.completer()
        assert completer is not None and completer.model() is not None
        type_text(qtbot, editor, "市民")
        popup = completer.popup()
        qtbot.waitUntil(popup.isVisible)
        offered = [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())]
        assert "市民政局" in offered
        qtbot.keyClick(popup, Qt.Key.Key_Down)
        qtbot.keyClick(popup, Qt.Key.Key_Return)
        assert editor.text() == offered[0]
    finally:
        # Leave the cell unchanged, so that closing the window asks nothing: the test is about the list.
        qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert main_window.task_table.state() == main_window.task_table.State.NoState
