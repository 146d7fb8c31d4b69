"""The office list as a table: name, kind, parent office, division code, tasks and reports.

The model holds the offices in id order and never changes anything itself: an edit
in a cell is announced by `edit_requested(office_id, field, value)`, and the owner
makes the change (undoably) and calls `set_offices` again. When the set of offices
is the same, `set_offices` updates the rows in place, so the view keeps its current
cell (Tab after an edit moves on from there). `OfficeFilterModel` sorts (names in
pinyin order) and filters by name or code, matching full-width and traditional input.
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QCollator,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)

from planner.domain.model import Office
from planner.domain.office_names import to_simplified
from planner.offices.edit import KINDS, OfficeUsage

AnyIndex = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


class Column(IntEnum):
    NAME = 0
    KIND = 1
    PARENT = 2
    CODE = 3
    TASKS = 4
    REPORTS = 5


EDITABLE = {Column.NAME: "name", Column.KIND: "kind", Column.PARENT: "parent_id", Column.CODE: "division_code"}


def _stored_id(office: Office) -> int:
    assert office.id is not None, "the table lists offices read from the database"
    return office.id


class OfficeTableModel(QAbstractTableModel):
    edit_requested = Signal(int, str, object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._offices: list[Office] = []
        self._usage: dict[int, OfficeUsage] = {}
        self._names: dict[int, str] = {}
        self.editable = True

    def kind_labels(self) -> dict[str, str]:
        labels = {"department": self.tr("Department"), "county": self.tr("County / district"),
                  "township": self.tr("Township / subdistrict"), "other": self.tr("Other")}
        return {kind: labels[kind] for kind in KINDS}

    def set_offices(self, offices: list[Office], usage: dict[int, OfficeUsage]) -> None:
        ordered = sorted(offices, key=_stored_id)
        same = [o.id for o in ordered] == [o.id for o in self._offices]
        if not same:
            self.beginResetModel()
        self._offices, self._usage = ordered, usage
        self._names = {_stored_id(o): o.name for o in ordered}
        if same:
            if ordered:
                self.dataChanged.emit(self.index(0, 0), self.index(len(ordered) - 1, len(Column) - 1))
        else:
            self.endResetModel()

    def office_at(self, row: int) -> Office:
        return self._offices[row]

    def offices(self) -> list[Office]:
        return list(self._offices)

    def office(self, office_id: int) -> Office | None:
        """The office as the list shows it (what an edit of it started from)."""
        return next((office for office in self._offices if office.id == office_id), None)

    def name_of(self, office_id: int | None) -> str:
        return self._names.get(office_id, "") if office_id is not None else ""

    def row_of(self, office_id: int) -> int | None:
        return next((row for row, office in enumerate(self._offices) if office.id == office_id), None)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._offices)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {Column.NAME: self.tr("Office"), Column.KIND: self.tr("Kind"), Column.PARENT: self.tr("Parent office"),
                Column.CODE: self.tr("Division code"), Column.TASKS: self.tr("Tasks (lead / co)"),
                Column.REPORTS: self.tr("Reports")}[Column(section)]

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self.editable and index.isValid() and index.column() in EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        office = self._offices[index.row()]
        usage = self._usage.get(_stored_id(office), OfficeUsage())
        column = Column(index.column())
        if role == ID_ROLE:
            return office.id
        if role == Qt.ItemDataRole.EditRole:
            return {Column.NAME: office.name, Column.KIND: office.kind, Column.PARENT: office.parent_id,
                    Column.CODE: office.division_code or ""}.get(column)
        if role == SORT_ROLE:
            return {Column.KIND: KINDS.index(office.kind) if office.kind in KINDS else len(KINDS),
                    Column.PARENT: self.name_of(office.parent_id), Column.CODE: office.division_code or "",
                    Column.TASKS: usage.led + usage.co, Column.REPORTS: usage.reports}.get(column, office.name)
        if role == Qt.ItemDataRole.DisplayRole:
            return {Column.NAME: office.name, Column.KIND: self.kind_labels().get(office.kind, office.kind),
                    Column.PARENT: self.name_of(office.parent_id), Column.CODE: office.division_code or "",
                    Column.TASKS: f"{usage.led} / {usage.co}", Column.REPORTS: str(usage.reports)}[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (Column.TASKS, Column.REPORTS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: AnyIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() not in EDITABLE:
            return False
        office = self._offices[index.row()]
        if value == self.data(index, Qt.ItemDataRole.EditRole):
            return False
        self.edit_requested.emit(office.id, EDITABLE[Column(index.column())], value)
        return True


class OfficeFilterModel(QSortFilterProxyModel):
    """Sorted by the chosen column, names in pinyin order; filtered by a fragment of the name or of the code."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._fragment = ""
        self._collator = QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        self.setSortRole(SORT_ROLE)

    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:
        first, second = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if isinstance(first, str) and isinstance(second, str):
            return self._collator.compare(first, second) < 0
        return first < second

    def set_fragment(self, text: str) -> None:
        self.beginFilterChange()
        self._fragment = "".join(to_simplified(text).split())
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self._fragment:
            return True
        model = self.sourceModel()
        assert isinstance(model, OfficeTableModel), "the filter is set over the office table"
        office = model.office_at(source_row)
        return self._fragment in office.name or self._fragment in (office.division_code or "")
