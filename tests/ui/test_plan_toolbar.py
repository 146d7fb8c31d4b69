"""The period and office selectors."""

from __future__ import annotations

from datetime import date

from planner.domain.model import Plan
from planner.domain.plan_periods import default_period
from ui.window.period_bar import PlanFilterBar

PLAN = Plan(title="衡水市实施方案", first_year=2020, last_year=2022, id=1)


def test_the_default_period_is_the_current_quarter_while_the_plan_runs():
    assert default_period(PLAN, date(2021, 8, 15)) == "2021Q3"
    assert default_period(PLAN, date(2019, 1, 1)) == "2020"
    assert default_period(PLAN, date(2026, 1, 1)) == "2022"


def test_choosing_a_period_or_an_office_is_announced(qtbot, chinese_ui):
    bar = PlanFilterBar()
    qtbot.addWidget(bar)
    bar.set_plan(PLAN, ["市民政局", "市财政局"], today=date(2021, 8, 15))
    assert bar.period() == "2021Q3" and bar.period_combo.currentText() == "2021年第三季度"
    assert bar.office() is None and bar.office_combo.currentText() == "全部单位"
    with qtbot.waitSignal(bar.period_changed) as period:
        bar.select_period("2022")
    assert period.args == ["2022"]
    with qtbot.waitSignal(bar.office_changed) as office:
        bar.select_office("市财政局")
    assert office.args == ["市财政局"]
