"""The dashboard's tables as Qt models: offices with their returns, and the lagging tasks.

Both models answer from the `PeriodStatus` they were given and never touch the
database. `SORT_ROLE` carries the raw figure of a cell so that a sort proxy puts
9% before 10% and task 2 before task 10.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from planner.domain.model import Status, Task
from planner.domain.percentages import completion_text, on_track_text
from planner.domain.status import Evaluation, OfficeSummary
from ui.tasks.target_text import tooltip_html

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
TASK_ID_ROLE = Qt.ItemDataRole.UserRole + 2

AnyIndex = QModelIndex | QPersistentModelIndex
NUMBER_ALIGNMENT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
TEXT_ALIGNMENT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
NO_FIGURE = "—"


def on_track_percent(share: float) -> str:
    """推进率 as every screen, report and workbook shows it (`planner.domain.percentages`)."""
    return on_track_text(share)


def completion_percent(share: float | None) -> str:
    """完成率 (value ÷ target) as every screen, report and workbook shows it, "—" where no figure applies."""
    return NO_FIGURE if share is None else completion_text(share)


def office_counts_text(summary: OfficeSummary) -> str:
    """One line for tooltips: how the office's tasks stand, status by status."""
    text = QCoreApplication.translate(
        "OfficeCounts", "%1: %2 task(s): done %3, on schedule %4, behind %5, not reported %6")
    figures = [summary.office, summary.assigned, *(summary.counts[s] for s in Status)]
    # Backwards, so the office name goes in last and a "%2" typed into it is left alone.
    for number, figure in reversed(list(enumerate(figures, start=1))):
        text = text.replace(f"%{number}", str(figure))
    return text


class OfficeTableModel(QAbstractTableModel):
    """单位 / 负责任务 / 已填报 / 未填报 / 推进率, one row per responsible office."""

    COL_OFFICE, COL_ASSIGNED, COL_REPORTED, COL_MISSING, COL_ON_TRACK = range(5)
    COLUMN_COUNT = 5

    def __init__(self, parent=None):
        super().__init__(parent)
        self._offices: list[OfficeSummary] = []

    def set_offices(self, offices: list[OfficeSummary]) -> None:
        self.beginResetModel()
        self._offices = list(offices)
        self.endResetModel()

    def office_at(self, row: int) -> OfficeSummary | None:
        return self._offices[row] if 0 <= row < len(self._offices) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._offices)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                self.COL_OFFICE: self.tr("Office"),
                self.COL_ASSIGNED: self.tr("Tasks"),
                self.COL_REPORTED: self.tr("Reported"),
                self.COL_MISSING: self.tr("Not reported"),
                self.COL_ON_TRACK: self.tr("On-track rate"),
            }.get(section)
        if role == Qt.ItemDataRole.ToolTipRole and section == self.COL_ON_TRACK:
            return self.tr("Share of the office's tasks that are done or on schedule")
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        summary = self.office_at(index.row()) if index.isValid() else None
        if summary is None:
            return None
        column = index.column()
        raw = {
            self.COL_OFFICE: summary.office,
            self.COL_ASSIGNED: summary.assigned,
            self.COL_REPORTED: summary.reported,
            self.COL_MISSING: summary.counts[Status.NOT_REPORTED],
            self.COL_ON_TRACK: summary.on_track_rate,
        }[column]
        if role == SORT_ROLE:
            return raw
        if role == Qt.ItemDataRole.DisplayRole:
            return on_track_percent(summary.on_track_rate) if column == self.COL_ON_TRACK else str(raw)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return TEXT_ALIGNMENT if column == self.COL_OFFICE else NUMBER_ALIGNMENT
        if role == Qt.ItemDataRole.ToolTipRole:
            return office_counts_text(summary)
        if role == Qt.ItemDataRole.FontRole and column == self.COL_MISSING and raw:
            font = QFont()
            font.setBold(True)  # offices still owing returns are the ones to chase
            return font
        return None


class LaggingTableModel(QAbstractTableModel):
    """序号 / 任务 / 牵头单位 / 完成率 / 说明 for each task behind schedule."""

    COL_SEQ, COL_NAME, COL_LEAD, COL_COMPLETION, COL_EXPLANATION = range(5)
    COLUMN_COUNT = 5

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[tuple[Task, Evaluation]] = []

    def set_lagging(self, lagging: list[Evaluation], tasks: dict[int, Task]) -> None:
        self.beginResetModel()
        self._rows = [(tasks[e.task_id], e) for e in lagging if e.task_id in tasks]
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.ToolTipRole and section == self.COL_COMPLETION:
            return self.tr("The value reached divided by the year's target")
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            self.COL_SEQ: self.tr("No."),
            self.COL_NAME: self.tr("Task"),
            self.COL_LEAD: self.tr("Lead office"),
            self.COL_COMPLETION: self.tr("Completion"),
            self.COL_EXPLANATION: self.tr("Explanation"),
        }.get(section)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        task, evaluation = self._rows[index.row()]
        column = index.column()
        if role == TASK_ID_ROLE:
            return task.id
        if role == SORT_ROLE:
            return self._sort_value(task, evaluation, column)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(task, evaluation, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            text = self._text(task, evaluation, column)
            return tooltip_html([text]) if text and text != NO_FIGURE else None
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COL_COMPLETION:
            return QColor(Status.BEHIND.colour)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == self.COL_COMPLETION:
                return NUMBER_ALIGNMENT
            return int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter) if column == self.COL_SEQ \
                else TEXT_ALIGNMENT
        return None

    def _text(self, task: Task, evaluation: Evaluation, column: int) -> str:
        if column == self.COL_COMPLETION:
            return completion_percent(evaluation.completion)
        return {self.COL_SEQ: task.seq, self.COL_NAME: task.name, self.COL_LEAD: "、".join(task.lead),
                self.COL_EXPLANATION: evaluation.explanation}.get(column, "")

    def _sort_value(self, task: Task, evaluation: Evaluation, column: int):
        if column == self.COL_SEQ:
            return task.position  # the plan's own order, whatever the 序号 looks like
        if column == self.COL_COMPLETION:
            return -1.0 if evaluation.completion is None else evaluation.completion
        return self._text(task, evaluation, column)
