"""What the sheet shows is what is imported: percentages, macro workbooks, CSV text in any encoding."""

from __future__ import annotations

import csv
import shutil
import tempfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.plans.importing import preview_import
from planner.sheets.errors import NotSpreadsheetError

from .builders import CSV_MESSY_ROWS, simple_rows, write_xlsx
from .legacy_writers import Percent, write_ods, write_xls

PERCENT_ROWS = [["序号", "主要任务", "2020年", "2021年", "责任单位"],
                [1, "提高护理型床位占比", Percent(0.2), Percent(0.255), "市民政局"],
                [2, "新增养老床位", 30, 0.5, "市民政局"]]


def _write_percent_xlsx(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in PERCENT_ROWS:
        sheet.append([float(v) if isinstance(v, Percent) else v for v in row])
    sheet["C2"].number_format = "0%"
    sheet["D2"].number_format = "0.0%"
    sheet["D3"].number_format = '0.0"%"'  # a quoted % is only text: the cell shows 0.5%, not 50%
    workbook.save(path)
    return path


@pytest.mark.parametrize("suffix", [".xlsx", ".xls", ".ods"])
def test_percentage_cells_import_as_the_percentage_shown(tmp_path, suffix):
    path = tmp_path / f"p{suffix}"
    if suffix == ".xlsx":
        _write_percent_xlsx(path)
    elif suffix == ".xls":
        write_xls(path, [("Sheet1", PERCENT_ROWS, [])])
    else:
        write_ods(path, [("Sheet1", PERCENT_ROWS, [])])
    ratio, beds = preview_import(path).plan.tasks
    assert [(t.text, t.value, t.unit, t.kind) for t in ratio.targets] == [
        ("20%", 20, "%", "ratio"), ("25.5%", 25.5, "%", "ratio")]
    assert [(t.text, t.value, t.unit) for t in beds.targets] == [("30", 30, None), ("0.5", 0.5, None)]


@settings(max_examples=25, deadline=None)
@given(share=st.decimals(min_value=0, max_value=2, places=4), decimals=st.integers(min_value=0, max_value=2))
def test_any_percentage_comes_back_as_shown(share, decimals):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.xlsx"
        rows = [["序号", "主要任务", "2021年", "牵头单位"], [1, "任务甲", float(share), "市民政局"]]
        write_xlsx(path, rows)
        workbook = openpyxl.load_workbook(path)
        workbook.active["C2"].number_format = "0." + "0" * decimals + "%" if decimals else "0%"
        workbook.save(path)
        target = preview_import(path).plan.tasks[0].plan_target("2021")
    assert target.unit == "%" and target.text.endswith("%")
    assert target.value == pytest.approx(float(share) * 100, abs=1e-9)


def test_xlsm_is_read_like_xlsx(tmp_path):
    source = write_xlsx(tmp_path / "宏.xlsx", simple_rows())
    macro = tmp_path / "宏.xlsm"
    shutil.copy(source, macro)
    preview = preview_import(macro)
    assert preview.workbook.format == "xlsx"
    assert [t.name for t in preview.plan.tasks] == ["建设社区养老服务站", "培训养老护理员"]


CSV_TEXT = ("序号,主要任务,2021年,牵头单位\n1,建设社區养老服务站,新增１０个,市民政局\n"
            "2,培训护理员,培训500人次,市人社局\n")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_detected(tmp_path, encoding):
    path = tmp_path / "无BOM.csv"
    path.write_bytes(CSV_TEXT.encode(encoding))
    preview = preview_import(path)
    assert preview.workbook.encoding == encoding
    assert [t.name for t in preview.plan.tasks] == ["建设社区养老服务站", "培训护理员"]
    assert preview.plan.tasks[0].plan_target("2021").value == 10


def test_utf8_cut_inside_its_last_character_is_still_utf8(tmp_path):
    path = tmp_path / "截断.csv"
    path.write_bytes(CSV_TEXT.encode("utf-8")[:-2])  # the last 局 loses its final bytes
    preview = preview_import(path)
    assert preview.workbook.encoding == "utf-8"
    assert [t.name for t in preview.plan.tasks] == ["建设社区养老服务站", "培训护理员"]
    assert preview.plan.tasks[1].lead == ["市人社"]


def test_utf8_with_a_stray_byte_is_refused_naming_the_line_not_read_as_gbk(tmp_path):
    path = tmp_path / "混合.csv"
    lines = CSV_TEXT.encode("utf-8").split(b"\n")
    lines[2] = lines[2].replace("培训".encode(), "培训".encode("gbk"))
    path.write_bytes(b"\n".join(lines))
    with pytest.raises(NotSpreadsheetError) as caught:
        preview_import(path)
    assert "混合.csv" in str(caught.value) and "第3行" in str(caught.value) and "UTF-8" in str(caught.value)


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-16"])
def test_messy_csv_in_each_encoding(tmp_path, encoding):
    """A title row, a two-row header, a section row, a spacer row, notes, full-width digits, traditional text."""
    path = tmp_path / "附件.csv"
    with path.open("w", encoding=encoding, newline="") as stream:
        csv.writer(stream).writerows(CSV_MESSY_ROWS)
    preview = preview_import(path)
    assert preview.plan.title == "重点任务分解表"
    assert preview.mapping.years == [2021, 2022]
    assert [s.title for s in preview.plan.sections] == ["一、养老服务设施建设"]
    tasks = preview.plan.tasks
    assert [t.name for t in tasks] == ["建设社区养老服务中心", "培训养老护理员"]
    assert all(t.section_key == preview.plan.sections[0].key for t in tasks)
    centre = tasks[0].plan_target("2021")
    assert (centre.text, centre.value, centre.unit, centre.comparator) == ("新增12个", 12, "个", ">=")
    training = tasks[1].plan_target("2022")
    assert (training.value, training.unit, training.comparator) == (600, "人次", ">=")
    assert (tasks[0].lead, tasks[0].co) == (["市民政局"], ["市财政局", "市住建局"])
    assert preview.task_rows == [7, 9]
    assert preview.issues == []  # the notes and the signature line are neither tasks nor problems


def test_renamed_workbooks_are_read_by_their_content(tmp_path):
    shutil.copy(write_xlsx(tmp_path / "a.xlsx", simple_rows()), tmp_path / "其实是xlsx.xls")
    write_xls(tmp_path / "其实是xls.xlsx", [("Sheet1", simple_rows(), [])])
    write_ods(tmp_path / "其实是ods.xlsx", [("Sheet1", simple_rows(), [])])
    for name, kind in (("其实是xlsx.xls", "xlsx"), ("其实是xls.xlsx", "xls"), ("其实是ods.xlsx", "ods")):
        preview = preview_import(tmp_path / name)
        assert preview.workbook.format == kind
        assert [t.plan_target("2022").value for t in preview.plan.tasks] == [12, 600]
