"""Every office's figures from the reports gathered by task and office in SQLite (the dashboard's path)
must equal those of the full evaluation, rule by rule: revisions, returned reports, whole-year
reports, figures missing, chosen statuses, every kind of target, shares and adjusted targets."""

from __future__ import annotations

import random

import pytest

from planner.domain.model import Plan, Status, Task
from planner.domain.office_figures import office_figures
from planner.domain.period_status import evaluate_plan
from planner.domain.periods import parse_period
from planner.domain.target_building import make_target, targets_from_text
from planner.store import Store
from planner.store.audit import now_text
from planner.store.plans import insert_plan
from planner.store.progress_queries import report_facts, year_reports
from planner.store.queries import list_plans, load_plan

pytestmark = pytest.mark.both_backends  # the store on an SQLite file and on a PostgreSQL server

YEARS = (2021, 2022)
LEAD, CO, DISTRICTS, BYSTANDER = "市民政局", "市财政局", ("道里区", "南岗区"), "市体育局"
PERIODS = [f"{year}Q{quarter}" for year in YEARS for quarter in range(1, 5)] + [str(year) for year in YEARS]


def planned_task(name: str, targets: dict[str, str], kind: str | None = None, baseline: str = "",
                 lead=(LEAD,), co=(CO,)) -> Task:
    made = Task(name=name, baseline=baseline, lead=list(lead), co=list(co), kind=kind)
    for period, text in targets.items():
        made.targets.extend(targets_from_text(period, text, kind))
    return made


def every_rule() -> Plan:
    plan = Plan(title="规则全覆盖", first_year=YEARS[0], last_year=YEARS[-1])
    plan.tasks = [
        planned_task("增量", {"2021": "新增20个", "2022": "新增30个"}),
        planned_task("累计，起点为现状", {"2021": "全市达到300个", "2022": "全市达到400个"}, "cumulative", "200个"),
        planned_task("累计，分解到区", {"2021": "全市养老床位总数达到1000张。其中:道里区400张;南岗区600张",
                                  "2022": "全市养老床位总数达到1200张。其中:道里区500张;南岗区700张"}, "cumulative"),
        planned_task("增量，分解到区", {"2021": "新增100张。其中:道里区40张;南岗区60张"}),
        planned_task("累计，目标下调", {"2021": "全市达到300个", "2022": "全市达到250个"}, "cumulative"),
        planned_task("累计，目标不变", {"2021": "全市达到300个", "2022": "全市达到300个"}, "cumulative"),
        planned_task("累计，差距不到1", {"2021": "全市达到300个", "2022": "全市达到300.5个"}, "cumulative"),
        planned_task("比例", {"2021": "护理型床位占养老床位总数的20%以上",
                               "2022": "护理型床位占养老床位总数的30%以上"}),
        planned_task("上限", {"2021": "控制在5%以内", "2022": "控制在5%以内"}),
        planned_task("零目标", {"2021": "0个", "2022": "0个"}),
        planned_task("节点", {"2021": "择机实行", "2022": "全面推开"}),
        planned_task("多个数字", {"2021": "城区42个、农村82,其中升级为中心站10个"}),
        planned_task("只有一年目标", {"2021": "20个"}),
        planned_task("没有牵头单位", {"2021": "新增20个", "2022": "新增20个"}, lead=(), co=(CO, "道里区")),
        planned_task("调整过的目标", {"2021": "新增40个", "2022": "新增40个"}),
        planned_task("调整过的单位目标", {"2021": "新增100张。其中:道里区40张;南岗区60张"}),
    ]
    return plan


def adjusted(plan: Plan) -> None:
    """Targets replaced by adjustments: the earlier ones stay in force up to their `until`."""
    by_name = {task.name: task for task in plan.tasks}
    earlier = make_target("2021", "新增10个")
    earlier.until = "2021Q2"
    withdrawn = make_target("2022", "")  # the cell had no target before the adjustment
    withdrawn.until = "2022Q1"
    by_name["调整过的目标"].earlier_targets = [earlier, withdrawn]
    share = make_target("2021", "80张", office="道里区")
    share.until = "2021Q3"
    by_name["调整过的单位目标"].earlier_targets = [share]


def random_reports(store: Store, plan: Plan, rng: random.Random) -> None:
    """Reports with resubmissions, returns (latest or earlier), whole-year reports, missing figures and statuses."""
    office_ids = dict(store.conn.execute("SELECT name, id FROM offices").fetchall())
    rows, next_id, at = [], 1, now_text()
    for task in plan.tasks:
        for office in (LEAD, CO, *DISTRICTS, BYSTANDER):
            for period in PERIODS:
                if rng.random() < 0.25:
                    continue
                for revision in range(1, rng.choice((1, 1, 2, 3)) + 1):
                    value = rng.choice((None, 0.0, 0.1, 0.2, 0.7, 5, 12.5, 30, 250, 300.2, 320, 480, 1e-17))
                    status = rng.choice((None, None, *(s.value for s in Status if s is not Status.NOT_REPORTED)))
                    review = rng.choice(("submitted", "submitted", "accepted", "returned"))
                    rows.append((next_id, task.id, office_ids[office], period, revision, value, status, at, review))
                    next_id += 1
    with store.transaction() as writer:
        writer.insert_many("reports", ("id", "task_id", "office_id", "period", "revision", "value", "status",
                                       "reported_at", "review"), rows, "测试")


