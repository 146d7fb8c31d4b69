"""The wizard's preview: the first tasks as they would be imported, each target shown with what was read from it."""

from __future__ import annotations

import html

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from planner.domain.model import Target, Task
from planner.plans.importing import ImportPreview
from ui.tasks.target_text import kind_label, quantity_text

PREVIEW_TASKS = 200
QUANTITY_COLOUR = "#1565C0"
QUANTITY_BACKGROUND = "#E3EEFB"
TEXT_TARGET_COLOUR = "#8D6E00"
TEXT_PREVIEW_CHARS = 40  # the start of a long target; the whole of it is in the tooltip
SECTION_BACKGROUND = QColor("#E8EEF5")

COL_ROW, COL_SEQ, COL_NAME, COL_LEAD, COL_CO = range(5)
FIRST_YEAR_COLUMN = 5
TASK_ROW_ROLE = Qt.ItemDataRole.UserRole + 1

AnyIndex = QModelIndex | QPersistentModelIndex


def _shortened(text: str) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= TEXT_PREVIEW_CHARS else text[:TEXT_PREVIEW_CHARS] + "…"


def target_html(target: Target, office_targets: int, office_label: str) -> str:
    """The target as written, then what it was read as: a highlighted figure and unit, or its kind."""
    lines = [html.escape(_shortened(target.text))]
    quantity = quantity_text(target)
    if quantity:
        badge = f"{quantity}（{kind_label(target.kind)}）"
        lines.append(f'<span style="color:{QUANTITY_COLOUR}; background-color:{QUANTITY_BACKGROUND};">'
                     f"<b>{html.escape(badge)}</b></span>")
    else:
        lines.append(f'<span style="color:{TEXT_TARGET_COLOUR};">{html.escape(kind_label(target.kind))}</span>')
    if office_targets:
        lines.append(f"<i>{html.escape(office_label.replace('%1', str(office_targets)))}</i>")
    return "<br>".join(lines)


class ImportPreviewModel(QAbstractTableModel):
    """Read-only rows of an `ImportPreview`: sheet row, 序号, task, offices, one column per year."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._preview: ImportPreview | None = None
        self._tasks: list[Task] = []
        self._years: list[int] = []

    def set_preview(self, preview: ImportPreview | None) -> None:
        self.beginResetModel()
        self._preview = preview
        self._tasks = preview.plan.tasks[:PREVIEW_TASKS] if preview else []
        self._years = preview.plan.years if preview and preview.plan.tasks else []
        self.endResetModel()

    def refresh(self) -> None:
        """The plan changed in place (a breakdown was attached): redraw every cell."""
        self.set_preview(self._preview)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._tasks)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else FIRST_YEAR_COLUMN + len(self._years)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = [self.tr("Row"), self.tr("No."), self.tr("Task"), self.tr("Lead office"),
                  self.tr("Co-operating offices")]
        if section < FIRST_YEAR_COLUMN:
            return titles[section]
        return self.tr("%1 target").replace("%1", str(self._years[section - FIRST_YEAR_COLUMN]))

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        task = self._tasks[index.row()]
        column = index.column()
        if role == TASK_ROW_ROLE:
            return self._preview.task_rows[index.row()] if self._preview else None
        if role == Qt.ItemDataRole.ToolTipRole and column >= FIRST_YEAR_COLUMN:
            target = task.plan_target(str(self._years[column - FIRST_YEAR_COLUMN]))
            return target.text if target else None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == COL_ROW:
            return str(self._preview.task_rows[index.row()]) if self._preview else ""
        if column == COL_SEQ:
            return task.seq
        if column == COL_NAME:
            return task.name
        if column == COL_LEAD:
            return "、".join(task.lead)
        if column == COL_CO:
            return "、".join(task.co)
        return self._year_html(task, self._years[column - FIRST_YEAR_COLUMN])

    def _year_html(self, task: Task, year: int) -> str:
        period = str(year)
        target = task.plan_target(period)
        offices = sum(1 for t in task.targets if t.period == period and t.office)
        if target is None:
            return ""
        return target_html(target, offices, self.tr("%1 office targets"))

    def task_count(self) -> int:
        return len(self._tasks)
