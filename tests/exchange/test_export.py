"""The plan exported with targets and progress: a workbook that prints like the appendix, and CSV for Excel."""

from __future__ import annotations

import csv
import zipfile

import openpyxl
import pytest
from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook

from planner.domain.errors import InputError
from planner.domain.model import STATUS_COLOURS, Report
from planner.domain.period_status import evaluate_tasks
from planner.domain.periods import parse_period
from planner.exchange.export import FIRST_ROW, export_plan
from planner.progress.entry import submit_report
from planner.store.progress_queries import deciding_report_facts
from planner.store.queries import current_reports, list_plans, load_plan

from .forms import add_plan, small_plan

pytestmark = pytest.mark.both_backends  # the store on an SQLite file and on a PostgreSQL server


def _plan_id(store, key):
    return next(p.id for p in list_plans(store.conn) if p.key == key)


def _header_map(sheet) -> dict[str, int]:
    """"group/header" (or "header") → column number, from the two header rows."""
    found, group = {}, None
    for column in range(1, sheet.max_column + 1):
        top, bottom = sheet.cell(3, column).value, sheet.cell(4, column).value
        if bottom is None:
            found[top] = column
            group = None
        else:
            group = top or group
            found[f"{group}/{bottom}"] = column
    return found


def test_the_workbook_has_the_appendix_columns_and_the_periods_progress(demo_store, tmp_path):
    plan_id = _plan_id(demo_store, "hengshui")
    result = export_plan(demo_store.conn, plan_id, tmp_path / "衡水.xlsx", "2021Q2")
    plan = load_plan(demo_store.conn, plan_id)
    assert (result.format, result.tasks, result.period) == ("xlsx", len(plan.tasks), "2021Q2")
    sheet = openpyxl.load_workbook(result.path).active
    assert sheet["A1"].value == plan.appendix_title
    assert "衡政办字〔2020〕33号" in sheet["A2"].value and "2021年第二季度" in sheet["A2"].value
    columns = _header_map(sheet)
    assert {"序号", "重点工作", "具体指标", "现状", "年度目标/2020年", "年度目标/2022年", "责任单位/牵头单位",
            "2021年第二季度进展/状态", "2021年第二季度进展/进展情况"} <= set(columns)
    merged = {str(r) for r in sheet.merged_cells.ranges}
    years = get_column_letter(columns["年度目标/2020年"])
    assert "A3:A4" in merged and f"{years}3:{get_column_letter(columns['年度目标/2022年'])}3" in merged
    period = parse_period("2021Q2")
    statuses = {e.task_id: e.status for e in evaluate_tasks(plan, deciding_report_facts(demo_store.conn, plan_id,
                                                                                          period), period)}
    reports = current_reports(demo_store.conn, plan_id, "2021Q2")
    status_column = columns["2021年第二季度进展/状态"]
    for offset, task in enumerate(plan.tasks):
        row = FIRST_ROW + offset
        assert sheet.cell(row, columns["重点工作"]).value == task.name
        assert sheet.cell(row, columns["年度目标/2021年"]).value == task.plan_target("2021").text
        status_cell = sheet.cell(row, status_column)
        assert status_cell.value == statuses[task.id].value
        assert status_cell.fill.fgColor.rgb[-6:] == STATUS_COLOURS[statuses[task.id]].lstrip("#")
        narratives = [r.narrative for r in reports if r.task_id == task.id and r.narrative]
        shown = sheet.cell(row, columns["2021年第二季度进展/进展情况"]).value or ""
        assert all(text in shown for text in narratives)
    assert any(r.narrative for r in reports)


def test_it_prints_landscape_across_pages_with_wrapped_text_and_repeated_headers(demo_store, tmp_path):
    path = export_plan(demo_store.conn, _plan_id(demo_store, "hengshui"), tmp_path / "x.xlsx", "2021Q2").path
    sheet = openpyxl.load_workbook(path).active
    assert sheet.page_setup.orientation == "landscape"
    # Too wide for one page at a readable size: it runs on to a second page across, 序号 and 重点工作 repeated.
    assert not sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.col_breaks.count == 1
    assert sheet.print_title_rows == "$3:$4" and sheet.print_title_cols == "$A:$B"
    assert sheet.cell(FIRST_ROW, 2).alignment.wrap_text and sheet.cell(FIRST_ROW, 2).border.left.style == "thin"
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["A"].width
    assert sheet.row_dimensions[FIRST_ROW].height >= 17


