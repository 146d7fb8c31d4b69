"""The 催报名单 workbook, read back the way the coordinator (openpyxl) and the import side (calamine) would."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from planner.domain.errors import InputError
from planner.domain.model import Plan, Task
from planner.domain.period_status import evaluate_plan
from planner.domain.periods import parse_period
from planner.exchange.reminder_list import HEADERS, MAX_CELL_CHARS, write_reminder_list
from planner.store import Store
from planner.store.progress_queries import report_facts
from planner.store.queries import list_plans, load_plan

FIRST_DATA_ROW = 4  # title, scope line, header


def hengshui_status(store: Store, code: str = "2021Q2", lead_only: bool = False):
    plan_id = next(p.id for p in list_plans(store.conn) if p.key == "hengshui")
    plan = load_plan(store.conn, plan_id)
    period = parse_period(code)
    return plan, evaluate_plan(plan, report_facts(store.conn, plan_id, period), period, lead_only)


def office_rows(rows: list[list]) -> list[list]:
    return [row for row in rows[FIRST_DATA_ROW - 1:] if any(cell not in (None, "") for cell in row)]


def small_plan(task_names: list[str], lead: str, co: list[str] | None = None) -> Plan:
    plan = Plan(title="测试计划", first_year=2021, last_year=2021)
    plan.tasks = [Task(name=name, seq=str(number), id=number, lead=[lead], co=list(co or []))
                  for number, name in enumerate(task_names, start=1)]
    return plan


def test_the_list_names_every_office_that_has_not_reported_with_its_tasks(demo_store, tmp_path):
    plan, status = hengshui_status(demo_store)
    missing = status.not_reported()
    assert missing, "the demo has offices that have not reported in 2021Q2"
    path = write_reminder_list(tmp_path / "催报名单.xlsx", plan, status)

    sheet = openpyxl.load_workbook(path).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert plan.title in rows[0][0] and status.period.label in rows[0][0]
    assert tuple(rows[FIRST_DATA_ROW - 2]) == HEADERS
    listed = office_rows(rows)
    assert [row[1] for row in listed] == [office for office, _ids in missing]
    assert [row[0] for row in listed] == list(range(1, len(missing) + 1))
    tasks = {task.id: task for task in plan.tasks}
    for row, (office, task_ids) in zip(listed, missing):
        assert row[2] == len(task_ids), office
        lines = row[3].split("\n")
        assert lines == [f"{tasks[i].seq} {tasks[i].name}" for i in task_ids], office


def test_calamine_reads_the_same_offices_and_counts(demo_store, tmp_path):
    plan, status = hengshui_status(demo_store)
    path = write_reminder_list(tmp_path / "list.xlsx", plan, status)
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    listed = office_rows(rows)
    assert [(row[1], int(row[2])) for row in listed] == [(office, len(ids)) for office, ids in status.not_reported()]


def test_the_list_prints_landscape_on_one_page_width_with_wrapped_bordered_cells(demo_store, tmp_path):
    plan, status = hengshui_status(demo_store)
    sheet = openpyxl.load_workbook(write_reminder_list(tmp_path / "list.xlsx", plan, status)).active
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.print_title_rows == "$3:$3"  # the header repeats on every printed page
    widths = [sheet.column_dimensions[letter].width for letter in "ABCD"]
    assert widths[3] > widths[1] > widths[0]  # the task list gets the room, the number column little
    tasks_cell = sheet.cell(FIRST_DATA_ROW, 4)
    assert tasks_cell.alignment.wrap_text
    assert tasks_cell.border.left.style == "thin" and tasks_cell.border.bottom.style == "thin"
    lines = tasks_cell.value.count("\n") + 1
    assert sheet.row_dimensions[FIRST_DATA_ROW].height >= lines * 12  # every task line is visible


def test_the_lead_only_list_says_so_and_leaves_co_operating_offices_out(demo_store, tmp_path):
    plan, everyone = hengshui_status(demo_store, "2021Q1")
    _plan, leads = hengshui_status(demo_store, "2021Q1", lead_only=True)
    path = write_reminder_list(tmp_path / "leads.xlsx", plan, leads)
    rows = [list(row) for row in openpyxl.load_workbook(path).active.iter_rows(values_only=True)]
    assert "统计范围：牵头单位（不含配合单位）" in rows[1][0]
    assert [row[1] for row in office_rows(rows)] == [office for office, _ids in leads.not_reported()]
    assert 0 < len(leads.not_reported()) < len(everyone.not_reported())


@pytest.mark.parametrize("text", ['=HYPERLINK("http://example.com","点我")', "+86 12345", "-1+2", "@SUM(A1:A3)",
                                  "\t缩进的任务", "\r回车开头"])
def test_user_text_that_looks_like_a_formula_stays_text(tmp_path, text):
    plan = small_plan([text], lead=text)
    period = parse_period("2021Q1")
    path = write_reminder_list(tmp_path / "list.xlsx", plan, evaluate_plan(plan, [], period))

    read_back = text.replace("\r", "\n")  # XML stores a carriage return as a line feed
    sheet = openpyxl.load_workbook(path).active
    office_cell, tasks_cell = sheet.cell(FIRST_DATA_ROW, 2), sheet.cell(FIRST_DATA_ROW, 4)
    assert (office_cell.value, office_cell.data_type) == (read_back, "s")
    assert (tasks_cell.value, tasks_cell.data_type) == (f"1 {read_back}", "s")
    with zipfile.ZipFile(path) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")
    calamine_rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert calamine_rows[FIRST_DATA_ROW - 1][1] == read_back


def test_control_characters_pasted_into_a_name_do_not_break_the_file(tmp_path):
    plan = small_plan(["养老\x07服务\x1b站点"], lead="市民政局")
    path = write_reminder_list(tmp_path / "list.xlsx", plan, evaluate_plan(plan, [], parse_period("2021Q1")))
    assert openpyxl.load_workbook(path).active.cell(FIRST_DATA_ROW, 4).value == "1 养老服务站点"


def test_an_office_owing_thousands_of_tasks_gets_a_cell_excel_can_hold(tmp_path):
    names = [f"加快推进社区居家养老服务网络和农村互助幸福院建设的第{n}项重点任务" for n in range(1, 3001)]
    plan = small_plan(names, lead="市民政局")
    path = write_reminder_list(tmp_path / "list.xlsx", plan, evaluate_plan(plan, [], parse_period("2021Q1")))
    row = openpyxl.load_workbook(path).active[FIRST_DATA_ROW]
    assert row[2].value == 3000
    assert len(row[3].value) <= MAX_CELL_CHARS
    assert row[3].value.startswith(f"1 {names[0]}\n2 {names[1]}")
    assert row[3].value.endswith("共 3000 项")


def test_when_everyone_has_reported_the_list_says_so(tmp_path):
    from planner.domain.model import Status
    from planner.domain.status import ReportFact

    plan = small_plan(["建设养老服务站点"], lead="市民政局")
    facts = [ReportFact(1, "市民政局", "2021Q1", None, Status.ON_TRACK)]
    path = write_reminder_list(tmp_path / "list.xlsx", plan, evaluate_plan(plan, facts, parse_period("2021Q1")))
    rows = [list(row) for row in openpyxl.load_workbook(path).active.iter_rows(values_only=True)]
    assert [row[0] for row in office_rows(rows)] == ["各单位均已填报。"]


def test_a_failed_write_raises_oserror_and_leaves_no_stray_file(tmp_path):
    plan = small_plan(["建设养老服务站点"], lead="市民政局")
    status = evaluate_plan(plan, [], parse_period("2021Q1"))
    blocked = tmp_path / "list.xlsx"
    blocked.mkdir()  # a name that cannot be replaced by a file, as a file locked by WPS cannot on Windows
    with pytest.raises(InputError, match="文件夹"):  # found before anything is written (planner.system.output_guard)
        write_reminder_list(blocked, plan, status)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["list.xlsx"]


def test_an_earlier_list_is_replaced(tmp_path: Path):
    plan = small_plan(["建设养老服务站点"], lead="市民政局")
    target = tmp_path / "list.xlsx"
    target.write_bytes(b"old")
    write_reminder_list(target, plan, evaluate_plan(plan, [], parse_period("2021Q1")))
    assert openpyxl.load_workbook(target).active.cell(FIRST_DATA_ROW, 2).value == "市民政局"
