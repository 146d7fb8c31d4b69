"""单位管理: the office list, edited in place (name, kind, parent office, division code) and merged.

Every change goes through planner.offices.edit and onto the window's QUndoStack,
so 撤销/重做 in the dialog and in the main window's Edit menu take it back or
repeat it. `officesChanged` is emitted after every change, undo and redo.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.domain.changes import Changes
from planner.domain.errors import PlannerError
from planner.offices.edit import (
    merge_suggestions,
    normalize_office_names,
    office_usage,
    rename_office,
    set_division_code,
    set_office_kind,
    set_office_parent,
)
from planner.store.offices_repo import office_id
from planner.store.queries import list_offices
from ui.common.cell_editing import EDIT_TRIGGERS
from ui.common.done_command import DoneCommand, push_done
from ui.context import WindowContext
from ui.offices.commands import DetachableContext, MergeOfficesCommand, OfficeEditCommand
from ui.offices.merge_dialog import MergeDialog
from ui.offices.model import ID_ROLE, Column, OfficeFilterModel, OfficeTableModel
from ui.offices.register_actions import RegisterActions
from ui.offices.table import OfficeDelegate, OfficeTableView

COLUMN_WIDTHS = {Column.NAME: 220, Column.KIND: 110, Column.PARENT: 180, Column.CODE: 120, Column.TASKS: 110,
                 Column.REPORTS: 70}


class OfficeDialog(QDialog):
    officesChanged = Signal()

    def __init__(self, window_context: WindowContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Offices"))
        self.window_context = window_context
        store = self.store = window_context.store
        undo_stack = self.undo_stack = window_context.undo_stack
        self.merge_dialog: MergeDialog | None = None
        self.context = DetachableContext(store, self.show_error)
        self.destroyed.connect(self.context.detach)
        window_context.changed.connect(self._changes_arrived)
        self.model = OfficeTableModel(self)
        self.model.editable = not store.readonly
        self.model.edit_requested.connect(self._edit_requested)
        self.proxy = OfficeFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("officeFilter")
        self.filter_edit.setPlaceholderText(self.tr("Filter by name or division code"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.set_fragment)
        self.table = OfficeTableView(self)
        self.table.setObjectName("officeTable")
        self.table.setModel(self.proxy)
        self.table.setItemDelegate(OfficeDelegate(self.model, self.table))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers if store.readonly else EDIT_TRIGGERS)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in COLUMN_WIDTHS.items():
            self.table.setColumnWidth(column, width)
        self.merge_button = QPushButton(self.tr("&Merge…"), self)
        self.merge_button.setEnabled(not store.readonly)
        self.merge_button.clicked.connect(lambda: self.open_merge())
        self.normalize_button = QPushButton(self.tr("&Normalise names"), self)
        self.normalize_button.setToolTip(self.tr("Rewrite names typed in full-width or traditional characters, or "
                                                 "with spaces, in the one spelling the planner matches on"))
        self.normalize_button.setEnabled(not store.readonly)
        self.normalize_button.clicked.connect(lambda: self.normalize_names())
        self.undo_action = undo_stack.createUndoAction(self, self.tr("Undo"))
        self.undo_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
        self.redo_action = undo_stack.createRedoAction(self, self.tr("Redo"))
        self.redo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Shift+Z")])
        self.addActions([self.undo_action, self.redo_action])
        self.undo_button = self._action_button(self.undo_action, self.tr("&Undo"))
        self.redo_button = self._action_button(self.redo_action, self.tr("&Redo"))
        # Bound to the buttons' own slots, so that the connections end with the dialog, not with the stack.
        self.undo_button.setEnabled(undo_stack.canUndo())
        self.redo_button.setEnabled(undo_stack.canRedo())
        self.undo_button.setToolTip(undo_stack.undoText())
        self.redo_button.setToolTip(undo_stack.redoText())
        undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        undo_stack.undoTextChanged.connect(self.undo_button.setToolTip)
        undo_stack.redoTextChanged.connect(self.redo_button.setToolTip)
        self.count_label = QLabel(self)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("officeMessage")
        self.message_label.setWordWrap(True)
        self.register = RegisterActions(self)
        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        for button in self.register.buttons():
            top.addWidget(button)
        top.addWidget(self.normalize_button)
        top.addWidget(self.merge_button)
        top.addWidget(self.undo_button)
        top.addWidget(self.redo_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addWidget(self.message_label, 1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.resize(900, 560)
        self.reload()

    def _action_button(self, action, text: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setAutoDefault(False)
        button.clicked.connect(action.trigger)
        return button

    def showEvent(self, event: QShowEvent) -> None:
        self.reload()  # an import or a plan edit may have added offices while the dialog was closed
        super().showEvent(event)

    # Loading

    def reload(self) -> None:
        self.model.set_offices(list_offices(self.store.conn), office_usage(self.store))
        self.count_label.setText(self.tr("%1 offices").replace("%1", str(self.model.rowCount())))
        self.register.refresh_hint()

    def _changes_arrived(self, changes: Changes) -> None:
        if changes.offices or changes.everything or changes.bulk:
            self.offices_changed()

    def offices_changed(self) -> None:
        self.show_message("")
        self.reload()
        self.officesChanged.emit()

    def show_message(self, text: str, style: str = "") -> None:
        """A line under the list: what was done, or why not, without a box to close."""
        self.message_label.setStyleSheet(style)
        self.message_label.setText(text)

    def show_error(self, message: str) -> None:
        QMessageBox.warning(self if self.isVisible() else self.parentWidget(), self.tr("Not saved"), message)

    def offer_reload(self, message: str, changes: Changes) -> None:
        """Someone else changed the office first: the list (and the window) read again if the clerk wants."""
        self.window_context.offer_reload(message, changes, self if self.isVisible() else self.parentWidget())

    def select_office(self, office: int) -> None:
        row = self.model.row_of(office)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, Column.NAME))
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def selected_offices(self) -> list[int]:
        rows = self.table.selectionModel().selectedRows(Column.NAME)
        return [index.data(ID_ROLE) for index in sorted(rows, key=lambda i: i.row())]

    # Changes

    def push_change(self, command: DoneCommand) -> bool:
        """Make the change; push it onto the undo stack if it changed anything. False on a refusal."""
        if push_done(self.undo_stack, command, self.show_error, self.offer_reload) is None:
            self.reload()
            return False
        return True

    def _name(self, office: int) -> str:
        return self.model.name_of(office)

    def _push_edit(self, text: str, edit) -> bool:
        return self.push_change(OfficeEditCommand(self.context, edit, text))

    def rename(self, office: int, name: str) -> bool:
        text = self.tr("Rename office %1 to %2").replace("%1", self._name(office)).replace("%2", name.strip())
        seen = self.model.office(office)
        return self._push_edit(text, lambda store: rename_office(store, office, name, seen))

    def set_kind(self, office: int, kind: str) -> bool:
        text = self.tr("Kind of %1").replace("%1", self._name(office))
        seen = self.model.office(office)
        return self._push_edit(text, lambda store: set_office_kind(store, office, kind, seen))

    def set_parent(self, office: int, parent: int | str | None) -> bool:
        """`parent` is an office id, a name typed by the user, or None for no parent office."""
        if isinstance(parent, str):
            try:
                parent = office_id(self.store.conn, parent)
            except PlannerError as exc:
                self.show_error(str(exc))
                return False
        text = self.tr("Parent office of %1").replace("%1", self._name(office))
        seen = self.model.office(office)
        return self._push_edit(text, lambda store: set_office_parent(store, office, parent, seen))

    def set_code(self, office: int, code: str) -> bool:
        text = self.tr("Division code of %1").replace("%1", self._name(office))
        seen = self.model.office(office)
        return self._push_edit(text, lambda store: set_division_code(store, office, code, seen))

    def normalize_names(self) -> int:
        """规范名称: how many names were rewritten (0 also when refused)."""
        command = OfficeEditCommand(self.context, normalize_office_names, self.tr("Normalise office names"))
        if not self.push_change(command):
            return 0
        count = len(command.changes)
        self.message_label.setText(self.tr("%1 names normalised.").replace("%1", str(count)) if count
                                   else self.tr("All names are already in their normalised form."))
        return count

    def merge(self, kept: int, merged: int) -> bool:
        text = self.tr("Merge %1 into %2").replace("%1", self._name(merged)).replace("%2", self._name(kept))
        seen = [office for office in (self.model.office(kept), self.model.office(merged)) if office is not None]
        done = self.push_change(MergeOfficesCommand(self.context, kept, merged, text, seen))
        if done:
            self.select_office(kept)
        return done

    def _edit_requested(self, office: int, field: str, value: object) -> None:
        if field == "name":
            self.rename(office, str(value))
        elif field == "kind":
            self.set_kind(office, str(value))
        elif field == "parent_id":
            assert value is None or isinstance(value, int | str), "the parent editor gives what chosen_office does"
            self.set_parent(office, value)
        elif field == "division_code":
            self.set_code(office, str(value or ""))

    # Merging

    def open_merge(self) -> MergeDialog:
        """Opens 合并单位 (not modal to the program: the office list stays readable beside it)."""
        selected = self.selected_offices()
        merged = selected[0] if selected else None
        kept = selected[1] if len(selected) > 1 else None
        if self.merge_dialog is not None:
            self.merge_dialog.deleteLater()
        self.merge_dialog = MergeDialog(self.store, self.model.offices(), merge_suggestions(self.store.conn),
                                        merged_id=merged, kept_id=kept, parent=self)
        self.merge_dialog.accepted.connect(self._merge_chosen)
        self.merge_dialog.open()
        return self.merge_dialog

    def _merge_chosen(self) -> None:
        dialog = self.merge_dialog
        if dialog is not None and dialog.kept_id is not None and dialog.merged_id is not None:
            self.merge(dialog.kept_id, dialog.merged_id)
