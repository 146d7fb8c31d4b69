"""What the reports say, read back from the PDFs: a 督查 office's wording on the demo plans and on 2,000 tasks.

No superlative without a difference worth naming, offices that tie named together,
every figure with its unit, no text of the status engine's explanations, nothing
written on an office's behalf, each item told apart by its 序号 and, where its
主要任务 repeats, by its 具体指标 or 重点内容.
"""

from __future__ import annotations

import re
from fractions import Fraction

import pytest

from planner.documents import ReportKind, ReportRequest, build_report
from planner.documents.wording import offices_sentence
from planner.domain.model import Status
from planner.domain.period_status import evaluate_plan
from planner.domain.periods import parse_period
from planner.domain.status import OfficeSummary
from planner.store import open_store
from planner.store.progress_queries import report_facts
from planner.store.queries import list_plans, load_plan
from tests.conftest import TEST_ACTOR

from .pdf_text import body, joined, pdf_pages, section
from .wording_plan import PERIOD as GENERATED_PERIOD
from .wording_plan import SILENT_OFFICE, add_wording_plan

ENGINE_PHRASES = ("各季度累加", "最新累计数", "最新比例", "按填报单位选择的状态", "目标不是单一数量", "无法计算完成率")
INVENTED = ("本期没有需要报告的问题", "按计划继续推进各项工作")
DEMO_PERIODS = {"hengshui": "2021Q2", "harbin": "2015Q4"}


def plan_id(store, key: str) -> int:
    return next(p.id for p in list_plans(store.conn) if p.key == key)


def engine(store, plan_number: int, code: str):
    plan = load_plan(store.conn, plan_number)
    period = parse_period(code)
    return plan, evaluate_plan(plan, report_facts(store.conn, plan.id, period), period)


def report_pages(store, tmp_path, kind: str, plan_number: int, **options) -> list[str]:
    out = tmp_path / f"{kind}-{plan_number}-{options.get('office', '')}-{options.get('period', '')}.pdf"
    return pdf_pages(build_report(store.conn, ReportRequest(ReportKind(kind), plan_number, **options), out).path)


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """The generated plan's store, its plan, its status for the period, and its quarterly report's pages."""
    folder = tmp_path_factory.mktemp("generated")
    with open_store(folder / "generated.sqlite3", TEST_ACTOR) as store:
        number = add_wording_plan(store)
        plan, status = engine(store, number, GENERATED_PERIOD)
        pages = report_pages(store, folder, "quarterly", number, period=GENERATED_PERIOD)
        yield store, plan, status, pages


def summary(name: str, done: int, on_track: int, behind: int, missing: int) -> OfficeSummary:
    office = OfficeSummary(name, done + on_track + behind + missing)
    office.counts.update({Status.DONE: done, Status.ON_TRACK: on_track, Status.BEHIND: behind,
                          Status.NOT_REPORTED: missing})
    return office


def rate(office: OfficeSummary) -> Fraction:
    return Fraction(office.counts[Status.DONE] + office.counts[Status.ON_TRACK], office.assigned)


# The rules, on offices made up for the purpose

def test_no_office_is_the_best_at_zero_or_when_it_is_the_only_one():
    nobody = [summary("市发改委", 0, 0, 0, 3), summary("市民政局", 0, 0, 0, 5)]
    assert "最高" not in offices_sentence(nobody) and "最多" not in offices_sentence(nobody)
    alone = [summary("市民政局", 2, 1, 1, 0)]
    assert "最高" not in offices_sentence(alone) and "最多" not in offices_sentence(alone)


def test_the_count_of_offices_never_reads_zero_offices():
    nobody = [summary("市发改委", 0, 0, 0, 3), summary("市民政局", 0, 1, 0, 5)]
    assert offices_sentence(nobody).startswith("2个责任单位本期均有任务未填报。")
    everyone = [summary("市发改委", 1, 0, 0, 0), summary("市民政局", 0, 1, 1, 0)]
    assert offices_sentence(everyone).startswith("2个责任单位本期均已全部填报。")
    some = nobody[:1] + everyone[:1]
    assert offices_sentence(some).startswith("2个责任单位中，1个单位本期已全部填报，1个单位尚有任务未填报。")
    assert not any("0个单位" in offices_sentence(offices) for offices in (nobody, everyone, some))


