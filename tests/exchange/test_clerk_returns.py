"""Returns filled in the way a clerk fills them in Excel or WPS: percentages typed as such, a figure typed
beside its yellow cell, a return sent to the wrong collection."""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from planner.exchange import form_layout as L
from planner.exchange.collect import (
    ACCEPTED,
    REFUSED,
    SUPERSEDED,
    collect_file,
    collect_files,
)
from planner.exchange.fill_in import make_forms
from planner.exchange.fill_in_read import INVALID_VALUE, LOCKED_CELLS
from planner.store.queries import current_reports

from .forms import NARRATIVE, STATUS, VALUE, add_plan, fill_form, snapshot, task_rows


@pytest.fixture
def issued(store, tmp_path):
    plan = add_plan(store)
    made = make_forms(store, plan.id, "2021Q2", tmp_path / "issued", ["市民政局"])
    return plan, made[0].path


def _typed(form, target, cells: dict[str, tuple[object, str | None]], unprotect: bool = False):
    """Type into cells by 序号 and column letter, as a spreadsheet saves them: (value, number format)."""
    workbook = openpyxl.load_workbook(form)
    sheet = workbook[L.SHEET_TITLE]
    if unprotect:  # 审阅 → 撤销工作表保护: the form's protection has no password
        sheet.protection.sheet = False
    rows = task_rows(sheet)
    for place, (value, number_format) in cells.items():
        seq, column = place.split(":")
        cell = sheet[f"{column}{rows[seq]}"]
        cell.value = value
        if number_format:
            cell.number_format = number_format
    workbook.save(target)
    return target


def _values(store, plan) -> dict[str, float | None]:
    seq = {t.id: t.seq for t in plan.tasks}
    return {seq[r.task_id]: r.value for r in current_reports(store.conn, plan.id, "2021Q2") if r.office == "市民政局"}


def test_a_percentage_typed_for_a_ratio_target_is_that_figure(store, issued, tmp_path):
    plan, form = issued
    # Task 2's target is 护理型床位占比达到40%以上. Typing 35.5% in Excel or WPS stores 0.355 formatted as a
    # percentage; typing it into a cell formatted as text keeps "35.5%".
    returned = _typed(form, tmp_path / "百分比.xlsx", {f"2:{VALUE}": (0.355, "0.0%")})
    result = collect_file(store, returned)
    assert result.outcome == ACCEPTED, result.message
    assert _values(store, plan)["2"] == pytest.approx(35.5)
    again = _typed(form, tmp_path / "文本百分比.xlsx", {f"2:{VALUE}": ("38％", None)})
    assert collect_file(store, again).outcome == SUPERSEDED
    assert _values(store, plan)["2"] == pytest.approx(38)


def test_a_percentage_for_a_target_counted_in_beds_is_refused_with_its_cell(store, tmp_db, issued, tmp_path):
    _plan, form = issued
    returned = _typed(form, tmp_path / "床位.xlsx", {f"1:{VALUE}": (0.8, "0%")})
    before = snapshot(store)
    result = collect_file(store, returned)
    assert result.reason == INVALID_VALUE
    assert "床位.xlsx" in result.message and f"第8行{VALUE}列（完成数值）：“80%”是百分数" in result.message
    assert "“张”" in result.message
    assert snapshot(store) == before


@pytest.mark.parametrize("column, words", [("N", "N8（“新建城南养老院”）"),
                                           ("J", "J8（“150”）")])
def test_something_typed_beside_the_yellow_cells_refuses_the_file(store, tmp_db, issued, tmp_path, column, words):
    _plan, form = issued
    value = "新建城南养老院" if column == "N" else 150
    returned = _typed(form, tmp_path / "旁边.xlsx", {f"1:{NARRATIVE}": ("已开工", None), f"1:{column}": (value, None)},
                      unprotect=True)
    before = snapshot(store)
    result = collect_file(store, returned)
    assert result.reason == LOCKED_CELLS, result.message
    assert "旁边.xlsx" in result.message and "工作表“填报表”" in result.message and words in result.message
    assert snapshot(store) == before


def test_a_remark_under_the_table_refuses_the_file(store, issued, tmp_path):
    _plan, form = issued
    workbook = openpyxl.load_workbook(fill_form(form, tmp_path / "a.xlsx", {"1": {STATUS: "序时推进"}}))
    sheet = workbook[L.SHEET_TITLE]
    sheet.protection.sheet = False
    below = sheet.max_row + 2
    sheet.cell(below, 1, "补充说明：数据截至6月20日")
    workbook.save(tmp_path / "备注.xlsx")
    result = collect_file(store, tmp_path / "备注.xlsx")
    assert result.reason == LOCKED_CELLS and f"A{below}（“补充说明：数据截至6月20日”）" in result.message


def _with_light(form, target, status: str):
    """Task 4's 状态 as typed, and its 状态灯 as a form issued before 请核对 leaves it once recalculated: the typed
    status repeated as it stands."""
    workbook = openpyxl.load_workbook(form)
    sheet = workbook[L.SHEET_TITLE]
    row = task_rows(sheet)["4"]
    sheet.cell(row, L.STATUS, status)
    sheet.cell(row, L.LIGHT, status)
    workbook.save(target)
    return target, row


def test_a_status_pasted_with_a_trailing_space_is_taken(store, issued, tmp_path):
    plan, form = issued
    returned, _row = _with_light(form, tmp_path / "空格.xlsx", "滞后 ")
    result = collect_file(store, returned)
    assert result.outcome == ACCEPTED, result.message
    seq = {t.id: t.seq for t in plan.tasks}
    assert {seq[r.task_id]: r.status.value for r in current_reports(store.conn, plan.id, "2021Q2")} == {"4": "滞后"}


