"""A per-office breakdown sheet attached to a task, and the warning when it does not add up."""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.plans.importing import attach_breakdown_sheet, commit_preview, find_task, preview_import
from planner.sheets.breakdown import attach_breakdown, read_breakdown, read_breakdown_sheet
from planner.sheets.errors import NoHeaderError, SheetInputError
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
    shares = {t.office: t.value for t in task.targets if t.period == "2020" and t.office}
    assert shares == {"道里区": 400, "南岗区": 600}
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


def _workbook_with_split(path, split_rows, target_2020="新增1000张", seqs=(1,)):
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "任务表"
    sheet.append(["序号", "主要任务", "2020年", "2021年", "牵头单位"])
    for seq in seqs:
        sheet.append([seq, "新增养老床位" if seq == 1 else f"任务{seq}", target_2020, None, "市民政局"])
    split = workbook.create_sheet("分解表")
    for row in split_rows:
        split.append(row)
    workbook.save(path)
    return path


def test_total_row_that_disagrees_with_its_offices_is_flagged_at_the_total_cell(tmp_path):
    rows = [["单位", "2020年", "2021年"], ["道里区", 400, 500], ["南岗区", 600, 700], ["合计", 1000, 1300]]
    preview = preview_import(_workbook_with_split(tmp_path / "b.xlsx", rows))
    issues = attach_breakdown_sheet(preview, "分解表", 0)
    assert [(i.sheet, i.cell) for i in issues] == [("分解表", "C4")]
    assert "1300" in issues[0].message and "1200" in issues[0].message and "2021年" in issues[0].message


def test_duplicate_office_in_a_breakdown_is_reported(tmp_path):
    rows = [["单位", "2020年"], ["道里区", 400], ["南岗区", 500], ["道裡區", 600]]
    path = _workbook_with_split(tmp_path / "b.xlsx", rows)
    breakdown = read_breakdown_sheet(preview_import(path).workbook.sheet("分解表"))
    assert breakdown.targets == {2020: {"道里区": "600", "南岗区": "500"}}
    assert [(i.cell, "第2行和第4行" in i.message) for i in breakdown.issues] == [("A4", True)]
    assert breakdown.cells[(2020, "道里区")] == (3, 1)


def test_error_cell_in_a_breakdown_is_reported_not_read(tmp_path):
    rows = [["单位", "2020年"], ["道里区", 400], ["南岗区", 600]]
    path = _workbook_with_split(tmp_path / "b.xlsx", rows)
    patched = tmp_path / "e.xlsx"
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(patched, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":
                data = data.replace(b'<c r="B3" t="n"><v>600</v></c>', b'<c r="B3" t="e"><v>#DIV/0!</v></c>')
            new.writestr(item, data)
    preview = preview_import(patched)
    issues = attach_breakdown_sheet(preview, "分解表", 0)
    assert ("B3", True) in [(i.cell, "#DIV/0!" in i.message) for i in issues]
    assert {t.office for t in preview.plan.tasks[0].targets if t.office} == {"道里区"}


def test_breakdown_years_outside_the_plan_are_flagged(tmp_path):
    rows = [["单位", "2019年", "2020年"], ["道里区", 10, 400], ["南岗区", 20, 600]]
    preview = preview_import(_workbook_with_split(tmp_path / "b.xlsx", rows))
    issues = attach_breakdown_sheet(preview, "分解表", 0)
    assert [(i.cell, "2019年" in i.message and "2020—2021年" in i.message) for i in issues] == [("B列", True)]


def test_attaching_refuses_the_task_sheet_and_a_sheet_without_figures(tmp_path):
    rows = [["单位", "2020年"], ["道里区", None], ["南岗区", "—"]]
    preview = preview_import(_workbook_with_split(tmp_path / "b.xlsx", rows))
    with pytest.raises(SheetInputError, match="任务表本身"):
        attach_breakdown_sheet(preview, "任务表", 0)
    with pytest.raises(SheetInputError, match="分解表.*没有任何单位的目标"):
        attach_breakdown_sheet(preview, "分解表", 0)
    assert preview.breakdowns == [] and all(t.office is None for t in preview.plan.tasks[0].targets)


def test_find_task_by_seq_or_name(tmp_path):
    rows = [["单位", "2020年"], ["道里区", 400]]
    preview = preview_import(_workbook_with_split(tmp_path / "b.xlsx", rows, seqs=(1, 2, 3)))
    assert find_task(preview, "2") == 1
    assert find_task(preview, " 新增养老床位 ") == 0
    with pytest.raises(SheetInputError, match="“9”.*现有序号：1、2、3"):
        find_task(preview, "9")


def test_find_task_refuses_an_ambiguous_name(tmp_path):
    rows = [["序号", "主要任务", "2020年", "牵头单位"], [1, "任务甲", "1个", "市民政局"], [2, None, "2个", "市民政局"]]
    preview = preview_import(write_xlsx(tmp_path / "a.xlsx", rows, merges=["B2:B3"]))
    with pytest.raises(SheetInputError, match="不止一项（第2行、第3行）"):
        find_task(preview, "任务甲")


@settings(max_examples=30, deadline=None)
@given(values=st.dictionaries(st.sampled_from(["道里区", "南岗区", "道外区", "香坊区", "平房区", "松北区", "呼兰区"]),
                              st.integers(min_value=0, max_value=100_000), min_size=1),
       delta=st.sampled_from([0, 0, 1, -3, 250]), with_total=st.booleans())
def test_any_split_is_flagged_exactly_when_it_does_not_add_up(values, delta, with_total):
    rows = [["单位", "2020年"], *[[office, value] for office, value in values.items()]]
    if with_total:
        rows.append(["合计", sum(values.values())])
    with tempfile.TemporaryDirectory() as folder:
        path = _workbook_with_split(Path(folder) / "b.xlsx", rows, f"达到{sum(values.values()) + delta}张")
        preview = preview_import(path)
        issues = attach_breakdown_sheet(preview, "分解表", 0)
    assert bool(issues) == (delta != 0)
    stored = {t.office: t.value for t in preview.plan.tasks[0].targets if t.office}
    assert stored == values
