"""The office table's editors: name and code as text, kind from a list, parent office by typing its name.

Enter on a cell opens its editor and Enter again saves; Tab saves and moves to the next cell.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QAbstractProxyModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QCompleter, QStyledItemDelegate, QStyleOptionViewItem, QTableView, QWidget

from planner.domain.model import Office
from ui.common.cell_editing import edit_on_enter
from ui.offices.model import Column, OfficeTableModel

AnyIndex = QModelIndex | QPersistentModelIndex


def office_combo(parent: QWidget, offices: list[Office], empty_text: str | None = None) -> QComboBox:
    """An editable drop-down of office names (data: the id) that completes on any part of a name."""
    combo = QComboBox(parent)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    line_edit = combo.lineEdit()
    assert line_edit is not None, "the combo box was made editable above"
    if empty_text is not None:
        combo.addItem("", None)
        line_edit.setPlaceholderText(empty_text)
    for office in sorted(offices, key=lambda o: o.name):
        combo.addItem(office.name, office.id)
    # Offices are long names that differ at the end (市民政局, 市财政局): match anywhere in the name.
    completer = QCompleter(combo.model(), combo)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCompleter(completer)
    return combo


def chosen_office(combo: QComboBox) -> int | str | None:
    """The id of the office named in the combo's text; the text itself when no office has that name."""
    text = combo.currentText().strip()
    if not text:
        return None
    row = combo.findText(text, Qt.MatchFlag.MatchExactly)
    return combo.itemData(row) if row >= 0 else text


class OfficeDelegate(QStyledItemDelegate):
    def __init__(self, model: OfficeTableModel, parent=None):
        super().__init__(parent)
        self._model = model

    def _office(self, index: AnyIndex) -> Office:
        model = index.model()
        source = model.mapToSource(index) if isinstance(model, QAbstractProxyModel) else index
        return self._model.office_at(source.row())

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:
        if index.column() == Column.KIND:
            editor = QComboBox(parent)
            for kind, label in self._model.kind_labels().items():
                editor.addItem(label, kind)
            return editor
        if index.column() == Column.PARENT:
            office = self._office(index)
            others = [o for o in self._model.offices() if o.id != office.id]
            editor = office_combo(parent, others, "")
            editor.setObjectName("parentEditor")
            return editor
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        if index.column() not in (Column.KIND, Column.PARENT):
            super().setEditorData(editor, index)
            return
        assert isinstance(editor, QComboBox), "createEditor makes drop-downs for the kind and the parent"
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))
        line_edit = editor.lineEdit()
        if index.column() == Column.PARENT and line_edit is not None:  # office_combo's is editable
            line_edit.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if index.column() not in (Column.KIND, Column.PARENT):
            super().setModelData(editor, model, index)
            return
        assert isinstance(editor, QComboBox), "createEditor makes drop-downs for the kind and the parent"
        value = editor.currentData() if index.column() == Column.KIND else chosen_office(editor)
        model.setData(index, value, Qt.ItemDataRole.EditRole)


class OfficeTableView(QTableView):
    """Enter opens the current cell's editor, as a clerk used to spreadsheets expects."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not edit_on_enter(self, event):
            super().keyPressEvent(event)
