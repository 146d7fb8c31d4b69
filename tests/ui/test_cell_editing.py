"""Enter opens a cell's editor in the tables, unless the cell cannot be edited."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QTableView

from ui.common.cell_editing import EDIT_TRIGGERS, edit_on_enter


def _key(key: Qt.Key) -> QKeyEvent:
    return QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier)


def test_enter_edits_an_editable_cell_only(qtbot):
    model = QStandardItemModel(1, 2)
    model.setItem(0, 0, QStandardItem("市民政局"))
    fixed = QStandardItem("12")
    fixed.setEditable(False)
    model.setItem(0, 1, fixed)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setEditTriggers(EDIT_TRIGGERS)
    view.setCurrentIndex(model.index(0, 1))
    assert not edit_on_enter(view, _key(Qt.Key.Key_Return))
    view.setCurrentIndex(model.index(0, 0))
    assert not edit_on_enter(view, _key(Qt.Key.Key_Down))
    assert edit_on_enter(view, _key(Qt.Key.Key_Enter))
    assert view.state() == QAbstractItemView.State.EditingState
    assert not edit_on_enter(view, _key(Qt.Key.Key_Return))  # already editing: the editor has the key
