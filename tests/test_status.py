"""Status of a task in a period (DESIGN.md): one case per rule, as a coordinator would check it by hand."""

from __future__ import annotations

import pytest

from planner.domain.errors import InputError
from planner.domain.model import Plan, Status, Task
from planner.domain.period_status import evaluate_plan, responsible_offices
from planner.domain.periods import parse_period
from planner.domain.status import ReportFact, evaluate
from planner.domain.target_building import make_target, targets_from_text

pytestmark = pytest.mark.both_backends  # the store on an SQLite file and on a PostgreSQL server

OFFICE = "市民政局"


def task(targets: dict[str, str], kind: str | None = None, baseline: str = "", lead=(OFFICE,), co=()) -> Task:
    made = Task(name="测试任务", id=1, baseline=baseline, lead=list(lead), co=list(co), kind=kind)
    for period, text in targets.items():
        made.targets.extend(targets_from_text(period, text, kind))
    return made


def fact(period: str, value=None, status=None, office=OFFICE, review="submitted") -> ReportFact:
    return ReportFact(1, office, period, value, Status(status) if status else None, review)


CASES = [
    # (why, targets, kind, baseline, reports, period, status, completion)
    ("increments add up over the quarters", {"2021": "新增20个"}, None, "",
     [fact("2021Q1", 4), fact("2021Q2", 7)], "2021Q2", Status.ON_TRACK, 0.55),
    ("behind 序时 at the third quarter", {"2021": "新增20个"}, None, "",
     [fact("2021Q1", 4), fact("2021Q3", 5)], "2021Q3", Status.BEHIND, 0.45),
    ("over-achievement is done, not an error", {"2021": "20个"}, None, "",
     [fact("2021Q1", 30)], "2021Q1", Status.DONE, 1.5),
    ("a whole-year report stands for the year", {"2021": "20个"}, None, "",
     [fact("2021Q1", 5), fact("2021", 21)], "2021", Status.DONE, 1.05),
    ("a cumulative level starts from last year's target",
     {"2015": "全市养老床位总数达到53426张", "2016": "全市养老床位总数达到60576张"}, "cumulative", "",
     [fact("2016Q2", 57001)], "2016Q2", Status.ON_TRACK, (57001 - 53426) / (60576 - 53426)),
    ("a cumulative level in its first year starts from the baseline", {"2020": "全市达到300个"}, "cumulative",
     "200个", [fact("2020Q2", 240)], "2020Q2", Status.BEHIND, 0.4),
    ("a ratio is compared directly with the latest value", {"2021": "护理型床位占养老床位总数的20%以上"}, None, "",
     [fact("2021Q1", 12), fact("2021Q2", 21)], "2021Q2", Status.DONE, 1.05),
    ("an upper bound is met or not", {"2021": "控制在5%以内"}, None, "",
     [fact("2021Q2", 6)], "2021Q2", Status.BEHIND, 5 / 6),
    ("a milestone takes the status the office chose", {"2021": "择机实行"}, None, "",
     [fact("2021Q1", None, "滞后"), fact("2021Q2", None, "已完成")], "2021Q2", Status.DONE, None),
    ("several figures: the office's choice", {"2021": "城区42个、农村82,其中升级为中心站10个"}, None, "",
     [fact("2021Q2", None, "序时推进")], "2021Q2", Status.ON_TRACK, None),
    ("no target this year, reported", {"2020": "20个"}, None, "",
     [fact("2021Q1", 3)], "2021Q1", Status.ON_TRACK, None),
    ("a zero target is done once reported", {"2021": "0个"}, None, "",
     [fact("2021Q1", 0)], "2021Q1", Status.DONE, None),
    ("no report", {"2021": "20个"}, None, "", [], "2021Q1", Status.NOT_REPORTED, None),
    ("a returned report does not count", {"2021": "20个"}, None, "",
     [fact("2021Q1", 20, review="returned")], "2021Q1", Status.NOT_REPORTED, None),
    ("reports of later quarters and other years are left out", {"2021": "20个"}, None, "",
     [fact("2021Q3", 20), fact("2020Q4", 20), fact("2021Q1", 5), fact("2021Q2", 0)], "2021Q2", Status.BEHIND, 0.25),
    ("an earlier quarter's return does not stand in for this one", {"2021": "20个"}, None, "",
     [fact("2021Q1", 20)], "2021Q2", Status.NOT_REPORTED, None),
    ("a year is reported by its fourth quarter", {"2021": "20个"}, None, "",
     [fact("2021Q1", 5), fact("2021Q4", 16)], "2021", Status.DONE, 1.05),
    ("a report without a figure on a number target", {"2021": "20个"}, None, "",
     [fact("2021Q1")], "2021Q1", Status.ON_TRACK, None),
]


@pytest.mark.parametrize("why, targets, kind, baseline, reports, period, status, completion", CASES,
                         ids=[c[0] for c in CASES])
def test_status_rules(why, targets, kind, baseline, reports, period, status, completion):
    result = evaluate(task(targets, kind, baseline), OFFICE, parse_period(period), reports)
    assert result.status is status, result.explanation
    if completion is None:
        assert result.completion is None
    else:
        assert result.completion == pytest.approx(completion)
    assert result.explanation  # every light can be explained to the user


