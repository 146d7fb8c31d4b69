"""Editing task cells in place: a line editor, with a live reading of a target and office names that complete.

A year cell shows, right under the editor while it is typed, how the target is
understood (number, unit, comparator, kind), or that it will be kept as text.
The office cells complete the name being typed after the last 、 from the office
list.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLabel, QLineEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from planner.plan_builder import make_target
from ui.target_text import target_reading
from ui.task_table_model import OFFICE_SEPARATOR, TaskTableModel

AnyIndex = QModelIndex | QPersistentModelIndex
UNREADABLE_STYLE = "background:#FFF3E0; color:#E65100; border:1px solid #FFB74D; padding:2px 4px;"
PREVIEW_STYLE = "background:#E8F5E9; color:#1B5E20; border:1px solid #81C784; padding:2px 4px;"


def target_preview(text: str, kind: str | None = None) -> tuple[str, bool]:
    """How `text` typed into a year cell is understood (with the task's own kind, as it will be stored)."""
    return target_reading(make_target("2000", text, kind=kind) if text.strip() else None)


class OfficeCompleter(QCompleter):
    """Completes the office name after the last separator, keeping the names before it."""

    def __init__(self, names: list[str], parent: QWidget | None = None):
        super().__init__(QStringListModel(names), parent)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)

    def pathFromIndex(self, index: QModelIndex) -> str:
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


class TaskEditDelegate(QStyledItemDelegate):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.office_names: list[str] = []
        self.preview: QLabel | None = None

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:
        editor = QLineEdit(parent)
        editor.setObjectName("cellEditor")
        editor.setFrame(False)
        model: TaskTableModel = index.model()
        column = index.column()
        if model.is_section_row(index.row()):
            return editor
        if model.year_of_column(column) is not None:
            self._attach_preview(editor, parent, model.task_at(index.row()).kind)
        elif column in (model.lead_column, model.co_column):
            editor.setCompleter(OfficeCompleter(self.office_names, editor))
        return editor

    def _attach_preview(self, editor: QLineEdit, parent: QWidget, kind: str | None) -> None:
        preview = QLabel(parent)
        preview.setObjectName("targetPreview")
        preview.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.preview = preview

        def update(text: str) -> None:
            line, understood = target_preview(text, kind)
            preview.setText(line)
            preview.setStyleSheet(PREVIEW_STYLE if understood else UNREADABLE_STYLE)
            preview.adjustSize()
            self._place_preview(editor, preview)
            preview.show()
            preview.raise_()

        editor.textChanged.connect(update)
        editor.destroyed.connect(preview.deleteLater)
        editor._update_preview = update  # kept alive with the editor

    @staticmethod
    def _place_preview(editor: QLineEdit, preview: QLabel) -> None:
        geometry = editor.geometry()
        parent = editor.parentWidget()
        x = min(geometry.left(), max(0, parent.width() - preview.width()))
        y = geometry.bottom() + 1
        if y + preview.height() > parent.height():
            y = max(0, geometry.top() - preview.height() - 1)
        preview.move(x, y)

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        text = index.data(Qt.ItemDataRole.EditRole) or ""
        editor.setText(str(text))
        update = getattr(editor, "_update_preview", None)
        if update is not None:
            update(editor.text())

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        rect = option.rect
        editor.setGeometry(rect.left(), rect.top(), max(rect.width(), 160), max(editor.sizeHint().height(),
                                                                                 min(rect.height(), 32)))
        update = getattr(editor, "_update_preview", None)
        if update is not None:
            update(editor.text())
