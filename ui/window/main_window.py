"""The main window: plan outline, then the task table and progress entry as tabs, composed from their features.

The window owns the `WindowContext` its panels and dialogs share. It chooses what is
shown (plan, period, office) and applies every committed write's `Changes` in one
place, `apply_changes`; nothing else reloads the window by hand.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QTabWidget, QWidget

from planner.domain.changes import Changes
from planner.domain.model import PlanState
from planner.domain.periods import parse_period
from planner.store import Store
from planner.store.queries import load_task
from ui.common.recent_files import forget_recent
from ui.context import WindowContext
from ui.exchange.actions import ExchangeActions
from ui.settings.values import UserSettings
from ui.tasks.edit_actions import EditActions
from ui.tasks.tab import TasksTab
from ui.window import backup_actions
from ui.window.about import show_about
from ui.window.actions import MainActions
from ui.window.file_drop import dropped_files
from ui.window.period_bar import PlanFilterBar
from ui.window.plan_tree import PlanTree
from ui.window.progress_tab import ProgressTab
from ui.window.recent_menu import RecentMenu
from ui.window.unsaved import NOTHING_TYPED, settle_before_closing

if TYPE_CHECKING:
    from ui.progress.panel import ProgressPanel

SPLITTER_SIZES = (230, 1170)
DEFAULT_SIZE = (1400, 850)


class MainWindow(QMainWindow):
    database_chosen = Signal(object)  # a Store the user opened (文件 → 连接共享数据库…) to work on instead

    def __init__(self, store: Store, settings: UserSettings | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Annual Target Planner"))
        self.setAcceptDrops(True)
        context = self.context = WindowContext(store, settings, self)
        self.store, self.source, self.runner, self.undo_stack = store, context.source, context.runner, \
            context.undo_stack
        self.main_actions = MainActions(self, self.undo_stack)
        self.main_actions.build_menus(self.menuBar())
        self.filter_bar = PlanFilterBar(self)
        self.addToolBar(self.filter_bar)
        self.plan_tree = PlanTree(lambda plan_id: self.source.plan(plan_id).sections, self)
        self.tasks = TasksTab(context, self)
        self.task_model, self.task_table, self.task_delegate = self.tasks.model, self.tasks.table, self.tasks.delegate
        self.task_filter_bar, self.task_detail = self.tasks.filter_bar, self.tasks.detail
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.tasks, self.tr("Target table"))
        self.progress_tab = ProgressTab(context, self.tabs, self.tr("Progress entry"), self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.plan_tree)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes(list(SPLITTER_SIZES))
        self.setCentralWidget(splitter)
        self._build_status_bar()
        if store.readonly:
            self.setWindowTitle(self.tr("Annual Target Planner (read-only)"))
        self.edit_actions = EditActions(context, self.main_actions, self.tasks)
        self.exchange = ExchangeActions(context, self.main_actions)
        self._connect_menus()
        self.plan_tree.plan_chosen.connect(self.show_plan)
        self.plan_tree.section_chosen.connect(self.show_section)
        self.filter_bar.period_changed.connect(self._choose_period)
        self.filter_bar.office_changed.connect(self._choose_office)
        self.tasks.current_task_changed.connect(lambda _task: self.update_actions())
        self.tasks.shown_count_changed.connect(self._update_status)
        context.changed.connect(self.apply_changes)
        context.show_requested.connect(self._show_requested)
        context.message.connect(lambda text, ms: self.statusBar().showMessage(text, ms))
        self.exchange.import_requested.connect(self.open_import)
        self.exchange.notice_requested.connect(self.open_notice_import)
        self.exchange.received_opened.connect(lambda: self.tabs.setCurrentWidget(self.progress))
        self._fit_to_screen()
        self.reload_plans()

    @property
    def progress(self) -> ProgressPanel:
        """The 进展填报 tab's panel, built on first use."""
        return self.progress_tab.built()

    def _connect_menus(self) -> None:
        actions, context = self.main_actions, self.context
        actions.quit.triggered.connect(self.close)
        actions.about.triggered.connect(lambda: show_about(self, self.store.path))
        actions.guide.triggered.connect(self.open_guide)
        self.recent_menu = RecentMenu(actions.recent_menu, self.open_recent)
        actions.import_table.triggered.connect(lambda: self.open_import())
        actions.import_notice.triggered.connect(lambda: self.open_notice_import())
        actions.paste_notice.triggered.connect(lambda: self.open_notice_import(pasted=True))
        actions.backup.triggered.connect(lambda: backup_actions.back_up(context))
        actions.connect_server.triggered.connect(lambda: self.open_server_connect())
        actions.restore.triggered.connect(lambda: backup_actions.restore(context))
        actions.settings.triggered.connect(self.open_settings)
        actions.dashboard.triggered.connect(lambda: self.open_dashboard())
        actions.audit_log.triggered.connect(lambda: self.open_audit_log())
        for action, kind in ((actions.target_table_report, "targets"), (actions.quarterly_report, "quarterly"),
                             (actions.office_report, "office")):
            action.triggered.connect(lambda _checked=False, kind=kind: self.open_report(kind))

    def update_actions(self) -> None:
        """Every menu command switched on or off for what the window shows, in this one place."""
        actions, readonly = self.main_actions, self.store.readonly
        plan = self.context.plan
        task, section = self.tasks.current_task(), self.edit_actions.current_section()
        writable = not readonly and plan is not None
        for action in (actions.new_plan, actions.import_table, actions.import_notice, actions.paste_notice,
                       actions.collect_returns, actions.open_received, actions.restore, actions.offices):
            action.setEnabled(not readonly)
        # A server's database is backed up by the server's own means (pg_dump), not by copying a file.
        actions.backup.setEnabled(not self.store.is_server)
        actions.restore.setEnabled(not readonly and not self.store.is_server)
        for action in (actions.add_section, actions.add_task, actions.renumber, actions.plan_properties,
                       actions.make_fill_in_forms):
            action.setEnabled(writable)
        for action in (actions.move_up, actions.move_down, actions.edit_targets):
            action.setEnabled(writable and task is not None)
        actions.delete_task.setEnabled(writable and (task is not None or section is not None))
        actions.issue_plan.setEnabled(writable and plan is not None and plan.state is PlanState.DRAFT)
        actions.write_back.setEnabled(not readonly and self.exchange.received is not None)
        for action in (actions.export, actions.target_table_report, actions.quarterly_report,
                       actions.office_report, actions.audit_log):
            action.setEnabled(plan is not None)
        actions.dashboard.setEnabled(plan is not None and self.context.period is not None)

    def _fit_to_screen(self) -> None:
        available = self.screen().availableGeometry()
        self.resize(min(DEFAULT_SIZE[0], int(available.width() * 0.95)),
                    min(DEFAULT_SIZE[1], int(available.height() * 0.9)))

    def _build_status_bar(self) -> None:
        self.plan_label = QLabel(self)
        self.count_label = QLabel(self)
        self.path_label = QLabel(self.tr("Database: %1").replace("%1", self.store.location_label), self)
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bar = self.statusBar()
        bar.addWidget(self.plan_label, 1)
        bar.addPermanentWidget(self.count_label)
        bar.addPermanentWidget(self.path_label)

    # What is shown

    def reload_plans(self, show_plan_id: int | None = None) -> None:
        """Re-read the list of plans and show `show_plan_id`, or the first plan."""
        plans = self.source.plans()
        self.plan_tree.set_plans(plans)
        if plans:
            known = {p.id for p in plans}
            shown = show_plan_id if show_plan_id in known else plans[0].id
            assert shown is not None, "plans read from the database have ids"
            self.plan_tree.select_plan(shown)
        else:
            self.show_plan(None)

    def current_plan_id(self) -> int | None:
        return self.context.plan_id

    def show_plan(self, plan_id: int | None) -> None:
        if plan_id is not None and plan_id == self.context.plan_id and self.task_model.plan is not None:
            self.task_table.scrollToTop()
            return
        plan = self.source.plan(plan_id) if plan_id is not None else None
        self.context.plan = plan
        self.filter_bar.set_plan(plan, self.source.offices(plan_id) if plan_id is not None else [],
                                 reported=self.source.reported_periods(plan_id) if plan_id is not None else ())
        self.context.office = self.filter_bar.office()
        self.tasks.show_plan(plan)
        self.task_model.set_office_filter(self.context.office)
        self._choose_period(self.filter_bar.period())

    def _choose_period(self, code: str | None) -> None:
        self.context.period = parse_period(code) if code else None
        self.tasks.show_period(code)
        self.tasks.apply_filter()
        self.progress_tab.show_context()
        self._update_status()

    def _choose_office(self, office: str | None) -> None:
        self.context.office = office
        self.tasks.show_office(office)
        self.progress_tab.show_context()
        self._update_status()

    def show_section(self, plan_id: int, section_id: int) -> None:
        if plan_id != self.context.plan_id:
            self.show_plan(plan_id)
        if not self.tasks.show_section(section_id) and self.context.office is not None:
            # The office filter hid the whole section: show every office rather than nothing.
            self.filter_bar.select_office(None)
            self.tasks.show_section(section_id)

    def select_task(self, task_id: int) -> bool:
        return self.tasks.select_task(task_id)

    def _show_requested(self, plan_id: int | None, period: str | None, office: str | None,
                        task_id: int | None) -> None:
        """A panel or dialog asks for a plan, period, office or task to be shown."""
        if plan_id is not None and plan_id != self.context.plan_id:
            self.reload_plans(plan_id)
        if period is not None:
            self.filter_bar.select_period(period)
        if office is not None:
            self.filter_bar.select_office(office)
        if task_id is not None:
            self.tabs.setCurrentIndex(0)
            self.select_task(task_id)

    def report_filters(self) -> dict:
        return self.tasks.report_filters()

    # After every write

    def apply_changes(self, changes: Changes) -> None:
        """What a committed write changed reaches the window here, and only here."""
        self.tasks.forget_statuses()
        plan = self.context.plan
        if changes.reshapes:
            self._read_again()
        elif plan is not None and changes.tasks:
            mine = {task.id for task in plan.tasks}
            self.tasks.tasks_changed([load_task(self.store.conn, task_id) for task_id in changes.tasks
                                      if task_id in mine])
        if not changes.reshapes:
            self.progress_tab.apply_changes(changes)
            if self.task_filter_bar.status_value() is not None and (changes.progress or changes.tasks):
                self.tasks.apply_filter()
        self.update_actions()
        self._update_status()

    def _read_again(self) -> None:
        """The plans' list or a plan's shape changed: read them again, keeping period, office, filters and task."""
        plan_id, period, office = self.context.plan_id, self.context.period_code, self.context.office
        current = self.tasks.current_task()
        self.source.forget()
        self.context.plan = None
        self.task_model.set_plan(None)
        self.reload_plans(plan_id)
        if period is not None:
            self.filter_bar.select_period(period)
        if office is not None:
            self.filter_bar.select_office(office)
        if current is not None and current.id is not None and self.select_task(current.id):
            self.tasks.show_detail(self.tasks.current_task())

    def _update_status(self) -> None:
        plan = self.context.plan
        if plan is None:
            self.plan_label.setText(self.tr("No plan yet"))
        else:
            state = self.tr("issued") if plan.state is PlanState.ISSUED else self.tr("draft")
            self.plan_label.setText(self.tr("%1 (%2)").replace("%1", plan.title).replace("%2", state))
        shown = self.task_model.task_count()
        total = len(plan.tasks) if plan else 0
        if shown == total:
            self.count_label.setText(self.tr("Tasks: %1").replace("%1", str(total)))
        else:
            self.count_label.setText(self.tr("Tasks: %1 of %2").replace("%1", str(shown)).replace("%2", str(total)))
        self.update_actions()

    # Dialogs

    def open_import(self, path: str | Path | None = None):
        """文件 → 导入表格, or a file dropped onto the window; returns the wizard."""
        from ui.importing.wizard import ImportWizard

        wizard = ImportWizard(self.context, path, self)
        wizard.imported.connect(self._plan_imported)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.open()
        return wizard

    def open_notice_import(self, path: str | Path | None = None, pasted: bool = False):
        """文件 → 导入通知… (asks for the file), 编辑 → 粘贴通知文本, or a notice dropped onto the window; returns the
        wizard, or None when there is nothing to read. The wizard shows the plan it imports."""
        from ui.importing.notice_wizard import open_notice_wizard

        return open_notice_wizard(self.context, path, pasted, self)

    def _plan_imported(self, plan_id: int) -> None:
        self.reload_plans(plan_id)
        self.statusBar().showMessage(self.tr("Plan imported."), 5000)

    def open_settings(self):
        from ui.settings.dialog import SettingsDialog

        plan_id = self.context.plan_id
        dialog = SettingsDialog(self.source.offices(plan_id) if plan_id is not None else [], self)
        dialog.saved.connect(self.context.set_settings)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_dashboard(self, period: str | None = None):
        """报表 → 进度看板 for the plan and period on screen; None when there is no plan or work is running."""
        from ui.dashboard.dialog import DashboardDialog

        period = period or self.context.period_code
        if self.context.plan is None or period is None or self.runner.busy():
            return None
        dialog = DashboardDialog(self.context, period, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_report(self, kind: str):
        """报表 → 目标任务表 / 季度进展报告 / 单位报告, for the plan, period and office on screen."""
        from ui.documents.dialog import DocumentDialog

        if self.context.plan is None or self.context.period is None or self.runner.busy():
            return None
        dialog = DocumentDialog(self.context, kind, self.report_filters(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_server_connect(self):
        """文件 → 连接共享数据库…: on success the window hands the opened store on (`database_chosen`)."""
        from ui.window.server_connect import ServerConnectDialog

        if self.runner.busy():
            return None
        dialog = ServerConnectDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.connected.connect(self.database_chosen.emit)
        dialog.open()
        return dialog

    def open_guide(self):
        """帮助 → 使用说明 (F1), beside the window (not modal), listing the window's keys as they are."""
        from ui.window.guide import GuideDialog

        dialog = GuideDialog(self.main_actions.with_keys(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def open_recent(self, path: Path) -> None:
        """文件 → 最近打开: a received form opens in its viewer again; a notice or a table in its wizard."""
        from planner.exchange.fill_in_read import looks_like_fill_in

        if not path.exists():
            forget_recent(path)
            self.statusBar().showMessage(self.tr("%1 is no longer there; it was taken off the list.")
                                         .replace("%1", str(path)), 8000)
        elif looks_like_fill_in(path):
            self.exchange.open_received(path)
        else:
            self.exchange.dropped([path])

    def open_audit_log(self):
        from ui.audit.dialog import AuditDialog

        if self.context.plan is None:
            return None
        dialog = AuditDialog(self.context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    # The window itself

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
        panel = self.progress_tab.panel
        views = (self.task_table,) if panel is None else (self.task_table, panel.table)
        if not settle_before_closing(self, views, panel or NOTHING_TYPED):
            event.ignore()
            return
        super().closeEvent(event)
