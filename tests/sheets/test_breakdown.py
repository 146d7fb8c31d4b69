"""A per-office breakdown sheet attached to a task, and the warning when it does not add up."""

from __future__ import annotations

import pytest

from planner.importing import commit_preview, preview_import
from planner.sheets.breakdown import attach_breakdown, read_breakdown
from planner.sheets.errors import NoHeaderError
from planner.store.queries import load_plan
from .builders import breakdown_workbook, write_xlsx


@pytest.mark.parametrize("total_row", [True, False])
def test_breakdown_is_read_with_or_without_a_total_row(tmp_path, total_row):
    preview = preview_import(breakdown_workbook(tmp_path / "b.xlsx", total_row=total_row))
    breakdown = read_breakdown(preview.workbook.sheet("分解表"))
    assert breakdown == {2020: {"道里区": "400", "南岗区": "600"}, 2021: {"道里区": "500张", "南岗区": "700"}}


def test_breakdown_that_adds_up_gives_per_office_targets_and_no_warning(store, tmp_path):
    preview = preview_import(breakdown_workbook(tmp_path / "b.xlsx"))
    issues = attach_breakdown(preview.plan, 0, read_breakdown(preview.workbook.sheet("分解表")), sheet="分解表")
    assert issues == []
    task = preview.plan.tasks[0]
    assert {t.office: t.value for t in task.targets if t.period == "2020" and t.office} == {"道里区": 400, "南岗区": 600}
    result = commit_preview(store, preview)
    stored = load_plan(store.conn, result.plan_id).tasks[0]
    assert sorted(t.office for t in stored.targets if t.period == "2021" and t.office) == ["南岗区", "道里区"]


def test_breakdown_that_does_not_add_up_is_flagged(tmp_path):
    preview = preview_import(breakdown_workbook(tmp_path / "b.xlsx", adds_up=False))
    issues = attach_breakdown(preview.plan, 0, read_breakdown(preview.workbook.sheet("分解表")), sheet="分解表")
    assert len(issues) == 1
    issue = issues[0]
    assert issue.sheet == "分解表"
    assert "2020年" in issue.message and "900" in issue.message and "1000" in issue.message
    assert "新增养老床位" in issue.message


def test_breakdown_replaces_offices_from_a_qizhong_list(tmp_path):
    rows = [["序号", "主要任务", "2015年", "责任单位"],
            [1, "养老床位", "全市养老床位总数达到100张。其中:道里区40张;南岗区60张", "市民政局"]]
    preview = preview_import(write_xlsx(tmp_path / "q.xlsx", rows))
    split = {2015: {"道里区": "45张", "南岗区": "55张"}}
    assert attach_breakdown(preview.plan, 0, split) == []
    offices = [(t.office, t.value) for t in preview.plan.tasks[0].targets if t.office]
    assert sorted(offices) == [("南岗区", 55), ("道里区", 45)]


def test_a_sheet_without_years_is_no_breakdown(tmp_path):
    preview = preview_import(breakdown_workbook(tmp_path / "b.xlsx"))
    grid = preview.workbook.sheet("任务表")
    grid.rows = [["单位", "备注"], ["道里区", "无"]]
    with pytest.raises(NoHeaderError, match="分解表"):
        read_breakdown(grid)
