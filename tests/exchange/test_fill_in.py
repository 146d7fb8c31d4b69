"""The fill-in workbook as an office sees it in Excel, WPS or LibreOffice, read back by openpyxl and calamine."""

from __future__ import annotations

import zipfile
from xml.etree import ElementTree

import openpyxl
import pytest
from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook

from planner.domain.errors import InputError
from planner.domain.model import STATUS_COLOURS, Report
from planner.exchange import form_layout as L
from planner.exchange.fill_in import make_forms
from planner.exchange.fill_in_read import read_fill_in
from planner.exchange.fill_in_spec import sign
from planner.progress.entry import submit_report
from planner.store.queries import load_plan
from planner.store.signing import signing_key

from .forms import NARRATIVE, NEXT_STEPS, PROBLEMS, REPORTER, STATUS, VALUE, add_plan, small_plan, task_rows

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


@pytest.fixture
def forms(store, tmp_path):
    plan = add_plan(store)
    made = make_forms(store, plan.id, "2021Q2", tmp_path / "forms")
    return plan, {form.office: form for form in made}


def test_one_form_per_responsible_office_with_its_own_tasks(forms):
    plan, made = forms
    assert set(made) == {"市民政局", "市财政局", "道里区", "南岗区", "市司法局", "市人力资源社会保障局"}
    assert made["市民政局"].tasks == 5 and made["道里区"].tasks == 1
    sheet = openpyxl.load_workbook(made["市财政局"].path)[L.SHEET_TITLE]
    assert list(task_rows(sheet)) == ["1"]
    assert sheet.cell(L.FIRST_ROW, 1).value == "一、设施建设"  # the section title above its task
    assert made["市民政局"].path.name == "市民政局_2021年第二季度填报表.xlsx"


def test_heading_names_plan_office_and_period_above_merged_two_row_headers(forms):
    _plan, made = forms
    sheet = openpyxl.load_workbook(made["市民政局"].path)[L.SHEET_TITLE]
    assert sheet["A1"].value == "养老服务重点工作年度目标任务\n2021年第二季度进展情况填报表"
    assert "测试市养老服务体系建设实施方案" in sheet["A2"].value and "测政办字〔2021〕1号" in sheet["A2"].value
    assert sheet["A3"].value == "填报单位：市民政局"
    assert sheet["G3"].value == "填报期间：2021年第二季度"
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A1:M1", "A5:A6", "B5:B6", "E5:E6", "H5:J5", "K5:M5"} <= merged
    assert [sheet.cell(5, c).value for c in (1, 2, 5, 8, 11)] == ["序号", "重点工作", "2021年目标", "本期完成情况",
                                                                   "工作进展"]
    assert [sheet.cell(6, c).value for c in range(8, 14)] == ["完成数值", "状态", "状态灯", "进展情况", "存在问题",
                                                               "下步打算"]


def test_target_guide_and_role_of_each_task(store, forms):
    _plan, made = forms
    sheet = openpyxl.load_workbook(made["道里区"].path)[L.SHEET_TITLE]
    row = task_rows(sheet)["3"]
    assert sheet.cell(row, L.TARGET).value == "400张\n（总目标：全市养老床位总数达到1000张）"
    assert sheet.cell(row, L.ROLE).value == "分解任务"
    assert sheet.cell(row, L.GUIDE).value == "填截至本期末的累计数（张）"
    lead = openpyxl.load_workbook(made["市民政局"].path)[L.SHEET_TITLE]
    rows = task_rows(lead)
    assert lead.cell(rows["1"], L.ROLE).value == "牵头"
    assert lead.cell(rows["1"], L.GUIDE).value == "填本季度新增数（张）"
    assert lead.cell(rows["4"], L.GUIDE).value.startswith("目标不是单一数量")
    assert lead.cell(rows["5"], L.ROLE).value == "配合"


