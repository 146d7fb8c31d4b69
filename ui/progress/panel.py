"""进展填报: the grid of the chosen period and office, saving each change at once (undoably), with review."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.domain.changes import Changes
from planner.domain.errors import PlannerError
from planner.domain.model import Plan, Report, Status
from planner.progress.entry import check_report
from planner.store.progress_queries import report_facts
from planner.store.queries import current_reports
from ui.common.cell_editing import EDIT_TRIGGERS
from ui.common.done_command import DoneCommand, push_done
from ui.common.status_light import status_label
from ui.context import WindowContext
from ui.progress.commands import ReviewCommand, SubmitReportCommand
from ui.progress.detail import ProgressDetail
from ui.progress.model import Column, ProgressModel, is_returned
from ui.progress.return_dialog import ReturnDialog

SPLITTER_SIZES = (520, 260)
COLUMN_WIDTHS = {Column.LIGHT: 90, Column.SEQ: 40, Column.TASK: 200, Column.OFFICE: 130, Column.TARGET: 110,
                 Column.VALUE: 80, Column.STATUS: 90, Column.NARRATIVE: 220, Column.PROBLEMS: 160,
                 Column.NEXT_STEPS: 160, Column.COMPLETION: 70, Column.REVIEW: 90}

AnyIndex = QModelIndex | QPersistentModelIndex


class ProgressDelegate(QStyledItemDelegate):
    """A number field whose light follows the keys, and a status drop-down."""

    def __init__(self, model: ProgressModel, parent=None):
        super().__init__(parent)
        self._model = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:
        if index.column() == Column.VALUE:
            editor = QLineEdit(parent)
            validator = QDoubleValidator(0.0, 1e12, 4, editor)
            validator.setNotation(QDoubleValidator.Notation.StandardNotation)
            editor.setValidator(validator)
            row = index.row()
            editor.textEdited.connect(lambda text: self._model.preview_value(row, text))
            editor.destroyed.connect(lambda *_: self._model.end_preview(row) if row < self._model.rowCount() else None)
            return editor
        if index.column() == Column.STATUS:
            choices = QComboBox(parent)
            choices.addItem("", "")
            for status in (Status.DONE, Status.ON_TRACK, Status.BEHIND):
                choices.addItem(status_label(status), status.value)
            return choices
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)


class ProgressPanel(QWidget):
    """The reporting office's and the coordinator's view of the context's plan, period and office."""

    def __init__(self, context: WindowContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.store = context.store
        self.undo_stack = context.undo_stack
        self.plan: Plan | None = None
        self.model = ProgressModel(self)
        self.model.edit_requested.connect(self._edit_requested)
        self.table = QTableView(self)
        self.table.setObjectName("progressTable")
        self.table.setModel(self.model)
        self.table.setItemDelegate(ProgressDelegate(self.model, self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.readonly = False
        self.table.setEditTriggers(EDIT_TRIGGERS)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in COLUMN_WIDTHS.items():
            self.table.setColumnWidth(column, width)
        self.detail = ProgressDetail(self, self)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _old: self._show_detail(current))
        self.summary = QLabel(self)
        self.accept_button = QPushButton(self.tr("&Accept"), self)
        self.return_button = QPushButton(self.tr("Ret&urn…"), self)
        self.accept_button.clicked.connect(self.accept_current)
        self.return_button.clicked.connect(lambda: self.return_current())
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.return_button)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes(list(SPLITTER_SIZES))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)
        self.set_readonly(context.readonly)

    def set_readonly(self, readonly: bool) -> None:
        """A database opened read-only (open in another window) can be looked at, not changed."""
        self.readonly = readonly
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers if readonly else EDIT_TRIGGERS)
        self.detail.setEnabled(not readonly)
        self._update_buttons()

    # Context

    def show_context(self) -> None:
        """The context's plan, period and office, counting co-operating offices as the settings say."""
        self.detail.save_unsaved_texts()  # typed for the rows shown until now, saved before they go
        context = self.context
        plan, period = context.plan, context.period
        self.plan = plan
        self.model.lead_only = context.settings.lead_only
        if plan is None or period is None:
            self.model.set_context(None, None, None, [], [])
        else:
            assert plan.id is not None, "the plan on screen was read from the database"
            self.model.set_context(plan, period.code, context.office, report_facts(self.store.conn, plan.id, period),
                                   current_reports(self.store.conn, plan.id, period.code))
        self._show_detail(self.table.currentIndex())
        self._update_summary()

    def refresh(self) -> None:
        self.show_context()

    def unsaved_edits(self) -> bool:
        return self.detail.has_unsaved_texts()

    def save_unsaved_edits(self) -> bool:
        return self.detail.save_unsaved_texts()

    def discard_unsaved_edits(self) -> None:
        self.detail.discard_unsaved_texts()

    def current_plan(self) -> Plan | None:
        return self.plan

    def apply_changes(self, changes: Changes) -> None:
        """After a write that kept the plan's shape: the rows of the tasks whose progress or targets changed."""
        for task_id in sorted(changes.progress | changes.tasks):
            self.refresh_task(task_id)

    def refresh_task(self, task_id: int) -> None:
        if self.plan is None or self.model.period is None:
            return
        plan_id, period = self.plan.id, self.model.period
        assert plan_id is not None, "the plan on screen was read from the database"
        self.model.reload_task(task_id, report_facts(self.store.conn, plan_id, period, task_id),
                               current_reports(self.store.conn, plan_id, period.code, task_id))
        self._show_detail(self.table.currentIndex())
        self._update_summary()

    def show_error(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("Not saved"), message)

    def offer_reload(self, message: str, changes: Changes) -> None:
        """Someone else changed the report first: say who and when, and show theirs if the clerk wants."""
        self.context.offer_reload(message, changes, self)

    def _update_summary(self) -> None:
        counts = {status: 0 for status in Status}
        returned = 0
        for row in range(self.model.rowCount()):
            counts[self.model.evaluation(row).status] += 1
            returned += is_returned(self.model.row_at(row).report)
        text = "   ".join(f"{status_label(s)} {n}" for s, n in counts.items())
        if returned:
            text += "   " + self.tr("(%1 returned)").replace("%1", str(returned))
        self.summary.setText(text)

    # Saving

    def push_change(self, command: DoneCommand) -> bool:
        """Make the change; push it onto the undo stack if it changed anything. False on a refusal."""
        return push_done(self.undo_stack, command, self.show_error, self.offer_reload) is not None

    def _edit_requested(self, row: int, field: str, value: object) -> None:
        report = self.model.report_with(row, field, value)
        assert self.plan is not None, "edits come from the rows of the plan on screen"
        try:
            check_report(self.plan, report)
        except PlannerError as exc:
            self.show_error(str(exc))
            self.model.end_preview(row)
            return
        item = self.model.row_at(row)
        text = self.tr("Progress of %1 (%2)").replace("%1", item.task.name).replace("%2", item.office)
        self.push_change(SubmitReportCommand(self, report, text, _revision_on_screen(item.report)))

    def save_texts(self, row: int, narrative: str, problems: str, next_steps: str) -> bool:
        """The detail form's 保存: the three long texts in one revision."""
        report = self.model.report_with(row, "narrative", narrative)
        report.problems, report.next_steps = problems, next_steps
        item = self.model.row_at(row)
        return self.push_change(SubmitReportCommand(
            self, report, self.tr("Progress of %1 (%2)").replace("%1", item.task.name).replace("%2", item.office),
            _revision_on_screen(item.report)))

    # Review

    def _current_report(self):
        index = self.table.currentIndex()
        return self.model.row_at(index.row()).report if index.isValid() else None

    def _update_buttons(self) -> None:
        report = None if self.readonly else self._current_report()
        self.accept_button.setEnabled(report is not None and report.review != "accepted")
        self.return_button.setEnabled(report is not None and report.review != "returned")

    def accept_current(self) -> bool:
        report = self._current_report()
        if report is None:
            return False
        return self.push_change(ReviewCommand(self, report, "accepted", "", self.tr("Accept report")))

    def return_current(self, reason: str | None = None) -> bool:
        """退回…: asks for the reason (the dialog stays open until there is one) unless it is given."""
        report = self._current_report()
        if report is None:
            return False
        if reason is None:
            item = self.model.row_at(self.table.currentIndex().row())
            dialog = ReturnDialog(f"{item.task.seq} {item.task.name}（{item.office}）", self)
            if dialog.exec() != ReturnDialog.DialogCode.Accepted:
                return False
            reason = dialog.reason_text()
        return self.push_change(ReviewCommand(self, report, "returned", reason, self.tr("Return report")))

    def _show_detail(self, index: QModelIndex) -> None:
        row = index.row() if index.isValid() and index.row() < self.model.rowCount() else None
        self.detail.show_row(row)
        self._update_buttons()


def _revision_on_screen(report: Report | None) -> int:
    return report.revision if report is not None else 0
