"""Notices written the other ways offices write them: numbering from Word lists, the task section under other
names, offices in every bracket and label, tasks one level up, an appendix as a table block or as tabbed lines."""

from __future__ import annotations

import pytest

from planner.notices.document import NoticeDocument, Paragraph, Place, Table
from planner.notices.importing import preview_notice
from planner.notices.items import ItemRole, RecognitionSettings
from planner.notices.responsibility import LeadRule
from planner.notices.text import notice_from_text
from planner.sheets.grid import Grid

FRAME = """某市民政局关于印发某市养老服务提升行动方案的通知
某民发[2023]12号
各县（市、区）民政局：
现将《某市养老服务提升行动方案》印发给你们，请认真贯彻执行。
某市民政局
二〇二三年五月八日
某市养老服务提升行动方案
一、总体要求
（一）指导思想。坚持以人民为中心。
（二）工作目标。到2025年，全市养老服务体系更加健全。
"""
END = """三、保障措施
（一）加强组织领导。各地要高度重视。
"""


def recognised_plan(text: str, **settings: object):
    return preview_notice(notice_from_text(text), RecognitionSettings(**settings))  # type: ignore[arg-type]


@pytest.mark.parametrize("heading", ["二、重点任务", "二、工作任务", "二、主要措施", "二、重点工作任务"])
def test_the_task_section_is_found_under_its_usual_names_and_the_frame_is_left_out(heading):
    text = FRAME + heading + "\n1.建设社区食堂。到2024年，建成社区食堂20个。（责任单位：市民政局）\n" \
        "2.培训护理人员。每年培训不少于500人次。（责任单位：市人社局、市民政局）\n" + END
    preview = recognised_plan(text)
    plan = preview.plan
    assert [task.name for task in plan.tasks] == ["建设社区食堂", "培训护理人员"]
    assert [task.origin for task in plan.tasks] == ["二、1.", "二、2."]
    assert plan.title == "某市养老服务提升行动方案"
    assert (plan.doc_no, plan.issuer, plan.issue_date) == ("某民发〔2023〕12号", "某市民政局", "2023-05-08")
    assert (plan.first_year, plan.last_year) == (2023, 2025) or (plan.first_year, plan.last_year) == (2023, 2024)
    roles = {item.text.split("。")[0]: item.role for item in preview.recognised.items}
    assert roles["（一）指导思想"] is ItemRole.OTHER and roles["三、保障措施"] is ItemRole.OTHER


@pytest.mark.parametrize(("written", "lead", "co"), [
    ("〔责任单位：市民政局、市财政局〕", ["市民政局"], ["市财政局"]),
    ("（责任单位：市民政局，市财政局）", ["市民政局"], ["市财政局"]),
    ("(责任单位:市民政局、市财政局)", ["市民政局"], ["市财政局"]),
    ("【市民政局、市财政局】", ["市民政局"], ["市财政局"]),
    ("【牵头单位：市财政局；配合单位：市民政局、市卫健委】", ["市财政局"], ["市民政局", "市卫健委"]),
    ("（市财政局牵头，市民政局配合）", ["市财政局"], ["市民政局"]),
    ("（市民政局、市财政局按职责分工负责，各县（市、区）人民政府负责）", ["市民政局"],
     ["市财政局", "各县(市、区)人民政府"]),
    ("\n牵头单位：市财政局；配合单位：市民政局", ["市财政局"], ["市民政局"]),
    ("\n责任单位：市民政局、市财政局", ["市民政局"], ["市财政局"]),
])
def test_offices_in_every_bracket_and_label(written, lead, co):
    text = FRAME + "二、主要任务\n1.建设社区食堂。到2024年，建成社区食堂20个。" + written + "\n" + END
    task = recognised_plan(text).plan.tasks[0]
    assert (task.lead, task.co) == (lead, co)
    assert "责任单位" not in task.content and "牵头单位" not in task.content


def test_the_lead_rule_is_a_setting():
    text = FRAME + "二、主要任务\n1.建设社区食堂。（责任单位：市民政局、市财政局）\n" + END
    task = recognised_plan(text, lead_rule=LeadRule.ALL).plan.tasks[0]
    assert (task.lead, task.co) == (["市民政局", "市财政局"], [])


