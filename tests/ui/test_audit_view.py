"""修改记录 dialog: a clerk filters the change log and reads old → new."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, QSortFilterProxyModel, Qt

from planner.domain.model import Report
from planner.progress.entry import submit_report
from planner.store.audit_queries import AuditFilter, find_audit
from planner.store.queries import list_plans, load_plan
from tests.ui.user_input import click_check_box, type_text
from ui.audit.dialog import COL_CHANGES, COL_OBJECT, COL_TIME, SORT_ROLE, AuditDialog, AuditTableModel

OFFICE = "市自然资源和规划局"


@pytest.fixture
def hengshui(demo_store):
    return load_plan(demo_store.conn, next(p.id for p in list_plans(demo_store.conn) if p.key == "hengshui"))


@pytest.fixture
def open_dialog(qtbot, demo_store, hengshui, make_context):
    def open_it() -> AuditDialog:
        dialog = AuditDialog(make_context(demo_store, hengshui.id))
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return open_it


def column(dialog: AuditDialog, col: int) -> list[str]:
    model = dialog.table.model()
    return [model.index(row, col).data() for row in range(model.rowCount())]


def report(plan, task_index: int, value: float) -> Report:
    return Report(task_id=plan.tasks[task_index].id, office=OFFICE, period="2021Q3", value=value, narrative="已建成")


def test_filtering_by_task_shows_the_changed_figure_old_to_new(qtbot, open_dialog, demo_store, hengshui):
    submit_report(demo_store, hengshui, report(hengshui, 0, 3.0))
    submit_report(demo_store, hengshui, report(hengshui, 0, 4.0))
    submit_report(demo_store, hengshui, report(hengshui, 1, 9.0))
    dialog = open_dialog()
    task = hengshui.tasks[0]

    dialog.task_combo.setCurrentIndex(dialog.task_combo.findData(task.id))

    changes = column(dialog, COL_CHANGES)
    assert any("完成数值 3 → 4" in cell for cell in changes)
    assert not any("完成数值 9" in cell for cell in changes)
    assert all(task.name in cell for cell in column(dialog, COL_OBJECT) if cell.startswith("填报"))
    assert str(len(changes)) in dialog.status_label.text()
    times = column(dialog, COL_TIME)
    assert times == sorted(times, reverse=True) and "T" not in times[0]


def test_a_person_with_no_changes_shows_nothing(qtbot, open_dialog):
    dialog = open_dialog()
    assert dialog.table.model().rowCount() > 0
    type_text(qtbot, dialog.person_edit, "没有这个人")
    qtbot.keyClick(dialog.person_edit, Qt.Key.Key_Return)
    assert dialog.table.model().rowCount() == 0
    assert dialog.isVisible()


def test_typing_an_office_shows_only_what_concerns_it(qtbot, open_dialog, demo_store, hengshui):
    submitted, _ = submit_report(demo_store, hengshui, report(hengshui, 0, 3.0))
    dialog = open_dialog()
    dialog.office_combo.lineEdit().clear()
    type_text(qtbot, dialog.office_combo.lineEdit(), "市財政局")
    qtbot.keyClick(dialog.office_combo.lineEdit(), Qt.Key.Key_Return)
    objects = column(dialog, COL_OBJECT)
    assert objects and f"填报 #{submitted.id}\n" not in "\n".join(objects) + "\n"
    assert all("市财政局" in cell for cell in objects if cell.startswith("填报"))


def test_a_date_range_in_the_future_is_empty_and_a_reversed_one_is_explained(qtbot, open_dialog):
    dialog = open_dialog()
    tomorrow = QDate.currentDate().addDays(1)
    click_check_box(qtbot, dialog.from_check)
    dialog.from_date.setDate(tomorrow)
    qtbot.mouseClick(dialog.search_button, Qt.MouseButton.LeftButton)
    assert dialog.table.model().rowCount() == 0

    click_check_box(qtbot, dialog.to_check)
    dialog.to_date.setDate(tomorrow.addDays(-2))
    qtbot.mouseClick(dialog.search_button, Qt.MouseButton.LeftButton)
    assert dialog.table.model().rowCount() == 0
    assert "晚于" in dialog.status_label.text()


def test_the_model_sorts_by_time_in_record_order(demo_store, hengshui):
    submit_report(demo_store, hengshui, report(hengshui, 0, 3.0))
    submit_report(demo_store, hengshui, report(hengshui, 0, 4.0))
    entries = find_audit(demo_store.conn, AuditFilter(task_id=hengshui.tasks[0].id))
    model = AuditTableModel()
    model.set_entries(entries)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.sort(COL_TIME, Qt.SortOrder.AscendingOrder)
    # All rows share one second here: only the record order tells the first from the last.
    first, last = proxy.index(0, COL_CHANGES).data(), proxy.index(proxy.rowCount() - 1, COL_CHANGES).data()
    assert first.startswith("条数")
    assert "完成数值 3 → 4" in last
    assert model.flags(model.index(0, COL_CHANGES)) & Qt.ItemFlag.ItemIsEditable == Qt.ItemFlag.NoItemFlags
