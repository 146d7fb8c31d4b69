"""Building and changing a plan through planner's editing services, and the change control after issue."""

from __future__ import annotations

import pytest

from planner.domain.errors import InputError, NotFoundError, StaleWriteError
from planner.domain.model import PlanState, Report, Status
from planner.domain.period_status import evaluate_tasks
from planner.domain.periods import parse_period
from planner.plans.adjustments import Change, task_history
from planner.plans.structure import (
    add_section,
    add_task,
    create_plan,
    delete_task,
    move_task,
    restore_order,
    restore_task,
    set_state,
    update_plan,
)
from planner.plans.task_edit import (
    edit_task_text,
    restore_offices,
    restore_targets,
    restore_task_text,
    set_offices,
    set_target,
)
from planner.progress.entry import submit_report
from planner.store.progress_queries import report_facts
from planner.store.queries import load_plan, load_task, task_plan


def _table_contents(store, tables=("plans", "sections", "tasks", "targets", "task_offices", "reports",
                                   "adjustments", "earlier_targets")):
    return {t: store.conn.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in tables}


@pytest.fixture
def plan_id(store):
    plan_id = create_plan(store, "养老服务体系建设三年行动方案", 2024, 2026, doc_no="某政办字〔2024〕1号",
                          issuer="某市人民政府")
    first = add_section(store, plan_id, "一、养老服务设施建设")
    second = add_section(store, plan_id, "二、养老人才队伍建设")
    previous = None
    for name in ("社区养老服务站", "农村互助幸福院", "护理型床位"):
        previous, _ = add_task(store, plan_id, first, previous, name)
    previous = None
    for name in ("养老护理员培训", "老年社会工作者"):
        previous, _ = add_task(store, plan_id, second, previous, name)
    return plan_id


def _names_and_numbers(store, plan_id):
    return [(t.seq, t.name) for t in load_plan(store.conn, plan_id).tasks]


def test_edit_builds_a_plan_with_sections_and_numbers_its_tasks(store, plan_id):
    assert _names_and_numbers(store, plan_id) == [
        ("1", "社区养老服务站"), ("2", "农村互助幸福院"), ("3", "护理型床位"), ("4", "养老护理员培训"),
        ("5", "老年社会工作者")]
    plan = load_plan(store.conn, plan_id)
    assert plan.state is PlanState.DRAFT and plan.doc_no == "某政办字〔2024〕1号"
    assert [s.title for s in plan.sections] == ["一、养老服务设施建设", "二、养老人才队伍建设"]


def test_edit_moving_a_task_renumbers_and_undo_puts_the_numbers_back(store, plan_id):
    tasks = load_plan(store.conn, plan_id).tasks
    second_section = tasks[3].section_id
    before = move_task(store, tasks[2].id, second_section, None)  # 护理型床位 to the end of section 二
    assert _names_and_numbers(store, plan_id) == [
        ("1", "社区养老服务站"), ("2", "农村互助幸福院"), ("3", "养老护理员培训"), ("4", "老年社会工作者"),
        ("5", "护理型床位")]
    restore_order(store, before)
    assert _names_and_numbers(store, plan_id)[2] == ("3", "护理型床位")


def test_edit_nested_sections_number_tasks_one_dot_one(store, plan_id):
    plan = load_plan(store.conn, plan_id)
    sub = add_section(store, plan_id, "（一）医养结合", parent_id=plan.sections[0].id)
    add_task(store, plan_id, sub, None, "医养结合机构")
    numbers = dict((name, seq) for seq, name in _names_and_numbers(store, plan_id))
    assert numbers["社区养老服务站"] == "1.1" and numbers["医养结合机构"] == "1.4"
    assert numbers["养老护理员培训"] == "2.1"


def test_edit_target_text_is_understood_and_kept_when_unreadable(store, plan_id):
    task = load_plan(store.conn, plan_id).tasks[0]
    result = set_target(store, task.id, "2024", "全市300个")
    target = result.task.plan_target("2024")
    assert (target.value, target.unit, target.kind) == (300, "个", "cumulative")  # 全市: a level for the city
    result = set_target(store, task.id, "2025", "基本建成覆盖城乡的服务网络")
    kept = result.task.plan_target("2025")
    assert kept.text == "基本建成覆盖城乡的服务网络" and kept.value is None
    breakdown = set_target(store, task.id, "2026", "新增100个，其中：桃城区60个、冀州区40个").task
    shares = {t.office: t.value for t in breakdown.targets if t.period == "2026" and t.office}
    assert shares == {"桃城区": 60, "冀州区": 40}


def test_edit_target_outside_the_plan_years_is_refused(store, plan_id):
    task = load_plan(store.conn, plan_id).tasks[0]
    before = _table_contents(store)
    with pytest.raises(InputError, match="2030年"):
        set_target(store, task.id, "2030", "100个")
    assert _table_contents(store) == before