def test_a_lead_of_less_than_ten_points_is_no_superlative():
    close = [summary("甲局", 2, 1, 2, 0), summary("乙局", 1, 3, 2, 1), summary("丙局", 0, 0, 1, 3)]
    assert rate(close[0]) - rate(close[1]) < Fraction(1, 10)
    assert "推进率最高" not in offices_sentence(close)


def test_offices_that_tie_are_named_together():
    offices = [summary("甲局", 3, 0, 1, 0), summary("乙局", 1, 2, 1, 0), summary("丙局", 0, 1, 0, 3),
               summary("丁局", 0, 0, 0, 4)]
    sentence = offices_sentence(offices)
    assert "推进率最高的是甲局、乙局（均为75%）" in sentence
    assert "滞后任务最多的是甲局、乙局（各1项）" in sentence


def test_no_superlative_when_most_offices_share_it():
    offices = [summary(name, 0, 1, 1, 0) for name in ("甲局", "乙局", "丙局")] + [summary("丁局", 0, 2, 0, 0)]
    assert "滞后任务最多" not in offices_sentence(offices)


# The demo plans' reports

@pytest.mark.parametrize("key", sorted(DEMO_PERIODS))
def test_the_superlatives_follow_the_engines_figures(demo_store, tmp_path, qapp, key):
    number = plan_id(demo_store, key)
    _plan, status = engine(demo_store, number, DEMO_PERIODS[key])
    text = body(report_pages(demo_store, tmp_path, "quarterly", number, period=DEMO_PERIODS[key]))
    offices = [o for o in status.offices if o.assigned]
    top = max(rate(o) for o in offices)
    leaders = [o.office for o in offices if rate(o) == top]
    runner_up = max(rate(o) for o in offices if rate(o) != top)
    if top - runner_up >= Fraction(1, 10):
        assert f"推进率最高的是{'、'.join(leaders)}（" in text
    else:
        assert "推进率最高" not in text  # Harbin: 16% against 13%, no office stands out
    most = max(o.counts[Status.BEHIND] for o in offices)
    behind = [o.office for o in offices if o.counts[Status.BEHIND] == most]
    assert most and len(behind) > 1  # both demo quarters have a tie for the most lagging tasks
    assert f"滞后任务最多的是{'、'.join(behind)}（各{most}项）" in text


def test_a_quarter_without_returns_names_no_best_office(demo_store, tmp_path, qapp):
    text = body(report_pages(demo_store, tmp_path, "quarterly", plan_id(demo_store, "hengshui"), period="2022Q1"))
    assert "最高" not in text and "最多" not in text
    assert "推进率为0%" in text


def test_a_year_report_counts_to_the_end_of_the_year_and_names_no_status_of_no_task(demo_store, tmp_path, qapp):
    number = plan_id(demo_store, "hengshui")
    plan, status = engine(demo_store, number, "2020")
    text = body(report_pages(demo_store, tmp_path, "quarterly", number, period="2020"))
    assert f"截至2020年底，{len(plan.tasks)}项重点工作中" in text
    missing = [s for s in Status if not status.counts[s]]
    assert missing, status.counts  # the demo year leaves some status without a task: the case this is about
    named = re.search(r"重点工作中(.+?)。", text)
    assert named is not None and "0项" not in named.group(1) and all(s.value not in named.group(1) for s in missing)
    assert all(f"{s.value}{status.counts[s]}项" in named.group(1) for s in Status if status.counts[s])


@pytest.mark.parametrize("key", sorted(DEMO_PERIODS))
def test_figures_come_with_their_units_and_without_the_engines_words(demo_store, tmp_path, qapp, key):
    number = plan_id(demo_store, key)
    plan, status = engine(demo_store, number, DEMO_PERIODS[key])
    pages = report_pages(demo_store, tmp_path, "quarterly", number, period=DEMO_PERIODS[key])
    text = joined(pages)
    assert not [phrase for phrase in ENGINE_PHRASES if phrase in text]
    assert not [line for page in pages for line in page.splitlines() if re.search(r"完成 \d|目标 \d", line)]
    tasks = {task.id: task for task in plan.tasks}
    for evaluation in status.lagging:
        target = evaluation.target
        assert target is not None and target.value is not None
        goal = re.search(rf"年度目标{target.value:g}(\D+?)，", body(pages))
        unit = target.unit or goal.group(1)
        assert unit and not unit[0].isdigit() and unit in tasks[evaluation.task_id].indicator + (target.unit or "")
        assert f"{evaluation.progress:g}{unit}，完成率" in text
    chosen = [e for e in status.tasks if e.chosen]
    for evaluation in chosen:
        assert f"填报单位自评为“{evaluation.status.value}”" in text


