"""The seed notices, as a clerk checks the plans they give: tasks, sections, offices, targets, particulars, origins.

What the tests expect is read from the seed texts where it can be (the numbered items of the
task section, the appendix rows), not typed in.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planner.domain.t2s import convert_t2s
from planner.notices.document import NoticeDocument, Paragraph, Place, Table
from planner.notices.importing import preview_notice
from planner.notices.items import ItemRole, RecognitionSettings
from planner.notices.text import read_text_notice
from planner.sheets.grid import Grid, MergedRange

SEEDS = Path(__file__).resolve().parent / "seeds"
HENGSHUI = SEEDS / "000_831ed0c3cd078a95.txt"
BEIJING = SEEDS / "002_10e9145091e5d171.txt"
HANGZHOU = SEEDS / "003_1f416157280a8fdb.txt"
PINYIN_RE = re.compile(r"[(（]\s*[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\s*[)）]")


def preview(path: Path, **settings: object):
    return preview_notice(read_text_notice(path), RecognitionSettings(**settings))  # type: ignore[arg-type]


def numbered_items_under(path: Path, heading: str) -> list[str]:
    """The lines numbered 1. 2. … in the section whose heading holds `heading`, as the seed has them."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    top = [i for i, line in enumerate(lines) if re.match(r"^[一二三四五六七八九十]+、", line)]
    start = next(i for i in top if heading in lines[i])
    end = next((i for i in top if i > start), len(lines))
    return [line for line in lines[start:end] if re.match(r"^[0-9]+[.．]", line)]


@pytest.fixture(scope="module")
def hangzhou():
    return preview(HANGZHOU)


@pytest.fixture(scope="module")
def beijing():
    return preview(BEIJING)


@pytest.fixture(scope="module")
def hengshui():
    return preview(HENGSHUI)


def test_hangzhou_gives_sixteen_tasks_in_five_sections(hangzhou):
    plan = hangzhou.plan
    expected = numbered_items_under(HANGZHOU, "主要任务")
    assert len(expected) == 16 and len(plan.tasks) == 16
    assert [s.title for s in plan.sections] == ["（一）强化居家养老服务责任", "（二）完善居家养老服务设施",
                                                "（三）持续优化居家养老服务供给", "（四）加大居家养老服务激励保障",
                                                "（五）强化居家养老服务监管"]
    assert all(task.section_key in {s.key for s in plan.sections} for task in plan.tasks)
    assert [len([t for t in plan.tasks if t.section_key == s.key]) for s in plan.sections] == [3, 3, 5, 3, 2]


def test_hangzhous_first_task_is_named_by_its_lead_phrase_and_led_by_the_first_office(hangzhou):
    first = hangzhou.plan.tasks[0]
    assert first.name == "巩固家庭养老基础地位"
    assert first.lead == ["市卫生健康委员会"]
    assert first.co[:2] == ["市民政局", "市教育局"] and "各区、县(市)政府" in first.co
    assert first.origin == "二、（一）1." and first.seq == "1"
    assert first.content.startswith("子女及其他依法负有赡养") and "责任单位" not in first.content
    assert hangzhou.plan.tasks[-1].origin == "二、（五）16."


def test_every_hangzhou_task_has_offices_and_the_district_governments_stay_one_office(hangzhou):
    for task in hangzhou.plan.tasks:
        assert task.lead, task.name
        assert "各区、县(市)政府" in task.co and "县(市)政府" not in task.co


def test_hangzhous_particulars(hangzhou):
    plan = hangzhou.plan
    assert plan.doc_no == "杭政办函〔2020〕47号"
    assert plan.issuer == "杭州市人民政府办公厅"
    assert plan.issue_date == "2020-10-09"
    assert (plan.first_year, plan.last_year) == (2020, 2022)
    assert plan.state.value == "draft" and HANGZHOU.name in plan.source and plan.source_hash


def _target(task, period):
    return next(t for t in task.targets if t.period == period and t.office is None)