@pytest.fixture
def every_rule_store(store: Store) -> tuple[Store, Plan]:
    plan = every_rule()
    with store.transaction() as writer:
        insert_plan(writer, plan, "测试")
        writer.insert("offices", {"name": BYSTANDER})  # it reports on tasks it does not answer for
    plan = load_plan(store.conn, plan.id)
    adjusted(plan)
    return store, plan


def assert_same_figures(store: Store, plan: Plan, code: str, lead_only: bool) -> None:
    period = parse_period(code)
    full = evaluate_plan(plan, report_facts(store.conn, plan.id, period), period, lead_only)
    quick = office_figures(plan, year_reports(store.conn, plan.id, period), lead_only)
    assert quick.offices == full.offices, (code, lead_only)
    assert quick.not_reported() == full.not_reported(), (code, lead_only)
    assert (quick.period, quick.lead_only) == (period, lead_only)


@pytest.mark.parametrize("seed", range(6))
def test_office_figures_equal_the_full_evaluation_for_every_rule(every_rule_store, seed):
    store, plan = every_rule_store
    random_reports(store, plan, random.Random(seed))
    for code in PERIODS:
        for lead_only in (False, True):
            assert_same_figures(store, plan, code, lead_only)


def test_office_figures_equal_the_full_evaluation_on_the_demo_plans(demo_store):
    for summary in list_plans(demo_store.conn):
        plan = load_plan(demo_store.conn, summary.id)
        for year in plan.years:
            for code in (f"{year}Q1", f"{year}Q2", f"{year}Q3", f"{year}Q4", str(year)):
                for lead_only in (False, True):
                    assert_same_figures(demo_store, plan, code, lead_only)


def test_the_gathered_reports_are_the_counted_current_ones(every_rule_store):
    store, plan = every_rule_store
    random_reports(store, plan, random.Random(7))
    for code in ("2021Q3", "2022"):
        period = parse_period(code)
        gathered = year_reports(store.conn, plan.id, period)
        current = {}
        for fact in report_facts(store.conn, plan.id, period):
            if fact.review != "returned":
                current.setdefault((fact.task_id, fact.office), []).append(fact._replace(review="submitted"))
        assert set(gathered.rows) == set(current)
        order = {p.code: i for i, p in enumerate(gathered.periods)}
        for (task_id, office), facts in current.items():
            assert gathered.facts(task_id, office) == sorted(facts, key=lambda f: order[f.period])
    assert any(row[1] for row in gathered.rows.values())  # some chosen statuses came through


def test_a_report_whose_latest_revision_was_returned_does_not_count(every_rule_store):
    store, plan = every_rule_store
    task = plan.tasks[0]
    office_ids = dict(store.conn.execute("SELECT name, id FROM offices").fetchall())
    with store.transaction() as writer:
        writer.insert_many("reports", ("id", "task_id", "office_id", "period", "revision", "value", "reported_at",
                                       "review"),
                           [(1, task.id, office_ids[LEAD], "2021Q1", 1, 5, now_text(), "submitted"),
                            (2, task.id, office_ids[LEAD], "2021Q1", 2, 6, now_text(), "returned"),
                            (3, task.id, office_ids[CO], "2021Q1", 1, 6, now_text(), "returned"),
                            (4, task.id, office_ids[CO], "2021Q1", 2, 5, now_text(), "submitted")], "测试")
    missing = dict(office_figures(plan, year_reports(store.conn, plan.id, parse_period("2021Q1"))).not_reported())
    assert task.id in missing[LEAD]  # its resubmission was returned
    assert task.id not in missing[CO]  # returned, then resubmitted
    assert_same_figures(store, plan, "2021Q1", False)


def test_text_in_the_period_column_that_is_no_period_code_is_left_out(every_rule_store):
    store, plan = every_rule_store
    task = plan.tasks[0]
    office_ids = dict(store.conn.execute("SELECT name, id FROM offices").fetchall())
    with store.transaction() as writer:
        writer.insert_many("reports", ("id", "task_id", "office_id", "period", "revision", "value", "reported_at"),
                           [(1, task.id, office_ids[LEAD], "2021Q1x", 1, 5, now_text()),
                            (2, task.id, office_ids[CO], "2021Q1", 1, 5, now_text()),
                            (3, task.id, office_ids[CO], "2021Q1 ", 1, 500, now_text())], "测试")
    gathered = year_reports(store.conn, plan.id, parse_period("2021Q2"))
    assert (task.id, LEAD) not in gathered.rows
    assert [(f.period, f.value) for f in gathered.facts(task.id, CO)] == [("2021Q1", 5)]
    assert_same_figures(store, plan, "2021Q2", False)


@pytest.mark.file_only("SQLite's query plan and trace callback")
def test_the_year_is_read_from_its_index_without_visiting_the_table(every_rule_store):
    store, plan = every_rule_store
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        year_reports(store.conn, plan.id, parse_period("2021Q3"))
    finally:
        store.conn.set_trace_callback(None)
    reading = [statement for statement in statements if "FROM reports r" in statement]
    assert len(reading) == 2  # the first revisions, summed, and the later ones
    for statement in reading:
        steps = [row[-1] for row in store.conn.execute("EXPLAIN QUERY PLAN " + statement)]
        assert any("COVERING INDEX reports_by_year" in step for step in steps), steps
        assert not any(step.startswith("SCAN r") for step in steps), steps