def test_a_sentence_giving_every_task_the_same_offices_reaches_every_task():
    text = FRAME + "二、重点工作\n1.建设社区食堂。（责任单位：市民政局。以下各项任务责任单位均包括" \
        "各县（市、区）人民政府，不再单独列出）\n2.培训护理人员。（责任单位：市人社局）\n" \
        "3.发展智慧养老。（责任单位：市工信局）\n" + END
    plan = recognised_plan(text).plan
    assert [task.co for task in plan.tasks] == [["各县(市、区)人民政府"]] * 3
    assert [task.lead for task in plan.tasks] == [["市民政局"], ["市人社局"], ["市工信局"]]


def test_offices_named_before_they_are_said_to_be_every_tasks():
    text = FRAME + "二、重点任务\n各县（市、区）人民政府为各项任务的共同责任单位。\n" \
        "1.建设社区食堂。（责任单位：市民政局）\n2.培训护理人员。（责任单位：市人社局）\n" + END
    plan = recognised_plan(text).plan
    assert [(task.lead, task.co) for task in plan.tasks] == [(["市民政局"], ["各县(市、区)人民政府"]),
                                                            (["市人社局"], ["各县(市、区)人民政府"])]


def test_tasks_take_the_offices_of_their_heading_when_they_name_none():
    text = FRAME + "二、主要任务\n（一）加强设施建设。（牵头单位：市住建局；配合单位：市民政局）\n1.改造养老院。\n" \
        "2.建设社区食堂。（责任单位：市商务局）\n（二）培训护理人员。\n3.开展培训。\n" + END
    plan = recognised_plan(text).plan
    assert [(t.name, t.lead, t.co) for t in plan.tasks] == [("改造养老院", ["市住建局"], ["市民政局"]),
                                                            ("建设社区食堂", ["市商务局"], []), ("开展培训", [], [])]


