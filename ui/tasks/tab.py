"""The 目标任务表 tab: the filter bar and the appendix-shaped task table, with the chosen task's detail beside it."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from planner.domain.model import Plan, Task
from planner.plans.adjustments import task_history
from planner.plans.filtering import TaskFilter, filtered_task_ids, section_and_below, tasks_with_status
from ui.context import WindowContext
from ui.tasks.detail import TaskDetail
from ui.tasks.edit_delegate import TaskEditDelegate
from ui.tasks.filter_bar import TaskFilterBar
from ui.tasks.table_model import TaskTableModel
from ui.tasks.table_view import TaskTableView

SPLITTER_SIZES = (830, 340)


class TasksTab(QWidget):
    """Shows the context's plan; `current_task_changed` follows the table's current row."""

    current_task_changed = Signal(object)  # Task or None
    shown_count_changed = Signal()

    def __init__(self, context: WindowContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.model = TaskTableModel(self)
        self.table = TaskTableView(self)
        self.table.setModel(self.model)
        self.delegate = TaskEditDelegate(self.table)
        self.table.setItemDelegate(self.delegate)
        self.filter_bar = TaskFilterBar(self)
        self.detail = TaskDetail(self)
        table_side = QWidget(self)
        table_layout = QVBoxLayout(table_side)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.filter_bar)
        table_layout.addWidget(self.table, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(table_side)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes(list(SPLITTER_SIZES))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        # The tasks of the status chosen in the filter bar, kept while only the search words change:
        # (plan, period, status, task ids), forgotten whenever a write changes anything.
        self._status_tasks: tuple[Plan, str, str, frozenset[int]] | None = None
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.filter_bar.changed.connect(self.apply_filter)

    # What is shown

    def show_plan(self, plan: Plan | None) -> None:
        self.model.set_plan(plan)
        self.filter_bar.set_plan(plan)
        self.delegate.office_names = self.context.source.all_office_names() if plan is not None else []
        self.detail.show_task(None)

    def show_period(self, period_code: str | None) -> None:
        self.model.set_highlight_year(int(period_code[:4]) if period_code else None)
        self.detail.set_period(period_code)
        if self.filter_bar.status_value() is not None:
            self.apply_filter()  # the chosen status is the status in this period

    def show_office(self, office: str | None) -> None:
        current = self.detail.task()
        self.model.set_office_filter(office)
        if current is None or current.id is None or not self.select_task(current.id):
            self.detail.show_task(None)
        self.shown_count_changed.emit()

    def apply_filter(self) -> None:
        """The filter bar's choices, applied to the table (and offered to the reports)."""
        plan = self.model.plan
        if plan is None:
            return
        bar = self.filter_bar
        section_id, status, period = bar.section_id(), bar.status_value(), self.context.period_code
        task_ids = self._tasks_with_status(plan, period, status) if status is not None and period else None
        current = self.detail.task()
        self.model.set_filter(TaskFilter(
            bar.text(), section_and_below(plan, section_id) if section_id is not None else None, task_ids))
        if current is None or current.id is None or not self.select_task(current.id):
            self.detail.show_task(None)
        self.shown_count_changed.emit()

    def _tasks_with_status(self, plan: Plan, period: str, status: str) -> frozenset[int]:
        kept = self._status_tasks
        if kept is None or kept[0] is not plan or kept[1:3] != (period, status):
            kept = self._status_tasks = (plan, period, status,
                                         tasks_with_status(self.context.store.conn, plan, self.context.period,
                                                           status))
        return kept[3]

    def forget_statuses(self) -> None:
        self._status_tasks = None

    def report_filters(self) -> dict:
        """The filter bar's choices as a report's options: section, status and the tasks a search shows."""
        plan, bar = self.model.plan, self.filter_bar
        text = self.model.task_filter.text
        task_ids = filtered_task_ids(plan, TaskFilter(text)) if plan is not None and text.strip() else None
        return {"section_id": bar.section_id(), "status": bar.status_value(), "task_ids": task_ids}

    # The current task

    def current_task(self) -> Task | None:
        return self.model.task_at(self.table.currentIndex().row())

    def select_task(self, task_id: int) -> bool:
        """Make the task with `task_id` the current row; False if the table does not show it."""
        row = self.model.row_of_task(task_id)
        if row is None:
            return False
        self.table.scroll_to_row(row)
        return True

    def show_section(self, section_id: int) -> bool:
        row = self.model.row_of_section(section_id)
        if row is None:
            return False
        self.table.scroll_to_row(row, at_top=True)
        return True

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        task = self.model.task_at(current.row()) if current.isValid() else None
        self.show_detail(task)
        self.current_task_changed.emit(task)

    def show_detail(self, task: Task | None) -> None:
        history = task_history(self.context.store.conn, task.id) if task is not None and task.id else []
        self.detail.show_task(task, history)

    # After a write

    def tasks_changed(self, tasks: list[Task]) -> None:
        """Tasks edited in place (texts, targets, offices): their rows and, if shown, the detail follow."""
        for task in tasks:
            self.model.replace_task(task)
        shown = self.detail.task()
        fresh = next((task for task in tasks if shown is not None and task.id == shown.id), None)
        if fresh is not None:
            self.show_detail(fresh)