def test_a_status_not_in_the_list_is_refused_in_its_own_cell(store, issued, tmp_path):
    _plan, form = issued
    returned, row = _with_light(form, tmp_path / "状态.xlsx", "正常推进")
    before = snapshot(store)
    result = collect_file(store, returned)
    assert result.reason == INVALID_VALUE, result.message
    assert f"第{row}行{STATUS}列（状态）：“正常推进”不是可选的状态" in result.message
    assert snapshot(store) == before


def test_a_text_merged_over_two_tasks_refuses_the_file(store, issued, tmp_path):
    # After lifting the protection, the clerk merges 进展情况 of tasks 1 and 2 and types one text for both;
    # the spreadsheet keeps it in the first cell only.
    _plan, form = issued
    workbook = openpyxl.load_workbook(form)
    sheet = workbook[L.SHEET_TITLE]
    sheet.protection.sheet = False
    rows = task_rows(sheet)
    sheet[f"{NARRATIVE}{rows['1']}"] = "两项均已开工"
    sheet.merge_cells(f"{NARRATIVE}{rows['1']}:{NARRATIVE}{rows['2']}")
    workbook.save(tmp_path / "合并.xlsx")
    before = snapshot(store)
    result = collect_file(store, tmp_path / "合并.xlsx")
    assert result.reason == LOCKED_CELLS, result.message
    assert "合并.xlsx" in result.message and f"{NARRATIVE}{rows['1']}:{NARRATIVE}{rows['2']}" in result.message
    assert snapshot(store) == before


def test_a_sheet_of_notes_added_to_the_return_refuses_it_and_an_empty_one_does_not(store, issued, tmp_path):
    plan, form = issued
    workbook = openpyxl.load_workbook(fill_form(form, tmp_path / "a.xlsx", {"1": {VALUE: 150}}))
    workbook.create_sheet("Sheet1")
    workbook.save(tmp_path / "空表.xlsx")
    workbook.create_sheet("备注")["A1"] = "床位数据以6月30日统计为准"
    workbook.save(tmp_path / "备注表.xlsx")
    before = snapshot(store)
    result = collect_file(store, tmp_path / "备注表.xlsx")
    assert result.reason == LOCKED_CELLS, result.message
    assert "备注表.xlsx" in result.message and "工作表“备注”" in result.message
    assert snapshot(store) == before
    assert collect_file(store, tmp_path / "空表.xlsx").outcome == ACCEPTED
    assert _values(store, plan) == {"1": 150}


def test_a_folder_of_returns_listed_by_name_keeps_the_newer_return(store, issued, tmp_path):
    """The coordinator collects a folder: the office's first return and its corrected one (saved by the mail
    program as 填报表(1).xlsx, which sorts first by name), its third-quarter return, and a Word file."""
    plan, form = issued
    inbox = tmp_path / "收件"
    inbox.mkdir()
    older = fill_form(form, inbox / "市民政局_2021年第二季度填报表.xlsx", {"1": {VALUE: 100}})
    newer = fill_form(form, inbox / "市民政局_2021年第二季度填报表(1).xlsx", {"1": {VALUE: 200}})
    q3 = make_forms(store, plan.id, "2021Q3", tmp_path / "q3", ["市民政局"])[0].path
    third = fill_form(q3, inbox / "市民政局_2021年第三季度填报表.xlsx", {"1": {VALUE: 300}})
    word = inbox / "说明.docx"
    word.write_bytes(b"%PDF-1.7 not a workbook")
    for age, path in enumerate((word, older, third, newer)):
        os.utime(path, (1_700_000_000 + 60 * age, 1_700_000_000 + 60 * age))
    results = {r.path.name: r for r in collect_files(store, sorted(inbox.iterdir()))}
    assert _values(store, plan) == {"1": 200}
    assert results[newer.name].outcome == SUPERSEDED and results[older.name].outcome == ACCEPTED
    assert results[third.name].period == "2021Q3" and "第三季度" in results[third.name].message
    assert results[word.name].outcome == REFUSED and "说明.docx" in results[word.name].message


def _saved_by_the_office_at(path: Path, moment: str) -> None:
    """Rewrite the workbook's own record of when it was saved (docProps/core.xml), as Excel or WPS writes it."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    parts["docProps/core.xml"] = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                                        rb"\g<1>" + moment.encode() + rb"\g<2>", parts["docProps/core.xml"])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_returns_are_taken_in_the_order_the_office_saved_them_not_when_the_mail_program_did(store, issued,
                                                                                           tmp_path):
    """The mail program saved both attachments just now, the corrected one first: the workbooks themselves say
    which the office saved last, and that one stands."""
    plan, form = issued
    first = fill_form(form, tmp_path / "市民政局填报表.xlsx", {"1": {VALUE: 100}})
    corrected = fill_form(form, tmp_path / "市民政局填报表-修改.xlsx", {"1": {VALUE: 200}})
    _saved_by_the_office_at(first, "2021-07-05T08:30:00Z")
    _saved_by_the_office_at(corrected, "2021-07-06T16:10:00Z")
    os.utime(corrected, (1_800_000_000, 1_800_000_000))
    os.utime(first, (1_800_000_060, 1_800_000_060))  # saved from the mail a minute after the corrected one
    results = {r.path.name: r for r in collect_files(store, [corrected, first])}
    assert _values(store, plan) == {"1": 200}
    assert results[first.name].outcome == ACCEPTED and results[corrected.name].outcome == SUPERSEDED
