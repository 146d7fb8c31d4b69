"""One rule for who has not reported: the report's section 四, the dashboard and the 催报名单 workbook chase the
same offices for the same tasks, and each says which rule it follows (设置 → 只统计牵头单位)."""

from __future__ import annotations

import re

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from planner.documents import ReportKind, ReportRequest, build_report
from planner.domain.model import Status
from planner.domain.period_status import evaluate_plan
from planner.domain.periods import parse_period
from planner.store.progress_queries import report_facts
from planner.store.queries import list_plans, load_plan
from tests.reports.pdf_text import body, pdf_pages, section
from ui.dashboard.dialog import DashboardDialog
from ui.dashboard.models import OfficeTableModel

RULES = {False: "全部责任单位（牵头单位和配合单位）", True: "牵头单位（不含配合单位）"}
REMINDER_FIRST_ROW = 4  # title, scope line, header
CIVIL_AFFAIRS = "市民政局"


def hengshui_id(store) -> int:
    return next(p.id for p in list_plans(store.conn) if p.key == "hengshui")


def report_chase(store, tmp_path, period: str, lead_only: bool) -> tuple[str, list[tuple[str, int]]]:
    """Section 四 of the quarterly report, and the offices it chases with their counts."""
    request = ReportRequest(ReportKind.QUARTERLY, hengshui_id(store), period=period, lead_only=lead_only)
    text = body(pdf_pages(build_report(store.conn, request, tmp_path / f"{period}-{lead_only}.pdf").path))
    part = section(text, "四、填报情况", None)
    listed = re.search(r"以下单位尚有任务本期未填报：(.*?)。", part)
    offices = re.findall(r"(.+?)（(\d+)项）、?", listed.group(1)) if listed else []
    return text, [(office, int(count)) for office, count in offices]


@pytest.mark.parametrize(("period", "lead_only"), [("2021Q2", False), ("2021Q1", True), ("2021Q2", True)])
def test_the_report_the_dashboard_and_the_reminder_list_chase_the_same_offices(
        qtbot, demo_store, chinese_ui, make_context, tmp_path, monkeypatch, period, lead_only):
    text, chased = report_chase(demo_store, tmp_path, period, lead_only)
    assert f"本期填报情况按{RULES[lead_only]}统计" in text
    assert f"按{RULES[lead_only]}统计，" in section(text, "二、各单位推进情况", "三、")

    dialog = DashboardDialog(make_context(demo_store, hengshui_id(demo_store), period, lead_only=lead_only))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.refreshed, timeout=10_000):
        dialog.show()
    assert dialog.period_code() == period
    missing = dialog.figures().offices.not_reported()
    assert [(office, len(ids)) for office, ids in missing] == chased
    table = dialog.office_table.model()
    owed = {table.index(row, OfficeTableModel.COL_OFFICE).data(): int(table.index(row, OfficeTableModel.COL_MISSING)
                                                                        .data()) for row in range(table.rowCount())}
    assert {office: count for office, count in owed.items() if count} == dict(chased)
    assert RULES[lead_only] in dialog.chase_label.text()
    assert f"{len(chased)}个单位共{sum(count for _office, count in chased)}项未填报" in dialog.chase_label.text()

    if not chased:
        assert "各责任单位本期均已填报" in text and not dialog.export_button.isEnabled()
        return
    target = tmp_path / "催报名单"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    rows = list(openpyxl.load_workbook(target.with_suffix(".xlsx")).active.iter_rows(values_only=True))
    assert f"统计范围：{RULES[lead_only]}" in rows[1][0]
    assert [(row[1], row[2]) for row in rows[REMINDER_FIRST_ROW - 1:]] == chased


def test_the_report_explains_why_every_task_counts_as_reported_while_offices_are_chased(demo_store, tmp_path, qapp):
    """The demo's 市民政局 has reported on every task it leads and is chased for those it co-operates on, while
    图1 counts no task 未填报: the report says both, and why."""
    plan = load_plan(demo_store.conn, hengshui_id(demo_store))
    period = parse_period("2021Q2")
    status = evaluate_plan(plan, report_facts(demo_store.conn, plan.id, period), period)
    assert status.counts[Status.NOT_REPORTED] == 0
    led = {task.id for task in plan.tasks if CIVIL_AFFAIRS in task.lead}
    own = [e for e in status.by_office if e.office == CIVIL_AFFAIRS]
    assert led and all(e.status is not Status.NOT_REPORTED for e in own if e.task_id in led)
    owed = [e.task_id for e in own if e.status is Status.NOT_REPORTED]
    assert owed and not set(owed) & led
    text, chased = report_chase(demo_store, tmp_path, "2021Q2", lead_only=False)
    assert (CIVIL_AFFAIRS, len(owed)) in chased
    assert "各项重点工作的牵头单位均已填报，上述为其他责任单位尚未报送的情况" in text
