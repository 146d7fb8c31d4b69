"""The coordinator's dashboard on the demo Hengshui plan, checked against the status engine run independently."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFileDialog, QMessageBox

from planner.domain.model import Status
from planner.domain.percentages import completion_text, on_track_text
from planner.domain.period_status import evaluate_plan
from planner.domain.periods import parse_period
from planner.store import Store
from planner.store.progress_queries import report_facts
from planner.store.queries import list_plans, load_plan
from ui.dashboard.dialog import DashboardDialog
from ui.dashboard.models import LaggingTableModel, OfficeTableModel

PERIOD = "2021Q2"
CIVIL_AFFAIRS = "市民政局"
REMINDER_FIRST_ROW = 4  # title, scope line, header


def hengshui_id(store: Store) -> int:
    return next(p.id for p in list_plans(store.conn) if p.key == "hengshui")


def engine(store: Store, code: str, lead_only: bool = False):
    """The plan and its status for `code`, worked out without the dialog."""
    plan = load_plan(store.conn, hengshui_id(store))
    period = parse_period(code)
    return plan, evaluate_plan(plan, report_facts(store.conn, plan.id, period), period, lead_only)


def wait_for_figures(qtbot, dialog: DashboardDialog, action) -> None:
    with qtbot.waitSignal(dialog.refreshed, timeout=10_000):
        action()


@pytest.fixture
def open_dashboard(qtbot, demo_store: Store, chinese_ui, make_context):
    def open_on(code: str = PERIOD, lead_only: bool = False) -> DashboardDialog:
        dialog = DashboardDialog(make_context(demo_store, hengshui_id(demo_store), code, lead_only=lead_only))
        qtbot.addWidget(dialog)
        wait_for_figures(qtbot, dialog, dialog.show)
        qtbot.waitExposed(dialog)
        return dialog

    return open_on


def tile_counts(dialog: DashboardDialog) -> dict[Status, int]:
    return {status: int(tile.count_label.text()) for status, tile in dialog.tiles.items()}


def table_rows(view) -> list[list[str]]:
    model = view.model()
    return [[model.index(row, column).data() for column in range(model.columnCount())]
            for row in range(model.rowCount())]


def click_header(qtbot, view, column: int) -> None:
    header = view.horizontalHeader()
    position = QPoint(header.sectionViewportPosition(column) + header.sectionSize(column) // 2, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=position)


def test_the_tiles_show_the_engine_counts_for_the_period(open_dashboard, demo_store):
    dialog = open_dashboard()
    plan, status = engine(demo_store, PERIOD)
    assert tile_counts(dialog) == status.counts
    assert sum(status.counts.values()) == len(plan.tasks)
    assert plan.title in dialog.heading.text() and "2021年第二季度" in dialog.heading.text()
    assert dialog.period_combo.currentText() == "2021年第二季度"


def test_the_office_table_lists_each_office_with_its_returns_and_on_track_rate(open_dashboard, demo_store):
    dialog = open_dashboard()
    _plan, status = engine(demo_store, PERIOD)
    rows = table_rows(dialog.office_table)
    assert [row[OfficeTableModel.COL_OFFICE] for row in rows] == [s.office for s in status.offices]
    civil = next(s for s in status.offices if s.office == CIVIL_AFFAIRS)
    shown = next(row for row in rows if row[OfficeTableModel.COL_OFFICE] == CIVIL_AFFAIRS)
    assert shown == [CIVIL_AFFAIRS, str(civil.assigned), str(civil.reported),
                     str(civil.counts[Status.NOT_REPORTED]), on_track_text(civil.on_track_rate)]
    assert civil.counts[Status.NOT_REPORTED] > 0  # the demo's 市民政局 still owes returns in 2021Q2


def test_clicking_the_on_track_header_sorts_offices_by_on_track_rate(open_dashboard, qtbot):
    dialog = open_dashboard()
    column = OfficeTableModel.COL_ON_TRACK
    click_header(qtbot, dialog.office_table, column)
    shown = [int(row[column].rstrip("%")) for row in table_rows(dialog.office_table)]
    assert shown == sorted(shown) and shown[0] < shown[-1]
    click_header(qtbot, dialog.office_table, column)
    shown = [int(row[column].rstrip("%")) for row in table_rows(dialog.office_table)]
    assert shown == sorted(shown, reverse=True)


def test_the_lagging_table_lists_the_lagging_tasks_with_their_explanation(open_dashboard, demo_store):
    dialog = open_dashboard()
    plan, status = engine(demo_store, PERIOD)
    tasks = {task.id: task for task in plan.tasks}
    assert status.lagging, "the demo has lagging tasks in 2021Q2"
    rows = table_rows(dialog.lagging_table)
    assert [(row[LaggingTableModel.COL_SEQ], row[LaggingTableModel.COL_NAME]) for row in rows] == \
           [(tasks[e.task_id].seq, tasks[e.task_id].name) for e in status.lagging]
    assert [row[LaggingTableModel.COL_COMPLETION] for row in rows] == \
           [completion_text(e.completion) for e in status.lagging]
    assert [row[LaggingTableModel.COL_EXPLANATION] for row in rows] == [e.explanation for e in status.lagging]
    assert str(len(status.lagging)) in dialog.lagging_group.title()


def test_double_clicking_a_lagging_task_names_it_to_the_caller(open_dashboard, demo_store, qtbot):
    dialog = open_dashboard()
    _plan, status = engine(demo_store, PERIOD)
    view = dialog.lagging_table
    centre = view.visualRect(view.model().index(0, LaggingTableModel.COL_NAME)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    with qtbot.waitSignal(dialog.task_chosen) as chosen:
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert chosen.args == [status.lagging[0].task_id]


def test_counting_lead_offices_only_changes_the_office_list(open_dashboard, demo_store, qtbot):
    dialog = open_dashboard()
    everyone = [row[0] for row in table_rows(dialog.office_table)]
    wait_for_figures(qtbot, dialog, lambda: qtbot.mouseClick(dialog.lead_only_box, Qt.MouseButton.LeftButton))
    _plan, leads = engine(demo_store, PERIOD, lead_only=True)
    shown = [row[0] for row in table_rows(dialog.office_table)]
    assert shown == [s.office for s in leads.offices]
    assert set(shown) < set(everyone)
    assert [bar.office.office for bar in dialog.chart.bars()] == shown


def test_opening_with_lead_offices_only_starts_ticked(open_dashboard, demo_store):
    dialog = open_dashboard(lead_only=True)
    _plan, leads = engine(demo_store, PERIOD, lead_only=True)
    assert dialog.lead_only_box.isChecked()
    assert [row[0] for row in table_rows(dialog.office_table)] == [s.office for s in leads.offices]


def test_choosing_another_period_recomputes_everything(open_dashboard, demo_store, qtbot):
    dialog = open_dashboard()
    plan, before = engine(demo_store, PERIOD)
    _plan, after = engine(demo_store, "2021Q1")
    assert after.counts != before.counts  # otherwise the test would prove nothing
    with qtbot.waitSignal(dialog.period_changed) as changed:
        wait_for_figures(qtbot, dialog,
                         lambda: dialog.period_combo.setCurrentIndex(dialog.period_combo.findText("2021年第一季度")))
    assert changed.args == ["2021Q1"]
    assert tile_counts(dialog) == after.counts
    assert "2021年第一季度" in dialog.heading.text()
    tasks = {task.id: task for task in plan.tasks}
    assert [row[1] for row in table_rows(dialog.lagging_table)] == [tasks[e.task_id].name for e in after.lagging]


def test_a_period_outside_the_plan_opens_on_one_of_its_own(open_dashboard, demo_store):
    dialog = open_dashboard("2015Q1")  # a Harbin period; Hengshui runs 2020–2022
    plan = load_plan(demo_store.conn, hengshui_id(demo_store))
    assert plan.first_year <= parse_period(dialog.period_code()).year <= plan.last_year
    assert tile_counts(dialog) == engine(demo_store, dialog.period_code())[1].counts


def test_export_writes_the_offices_that_have_not_reported(open_dashboard, demo_store, qtbot, tmp_path, monkeypatch):
    dialog = open_dashboard()
    _plan, status = engine(demo_store, PERIOD)
    target = tmp_path / "催报名单"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)

    saved = target.with_suffix(".xlsx")
    rows = list(openpyxl.load_workbook(saved).active.iter_rows(min_row=REMINDER_FIRST_ROW, values_only=True))
    assert [(row[1], row[2]) for row in rows] == [(office, len(ids)) for office, ids in status.not_reported()]
    assert saved.name in dialog.busy_label.text()


def test_a_file_that_cannot_be_written_is_reported_clearly(open_dashboard, qtbot, tmp_path, monkeypatch):
    dialog = open_dashboard()
    folder = tmp_path / "exports"
    locked = folder / "催报名单.xlsx"
    locked.mkdir(parents=True)  # cannot be replaced, like a workbook held open by WPS on Windows
    answers = [str(locked), ""]  # the refused path, then 取消 when the dialog asks again
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (answers.pop(0), ""))
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *rest: warnings.append(text))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert len(warnings) == 1 and str(locked) in warnings[0]
    assert locked.is_dir() and list(folder.iterdir()) == [locked]


def test_nothing_to_export_when_every_office_has_reported(open_dashboard, demo_store):
    dialog = open_dashboard("2021Q2", lead_only=True)
    assert engine(demo_store, "2021Q2", lead_only=True)[1].not_reported() == []
    assert not dialog.export_button.isEnabled()


def test_the_chart_draws_one_bar_per_office_in_the_status_colours(open_dashboard, demo_store):
    dialog = open_dashboard()
    _plan, status = engine(demo_store, PERIOD)
    pixmap = dialog.chart.grab()
    assert not pixmap.isNull() and pixmap.width() > 0
    bars = dialog.chart.bars()
    assert len(bars) == len(status.offices)
    assert [bar.office.office for bar in bars] == [s.office for s in status.offices]
    image = pixmap.toImage()
    ratio = pixmap.devicePixelRatio()
    for bar in bars:
        done = sum(rect.width() for state, rect in bar.segments if state in (Status.DONE, Status.ON_TRACK))
        assert done / bar.bar_rect.width() == pytest.approx(bar.office.on_track_rate, abs=0.01), bar.office.office
        for state, rect in bar.segments:
            centre = rect.center()
            pixel = image.pixelColor(int(centre.x() * ratio), int(centre.y() * ratio))
            assert pixel == QColor(state.colour), (bar.office.office, state)


def test_the_chart_bar_under_the_mouse_names_its_office(open_dashboard):
    dialog = open_dashboard()
    bar = dialog.chart.bars()[2]
    assert dialog.chart.bar_at(bar.bar_rect.center()).office.office == bar.office.office


def test_flipping_through_periods_quickly_ends_on_the_last_choice(open_dashboard, demo_store, qtbot):
    dialog = open_dashboard()
    combo = dialog.period_combo

    def flip() -> None:
        combo.setCurrentIndex(combo.findText("2020年第四季度"))
        combo.setCurrentIndex(combo.findText("2021年第一季度"))

    wait_for_figures(qtbot, dialog, flip)
    assert "2021年第一季度" in dialog.heading.text()
    assert tile_counts(dialog) == engine(demo_store, "2021Q1")[1].counts
    qtbot.waitUntil(lambda: not dialog.busy())
    assert "2021年第一季度" in dialog.heading.text()  # the earlier choice's result never replaced it


def test_a_database_error_while_computing_is_shown_in_the_dialog(open_dashboard, qtbot, monkeypatch):
    from planner.domain.errors import DatabaseError
    from ui.dashboard.source import DashboardSource

    dialog = open_dashboard()

    def broken(self, code, lead_only):
        raise DatabaseError("无法读取数据库：磁盘已满")

    monkeypatch.setattr(DashboardSource, "figures", broken)
    dialog.period_combo.setCurrentIndex(dialog.period_combo.findText("2021年第一季度"))
    qtbot.waitUntil(lambda: "磁盘已满" in dialog.busy_label.text())


def test_the_tiles_and_lagging_tasks_come_before_the_office_figures(qtbot, demo_store, chinese_ui, make_context):
    dialog = DashboardDialog(make_context(demo_store, hengshui_id(demo_store), PERIOD))
    qtbot.addWidget(dialog)
    seen = {}
    dialog.tasks_shown.connect(lambda: seen.update(tiles=tile_counts(dialog), offices=dialog.office_model.rowCount(),
                                                    lagging=dialog.lagging_model.rowCount()))
    wait_for_figures(qtbot, dialog, dialog.show)
    _plan, status = engine(demo_store, PERIOD)
    assert seen["tiles"] == status.counts
    assert seen["lagging"] == len(status.lagging) and seen["offices"] == 0  # the offices' figures came later
    assert tile_counts(dialog) == status.counts and dialog.office_model.rowCount() == len(status.offices)


def test_the_lagging_list_keeps_the_users_place_when_the_office_figures_arrive(qtbot, demo_store, chinese_ui,
                                                                              make_context):
    dialog = DashboardDialog(make_context(demo_store, hengshui_id(demo_store), PERIOD))
    qtbot.addWidget(dialog)
    chosen = []

    def choose_a_lagging_task() -> None:
        dialog.lagging_table.selectRow(1)
        chosen.append(dialog.lagging_table.currentIndex().row())

    dialog.tasks_shown.connect(choose_a_lagging_task)
    wait_for_figures(qtbot, dialog, dialog.show)
    assert chosen == [1]
    assert [index.row() for index in dialog.lagging_table.selectionModel().selectedRows()] == [1]
