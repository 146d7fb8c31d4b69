"""Exchange benchmark: fill-in workbooks for 200 offices × 40 tasks, collecting them, exporting 100,000 rows.

Run as `.venv/bin/python tests/bench/exchange_bench.py [--keep DIR]`.

* templates: one plan of 40 tasks whose yearly target is broken down among 200
  districts, so every district answers for all 40; `make_forms` writes the 200
  fill-in workbooks (goal: ≤ 10 s);
* collecting: each form filled in (a figure and 进展情况 on every row) the way the
  reporting office's planner writes it back, then `collect_files` on all 200
  (goal: ≤ 10 s), checked to store 8,000 reports;
* export: a plan of 100,000 tasks with a quarter's progress; `export_plan` to xlsx
  (database to file) and its writing step alone, against
  `DataFrame.to_excel(engine="openpyxl")` of the very same rows measured in the
  same run (goal: at least twice as fast).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from planner.domain.model import Plan, Target, Task  # noqa: E402
from planner.domain.target_building import make_target  # noqa: E402
from planner.exchange.collect import ACCEPTED, collect_files  # noqa: E402
from planner.exchange.export import export_plan, write_export_xlsx  # noqa: E402
from planner.exchange.export_table import build_export  # noqa: E402
from planner.exchange.fill_in import make_forms, write_fill_in  # noqa: E402
from planner.exchange.fill_in_read import read_fill_in  # noqa: E402
from planner.exchange.form_layout import FormEntry  # noqa: E402
from planner.store import Actor, Store, open_store  # noqa: E402
from planner.store.plans import insert_plan  # noqa: E402

OFFICES, FORM_TASKS, EXPORT_TASKS = 200, 40, 100_000
GOAL_TEMPLATES_S, GOAL_COLLECT_S, GOAL_EXPORT_RATIO = 10.0, 10.0, 2.0
PERIOD = "2021Q2"
SUBJECTS = ["社区居家养老服务网络", "农村互助幸福院", "医养结合服务", "养老机构标准化", "老年人助餐服务点",
            "适老化改造", "养老护理员队伍", "智慧养老服务平台", "特困人员供养服务设施", "老年大学办学网络"]


def district_plan() -> Plan:
    districts = [f"第{number}区" for number in range(1, OFFICES + 1)]
    plan = Plan(title="基准测试：200个区县分解的年度目标", first_year=2021, last_year=2022)
    for number in range(1, FORM_TASKS + 1):
        subject = SUBJECTS[number % len(SUBJECTS)]
        task = Task(name=f"推进{subject}建设（第{number}项）", seq=str(number), lead=[districts[0]],
                    indicator=f"到2022年，全市{subject}新增{OFFICES * 10}个。", baseline="120个")
        task.targets = [make_target("2021", f"新增{OFFICES * 10}个")]
        task.targets += [Target(period="2021", text="新增10个", office=name, comparator=">=", value=10.0, unit="个",
                                kind="increment") for name in districts]
        plan.tasks.append(task)
    return plan


def big_plan(rng: random.Random) -> Plan:
    plan = Plan(title="基准测试：十万项任务的年度目标", appendix_title="重点工作年度目标任务", first_year=2021,
                last_year=2022)
    for number in range(1, EXPORT_TASKS + 1):
        subject = rng.choice(SUBJECTS)
        task = Task(name=f"推进{subject}建设（第{number}项）", seq=str(number), lead=["市民政局"], co=["市财政局"],
                    indicator=f"到2022年，全市{subject}累计新增{rng.randint(100, 900)}个。", baseline="120个")
        task.targets = [make_target("2021", f"新增{rng.randint(200, 400)}个"),
                        make_target("2022", f"新增{rng.randint(200, 400)}个")]
        plan.tasks.append(task)
    return plan


def add_progress(store: Store, plan: Plan, rng: random.Random) -> None:
    office = store.conn.execute("SELECT id FROM offices WHERE name = '市民政局'").fetchone()[0]
    with store.transaction() as writer:
        first = writer.next_id("reports")
        rows = [(first + n, task.id, office, PERIOD, 1, float(rng.randint(0, 200)), None,
                 "已完成选址和立项，正在推进施工。" if n % 3 else "", "用地指标紧张" if n % 7 == 0 else "", "",
                 "基准", "2021-06-30T00:00:00", "keyboard", "submitted", "")
                for n, task in enumerate(plan.tasks)]
        writer.insert_many("reports", ("id", "task_id", "office_id", "period", "revision", "value", "status",
                                       "narrative", "problems", "next_steps", "reporter", "reported_at", "source",
                                       "review", "review_note"), rows, "基准测试")


def timed(function):
    start = time.perf_counter()
    result = function()
    return result, time.perf_counter() - start


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def bench_forms(store: Store, folder: Path) -> bool:
    plan = district_plan()
    with store.transaction() as writer:
        insert_plan(writer, plan, "基准测试")
    made, seconds = timed(lambda: make_forms(store, plan.id, PERIOD, folder / "issued"))
    assert len(made) == OFFICES and all(form.tasks == FORM_TASKS for form in made)
    templates_ok = seconds <= GOAL_TEMPLATES_S
    print(f"templates: {len(made)} fill-in workbooks × {FORM_TASKS} tasks in {seconds:.2f} s "
          f"({seconds / len(made) * 1000:.0f} ms each; goal ≤ {GOAL_TEMPLATES_S:.0f} s: {verdict(templates_ok)})")

    returns = folder / "returned"
    returns.mkdir()
    filled = []
    for number, form in enumerate(made):
        spec = read_fill_in(form.path).spec
        entries = {row.task_id: FormEntry(row.task_id, value=float(number % 12), narrative=f"第{number}区已推进建设。")
                   for row in spec.task_rows}
        filled.append(write_fill_in(spec, returns / form.path.name, entries, reporter=f"填报人{number}"))
    results, seconds = timed(lambda: collect_files(store, filled))
    taken = sum(r.reports for r in results)
    assert all(r.outcome == ACCEPTED for r in results), [r.message for r in results if r.outcome != ACCEPTED][:3]
    assert taken == OFFICES * FORM_TASKS
    collect_ok = seconds <= GOAL_COLLECT_S
    print(f"collect:   {len(results)} returns, {taken} reports in {seconds:.2f} s "
          f"({seconds / len(results) * 1000:.0f} ms each; goal ≤ {GOAL_COLLECT_S:.0f} s: {verdict(collect_ok)})")
    return templates_ok and collect_ok


def bench_export(store: Store, folder: Path) -> bool:
    import pandas as pd

    rng = random.Random(5)
    plan = big_plan(rng)
    (_, seconds) = timed(lambda: _insert(store, plan))
    add_progress(store, plan, rng)
    print(f"export:    plan of {len(plan.tasks)} tasks and {len(plan.tasks)} reports set up in {seconds:.1f} s")
    result, whole = timed(lambda: export_plan(store.conn, plan.id, folder / "export.xlsx", PERIOD))
    table, building = timed(lambda: build_export(store.conn, plan.id, PERIOD))
    _, writing = timed(lambda: write_export_xlsx(table, folder / "export_again.xlsx"))
    headers = [f"{c.group}/{c.header}" if c.group else c.header for c in table.columns]
    frame = pd.DataFrame([values for kind, values in table.rows if kind == "task"], columns=headers)
    _, baseline = timed(lambda: frame.to_excel(folder / "pandas.xlsx", engine="openpyxl", index=False))
    ratio_whole, ratio_writing = baseline / whole, baseline / writing
    ok = ratio_whole >= GOAL_EXPORT_RATIO
    print(f"export:    {result.tasks} rows to xlsx: export_plan {whole:.2f} s, "
          f"{result.path.stat().st_size / 1e6:.1f} MB "
          f"(run again in two steps: reading and evaluating {building:.2f} s, writing {writing:.2f} s)")
    print(f"export:    baseline DataFrame.to_excel(engine=\"openpyxl\") of the same rows {baseline:.2f} s: "
          f"export_plan {ratio_whole:.1f}× faster, writing alone {ratio_writing:.1f}× faster "
          f"(goal ≥ {GOAL_EXPORT_RATIO:.0f}×: {verdict(ok)})")
    return ok


def _insert(store: Store, plan: Plan) -> None:
    with store.transaction() as writer:
        insert_plan(writer, plan, "基准测试")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", metavar="DIR", help="write the files here and keep them")
    args = parser.parse_args()
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="exchange_bench_"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with open_store(folder / "forms.sqlite3", Actor(person="基准")) as store:
            forms_ok = bench_forms(store, folder)
        with open_store(folder / "export.sqlite3", Actor(person="基准")) as store:
            export_ok = bench_export(store, folder)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    return 0 if forms_ok and export_ok else 1


if __name__ == "__main__":
    sys.exit(main())
