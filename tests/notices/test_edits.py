"""A clerk's corrections to a recognised notice — another role, two tasks split apart, a broken paragraph
joined, offices and targets corrected — and the plan built again from them."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.domain.periods import PeriodError
from planner.notices.building import build_plan
from planner.notices.edits import (
    NoticeEditError,
    join_items,
    set_details,
    set_offices,
    set_role,
    set_targets,
    split_item,
)
from planner.notices.importing import preview_recognised
from planner.notices.items import ItemRole
from planner.notices.recognition import recognise
from planner.notices.text import notice_from_text, read_text_notice

SEEDS = Path(__file__).resolve().parent / "seeds"
HANGZHOU = SEEDS / "003_1f416157280a8fdb.txt"
HENGSHUI = SEEDS / "000_831ed0c3cd078a95.txt"
RUN_TOGETHER = """二、主要任务
1.建设社区食堂。到2024年建成20个。（责任单位：市民政局）2.培训護理人員。（責任單位：市人社局、市民政局）
3.发展智慧养老。（责任单位：市工信局）
"""
BROKEN = """二、主要任务
1.建设社区
食堂。到2024年建成20个。（责任单位：市民政局）
2.培训护理人员。（责任单位：市人社局）
"""


def index_of(recognised, start: str) -> int:
    return next(i for i, item in enumerate(recognised.items) if item.text.startswith(start))


@pytest.fixture(scope="module")
def hangzhou():
    return recognise(read_text_notice(HANGZHOU))


def test_a_paragraph_marked_as_a_task_joins_the_plan_and_one_unmarked_leaves_it(hangzhou):
    closing = index_of(hangzhou, "本意见自2020年11月10日起施行")
    marked = set_role(hangzhou, closing, ItemRole.TASK)
    plan = build_plan(marked)
    assert len(plan.tasks) == len(build_plan(hangzhou).tasks) + 1
    assert plan.tasks[-1].name.startswith("本意见自2020年11月10日起施行")
    unmarked = set_role(marked, index_of(marked, "1.巩固家庭养老基础地位"), ItemRole.OTHER)
    assert "巩固家庭养老基础地位" not in [task.name for task in build_plan(unmarked).tasks]
    assert hangzhou.items[closing].role is ItemRole.OTHER  # the earlier recognition is kept for undo


def test_offices_a_clerk_corrects_stay_through_further_edits(hangzhou):
    closing = index_of(hangzhou, "本意见自2020年11月10日起施行")
    marked = set_role(hangzhou, closing, ItemRole.TASK)
    assert any("没有找到责任单位" in issue.message for issue in preview_recognised(marked).issues)
    corrected = set_offices(marked, closing, ["市民政局"], ["市财政局、各区、县（市）政府"])
    task = build_plan(corrected).tasks[-1]
    assert (task.lead, task.co) == (["市民政局"], ["市财政局", "各区、县(市)政府"])
    again = set_role(corrected, index_of(corrected, "1.巩固家庭养老基础地位"), ItemRole.OTHER)
    assert (build_plan(again).tasks[-1].lead, build_plan(again).tasks[-1].co) == (task.lead, task.co)
    assert not any("本意见" in issue.message for issue in preview_recognised(again).issues)


def test_two_tasks_run_together_are_split_with_their_own_offices():
    recognised = recognise(notice_from_text(RUN_TOGETHER))
    assert [task.name for task in build_plan(recognised).tasks] == ["建设社区食堂", "发展智慧养老"]
    index = index_of(recognised, "1.建设社区食堂")
    split = split_item(recognised, index, recognised.items[index].text.index("2.培训"))
    plan = build_plan(split)
    assert [(t.origin, t.name, t.lead, t.co) for t in plan.tasks] == [
        ("二、1.", "建设社区食堂", ["市民政局"], []), ("二、2.", "培训护理人员", ["市人社局"], ["市民政局"]),
        ("二、3.", "发展智慧养老", ["市工信局"], [])]
    assert split.items[index + 1].original.startswith("2.培训護理人員")
    assert split.items[index].original.endswith("（责任单位：市民政局）")


def test_a_paragraph_broken_in_the_middle_of_a_task_name_is_joined():
    recognised = recognise(notice_from_text(BROKEN))
    assert build_plan(recognised).tasks[0].name == "建设社区"
    joined = join_items(recognised, index_of(recognised, "1.建设社区"))
    task = build_plan(joined).tasks[0]
    assert (task.name, task.lead) == ("建设社区食堂", ["市民政局"])
    assert [(t.period, t.value) for t in task.targets] == [("2024", 20.0)]
    assert joined.items[index_of(joined, "1.建设社区")].where == "第2—3段"


def test_targets_a_clerk_corrects_replace_the_recognised_ones_and_widen_the_years():
    recognised = recognise(notice_from_text(BROKEN))
    corrected = set_targets(recognised, index_of(recognised, "2.培训"), {"2024年": "培训500人次", "2026": "培训800人次",
                                                                        "2025": ""})
    task = build_plan(corrected).tasks[1]
    assert [(t.period, t.value, t.unit) for t in task.targets] == [("2024", 500.0, "人次"), ("2026", 800.0, "人次")]
    assert corrected.last_year == 2026 and build_plan(corrected).last_year == 2026
    with pytest.raises(PeriodError):
        set_targets(recognised, index_of(recognised, "2.培训"), {"明年": "培训500人次"})


def test_the_particulars_a_clerk_types_are_the_plans():
    recognised = recognise(read_text_notice(HANGZHOU))
    corrected = set_details(recognised, title="关于加快推进居家养老服务发展的实施意见", issue_date="2020年10月9日")
    plan = build_plan(corrected)
    assert (plan.title, plan.issue_date, plan.doc_no) == ("关于加快推进居家养老服务发展的实施意见", "2020-10-09",
                                                          "杭政办函〔2020〕47号")
    titled = set_role(recognised, 1, ItemRole.TITLE)
    assert build_plan(titled).title == recognised.items[1].text


def test_corrections_that_cannot_be_made_say_why():
    hengshui = recognise(read_text_notice(HENGSHUI))
    row = next(i for i, item in enumerate(hengshui.items) if item.row is not None)
    with pytest.raises(NoticeEditError, match="附件表格"):
        split_item(hengshui, row, 3)
    with pytest.raises(NoticeEditError, match="附件表格"):
        set_role(hengshui, row, ItemRole.SECTION)
    recognised = recognise(notice_from_text(BROKEN))
    with pytest.raises(NoticeEditError, match="不是任务"):
        set_offices(recognised, 0, ["市民政局"])
    with pytest.raises(NoticeEditError, match="没有文号"):
        set_role(recognised, 0, ItemRole.DOC_NO)
    with pytest.raises(NoticeEditError, match="空"):
        split_item(recognised, 1, 0)


def test_a_table_row_can_be_left_out_of_the_plan():
    hengshui = recognise(read_text_notice(HENGSHUI))
    row = next(i for i, item in enumerate(hengshui.items) if item.row is not None)
    plan = build_plan(set_role(hengshui, row, ItemRole.APPENDIX))
    assert len(plan.tasks) == 7 and plan.tasks[0].name == "居家养老服务站点建设"
