"""The period every screen opens on: the latest with returns, or the current quarter when there are none.

The window, the dashboard and the report dialog follow one domain rule
(`planner.domain.plan_periods.default_period`, `opening_period`) over one store query
(`periods_with_reports`). The expected period is worked out here from the reports table itself.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from planner.domain.model import Plan
from planner.domain.periods import parse_period
from planner.domain.plan_periods import default_period
from planner.store.queries import list_plans
from tests.reports.pdf_text import joined, pdf_pages


def latest_with_returns(store, key: str) -> str:
    """The last period (by when it ends) with any report on the plan, straight from the reports table."""
    plan = next(p for p in list_plans(store.conn) if p.key == key)
    codes = [row[0] for row in store.conn.execute(
        "SELECT DISTINCT r.period FROM reports r JOIN tasks t ON t.id = r.task_id WHERE t.plan_id = ?", (plan.id,))]
    return max((parse_period(code) for code in codes), key=lambda p: p.sort_key).code


def plan_id(store, key: str) -> int:
    return next(p.id for p in list_plans(store.conn) if p.key == key)


def test_the_window_opens_each_demo_plan_on_its_latest_period_with_returns(main_window, demo_store):
    latest = latest_with_returns(demo_store, "hengshui")
    assert main_window.context.plan.key == "hengshui"
    assert main_window.filter_bar.period() == latest == main_window.context.period_code
    assert main_window.filter_bar.period_combo.currentText() == parse_period(latest).label
    main_window.plan_tree.select_plan(plan_id(demo_store, "harbin"))
    assert main_window.context.plan.key == "harbin"
    assert main_window.filter_bar.period() == latest_with_returns(demo_store, "harbin")


def test_a_plan_without_returns_opens_on_the_current_quarter():
    plan = Plan(title="新计划", first_year=2021, last_year=2023, id=9)
    assert default_period(plan, date(2022, 5, 4)) == "2022Q2"
    assert default_period(plan, date(2022, 5, 4), reported={"2021Q3", "2021Q1"}) == "2021Q3"
    assert default_period(plan, date(2022, 5, 4), reported={"2015Q4"}) == "2022Q2"  # another plan's years


@pytest.mark.parametrize("shown", ["2022", "2022Q4", "2021Q1"])
def test_the_dashboard_opens_on_the_windows_period_only_when_it_has_returns(qtbot, main_window, demo_store, shown):
    main_window.filter_bar.select_period(shown)
    assert main_window.context.period_code == shown
    reported = {row[0] for row in demo_store.conn.execute("SELECT DISTINCT period FROM reports")}
    expected = shown if shown in reported else latest_with_returns(demo_store, "hengshui")
    dialog = main_window.open_dashboard()
    with qtbot.waitSignal(dialog.refreshed, timeout=10_000):
        pass
    assert dialog.period_code() == expected
    assert parse_period(expected).label in dialog.heading.text()
    assert sum(dialog.figures().counts.values()) == len(main_window.context.plan.tasks)
    dialog.close()


def test_the_report_dialog_opens_on_the_latest_period_with_returns(qtbot, main_window, demo_store):
    main_window.filter_bar.select_period("2022")  # a year nothing was reported for: a report of zeros
    dialog = main_window.open_report("quarterly")
    with qtbot.waitSignal(dialog.generated, timeout=30_000):
        pass
    latest = latest_with_returns(demo_store, "hengshui")
    assert dialog.options.period_combo.currentData() == latest
    text = joined(pdf_pages(dialog.shown_result().path))
    assert f"{parse_period(latest).label}推进情况的报告" in text
    assert "已完成0项、序时推进0项、滞后0项" not in text  # the figures of a quarter with returns
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