def test_figures_and_deadlines_in_the_text_become_targets_of_the_years_they_name(hangzhou):
    tasks = {task.name: task for task in hangzhou.plan.tasks}
    communities = _target(tasks["有效拓展社区居家养老服务"], "2022")
    assert communities.text.startswith("到2022年") and "2个认知症友好社区" in communities.text
    assert (communities.value, communities.unit, communities.comparator) == (2.0, "个", ">=")
    rooms = _target(tasks["推进已建住宅小区配套建设"], "2022")
    assert "2022年10月1日前配置到位" in rooms.text and rooms.kind == "milestone"
    visits = _target(tasks["充分发挥基层社区和社会主体优势"], "2022")
    assert "月探访率达到100%" in visits.text
    subsidy = _target(tasks["加大扶持优惠力度"], "2021")
    assert subsidy.text.startswith("自2021年1月1日起")


def test_beijing_gives_nineteen_tasks_in_simplified_characters_without_pinyin(beijing):
    plan = beijing.plan
    expected = numbered_items_under(BEIJING, "重點")
    assert len(expected) == 19 and len(plan.tasks) == 19
    assert [task.origin for task in plan.tasks[:4]] == ["二、（一）1.", "二、（一）2.", "二、（一）3.", "二、（二）4."]
    texts = [plan.title, plan.doc_no, plan.issuer, *(s.title for s in plan.sections)]
    for task in plan.tasks:
        texts += [task.name, task.content, task.indicator, *task.lead, *task.co, *(t.text for t in task.targets)]
    for text in texts:
        assert not PINYIN_RE.search(text), text
        assert convert_t2s(text) == text, text


def test_beijing_puts_the_district_governments_on_every_task(beijing):
    assert beijing.recognised.common_offices == ("各区政府", "北京经济技术开发区管委会")
    for task in beijing.plan.tasks:
        offices = task.lead + task.co
        assert "各区政府" in offices and "北京经济技术开发区管委会" in offices, task.name
        assert task.lead and task.lead[0].startswith("市")
    assert beijing.plan.tasks[1].lead == ["市民政局"] and beijing.plan.tasks[1].co[:2] == ["市财政局", "市国资委"]


def test_beijings_particulars_and_years(beijing):
    plan = beijing.plan
    assert plan.title == "关于完善北京市养老服务体系的实施意见"
    assert plan.doc_no == "京政办发〔2023〕25号"
    assert plan.issuer == "北京市人民政府办公厅"
    assert plan.issue_date == "2023-10-27"
    assert (plan.first_year, plan.last_year) == (2023, 2025)
    assert [s.title for s in plan.sections][0] == "（一）加强养老服务体系统筹布局"


def test_the_beijing_items_keep_their_original_text_for_the_wizard(beijing):
    first = next(item for item in beijing.recognised.items if item.role is ItemRole.TASK)
    assert "養老服務(wù)" in first.original and "养老服务" in first.text


def hengshui_appendix_rows() -> list[tuple[str, str, str, list[str]]]:
    """(重点工作, 总体目标, 现状, yearly targets) read from the end of the Hengshui seed, one cell per line."""
    lines = [line.strip() for line in HENGSHUI.read_text(encoding="utf-8").splitlines() if line.strip()]
    body = lines[lines.index("2022年") + 1: next(i for i, line in enumerate(lines) if line.endswith("相关文档:"))]
    rows, position = [], 0
    while position < len(body):
        name, indicator = body[position], body[position + 1]
        position += 2
        numbers = []
        while position < len(body) and body[position].isdigit():
            numbers.append(body[position])
            position += 1
        rows.append((name, indicator, numbers[0] if len(numbers) == 4 else "", numbers[-3:]))
    return rows


def test_hengshui_with_its_appendix_gives_the_eight_key_works_with_baselines_and_yearly_targets(hengshui):
    plan = hengshui.plan
    rows = hengshui_appendix_rows()
    assert len(rows) == 8 and len(plan.tasks) == 8
    assert plan.appendix_title == "养老服务体系建设重点工作年度目标任务"
    for task, (name, indicator, baseline, yearly) in zip(plan.tasks, rows):
        assert (task.name, task.indicator, task.baseline) == (name, indicator, baseline)
        assert [(t.period, t.text) for t in task.targets if t.office is None] == list(zip(("2020", "2021", "2022"),
                                                                                         yearly))
    assert [task.origin for task in plan.tasks] == [f"附件第{n}项" for n in range(1, 9)]
    assert (plan.first_year, plan.last_year) == (2020, 2022)


