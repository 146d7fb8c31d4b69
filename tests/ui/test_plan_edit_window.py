"""A clerk builds a plan by hand in the window, issues it and adjusts it; each step can be undone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from planner.plans.adjustments import task_history
from planner.store.queries import list_plans, load_plan
from tests.ui.user_input import record_questions, type_text
from ui.tasks.table_model import COL_NAME

SECTIONS = ["一、养老服务设施建设", "二、养老人才队伍建设"]
TASKS = ["社区养老服务站", "农村互助幸福院", "护理型床位", "养老护理员培训", "老年社会工作者"]


def _answer_modal(qtbot, fill) -> None:
    """Fill in the next modal dialog as a user would, then accept it."""
    def act():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, act)
            return
        fill(dialog)

    QTimer.singleShot(0, act)


def _fill_plan(dialog: QDialog) -> None:
    title = dialog.findChild(QLineEdit, "planTitle")
    title.setText("某县养老服务体系建设三年行动方案")
    dialog.findChild(QLineEdit, "planDocNo").setText("某政办字〔2024〕1号")
    dialog.findChild(type(dialog.first_year), "planFirstYear").setValue(2024)
    dialog.findChild(type(dialog.last_year), "planLastYear").setValue(2026)
    dialog.accept()


def _type_into_cell(qtbot, window, row: int, column: int, text: str) -> QWidget:
    table = window.task_table
    table.setFocus()
    table.setCurrentIndex(window.task_model.index(row, column))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    editor = _open_editor(table)
    assert editor is not None and editor.isVisible()
    editor.selectAll()
    type_text(qtbot, editor, text)
    return editor


def _open_editor(table) -> QWidget | None:
    """The cell editor open in the table (closed editors linger, hidden, until they are deleted): a line for most
    cells, several lines for a year's target."""
    shown = [e for e in table.findChildren(QWidget, "cellEditor") if e.isVisible()]
    return shown[0] if len(shown) == 1 else None


def _commit(qtbot, editor: QWidget) -> None:
    table = editor.parentWidget().parentWidget()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits on the next turn of the event loop, then the editor closes.
    qtbot.waitUntil(lambda: _open_editor(table) is None)


def _seq_and_names(window):
    model = window.task_model
    return [(model.task_at(r).seq, model.task_at(r).name) for r in range(model.rowCount()) if model.task_at(r)]


@pytest.fixture
def built_plan(open_window, store, chinese_ui, qtbot, monkeypatch):
    """Steps 1–3: a new plan with two sections and five tasks, typed in."""
    window = open_window(store)
    _answer_modal(qtbot, _fill_plan)
    window.main_actions.new_plan.trigger()
    with qtbot.waitActive(window):  # the window's shortcuts (Insert, Delete, Ctrl+Shift+↓) need it active
        window.activateWindow()
    assert [p.title for p in list_plans(store.conn)] == ["某县养老服务体系建设三年行动方案"]
    titles = iter(SECTIONS)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *args, **kwargs: (next(titles), True)))
    window.main_actions.add_section.trigger()
    window.main_actions.add_section.trigger()
    model = window.task_model
    for section_row, names in ((0, TASKS[:3]), (None, TASKS[3:])):
        if section_row is None:
            section_row = next(r for r in range(model.rowCount()) if model.section_at(r)
                               and model.section_at(r).title == SECTIONS[1])
        window.task_table.setCurrentIndex(model.index(section_row, 0))
        for name in names:
            window.task_table.setFocus()
            qtbot.keyClick(window.task_table, Qt.Key.Key_Insert)
            editor = _open_editor(window.task_table)
            assert editor is not None and window.task_table.currentIndex().column() == COL_NAME
            editor.selectAll()
            type_text(qtbot, editor, name)
            _commit(qtbot, editor)
    return window


def test_edit_a_clerk_builds_a_plan_with_sections_and_tasks(built_plan, store):
    window = built_plan
    assert _seq_and_names(window) == [(str(i), name) for i, name in enumerate(TASKS, start=1)]
    plan = load_plan(store.conn, window.current_plan_id())
    assert [s.title for s in plan.sections] == SECTIONS
    assert [t.name for t in plan.tasks if t.section_id == plan.sections[1].id] == TASKS[3:]
    assert "草稿" in window.plan_label.text()


