"""The targets of one task as a planner's clerk types them: the reading under the field, the offices' shares, undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit

from planner.domain.model import PlanState, Target
from planner.plans.adjustments import Change, task_history
from planner.plans.structure import add_section, add_task, create_plan, set_state
from planner.store import Store
from planner.store.queries import load_plan, load_task
from tests.ui.user_input import type_text
from ui.tasks.target_shares import MISMATCH_COLOR, UNREADABLE_COLOR, Column, SumState, share_sum
from ui.tasks.targets_dialog import TargetsDialog

OFFICES = ["道里区", "南岗区", "香坊区", "市民政局"]


class Context:
    """What the plan editor gives the dialog: the store, where to show a task, where refusals go."""

    def __init__(self, store: Store):
        self.store = store
        self.errors: list[str] = []

    def show_task(self, task_id: int) -> None:
        pass

    def show_error(self, message: str) -> None:
        self.errors.append(message)

    def offer_reload(self, message: str, changes) -> None:
        self.errors.append(message)


@pytest.fixture
def plan_id(store: Store) -> int:
    plan_id = create_plan(store, "养老服务体系建设三年行动方案", 2024, 2026)
    section = add_section(store, plan_id, "一、养老服务设施建设")
    add_task(store, plan_id, section, None, "社区养老服务站")
    return plan_id


@pytest.fixture
def open_dialog(qtbot, store: Store, plan_id: int, chinese_ui):
    stacks = []

    def open_on(ask_change=lambda description: None) -> TargetsDialog:
        plan = load_plan(store.conn, plan_id)
        stack = QUndoStack()
        stacks.append(stack)
        dialog = TargetsDialog(Context(store), stack, plan, plan.tasks[0], OFFICES, ask_change)
        qtbot.addWidget(dialog)
        dialog.show_period("2024")
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    yield open_on
    stacks.clear()


@pytest.fixture
def dialog(open_dialog) -> TargetsDialog:
    return open_dialog()


def stored(dialog: TargetsDialog, period: str = "2024", office: str | None = None) -> Target | None:
    found = load_task(dialog.context.store.conn, dialog.task.id).targets_for(period, office)
    return found[0] if found else None


def type_plan_wide(qtbot, dialog: TargetsDialog, text: str, key=Qt.Key.Key_Return) -> None:
    field = dialog.target_edit
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    type_text(qtbot, field, text)
    if key is not None:
        qtbot.keyClick(field, key)


def editor_of(dialog: TargetsDialog) -> QLineEdit:
    assert dialog.table.state() == QAbstractItemView.State.EditingState
    editor = dialog.focusWidget()
    assert isinstance(editor, QLineEdit) and editor is not dialog.target_edit
    return editor


def back_to(qtbot, dialog: TargetsDialog) -> None:
    """The offscreen platform leaves no window active once a completer's popup has closed; a desktop does."""
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)


def add_share(qtbot, dialog: TargetsDialog, office: str, text: str) -> None:
    """Insert, the office, Tab, the target, Enter: as a clerk fills a row."""
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Insert)
    type_text(qtbot, editor_of(dialog), office)
    qtbot.keyClick(editor_of(dialog), Qt.Key.Key_Tab)
    back_to(qtbot, dialog)
    type_text(qtbot, editor_of(dialog), text)
    qtbot.keyClick(editor_of(dialog), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored(dialog, office=office) is not None and stored(dialog, office=office).text == text)


def retype_share(qtbot, dialog: TargetsDialog, office: str, text: str) -> None:
    row = next(i for i, r in enumerate(dialog.model.rows) if r.office == office)
    dialog.table.setFocus()
    dialog.table.setCurrentIndex(dialog.model.index(row, Column.TEXT))
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    editor = editor_of(dialog)
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    type_text(qtbot, editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: (stored(dialog, office=office).text if stored(dialog, office=office) else "") == text)


def sum_row(dialog: TargetsDialog) -> tuple[str, SumState]:
    return dialog.sum_label.text(), dialog.sum_state


