"""修改记录: who changed what and when, filtered by task, office, person and date, with old → new values.

The dialog only gathers the filter and shows what `planner.store.audit_queries`
finds. The query answers in well under a second even on a large log, so it runs
on the GUI thread; the number of rows shown is capped instead.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.domain.errors import PlannerError
from planner.store.audit_queries import AuditEntry, AuditFilter, find_audit
from planner.store.audit_text import change_lines, object_kind
from planner.store.queries import plan_offices
from ui.common.language import QT_TRANSLATE_NOOP
from ui.common.times import shown_time
from ui.context import WindowContext

COL_TIME, COL_OFFICE, COL_PERSON, COL_ACTION, COL_OBJECT, COL_CHANGES, COL_NOTE = range(7)
HEADERS = (
    QT_TRANSLATE_NOOP("AuditTableModel", "Time"),
    QT_TRANSLATE_NOOP("AuditTableModel", "Office"),
    QT_TRANSLATE_NOOP("AuditTableModel", "Changed by"),
    QT_TRANSLATE_NOOP("AuditTableModel", "Action"),
    QT_TRANSLATE_NOOP("AuditTableModel", "Record"),
    QT_TRANSLATE_NOOP("AuditTableModel", "Changes"),
    QT_TRANSLATE_NOOP("AuditTableModel", "Note"),
)
ACTION_NAMES = {
    "insert": QT_TRANSLATE_NOOP("AuditTableModel", "Added"),
    "update": QT_TRANSLATE_NOOP("AuditTableModel", "Changed"),
    "delete": QT_TRANSLATE_NOOP("AuditTableModel", "Deleted"),
    "bulk": QT_TRANSLATE_NOOP("AuditTableModel", "Bulk"),
    "upgrade": QT_TRANSLATE_NOOP("AuditTableModel", "Upgrade"),
}

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole + 2

# A 4,000-character 进展情况 would make one row fill the screen: cells show the start of
# each value and a few lines, the tooltip shows everything.
CELL_VALUE_CHARS = 60
CELL_MAX_LINES = 6
# Enough for a season of reports; older records are one narrower filter away.
SHOWN_LIMIT = 2000
ROWS_PER_BATCH = 40

AnyIndex = QModelIndex | QPersistentModelIndex


def _translate(text: str) -> str:
    return QCoreApplication.translate("AuditTableModel", text)


class AuditTableModel(QAbstractTableModel):
    """Read-only rows of audit entries, newest first as given; SORT_ROLE sorts time by record order."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._entries: list[AuditEntry] = []

    def set_entries(self, entries: list[AuditEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entry_at(self, row: int) -> AuditEntry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(HEADERS):
            return _translate(HEADERS[section])
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        entry = self.entry_at(index.row()) if index.isValid() else None
        if entry is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(entry, column)
        if role == SORT_ROLE:
            # The log is in record order; ties within one second stay in the order they were written.
            return entry.id if column == COL_TIME else self._display(entry, column)
        if role == ENTRY_ID_ROLE:
            return entry.id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    def _display(self, entry: AuditEntry, column: int) -> str:
        if column == COL_TIME:
            return shown_time(entry.at)
        if column == COL_OFFICE:
            return entry.office
        if column == COL_PERSON:
            return entry.person
        if column == COL_ACTION:
            return _translate(ACTION_NAMES[entry.action]) if entry.action in ACTION_NAMES else entry.action
        if column == COL_OBJECT:
            return "\n".join(part for part in (object_kind(entry), entry.subject) if part)
        if column == COL_CHANGES:
            lines = change_lines(entry, CELL_VALUE_CHARS, with_ids=False)
            if len(lines) > CELL_MAX_LINES:
                lines = lines[:CELL_MAX_LINES - 1] + ["…"]
            return "\n".join(lines)
        if column == COL_NOTE:
            return entry.note
        return ""

    def _tooltip(self, entry: AuditEntry, column: int) -> str | None:
        if column == COL_CHANGES:
            return "\n".join(change_lines(entry, with_ids=False)) or None
        if column == COL_OBJECT:
            return entry.subject or None
        return None


class AuditDialog(QDialog):
    """The change log of the database, opened on one plan: its tasks and offices fill the filter choices."""

    def __init__(self, context: WindowContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("auditDialog")
        self.setWindowTitle(self.tr("Change log"))
        self.resize(1100, 640)
        self.store = context.store
        assert context.plan is not None, "the change log opens on the plan on screen"
        self.plan = context.plan
        self._build_filter_bar()
        self.model = AuditTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = self._build_table()
        # Measuring wrapped text takes about a millisecond a row: the rows in view are sized at
        # once, the rest in small batches while the program is idle, so the dialog never stalls.
        self._next_unsized = 0
        self._row_sizer = QTimer(self)
        self._row_sizer.setInterval(0)
        self._row_sizer.timeout.connect(self._size_next_rows)
        self.table.horizontalHeader().sectionResized.connect(self._column_resized)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("auditStatus")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        for button in buttons.buttons():
            if isinstance(button, QPushButton):  # the box makes QPushButtons; its API gives QAbstractButton
                button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addLayout(self.filter_bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(buttons)
        self.refresh()

    def _build_filter_bar(self) -> None:
        self.task_combo = QComboBox(self)
        self.task_combo.addItem(self.tr("All"), None)
        for task in self.plan.tasks:
            self.task_combo.addItem(f"{task.seq} {task.name}".strip(), task.id)
        self.task_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.task_combo.setMinimumContentsLength(24)
        self.office_combo = QComboBox(self)
        self.office_combo.setEditable(True)
        self.office_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.office_combo.addItem("")
        self.office_combo.addItems(plan_offices(self.store.conn, self.plan.id) if self.plan.id is not None else [])
        self.office_combo.setMinimumContentsLength(14)
        office_line = self.office_combo.lineEdit()
        assert office_line is not None, "the combo box was made editable above"
        office_line.setPlaceholderText(self.tr("All offices"))
        self.person_edit = QLineEdit(self)
        self.person_edit.setPlaceholderText(self.tr("Anyone"))
        today = QDate.currentDate()
        self.from_check = QCheckBox(self.tr("From"), self)
        self.from_date = self._date_edit(today.addMonths(-3))
        self.to_check = QCheckBox(self.tr("to"), self)
        self.to_date = self._date_edit(today)
        self.from_check.toggled.connect(self.from_date.setEnabled)
        self.to_check.toggled.connect(self.to_date.setEnabled)
        # The default button: Enter in any field of the filter runs the search.
        self.search_button = QPushButton(self.tr("&Search"), self)
        self.search_button.setDefault(True)
        self.search_button.clicked.connect(self.refresh)
        self.task_combo.currentIndexChanged.connect(self.refresh)
        self.office_combo.activated.connect(self.refresh)

        def label(text: str, buddy: QWidget) -> QLabel:
            made = QLabel(text, self)
            made.setBuddy(buddy)
            return made

        bar = QGridLayout()
        bar.addWidget(label(self.tr("&Task:"), self.task_combo), 0, 0)
        bar.addWidget(self.task_combo, 0, 1, 1, 3)
        bar.addWidget(label(self.tr("&Office:"), self.office_combo), 0, 4)
        bar.addWidget(self.office_combo, 0, 5)
        bar.addWidget(label(self.tr("&Changed by:"), self.person_edit), 1, 0)
        bar.addWidget(self.person_edit, 1, 1)
        bar.addWidget(self.from_check, 1, 2)
        bar.addWidget(self.from_date, 1, 3)
        bar.addWidget(self.to_check, 1, 4)
        bar.addWidget(self.to_date, 1, 5)
        bar.addWidget(self.search_button, 0, 6, 2, 1)
        bar.setColumnStretch(1, 1)
        bar.setColumnStretch(5, 1)
        self.filter_bar = bar

    def _date_edit(self, date: QDate) -> QDateEdit:
        edit = QDateEdit(date, self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setEnabled(False)
        return edit

    def _build_table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("auditTable")
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(COL_TIME, Qt.SortOrder.DescendingOrder)
        table.setWordWrap(True)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_CHANGES, QHeaderView.ResizeMode.Stretch)
        character = table.fontMetrics().horizontalAdvance("中")
        for column, chars in ((COL_TIME, 11), (COL_OFFICE, 8), (COL_PERSON, 5), (COL_ACTION, 4), (COL_OBJECT, 14),
                              (COL_NOTE, 8)):
            header.resizeSection(column, chars * character + 12)
        return table

    def _column_resized(self, column: int, _old: int, _new: int) -> None:
        if column in (COL_OBJECT, COL_CHANGES, COL_NOTE):
            self._resize_rows()

    def _resize_rows(self) -> None:
        first = max(self.table.rowAt(0), 0)
        last = self.table.rowAt(self.table.viewport().height())
        last = self.proxy.rowCount() - 1 if last < 0 else last
        for row in range(first, min(last + 1, first + ROWS_PER_BATCH)):
            self.table.resizeRowToContents(row)
        self._next_unsized = 0
        self._row_sizer.start()

    def _size_next_rows(self) -> None:
        end = min(self._next_unsized + ROWS_PER_BATCH, self.proxy.rowCount())
        for row in range(self._next_unsized, end):
            self.table.resizeRowToContents(row)
        self._next_unsized = end
        if end >= self.proxy.rowCount():
            self._row_sizer.stop()

    def current_filter(self) -> AuditFilter:
        return AuditFilter(
            task_id=self.task_combo.currentData(),
            office=self.office_combo.currentText().strip() or None,
            person=self.person_edit.text().strip() or None,
            date_from=self.from_date.date().toString("yyyy-MM-dd") if self.from_check.isChecked() else None,
            date_to=self.to_date.date().toString("yyyy-MM-dd") if self.to_check.isChecked() else None,
            limit=SHOWN_LIMIT,
        )

    def refresh(self) -> None:
        try:
            entries = find_audit(self.store.conn, self.current_filter())
        except PlannerError as exc:
            self.model.set_entries([])
            self.status_label.setText(str(exc))
            return
        self.model.set_entries(entries)
        self._resize_rows()
        if len(entries) >= SHOWN_LIMIT:
            self.status_label.setText(self.tr("Showing the newest %1 records; narrow the filter to see older ones.")
                                      .replace("%1", str(SHOWN_LIMIT)))
        else:
            self.status_label.setText(self.tr("%1 records").replace("%1", str(len(entries))))
