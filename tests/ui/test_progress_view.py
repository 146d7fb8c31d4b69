"""进展填报 as an office and the coordinator use it: type a figure, watch the light, undo, return a report."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLineEdit

from planner.domain.model import Status
from planner.store.queries import report_history
from ui.progress.model import STATUS_ROLE, Column

OFFICE = "市自然资源和规划局"
TASK_TWO = "居家养老服务站点建设"  # Hengshui: 20 a year; the demo reports 7 in the first half of 2021


def show_progress(window, office: str = OFFICE, period: str = "2021Q3") -> None:
    """进展填报 of `office` for `period`, chosen in the filter bar as a clerk does."""
    bar = window.filter_bar
    bar.period_combo.setCurrentIndex(bar.period_combo.findData(period))
    bar.office_combo.setCurrentIndex(bar.office_combo.findText(office))
    window.tabs.setCurrentWidget(window.progress)


@pytest.fixture
def window(main_window, qtbot):
    show_progress(main_window)
    return main_window


def row_of_task(window, name: str) -> int:
    model = window.progress.model
    return next(r for r in range(model.rowCount()) if model.row_at(r).task.name == name)


def light(window, row: int) -> str:
    return window.progress.model.index(row, Column.LIGHT).data(STATUS_ROLE)


def type_value(qtbot, window, row: int, text: str, commit: bool = True) -> QLineEdit:
    table = window.progress.table
    index = window.progress.model.index(row, Column.VALUE)
    table.setCurrentIndex(index)
    table.edit(index)
    editor = table.findChild(QLineEdit)
    assert editor is not None and editor.isVisible()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    if commit:
        press_enter(qtbot, window, editor)
    return editor


def press_enter(qtbot, window, editor: QLineEdit) -> None:
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits on the next turn of the event loop.
    qtbot.waitUntil(lambda: window.progress.table.state() == QAbstractItemView.State.NoState)


def test_the_light_follows_the_figure_as_it_is_typed_and_saves_on_enter(qtbot, window, demo_store):
    row = row_of_task(window, TASK_TWO)
    assert light(window, row) == Status.NOT_REPORTED.value  # the third quarter's return is not in yet
    type_value(qtbot, window, row, "9", commit=False)
    assert light(window, row) == Status.ON_TRACK.value  # 16 of 20 ≥ 75 %, not saved yet
    task_id = window.progress.model.row_at(row).task.id
    assert report_history(demo_store.conn, task_id, OFFICE, "2021Q3") == []
    press_enter(qtbot, window, window.progress.table.findChild(QLineEdit))
    saved = report_history(demo_store.conn, task_id, OFFICE, "2021Q3")
    assert [r.value for r in saved] == [9.0]
    assert light(window, row) == Status.ON_TRACK.value
    assert window.progress.model.index(row, Column.COMPLETION).data() == "80.0%"  # 完成率 to one decimal


def test_every_change_can_be_undone_and_redone_from_the_edit_menu(qtbot, window, demo_store):
    row = row_of_task(window, TASK_TWO)
    task_id = window.progress.model.row_at(row).task.id
    type_value(qtbot, window, row, "13")
    assert light(window, row) == Status.DONE.value
    assert window.main_actions.undo.isEnabled()
    window.main_actions.undo.trigger()
    assert report_history(demo_store.conn, task_id, OFFICE, "2021Q3") == []
    assert light(window, row) == Status.NOT_REPORTED.value
    window.main_actions.redo.trigger()
    assert [r.value for r in report_history(demo_store.conn, task_id, OFFICE, "2021Q3")] == [13.0]
    assert light(window, row) == Status.DONE.value
    actions = demo_store.conn.execute(
        "SELECT action FROM audit WHERE table_name = 'reports' ORDER BY id DESC LIMIT 3").fetchall()
    assert [a[0] for a in actions] == ["insert", "delete", "insert"]


def test_a_returned_report_shows_as_returned_with_its_reason(qtbot, window, demo_store):
    row = row_of_task(window, TASK_TWO)
    type_value(qtbot, window, row, "9")
    panel = window.progress
    panel.table.setCurrentIndex(panel.model.index(row, Column.TASK))
    assert panel.return_current("数值与台账不符，请核实")
    assert panel.model.index(row, Column.REVIEW).data() == "已退回"
    assert "数值与台账不符" in panel.detail.review_note.text()
    assert light(window, row) == Status.NOT_REPORTED.value  # a returned report does not count
    window.main_actions.undo.trigger()
    assert panel.model.index(row, Column.REVIEW).data() == "已提交"
    assert panel.accept_current()
    assert panel.model.index(row, Column.REVIEW).data() == "已通过"


def test_long_texts_and_evidence_files_from_the_detail_form(qtbot, window, demo_store, tmp_path):
    row = row_of_task(window, TASK_TWO)
    panel = window.progress
    panel.table.setCurrentIndex(panel.model.index(row, Column.TASK))
    panel.detail.narrative.insertPlainText("新建站点2个")  # typed through an input method, not key by key
    panel.detail.problems.insertPlainText("用地紧张")
    qtbot.mouseClick(panel.detail.save_button, Qt.MouseButton.LeftButton)
    assert panel.model.index(row, Column.NARRATIVE).data() == "新建站点2个"
    evidence = tmp_path / "现场照片.jpg"
    evidence.write_bytes(b"\xff\xd8photo")
    assert panel.detail.attach(str(evidence))
    assert panel.detail.attachments.count() == 1 and "现场照片.jpg" in panel.detail.attachments.item(0).text()
    window.main_actions.undo.trigger()
    assert panel.detail.attachments.count() == 0
    assert panel.detail.history.count() == 1  # the texts' revision is listed


def test_an_impossible_change_is_refused_with_a_message_and_nothing_saved(qtbot, window, demo_store, monkeypatch):
    shown = []
    monkeypatch.setattr(window.progress, "show_error", shown.append)
    row = row_of_task(window, TASK_TWO)
    index = window.progress.model.index(row, Column.NARRATIVE)
    assert window.progress.model.setData(index, "很" * 4001)
    assert shown and "4000" in shown[0]
    task_id = window.progress.model.row_at(row).task.id
    assert report_history(demo_store.conn, task_id, OFFICE, "2021Q3") == []
    assert not window.main_actions.undo.isEnabled()


def test_the_status_filter_follows_a_saved_figure_and_is_not_worked_out_again_while_typing(qtbot, window,
                                                                                             monkeypatch):
    import ui.tasks.tab
    from tests.ui.user_input import type_text

    worked_out = []
    original = ui.tasks.tab.tasks_with_status
    monkeypatch.setattr(ui.tasks.tab, "tasks_with_status",
                        lambda *args: worked_out.append(args) or original(*args))
    bar = window.task_filter_bar
    bar.status.setCurrentIndex(bar.status.findData(Status.NOT_REPORTED.value))

    def shown() -> set[str]:
        model = window.task_model
        return {model.task_at(r).name for r in range(model.rowCount()) if model.task_at(r)}

    assert TASK_TWO in shown() and len(worked_out) == 1
    type_text(qtbot, bar.search, "养老")
    assert TASK_TWO in shown() and len(worked_out) == 1  # the search words do not change a status
    window.tabs.setCurrentWidget(window.progress)
    type_value(qtbot, window, row_of_task(window, TASK_TWO), "9")
    bar.search.setText("养")
    assert TASK_TWO not in shown() and len(worked_out) == 2  # the saved figure took it out of 未填报


def test_the_status_filter_shows_the_status_in_the_period_chosen(qtbot, window, demo_store):
    from planner.domain.periods import parse_period
    from planner.plans.filtering import tasks_with_status

    task_bar, period_bar = window.task_filter_bar, window.filter_bar
    plan = window.task_model.plan

    def shown() -> set[int]:
        model = window.task_model
        return {model.task_at(r).id for r in range(model.rowCount()) if model.task_at(r)}

    offices_tasks = shown()  # the toolbar's office filter stays on
    task_bar.status.setCurrentIndex(task_bar.status.findData(Status.NOT_REPORTED.value))
    third = tasks_with_status(demo_store.conn, plan, parse_period("2021Q3"), Status.NOT_REPORTED.value)
    second = tasks_with_status(demo_store.conn, plan, parse_period("2021Q2"), Status.NOT_REPORTED.value)
    assert third & offices_tasks != second & offices_tasks  # the demo's returns are in for the first half
    assert shown() == third & offices_tasks
    period_bar.period_combo.setCurrentIndex(period_bar.period_combo.findData("2021Q2"))
    assert shown() == second & offices_tasks