def test_edit_typed_target_is_read_at_once_and_enter_saves_it(qtbot, dialog):
    type_plan_wide(qtbot, dialog, "全市300个", key=None)
    assert "300" in dialog.preview.text() and "个" in dialog.preview.text() and "≥" in dialog.preview.text()
    assert stored(dialog) is None  # nothing saved while typing
    qtbot.keyClick(dialog.target_edit, Qt.Key.Key_Return)
    target = stored(dialog)
    assert (target.text, target.value, target.unit, target.kind) == ("全市300个", 300, "个", "cumulative")
    assert dialog.undo_stack.count() == 1 and dialog.isVisible()  # Enter saved; it did not close the dialog
    assert "全市300个" in dialog.period_combo.currentText()


def test_edit_leaving_the_field_saves_it(qtbot, dialog):
    type_plan_wide(qtbot, dialog, "120", key=Qt.Key.Key_Tab)
    assert stored(dialog).value == 120
    assert dialog.table.hasFocus()


def test_edit_unreadable_target_is_marked_and_kept_as_text(qtbot, dialog):
    type_plan_wide(qtbot, dialog, "城区42个、农村82个", key=None)
    assert UNREADABLE_COLOR in dialog.preview.styleSheet()
    qtbot.keyClick(dialog.target_edit, Qt.Key.Key_Return)
    target = stored(dialog)
    assert target.text == "城区42个、农村82个" and target.value is None and target.kind == "text"
    assert dialog.target_edit.text() == "城区42个、农村82个"
    assert UNREADABLE_COLOR in dialog.preview.styleSheet()  # still marked once saved
    type_plan_wide(qtbot, dialog, "全市300个", key=None)
    assert UNREADABLE_COLOR not in dialog.preview.styleSheet()


def test_edit_office_shares_show_their_sum_against_the_plan_wide_target(qtbot, dialog):
    type_plan_wide(qtbot, dialog, "全市100个")
    add_share(qtbot, dialog, "道里区", "60")
    add_share(qtbot, dialog, "南岗区", "30个")
    text, state = sum_row(dialog)
    assert state is SumState.MISMATCH and "90" in text and "100" in text and "≠" in text
    assert MISMATCH_COLOR in dialog.sum_label.styleSheet()
    retype_share(qtbot, dialog, "道里区", "70")
    text, state = sum_row(dialog)
    assert state is SumState.MATCH and "≠" not in text and "100" in text
    assert MISMATCH_COLOR not in dialog.sum_label.styleSheet()
    assert [r.office for r in dialog.model.rows] == ["道里区", "南岗区"]
    assert stored(dialog, office="道里区").value == 70


def test_edit_office_cell_completes_from_the_office_list(qtbot, dialog):
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Insert)
    editor = editor_of(dialog)
    type_text(qtbot, editor, "南岗")
    completer = editor.completer()
    assert completer is not None and completer.currentCompletion() == "南岗区"
    qtbot.waitUntil(lambda: completer.popup().isVisible())
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Down)
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Return)
    assert editor.text() == "南岗区"


def test_edit_undo_shows_the_old_target_again_in_the_dialog_and_the_database(qtbot, dialog):
    type_plan_wide(qtbot, dialog, "全市300个")
    type_plan_wide(qtbot, dialog, "全市350个")
    add_share(qtbot, dialog, "道里区", "200")
    assert dialog.undo_stack.count() == 3
    dialog.undo_stack.undo()
    assert dialog.model.rows == [] and stored(dialog, office="道里区") is None
    dialog.undo_stack.undo()
    assert dialog.target_edit.text() == "全市300个" and stored(dialog).text == "全市300个"
    assert "300" in dialog.preview.text()
    dialog.redo()
    assert dialog.target_edit.text() == "全市350个" and stored(dialog).value == 350


