"""Appendix tables as offices make them, beyond the seeds: who leads in a single 责任单位 column, the
header words other offices use, and a workbook whose first sheet is its 填表说明."""

from __future__ import annotations

import openpyxl

from planner.plans.importing import preview_import

from .builders import simple_rows, write_xlsx


def _offices(path):
    preview = preview_import(path)
    return {task.seq: (task.lead, task.co) for task in preview.plan.tasks}


def test_the_office_marked_as_lead_leads_wherever_it_is_listed(tmp_path):
    path = write_xlsx(tmp_path / "责任单位.xlsx", [
        ["序号", "重点任务", "2024年", "2025年", "责任单位"],
        [1, "提升医养结合能力", "≥50%", "≥60%", "市财政局、市卫健委（牵头）"],
        [2, "发展老年助餐", "新增100个", "新增100个", "市市场监管局配合，市民政局牵头"],
        [3, "建设老年大学", "1所", "2所", "配合单位：市财政局、市人社局；牵头单位：市教育局"],
        [4, "改造敬老院", "10所", "12所", "各县（市、区）政府、市民政局（牵头）"],
        [5, "发展社区养老", "20个", "40个", "市民政局、市住建局、市发改委"],
    ])
    assert _offices(path) == {
        "1": (["市卫健委"], ["市财政局"]),
        "2": (["市民政局"], ["市市场监管局"]),
        "3": (["市教育局"], ["市财政局", "市人社局"]),
        "4": (["市民政局"], ["各县(市、区)政府"]),
        "5": (["市民政局"], ["市住建局", "市发改委"]),  # nothing marked: the first listed leads
    }


def test_header_words_of_other_offices_are_understood(tmp_path):
    path = write_xlsx(tmp_path / "表头.xlsx", [
        ["承德市养老服务工作目标任务表"],
        ["序号", "主要工作", "工作指标", "2023年底现状", "二〇二四年", "二〇二五年", "责任处室", "时间要求"],
        [1, "居家养老服务提质", "居家养老服务覆盖率", "75%", "≥80%", "≥85%", "养老服务科", "2025年底"],
    ])
    preview = preview_import(path)
    meanings = {spec.header: (spec.meaning.value, spec.year) for spec in preview.mapping}
    assert meanings == {"序号": ("seq", None), "主要工作": ("name", None), "工作指标": ("indicator", None),
                        "2023年底现状": ("baseline", None), "二〇二四年": ("year", 2024),
                        "二〇二五年": ("year", 2025), "责任处室": ("responsible", None),
                        "时间要求": ("deadline", None)}
    task = preview.plan.tasks[0]
    assert (task.indicator, task.baseline, task.lead, task.deadline) == ("居家养老服务覆盖率", "75%",
                                                                         ["养老服务科"], "2025年底")
    assert {t.period: t.text for t in task.targets} == {"2024": "≥80%", "2025": "≥85%"}
    assert (preview.plan.first_year, preview.plan.last_year) == (2024, 2025)


def test_a_first_sheet_of_instructions_is_passed_over_for_the_one_table(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.title = "填表说明"
    workbook.active.append(["1. 请各单位按要求如实填写。"])
    data = workbook.create_sheet("重点任务表")
    for row in simple_rows():
        data.append(row)
    workbook.create_sheet("Sheet3")
    workbook.save(tmp_path / "多表.xlsx")
    preview = preview_import(tmp_path / "多表.xlsx")
    assert preview.sheet == "重点任务表"
    assert [task.name for task in preview.plan.tasks] == ["建设社区养老服务站", "培训养老护理员"]
    assert any(issue.sheet == "重点任务表" and "“填表说明”" in issue.message and "“重点任务表”" in issue.message
               for issue in preview.issues)


HIDDEN_ROWS = [
    ["唐山市养老服务重点任务目标表"],
    ["序号", "主要任务", "内部编码", "2024年", "2025年", "责任单位"],
    [1, "新增普惠养老床位", "A-01", "1,500张", "2,000张", "市民政局、市发改委"],
    [2, "已取消的任务", "A-02", "完成", None, "市民政局"],
    [3, "老年人能力综合评估", "A-03", "完成评估3万人", "完成评估3.5万人", "市民政局、市卫健委"],
]


def _hidden_warnings(preview) -> dict[str, str]:
    return {issue.cell: issue.message for issue in preview.issues if "隐藏" in issue.message}


def test_hidden_rows_and_columns_of_an_xlsx_are_imported_and_warned_about(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in HIDDEN_ROWS:
        sheet.append(row)
    sheet.row_dimensions[4].hidden = True
    sheet.column_dimensions["C"].hidden = True
    workbook.save(tmp_path / "隐藏.xlsx")
    preview = preview_import(tmp_path / "隐藏.xlsx")
    assert [task.seq for task in preview.plan.tasks] == ["1", "2", "3"]
    warnings = _hidden_warnings(preview)
    assert set(warnings) == {"第4行", "C列"}
    assert "已作为任务导入" in warnings["第4行"] and "其他（记入备注）" in warnings["C列"]


def test_hidden_rows_and_columns_of_an_xls_are_warned_about(tmp_path):
    from .legacy_writers import write_xls

    path = write_xls(tmp_path / "隐藏.xls", [("Sheet1", HIDDEN_ROWS, [])], hidden=([3], [2]))
    preview = preview_import(path)
    assert [task.seq for task in preview.plan.tasks] == ["1", "2", "3"]
    assert set(_hidden_warnings(preview)) == {"第4行", "C列"}


def test_a_table_without_hidden_rows_says_nothing_about_them(tmp_path):
    path = write_xlsx(tmp_path / "普通.xlsx", HIDDEN_ROWS)
    assert _hidden_warnings(preview_import(path)) == {}