def test_earlier_quarters_of_the_year_are_shown_in_the_guide(store, tmp_path):
    plan = add_plan(store)
    first = next(t for t in load_plan(store.conn, plan.id).tasks if t.seq == "1")
    submit_report(store, load_plan(store.conn, plan.id), Report(task_id=first.id, office="市民政局", period="2021Q1",
                                                                value=120))
    made = make_forms(store, plan.id, "2021Q2", tmp_path, ["市民政局"])
    sheet = openpyxl.load_workbook(made[0].path)[L.SHEET_TITLE]
    assert sheet.cell(task_rows(sheet)["1"], L.GUIDE).value == "填本季度新增数（张）；本年此前已报 120张"


def test_only_the_input_cells_are_unlocked_and_the_sheet_is_protected(forms):
    _plan, made = forms
    workbook = openpyxl.load_workbook(made["市民政局"].path)
    sheet = workbook[L.SHEET_TITLE]
    assert sheet.protection.sheet and workbook.security.lockStructure
    unlocked = {cell.coordinate for row in sheet.iter_rows() for cell in row if cell.protection.locked is False}
    rows = task_rows(sheet).values()
    inputs = {f"{column}{row}" for row in rows for column in (VALUE, STATUS, NARRATIVE, PROBLEMS, NEXT_STEPS)}
    assert unlocked - {"M3"} == inputs | {REPORTER}  # M3 is the other half of the merged 填报人 cell
    assert all(sheet[f"{NARRATIVE}{row}"].alignment.wrap_text for row in rows)
    assert sheet.column_dimensions[NARRATIVE].width > sheet.column_dimensions[VALUE].width


def test_the_text_cells_keep_what_is_typed_as_text(forms):
    """Formatted as text (@): Excel, WPS and LibreOffice then keep "2024年3月" or "3-4" typed in 进展情况 as written,
    where a General cell turns them into a date that reads back as 2024-03-01. The figure's cell stays a number."""
    _plan, made = forms
    sheet = openpyxl.load_workbook(made["市民政局"].path)[L.SHEET_TITLE]
    rows = task_rows(sheet).values()
    assert rows and all(sheet[f"{column}{row}"].number_format == "@"
                        for row in rows for column in (NARRATIVE, PROBLEMS, NEXT_STEPS))
    assert all(sheet[f"{VALUE}{row}"].number_format == "General" for row in rows)


def test_drop_down_number_and_length_validation(forms):
    _plan, made = forms
    sheet = openpyxl.load_workbook(made["市民政局"].path)[L.SHEET_TITLE]
    last = L.FIRST_ROW + sheet.max_row - L.FIRST_ROW
    by_type = {v.type: v for v in sheet.data_validations.dataValidation}
    assert by_type["list"].formula1 == '"已完成,序时推进,滞后"'
    assert f"{STATUS}{L.FIRST_ROW + 1}" in by_type["list"].sqref
    number = by_type["decimal"]
    assert (number.operator, number.formula1) == ("greaterThanOrEqual", "0")
    assert f"{VALUE}{last}" in number.sqref and number.showErrorMessage
    lengths = [v for v in sheet.data_validations.dataValidation if v.type == "textLength"]
    assert {v.formula1 for v in lengths} == {"4000", "50"}
    assert any(f"{PROBLEMS}{L.FIRST_ROW + 1}" in v.sqref for v in lengths)


def test_status_lights_are_conditional_formatting_in_the_shared_palette(forms):
    _plan, made = forms
    sheet = openpyxl.load_workbook(made["市民政局"].path)[L.SHEET_TITLE]
    light = get_column_letter(L.LIGHT)
    rules = {}
    for formatting in sheet.conditional_formatting:
        assert str(formatting.sqref).startswith(f"{light}{L.FIRST_ROW}:")
        for rule in formatting.rules:
            rules[rule.formula[0].strip('"')] = rule.dxf.fill.fgColor.rgb[-6:]
    assert rules == {status.value: colour.lstrip("#") for status, colour in STATUS_COLOURS.items()}
    row = task_rows(sheet)["1"]
    formula = sheet.cell(row, L.LIGHT).value
    assert formula.startswith("=IF(") and f"{get_column_letter(L.VALUE)}{row}" in formula


