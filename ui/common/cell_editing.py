"""Editing table cells from the keyboard, as in a spreadsheet.

Double click, F2 or typing opens the current cell's editor, and so does Enter:
Qt's views only do that on macOS, so a view's keyPressEvent asks `edit_on_enter`
first.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView

EDIT_TRIGGERS = (QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                 | QAbstractItemView.EditTrigger.AnyKeyPressed)


def edit_on_enter(view: QAbstractItemView, event: QKeyEvent) -> bool:
    """Enter on a cell that is not being edited opens its editor. True when it did (the key is used up);
    False for other keys and for cells the view may not edit, which the view then handles itself."""
    if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        return False
    index = view.currentIndex()
    if view.state() == QAbstractItemView.State.EditingState or not index.isValid():
        return False
    return view.edit(index, QAbstractItemView.EditTrigger.EditKeyPressed, event)
