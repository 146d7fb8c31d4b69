"""单位管理 as a coordinator's clerk uses it: rename an office, set its kind, parent and code, merge two
spellings, undo."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QDialogButtonBox, QLineEdit

from planner.store import Store
from planner.store.offices_repo import ensure_offices, office_id
from tests.ui.user_input import type_text
from ui.offices.dialog import OfficeDialog
from ui.offices.model import Column


@pytest.fixture
def errors(monkeypatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(OfficeDialog, "show_error", lambda self, message: shown.append(message))
    return shown


@pytest.fixture
def open_dialog(qtbot, chinese_ui, errors, make_context):
    stacks = []

    def open_on(store: Store) -> OfficeDialog:
        context = make_context(store)
        stacks.append(context.undo_stack)
        dialog = OfficeDialog(context)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    yield open_on
    stacks.clear()


@pytest.fixture
def dialog(open_dialog, demo_store):
    return open_dialog(demo_store)


def shown_names(dialog: OfficeDialog) -> list[str]:
    return [dialog.proxy.index(row, Column.NAME).data() for row in range(dialog.proxy.rowCount())]


def cell(dialog: OfficeDialog, name: str, column: Column):
    row = shown_names(dialog).index(name)
    return dialog.proxy.index(row, column)


def filter_by(qtbot, dialog: OfficeDialog, text: str) -> None:
    dialog.filter_edit.clear()
    type_text(qtbot, dialog.filter_edit, text)


def start_editing(qtbot, dialog: OfficeDialog, name: str, column: Column):
    """Click the cell and press Enter, as a clerk does; returns the editor that opened."""
    index = cell(dialog, name, column)
    table = dialog.table
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center())
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert table.state() == QAbstractItemView.State.EditingState
    return table.indexWidget(index) or table.focusWidget()


def finish_editing(qtbot, dialog: OfficeDialog, editor, key=Qt.Key.Key_Return) -> None:
    qtbot.keyClick(editor, key)
    qtbot.waitUntil(lambda: not isinstance(dialog.table.focusWidget(), (QLineEdit, QComboBox))
                    or dialog.table.state() != QAbstractItemView.State.EditingState or key == Qt.Key.Key_Tab)


def name_of(store: Store, office: int) -> str | None:
    row = store.conn.execute("SELECT name FROM offices WHERE id = ?", (office,)).fetchone()
    return row[0] if row else None


def test_edit_rename_an_office_and_undo_it(qtbot, dialog, demo_store):
    finance = office_id(demo_store.conn, "市财政局")
    filter_by(qtbot, dialog, "财政")
    assert shown_names(dialog) == ["市财政局"]
    editor = start_editing(qtbot, dialog, "市财政局", Column.NAME)
    assert isinstance(editor, QLineEdit) and editor.text() == "市财政局"
    editor.selectAll()
    type_text(qtbot, editor, "市財政局（本級）")  # traditional characters, full-width brackets
    with qtbot.waitSignal(dialog.officesChanged):
        finish_editing(qtbot, dialog, editor)
    assert name_of(demo_store, finance) == "市财政局(本级)"
    assert shown_names(dialog) == ["市财政局(本级)"]
    with qtbot.waitSignal(dialog.officesChanged):
        qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert name_of(demo_store, finance) == "市财政局"
    assert shown_names(dialog) == ["市财政局"]
    qtbot.mouseClick(dialog.redo_button, Qt.MouseButton.LeftButton)
    assert name_of(demo_store, finance) == "市财政局(本级)"


def test_edit_a_name_another_office_has_is_refused_with_a_hint_to_merge(qtbot, dialog, demo_store, errors):
    filter_by(qtbot, dialog, "财政")
    editor = start_editing(qtbot, dialog, "市财政局", Column.NAME)
    editor.selectAll()
    type_text(qtbot, editor, "市民政局")
    finish_editing(qtbot, dialog, editor)
    assert len(errors) == 1 and "合并" in errors[0]
    assert shown_names(dialog) == ["市财政局"]
    assert dialog.undo_stack.count() == 0


def test_edit_kind_parent_and_division_code_of_a_district(qtbot, dialog, demo_store, errors):
    district = office_id(demo_store.conn, "道里区")
    with demo_store.transaction() as writer:  # imported before kinds were read from the names
        writer.update("offices", district, {"kind": "department"})
    filter_by(qtbot, dialog, "道里")
    editor = start_editing(qtbot, dialog, "道里区", Column.KIND)
    editor.setCurrentIndex(editor.findData("county"))
    finish_editing(qtbot, dialog, editor, Qt.Key.Key_Tab)  # Tab saves and moves on to the parent office
    assert cell(dialog, "道里区", Column.KIND).data(Qt.ItemDataRole.EditRole) == "county"
    assert dialog.table.currentIndex().column() == Column.PARENT
    qtbot.waitUntil(lambda: dialog.table.state() == QAbstractItemView.State.EditingState)
    parent_editor = dialog.table.findChild(QComboBox, "parentEditor")
    parent_editor.lineEdit().selectAll()
    type_text(qtbot, parent_editor.lineEdit(), "各区、县(市)政府")
    finish_editing(qtbot, dialog, parent_editor, Qt.Key.Key_Tab)
    assert cell(dialog, "道里区", Column.PARENT).data() == "各区、县(市)政府"
    qtbot.waitUntil(lambda: dialog.table.state() == QAbstractItemView.State.EditingState)
    code_editor = dialog.table.focusWidget()
    type_text(qtbot, code_editor, "２３０１０２")
    finish_editing(qtbot, dialog, code_editor)
    row = demo_store.conn.execute("SELECT kind, parent_id, division_code FROM offices WHERE id = ?",
                                  (district,)).fetchone()
    assert tuple(row) == ("county", office_id(demo_store.conn, "各区、县(市)政府"), "230102")
    assert errors == []
    for _ in range(3):
        dialog.undo_button.click()
    row = demo_store.conn.execute("SELECT kind, parent_id, division_code FROM offices WHERE id = ?",
                                  (district,)).fetchone()
    assert tuple(row) == ("department", None, None)


def test_edit_a_wrong_division_code_is_refused(qtbot, dialog, demo_store, errors):
    filter_by(qtbot, dialog, "道里")
    editor = start_editing(qtbot, dialog, "道里区", Column.CODE)
    type_text(qtbot, editor, "2301")
    finish_editing(qtbot, dialog, editor)
    assert len(errors) == 1 and "6 位" in errors[0]
    assert cell(dialog, "道里区", Column.CODE).data() == ""


@pytest.fixture
def two_spellings(demo_store: Store) -> dict[str, int]:
    """A plan imported later wrote "民政局" for 市民政局: the same office under a second name, with a task."""
    with demo_store.transaction() as writer:
        other = ensure_offices(writer, ["民政局"])["民政局"]
        writer.insert("task_offices", {"task_id": 9, "office_id": other, "role": "co"})
    return {"kept": office_id(demo_store.conn, "市民政局"), "merged": other}


def test_edit_merge_two_spellings_of_one_office_and_undo(qtbot, open_dialog, demo_store, two_spellings):
    dialog = open_dialog(demo_store)
    filter_by(qtbot, dialog, "民政局")
    assert sorted(shown_names(dialog)) == ["市民政局", "民政局"]
    assert cell(dialog, "市民政局", Column.TASKS).data() == "22 / 18"
    assert cell(dialog, "民政局", Column.TASKS).data() == "0 / 1"
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=dialog.table.visualRect(cell(dialog, "民政局", Column.NAME)).center())
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    merge = dialog.merge_dialog
    qtbot.waitExposed(merge)
    assert merge.merged_combo.currentText() == "民政局"
    type_text(qtbot, merge.kept_combo.lineEdit(), "市民政局")
    assert "民政局" in merge.preview.text() and "1" in merge.preview.text()
    with qtbot.waitSignal(dialog.officesChanged):
        qtbot.mouseClick(merge.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert shown_names(dialog) == ["市民政局"]
    assert cell(dialog, "市民政局", Column.TASKS).data() == "22 / 19"
    assert name_of(demo_store, two_spellings["merged"]) is None
    with qtbot.waitSignal(dialog.officesChanged):
        qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert sorted(shown_names(dialog)) == ["市民政局", "民政局"]
    assert cell(dialog, "民政局", Column.TASKS).data() == "0 / 1"
    assert cell(dialog, "市民政局", Column.TASKS).data() == "22 / 18"


def test_edit_merge_a_suggested_pair(qtbot, open_dialog, demo_store, two_spellings):
    dialog = open_dialog(demo_store)
    merge = dialog.open_merge()
    qtbot.waitExposed(merge)
    merge.suggestion_combo.setCurrentIndex(1)
    assert (merge.kept_combo.currentText(), merge.merged_combo.currentText()) == ("市民政局", "民政局")
    merge.swap()
    assert (merge.kept_id, merge.merged_id) == (two_spellings["merged"], two_spellings["kept"])
    merge.swap()
    qtbot.mouseClick(merge.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert name_of(demo_store, two_spellings["merged"]) is None
    undo_text = dialog.undo_stack.undoText()  # names both offices
    assert "市民政局" in undo_text and undo_text.count("民政局") == 2


def test_edit_undo_from_the_window_still_works_after_the_dialog_is_gone(qtbot, open_dialog, demo_store):
    dialog = open_dialog(demo_store)
    stack = dialog.undo_stack
    finance = office_id(demo_store.conn, "市财政局")
    assert dialog.rename(finance, "市财政厅")
    dialog.close()
    dialog.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog))
    stack.undo()
    assert name_of(demo_store, finance) == "市财政局"
    stack.redo()
    assert name_of(demo_store, finance) == "市财政厅"


def test_edit_list_sorts_names_in_pinyin_order_and_filters_traditional_input(qtbot, dialog):
    names = shown_names(dialog)
    assert names.index("阿城区") < names.index("巴彦县") < names.index("市民政局") < names.index("依兰县")
    filter_by(qtbot, dialog, "衛生")
    assert shown_names(dialog) == ["市卫生计生委", "市卫生健康委"]  # ji before jian


def test_edit_normalise_names_typed_in_traditional_characters_and_undo(qtbot, open_dialog, demo_store):
    with demo_store.transaction() as writer:  # written by an older version that kept names as typed
        writer.insert("offices", {"name": "縣 民政局"})
    dialog = open_dialog(demo_store)
    filter_by(qtbot, dialog, "民政局")
    assert "縣 民政局" in shown_names(dialog)
    with qtbot.waitSignal(dialog.officesChanged):
        qtbot.mouseClick(dialog.normalize_button, Qt.MouseButton.LeftButton)
    assert "县民政局" in shown_names(dialog) and "縣 民政局" not in shown_names(dialog)
    assert "1" in dialog.message_label.text()
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert "縣 民政局" in shown_names(dialog)
