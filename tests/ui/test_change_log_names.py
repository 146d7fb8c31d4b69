"""修改记录 under one name, and its rows in the clerk's words: task 序号 and name, office, period — no row ids."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from tests.ui.test_progress_view import show_progress
from ui.audit.dialog import COL_CHANGES, COL_OBJECT, AuditDialog
from ui.progress.model import Column

OFFICE = "市自然资源和规划局"


def test_the_menu_and_the_window_call_the_change_log_the_same_and_no_row_shows_an_id(qtbot, main_window):
    show_progress(main_window, OFFICE)
    table = main_window.progress.table
    table.setFocus()
    table.setCurrentIndex(main_window.progress.model.index(1, Column.VALUE))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = table.findChild(QLineEdit)
    qtbot.keyClicks(editor, "9")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() == table.State.NoState)
    task = main_window.progress.model.row_at(1).task

    main_window.main_actions.audit_log.trigger()
    dialog = main_window.findChild(AuditDialog)
    assert dialog is not None and dialog.isVisible()
    menu_text = main_window.main_actions.audit_log.text()
    assert menu_text == "修改记录(&L)…" and dialog.windowTitle() == "修改记录"
    model = dialog.table.model()
    objects = [model.index(row, COL_OBJECT).data() for row in range(model.rowCount())]
    changes = [model.index(row, COL_CHANGES).data() for row in range(model.rowCount())]
    assert objects[0] == f"填报\n{task.seq} {task.name} · {OFFICE} · 2021年第三季度"
    assert not any(re.search(r"#\d", text) for text in objects + changes)
    assert any(text.startswith("条数 ") for text in changes)  # the demo's import: how many, not which ids
    dialog.close()
