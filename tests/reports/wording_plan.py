"""A generated plan of 2,000 tasks with two quarters of returns, for the reports' wording, figures and workbooks.

Every kind of target appears (a bare figure whose unit only the 具体指标 states, a
count with its unit, a ratio, a milestone), 主要任务 repeat (ten subjects over 2,000
items), the figures give 完成率 ending in a half (770 of 2,000 is 38.5%, 771 is
38.55%), about one task in ten has no return from its lead, co-operating offices
report for one task in three, one office never reports at all, and the lagging
tasks carry 存在问题 and 下步打算 except for every fifth one.
"""

from __future__ import annotations

from planner.domain.model import Plan, Report, Section, Status, Task
from planner.domain.target_building import make_target
from planner.store import Store
from planner.store.plans import insert_plan
from planner.store.reports import record_report

TASKS = 2000
PERIOD = "2021Q2"
OFFICES = ["市民政局", "市发展改革委", "市财政局", "市自然资源和规划局", "市住房城乡建设局", "市卫生健康委",
           "市人力资源社会保障局", "市医保局", "市教育局", "市文化广电旅游局", "市体育局", "市市场监管局",
           "市应急管理局", "市税务局", "市总工会", "团市委", "市妇联", "市残联", "市农业农村局", "市科技局"]
SILENT_OFFICE = OFFICES[-1]  # leads and co-operates, never reports
SUBJECTS = ["社区居家养老服务网络", "农村互助幸福院", "医养结合服务", "养老机构标准化", "老年人助餐服务点",
            "适老化改造", "养老护理员队伍", "智慧养老服务平台", "特困人员供养服务设施", "老年大学办学网络"]
SECTIONS = ["一、完善养老服务设施", "二、提升养老服务质量", "三、强化养老服务保障", "四、创新养老服务模式"]


def _task(number: int) -> Task:
    subject = SUBJECTS[number % len(SUBJECTS)]
    lead = OFFICES[number % len(OFFICES)]
    co = [OFFICES[(number + 1) % len(OFFICES)], OFFICES[(number + 7) % len(OFFICES)]]
    task = Task(name=f"推进{subject}建设", seq=str(number), lead=[lead], co=[o for o in co if o != lead],
                section_key=f"s{number % len(SECTIONS)}",
                indicator=f"到2023年，全市新增{subject}6000个。", content=f"第{number}项：{subject}的具体安排。")
    kind = number % 4
    text = {0: "2000", 1: "新增200名", 2: "达到85%", 3: "出台实施方案"}[kind]
    if kind == 1:
        task.indicator = f"到2023年，培训{subject}人员600名。"
    task.targets = [make_target(str(year), text) for year in (2021, 2022, 2023)]
    return task


def wording_plan() -> Plan:
    plan = Plan(title="生成的养老服务体系建设三年行动计划", first_year=2021, last_year=2023,
                appendix_title="养老服务体系建设重点任务年度目标", doc_no="测试〔2021〕1号")
    plan.sections = [Section(title=title, key=f"s{i}") for i, title in enumerate(SECTIONS)]
    plan.tasks = [_task(number) for number in range(1, TASKS + 1)]
    return plan


def _values(number: int) -> tuple[float | None, float | None, Status | None]:
    """The lead's first- and second-quarter figures, or the status it chose for a milestone."""
    kind = number % 4
    if kind == 0:
        total = 700 + (number * 7) % 400  # of 2,000: 35% to 55%, in steps of 0.05%
        return 300, total - 300, None
    if kind == 1:
        total = 60 + number % 60  # of 200名
        return 30, total - 30, None
    if kind == 2:
        return None, 40 + number % 50, None  # a ratio: the latest figure against 85%
    return None, None, Status.BEHIND if number % 3 == 0 else Status.ON_TRACK


def _reports(plan: Plan) -> list[Report]:
    reports = []
    for task in plan.tasks:
        number = int(task.seq)
        lead = task.lead[0]
        if number % 10 == 0 or lead == SILENT_OFFICE:
            continue
        first, second, chosen = _values(number)
        texts = {} if number % 5 == 0 else {"problems": f"第{number}项：资金到位偏慢。",
                                            "next_steps": f"第{number}项：下季度加快推进。"}
        if first is not None:
            reports.append(Report(task_id=task.stored_id, office=lead, period="2021Q1", value=first))
        reports.append(Report(task_id=task.stored_id, office=lead, period=PERIOD, value=second, status=chosen,
                              narrative=f"第{number}项按计划推进。", **texts))
        co = [office for office in task.co if office != SILENT_OFFICE]
        if number % 3 == 0 and co:
            reports.append(Report(task_id=task.stored_id, office=co[0], period=PERIOD, narrative="配合推进。",
                                  status=Status.ON_TRACK))
    return reports


def add_wording_plan(store: Store) -> int:
    """The generated plan and its returns, in one transaction; returns the plan id."""
    plan = wording_plan()
    with store.transaction() as writer:
        plan_id = insert_plan(writer, plan, "测试")
        for report in _reports(plan):
            record_report(writer, report, "测试")
    return plan_id
