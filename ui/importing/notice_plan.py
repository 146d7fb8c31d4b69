"""The plan a notice will become, laid out as the task table: section rows, then each task with its origin
(二、（一）1.), name, content, a column per year and its offices.

Every row knows the item of the notice it came from, so the wizard can show the paragraph behind a
task and the task behind a paragraph. The model only shows a `NoticePreview`; it never writes.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from planner.domain.model import Section, Target, Task
from planner.notices.importing import NoticePreview
from planner.notices.items import ItemRole
from ui.importing.preview import QUANTITY_BACKGROUND, QUANTITY_COLOUR, SECTION_BACKGROUND
from ui.tasks.target_text import quantity_text

COL_SEQ, COL_ORIGIN, COL_NAME, COL_CONTENT = range(4)
FIRST_YEAR_COLUMN = 4
CONTENT_PREVIEW_CHARS = 32  # two lines of the column; the whole text is its tooltip
TARGET_PREVIEW_CHARS = 20
OFFICE_SEPARATOR = "、"

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class PlanRow:
    item: int | None  # the index of the notice item behind the row (None for a section the table made)
    task: Task | None = None
    section: Section | None = None
    depth: int = 0


def _section_item(section: Section) -> int | None:
    """Sections made from a heading of the text have the key n<item index> (`planner.notices.building`)."""
    key = section.key or ""
    return int(key[1:]) if key.startswith("n") and key[1:].isdigit() else None


def plan_rows(preview: NoticePreview) -> list[PlanRow]:
    plan = preview.plan
    sections = {section.key: section for section in plan.sections}
    task_items = preview.recognised.with_role(ItemRole.TASK)  # one task of the plan per task item, in order

    def path(key: str | None) -> list[str]:
        keys: list[str] = []
        while key is not None and key in sections and key not in keys:
            keys.insert(0, key)
            key = sections[key].parent_key
        return keys

    rows: list[PlanRow] = []
    open_path: list[str] = []
    for task, item in zip(plan.tasks, task_items):
        wanted = path(task.section_key)
        shared = 0
        while shared < min(len(open_path), len(wanted)) and open_path[shared] == wanted[shared]:
            shared += 1
        for depth in range(shared, len(wanted)):
            section = sections[wanted[depth]]
            rows.append(PlanRow(_section_item(section), section=section, depth=depth))
        open_path = wanted
        rows.append(PlanRow(item, task=task, depth=len(wanted)))
    return rows


def _shortened(text: str, chars: int = CONTENT_PREVIEW_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= chars else text[:chars] + "…"


def year_html(target: Target, office_targets: int, office_label: str) -> str:
    """The figure a target was read as, highlighted, over the start of the sentence it came from (a notice's
    targets are whole sentences: the tooltip has all of it)."""
    lines = []
    quantity = quantity_text(target)
    if quantity:
        lines.append(f'<span style="color:{QUANTITY_COLOUR}; background-color:{QUANTITY_BACKGROUND};">'
                     f"<b>{html.escape(quantity)}</b></span>")
    lines.append(html.escape(_shortened(target.text, TARGET_PREVIEW_CHARS)))
    if office_targets:
        lines.append(f"<i>{html.escape(office_label.replace('%1', str(office_targets)))}</i>")
    return "<br>".join(lines)


class NoticePlanModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[PlanRow] = []
        self._years: list[int] = []

    def set_preview(self, preview: NoticePreview | None) -> None:
        self.beginResetModel()
        self._rows = plan_rows(preview) if preview is not None else []
        self._years = preview.plan.years if preview is not None and preview.plan.tasks else []
        self.endResetModel()

    @property
    def lead_column(self) -> int:
        return FIRST_YEAR_COLUMN + len(self._years)

    @property
    def co_column(self) -> int:
        return self.lead_column + 1

    def row_at(self, row: int) -> PlanRow:
        return self._rows[row]

    def section_rows(self) -> list[int]:
        return [number for number, row in enumerate(self._rows) if row.task is None]

    def row_of_item(self, item: int) -> int | None:
        return next((number for number, row in enumerate(self._rows) if row.item == item), None)

    def task_count(self) -> int:
        return sum(1 for row in self._rows if row.task is not None)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else FIRST_YEAR_COLUMN + len(self._years) + 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {COL_SEQ: self.tr("No."), COL_ORIGIN: self.tr("Origin"), COL_NAME: self.tr("Main task"),
                  COL_CONTENT: self.tr("Key content"), self.lead_column: self.tr("Lead office"),
                  self.co_column: self.tr("Co-operating offices")}
        if section in titles:
            return titles[section]
        return self.tr("%1 target").replace("%1", str(self._years[section - FIRST_YEAR_COLUMN]))

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if row.task is None:
            return self._section_data(row, index.column(), role)
        return self._task_data(row.task, index.column(), role)

    def _section_data(self, row: PlanRow, column: int, role: int):
        assert row.section is not None, "a row is a task or a section"
        if role == Qt.ItemDataRole.DisplayRole and column == COL_SEQ:
            return "　" * row.depth + row.section.title
        if role == Qt.ItemDataRole.BackgroundRole:
            return SECTION_BACKGROUND
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _task_data(self, task: Task, column: int, role: int):
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_CONTENT:
                return task.content or None
            if FIRST_YEAR_COLUMN <= column < self.lead_column:
                target = task.plan_target(str(self._years[column - FIRST_YEAR_COLUMN]))
                return target.text if target else None
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == COL_SEQ:
            return task.seq
        if column == COL_ORIGIN:
            return task.origin
        if column == COL_NAME:
            return task.name
        if column == COL_CONTENT:
            return _shortened(task.content)
        if column == self.lead_column:
            return OFFICE_SEPARATOR.join(task.lead)
        if column == self.co_column:
            return OFFICE_SEPARATOR.join(task.co)
        year = str(self._years[column - FIRST_YEAR_COLUMN])
        target = task.plan_target(year)
        if target is None:
            return ""
        offices = sum(1 for t in task.targets if t.period == year and t.office)
        return year_html(target, offices, self.tr("%1 office targets"))
