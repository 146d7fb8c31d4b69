"""Closing the window with work not saved yet: a cell still being edited, or texts typed in 进展填报.

`settle_before_closing` asks once — save, discard or cancel — and does what the
user chose; nothing typed goes without that question.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)


class TextsHolder(Protocol):
    def unsaved_edits(self) -> bool: ...
    def save_unsaved_edits(self) -> bool: ...
    def discard_unsaved_edits(self) -> None: ...


class _NothingTyped:
    """The texts of a 进展填报 tab not built yet: nothing typed, nothing to save."""

    def unsaved_edits(self) -> bool:
        return False

    def save_unsaved_edits(self) -> bool:
        return True

    def discard_unsaved_edits(self) -> None:
        return None


NOTHING_TYPED = _NothingTyped()


def open_editor(view: QAbstractItemView) -> QWidget | None:
    """The editor open on a cell of `view`: the child of its viewport that holds the keyboard focus."""
    if view.state() != QAbstractItemView.State.EditingState:
        return None
    widget = QApplication.focusWidget()
    viewport = view.viewport()
    while widget is not None and widget.parentWidget() is not viewport:
        widget = widget.parentWidget()
    return widget


def _typed_into(editor: QWidget) -> bool:
    if isinstance(editor, QLineEdit):
        return editor.isModified()
    if isinstance(editor, QPlainTextEdit):
        return editor.document().isModified()
    return True  # a drop-down or another editor: its choice may differ from the cell's


def unsaved_cells(views: Sequence[QAbstractItemView]) -> list[tuple[QAbstractItemView, QWidget]]:
    editors = [(view, open_editor(view)) for view in views]
    return [(view, editor) for view, editor in editors if editor is not None and _typed_into(editor)]


def ask_save_discard_cancel(parent: QWidget) -> QMessageBox.StandardButton:
    box = QMessageBox(QMessageBox.Icon.Question, QCoreApplication.translate("Unsaved", "Closing the window"),
                      QCoreApplication.translate(
                          "Unsaved", "Some of what you typed is not saved yet. Save it before closing?"),
                      QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                      | QMessageBox.StandardButton.Cancel, parent)
    box.setObjectName("unsavedQuestion")
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    return QMessageBox.StandardButton(box.exec())


def settle_before_closing(parent: QWidget, views: Sequence[QAbstractItemView], texts: TextsHolder) -> bool:
    """True when the window may close: nothing was left unsaved, or the user saved or discarded it."""
    cells = unsaved_cells(views)
    if not cells and not texts.unsaved_edits():
        return True
    answer = ask_save_discard_cancel(parent)
    if answer == QMessageBox.StandardButton.Cancel:
        return False
    for view, editor in cells:
        if answer == QMessageBox.StandardButton.Save:
            view.commitData(editor)
            view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        else:
            view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)
    if answer == QMessageBox.StandardButton.Save:
        return texts.save_unsaved_edits()  # a refused save keeps the window open, with the reason shown
    texts.discard_unsaved_edits()
    return True

