"""Editing task cells in place: a line editor, with a live reading of a target and office names that complete.

A year cell's editor wraps its text over several lines, growing as the target gets
longer, so a long target stays in sight; Enter saves it, as in the other cells. It
shows, right under the editor while it is typed, how the target is understood
(number, unit, comparator, kind), or that it will be kept as text.
The office cells complete the name being typed after the last 、 from the office
list.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QCompleter,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from planner.domain.target_building import make_target
from ui.tasks.table_model import OFFICE_SEPARATOR, TaskTableModel
from ui.tasks.target_text import target_reading

AnyIndex = QModelIndex | QPersistentModelIndex
UNREADABLE_STYLE = "background:#FFF3E0; color:#E65100; border:1px solid #FFB74D; padding:2px 4px;"
PREVIEW_STYLE = "background:#E8F5E9; color:#1B5E20; border:1px solid #81C784; padding:2px 4px;"
MIN_LINES = 3  # a year cell's editor is this many lines tall at least while editing
MAX_LINES = 8
TARGET_EDITOR_WIDTH = 240
TARGET_EDITOR_STYLE = "QPlainTextEdit { border: 1px solid #1976D2; background: white; }"


def target_preview(text: str, kind: str | None = None) -> tuple[str, bool]:
    """How `text` typed into a year cell is understood (with the task's own kind, as it will be stored)."""
    return target_reading(make_target("2000", text, kind=kind) if text.strip() else None)


class OfficeCompleter(QCompleter):
    """Completes the office name after the last separator, keeping the names before it."""

    def __init__(self, names: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        # The model must belong to the completer: a model only Python holds is collected, and the list never shows.
        self.setModel(QStringListModel(names, self))
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)

    def pathFromIndex(self, index: AnyIndex) -> str:
        editor = self.widget()
        head = ""
        if isinstance(editor, QLineEdit):
            text = editor.text()
            cut = max(text.rfind(OFFICE_SEPARATOR), text.rfind(","), text.rfind("，"))
            head = text[:cut + 1] if cut >= 0 else ""
        return head + super().pathFromIndex(index)

    def splitPath(self, path: str) -> list[str]:
        for separator in (OFFICE_SEPARATOR, ",", "，"):
            path = path.split(separator)[-1]
        return [path.strip()]


class TargetEditor(QPlainTextEdit):
    """A year cell's editor: the target wrapped over as many lines as it needs (up to MAX_LINES), with the reading
    of what is typed shown just under it. Enter finishes (`finished`): a target is one paragraph."""

    finished = Signal()

    def __init__(self, parent: QWidget, kind: str | None):
        super().__init__(parent)
        self.kind = kind
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setTabChangesFocus(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.preview = QLabel(parent)
        self.preview.setObjectName("targetPreview")
        self.preview.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.textChanged.connect(self.show_reading)
        self.textChanged.connect(self.fit_height)
        self.destroyed.connect(self.preview.deleteLater)

    def text(self) -> str:
        return " ".join(self.toPlainText().splitlines())

    def setText(self, text: str) -> None:
        self.setPlainText(text)
        self.moveCursor(QTextCursor.MoveOperation.End)

    def isModified(self) -> bool:
        return self.document().isModified()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.finished.emit()
            return
        super().keyPressEvent(event)

    def lines_shown(self) -> int:
        """How many lines the editor is tall enough for now."""
        return max(1, self.viewport().height() // self.fontMetrics().lineSpacing())

    def fit_height(self) -> None:
        """As tall as the wrapped target (at least MIN_LINES, at most MAX_LINES), within the table."""
        margin = int(self.document().documentMargin())
        width = max(1, self.viewport().width() - 2 * margin)
        flags = Qt.TextFlag.TextWordWrap | Qt.TextFlag.TextWrapAnywhere
        spacing = self.fontMetrics().lineSpacing()
        used = self.fontMetrics().boundingRect(QRect(0, 0, width, 1 << 20), int(flags), self.toPlainText()).height()
        wanted = min(max(-(-used // spacing), MIN_LINES), MAX_LINES)
        frame = self.height() - self.viewport().height()
        height = wanted * spacing + frame + 2 * margin + 2
        parent = self.parentWidget()
        if parent is not None:
            height = min(height, max(parent.height() - self.y(), self.minimumHeight()))
        if height != self.height():
            self.resize(self.width(), height)

    def show_reading(self) -> None:
        line, understood = target_preview(self.text(), self.kind)
        self.preview.setText(line)
        self.preview.setStyleSheet(PREVIEW_STYLE if understood else UNREADABLE_STYLE)
        self.preview.adjustSize()
        self._place_preview()
        self.preview.show()
        self.preview.raise_()

    def _place_preview(self) -> None:
        """Under the editor, or above it at the bottom of the table; never past the right edge."""
        geometry, parent, preview = self.geometry(), self.parentWidget(), self.preview
        if parent is None:  # made with the table's viewport as parent: only a detached editor has none
            return
        x = min(geometry.left(), max(0, parent.width() - preview.width()))
        y = geometry.bottom() + 1
        if y + preview.height() > parent.height():
            y = max(0, geometry.top() - preview.height() - 1)
        preview.move(x, y)

    def moveEvent(self, event) -> None:
        super().moveEvent(event)
        self._place_preview()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_preview()


class TaskEditDelegate(QStyledItemDelegate):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.office_names: list[str] = []
        self.preview: QLabel | None = None

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:
        model = index.model()
        assert isinstance(model, TaskTableModel), "the delegate edits the task table"
        row, column = index.row(), index.column()
        if not model.is_section_row(row) and model.year_of_column(column) is not None:
            task = model.task_at(row)
            assert task is not None, "a row that is not a section's is a task's"
            target_editor = TargetEditor(parent, task.kind)
            self.preview = target_editor.preview
            target_editor.finished.connect(lambda: self._finish(target_editor))
            target_editor.setObjectName("cellEditor")
            target_editor.setStyleSheet(TARGET_EDITOR_STYLE)  # it covers the cells below: outlined to stand apart
            return target_editor
        editor = QLineEdit(parent)
        if not model.is_section_row(row) and column in (model.lead_column, model.co_column):
            editor.setCompleter(OfficeCompleter(self.office_names, editor))
        editor.setObjectName("cellEditor")
        editor.setFrame(False)
        return editor

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, QLineEdit | TargetEditor), "createEditor makes line and target editors"
        editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
        if isinstance(editor, TargetEditor):
            editor.document().setModified(False)
            editor.show_reading()  # also for an empty cell, where the text did not change
            editor.fit_height()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        assert isinstance(editor, QLineEdit | TargetEditor), "createEditor makes line and target editors"
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def _finish(self, editor: TargetEditor) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        rect = option.rect
        if isinstance(editor, TargetEditor):
            editor.setGeometry(rect.left(), rect.top(), max(rect.width(), TARGET_EDITOR_WIDTH), rect.height())
            editor.fit_height()
            return
        editor.setGeometry(rect.left(), rect.top(), max(rect.width(), 160),
                           max(editor.sizeHint().height(), min(rect.height(), 32)))
