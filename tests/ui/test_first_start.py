"""The first start asks who is working; the revisions then name that person, at a time written 2026-12-07 10:23."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

from tests.ui.test_progress_view import show_progress
from tests.ui.user_input import type_text
from ui.progress.model import Column
from ui.settings.first_start import ask_at_first_start


@pytest.fixture
def window(main_window, fresh_settings):
    return main_window


def enter_figure(qtbot, window, text: str) -> str:
    """Type a figure in 进展填报 and read the newest line of 历次填报."""
    show_progress(window, "市自然资源和规划局")
    table = window.progress.table
    table.setFocus()
    table.setCurrentIndex(window.progress.model.index(1, Column.VALUE))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = table.findChild(QLineEdit)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() == table.State.NoState)
    return window.progress.detail.history.item(0).text()


def test_the_first_start_asks_office_and_name_and_the_revisions_then_name_the_clerk(qtbot, window):
    dialog = ask_at_first_start(window.context, window)
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "欢迎使用"
    dialog.office_combo.lineEdit().clear()
    type_text(qtbot, dialog.office_combo.lineEdit(), "市自然资源和规划局")
    type_text(qtbot, dialog.person_edit, "王芳")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    line = enter_figure(qtbot, window, "9")
    assert "王芳" in line
    assert re.search(r"\b\d{4}-\d\d-\d\d \d\d:\d\d\b", line) and "T" not in line.split("王芳")[0]
    assert ask_at_first_start(window.context, window) is None  # asked once


def test_the_clerk_can_put_the_question_off_and_is_not_asked_again(qtbot, window):
    dialog = ask_at_first_start(window.context, window)
    later = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert later.text() == "以后再说(&L)"
    qtbot.mouseClick(later, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert ask_at_first_start(window.context, window) is None
    line = enter_figure(qtbot, window, "9")
    assert re.match(r"1  \d{4}-\d\d-\d\d \d\d:\d\d  ", line)  # the login name stands in until 设置 is filled in
