"""文件 → 收集填报表, or returned workbooks dropped onto the window: one line per file.

Each file is collected by `planner.exchange.collect` on the window's background worker
(a file is taken whole or not at all); the dialog only shows the results: taken
with how many reports, unchanged, superseding an earlier return, or refused with
the reason. More files can be added while the dialog is open.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.domain.model import STATUS_COLOURS, Status
from planner.domain.periods import parse_period
from planner.exchange.collect import (
    ACCEPTED,
    REFUSED,
    SUPERSEDED,
    UNCHANGED,
    CollectResult,
    CollectScope,
    collect_files,
    oldest_first,
)
from ui.common.file_dialogs import open_file_names
from ui.common.jobs import JobCancelled
from ui.common.language import is_chinese
from ui.context import WindowContext

AnyIndex = QModelIndex | QPersistentModelIndex
DEFAULT_SIZE = (980, 420)
OUTCOME_COLOURS = {ACCEPTED: STATUS_COLOURS[Status.DONE], SUPERSEDED: STATUS_COLOURS[Status.ON_TRACK],
                   UNCHANGED: STATUS_COLOURS[Status.NOT_REPORTED], REFUSED: STATUS_COLOURS[Status.BEHIND]}
FORM_FILTER = "*.xlsx *.xlsm *.xls *.ods"
MAX_COLUMN = 160
COLUMN_CAPS = {0: 300, 2: 200}  # the file name and the office may be long; the rest is short
DETAIL_HEIGHT = 90


class CollectResultsModel(QAbstractTableModel):
    COL_FILE, COL_RESULT, COL_OFFICE, COL_PERIOD, COL_REPORTS, COL_DETAILS = range(6)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.results: list[CollectResult] = []
        self._headers = [self.tr("File"), self.tr("Result"), self.tr("Office"), self.tr("Period"),
                         self.tr("Reports"), self.tr("Details")]

    def outcome_label(self, outcome: str) -> str:
        return {ACCEPTED: self.tr("Collected"), SUPERSEDED: self.tr("Collected, replaces an earlier return"),
                UNCHANGED: self.tr("Unchanged"), REFUSED: self.tr("Refused")}[outcome]

    def add(self, results: list[CollectResult]) -> None:
        if not results:
            return
        first = len(self.results)
        self.beginInsertRows(QModelIndex(), first, first + len(results) - 1)
        self.results.extend(results)
        self.endInsertRows()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.results)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def _period(self, code: str) -> str:
        if not code:
            return ""
        period = parse_period(code)
        return period.label if is_chinese() else period.label_en

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        result = self.results[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return {self.COL_FILE: result.file_name, self.COL_RESULT: self.outcome_label(result.outcome),
                    self.COL_OFFICE: result.office, self.COL_PERIOD: self._period(result.period),
                    self.COL_REPORTS: str(result.reports) if result.reports else "",
                    self.COL_DETAILS: result.message}[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(result.path) if column == self.COL_FILE else result.message
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COL_RESULT:
            return QColor(OUTCOME_COLOURS[result.outcome])
        return None


class CollectDialog(QDialog):
    """Collects `paths` as soon as it opens; emits `collected(plan_ids)` after each batch that wrote reports."""

    collected = Signal(list)
    finished_batch = Signal()

    def __init__(self, context: WindowContext, paths: Sequence[str | Path], parent: QWidget | None = None,
                 scope: CollectScope | None = None):
        super().__init__(parent)
        self.setObjectName("collectDialog")
        self.setWindowTitle(self.tr("Collect returned forms"))
        self.store = context.store
        self.runner = context.runner
        self.scope = scope or CollectScope()
        self.model = CollectResultsModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("collectResults")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # One line a file, each column as wide as what it holds (up to a cap); the whole reason is in the
        # tooltip and in the pane below, for the file chosen.
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.detail = QPlainTextEdit(self)
        self.detail.setObjectName("collectDetail")
        self.detail.setReadOnly(True)
        self.detail.setMaximumHeight(DETAIL_HEIGHT)
        self.detail.setPlaceholderText(self.tr("Choose a file to read its whole result here."))
        self.table.selectionModel().currentRowChanged.connect(lambda current, _old: self._show_detail(current.row()))
        self.summary = QLabel(self)
        self.summary.setObjectName("collectSummary")
        self.summary.setWordWrap(True)
        self.add_button = QPushButton(self.tr("&Add files…"), self)
        self.add_button.setObjectName("collectAddFiles")
        self.add_button.clicked.connect(self.choose_files)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.add_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.resize(*DEFAULT_SIZE)
        self._pending = 0
        if paths:
            self.collect(paths)
        else:
            self._show_summary()

    def choose_files(self) -> None:
        paths = open_file_names(self, self.tr("Returned fill-in forms"),
                                self.tr("Workbooks (%1)").replace("%1", FORM_FILTER))
        if paths:
            self.collect(paths)

    def collect(self, paths: Sequence[str | Path]) -> None:
        """Collect `paths` (oldest first) in the background; the results are added when they arrive."""
        ordered = oldest_first(paths)
        store, scope = self.store, self.scope
        self._pending = len(ordered)
        self.add_button.setEnabled(False)
        self.summary.setText(self.tr("Collecting %1 files…").replace("%1", str(len(ordered))))

        def job(progress):
            results: list[CollectResult] = []
            try:
                collect_files(store, ordered, scope, progress, on_result=results.append)
            except JobCancelled:
                pass
            return results

        self.runner.start(job, label=self.tr("Collecting returned forms…"), parent=self,
                          on_success=self._batch_done, on_failure=self._batch_failed)

    def _batch_done(self, results: list[CollectResult]) -> None:
        skipped = self._pending - len(results)
        self._pending = 0
        first_new = self.model.rowCount()
        self.model.add(results)
        self._fit_columns()
        if results:
            refused = next((row for row in range(first_new, self.model.rowCount())
                            if self.model.results[row].refused), first_new)
            self.table.selectRow(refused)  # the pane shows the first refusal of the batch, else its first file
        self.add_button.setEnabled(True)
        self._show_summary(skipped)
        changed = sorted({r.plan_id for r in results if r.reports and r.plan_id is not None})
        if changed:
            self.collected.emit(changed)
        self.finished_batch.emit()

    def _fit_columns(self) -> None:
        header = self.table.horizontalHeader()
        for column in range(CollectResultsModel.COL_DETAILS):
            self.table.resizeColumnToContents(column)
            header.resizeSection(column, min(header.sectionSize(column), COLUMN_CAPS.get(column, MAX_COLUMN)))

    def _show_detail(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            self.detail.clear()
            return
        result = self.model.results[row]
        self.detail.setPlainText(f"{result.path}\n{self.model.outcome_label(result.outcome)}：{result.message}")

    def _batch_failed(self, message: str) -> None:
        self._pending = 0
        self.add_button.setEnabled(True)
        self.summary.setText(message)
        self.finished_batch.emit()

    def _show_summary(self, skipped: int = 0) -> None:
        results = self.model.results
        if not results and not skipped:
            self.summary.setText(self.tr("Drop returned fill-in forms onto the window, or add them here."))
            return
        taken = sum(1 for r in results if r.outcome in (ACCEPTED, SUPERSEDED))
        unchanged = sum(1 for r in results if r.outcome == UNCHANGED)
        refused = sum(1 for r in results if r.refused)
        text = (self.tr("%1 files: %2 collected, %3 unchanged, %4 refused.")
                .replace("%1", str(len(results))).replace("%2", str(taken)).replace("%3", str(unchanged))
                .replace("%4", str(refused)))
        if skipped:
            text += " " + self.tr("Cancelled: %1 files were not collected.").replace("%1", str(skipped))
        self.summary.setText(text)

    def reject(self) -> None:
        if self._pending:
            return  # the running job's own progress dialog offers 取消
        super().reject()


def collect_returns(context: WindowContext, paths: Sequence[str | Path] | None = None,
                    scope: CollectScope | None = None) -> CollectDialog:
    """Open the collect dialog and collect `paths` (dropped files), or let the user choose files."""
    dialog = CollectDialog(context, list(paths or []), context.parent_widget, scope)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    if not paths:
        dialog.choose_files()
    return dialog
