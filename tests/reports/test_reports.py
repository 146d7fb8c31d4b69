"""What the reports say, checked against the status engine run on its own, and what they survive."""

from __future__ import annotations

import pytest

from planner.documents import ReportKind, ReportRequest, build_report
from planner.documents.wording import chinese_number, counts_phrase
from planner.domain.errors import InputError
from planner.domain.model import Section, Status
from planner.domain.period_status import evaluate_plan
from planner.domain.periods import parse_period
from planner.store.progress_queries import report_facts
from planner.store.queries import list_plans, load_plan
from planner.store.report_texts import report_texts

from .helpers import add_plan, compact, page_sizes, page_texts, task

PERIOD = "2021Q2"


def plan_id(store, key: str) -> int:
    return next(p.id for p in list_plans(store.conn) if p.key == key)


def engine(store, key: str, code: str):
    plan = load_plan(store.conn, plan_id(store, key))
    period = parse_period(code)
    return plan, evaluate_plan(plan, report_facts(store.conn, plan.id, period), period)


def report(store, tmp_path, kind: str, key: str, **options):
    request = ReportRequest(ReportKind(kind), plan_id(store, key), **options)
    result = build_report(store.conn, request, tmp_path / f"{kind}.pdf")
    return result, page_texts(result.path)


def test_the_summary_states_the_engines_counts(demo_store, tmp_path, qapp):
    plan, status = engine(demo_store, "hengshui", PERIOD)
    _result, texts = report(demo_store, tmp_path, "quarterly", "hengshui", period=PERIOD)
    counts = status.counts
    expected = f"截至2021年第二季度，{len(plan.tasks)}项重点工作中{counts_phrase(counts)}"
    assert counts[Status.BEHIND] and counts[Status.DONE]  # the demo quarter has tasks of both
    assert expected in compact("".join(texts))
    assert (f"已完成{counts[Status.DONE]}项、序时推进{counts[Status.ON_TRACK]}项、"
            f"滞后{counts[Status.BEHIND]}项") in expected


def test_each_lagging_task_is_listed_with_its_offices_problems(demo_store, tmp_path, qapp):
    plan, status = engine(demo_store, "hengshui", PERIOD)
    texts = report_texts(demo_store.conn, plan.id, parse_period(PERIOD))
    _result, pages = report(demo_store, tmp_path, "quarterly", "hengshui", period=PERIOD)
    body = compact("".join(pages))
    names = {t.id: t.name for t in plan.tasks}
    assert status.lagging
    for evaluation in status.lagging:
        assert names[evaluation.task_id] in body
        problems = [t.problems for (task_id, _office), t in texts.items()
                    if task_id == evaluation.task_id and t.problems]
        assert problems and all(compact(p).rstrip("。") in body for p in problems)


def test_the_full_table_is_attached_with_its_header_on_every_page(demo_store, tmp_path, qapp):
    plan, status = engine(demo_store, "hengshui", PERIOD)
    result, texts = report(demo_store, tmp_path, "quarterly", "hengshui", period=PERIOD)
    sizes = page_sizes(result.path)
    attachment = [compact(text) for text, (w, h) in zip(texts, sizes) if w > h]
    assert len(attachment) >= 2
    assert all("序号主要任务2021年目标牵头单位" in page for page in attachment)
    joined = "".join(attachment)
    assert all(compact(t.name) in joined for t in plan.tasks)


def test_only_the_lagging_tasks_when_asked(demo_store, tmp_path, qapp):
    plan, status = engine(demo_store, "hengshui", PERIOD)
    result, texts = report(demo_store, tmp_path, "quarterly", "hengshui", period=PERIOD,
                           statuses=frozenset({Status.BEHIND}))
    sizes = page_sizes(result.path)
    attachment = compact("".join(t for t, (w, h) in zip(texts, sizes) if w > h))
    lagging = {e.task_id for e in status.lagging}
    assert "（滞后）" in attachment
    for item in plan.tasks:
        assert (compact(item.name) in attachment) == (item.id in lagging), item.name


def test_the_target_table_keeps_sections_and_merged_task_cells(demo_store, tmp_path, qapp):
    plan = load_plan(demo_store.conn, plan_id(demo_store, "harbin"))
    result, texts = report(demo_store, tmp_path, "targets", "harbin")
    assert all(w > h for w, h in page_sizes(result.path))
    joined = compact("".join(texts))
    assert all(compact(section.title) in joined for section in plan.sections)
    shared = "提升公办养老机构服务功能"
    sharing = [t for t in plan.tasks if t.name == shared]
    assert len(sharing) >= 4
    # One merged cell per page the group is on, not one per task.
    assert joined.count(shared) < len(sharing)
    assert all(compact(t.content) in joined for t in sharing)
    assert "年度目标" in joined and all(f"{year}年" in joined for year in plan.years)


