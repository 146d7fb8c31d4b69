"""The progress grid: one row per task and responsible office for the chosen period, with its light.

The model answers from memory: the plan, the current reports of the period and
the report facts of the year are loaded once per plan/period, and after a save
only the saved task is read again. A value being typed can be previewed
(`preview_value`): the row's light follows the keyboard before anything is saved.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from planner.domain.model import Plan, Report, Status, Task
from planner.domain.percentages import completion_text
from planner.domain.period_status import responsible_offices
from planner.domain.periods import Period, parse_period
from planner.domain.status import Evaluation, ReportFact, evaluate, target_for
from ui.common.status_light import light_icon, status_label
from ui.tasks.target_text import format_number, quantity_text

AnyIndex = QModelIndex | QPersistentModelIndex
STATUS_ROLE = Qt.ItemDataRole.UserRole + 1
RETURNED_BACKGROUND = QColor("#FDECEA")


class Column(IntEnum):
    LIGHT = 0
    SEQ = 1
    TASK = 2
    OFFICE = 3
    TARGET = 4
    VALUE = 5
    STATUS = 6
    NARRATIVE = 7
    PROBLEMS = 8
    NEXT_STEPS = 9
    COMPLETION = 10
    REVIEW = 11


EDITABLE = {Column.VALUE: "value", Column.STATUS: "status", Column.NARRATIVE: "narrative",
            Column.PROBLEMS: "problems", Column.NEXT_STEPS: "next_steps"}


@dataclass
class ProgressRow:
    task: Task
    office: str
    report: Report | None  # the current report of this period, if any
    evaluation: Evaluation

    @property
    def task_id(self) -> int:
        assert self.task.id is not None, "the grid shows a plan read from the database"
        return self.task.id


class ProgressModel(QAbstractTableModel):
    """Emits `edit_requested(row, field, value)`; the owner saves it (undoably) and calls `reload_task`."""

    edit_requested = Signal(int, str, object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.plan: Plan | None = None
        self.period: Period | None = None
        self.office: str | None = None
        self.lead_only = False
        self._rows: list[ProgressRow] = []
        self._facts: dict[tuple[int, str], list[ReportFact]] = {}
        self._reports: dict[tuple[int, str], Report] = {}
        self._preview: dict[int, Evaluation] = {}

    # Loading

    def set_context(self, plan: Plan | None, period: str | None, office: str | None,
                    facts: list[ReportFact], reports: list[Report]) -> None:
        self.beginResetModel()
        self.plan = plan
        self.period = parse_period(period) if period else None
        self.office = office
        self._facts = {}
        for fact in facts:
            self._facts.setdefault((fact.task_id, fact.office), []).append(fact)
        self._reports = {(r.task_id, r.office): r for r in reports}
        self._preview = {}
        self._rows = self._build_rows()
        self.endResetModel()

    def _build_rows(self) -> list[ProgressRow]:
        if self.plan is None or self.period is None:
            return []
        rows = []
        for task in self.plan.tasks:
            for office in responsible_offices(task, self.period.year, self.lead_only):
                if self.office is None or office == self.office:
                    rows.append(self._row(task, office))
        return rows

    def _row(self, task: Task, office: str) -> ProgressRow:
        assert task.id is not None, "the grid shows a plan read from the database"
        facts = self._facts.get((task.id, office), [])
        return ProgressRow(task, office, self._reports.get((task.id, office)),
                           evaluate(task, office, self.shown_period(), facts))

    def reload_task(self, task_id: int, facts: list[ReportFact], reports: list[Report]) -> None:
        """Replace what is known of one task after a save, and repaint its rows."""
        for key in [k for k in self._facts if k[0] == task_id]:
            del self._facts[key]
        for fact in facts:
            self._facts.setdefault((fact.task_id, fact.office), []).append(fact)
        for key in [k for k in self._reports if k[0] == task_id]:
            del self._reports[key]
        self._reports.update({(r.task_id, r.office): r for r in reports})
        for index, row in enumerate(self._rows):
            if row.task.id == task_id:
                self._rows[index] = self._row(row.task, row.office)
                self._preview.pop(index, None)
                self._row_changed(index)

    def _row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def preview_value(self, row: int, text: str) -> None:
        """Show the light the row would have with `text` as its figure, without saving anything."""
        try:
            value = float(text) if text.strip() else None
        except ValueError:
            return
        item, period = self._rows[row], self.shown_period()
        facts = [f for f in self._facts.get((item.task_id, item.office), []) if f.period != period.code]
        status = item.report.status if item.report else None
        facts.append(ReportFact(item.task_id, item.office, period.code, value, status))
        self._preview[row] = evaluate(item.task, item.office, period, facts)
        self.dataChanged.emit(self.index(row, Column.LIGHT), self.index(row, Column.LIGHT))
        self.dataChanged.emit(self.index(row, Column.COMPLETION), self.index(row, Column.COMPLETION))

    def end_preview(self, row: int) -> None:
        if self._preview.pop(row, None) is not None:
            self._row_changed(row)

    # Access

    def shown_period(self) -> Period:
        """The period of the rows: there are rows only while a plan and a period are shown."""
        assert self.period is not None, "asked about the rows while no period is shown"
        return self.period

    def row_at(self, row: int) -> ProgressRow:
        return self._rows[row]

    def row_of(self, task_id: int, office: str) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.task.id == task_id and r.office == office), None)

    def evaluation(self, row: int) -> Evaluation:
        return self._preview.get(row) or self._rows[row].evaluation

    def report_with(self, row: int, field: str, value: object) -> Report:
        """The report this row would hold with `field` changed to `value` (a new revision to submit)."""
        item = self._rows[row]
        base = item.report or Report(task_id=item.task_id, office=item.office, period=self.shown_period().code)
        # The value's type follows the field (a figure, a Status, a text): check_report checks it before saving.
        edited: dict[str, Any] = {field: value}
        return replace(base, id=None, revision=1, reported_at="", reporter="", source="keyboard",
                       source_hash=None, **edited)

    # Qt model interface

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.ToolTipRole and section == Column.COMPLETION:
            return self.tr("The value reached divided by the year's target")
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return [self.tr("Status"), self.tr("No."), self.tr("Task"), self.tr("Office"), self.tr("Target"),
                self.tr("Value reached"), self.tr("Chosen status"), self.tr("Progress"), self.tr("Problems"),
                self.tr("Next steps"), self.tr("Completion"), self.tr("Review")][section]

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() in EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item, column = self._rows[index.row()], Column(index.column())
        evaluation = self.evaluation(index.row())
        report = item.report
        if role == STATUS_ROLE:
            return evaluation.status.value
        if role == Qt.ItemDataRole.DecorationRole and column is Column.LIGHT:
            return light_icon(evaluation.status)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column is Column.LIGHT and report is not None and is_returned(report):
                return returned_explanation(report, evaluation)
            if column in (Column.LIGHT, Column.COMPLETION):
                return evaluation.explanation
            if column is Column.REVIEW and report is not None and report.review_note:
                return report.review_note
            if column is Column.TARGET:
                return self._target_text(item)
            text = self.data(index)
            return text if isinstance(text, str) and len(text) > 20 else None
        if role == Qt.ItemDataRole.BackgroundRole and is_returned(report):
            return RETURNED_BACKGROUND
        if role == Qt.ItemDataRole.EditRole:
            if column is Column.VALUE:
                return "" if report is None or report.value is None else format_number(report.value)
            if column is Column.STATUS:
                return report.status.value if report is not None and report.status else ""
            return getattr(report, EDITABLE[column]) if report is not None and column in EDITABLE else ""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self._display(item, column, evaluation)

    def _display(self, item: ProgressRow, column: Column, evaluation: Evaluation) -> str:
        report = item.report
        if column is Column.LIGHT:
            # A returned report counts for nothing (its light stays that of a missing one), and says so.
            return returned_label() if is_returned(report) else status_label(evaluation.status)
        if column is Column.SEQ:
            return item.task.seq
        if column is Column.TASK:
            return item.task.name
        if column is Column.OFFICE:
            return item.office
        if column is Column.TARGET:
            period = self.shown_period()
            target = target_for(item.task, period.year, item.office, as_of=period)
            return "" if target is None else (quantity_text(target) or target.text)
        if column is Column.COMPLETION:
            return "" if evaluation.completion is None else completion_text(evaluation.completion)
        if column is Column.REVIEW:
            return review_label(report) if report is not None else ""
        if report is None:
            return ""
        if column is Column.VALUE:
            return "" if report.value is None else format_number(report.value)
        if column is Column.STATUS:
            return status_label(report.status) if report.status else ""
        return getattr(report, EDITABLE[column])

    def _target_text(self, item: ProgressRow) -> str | None:
        """The target as written, 其中 list and all, behind the short quantity the cell shows."""
        period = self.shown_period()
        target = target_for(item.task, period.year, item.office, as_of=period)
        return target.text if target is not None and target.text else None

    def setData(self, index: AnyIndex, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() not in EDITABLE:
            return False
        field = EDITABLE[Column(index.column())]
        if field == "value":
            text = str(value).strip()
            try:
                value = float(text) if text else None
            except ValueError:
                value = text  # the service refuses it with a message that names the task
        elif field == "status":
            value = Status(value) if value else None
        else:
            value = str(value)
        self.end_preview(index.row())
        current = self.data(index, Qt.ItemDataRole.EditRole)
        if field in ("narrative", "problems", "next_steps") and value == current:
            return False
        self.edit_requested.emit(index.row(), field, value)
        return True


def is_returned(report: Report | None) -> bool:
    return report is not None and report.review == "returned"


def returned_label() -> str:
    return QCoreApplication.translate("Review", "Returned")


def returned_explanation(report: Report, evaluation: Evaluation) -> str:
    """Why the row's light is what it is: returned, with the reason, and how the period stands without it."""
    return QCoreApplication.translate("Review", "Returned: %1\nNot counted until it is filled in again. %2") \
        .replace("%1", report.review_note).replace("%2", evaluation.explanation)


def review_label(report: Report) -> str:
    labels = {"submitted": QCoreApplication.translate("Review", "Submitted"),
              "accepted": QCoreApplication.translate("Review", "Accepted"),
              "returned": QCoreApplication.translate("Review", "Returned")}
    text = labels.get(report.review, report.review)
    if report.revision > 1:
        text += QCoreApplication.translate("Review", " (revision %1)").replace("%1", str(report.revision))
    return text
