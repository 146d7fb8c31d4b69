"""进展填报's texts as a clerk types them: kept on leaving the field or the row, asked about before closing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from planner.store.queries import report_history
from tests.ui.user_input import answer_next_question, type_text
from ui.progress.model import Column

OFFICE = "市自然资源和规划局"
PERIOD = "2021Q3"


@pytest.fixture
def window(main_window):
    bar = main_window.filter_bar
    bar.period_combo.setCurrentIndex(bar.period_combo.findData(PERIOD))
    bar.office_combo.setCurrentIndex(bar.office_combo.findText(OFFICE))
    main_window.tabs.setCurrentWidget(main_window.progress)
    return main_window


def click_row(qtbot, window, row: int) -> None:
    table = window.progress.table
    rect = table.visualRect(window.progress.model.index(row, Column.TASK))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert table.currentIndex().row() == row


def type_into(qtbot, edit, text: str) -> None:
    qtbot.mouseClick(edit.viewport(), Qt.MouseButton.LeftButton)
    assert edit.hasFocus()
    type_text(qtbot, edit, text)


def saved(store, window, row: int):
    item = window.progress.model.row_at(row)
    return report_history(store.conn, item.task_id, OFFICE, PERIOD)


def test_next_steps_typed_for_one_row_are_kept_when_the_clerk_clicks_another_row(qtbot, window, demo_store):
    detail = window.progress.detail
    click_row(qtbot, window, 0)
    type_into(qtbot, detail.next_steps, "下季度完成验收")
    click_row(qtbot, window, 1)
    assert [r.next_steps for r in saved(demo_store, window, 0)] == ["下季度完成验收"]
    assert detail.next_steps.toPlainText() == ""  # the second row's own texts
    click_row(qtbot, window, 0)
    assert detail.next_steps.toPlainText() == "下季度完成验收"
    window.main_actions.undo.trigger()  # one revision, taken back in one step, as a figure is
    assert saved(demo_store, window, 0) == []
    assert detail.next_steps.toPlainText() == ""


def test_the_three_texts_typed_one_after_another_become_one_revision_when_the_cursor_leaves_them(
        qtbot, window, demo_store):
    detail = window.progress.detail
    click_row(qtbot, window, 0)
    type_into(qtbot, detail.narrative, "已完成选址")
    qtbot.keyClick(detail.narrative, Qt.Key.Key_Tab)
    assert detail.problems.hasFocus()
    type_text(qtbot, detail.problems, "资金未到位")
    assert saved(demo_store, window, 0) == []  # still typing in the same row's texts
    qtbot.mouseClick(window.progress.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.progress.table.visualRect(window.progress.model.index(0, Column.TASK)).center())
    assert [(r.narrative, r.problems) for r in saved(demo_store, window, 0)] == [("已完成选址", "资金未到位")]
    assert window.progress.model.index(0, Column.NARRATIVE).data() == "已完成选址"


@pytest.mark.parametrize(("button", "kept", "closed"), [(QMessageBox.StandardButton.Save, ["已完成选址"], True),
                                                        (QMessageBox.StandardButton.Discard, [], True),
                                                        (QMessageBox.StandardButton.Cancel, [], False)],
                         ids=["save", "discard", "cancel"])
def test_ctrl_q_with_progress_typed_and_not_saved_asks_first(qtbot, window, demo_store, button, kept, closed):
    detail = window.progress.detail
    click_row(qtbot, window, 0)
    type_into(qtbot, detail.narrative, "已完成选址")
    asked = answer_next_question(lambda box: box.button(button).click())
    qtbot.keyClick(detail.narrative, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert asked == ["有些输入的内容还没有保存。关闭前保存吗？"]
    assert [r.narrative for r in saved(demo_store, window, 0)] == kept
    assert window.isVisible() is not closed
    if not closed:
        assert detail.narrative.toPlainText() == "已完成选址"  # still there to finish
        detail.discard_unsaved_texts()  # the test is done: let the window close without asking


def test_ctrl_q_while_a_figure_is_still_being_typed_asks_and_saves_it(qtbot, window, demo_store):
    table = window.progress.table
    index = window.progress.model.index(0, Column.VALUE)
    table.setCurrentIndex(index)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = table.focusWidget()
    qtbot.keyClicks(editor, "9")
    answer_next_question(lambda box: box.button(QMessageBox.StandardButton.Save).click())
    qtbot.keyClick(editor, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert [r.value for r in saved(demo_store, window, 0)] == [9.0]
    assert not window.isVisible()


def test_ctrl_q_with_nothing_typed_closes_without_a_question(qtbot, window):
    asked = answer_next_question(lambda box: box.reject(), within_ms=200)
    qtbot.keyClick(window.progress.table, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()
    qtbot.wait(300)
    assert asked == []


def test_a_text_too_long_to_save_stays_in_its_field_with_the_reason_when_the_clerk_clicks_another_row(
        qtbot, window, demo_store):
    detail = window.progress.detail
    click_row(qtbot, window, 0)
    qtbot.mouseClick(detail.problems.viewport(), Qt.MouseButton.LeftButton)
    detail.problems.insertPlainText("很" * 4001)  # pasted from a long document
    asked = answer_next_question(lambda box: box.accept())
    table = window.progress.table
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualRect(window.progress.model.index(1, Column.TASK)).center())
    qtbot.waitUntil(lambda: table.currentIndex().row() == 0)  # back on the row whose text is not saved
    assert asked and "4000" in asked[0]
    assert detail.problems.toPlainText() == "很" * 4001
    assert saved(demo_store, window, 0) == []
    detail.discard_unsaved_texts()
