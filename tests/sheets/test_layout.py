"""Header detection: synonyms, year columns, merged groups, and mapping by hand."""

from __future__ import annotations

import pytest

from planner.plans.importing import preview_import
from planner.sheets.detection import detect_layout, manual_mapping
from planner.sheets.errors import MappingError, NoHeaderError
from planner.sheets.mapping import Meaning
from planner.sheets.readers import read_workbook
from planner.sheets.synonyms import classify

from .builders import write_xlsx


@pytest.mark.parametrize("text,meaning,year", [
    ("序 号", Meaning.SEQ, None), ("重点工作", Meaning.NAME, None), ("工作任务", Meaning.NAME, None),
    ("任务名称", Meaning.NAME, None), ("具体措施", Meaning.CONTENT, None), ("主要内容", Meaning.CONTENT, None),
    ("总体目标", Meaning.INDICATOR, None), ("目标任务", Meaning.INDICATOR, None), ("基数", Meaning.BASELINE, None),
    ("2020年", Meaning.YEAR, 2020), ("2020", Meaning.YEAR, 2020), ("2020年目标", Meaning.YEAR, 2020),
    ("２０２０年", Meaning.YEAR, 2020), ("牵头单位", Meaning.LEAD, None), ("协办单位", Meaning.CO, None),
    ("责任部门", Meaning.RESPONSIBLE, None), ("责任单位\n（牵头单位列首位）", Meaning.RESPONSIBLE, None),
    ("備註", Meaning.NOTE, None), ("资金来源", None, None), ("主要任务", Meaning.NAME, None),
    ("重点内容", Meaning.CONTENT, None), ("工作内容", Meaning.CONTENT, None), ("具体指标", Meaning.INDICATOR, None),
    ("工作目标", Meaning.INDICATOR, None), ("现状", Meaning.BASELINE, None), ("配合单位", Meaning.CO, None),
    ("责任单位", Meaning.RESPONSIBLE, None), ("到2022年底", Meaning.YEAR, 2022),
    ("重點工作", Meaning.NAME, None), ("牽頭單位", Meaning.LEAD, None),
])
def test_synonyms(text, meaning, year):
    assert classify(text) == (meaning, year)


def test_three_row_header_with_nested_groups(tmp_path):
    rows = [["序号", "重点工作", "目标任务", None, None, None, "责任单位", None],
            [None, None, "总体目标", "年度目标", None, None, "牵头单位", "配合单位"],
            [None, None, None, "2021年", "2022年", "2023年", None, None],
            [1, "任务甲", "到2023年建成3个", "1个", "1个", "1个", "市民政局", "市财政局"]]
    merges = ["A1:A3", "B1:B3", "C1:F1", "C2:C3", "D2:F2", "G1:H1", "G2:G3", "H2:H3"]
    grid = read_workbook(write_xlsx(tmp_path / "h.xlsx", rows, merges)).sheet()
    mapping = detect_layout(grid).mapping
    assert (mapping.header_first_row, mapping.header_last_row) == (0, 2)
    assert [(s.meaning, s.year) for s in mapping] == [
        (Meaning.SEQ, None), (Meaning.NAME, None), (Meaning.INDICATOR, None), (Meaning.YEAR, 2021),
        (Meaning.YEAR, 2022), (Meaning.YEAR, 2023), (Meaning.LEAD, None), (Meaning.CO, None)]
    assert mapping.spec(4).header == "目标任务/年度目标/2022年"


def test_responsible_merged_over_two_unnamed_columns_is_lead_then_co(tmp_path):
    rows = [["序号", "主要任务", "2020年", "责任单位", None], [1, "任务甲", "1个", "市民政局", "市财政局、市卫健委"]]
    preview = preview_import(write_xlsx(tmp_path / "r.xlsx", rows, ["D1:E1"]))
    task = preview.plan.tasks[0]
    assert task.lead == ["市民政局"] and task.co == ["市财政局", "市卫健委"]


def test_repeated_header_rows_are_skipped(tmp_path):
    header = ["序号", "主要任务", "2020年", "责任单位"]
    rows = [header, [1, "任务甲", "1个", "市民政局"], header, [2, "任务乙", "2个", "市财政局"]]
    preview = preview_import(write_xlsx(tmp_path / "p.xlsx", rows))
    assert [t.name for t in preview.plan.tasks] == ["任务甲", "任务乙"]


def test_mapping_by_hand_when_no_header_is_recognised(tmp_path):
    rows = [["编", "事项", "二〇二一"], [1, "任务甲", "新增3个"], [2, "任务乙", "新增4个"]]
    path = write_xlsx(tmp_path / "m.xlsx", rows)
    with pytest.raises(NoHeaderError):
        preview_import(path)
    grid = read_workbook(path).sheet()
    mapping = manual_mapping(grid, 0).with_meaning(1, Meaning.NAME).with_meaning(2, Meaning.YEAR, 2021)
    preview = preview_import(path, mapping=mapping)
    assert [t.name for t in preview.plan.tasks] == ["任务甲", "任务乙"]
    assert preview.plan.tasks[1].plan_target("2021").value == 4
    with pytest.raises(MappingError, match="任务名称"):
        preview_import(path, mapping=manual_mapping(grid, 0))


def test_sections_numbered_in_the_seq_column_nest(tmp_path):
    rows = [["序号", "主要任务", "2020年", "责任单位"],
            ["一", "养老服务设施"],
            ["（一）", "社区养老"], [1, "任务甲", "新增3个", "市民政局"],
            ["(二)", "农村养老"], [2, "任务乙", "新增4个", "市民政局"],
            ["二、", "医养结合"], [3, "任务丙", "新增5个", "市卫健委"]]
    preview = preview_import(write_xlsx(tmp_path / "s.xlsx", rows))
    sections = preview.plan.sections
    assert [s.title for s in sections] == ["一、养老服务设施", "（一）社区养老", "(二)农村养老", "二、医养结合"]
    assert [s.parent_key for s in sections] == [None, sections[0].key, sections[0].key, None]
    assert [t.name for t in preview.plan.tasks] == ["任务甲", "任务乙", "任务丙"]
    assert [t.section_key for t in preview.plan.tasks] == [sections[1].key, sections[2].key, sections[3].key]


def test_total_and_signature_rows_are_not_tasks(tmp_path):
    rows = [["序号", "主要任务", "2020年", "责任单位"], [1, "任务甲", "新增3个", "市民政局"],
            [2, "任务乙", "新增4个", "市民政局"], [None, "合 计", "7个", None],
            ["填表人：张三", None, "联系电话：12345678"]]
    preview = preview_import(write_xlsx(tmp_path / "t.xlsx", rows))
    assert [t.name for t in preview.plan.tasks] == ["任务甲", "任务乙"]
    assert [(i.cell, i.message) for i in preview.issues] == [("第4行", "这一行是合计行，不作为任务导入。")]


def test_error_cell_in_the_header_is_reported(tmp_path):
    from .builders import patch_xlsx_sheet

    rows = [["序号", "主要任务", "2020年", "责任单位", "备注"], [1, "任务甲", "新增3个", "市民政局", None]]
    path = write_xlsx(tmp_path / "e.xlsx", rows)
    patch_xlsx_sheet(path, [(r'<c r="E1"[^>]*>.*?</c>', '<c r="E1" t="e"><v>#REF!</v></c>')])
    preview = preview_import(path)
    assert [(i.cell, "#REF!" in i.message) for i in preview.issues] == [("E1", True)]
    assert preview.plan.tasks[0].name == "任务甲"
