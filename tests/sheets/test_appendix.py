"""A messy appendix comes out as the plan a clerk sees in the sheet."""

from __future__ import annotations

import pytest

from planner.plans.importing import preview_import
from planner.sheets.mapping import Meaning

from .builders import messy_appendix


@pytest.fixture
def preview(tmp_path):
    return preview_import(messy_appendix(tmp_path / "附件1.xlsx"))


def test_title_rows_give_the_plan_title_and_years(preview):
    assert preview.plan.title == "哈尔滨市养老服务业发展三年行动方案重点任务分解表"
    assert preview.layout.appendix_label == "附件1"
    assert preview.layout.subtitles == ["（2015—2017年）"]
    assert (preview.plan.first_year, preview.plan.last_year) == (2015, 2017)


def test_two_row_header_with_merged_group_is_understood(preview):
    mapping = preview.mapping
    assert (mapping.header_first_row, mapping.header_last_row) == (3, 4)
    meanings = {spec.letter: (spec.meaning, spec.year) for spec in mapping}
    assert meanings["A"] == (Meaning.SEQ, None)
    assert meanings["B"] == (Meaning.NAME, None)
    assert meanings["C"] == (Meaning.CONTENT, None)
    assert [meanings[c] for c in "DEF"] == [(Meaning.YEAR, 2015), (Meaning.YEAR, 2016), (Meaning.YEAR, 2017)]
    assert meanings["G"] == (Meaning.RESPONSIBLE, None)
    assert meanings["H"] == (Meaning.UNKNOWN, None)
    assert meanings["I"] == (Meaning.NOTE, None)  # 備註, traditional, still recognised
    assert mapping.spec(3).header == "时间进度/2015年"


def test_tasks_names_and_merged_task_cell(preview):
    tasks = preview.plan.tasks
    assert len(tasks) == 3
    assert [t.name for t in tasks] == ["提升养老床位数量", "提升养老床位数量", "发展社区居家养老服务"]
    assert [t.seq for t in tasks] == ["1", "2", "3"]
    assert tasks[1].content == "改造农村敬老院"


def test_responsible_units_split_first_leads(preview):
    beds, homes, community = preview.plan.tasks
    assert beds.lead == ["市民政局"] and beds.co == ["市发改委", "市财政局"]
    assert homes.lead == ["各区、县(市)政府"] and homes.co == []
    assert community.lead == ["市民政局"]


def test_targets_parsed_with_value_unit_comparator(preview):
    beds, homes, community = preview.plan.tasks
    wide = beds.plan_target("2015")
    assert (wide.value, wide.unit, wide.comparator, wide.kind) == (53426, "张", ">=", "cumulative")
    assert {t.office: t.value for t in beds.targets_for("2015", "道里区")} == {"道里区": 4816}
    assert homes.plan_target("2015").text == "改造20所"  # full-width digits made half-width
    assert (homes.plan_target("2015").value, homes.plan_target("2015").unit) == (20, "所")
    assert homes.plan_target("2017").value is None and homes.plan_target("2017").kind == "text"
    assert community.plan_target("2015").text == "2"  # the number 2.0 in the cell
    ratio = community.plan_target("2016")
    assert (ratio.value, ratio.unit, ratio.kind) == (30, "‰", "ratio")
    assert community.plan_target("2017").comparator == ">="


def test_sections_nest_and_traditional_text_is_simplified(preview):
    sections = preview.plan.sections
    assert [s.title for s in sections] == ["一、实施养老服务供给能力培育工程", "（一）社区养老服务"]
    assert sections[1].parent_key == sections[0].key
    beds, _, community = preview.plan.tasks
    assert beds.section_key == sections[0].key and community.section_key == sections[1].key
    assert community.content == "建设日间照料中心"


def test_unknown_column_and_note_are_kept_in_the_task_note(preview):
    beds, homes, _ = preview.plan.tasks
    assert beds.note == "资金来源：市级财政"
    assert homes.note == "重点"


def test_notes_and_spacer_rows_are_not_tasks_and_warnings_name_cells(preview):
    names = " ".join(t.name for t in preview.plan.tasks)
    assert "注" not in names and "报送" not in names
    cells = {issue.cell: issue.message for issue in preview.issues}
    assert "F8" in cells and "多个数字" in cells["F8"]
    # The 其中 list names two of the districts only: 4816 + 5788 is not the city's 53426.
    assert "D7" in cells and "10604张" in cells["D7"] and "53426张" in cells["D7"]
    assert preview.counts.as_dict() == {"sections": 2, "tasks": 3, "targets": 11, "offices": 6}


def test_changing_a_column_meaning_is_passed_back(tmp_path):
    path = messy_appendix(tmp_path / "a.xlsx")
    first = preview_import(path)
    corrected = first.mapping.with_meaning(7, Meaning.IGNORE).with_meaning(2, Meaning.INDICATOR)
    again = preview_import(first.workbook, mapping=corrected)  # the open workbook: not read again
    beds = again.plan.tasks[0]
    assert beds.note == "" and beds.indicator == "新建养老机构" and beds.content == ""
    assert first.mapping.spec(7).meaning is Meaning.UNKNOWN  # the original mapping is unchanged


def test_year_column_needs_a_year():
    from planner.sheets.errors import MappingError
    from planner.sheets.mapping import ColumnMapping, ColumnSpec

    mapping = ColumnMapping([ColumnSpec(0, Meaning.NAME)], 0, 0)
    with pytest.raises(MappingError, match="年份"):
        mapping.with_meaning(1, Meaning.YEAR)
    assert mapping.with_meaning(1, "year", 2021).spec(1).label == "2021年目标"