def test_sections_are_rows_across_the_table(demo_store, tmp_path):
    path = export_plan(demo_store.conn, _plan_id(demo_store, "harbin"), tmp_path / "h.xlsx").path
    sheet = openpyxl.load_workbook(path).active
    first = sheet.cell(FIRST_ROW, 1)
    assert first.value.startswith("一、")
    assert f"A{FIRST_ROW}:{get_column_letter(sheet.max_column)}{FIRST_ROW}" in {
        str(r) for r in sheet.merged_cells.ranges}


def test_a_plan_without_progress_exports_its_targets_only(store, tmp_path):
    plan = add_plan(store)
    result = export_plan(store.conn, plan.id, tmp_path / "t.xlsx")
    assert result.period is None
    sheet = openpyxl.load_workbook(result.path).active
    assert not any("进展" in (sheet.cell(3, c).value or "") for c in range(1, sheet.max_column + 1))


def test_csv_is_utf8_with_bom_and_one_row_per_task(demo_store, tmp_path):
    plan_id = _plan_id(demo_store, "hengshui")
    path = export_plan(demo_store.conn, plan_id, tmp_path / "衡水.csv", "2021Q2").path
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with open(path, encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows[0][:3] == ["分组", "序号", "重点工作"] and "年度目标/2021年" in rows[0]
    plan = load_plan(demo_store.conn, plan_id)
    assert [row[2] for row in rows[1:]] == [task.name for task in plan.tasks]


def test_calamine_reads_the_export(demo_store, tmp_path):
    plan_id = _plan_id(demo_store, "hengshui")
    path = export_plan(demo_store.conn, plan_id, tmp_path / "c.xlsx", "2021Q2").path
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    names = [task.name for task in load_plan(demo_store.conn, plan_id).tasks]
    assert [row[1] for row in rows[FIRST_ROW - 1:]] == names


@pytest.mark.parametrize("text", ['=HYPERLINK("http://example.com","点我")', "+86 12345", "-1+2", "@SUM(A1:A3)",
                                  "\t缩进的任务", "\r回车开头"])
def test_text_that_looks_like_a_formula_stays_text(store, tmp_path, text):
    plan = small_plan()
    plan.tasks[0].name = text
    add_plan(store, plan)
    submit_report(store, load_plan(store.conn, plan.id), Report(task_id=plan.tasks[0].id, office="市民政局",
                                                                period="2021Q2", value=1, narrative=text))
    path = export_plan(store.conn, plan.id, tmp_path / "g.xlsx", "2021Q2").path
    read_back = text.replace("\r", "\n")  # XML stores a carriage return as a line feed
    sheet = openpyxl.load_workbook(path).active
    columns = _header_map(sheet)
    name = sheet.cell(FIRST_ROW + 1, columns["重点工作"])  # below the section row
    narrative = sheet.cell(FIRST_ROW + 1, columns["2021年第二季度进展/进展情况"])
    assert (name.value, name.data_type) == (read_back, "s")
    assert (narrative.value, narrative.data_type) == (read_back, "s")
    with zipfile.ZipFile(path) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")
    calamine = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert calamine[FIRST_ROW][columns["重点工作"] - 1] == read_back
    csv_path = export_plan(store.conn, plan.id, tmp_path / "g.csv", "2021Q2").path
    with open(csv_path, encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows[1][2] == "'" + text  # after the 分组 and 序号 columns


def test_refusals_name_the_file(store, tmp_path):
    plan = add_plan(store)
    with pytest.raises(InputError, match="报表.pdf"):
        export_plan(store.conn, plan.id, tmp_path / "报表.pdf")
    with pytest.raises(InputError, match="不存在"):
        export_plan(store.conn, plan.id, tmp_path / "nowhere" / "x.xlsx")
    with pytest.raises(InputError, match="2030"):
        export_plan(store.conn, plan.id, tmp_path / "x.xlsx", "2030Q1")
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".xlsx", ".pdf")) == []