def test_hengshuis_key_works_take_their_offices_from_the_items_of_the_text_that_state_them(hengshui):
    tasks = {task.name: task for task in hengshui.plan.tasks}
    beds = tasks["社区嵌入式养老机构建设"]
    assert beds.lead == ["市自然资源和规划局"] and "市民政局" in beds.co
    assert "二、（二）1." in beds.note
    assert tasks["养老院长培训"].lead == ["市教育局"] and "二、（六）3." in tasks["养老院长培训"].note
    assert all(task.lead for task in hengshui.plan.tasks)


def test_hengshuis_particulars_come_from_the_web_pages_fields_and_the_signature(hengshui):
    plan = hengshui.plan
    assert plan.title == "衡水市进一步深化养老服务体系建设实施方案"
    assert (plan.doc_no, plan.issuer, plan.issue_date) == ("衡政办字〔2020〕33号", "衡水市人民政府办公室", "2020-07-20")


def test_hengshuis_numbered_items_are_the_tasks_when_the_user_says_so():
    plan = preview(HENGSHUI, tasks_from="body").plan
    expected = numbered_items_under(HENGSHUI, "主要任务")
    assert len(plan.tasks) == len(expected) == 26
    assert len(plan.sections) == 7 and plan.tasks[0].origin == "二、（一）1."
    both = preview(HENGSHUI, tasks_from="both").plan
    assert len(both.tasks) == 26 + 8
    appendix = next(s for s in both.sections if s.title == "养老服务体系建设重点工作年度目标任务")
    assert [t.name for t in both.tasks if t.section_key == appendix.key][0] == "社区嵌入式养老机构建设"


def test_hengshui_as_a_word_file_with_its_appendix_as_a_table_gives_the_same_key_works():
    """The body as paragraphs (list numbers in the labels) and the appendix as a table with its two-row header."""
    lines = [line.strip() for line in HENGSHUI.read_text(encoding="utf-8").splitlines() if line.strip()]
    body = lines[: lines.index("附件")]
    blocks: list[Paragraph | Table] = []
    for number, line in enumerate(body, start=1):
        match = re.match(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|[0-9]+\.)", line)
        label = match.group(0) if match else ""
        blocks.append(Paragraph(line[len(label):], Place(paragraph=number), label=label))
    blocks += [Paragraph("附件", Place(paragraph=len(body) + 1)),
               Paragraph("养老服务体系建设重点工作年度目标任务", Place(paragraph=len(body) + 2))]
    rows: list[list[object]] = [["重点工作", "总体目标", "现状", "年度工作目标", None, None],
                                [None, None, None, "2020年", "2021年", "2022年"]]
    for name, indicator, baseline, yearly in hengshui_appendix_rows():
        rows.append([name, indicator, baseline or None, *yearly])
    merges = [MergedRange(0, 0, 1, 0), MergedRange(0, 1, 1, 1), MergedRange(0, 2, 1, 2), MergedRange(0, 3, 0, 5)]
    blocks.append(Table(Grid("表1", rows, merges), Place(table=1)))
    plan = preview_notice(NoticeDocument("衡水通知.docx", "docx", "0" * 64, blocks)).plan
    from_text = preview(HENGSHUI).plan
    assert [(t.name, t.baseline, [g.text for g in t.targets], t.lead) for t in plan.tasks] == [
        (t.name, t.baseline, [g.text for g in t.targets], t.lead) for t in from_text.tasks]
    assert plan.appendix_title == "养老服务体系建设重点工作年度目标任务"
    assert plan.tasks[0].origin == "表1第3行" and plan.doc_no == "衡政办字〔2020〕33号"