def test_edit_ctrl_z_in_the_grid_undoes_only_this_tasks_targets(qtbot, dialog, store, plan_id):
    other = load_plan(store.conn, plan_id)
    from ui.tasks.commands import EditTextCommand

    command = EditTextCommand(dialog.context, other.tasks[0], "note", "备注", "Edit note")
    assert command.submit()
    dialog.undo_stack.push(command)
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert dialog.undo_stack.index() == 1  # an edit made elsewhere is not undone from this dialog
    assert not dialog.undo_button.isEnabled()
    type_plan_wide(qtbot, dialog, "全市300个", key=Qt.Key.Key_Tab)
    assert dialog.undo_button.isEnabled()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(dialog) is None and dialog.target_edit.text() == ""


def test_edit_quarterly_target_is_saved_with_its_quarter(qtbot, dialog):
    combo = dialog.period_combo
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert dialog.period() == "2024Q2"
    qtbot.keyClick(combo, Qt.Key.Key_Tab)
    assert dialog.target_edit.hasFocus()
    type_plan_wide(qtbot, dialog, "完成50个")
    assert stored(dialog, "2024Q2").value == 50 and stored(dialog, "2024") is None
    assert [(t.period, t.text) for t in load_task(dialog.context.store.conn, dialog.task.id).targets] == [
        ("2024Q2", "完成50个")]


def test_edit_delete_removes_a_share_and_undo_brings_it_back(qtbot, dialog):
    type_plan_wide(qtbot, dialog, "全市100个")
    add_share(qtbot, dialog, "道里区", "60")
    add_share(qtbot, dialog, "南岗区", "40")
    dialog.table.setFocus()
    dialog.table.setCurrentIndex(dialog.model.index(0, Column.OFFICE))
    qtbot.keyClick(dialog.table, Qt.Key.Key_Delete)
    assert stored(dialog, office="道里区") is None
    assert [r.office for r in dialog.model.rows] == ["南岗区"] and sum_row(dialog)[1] is SumState.MISMATCH
    dialog.undo_stack.undo()
    assert sorted(r.office for r in dialog.model.rows) == ["南岗区", "道里区"]
    assert sum_row(dialog)[1] is SumState.MATCH


def move_a_share_from_daoli_to_xiangfang(qtbot, dialog) -> None:
    """道里区's share of 60 typed, then its row's office typed over with 香坊区: the target moves."""
    add_share(qtbot, dialog, "道里区", "60")
    dialog.table.setFocus()
    dialog.table.setCurrentIndex(dialog.model.index(0, Column.OFFICE))
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    editor = editor_of(dialog)
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    type_text(qtbot, editor, "香坊区")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored(dialog, office="香坊区") is not None)


def test_edit_renaming_a_rows_office_moves_its_target_in_one_undo_step(qtbot, dialog):
    move_a_share_from_daoli_to_xiangfang(qtbot, dialog)
    assert stored(dialog, office="道里区") is None and [r.office for r in dialog.model.rows] == ["香坊区"]
    before = dialog.undo_stack.count()
    dialog.undo_stack.undo()
    assert dialog.undo_stack.count() == before
    assert stored(dialog, office="道里区").text == "60" and stored(dialog, office="香坊区") is None
    assert [r.office for r in dialog.model.rows] == ["道里区"]


def test_edit_a_moved_target_whose_old_office_got_a_share_since_is_not_moved_back(qtbot, dialog, store):
    from planner.plans.task_edit import set_target

    move_a_share_from_daoli_to_xiangfang(qtbot, dialog)
    set_target(store, dialog.task_id, "2024", "70", office="道里区")  # another window, meanwhile
    before = dialog.undo_stack.count()
    dialog.undo_stack.undo()
    assert len(dialog.context.errors) == 1 and "道里区" in dialog.context.errors[0] and "70" in dialog.context.errors[0]
    # Neither half of the step is undone: 道里区 keeps the newer share and 香坊区 keeps the moved one.
    assert stored(dialog, office="道里区").text == "70" and stored(dialog, office="香坊区").text == "60"
    assert dialog.undo_stack.count() == before - 1 and not dialog.undo_stack.canRedo()