def test_edit_undo_of_texts_targets_and_offices_restores_the_database(store, plan_id):
    task = load_plan(store.conn, plan_id).tasks[0]
    before = _table_contents(store)
    text = edit_task_text(store, task.id, "indicator", "新建社区养老服务站")
    restore_task_text(store, task.id, "indicator", "", text.adjustment_id)
    target = set_target(store, task.id, "2024", "全市300个")
    restore_targets(store, task.id, [], target.adjustment_id)
    offices = set_offices(store, task.id, ["市民政局"], ["市财政局", "市民政局"])
    assert (offices.task.lead, offices.task.co) == (["市民政局"], ["市财政局"])
    restore_offices(store, task.id, [], [], offices.adjustment_id)
    after = _table_contents(store)
    assert after["tasks"] == before["tasks"] and after["targets"] == before["targets"]
    assert after["task_offices"] == before["task_offices"]


def test_edit_issued_plan_needs_a_reason_and_keeps_the_history(store, plan_id):
    task = load_plan(store.conn, plan_id).tasks[0]
    set_target(store, task.id, "2024", "全市300个")
    set_state(store, plan_id, PlanState.ISSUED)
    before = _table_contents(store)
    with pytest.raises(InputError, match="调整原因"):
        set_target(store, task.id, "2024", "全市250个")
    assert _table_contents(store) == before
    result = set_target(store, task.id, "2024", "全市250个", change=Change("用地指标调减", "2024Q3"))
    assert result.task.plan_target("2024").value == 250
    history = task_history(store.conn, task.id)
    assert [(h.field, h.old, h.new, h.reason, h.effective_from) for h in history] == [
        ("target", "全市300个", "全市250个", "用地指标调减", "2024Q3")]
    # 备注 and 现状 are not core content: no reason asked, nothing in the history
    edit_task_text(store, task.id, "note", "按季度调度")
    assert len(task_history(store.conn, task.id)) == 1


def test_edit_reports_are_measured_against_the_target_in_force_for_their_period(store, plan_id):
    plan = load_plan(store.conn, plan_id)
    task = plan.tasks[0]
    set_target(store, task.id, "2024", "新增400个")
    set_offices(store, task.id, ["市民政局"], [])
    set_state(store, plan_id, PlanState.ISSUED)
    submit_report(store, load_plan(store.conn, plan_id), Report(task.id, "市民政局", "2024Q2", value=100))
    set_target(store, task.id, "2024", "新增200个", change=Change("资金调整", "2024Q3"))
    submit_report(store, load_plan(store.conn, plan_id), Report(task.id, "市民政局", "2024Q3", value=60))
    plan = load_plan(store.conn, plan_id)

    def status_of(period):
        found = evaluate_tasks(plan, report_facts(store.conn, plan_id, parse_period(period)), parse_period(period))
        return next(e for e in found if e.task_id == task.id)

    q2 = status_of("2024Q2")  # 100 of the 400 then in force: 25% where half was due
    assert q2.target.value == 400 and q2.status is Status.BEHIND
    q3 = status_of("2024Q3")  # 160 of the adjusted 200 by Q3 (75% expected)
    assert q3.target.value == 200 and q3.status is Status.ON_TRACK


def test_edit_deleting_a_task_with_reports_and_undo_bring_everything_back(store, plan_id):
    plan = load_plan(store.conn, plan_id)
    task = plan.tasks[1]
    set_offices(store, task.id, ["市民政局"], [])
    submit_report(store, load_plan(store.conn, plan_id), Report(task.id, "市民政局", "2024Q1", value=3))
    before = _table_contents(store)
    deleted = delete_task(store, task.id, "重复任务")
    assert deleted.report_count == 1
    assert [name for _, name in _names_and_numbers(store, plan_id)] == [
        "社区养老服务站", "护理型床位", "养老护理员培训", "老年社会工作者"]
    restore_task(store, deleted)
    assert _table_contents(store) == before
    assert load_task(store.conn, task.id).lead == ["市民政局"]


def test_edit_plan_years_cannot_drop_a_year_that_has_targets(store, plan_id):
    task = load_plan(store.conn, plan_id).tasks[0]
    set_target(store, task.id, "2026", "全市300个")
    with pytest.raises(InputError, match="之外"):
        update_plan(store, plan_id, {"last_year": 2025})
    assert update_plan(store, plan_id, {"title": "新标题"}) == {"title": "养老服务体系建设三年行动方案"}


def test_edit_every_change_leaves_an_audit_row(store, plan_id):
    task = load_plan(store.conn, plan_id).tasks[0]
    count = store.conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    edit_task_text(store, task.id, "content", "新建和改造")
    rows = store.conn.execute("SELECT table_name, action, new FROM audit ORDER BY id DESC LIMIT 1").fetchall()
    assert store.conn.execute("SELECT count(*) FROM audit").fetchone()[0] == count + 1
    assert rows[0]["table_name"] == "tasks" and "新建和改造" in rows[0]["new"]