def test_expected_share_is_q_over_4():
    result = evaluate(task({"2021": "20个"}), OFFICE, parse_period("2021Q3"), [fact("2021Q3", 1)])
    assert result.expected == 0.75
    assert "序时进度 75%" in result.explanation


def plan_of(*tasks: Task) -> Plan:
    plan = Plan(title="测试计划", first_year=2020, last_year=2022, id=1)
    plan.tasks = list(tasks)
    return plan


def test_a_breakdown_is_judged_on_the_sum_of_the_offices():
    beds = task({"2021": "新增1000张。其中:道里区400张;南岗区600张"})
    assert {t.office for t in beds.targets if t.office} == {"道里区", "南岗区"}
    reports = [fact("2021Q2", 300, office="道里区"), fact("2021Q2", 350, office="南岗区")]
    status = evaluate_plan(plan_of(beds), reports, parse_period("2021Q2"))
    whole = status.tasks[0]
    assert whole.status is Status.ON_TRACK and whole.completion == pytest.approx(0.65)
    per_office = {e.office: e for e in status.by_office}
    assert per_office["道里区"].completion == pytest.approx(0.75)  # measured against its own 400张
    assert per_office[OFFICE].status is Status.NOT_REPORTED


def test_lead_only_leaves_co_operating_offices_out_of_completion():
    shared = task({"2021": "20个"}, co=("市财政局",))
    reports = [fact("2021Q1", 5)]
    everyone = evaluate_plan(plan_of(shared), reports, parse_period("2021Q1"))
    leads = evaluate_plan(plan_of(shared), reports, parse_period("2021Q1"), lead_only=True)
    assert [s.office for s in everyone.offices] == [OFFICE, "市财政局"]
    assert [s.office for s in leads.offices] == [OFFICE]
    assert everyone.not_reported() == [("市财政局", [1])] and leads.not_reported() == []
    assert everyone.tasks[0].status is leads.tasks[0].status is Status.ON_TRACK


def test_counts_lagging_and_office_completion():
    first, second = task({"2021": "20个"}), task({"2021": "8个"})
    second.id = 2
    reports = [fact("2021Q2", 2), ReportFact(2, OFFICE, "2021Q2", 8, None)]
    status = evaluate_plan(plan_of(first, second), reports, parse_period("2021Q2"))
    assert status.counts[Status.BEHIND] == 1 and status.counts[Status.DONE] == 1
    assert [e.task_id for e in status.lagging] == [1]
    summary = status.offices[0]
    assert (summary.assigned, summary.reported, summary.on_track_rate) == (2, 2, 0.5)


def test_a_period_outside_the_plan_is_refused():
    with pytest.raises(InputError, match="不在计划"):
        evaluate_plan(plan_of(task({"2021": "20个"})), [], parse_period("2025Q1"))


def test_offices_with_their_own_target_are_responsible_even_when_counting_leads_only():
    beds = task({"2021": "新增1000张。其中:道里区400张;南岗区600张"}, co=("市财政局",))
    assert responsible_offices(beds, 2021, lead_only=True) == [OFFICE, "道里区", "南岗区"]
    assert responsible_offices(beds, 2022) == [OFFICE, "市财政局"]


def test_a_target_kind_set_on_the_task_overrides_the_guess():
    assert make_target("2021", "60576张", kind="cumulative").kind == "cumulative"


def test_the_quick_task_statuses_agree_with_the_full_evaluation(demo_store):
    from planner.domain.period_status import evaluate_tasks
    from planner.store.progress_queries import deciding_report_facts, report_facts
    from planner.store.queries import list_plans, load_plan

    for summary in list_plans(demo_store.conn):
        plan = load_plan(demo_store.conn, summary.id)
        for year in plan.years:
            for code in (f"{year}Q1", f"{year}Q2", f"{year}Q3", f"{year}Q4", str(year)):
                period = parse_period(code)
                full = evaluate_plan(plan, report_facts(demo_store.conn, plan.id, period), period).tasks
                quick = evaluate_tasks(plan, deciding_report_facts(demo_store.conn, plan.id, period), period)
                assert [(e.task_id, e.status, e.completion) for e in quick] == \
                    [(e.task_id, e.status, e.completion) for e in full], code


def test_a_cumulative_level_starts_from_last_years_target_in_force_then_with_or_without_an_index():
    from planner.domain.model import Target
    from planner.domain.status import index_targets

    adjusted = task({"2023": "累计达到200个", "2024": "累计达到500个"}, kind="cumulative")
    # Last year's 300 was adjusted to 200 from 2024Q3: in 2024Q2 the level still started from 300.
    adjusted.earlier_targets.append(Target("2023", "累计达到300个", None, ">=", 300.0, "个", "cumulative",
                                           until="2024Q2"))
    period = parse_period("2024Q2")
    reports = [fact("2024Q2", 400)]
    alone = evaluate(adjusted, OFFICE, period, reports)
    indexed = evaluate(adjusted, OFFICE, period, reports, index_targets(adjusted, period))
    assert alone.completion == indexed.completion == pytest.approx((400 - 300) / (500 - 300))