def test_print_setup_is_landscape_one_page_wide_with_repeated_headers(forms):
    _plan, made = forms
    sheet = openpyxl.load_workbook(made["市民政局"].path)[L.SHEET_TITLE]
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.print_title_rows == "$5:$6"
    assert sheet.freeze_panes == "A7"


def test_hidden_sheet_carries_ids_version_checksum_and_signature(store, forms):
    plan, made = forms
    workbook = openpyxl.load_workbook(made["道里区"].path)
    hidden = workbook[L.IDENTITY_SHEET]
    assert hidden.sheet_state == "veryHidden"
    pairs = {row[0]: row[1] for row in hidden.iter_rows(values_only=True) if row[0] and row[1] is not None}
    assert pairs["format_version"] == "2" and pairs["office"] == "道里区" and pairs["period"] == "2021Q2"
    assert pairs["plan_id"] == str(plan.id) and len(pairs["checksum"]) == 64
    task = next(t for t in plan.tasks if t.seq == "3")
    spec = read_fill_in(made["道里区"].path).spec
    assert spec.task_rows[0].task_id == task.id
    assert pairs["signature"] == sign(signing_key(store.conn), spec) != sign(b"\0" * 32, spec)


def test_calamine_reads_the_sheet_as_openpyxl_does(forms):
    _plan, made = forms
    path = made["市民政局"].path
    calamine = CalamineWorkbook.from_path(str(path))
    assert calamine.sheet_names == [L.SHEET_TITLE, L.IDENTITY_SHEET]
    rows = calamine.get_sheet_by_name(L.SHEET_TITLE).to_python()
    sheet = openpyxl.load_workbook(path)[L.SHEET_TITLE]
    for row in range(1, sheet.max_row + 1):
        for column in range(1, L.LIGHT):
            expected = sheet.cell(row, column).value
            assert (rows[row - 1][column - 1] or None) == expected, (row, column)


def test_an_office_without_tasks_that_year_is_refused(store, tmp_path):
    plan = add_plan(store)
    folder = tmp_path / "forms"
    with pytest.raises(InputError, match="市公安局"):
        make_forms(store, plan.id, "2021Q2", folder, ["市公安局"])
    with pytest.raises(InputError, match="2023"):
        make_forms(store, plan.id, "2023Q1", folder)
    assert not folder.exists()


def test_user_text_that_looks_like_a_formula_stays_text_in_the_form(store, tmp_path):
    plan = small_plan()
    plan.tasks[0].name = '=HYPERLINK("http://example.com","点我")'
    plan.tasks[0].indicator = "+86 12345"
    plan.tasks[0].baseline = "-1+2"
    plan.tasks[1].name = "@SUM(A1:A3)"
    add_plan(store, plan)
    made = make_forms(store, plan.id, "2021Q2", tmp_path, ["市民政局"])[0]
    sheet = openpyxl.load_workbook(made.path)[L.SHEET_TITLE]
    rows = task_rows(sheet)
    cells = {f"B{rows['1']}": plan.tasks[0].name, f"C{rows['1']}": "+86 12345", f"D{rows['1']}": "-1+2",
             f"B{rows['2']}": "@SUM(A1:A3)"}
    with zipfile.ZipFile(made.path) as archive:
        xml = ElementTree.fromstring(archive.read("xl/worksheets/sheet1.xml"))
    for ref, text in cells.items():
        assert (sheet[ref].value, sheet[ref].data_type) == (text, "s")
        element = xml.find(f".//m:c[@r='{ref}']", NS)
        assert element is not None and element.find("m:f", NS) is None
    assert read_fill_in(made.path).spec.task_rows[0].name == plan.tasks[0].name
