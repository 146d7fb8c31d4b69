"""A generated plan of 2,000 tasks for the report tests: long and short names, district breakdowns, returns.

Made with a fixed seed, so every run lays out the same pages. Texts are put together
from phrases of real appendix tables (numbers, quotes and brackets included) so that
line breaking, column widths and page breaks meet what real plans hold.
"""

from __future__ import annotations

import random
from pathlib import Path

from planner.domain.model import Plan, Section, Task
from planner.domain.target_building import make_target
from planner.store import Actor, open_store
from planner.store.audit import now_text
from planner.store.plans import insert_plan

TASKS, SECTIONS, YEARS = 2000, 8, (2021, 2022, 2023)
PERIOD = "2022Q2"
TITLE = "衡水市推进城乡居家养老服务高质量发展三年行动计划（2021—2023年）"
APPENDIX = "推进城乡居家养老服务高质量发展重点工作年度目标任务表"
OFFICES = ["市民政局", "市发展改革委", "市财政局", "市自然资源和规划局", "市住房城乡建设局", "市卫生健康委",
           "市人力资源社会保障局", "市医保局", "市教育局", "市文化广电旅游局", "市体育局", "市市场监管局",
           "市应急管理局", "市税务局", "市总工会", "团市委", "市妇联", "市残联", "市农业农村局", "各区、县(市)政府"]
SUBJECTS = ["社区居家养老服务网络", "农村互助幸福院", "医养结合服务", "养老机构标准化", "老年人助餐服务点",
            "适老化改造", "养老护理员队伍", "智慧养老服务平台", "特困人员供养服务设施", "老年大学办学网络"]
PHRASES = ["充分利用电信“12349”呼叫平台", "完善“互联网+养老”服务模式", "按照《养老机构管理办法》要求",
           "建立健全（试行）工作制度", "新增床位53426张", "完成率达到12.5%以上", "推进公办养老机构改革",
           "开展“三无”“三低”老人集中供养", "会同市应急管理局（消防救援支队）开展检查", "资金到位率100%",
           "组织培训养老护理员1200人次", "落实运营补贴和建设补贴", "督促各区、县(市)政府加快进度"]
DISTRICTS = ["道里区", "南岗区", "道外区", "香坊区", "平房区", "松北区", "呼兰区", "阿城区", "双城区", "五常市",
             "尚志市", "巴彦县", "宾县", "依兰县", "延寿县", "木兰县", "通河县", "方正县"]


def _sentence(rng: random.Random, parts: int) -> str:
    return "，".join(rng.choice(PHRASES) for _ in range(parts)) + "。"


def generated_plan(rng: random.Random) -> Plan:
    plan = Plan(title=TITLE, appendix_title=APPENDIX, doc_no="衡政办字〔2021〕8号", first_year=YEARS[0],
                last_year=YEARS[-1])
    plan.sections = [Section(title=f"{'一二三四五六七八'[i]}、实施{SUBJECTS[i]}提升工程", key=f"s{i}")
                     for i in range(SECTIONS)]
    for number in range(1, TASKS + 1):
        subject = rng.choice(SUBJECTS)
        lead = OFFICES[number % len(OFFICES)]
        name = f"推进{subject}建设" if number % 7 else f"加快推进{subject}和{rng.choice(SUBJECTS)}融合发展试点工作"
        task = Task(name=name, seq=str(number), section_key=f"s{(number - 1) * SECTIONS // TASKS}",
                    content=_sentence(rng, rng.randint(1, 4)),
                    indicator=f"到{YEARS[-1]}年，全市{subject}累计新增{rng.randint(100, 900)}个。",
                    lead=[lead], co=rng.sample([o for o in OFFICES if o != lead], rng.randint(0, 6)))
        targets = []
        for year in YEARS:
            if number % 97 == 0:  # a per-district breakdown, as the Harbin table writes its bed targets
                parts = "；".join(f"{d}{rng.randint(800, 6000)}张" for d in DISTRICTS)
                total = rng.randint(50000, 70000)
                targets.append(make_target(str(year), f"全市养老床位总数达到{total}张。其中：{parts}。"))
            else:
                targets.append(make_target(str(year), f"新增{rng.randint(2, 400)}个"))
        task.targets = targets
        plan.tasks.append(task)
    return plan


def build_generated(path: Path) -> tuple[Path, int]:
    """The plan and one quarter of returns from the lead offices (some lagging, some not reported); returns the
    database's path and the plan's id."""
    rng = random.Random(18)
    store = open_store(path, Actor(person="测试"))
    plan = generated_plan(rng)
    with store.transaction() as writer:
        insert_plan(writer, plan, "测试")
        office_id = dict(store.conn.execute("SELECT name, id FROM offices").fetchall())
        first, stamp = writer.next_id("reports"), now_text()
        rows = []
        for task in plan.tasks:
            if rng.random() < 0.1:
                continue  # not reported
            target = task.plan_target(PERIOD[:4])
            value = round((target.value or 0) * rng.uniform(0.1, 0.9), 1) if target is not None else None
            problems = _sentence(rng, rng.randint(1, 3)) if rng.random() < 0.4 else ""
            rows.append((first + len(rows), task.id, office_id[task.lead[0]], PERIOD, 1, value,
                         _sentence(rng, rng.randint(1, 6)), problems, _sentence(rng, 1), stamp, "submitted"))
        writer.insert_many("reports", ("id", "task_id", "office_id", "period", "revision", "value", "narrative",
                                       "problems", "next_steps", "reported_at", "review"), rows, "测试")
    plan_id = plan.id
    store.close()
    return path, plan_id
