"""The coordinator reviews returns from the keyboard: 退回 asks for a reason and says 已退回; no key does two things."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit

from planner.domain.model import Status
from planner.store.queries import report_history
from tests.ui.test_progress_view import OFFICE, row_of_task, show_progress
from tests.ui.user_input import type_text
from ui.progress.model import STATUS_ROLE, Column

TASK_TWO = "居家养老服务站点建设"


@pytest.fixture
def window(main_window):
    show_progress(main_window)
    return main_window


def enter_figure(qtbot, window, row: int, text: str) -> None:
    table = window.progress.table
    table.setFocus()
    table.setCurrentIndex(window.progress.model.index(row, Column.VALUE))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = table.findChild(QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() == table.State.NoState)


def test_a_returned_report_says_returned_in_its_status_column_and_its_light_does_not_count_it(qtbot, window,
                                                                                             demo_store):
    row = row_of_task(window, TASK_TWO)
    enter_figure(qtbot, window, row, "9")
    model = window.progress.model
    assert model.index(row, Column.LIGHT).data() == "序时推进"
    steps = []

    def answer():
        dialog = QApplication.activeModalWidget()
        steps.append(dialog.objectName())
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()  # no reason yet: it must stay open
        steps.append(dialog.isVisible())
        steps.append(dialog.warning.text())
        type_text(qtbot, dialog.reason, "数值与台账不符")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        steps.append(dialog.isVisible())

    QTimer.singleShot(0, answer)
    qtbot.mouseClick(window.progress.return_button, Qt.MouseButton.LeftButton)
    assert steps == ["returnDialog", True, "请填写退回原因：填报单位需要知道要改什么。", False]
    assert model.index(row, Column.LIGHT).data() == "已退回"
    assert model.index(row, Column.LIGHT).data(STATUS_ROLE) == Status.NOT_REPORTED.value  # not counted
    assert "数值与台账不符" in model.index(row, Column.LIGHT).data(Qt.ItemDataRole.ToolTipRole)
    assert "（其中已退回 1）" in window.progress.summary.text()
    task_id = model.row_at(row).task_id
    assert report_history(demo_store.conn, task_id, OFFICE, "2021Q3")[-1].review_note == "数值与台账不符"


def test_cancelling_the_return_dialog_returns_nothing(qtbot, window):
    row = row_of_task(window, TASK_TWO)
    enter_figure(qtbot, window, row, "9")
    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())
    qtbot.mouseClick(window.progress.return_button, Qt.MouseButton.LeftButton)
    assert window.progress.model.index(row, Column.LIGHT).data() == "序时推进"


def mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&])", text)
    return found.group(1).upper() if found else None


def test_no_alt_key_of_the_progress_tab_is_also_a_menu_s(window):
    menus = [mnemonic(action.text()) for action in window.menuBar().actions()]
    buttons = [mnemonic(button.text()) for button in window.progress.findChildren(QAbstractButton)
               if button.isVisible()]
    keys = [key for key in menus + buttons if key]
    assert len(keys) == len(set(keys)), keys


def test_ctrl_y_and_ctrl_shift_z_both_redo_a_figure_taken_back_with_ctrl_z(qtbot, window, demo_store):
    row = row_of_task(window, TASK_TWO)
    enter_figure(qtbot, window, row, "9")
    task_id = window.progress.model.row_at(row).task_id
    table = window.progress.table
    for redo in ((Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier),
                 (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)):
        qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert report_history(demo_store.conn, task_id, OFFICE, "2021Q3") == []
        qtbot.keyClick(table, *redo)
        assert [r.value for r in report_history(demo_store.conn, task_id, OFFICE, "2021Q3")] == [9.0]


def test_no_two_commands_of_one_menu_share_an_alt_key(window):
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        keys = [mnemonic(action.text()) for action in menu.actions() if not action.isSeparator()]
        keys = [key for key in keys if key]
        assert len(keys) == len(set(keys)), (menu_action.text(), keys)