def test_edit_moving_a_task_renumbers_and_undo_moves_it_back(built_plan, qtbot):
    window = built_plan
    row = next(r for r in range(window.task_model.rowCount())
               if window.task_model.task_at(r) and window.task_model.task_at(r).name == "社区养老服务站")
    window.task_table.setCurrentIndex(window.task_model.index(row, COL_NAME))
    window.task_table.setFocus()
    qtbot.keyClick(window.task_table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert _seq_and_names(window)[:2] == [("1", "农村互助幸福院"), ("2", "社区养老服务站")]
    assert window.task_detail.task().name == "社区养老服务站"  # the moved task stays current
    window.undo_stack.undo()
    assert _seq_and_names(window)[:2] == [("1", "社区养老服务站"), ("2", "农村互助幸福院")]


def test_edit_typing_a_target_shows_how_it_is_understood(built_plan, qtbot, store):
    window = built_plan
    column = window.task_model.column_of_year(2024)
    editor = _type_into_cell(qtbot, window, 1, column, "全市300个")
    preview = window.task_delegate.preview
    assert preview.isVisible() and "300" in preview.text() and "个" in preview.text()
    _commit(qtbot, editor)
    target = window.task_model.task_at(1).plan_target("2024")
    assert (target.text, target.value, target.unit) == ("全市300个", 300, "个")
    editor = _type_into_cell(qtbot, window, 1, window.task_model.column_of_year(2025), "基本建成服务网络")
    assert "文字目标" in window.task_delegate.preview.text()  # kept as text, and said so
    _commit(qtbot, editor)
    assert window.task_model.task_at(1).plan_target("2025").text == "基本建成服务网络"
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert window.task_model.task_at(1).plan_target("2024") is None
    assert load_plan(store.conn, window.current_plan_id()).tasks[0].targets == []


def test_edit_offices_complete_and_are_assigned(built_plan, qtbot, store):
    window = built_plan
    window.task_delegate.office_names = ["县民政局", "县财政局", "县卫健委"]
    editor = _type_into_cell(qtbot, window, 1, window.task_model.lead_column, "县民政局、县卫健委")
    completer = editor.completer()
    assert completer is not None and completer.splitPath("县民政局、县卫") == ["县卫"]
    _commit(qtbot, editor)
    assert window.task_model.task_at(1).lead == ["县民政局", "县卫健委"]
    window.undo_stack.undo()
    assert window.task_model.task_at(1).lead == []


def test_edit_a_comma_inside_brackets_does_not_split_an_office(built_plan, qtbot, store):
    window = built_plan
    editor = _type_into_cell(qtbot, window, 1, window.task_model.co_column, "各区（县、市）政府，县财政局,县卫健委")
    _commit(qtbot, editor)
    assert window.task_model.task_at(1).co == ["各区(县、市)政府", "县财政局", "县卫健委"]
    assert load_plan(store.conn, window.current_plan_id()).tasks[0].co == ["各区(县、市)政府", "县财政局", "县卫健委"]


def test_edit_issue_the_plan_then_adjust_a_target_with_a_reason(built_plan, qtbot, store, monkeypatch):
    window = built_plan
    column = window.task_model.column_of_year(2024)
    _commit(qtbot, _type_into_cell(qtbot, window, 1, column, "新增300个"))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    window.main_actions.issue_plan.trigger()
    assert "已下达" in window.plan_label.text() and not window.main_actions.issue_plan.isEnabled()

    def give_reason(dialog):
        dialog.reason.setPlainText("县政府常务会议调减")
        dialog.effective.setCurrentIndex(dialog.effective.findData("2024Q3"))
        dialog.accept()

    _answer_modal(qtbot, give_reason)
    _commit(qtbot, _type_into_cell(qtbot, window, 1, column, "新增250个"))
    task = window.task_model.task_at(1)
    assert task.plan_target("2024").value == 250
    history = task_history(store.conn, task.id)
    assert [(h.old, h.new, h.reason) for h in history] == [("新增300个", "新增250个", "县政府常务会议调减")]
    window.task_table.setCurrentIndex(window.task_model.index(2, COL_NAME))
    window.task_table.setCurrentIndex(window.task_model.index(1, COL_NAME))
    shown = window.task_detail.browser.toPlainText()
    assert "调整记录" in shown and "县政府常务会议调减" in shown and "新增300个 → 新增250个" in shown

    def cancel(dialog):
        dialog.reject()

    _answer_modal(qtbot, cancel)  # no reason given: nothing changes
    _commit(qtbot, _type_into_cell(qtbot, window, 1, column, "新增200个"))
    assert window.task_model.task_at(1).plan_target("2024").value == 250
    window.undo_stack.undo()  # the adjustment
    assert window.task_model.task_at(1).plan_target("2024").value == 300 and task_history(store.conn, task.id) == []
    window.undo_stack.undo()  # the issue
    assert "草稿" in window.plan_label.text()


def test_edit_delete_asks_when_the_task_has_reports_and_undo_restores_it(built_plan, qtbot, store, monkeypatch):
    from planner.domain.model import Report
    from planner.plans.task_edit import set_offices
    from planner.progress.entry import submit_report

    window = built_plan
    task = window.task_model.task_at(1)
    set_offices(store, task.id, ["县民政局"], [])
    plan = load_plan(store.conn, window.current_plan_id())
    submit_report(store, plan, Report(task.id, "县民政局", "2024Q1", value=5))
    asked = record_questions(monkeypatch)
    window.task_table.setCurrentIndex(window.task_model.index(1, COL_NAME))
    window.task_table.setFocus()
    qtbot.keyClick(window.task_table, Qt.Key.Key_Delete)
    assert asked and "1 条进展填报" in asked[0][1]
    assert [name for _, name in _seq_and_names(window)] == TASKS[1:]
    window.undo_stack.undo()
    assert [name for _, name in _seq_and_names(window)] == TASKS
    assert store.conn.execute("SELECT count(*) FROM reports WHERE task_id = ?", (task.id,)).fetchone()[0] == 1


def test_edit_filter_bar_finds_tasks_and_the_reports_follow(main_window, qtbot):
    window = main_window
    with qtbot.waitActive(window):
        window.activateWindow()
    window.plan_tree.select_plan(2)
    total = window.task_model.task_count()
    window.main_actions.find.trigger()
    assert window.task_filter_bar.search.hasFocus()
    type_text(qtbot, window.task_filter_bar.search, "医养结合")
    shown = window.task_model.task_count()
    assert 0 < shown < total
    assert all("医养结合" in "".join([t.name, t.content, t.indicator] + [g.text for g in t.targets])
               for t in (window.task_model.task_at(r) for r in range(window.task_model.rowCount())) if t)
    filters = window.report_filters()
    assert filters["task_ids"] is not None and len(filters["task_ids"]) == shown
    window.task_filter_bar.clear()
    assert window.task_model.task_count() == total


def test_edit_an_office_renamed_in_the_office_dialog_shows_in_the_table_and_undo_follows(main_window, qtbot):
    from planner.store.offices_repo import office_id

    window = main_window
    window.plan_tree.select_plan(1)
    dialog = window.edit_actions.open_offices()
    qtbot.waitExposed(dialog)
    finance = office_id(window.store.conn, "市财政局")

    def co_offices():
        model = window.task_model
        return {name for r in range(model.rowCount()) if model.task_at(r) for name in model.task_at(r).co}

    assert "市财政局" in co_offices()
    assert dialog.rename(finance, "市财政厅")
    assert "市财政厅" in co_offices() and "市财政局" not in co_offices()
    dialog.close()
    window.main_actions.undo.trigger()
    assert "市财政局" in co_offices() and "市财政厅" not in co_offices()
    assert window.edit_actions.open_offices() is dialog  # one dialog for the window's life