def test_edit_an_unchanged_edit_reports_no_change_and_writes_nothing(store, plan_id):
    task = load_plan(store.conn, plan_id).tasks[0]
    assert edit_task_text(store, task.id, "content", "新建和改造").changed
    assert set_target(store, task.id, "2024", "全市300个").changed
    assert set_offices(store, task.id, ["市民政局"], ["市财政局"]).changed
    count = store.conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    unchanged = [edit_task_text(store, task.id, "content", " 新建和改造 "),
                 set_target(store, task.id, "2024", "全市300个"),
                 set_offices(store, task.id, ["市民政局"], ["市财政局", "市民政局"])]
    assert [result.changed for result in unchanged] == [False, False, False]
    assert [result.adjustment_id for result in unchanged] == [None, None, None]
    assert store.conn.execute("SELECT count(*) FROM audit").fetchone()[0] == count


def test_edit_a_deleted_task_has_no_plan_to_edit_in(store, plan_id):
    task = load_plan(store.conn, plan_id).tasks[0]
    plan = task_plan(store.conn, task.id)
    assert (plan.id, plan.state, plan.first_year, plan.last_year) == (plan_id, PlanState.DRAFT, 2024, 2026)
    delete_task(store, task.id)
    with pytest.raises(NotFoundError, match="可能已被删除"):
        task_plan(store.conn, task.id)
    with pytest.raises(NotFoundError, match="可能已被删除"):
        edit_task_text(store, task.id, "name", "新名称")


def test_edit_moving_up_and_down_crosses_section_boundaries(store, plan_id):
    from planner.plans.structure import neighbour_place, outline_sections

    plan = load_plan(store.conn, plan_id)
    tasks = [(t.id, t.section_id) for t in plan.tasks]
    outline = outline_sections(store.conn, plan_id)
    first, second = outline
    ids = [t for t, _ in tasks]
    assert neighbour_place(tasks, outline, ids[1], -1) == (first, ids[0])
    assert neighbour_place(tasks, outline, ids[0], -1) is None
    assert neighbour_place(tasks, outline, ids[1], +1) == (first, None)  # below the last of its section
    assert neighbour_place(tasks, outline, ids[2], +1) == (second, ids[3])  # into the next section, first
    assert neighbour_place(tasks, outline, ids[3], -1) == (first, None)  # into the previous section, last
    assert neighbour_place(tasks, outline, ids[4], +1) is None


def test_edit_a_share_typed_alone_is_read_as_its_plan_wide_target_is(store, plan_id):
    task = load_plan(store.conn, plan_id).tasks[0]
    set_target(store, task.id, "2024", "全市养老床位达到100张，其中：桃城区60张、冀州区40张")
    typed = set_target(store, task.id, "2024", "45张", office="枣强县").task
    kinds = {t.office: t.kind for t in typed.targets if t.period == "2024"}
    assert kinds == {None: "cumulative", "桃城区": "cumulative", "冀州区": "cumulative", "枣强县": "cumulative"}


def test_edit_adjusting_one_office_share_keeps_that_office_earlier_target(store, plan_id):
    task = load_plan(store.conn, plan_id).tasks[0]
    set_target(store, task.id, "2024", "新增100个，其中：桃城区60个、冀州区40个")
    set_state(store, plan_id, PlanState.ISSUED)
    result = set_target(store, task.id, "2024", "50个", office="冀州区", change=Change("冀州区调增", "2024Q3"))
    history = task_history(store.conn, task.id)
    assert [(h.field, h.office, h.old, h.new) for h in history] == [("target", "冀州区", "40个", "50个")]
    earlier = [(t.office, t.text, t.until) for t in result.task.earlier_targets]
    assert earlier == [("冀州区", "40个", "2024Q2")]


def test_sections_come_in_outline_order_with_their_top_level_ordinal():
    from planner.plans.structure import outline_order

    sections = [(1, None, 1), (2, None, 0), (3, 1, 1), (4, 1, 0), (5, 99, 2), (6, 4, 0)]
    # 5's parent is not in the plan: it counts as a top-level section.
    assert outline_order(sections) == [(2, 1), (1, 2), (4, 2), (6, 2), (3, 2), (5, 3)]
    chain = [(n, n - 1 if n > 1 else None, 0) for n in range(1, 41)]  # forty levels, each inside the last
    assert outline_order(chain) == [(n, 1) for n in range(1, 41)]


@pytest.mark.both_backends
def test_edit_a_text_changed_by_someone_else_since_it_was_shown_is_refused_naming_them(store, plan_id):
    task = load_plan(store.conn, plan_id).tasks[0]
    edit_task_text(store, task.id, "content", "新建10个站点", seen=task.content)  # someone else's window
    before = _table_contents(store)
    with pytest.raises(StaleWriteError) as refused:
        edit_task_text(store, task.id, "content", "新建12个站点", seen=task.content)  # this window, behind
    assert f"“{store.actor.person}”" in str(refused.value) and "新建10个站点" in str(refused.value)
    assert _table_contents(store) == before
    assert edit_task_text(store, task.id, "content", "新建12个站点", seen="新建10个站点").changed