def test_edit_a_share_for_an_office_already_listed_is_refused(qtbot, dialog):
    add_share(qtbot, dialog, "道里区", "60")
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Insert)
    type_text(qtbot, editor_of(dialog), "道里区")
    qtbot.keyClick(editor_of(dialog), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: bool(dialog.context.errors))
    assert "道里区" in dialog.context.errors[0]
    assert [r.office for r in dialog.model.rows] == ["道里区", ""]
    assert stored(dialog, office="道里区").text == "60" and dialog.undo_stack.count() == 1


def test_edit_issued_plan_asks_for_the_reason_and_cancelling_keeps_the_target(qtbot, store, plan_id, open_dialog):
    set_state(store, plan_id, PlanState.ISSUED)
    asked: list[str] = []
    answers = [None, Change("市政府调整通知", "2024Q3")]

    def ask_change(description: str):
        asked.append(description)
        return answers.pop(0)

    dialog = open_dialog(ask_change)
    type_plan_wide(qtbot, dialog, "全市300个")
    assert len(asked) == 1 and "全市300个" in asked[0]
    assert stored(dialog) is None and dialog.target_edit.text() == "" and dialog.undo_stack.count() == 0
    type_plan_wide(qtbot, dialog, "全市300个")
    assert stored(dialog).value == 300
    history = task_history(store.conn, dialog.task.id)
    assert [(e.field, e.reason, e.effective_from) for e in history] == [("target", "市政府调整通知", "2024Q3")]
    dialog.undo_stack.undo()
    assert stored(dialog) is None and task_history(store.conn, dialog.task.id) == []


def test_edit_tab_goes_through_the_fields_and_esc_closes_without_saving(qtbot, dialog):
    type_plan_wide(qtbot, dialog, "全市100个")
    add_share(qtbot, dialog, "道里区", "60")
    dialog.period_combo.setFocus()
    qtbot.keyClick(dialog.period_combo, Qt.Key.Key_Tab)
    assert dialog.target_edit.hasFocus()
    qtbot.keyClick(dialog.target_edit, Qt.Key.Key_Tab)
    assert dialog.table.hasFocus() and dialog.table.currentIndex() == dialog.model.index(0, Column.OFFICE)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Tab)
    assert dialog.table.currentIndex() == dialog.model.index(0, Column.TEXT)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Tab)
    assert dialog.add_button.hasFocus()
    type_plan_wide(qtbot, dialog, "全市500个", key=None)
    qtbot.keyClick(dialog.target_edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert stored(dialog).text == "全市100个"


def test_edit_share_sum_in_words():
    wide = Target("2024", "全市100个", value=100, unit="个", comparator=">=", kind="cumulative")
    shares = [Target("2024", "60", "道里区", value=60), Target("2024", "30个", "南岗区", value=30, unit="个")]
    assert share_sum(wide, shares)[1] is SumState.MISMATCH
    assert share_sum(wide, [*shares, Target("2024", "10个", "香坊区", value=10, unit="个")])[1] is SumState.MATCH
    assert share_sum(wide, [])[1] is SumState.NONE
    assert share_sum(wide, [Target("2024", "择机实行", "道里区", kind="milestone")])[1] is SumState.UNCHECKED
    assert share_sum(wide, [Target("2024", "60张", "道里区", value=60, unit="张")])[1] is SumState.UNCHECKED
    assert share_sum(None, shares)[1] is SumState.UNCHECKED


def test_edit_plan_wide_target_with_a_breakdown_list_fills_the_grid(qtbot, dialog):
    type_plan_wide(qtbot, dialog, "全市100个,其中:道里区60个;南岗区30个", key=None)
    assert "100" in dialog.preview.text() and "2" in dialog.preview.text()
    qtbot.keyClick(dialog.target_edit, Qt.Key.Key_Return)
    assert [(r.office, r.text) for r in dialog.model.rows] == [("道里区", "60个"), ("南岗区", "30个")]
    assert sum_row(dialog)[1] is SumState.MISMATCH