def test_an_office_report_holds_only_that_offices_tasks(demo_store, tmp_path, qapp):
    plan, _status = engine(demo_store, "hengshui", PERIOD)
    office = "市教育局"
    result, texts = report(demo_store, tmp_path, "office", "hengshui", period=PERIOD, office=office)
    joined = compact("".join(texts))
    assert compact(result.title).startswith(office)
    for item in plan.tasks:
        responsible = office in item.lead or office in item.co
        assert (compact(item.name) in joined) == responsible, item.name


def test_a_section_filter_keeps_that_section(demo_store, tmp_path, qapp):
    plan = load_plan(demo_store.conn, plan_id(demo_store, "harbin"))
    second = plan.sections[1]
    _result, texts = report(demo_store, tmp_path, "targets", "harbin", section=second.id)
    joined = compact("".join(texts))
    assert all((compact(t.content) in joined) == (t.section_id == second.id) for t in plan.tasks if t.content)


def test_reports_of_an_empty_plan(store, tmp_path, qapp):
    empty = add_plan(store, "空白计划", [])
    for kind in ("targets", "quarterly"):
        result = build_report(store.conn, ReportRequest(ReportKind(kind), empty, "2021Q1"), tmp_path / f"{kind}.pdf")
        texts = page_texts(result.path)
        assert result.pages == len(texts) >= 1
        assert "空白计划" in compact("".join(texts))
    with pytest.raises(InputError, match="没有负责的任务"):
        build_report(store.conn, ReportRequest(ReportKind.OFFICE, empty, "2021Q1", office="市民政局"),
                     tmp_path / "office.pdf")


LONG_ALPHABET = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"


def test_a_2000_character_content_is_printed_whole_across_pages(store, tmp_path, qapp):
    content = "".join(LONG_ALPHABET[i % len(LONG_ALPHABET)] for i in range(2000))
    sections = [Section(title="一、基础设施", key="s1")]
    tasks = [task("1", "短任务", section="s1", targets={"2021": "10个"}),
             task("2", "超长重点内容的任务", content=content, section="s1", targets={"2021": "5个", "2022": "8个"}),
             task("3", "后续任务", section="s1", targets={"2022": "3个"})]
    long_plan = add_plan(store, "长文本计划", tasks, sections)
    result = build_report(store.conn, ReportRequest(ReportKind.TARGETS, long_plan), tmp_path / "long.pdf")
    texts = page_texts(result.path)
    assert len(texts) >= 3  # the row cannot fit on one page, so it was split between lines
    printed = "".join(ch for ch in "".join(texts) if ch in LONG_ALPHABET)
    assert printed == content
    assert "后续任务" in compact(texts[-1])


def test_a_2000_character_narrative_runs_over_pages_in_an_office_report(store, tmp_path, qapp):
    from planner.domain.model import Report
    from planner.progress.entry import submit_report

    narrative = "".join(LONG_ALPHABET[i % len(LONG_ALPHABET)] for i in range(2000))
    plan_key = add_plan(store, "进展计划", [task("1", "任务一", targets={"2021": "10个"})])
    plan = load_plan(store.conn, plan_key)
    submit_report(store, plan, Report(task_id=plan.tasks[0].id, office="市民政局", period="2021Q1", value=3,
                                      narrative=narrative), "测试")
    result = build_report(store.conn, ReportRequest(ReportKind.OFFICE, plan_key, "2021Q1", office="市民政局"),
                          tmp_path / "office.pdf")
    texts = page_texts(result.path)
    portrait = [t for t in texts]
    body = "".join(ch for ch in "".join(portrait) if ch in LONG_ALPHABET)
    assert narrative in body  # the body paragraph, whole; the attached table repeats it


def test_heading_numbers_in_chinese():
    assert [chinese_number(n) for n in (1, 9, 10, 11, 20, 21, 99, 100, 105, 110, 123)] == [
        "一", "九", "十", "十一", "二十", "二十一", "九十九", "一百", "一百零五", "一百一十", "一百二十三"]
    assert [chinese_number(n) for n in (1000, 1010, 2000, 2345, 10005, 12345)] == [
        "一千", "一千零一十", "二千", "二千三百四十五", "一万零五", "一万二千三百四十五"]
