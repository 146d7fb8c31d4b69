"""Editing task cells in place: a line editor, with a live reading of a target and office names that complete.

A year cell shows, right under the editor while it is typed, how the target is
understood (number, unit, comparator, kind), or that it will be kept as text.
The office cells complete the name being typed after the last 、 from the office
list.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLabel, QLineEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from planner.domain.target_building import make_target
from ui.tasks.table_model import OFFICE_SEPARATOR, TaskTableModel
from ui.tasks.target_text import target_reading

AnyIndex = QModelIndex | QPersistentModelIndex
UNREADABLE_STYLE = "background:#FFF3E0; color:#E65100; border:1px solid #FFB74D; padding:2px 4px;"
PREVIEW_STYLE = "background:#E8F5E9; color:#1B5E20; border:1px solid #81C784; padding:2px 4px;"


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


class TargetEditor(QLineEdit):
    """A year cell's editor, with the reading of what is typed shown just under it."""

    def __init__(self, parent: QWidget, kind: str | None):
        super().__init__(parent)
        self.kind = kind
        self.preview = QLabel(parent)
        self.preview.setObjectName("targetPreview")
        self.preview.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.textChanged.connect(self.show_reading)
        self.destroyed.connect(self.preview.deleteLater)

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
        editor: QLineEdit
        if not model.is_section_row(row) and model.year_of_column(column) is not None:
            task = model.task_at(row)
            assert task is not None, "a row that is not a section's is a task's"
            editor = target_editor = TargetEditor(parent, task.kind)
            self.preview = target_editor.preview
        else:
            editor = QLineEdit(parent)
            if not model.is_section_row(row) and column in (model.lead_column, model.co_column):
                editor.setCompleter(OfficeCompleter(self.office_names, editor))
        editor.setObjectName("cellEditor")
        editor.setFrame(False)
        return editor

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, QLineEdit), "createEditor makes line editors"
        editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
        if isinstance(editor, TargetEditor):
            editor.show_reading()  # also for an empty cell, where the text did not change

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        assert isinstance(editor, QLineEdit), "createEditor makes line editors"
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        rect = option.rect
        editor.setGeometry(rect.left(), rect.top(), max(rect.width(), 160),
                           max(editor.sizeHint().height(), min(rect.height(), 32)))
