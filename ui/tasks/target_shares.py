"""One period's target split by office: how each typed target is understood, and the shares as a grid.

Each share's reading is `ui.tasks.target_text.target_reading`.
`SharesModel` holds the per-office targets of one period, and `share_sum` says
how their total compares with the plan-wide target (the dialog shows it in a
sum row pinned under the grid, so that it stays in view over 18 districts). The model never
saves anything: an edit is announced by `edited(row)` and the owner saves it and calls
`sync` with the stored targets, which updates the rows in place so that an open
editor and the current cell stay where they are. `SharesTable` is its grid for
the keyboard: Tab through the editable cells, Enter edits, Insert adds a row,
Delete removes one; office names complete as they are typed.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum, IntEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QCompleter,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
    QWidget,
)

from planner.domain.model import Target
from planner.domain.office_names import normalize_office_name
from planner.domain.target_building import make_target
from planner.sheets.office_sums import same_amount
from ui.common.cell_editing import EDIT_TRIGGERS, edit_on_enter
from ui.tasks.target_text import filled, format_number, kind_label, quantity_text, target_reading

AnyIndex = QModelIndex | QPersistentModelIndex

UNREADABLE_COLOR = "#E65100"
MISMATCH_COLOR = "#C62828"
MATCH_COLOR = "#2E7D32"
PLACEHOLDER_COLOR = "#9E9E9E"


def amount_text(value: float, unit: str | None) -> str:
    return f"{format_number(float(value))} {unit}" if unit else format_number(float(value))


class SumState(Enum):
    NONE = "none"            # no per-office targets
    UNCHECKED = "unchecked"  # they cannot be compared with the plan-wide target
    MATCH = "match"
    MISMATCH = "mismatch"


def share_sum(plan_wide: Target | None, shares: list[Target]) -> tuple[str, SumState]:
    """The total of the shares against the plan-wide target, in words, and whether they agree."""
    if not shares:
        return QCoreApplication.translate("TargetShares", "Total: no per-office targets for this period"), SumState.NONE
    unreadable = sum(1 for t in shares if t.value is None)
    if unreadable:
        line = QCoreApplication.translate(
            "TargetShares", "Total: %1 of the per-office targets state no quantity and cannot be added up")
        return filled(line, str(unreadable)), SumState.UNCHECKED
    wide_value = plan_wide.value if plan_wide is not None else None
    wide_unit = plan_wide.unit if plan_wide is not None and wide_value is not None else None
    unit = wide_unit or next((t.unit for t in shares if t.unit), None)
    total = math.fsum(t.value for t in shares if t.value is not None)
    total_text = amount_text(total, unit)
    if plan_wide is None or wide_value is None:
        line = QCoreApplication.translate("TargetShares", "Total %1 (the plan-wide target states no quantity)")
        return filled(line, total_text), SumState.UNCHECKED
    if plan_wide.kind == "ratio":
        return QCoreApplication.translate("TargetShares", "Per-office ratios are not added up"), SumState.UNCHECKED
    wide_text = amount_text(wide_value, wide_unit)
    if {t.unit for t in shares if t.unit} - {wide_unit}:
        line = QCoreApplication.translate("TargetShares", "Total %1: the units differ from the plan-wide %2")
        return filled(line, total_text, wide_text), SumState.UNCHECKED
    if same_amount(total, wide_value):
        line, state = QCoreApplication.translate("TargetShares", "Total %1 = plan-wide %2"), SumState.MATCH
    else:
        line, state = QCoreApplication.translate("TargetShares", "Total %1 ≠ plan-wide %2"), SumState.MISMATCH
    return filled(line, total_text, wide_text), state


SUM_COLOURS = {SumState.MISMATCH: (MISMATCH_COLOR, "#FFEBEE"), SumState.MATCH: (MATCH_COLOR, "#E8F5E9"),
               SumState.UNCHECKED: (UNREADABLE_COLOR, "#FFF3E0"), SumState.NONE: ("#616161", "#FAFAFA")}


def sum_style(state: SumState) -> str:
    """The sum row under the grid: red when the shares do not add up, green when they do."""
    colour, background = SUM_COLOURS[state]
    return (f"color:{colour}; background:{background}; font-weight:bold; border:1px solid #BDBDBD;"
            " border-top:none; padding:4px 6px;")


class Column(IntEnum):
    OFFICE = 0
    TEXT = 1
    UNDERSTOOD = 2


EDITABLE_COLUMNS = (Column.OFFICE, Column.TEXT)


@dataclass(eq=False)
class ShareRow:
    office: str = ""
    text: str = ""
    stored: Target | None = None  # as saved; None for a row not saved yet
    draft: str | None = None      # the text being typed in the cell editor


def office_key(name: str) -> str:
    return normalize_office_name(name) if name.strip() else ""


class SharesModel(QAbstractTableModel):
    edited = Signal(int)
    sum_changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[ShareRow] = []
        self.period = ""
        self.kind: str | None = None
        self.plan_wide: Target | None = None

    # Contents

    def reset(self, period: str, kind: str | None, plan_wide: Target | None, shares: list[Target]) -> None:
        self.beginResetModel()
        self.period, self.kind, self.plan_wide = period, kind, plan_wide
        self.rows = [ShareRow(t.office or "", t.text, t) for t in shares]
        self.endResetModel()
        self.sum_changed.emit()

    def sync(self, kind: str | None, plan_wide: Target | None, shares: list[Target]) -> None:
        """The stored shares of the same period: rows follow them in place; unsaved rows stay."""
        self.kind, self.plan_wide = kind, plan_wide
        unclaimed = {t.office: t for t in shares}
        for row in list(self.rows):
            keys = ([row.stored.office] if row.stored is not None else []) + [office_key(row.office)]
            found = next((unclaimed.pop(key) for key in keys if key in unclaimed), None)
            if found is not None:
                row.office, row.text, row.stored = found.office or "", found.text, found
            elif row.stored is not None:
                position = self.rows.index(row)
                self.beginRemoveRows(QModelIndex(), position, position)
                self.rows.remove(row)
                self.endRemoveRows()
        added = [t for t in shares if t.office in unclaimed]
        if added:
            start = len(self.rows)
            self.beginInsertRows(QModelIndex(), start, start + len(added) - 1)
            self.rows.extend(ShareRow(t.office or "", t.text, t) for t in added)
            self.endInsertRows()
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(Column) - 1))
        self.sum_changed.emit()

    def add_row(self) -> int:
        position = len(self.rows)
        self.beginInsertRows(QModelIndex(), position, position)
        self.rows.append(ShareRow())
        self.endInsertRows()
        return position

    def drop_row(self, position: int) -> None:
        self.beginRemoveRows(QModelIndex(), position, position)
        del self.rows[position]
        self.endRemoveRows()
        self.sum_changed.emit()

    def set_draft(self, position: int, text: str | None) -> None:
        """Show how the text being typed into a row is understood, before it is saved."""
        if 0 <= position < len(self.rows):
            self.rows[position].draft = text
            self.dataChanged.emit(self.index(position, Column.UNDERSTOOD), self.index(position, Column.UNDERSTOOD))
            self.sum_changed.emit()

    # Reading

    def is_share_row(self, position: int) -> bool:
        return 0 <= position < len(self.rows)

    def row_target(self, row: ShareRow) -> Target | None:
        text = row.draft if row.draft is not None else row.text
        if not text.strip():
            return None
        if row.stored is not None and row.stored.text == text:
            return row.stored
        return make_target(self.period, text, office=office_key(row.office) or None, kind=self.kind)

    def shares(self) -> list[Target]:
        return [target for target in map(self.row_target, self.rows) if target is not None]

    def sum_line(self) -> tuple[str, SumState]:
        return share_sum(self.plan_wide, self.shares())

    # The Qt model

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Office"), self.tr("Target as written"), self.tr("Understood as"))[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.is_share_row(index.row()) and index.column() in EDITABLE_COLUMNS:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.EditRole:
            return row.office if column == Column.OFFICE else row.text if column == Column.TEXT else None
        if column == Column.OFFICE:
            return self._office_data(row, role)
        if column == Column.TEXT:
            return row.text if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole) else None
        return self._understood_data(row, role)

    def _office_data(self, row: ShareRow, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return row.office or self.tr("(type an office)")
        if role == Qt.ItemDataRole.ForegroundRole and not row.office:
            return QBrush(QColor(PLACEHOLDER_COLOR))
        return None

    def _understood_data(self, row: ShareRow, role: int):
        target = self.row_target(row)
        if role == Qt.ItemDataRole.DisplayRole:
            if target is None:
                return ""
            if not row.office.strip():
                return self.tr("Type the office to save this target")
            if target.value is None:
                return self.tr("No quantity: kept as text (%1)").replace("%1", kind_label(target.kind))
            return f"{quantity_text(target)} · {kind_label(target.kind)}"
        if role == Qt.ItemDataRole.ToolTipRole and target is not None:
            return target_reading(target)[0]
        if role == Qt.ItemDataRole.ForegroundRole and target is not None and (
                target.value is None or not row.office.strip()):
            return QBrush(QColor(UNREADABLE_COLOR))
        return None

    def setData(self, index: AnyIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (index.flags() & Qt.ItemFlag.ItemIsEditable):
            return False
        row = self.rows[index.row()]
        value = str(value or "").strip()
        old = row.office if index.column() == Column.OFFICE else row.text
        row.draft = None
        if value == old:
            self.set_draft(index.row(), None)
            return False
        if index.column() == Column.OFFICE:
            row.office = value
        else:
            row.text = value
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(Column) - 1))
        self.sum_changed.emit()
        self.edited.emit(index.row())
        return True


class OfficeDelegate(QStyledItemDelegate):
    """Line editors for the grid: office names complete as typed; a target's reading follows the typing."""

    def __init__(self, offices: list[str], model: SharesModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.offices, self.model = offices, model

    def createEditor(self, parent: QWidget, option, index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setFrame(False)
        if index.column() == Column.OFFICE:
            completer = QCompleter(QStringListModel(self.offices, editor), editor)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            editor.setCompleter(completer)
        else:
            row = index.row()
            editor.textEdited.connect(lambda text: self.model.set_draft(row, text))
        return editor

    def destroyEditor(self, editor: QWidget, index) -> None:
        if index.isValid() and index.column() == Column.TEXT:
            self.model.set_draft(index.row(), None)
        super().destroyEditor(editor, index)


class SharesTable(QTableView):
    """The grid of shares: Tab goes through the editable cells only, Enter edits, Insert adds, Delete removes."""

    def __init__(self, model: SharesModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setModel(model)
        self.shares = model
        self.add_requested: Callable[[], None] = lambda: None
        self.remove_requested: Callable[[int], None] = lambda row: None
        self.setEditTriggers(EDIT_TRIGGERS)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(Column.OFFICE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.TEXT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.UNDERSTOOD, QHeaderView.ResizeMode.Interactive)
        width = self.fontMetrics().horizontalAdvance("国")
        self.setColumnWidth(Column.OFFICE, width * 9)
        self.setColumnWidth(Column.UNDERSTOOD, width * 16)

    def _editable_cells(self) -> list[QModelIndex]:
        return [self.shares.index(row, column) for row in range(len(self.shares.rows)) for column in EDITABLE_COLUMNS]

    def moveCursor(self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier) -> QModelIndex:
        if action not in (QAbstractItemView.CursorAction.MoveNext, QAbstractItemView.CursorAction.MovePrevious):
            return super().moveCursor(action, modifiers)
        cells = self._editable_cells()
        current = self.currentIndex()
        place = next((i for i, cell in enumerate(cells) if cell == current), None)
        forward = action == QAbstractItemView.CursorAction.MoveNext
        if place is None:
            return QModelIndex()
        place += 1 if forward else -1
        return cells[place] if 0 <= place < len(cells) else QModelIndex()

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        # Tab from the last cell (or Shift+Tab from the first) leaves the grid instead of stopping in it.
        leaving = None
        if hint in (QAbstractItemDelegate.EndEditHint.EditNextItem, QAbstractItemDelegate.EndEditHint.EditPreviousItem):
            forward = hint == QAbstractItemDelegate.EndEditHint.EditNextItem
            action = QAbstractItemView.CursorAction.MoveNext if forward else QAbstractItemView.CursorAction.MovePrevious
            if not self.moveCursor(action, Qt.KeyboardModifier.NoModifier).isValid():
                leaving, hint = forward, QAbstractItemDelegate.EndEditHint.NoHint
        super().closeEditor(editor, hint)
        if leaving is not None:
            self.focusNextPrevChild(leaving)

    def focusNextPrevChild(self, next: bool) -> bool:
        if self.state() != QAbstractItemView.State.EditingState:
            action = QAbstractItemView.CursorAction.MoveNext if next else QAbstractItemView.CursorAction.MovePrevious
            if not self.moveCursor(action, Qt.KeyboardModifier.NoModifier).isValid():
                return QWidget.focusNextPrevChild(self, next)
        return super().focusNextPrevChild(next)

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        cells = self._editable_cells()
        if not cells:
            return
        if event.reason() == Qt.FocusReason.TabFocusReason:
            self.setCurrentIndex(cells[0])
        elif event.reason() == Qt.FocusReason.BacktabFocusReason:
            self.setCurrentIndex(cells[-1])
        elif not self.currentIndex().isValid():
            self.setCurrentIndex(cells[0])

    def keyPressEvent(self, event) -> None:
        key = event.key()
        editing = self.state() == QAbstractItemView.State.EditingState
        if key == Qt.Key.Key_Insert and not editing:
            self.add_requested()
        elif key == Qt.Key.Key_Delete and not editing:
            if self.shares.is_share_row(self.currentIndex().row()):
                self.remove_requested(self.currentIndex().row())
        elif not edit_on_enter(self, event):
            super().keyPressEvent(event)
