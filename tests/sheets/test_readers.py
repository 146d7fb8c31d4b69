"""Every supported format is recognised from its bytes and read into the same grid."""

from __future__ import annotations

import datetime

import pytest

from planner.plans.importing import preview_import
from planner.sheets.readers import read_workbook

from .builders import patch_xlsx_sheet, simple_rows, write_xlsx
from .legacy_writers import write_ods, write_xls

CSV_TEXT = ("重点任务表\n序号,重点任务,2021年,牵头单位,配合单位\n"
            "1,建设社區养老服务站,新增１０个,市民政局,\"市财政局、市住建局\"\n")


def _tasks(path):
    preview = preview_import(path)
    return preview, preview.plan.tasks


@pytest.mark.parametrize("encoding,prefix", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gbk", b""),
                                             ("gb18030", b""), ("utf-16", b"")])
def test_csv_encodings_are_detected_from_the_bytes(tmp_path, encoding, prefix):
    path = tmp_path / "任务.xlsx"  # the name lies: the content decides
    path.write_bytes(prefix + CSV_TEXT.encode(encoding))
    preview, tasks = _tasks(path)
    assert preview.workbook.format == "csv"
    assert [t.name for t in tasks] == ["建设社区养老服务站"]
    assert tasks[0].co == ["市财政局", "市住建局"]
    target = tasks[0].plan_target("2021")
    assert (target.text, target.value, target.unit) == ("新增10个", 10, "个")


def test_tsv_and_semicolon_delimiters(tmp_path):
    for delimiter in ("\t", ";"):
        path = tmp_path / "t.csv"
        path.write_text(CSV_TEXT.replace(",", delimiter).replace('"', ""), encoding="utf-8")
        _, tasks = _tasks(path)
        assert tasks[0].lead == ["市民政局"] and tasks[0].plan_target("2021").value == 10


def test_csv_two_row_header_without_merges(tmp_path):
    path = tmp_path / "two.csv"
    path.write_text("序号,主要任务,时间进度,,,责任单位\n,,2015年,2016年,2017年,\n1,任务甲,1个,2个,3个,市民政局\n",
                    encoding="utf-8")
    preview, tasks = _tasks(path)
    assert preview.mapping.years == [2015, 2016, 2017]
    assert [t.value for t in tasks[0].targets] == [1, 2, 3]


def test_xls_biff8_with_merges_and_error_cells(tmp_path):
    rows = [["附件2"], ["重点任务分解表"], ["序号", "主要任务", "2020年", "2021年", "责任单位"],
            [1, "任务甲", "新增5个", "#REF!", "市民政局、市财政局"], [2, None, "新增6个", "新增7个", "市卫健委"]]
    path = write_xls(tmp_path / "old.xls", [("附件2", rows, [(3, 4, 1, 1)])])
    preview, tasks = _tasks(path)
    assert preview.workbook.format == "xls"
    assert [t.name for t in tasks] == ["任务甲", "任务甲"]  # B4:B5 merged
    assert tasks[0].targets_for("2021") == []
    assert any(i.cell == "D4" and "#REF!" in i.message for i in preview.issues)
    assert preview.plan.title == "重点任务分解表"


def test_ods_with_merges_and_error_cells(tmp_path):
    rows = [["序号", "主要任务", "年度目标", None, "责任单位"], [None, None, "2020年", "2021年", None],
            [1, "任务甲", "#DIV/0!", "新增7个", "市民政局"]]
    path = write_ods(tmp_path / "calc.ods", [("表一", rows, [(0, 0, 2, 3), (0, 1, 0, 0), (0, 1, 1, 1), (0, 1, 4, 4)])])
    preview, tasks = _tasks(path)
    assert preview.workbook.format == "ods"
    assert preview.mapping.years == [2020, 2021]
    assert tasks[0].plan_target("2021").value == 7 and tasks[0].targets_for("2020") == []
    assert any(i.cell == "C3" and "#DIV/0!" in i.message for i in preview.issues)


def test_xlsx_formulas_give_cached_values_and_errors_are_reported(tmp_path):
    rows = simple_rows()
    rows[2][3] = "=SUM(1,1)"
    rows[3][3] = "=1/0"
    path = write_xlsx(tmp_path / "f.xlsx", rows)
    patch_xlsx_sheet(path, [(r'<c r="D3"([^>]*)><f>([^<]*)</f><v\s*/?>(?:</v>)?', r'<c r="D3"\1><f>\2</f><v>2</v>'),
                            (r'<c r="D4"([^>]*)><f>([^<]*)</f><v\s*/?>(?:</v>)?',
                             r'<c r="D4"\1 t="e"><f>\2</f><v>#DIV/0!</v>')])
    preview, tasks = _tasks(path)
    assert tasks[0].plan_target("2021").text == "2"
    assert tasks[1].targets_for("2021") == []
    assert [i.cell for i in preview.issues if "#DIV/0!" in i.message] == ["D4"]


def test_dates_stay_dates_and_sheets_are_listed(tmp_path):
    rows = simple_rows()
    rows[1].append("完成时限")
    rows[2].append(datetime.datetime(2021, 6, 30))
    path = write_xlsx(tmp_path / "d.xlsx", rows, title="任务")
    workbook = read_workbook(path)
    assert workbook.sheet_names == ["任务"]
    value = workbook.sheet("任务").cell(2, 7)
    assert isinstance(value, datetime.date) and value.isoformat()[:10] == "2021-06-30"
    _, tasks = _tasks(path)
    assert tasks[0].deadline == "2021-06-30"


def test_sheet_is_chosen_by_name(tmp_path):
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.title = "说明"
    workbook.active["A1"] = "填表说明"
    data = workbook.create_sheet("任务表")
    for row in simple_rows():
        data.append(row)
    path = tmp_path / "two.xlsx"
    workbook.save(path)
    preview = preview_import(path, sheet="任务表")
    assert preview.sheet == "任务表" and len(preview.plan.tasks) == 2


def test_error_codes_in_a_csv_are_errors_not_targets(tmp_path):
    path = tmp_path / "e.csv"
    path.write_text("序号,主要任务,2021年,牵头单位\n1,任务甲,#N/A,市民政局\n", encoding="utf-8")
    preview, tasks = _tasks(path)
    assert tasks[0].targets == []
    assert [(i.cell, "#N/A" in i.message) for i in preview.issues if "错误值" in i.message] == [("C2", True)]
    assert preview.task_rows == [2]
