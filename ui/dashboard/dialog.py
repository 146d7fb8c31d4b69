"""The coordinator's dashboard (看板) for one plan and one period.

Status counts as coloured tiles, every office with its returns, the tasks behind
schedule, completion by office as a chart, and the 催报名单 as a workbook. The
figures are worked out by planner on the dialog's own background worker, the
tasks' statuses first and every office's figures after (about a second for 2,000
tasks and 20 offices), and the window must not freeze meanwhile.
What is on screen is always labelled with the period and scope it was computed
for, so a result still on its way never passes for the new choice.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QModelIndex, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from planner.domain.errors import NotFoundError, PlannerError
from planner.domain.model import Plan, Status
from planner.domain.period_status import has_shares
from planner.domain.periods import parse_period
from planner.domain.plan_periods import opening_period, plan_periods
from planner.domain.status import Evaluation, status_counts
from planner.exchange.reminder_list import write_reminder_list
from ui.common.jobs import PROGRESS_DELAY_MS, JobRunner
from ui.common.language import is_chinese
from ui.common.save_paths import ask_save_path
from ui.context import WindowContext
from ui.dashboard.chart import CompletionChart
from ui.dashboard.models import TASK_ID_ROLE, LaggingTableModel, OfficeTableModel
from ui.dashboard.source import DashboardFigures, DashboardSource
from ui.dashboard.widgets import StatusTile, group_box, sorted_table

DEFAULT_SIZE = (1200, 820)
ERROR_STYLE = "color: #C62828;"
LAGGING_COLUMN_CHARS = {LaggingTableModel.COL_SEQ: 3, LaggingTableModel.COL_NAME: 14, LaggingTableModel.COL_LEAD: 10,
                        LaggingTableModel.COL_COMPLETION: 4}


class DashboardDialog(QDialog):
    """Emits `refreshed()` once the figures for the chosen period and scope are on screen,
    `period_changed(code)` when the user picks another period, and `task_chosen(task_id)`
    when a lagging task is double-clicked."""

    refreshed = Signal()
    tasks_shown = Signal()  # the tiles and the lagging list are on screen; the office figures follow
    period_changed = Signal(str)
    task_chosen = Signal(int)

    def __init__(self, context: WindowContext, period_code: str | None = None, parent: QWidget | None = None):
        """The dashboard of the context's plan, opening on `period_code` (else the context's period) when it
        has returns, else on the latest period with returns (`opening_period`); a double-clicked lagging
        task is shown in the window."""
        super().__init__(parent)
        self.setObjectName("dashboardDialog")
        plan = context.plan
        if plan is None:
            raise NotFoundError("没有打开的计划。")
        store = context.store
        period_code = period_code or context.period_code
        lead_only = context.settings.lead_only
        assert plan.id is not None, "the plan on screen was read from the database"
        self._source = DashboardSource(store.conn, plan.id, plan,
                                       reader=store.reader_connection)
        self._runner = JobRunner(self)
        self._generation = 0
        self._figures: DashboardFigures | None = None
        self._figures_for = -1  # the generation whose full figures are on screen
        self._lagging_on_screen: list[Evaluation] | None = None  # the task evaluations the lagging list shows
        self._export_dir = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
                                or Path.home())
        self.setWindowTitle(self.tr("Dashboard — %1").replace("%1", plan.title))
        self._build(plan, lead_only)
        opening = opening_period(plan, self._known_code(period_code), date.today(),
                                 context.source.reported_periods(plan.id))
        self.period_combo.setCurrentIndex(max(0, self.period_combo.findData(opening)))
        self.period_combo.currentIndexChanged.connect(self._period_chosen)
        self.lead_only_box.toggled.connect(lambda _checked: self.recompute())
        self.task_chosen.connect(lambda task_id: context.request_show(task_id=task_id))
        self._fit_to_screen()
        self.recompute()

    # Building

    def _build(self, plan: Plan, lead_only: bool) -> None:
        self.period_combo = QComboBox(self)
        self.period_combo.setObjectName("dashboardPeriod")
        chinese = is_chinese()
        for period in plan_periods(plan):
            self.period_combo.addItem(period.label if chinese else period.label_en, period.code)
        period_label = QLabel(self.tr("&Period:"), self)
        period_label.setBuddy(self.period_combo)
        self.lead_only_box = QCheckBox(self.tr("Count &lead offices only"), self)
        self.lead_only_box.setObjectName("leadOnly")
        self.lead_only_box.setChecked(lead_only)
        self.lead_only_box.setToolTip(self.tr("Leave co-operating offices out of the office figures"))
        self.busy_label = QLabel(self)
        self.busy_label.setObjectName("dashboardBusy")
        self.export_button = QPushButton(self.tr("&Export reminder list…"), self)
        self.export_button.setObjectName("exportReminderList")
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.export_reminder_list)
        controls = QHBoxLayout()
        for widget in (period_label, self.period_combo, self.lead_only_box):
            controls.addWidget(widget)
        controls.addStretch(1)
        controls.addWidget(self.busy_label)
        controls.addWidget(self.export_button)

        self.heading = QLabel(self)
        self.heading.setObjectName("dashboardHeading")
        self.heading.setWordWrap(True)
        heading_font = QFont(self.heading.font())
        heading_font.setBold(True)
        self.heading.setFont(heading_font)
        self.tiles = {status: StatusTile(status, self) for status in Status}
        self.tiles[Status.NOT_REPORTED].setToolTip(
            self.tr("Tasks whose lead office has not reported for the period (a task is judged by its lead office)"))
        self.chase_label = QLabel(self)
        self.chase_label.setObjectName("dashboardChase")
        self.chase_label.setWordWrap(True)
        tiles = QHBoxLayout()
        for tile in self.tiles.values():
            tiles.addWidget(tile, 1)

        self.office_model = OfficeTableModel(self)
        self.office_table = sorted_table(self.office_model, self, sortable=True)
        self.office_table.setObjectName("officeTable")
        header = self.office_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # office names must stay readable
        header.setStretchLastSection(True)
        self.chart = CompletionChart(self)
        chart_area = QScrollArea(self)
        chart_area.setWidgetResizable(True)
        chart_area.setFrameShape(QFrame.Shape.NoFrame)
        chart_area.setWidget(self.chart)
        self.lagging_model = LaggingTableModel(self)
        self.lagging_table = sorted_table(self.lagging_model, self, sortable=True)
        self.lagging_table.setObjectName("laggingTable")
        lagging_header = self.lagging_table.horizontalHeader()
        lagging_header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        lagging_header.setStretchLastSection(True)
        # Widths from the font, not from the rows: measuring a thousand lagging tasks costs a visible pause.
        char = self.fontMetrics().horizontalAdvance("中")
        for column, chars in LAGGING_COLUMN_CHARS.items():
            # …and never narrower than the header's own title, which is longer in English ("Completion").
            self.lagging_table.setColumnWidth(column, max(chars * char, lagging_header.sectionSizeHint(column)))
        self.lagging_table.doubleClicked.connect(self._lagging_double_clicked)

        offices = QSplitter(Qt.Orientation.Horizontal, self)
        offices.addWidget(group_box(self.tr("Returns by office"), self.office_table, self))
        offices.addWidget(group_box(self.tr("On-track rate by office"), chart_area, self))
        offices.setSizes([560, 520])
        self.lagging_group = group_box(self.tr("Lagging tasks"), self.lagging_table, self)
        body = QSplitter(Qt.Orientation.Vertical, self)
        body.addWidget(offices)
        body.addWidget(self.lagging_group)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 2)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.heading)
        layout.addLayout(tiles)
        layout.addWidget(self.chase_label)
        layout.addWidget(body, 1)
        layout.addWidget(buttons)

        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.timeout.connect(lambda: self._show_busy(True))

    @staticmethod
    def _known_code(code: str | None) -> str | None:
        try:
            return parse_period(code).code if code else None
        except PlannerError:
            return None

    def _fit_to_screen(self) -> None:
        available = self.screen().availableGeometry()
        self.resize(min(DEFAULT_SIZE[0], int(available.width() * 0.95)),
                    min(DEFAULT_SIZE[1], int(available.height() * 0.9)))

    # Computing

    def period_code(self) -> str:
        return self.period_combo.currentData()

    def lead_only(self) -> bool:
        return self.lead_only_box.isChecked()

    def figures(self) -> DashboardFigures | None:
        """What the dialog shows now (None until the first result arrives)."""
        return self._figures

    def busy(self) -> bool:
        return self._runner.busy()

    def select_period(self, code: str) -> None:
        self.period_combo.setCurrentIndex(self.period_combo.findData(parse_period(code).code))

    def recompute(self) -> None:
        """Work out the figures for the chosen period and scope; the last choice wins."""
        self._generation += 1
        generation, code, lead_only = self._generation, self.period_code(), self.lead_only()
        source = self._source
        self._busy_timer.start(PROGRESS_DELAY_MS)
        # The tasks' own statuses need a fraction of the reports: they come first, the offices' figures after.
        self._runner.start(lambda _progress: (generation, source.task_figures(code)),
                           on_success=self._tasks_computed, on_failure=self._failed)
        self._runner.start(lambda _progress: (generation, source.figures(code, lead_only)),
                           on_success=self._computed, on_failure=self._failed)

    def _period_chosen(self, _index: int) -> None:
        self.period_changed.emit(self.period_code())
        self.recompute()

    def _computed(self, result: tuple[int, DashboardFigures]) -> None:
        generation, figures = result
        if generation != self._generation:
            return  # the user has chosen again since; the newer job will answer
        self._show_busy(False)
        self._figures_for = generation
        self._show(figures)
        self.refreshed.emit()

    def _tasks_computed(self, result) -> None:
        generation, figures = result
        if generation != self._generation or self._figures_for == generation:
            return
        for state, count in status_counts(figures.tasks).items():
            self.tiles[state].set_count(count)
        self._show_lagging(figures.plan, figures.tasks)
        self.tasks_shown.emit()

    def _show_lagging(self, plan: Plan, tasks: list[Evaluation]) -> None:
        if tasks is self._lagging_on_screen:
            return  # already listed by the first step: keep the user's place in the list
        self._lagging_on_screen = tasks
        lagging = [e for e in tasks if e.status is Status.BEHIND]
        # The tasks of a stored plan all have ids: the filter drops none, it narrows the type.
        self.lagging_model.set_lagging(lagging, {task.id: task for task in plan.tasks if task.id is not None})
        self.lagging_group.setTitle(self.tr("Lagging tasks (%1)").replace("%1", str(len(lagging))))

    def _failed(self, message: str) -> None:
        # One worker runs the jobs in order, so a newer job's result always arrives after this and replaces it.
        self._show_busy(False)
        self.busy_label.setStyleSheet(ERROR_STYLE)
        self.busy_label.setText(message)
        self.busy_label.show()

    def _show_busy(self, busy: bool) -> None:
        if not busy:
            self._busy_timer.stop()
        self.busy_label.setStyleSheet("")
        self.busy_label.setText(self.tr("Computing…") if busy else "")

    def _show(self, figures: DashboardFigures) -> None:
        self._figures = figures
        offices = figures.offices
        label = figures.period.label if is_chinese() else figures.period.label_en
        scope = self.tr("lead offices only") if offices.lead_only else self.tr("lead and co-operating offices")
        self.heading.setText(self.tr("%1 — %2 (%3)").replace("%3", scope).replace("%2", label)
                             .replace("%1", figures.plan.title))
        for state, count in figures.counts.items():
            self.tiles[state].set_count(count)
        self.office_model.set_offices(offices.offices)
        self.chart.set_offices(offices.offices)
        self._show_lagging(figures.plan, figures.tasks)
        missing = offices.not_reported()
        self._show_chase_rule(offices.lead_only, has_shares(figures.plan, figures.period.year), missing)
        self.export_button.setEnabled(bool(missing))
        self.export_button.setToolTip(
            self.tr("%1 office(s) have not reported").replace("%1", str(len(missing))) if missing
            else self.tr("Every office has reported for this period"))

    def _show_chase_rule(self, lead_only: bool, shares: bool, missing: list[tuple[str, list[int]]]) -> None:
        """Say whose returns the office table and the 催报名单 count, in the words of the report's section 四
        (`planner.domain.period_status.chase_rule`); `shares` when some office has its own share of a target."""
        if lead_only:
            rule = self.tr("lead offices and offices with their own share, co-operating offices left out") if shares \
                else self.tr("lead offices, co-operating offices left out")
        else:
            rule = self.tr("every responsible office: lead, co-operating and with their own share") if shares \
                else self.tr("every responsible office, lead and co-operating")
        text = self.tr("Returns are counted and chased from %1: %2 office(s) owe %3 return(s). "
                       "The tiles judge each task by its lead office.")
        self.chase_label.setText(text.replace("%3", str(sum(len(ids) for _office, ids in missing)))
                                 .replace("%2", str(len(missing))).replace("%1", rule))

    def _lagging_double_clicked(self, index: QModelIndex) -> None:
        task_id = index.data(TASK_ID_ROLE)
        if task_id is not None:
            self.task_chosen.emit(task_id)

    # Exporting

    def export_reminder_list(self) -> Path | None:
        """Ask where to save the 催报名单 of the figures on screen, and save it; the path, or None."""
        if self._figures is None:
            return None
        plan, offices = self._figures.plan, self._figures.offices
        label = offices.period.label if is_chinese() else offices.period.label_en
        suggested = self._export_dir / (self.tr("Reminder list %1").replace("%1", label) + ".xlsx")
        picked = ask_save_path(self, self.tr("Export reminder list"), str(suggested),
                               self.tr("Excel workbooks (*.xlsx)"),
                               lambda path, _filter: path if path.name.lower().endswith(".xlsx")
                               else path.with_name(path.name + ".xlsx"))
        if picked is None:
            return None
        path = picked[0]
        try:
            written = write_reminder_list(path, plan, offices)  # it reads the period, scope and not_reported()
        except PlannerError as exc:  # the place was refused after it was chosen (planner.system.output_guard)
            QMessageBox.warning(self, self.tr("Reminder list not saved"), str(exc))
            return None
        except OSError as exc:
            reason = exc.strerror or str(exc)
            QMessageBox.warning(self, self.tr("Reminder list not saved"),
                                self.tr("Could not save %1.\n\nIf the file is open in WPS or Excel, close it and "
                                        "try again, or choose another name.\n\n(%2)")
                                .replace("%2", reason).replace("%1", str(path)))
            return None
        self._export_dir = written.parent
        self.busy_label.setStyleSheet("")
        self.busy_label.setText(self.tr("Saved: %1").replace("%1", written.name))
        return written

    # Closing

    def done(self, result: int) -> None:
        # A result arriving after the dialog is gone must not be shown, and the worker holds the connection.
        self._generation += 1
        self._runner.wait()
        self._source.close()
        super().done(result)