def test_a_task_table_naming_the_offices_the_text_leaves_out_gives_the_tasks():
    grid = Grid("表1", [["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
                        ["1", "新增养老床位", "市民政局", "市财政局", "2024年底"],
                        ["2", "建设社区食堂", "市商务局", "市民政局", "2024年6月"]])
    blocks = [Paragraph("一、主要任务", Place(paragraph=1)), Paragraph("1.新增养老床位。", Place(paragraph=2)),
              Paragraph("2.建设社区食堂。（各项任务责任分工见附件）", Place(paragraph=3)), Table(grid, Place(table=1))]
    plan = preview_notice(NoticeDocument("通知.docx", "docx", "0" * 64, blocks)).plan
    assert [(t.name, t.lead, t.co, t.origin) for t in plan.tasks] == [
        ("新增养老床位", ["市民政局"], ["市财政局"], "表1第2行"),
        ("建设社区食堂", ["市商务局"], ["市民政局"], "表1第3行")]


def test_tasks_one_level_up_when_the_section_has_no_finer_numbers():
    text = FRAME + "二、重点任务\n（一）建设社区食堂。到2024年建成20个。（责任单位：市民政局）\n" \
        "（二）培训护理人员。（责任单位：市人社局）\n其中，优先培训农村护理员。\n" + END
    plan = recognised_plan(text).plan
    assert [(t.origin, t.name) for t in plan.tasks] == [("二、（一）", "建设社区食堂"), ("二、（二）", "培训护理人员")]
    assert plan.tasks[1].content == "其中，优先培训农村护理员。" and plan.sections == []


def test_finer_points_belong_to_their_task():
    text = FRAME + "二、主要任务\n1.建设社区食堂。（责任单位：市民政局）\n（1）城区每个街道建成1个。\n" \
        "（2）农村每个乡镇建成1个。\n2.培训护理人员。（责任单位：市人社局）\n" + END
    plan = recognised_plan(text).plan
    assert [t.name for t in plan.tasks] == ["建设社区食堂", "培训护理人员"]
    assert "（1）城区每个街道建成1个。" in plan.tasks[0].content and "（2）农村" in plan.tasks[0].content


def test_the_section_the_user_picks_holds_the_tasks():
    text = FRAME + "二、主要任务\n1.建设社区食堂。（责任单位：市民政局）\n" \
        "三、重点工程\n1.养老院改造。（责任单位：市住建局）\n"

    def origins(*picked: str) -> list[str]:
        return [t.origin for t in recognised_plan(text, task_sections=picked).plan.tasks]

    assert origins() == ["二、1.", "三、1."]
    assert origins("三、") == ["三、1."]
    assert origins("总体要求") == ["一、（一）", "一、（二）"]


def test_without_a_task_heading_the_numbered_items_outside_the_frame_are_taken_and_the_preview_says_so():
    text = FRAME + "二、加快养老设施建设\n1.建设社区食堂。（责任单位：市民政局）\n" \
        "2.改造养老院。（责任单位：市住建局）\n" + END
    preview = recognised_plan(text)
    assert [t.name for t in preview.plan.tasks] == ["建设社区食堂", "改造养老院"]
    assert any("没有找到“主要任务”" in issue.message for issue in preview.issues)


def test_numbers_from_word_lists_are_read_from_the_label():
    blocks = [Paragraph("主要任务", Place(paragraph=1), label="一、"),
              Paragraph("加强设施建设", Place(paragraph=2), label="（一）"),
              Paragraph("建设社区食堂。（责任单位：市民政局）", Place(paragraph=3), label="1."),
              Paragraph("改造养老院。（责任单位：市住建局、市民政局）", Place(paragraph=4), label="2.")]
    preview = preview_notice(NoticeDocument("通知.docx", "docx", "0" * 64, blocks))
    plan = preview.plan
    assert [(t.origin, t.name, t.lead) for t in plan.tasks] == [("一、（一）1.", "建设社区食堂", ["市民政局"]),
                                                              ("一、（一）2.", "改造养老院", ["市住建局"])]
    assert [s.title for s in plan.sections] == ["（一）加强设施建设"]
    assert preview.recognised.items[2].where == "第3段"


def test_an_appendix_table_block_goes_through_the_spreadsheet_rules():
    grid = Grid("表1", [["序号", "重点任务", "2023年", "2024年", "责任单位"],
                        ["1", "新增养老床位", "500张", "800张", "市民政局、市财政局"],
                        ["2", "建设社区食堂", "10个", "20个", "市民政局"]])
    blocks = [Paragraph("一、主要任务", Place(paragraph=1)), Paragraph("1.扩大养老服务供给。", Place(paragraph=2)),
              Paragraph("附件：重点任务分解表", Place(paragraph=3)), Table(grid, Place(table=1))]
    preview = preview_notice(NoticeDocument("通知.docx", "docx", "0" * 64, blocks))
    plan = preview.plan
    assert [t.name for t in plan.tasks] == ["新增养老床位", "建设社区食堂"]
    beds = plan.tasks[0]
    assert (beds.lead, beds.co, beds.origin) == (["市民政局"], ["市财政局"], "表1第2行")
    assert [(t.period, t.value, t.unit) for t in beds.targets] == [("2023", 500.0, "张"), ("2024", 800.0, "张")]
    assert (plan.first_year, plan.last_year) == (2023, 2024)
    roles = [item.role for item in preview.recognised.items]
    assert roles.count(ItemRole.MEASURE) == 1 and roles.count(ItemRole.TASK) == 2


def test_an_appendix_copied_from_word_with_tabs_between_its_cells():
    text = FRAME + "二、主要任务\n1.扩大养老服务供给。（责任单位：市民政局）\n" + END + \
        "附件\n重点任务分解表\n序号\t重点任务\t2023年\t2024年\t责任单位\n1\t新增养老床位\t500张\t800张\t市民政局\n" \
        "2\t建设社区食堂\t10个\t20个\t市民政局、市商务局\n"
    plan = recognised_plan(text).plan
    assert [(t.name, t.lead, t.origin) for t in plan.tasks] == [("新增养老床位", ["市民政局"], "附件第1项"),
                                                                ("建设社区食堂", ["市民政局"], "附件第2项")]
    assert plan.appendix_title == "重点任务分解表"


def test_a_table_block_that_is_no_task_table_is_said_to_be_passed_over():
    grid = Grid("表1", [["项目", "说明"], ["甲", "乙"]])
    blocks = [Paragraph("一、主要任务", Place(paragraph=1)), Paragraph("1.扩大养老服务供给。", Place(paragraph=2)),
              Table(grid, Place(table=1))]
    preview = preview_notice(NoticeDocument("通知.docx", "docx", "0" * 64, blocks))
    assert [t.name for t in preview.plan.tasks] == ["扩大养老服务供给"]
    assert any(issue.place == "表1" for issue in preview.issues)
