"""The main window: plan outline, task table and task detail side by side, composed from their modules."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QUndoStack
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QTabWidget, QVBoxLayout, QWidget

from planner.domain.model import Plan, PlanState, Task
from planner.domain.periods import parse_period
from planner.plans.adjustments import task_history
from planner.plans.filtering import TaskFilter, filtered_task_ids, section_and_below, tasks_with_status
from planner.store import Store
from ui.window import backup_actions
from ui.window.about import show_about
from ui.window.actions import MainActions
from ui.tasks.edit_actions import EditActions
from ui.exchange.actions import ExchangeActions
from ui.window.file_drop import dropped_files
from ui.common.jobs import JobRunner
from ui.window.plan_source import PlanSource
from ui.window.period_bar import PlanFilterBar
from ui.window.plan_tree import PlanTree
from ui.progress.panel import ProgressPanel
from ui.tasks.detail import TaskDetail
from ui.tasks.edit_delegate import TaskEditDelegate
from ui.tasks.filter_bar import TaskFilterBar
from ui.tasks.table_model import TaskTableModel
from ui.tasks.table_view import TaskTableView

SPLITTER_SIZES = (230, 830, 340)
DEFAULT_SIZE = (1400, 850)


class MainWindow(QMainWindow):
    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Annual Target Planner"))
        self.db_path = store.path
        self.store = store
        self.source = PlanSource(store.conn)
        self.runner = JobRunner(self)
        self.setAcceptDrops(True)
        self.undo_stack = QUndoStack(self)
        # The tasks of the status chosen in the filter bar, kept while only the search words change:
        # (plan, period, status, task ids). Every change made in the window goes through the undo
        # stack, and whatever else writes (collecting returns, a restore) reloads the plans.
        self._status_tasks: tuple[Plan, str, str, frozenset[int]] | None = None
        self.undo_stack.indexChanged.connect(self._forget_status_tasks)
        self.main_actions = MainActions(self, self.undo_stack)
        self.main_actions.build_menus(self.menuBar())
        self.main_actions.quit.triggered.connect(self.close)
        self.main_actions.about.triggered.connect(lambda: show_about(self, self.db_path))
        self.main_actions.import_table.setEnabled(not store.readonly)
        self.main_actions.import_table.triggered.connect(lambda: self.open_import())
        self.main_actions.backup.setEnabled(True)
        self.main_actions.backup.triggered.connect(lambda: backup_actions.back_up(self))
        self.main_actions.restore.setEnabled(not store.readonly)
        self.main_actions.restore.triggered.connect(lambda: backup_actions.restore(self))
        self.main_actions.settings.setEnabled(True)
        self.main_actions.settings.triggered.connect(self.open_settings)
        self.main_actions.dashboard.triggered.connect(lambda: self.open_dashboard())
        self.exchange = ExchangeActions(self)
        for action, kind in ((self.main_actions.target_table_report, "targets"),
                             (self.main_actions.quarterly_report, "quarterly"),
                             (self.main_actions.office_report, "office")):
            action.setEnabled(True)
            action.triggered.connect(lambda _checked=False, kind=kind: self.open_report(kind))
        self.main_actions.audit_log.triggered.connect(lambda: self.open_audit_log())

        self.filter_bar = PlanFilterBar(self)
        self.addToolBar(self.filter_bar)
        self.plan_tree = PlanTree(lambda plan_id: self.source.plan(plan_id).sections, self)
        self.task_model = TaskTableModel(self)
        self.task_table = TaskTableView(self)
        self.task_table.setModel(self.task_model)
        self.task_delegate = TaskEditDelegate(self.task_table)
        self.task_table.setItemDelegate(self.task_delegate)
        self.task_filter_bar = TaskFilterBar(self)
        self.task_detail = TaskDetail(self)
        self.progress = ProgressPanel(store, self.undo_stack, self)
        table_side = QWidget(self)
        table_layout = QVBoxLayout(table_side)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.task_filter_bar)
        table_layout.addWidget(self.task_table, 1)
        targets = QSplitter(Qt.Orientation.Horizontal, self)
        targets.addWidget(table_side)
        targets.addWidget(self.task_detail)
        targets.setStretchFactor(0, 1)
        targets.setSizes(list(SPLITTER_SIZES[1:]))
        self.tabs = QTabWidget(self)
        self.tabs.addTab(targets, self.tr("Target table"))
        self.tabs.addTab(self.progress, self.tr("Progress entry"))
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.plan_tree)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([SPLITTER_SIZES[0], sum(SPLITTER_SIZES[1:])])
        self.setCentralWidget(splitter)
        self._build_status_bar()
        if store.readonly:
            self.setWindowTitle(self.tr("Annual Target Planner (read-only)"))
            self.progress.set_readonly(True)

        self.plan_tree.plan_chosen.connect(self.show_plan)
        self.plan_tree.section_chosen.connect(self.show_section)
        self.filter_bar.period_changed.connect(self._apply_period)
        self.filter_bar.office_changed.connect(self._apply_office)
        self.task_table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.task_filter_bar.changed.connect(self._apply_task_filter)
        self.edit_actions = EditActions(self)
        self.targets_dialog = None
        self._fit_to_screen()
        self.reload_plans()

    def _fit_to_screen(self) -> None:
        available = self.screen().availableGeometry()
        self.resize(min(DEFAULT_SIZE[0], int(available.width() * 0.95)),
                    min(DEFAULT_SIZE[1], int(available.height() * 0.9)))

    def _build_status_bar(self) -> None:
        self.plan_label = QLabel(self)
        self.count_label = QLabel(self)
        self.path_label = QLabel(self.tr("Database: %1").replace("%1", str(self.db_path)), self)
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bar = self.statusBar()
        bar.addWidget(self.plan_label, 1)
        bar.addPermanentWidget(self.count_label)
        bar.addPermanentWidget(self.path_label)

    def reload_plans(self, show_plan_id: int | None = None) -> None:
        """Re-read the list of plans and show `show_plan_id`, or the first plan."""
        self._forget_status_tasks()
        plans = self.source.plans()
        self.plan_tree.set_plans(plans)
        if plans:
            known = {p.id for p in plans}
            self.plan_tree.select_plan(show_plan_id if show_plan_id in known else plans[0].id)
        else:
            self.show_plan(None)

    def open_import(self, path: str | Path | None = None):
        """文件 → 导入表格, or a file dropped onto the window; returns the wizard."""
        from ui.importing.wizard import ImportWizard

        wizard = ImportWizard(self.store, self.runner, path, self)
        wizard.imported.connect(self._plan_imported)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.open()
        return wizard

    def open_settings(self):
        from ui.settings.dialog import SettingsDialog

        plan_id = self.current_plan_id()
        dialog = SettingsDialog(self.source.offices(plan_id) if plan_id is not None else [], self)
        dialog.saved.connect(self._settings_saved)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _settings_saved(self, settings) -> None:
        from ui.settings.values import current_actor

        self.store.actor = current_actor(settings)
        self.set_lead_only(settings.lead_only)

    def set_lead_only(self, lead_only: bool) -> None:
        """Whether the progress grid lists co-operating offices' rows (设置 → 只统计牵头单位)."""
        self.progress.model.lead_only = lead_only
        self._update_progress()

    def open_dashboard(self, period: str | None = None):
        """报表 → 进度看板 for the plan and period on screen; None when there is no plan or work is running."""
        from ui.dashboard.dialog import DashboardDialog
        from ui.settings.values import load_settings

        plan_id = self.current_plan_id()
        period = period or self.filter_bar.period()
        if plan_id is None or period is None or self.runner.busy():
            return None
        dialog = DashboardDialog(self.store, plan_id, period, self, lead_only=load_settings().lead_only,
                                 loaded_plan=self.task_model.plan)
        dialog.task_chosen.connect(self._show_task_from_dialog)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_report(self, kind: str):
        """报表 → 目标任务表 / 季度进展报告 / 单位报告, for the plan, period and office on screen."""
        from ui.documents.dialog import ReportDialog

        plan_id = self.current_plan_id()
        period = self.filter_bar.period()
        if plan_id is None or period is None or self.runner.busy():
            return None
        dialog = ReportDialog(self.store, plan_id, period, self.task_model.office_filter, kind, self,
                              filters=self.report_filters())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _show_task_from_dialog(self, task_id: int) -> None:
        self.tabs.setCurrentIndex(0)
        self.select_task(task_id)

    def open_audit_log(self):
        from ui.audit.dialog import AuditDialog

        plan_id = self.current_plan_id()
        if plan_id is None:
            return None
        dialog = AuditDialog(self.store, self.source.plan(plan_id), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def _plan_imported(self, plan_id: int) -> None:
        self.source.forget()
        self.task_model.set_plan(None)
        self.reload_plans(plan_id)
        self.statusBar().showMessage(self.tr("Plan imported."), 5000)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if not self.store.readonly and dropped_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = dropped_files(event.mimeData())
        if files:
            event.acceptProposedAction()
            self.exchange.dropped(files)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.runner.busy():
            # An import or a collect is writing: closing now would only wait for it, so say so instead.
            self.statusBar().showMessage(self.tr("Please wait until the current task finishes."), 5000)
            event.ignore()
            return
        super().closeEvent(event)

    def current_plan_id(self) -> int | None:
        plan = self.task_model.plan
        return plan.id if plan else None

    def show_plan(self, plan_id: int | None) -> None:
        if plan_id is not None and plan_id == self.current_plan_id():
            self.task_table.scrollToTop()
            return
        plan = self.source.plan(plan_id) if plan_id is not None else None
        offices = self.source.offices(plan_id) if plan_id is not None else []
        self.filter_bar.set_plan(plan, offices)
        self.task_model.set_plan(plan)
        self.task_filter_bar.set_plan(plan)
        self.task_delegate.office_names = self.source.all_office_names() if plan is not None else []
        self._apply_period(self.filter_bar.period())
        self._apply_task_filter()
        self.task_detail.show_task(None)
        self._update_status()

    def _apply_task_filter(self) -> None:
        """The filter bar's choices, applied to the table (and offered to the reports)."""
        plan = self.task_model.plan
        if plan is None:
            return
        bar = self.task_filter_bar
        section_id, status, period = bar.section_id(), bar.status_value(), self.filter_bar.period()
        task_ids = None
        if status is not None and period is not None:
            task_ids = self._tasks_with_status(plan, period, status)
        current = self.task_detail.task()
        self.task_model.set_filter(TaskFilter(
            bar.text(), section_and_below(plan, section_id) if section_id is not None else None, task_ids))
        if current is None or not self.select_task(current.id):
            self.task_detail.show_task(None)
        self._update_status()

    def _tasks_with_status(self, plan: Plan, period: str, status: str) -> frozenset[int]:
        kept = self._status_tasks
        if kept is None or kept[0] is not plan or kept[1:3] != (period, status):
            kept = self._status_tasks = (plan, period, status,
                                         tasks_with_status(self.store.conn, plan, parse_period(period), status))
        return kept[3]

    def _forget_status_tasks(self) -> None:
        self._status_tasks = None

    def report_filters(self) -> dict:
        """The filter bar's choices as a report's options: section, status and the tasks a search shows."""
        plan, bar = self.task_model.plan, self.task_filter_bar
        text = self.task_model.task_filter.text
        task_ids = filtered_task_ids(plan, TaskFilter(text)) if plan is not None and text.strip() else None
        return {"section_id": bar.section_id(), "status": bar.status_value(), "task_ids": task_ids}

    # Editing

    def task_edited(self, task: Task) -> None:
        """One task was changed (or a change undone): the detail pane and the progress grid follow."""
        if self.task_detail.task() is not None and self.task_detail.task().id == task.id:
            self._show_detail(task)
        self.progress.refresh_task(task.id)

    def plan_edited(self, select_task_id: int | None) -> None:
        """The plan's shape changed: read it again, keeping the filters and the current task if it still exists."""
        plan_id = self.current_plan_id()
        current = self.task_detail.task()
        keep = select_task_id if select_task_id is not None else (current.id if current else None)
        office = self.task_model.office_filter
        self.source.forget()
        self.task_model.set_plan(None)
        self.reload_plans(plan_id)
        if office is not None:
            self.filter_bar.select_office(office)
        if keep is not None and self.select_task(keep):
            self._show_detail(self.task_model.task_at(self.task_table.currentIndex().row()))

    def show_new_plan(self, plan_id: int | None) -> None:
        self.source.forget()
        self.task_model.set_plan(None)
        self.reload_plans(plan_id)

    def show_section(self, plan_id: int, section_id: int) -> None:
        if plan_id != self.current_plan_id():
            self.show_plan(plan_id)
        row = self.task_model.row_of_section(section_id)
        if row is None and self.task_model.office_filter is not None:
            # The office filter hid the whole section: show every office rather than nothing.
            self.filter_bar.select_office(None)
            row = self.task_model.row_of_section(section_id)
        if row is not None:
            self.task_table.scroll_to_row(row, at_top=True)

    def select_task(self, task_id: int) -> bool:
        """Make the task with `task_id` the current row; False if the table does not show it."""
        row = self.task_model.row_of_task(task_id)
        if row is None:
            return False
        self.task_table.scroll_to_row(row)
        return True

    def _apply_period(self, code: str | None) -> None:
        self.task_model.set_highlight_year(parse_period(code).year if code else None)
        self.task_detail.set_period(code)
        self._update_progress()
        if self.task_filter_bar.status_value() is not None:
            self._apply_task_filter()  # the chosen status is the status in this period

    def _apply_office(self, office: str | None) -> None:
        current = self.task_detail.task()
        self.task_model.set_office_filter(office)
        if current is None or not self.select_task(current.id):
            self.task_detail.show_task(None)
        self._update_status()
        self._update_progress()

    def refresh_progress(self) -> None:
        """Reports arrived from elsewhere (collected returns): read the plans and the grid again."""
        self.source.forget()
        plan_id = self.current_plan_id()
        self.task_model.set_plan(None)
        self.reload_plans(plan_id)

    def _update_progress(self) -> None:
        self.progress.set_context(self.task_model.plan, self.filter_bar.period(), self.task_model.office_filter)

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_detail(self.task_model.task_at(current.row()) if current.isValid() else None)
        self.edit_actions.update()

    def _show_detail(self, task: Task | None) -> None:
        self.task_detail.show_task(task, task_history(self.store.conn, task.id) if task is not None else [])

    def _update_status(self) -> None:
        plan = self.task_model.plan
        if plan is None:
            self.plan_label.setText(self.tr("No plan yet"))
        else:
            state = self.tr("issued") if plan.state is PlanState.ISSUED else self.tr("draft")
            self.plan_label.setText(self.tr("%1 (%2)").replace("%1", plan.title).replace("%2", state))
        self.edit_actions.update()
        shown = self.task_model.task_count()
        total = len(plan.tasks) if plan else 0
        if shown == total:
            self.count_label.setText(self.tr("Tasks: %1").replace("%1", str(total)))
        else:
            self.count_label.setText(self.tr("Tasks: %1 of %2").replace("%1", str(shown)).replace("%2", str(total)))