def test_a_bare_figure_takes_the_unit_its_indicator_states(demo_store, tmp_path, qapp):
    number = plan_id(demo_store, "hengshui")
    plan, status = engine(demo_store, number, "2021Q2")
    text = body(report_pages(demo_store, tmp_path, "quarterly", number, period="2021Q2"))
    tasks = {task.id: task for task in plan.tasks}
    assert status.lagging
    for evaluation in status.lagging:
        assert not evaluation.target.unit  # the year's cell holds a bare figure: "20"
        goal, reached = f"{evaluation.target.value:g}", f"{evaluation.progress:g}"
        said = re.search(rf"年度目标{goal}(\w)，截至本期累计完成{reached}(\w)，", text)
        assert said and said.group(1) == said.group(2)
        assert re.search(rf"\d{said.group(1)}", tasks[evaluation.task_id].indicator)  # 培养培训7000名… → 名


def test_an_office_that_reported_nothing_is_not_given_problems_or_plans(demo_store, tmp_path, qapp):
    number = plan_id(demo_store, "harbin")
    text = joined(report_pages(demo_store, tmp_path, "office", number, period="2015Q4", office="市委宣传部"))
    assert not [phrase for phrase in INVENTED if phrase in text]
    assert "本期未填报" in section(text, "三、存在问题", "四、下步打算")
    assert "本期未填报" in section(text, "四、下步打算", "附件：")


def test_items_sharing_a_main_task_are_told_apart(demo_store, tmp_path, qapp):
    number = plan_id(demo_store, "harbin")
    plan = load_plan(demo_store.conn, number)
    text = joined(report_pages(demo_store, tmp_path, "office", number, period="2015Q4", office="市委宣传部"))
    items = section(text, "二、重点工作推进情况", "三、存在问题")
    headings = re.findall(r"（[一二三四五六七八九十]+）(.*?)（序号(\d+)）。", items)
    shared = [task for task in plan.tasks if task.name == "创新和发展养老文化" and "市委宣传部" in task.lead + task.co]
    assert len(shared) >= 4 and len(headings) >= len(shared)
    assert len({heading for heading, _seq in headings}) == len(headings)  # no two items headed alike
    by_seq = dict((seq, heading) for heading, seq in headings)
    for task in shared:
        detail = task.indicator.split("。")[0]
        assert by_seq[task.seq].startswith(f"{task.name}——") and detail[:10] in by_seq[task.seq]


# A generated plan of 2,000 tasks

def test_two_thousand_tasks_the_lagging_table_has_the_next_steps_column(generated):
    _store, plan, status, pages = generated
    text = joined(pages)
    table = section(text, "表2", "四、填报情况")
    assert table.startswith("表2滞后任务及存在问题序号主要任务牵头单位完成情况存在问题下步打算")
    numbers = [int(task.seq) for task in plan.tasks if task.id in {e.task_id for e in status.lagging}]
    assert len(numbers) > 10
    written = [n for n in numbers if n % 5]
    assert all(f"第{n}项：下季度加快推进。" in table for n in written)
    # A lagging task whose offices wrote no 存在问题 and no 下步打算 says so, twice, rather than stay silent.
    assert table.count("未填报") == 2 * (len(numbers) - len(written))


def test_two_thousand_tasks_wording_units_and_names(generated):
    _store, plan, status, pages = generated
    text = joined(pages)
    assert not [phrase for phrase in ENGINE_PHRASES if phrase in text]
    bare = [e for e in status.lagging if e.target is not None and e.target.text == "2000"]
    assert bare and all(f"年度目标2000个，截至本期累计完成{e.progress:g}个" in text for e in bare)
    # Ten 主要任务 over 2,000 items: each lagging row carries what tells it apart.
    assert all(f"{task.name}（{task.content.split('。')[0]}）" in text for task in plan.tasks[:20]
               if task.id in {e.task_id for e in status.lagging})


def test_two_thousand_tasks_a_silent_office_gets_no_invented_text(generated, tmp_path):
    store, plan, _status, _pages = generated
    text = joined(report_pages(store, tmp_path, "office", plan.id, period=GENERATED_PERIOD, office=SILENT_OFFICE))
    assert not [phrase for phrase in INVENTED if phrase in text]
    assert section(text, "三、存在问题", "四、下步打算") == "三、存在问题本期未填报。"
    assert section(text, "四、下步打算", "附件：") == "四、下步打算本期未填报。"
