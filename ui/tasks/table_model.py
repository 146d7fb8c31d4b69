"""The plan as its appendix sheet reads: section rows, then the tasks under each, one column per year.

The model answers from the `Plan` it was given and never touches the database.
Spans (full-width section rows, merged 主要任务 cells) are offered by `spans()`
for the view to apply, because spans belong to a QTableView, not to a model.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QColor, QFont

from planner.domain.model import Plan, Section, Task
from planner.plans.filtering import TaskFilter
from ui.tasks.grouped_header import HEADER_GROUP_ROLE
from ui.tasks.table_rows import RowKind, TableRow, build_rows, name_groups, task_involves_office, task_row
from ui.tasks.target_text import target_tooltip, tooltip_html

COL_SEQ, COL_NAME, COL_CONTENT, COL_INDICATOR, COL_BASELINE = range(5)
FIRST_YEAR_COLUMN = 5
TRAILING_COLUMNS = 2  # lead office, co-operating offices
OFFICE_SEPARATOR = "、"

ROW_KIND_ROLE = Qt.ItemDataRole.UserRole + 1
TASK_ID_ROLE = Qt.ItemDataRole.UserRole + 2
SECTION_ID_ROLE = Qt.ItemDataRole.UserRole + 3
RAW_VALUE_ROLE = Qt.ItemDataRole.UserRole + 4

SECTION_BACKGROUND = QColor("#E8EEF5")
HIGHLIGHT_BACKGROUND = QColor("#FFF4D6")

AnyIndex = QModelIndex | QPersistentModelIndex


# Called with (row, column, new text) when a cell is edited; True when the change was made.
EditHandler = Callable[[int, int, str], bool]


class TaskTableModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._plan: Plan | None = None
        self._office: str | None = None
        self._highlight_year: int | None = None
        self._years: list[int] = []
        self._rows: list[TableRow] = []
        self._name_groups: dict[int, tuple[int, int]] = {}
        self._text_lengths: list[tuple[int, float]] | None = None
        self._filter = TaskFilter()
        self._search_texts: dict[int, str] = {}
        self.edit_handler: EditHandler | None = None

    # Loading and filtering

    def set_plan(self, plan: Plan | None) -> None:
        self.beginResetModel()
        self._plan = plan
        self._office = None
        self._filter = TaskFilter()
        self._search_texts = {}
        self._years = plan.years if plan else []
        if self._highlight_year not in self._years:
            self._highlight_year = None
        self._rows, self._name_groups, self._text_lengths = self._built_rows()
        self.endResetModel()

    def set_office_filter(self, office: str | None) -> None:
        """Show only the tasks `office` leads, co-operates on or has a target in; None shows all."""
        if office == self._office:
            return
        self._office = office
        self._rebuild()

    def set_filter(self, task_filter: TaskFilter) -> None:
        """Show only the tasks that match all of `task_filter`, with the sections they are in."""
        if task_filter == self._filter:
            return
        self._filter = task_filter
        self._rebuild()

    @property
    def task_filter(self) -> TaskFilter:
        return self._filter

    def _shown(self, task: Task) -> bool:
        if self._office is not None and not task_involves_office(task, self._office):
            return False
        return self._filter.matches(task, self._search_texts)

    def replace_task(self, task: Task) -> None:
        """Show `task` as stored after an edit: its row is repainted, or the table rebuilt when the
        merged 主要任务 cells change."""
        if self._plan is None:
            return
        position = next((i for i, t in enumerate(self._plan.tasks) if t.id == task.id), None)
        if position is None:
            return
        assert task.id is not None, "it replaces a task of the plan, read from the database"
        old = self._plan.tasks[position]
        task.section_id, task.section_key, task.position = old.section_id, old.section_key, old.position
        self._plan.tasks[position] = task
        self._search_texts.pop(task.id, None)
        self._text_lengths = None
        row = self.row_of_task(task.id)
        if row is None or not self._shown(task):
            # The rows shown change: rebuild once the edit that caused it has finished
            # (a reset now would close the editor that is committing).
            QTimer.singleShot(0, self._rebuild)
            return
        if old.name != task.name:
            # Same rows, but the merged 主要任务 cells may change: the view re-applies its spans.
            self.layoutAboutToBeChanged.emit()
            self._rows[row] = task_row(task, self._years)
            self._name_groups = name_groups(self._rows)
            self.layoutChanged.emit()
        else:
            self._rows[row] = task_row(task, self._years)
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def _rebuild(self) -> None:
        self.beginResetModel()
        self._rows, self._name_groups, self._text_lengths = self._built_rows()
        self.endResetModel()

    def set_highlight_year(self, year: int | None) -> None:
        if year == self._highlight_year:
            return
        changed = [c for c in (self.column_of_year(self._highlight_year), self.column_of_year(year)) if c is not None]
        self._highlight_year = year
        for column in changed:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, column, column)
            if self._rows:
                self.dataChanged.emit(self.index(0, column), self.index(len(self._rows) - 1, column),
                                      [Qt.ItemDataRole.BackgroundRole])

    def _built_rows(self) -> tuple[list[TableRow], dict[int, tuple[int, int]], None]:
        if self._plan is None:
            return [], {}, None
        # With a filter on, only the sections that still hold a shown task are listed.
        rows = build_rows(self._plan, self._years, self._shown,
                          empty_sections=self._office is None and not self._filter.active)
        return rows, name_groups(rows), None

    # Questions the window and the view ask

    @property
    def plan(self) -> Plan | None:
        return self._plan

    @property
    def years(self) -> list[int]:
        return list(self._years)

    @property
    def office_filter(self) -> str | None:
        return self._office

    @property
    def lead_column(self) -> int:
        return FIRST_YEAR_COLUMN + len(self._years)

    @property
    def co_column(self) -> int:
        return self.lead_column + 1

    def column_of_year(self, year: int | None) -> int | None:
        return FIRST_YEAR_COLUMN + self._years.index(year) if year in self._years else None

    def year_of_column(self, column: int) -> int | None:
        offset = column - FIRST_YEAR_COLUMN
        return self._years[offset] if 0 <= offset < len(self._years) else None

    def is_section_row(self, row: int) -> bool:
        return 0 <= row < len(self._rows) and self._rows[row].kind is RowKind.SECTION

    def task_at(self, row: int) -> Task | None:
        return self._rows[row].task if 0 <= row < len(self._rows) else None

    def task_count(self) -> int:
        return sum(1 for r in self._rows if r.kind is RowKind.TASK)

    def row_of_task(self, task_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.task is not None and r.task.id == task_id), None)

    def row_of_section(self, section_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.section is not None and r.section.id == section_id),
                    None)

    def column_text_lengths(self) -> list[tuple[int, float]]:
        """(longest, mean) length in characters of the non-empty task cells, per column."""
        if self._text_lengths is None:
            lengths: list[list[int]] = [[] for _ in range(self.columnCount())]
            for row in self._rows:
                if row.kind is not RowKind.TASK:
                    continue
                task = row.task
                assert task is not None, "a task row holds its task"
                for column in range(self.columnCount()):
                    year = self.year_of_column(column)
                    target = row.year_targets.get(year) if year is not None else None
                    text = (target.text if target else "") if year is not None else self._task_text(task, column)
                    if text:
                        lengths[column].append(len(text))
            self._text_lengths = [(max(found), sum(found) / len(found)) if found else (0, 0.0) for found in lengths]
        return self._text_lengths

    def display_text(self, row: int, column: int) -> str:
        """What the cell shows, straight from memory: the view sizes rows with it without going through data()."""
        data = self._rows[row]
        if data.kind is RowKind.SECTION:
            assert data.section is not None, "a section row holds its section"
            return data.section.title if column == 0 else ""
        year = self.year_of_column(column)
        if year is not None:
            target = data.year_targets.get(year)
            return target.text if target else ""
        assert data.task is not None, "a task row holds its task"
        return self._task_text(data.task, column)

    def name_group(self, row: int) -> tuple[int, int]:
        """(first row, row count) of the merged 主要任务 cell that `row` belongs to."""
        return self._name_groups.get(row, (row, 1))

    def spans(self) -> list[tuple[int, int, int, int]]:
        """(row, column, row count, column count) of every merged cell."""
        found = []
        for row, data in enumerate(self._rows):
            if data.kind is RowKind.SECTION:
                found.append((row, 0, 1, self.columnCount()))
            elif self._name_groups[row][0] == row and self._name_groups[row][1] > 1:
                found.append((row, COL_NAME, self._name_groups[row][1], 1))
        return found

    # QAbstractTableModel

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        if parent.isValid() or self._plan is None:
            return 0
        return FIRST_YEAR_COLUMN + len(self._years) + TRAILING_COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._column_title(section)
        if role == HEADER_GROUP_ROLE:
            return self._column_group(section)
        if role == Qt.ItemDataRole.FontRole and self._highlight_year is not None \
                and self.year_of_column(section) == self._highlight_year:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _column_group(self, column: int) -> str | None:
        """The title over a group of columns, as in the appendix: 年度目标 over the years, 责任单位 over the offices."""
        if self.year_of_column(column) is not None:
            return self.tr("Yearly targets")
        if column in (self.lead_column, self.co_column):
            return self.tr("Responsible offices")
        return None

    def _column_title(self, column: int) -> str | None:
        fixed = {
            COL_SEQ: self.tr("No."),
            COL_NAME: self.tr("Main task"),
            COL_CONTENT: self.tr("Key content"),
            COL_INDICATOR: self.tr("Indicator"),
            COL_BASELINE: self.tr("Baseline"),
            self.lead_column: self.tr("Lead office"),
            self.co_column: self.tr("Co-operating offices"),
        }
        if column in fixed:
            return fixed[column]
        year = self.year_of_column(column)
        return self.tr("%1", "year column header").replace("%1", str(year)) if year is not None else None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.edit_handler is not None and (index.column() == 0 or not self.is_section_row(index.row())):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: AnyIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.edit_handler is None:
            return False
        if self.data(index, Qt.ItemDataRole.EditRole) == value:
            return False
        return self.edit_handler(index.row(), index.column(), str(value))

    def section_at(self, row: int) -> Section | None:
        return self._rows[row].section if 0 <= row < len(self._rows) else None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == ROW_KIND_ROLE:
            return int(row.kind)
        if row.kind is RowKind.SECTION:
            assert row.section is not None, "a section row holds its section"
            return self._section_data(row.section, index.column(), role)
        return self._task_data(row, index.column(), role)

    def _section_data(self, section: Section, column: int, role: int):
        if role == SECTION_ID_ROLE:
            return section.id
        if role == Qt.ItemDataRole.BackgroundRole:
            return SECTION_BACKGROUND
        if column != 0:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, RAW_VALUE_ROLE):
            return section.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip_html([section.title])
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _task_data(self, row: TableRow, column: int, role: int):
        task = row.task
        assert task is not None, "a task row holds its task"
        if role == TASK_ID_ROLE:
            return task.id
        if role == SECTION_ID_ROLE:
            return task.section_id
        year = self.year_of_column(column)
        if year is not None:
            return self._year_data(row, year, role)
        if role == RAW_VALUE_ROLE:
            return self._raw_task_value(task, column)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._task_text(task, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            text = self._task_text(task, column)
            return tooltip_html([text]) if text else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignHCenter if column == COL_SEQ else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _raw_task_value(self, task: Task, column: int):
        if column == self.lead_column:
            return list(task.lead)
        if column == self.co_column:
            return list(task.co)
        return self._task_text(task, column)

    def _task_text(self, task: Task, column: int) -> str:
        if column == self.lead_column:
            return OFFICE_SEPARATOR.join(task.lead)
        if column == self.co_column:
            return OFFICE_SEPARATOR.join(task.co)
        return {COL_SEQ: task.seq, COL_NAME: task.name, COL_CONTENT: task.content, COL_INDICATOR: task.indicator,
                COL_BASELINE: task.baseline}.get(column, "")

    def _year_data(self, row: TableRow, year: int, role: int):
        target = row.year_targets.get(year)
        if role == RAW_VALUE_ROLE:
            return target
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return target.text if target else ""
        if role == Qt.ItemDataRole.ToolTipRole and target is not None:
            return target_tooltip(target, row.office_counts.get(year, 0))
        if role == Qt.ItemDataRole.BackgroundRole and year == self._highlight_year:
            return HIGHLIGHT_BACKGROUND
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None
