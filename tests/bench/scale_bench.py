"""Province scale on both stores: 2,800 offices × 100 tasks × 20 quarters = 5.6 million reports.

Run as `python3 dev.py bench scale_bench [--scale 0.1] [--keep DIR]`; it takes several minutes
at full scale (most of it writing the two databases).

It builds the same database twice, as an SQLite file and on a throwaway PostgreSQL cluster
(`tests/pg_server.py`: fsync off, as a scratch server), through the store's own bulk path
(`Writer.insert_many`: multi-row INSERTs on SQLite, COPY on the server): one plan of 2021–2025,
100 tasks, each led by one office with every other office co-operating, and one report per task,
office and quarter. Then, on each:

* the status of every task for a period (`deciding_report_facts` + `evaluate_tasks`; goal ≤ 1 s);
* every office's figures on the dashboard (`year_reports` + `office_figures`; goal ≤ 2 s),
  checked equal between the two stores;
* 20 clerks entering 1,000 reports each, every entry as the window makes it (`submit_report`
  with the revision on screen): on the server 20 processes at once, each signed in as its own
  office's account, so the row-level policies are paid for; on the file the same 20,000 entries
  through its one writer, since the file lock admits one writer by design. Throughput, median and
  95th percentile latency, and the lost updates: every entry must be there afterwards as the next
  revision of its cell, with its figure.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from planner.domain.model import Plan, Report, Task  # noqa: E402
from planner.domain.periods import parse_period, quarters_of  # noqa: E402
from planner.domain.target_building import make_target  # noqa: E402
from planner.store import Actor, Store, open_store  # noqa: E402
from tests.bench.status_bench import best_ms  # noqa: E402

OFFICES, TASKS, YEARS = 2800, 100, (2021, 2022, 2023, 2024, 2025)
CLERKS, ENTRIES = 20, 1000
GOAL_STATUS_MS, GOAL_FIGURES_MS = 1000, 2000
MEASURED_PERIOD = "2024Q3"
PASSWORD = "bench-password-1"


def office_names(count: int) -> list[str]:
    return [f"第{n:04d}号乡镇人民政府" for n in range(1, count + 1)]


def generated_plan(offices: list[str]) -> Plan:
    rng = random.Random(21)
    plan = Plan(title="基准测试：全省养老服务体系建设五年行动计划", first_year=YEARS[0], last_year=YEARS[-1])
    for number in range(1, TASKS + 1):
        lead = offices[number % len(offices)]
        task = Task(name=f"重点任务第{number}项", seq=str(number), lead=[lead],
                    co=[name for name in offices if name != lead])
        task.targets = [make_target(str(year), f"新增{rng.randint(2000, 4000)}个") for year in YEARS]
        plan.tasks.append(task)
    return plan


def task_rows(task: Task, office_ids: list[int], rng: random.Random, first_id: int, at: str):
    next_id = first_id
    for year in YEARS:
        quarterly = task.plan_target(str(year)).value / 4 / len(office_ids)
        for quarter in quarters_of(year):
            for office in office_ids:
                yield (next_id, task.id, office, quarter.code, 1, round(quarterly * rng.uniform(0.5, 1.5), 2), at,
                       "bench")
                next_id += 1


def fill(store: Store, offices: list[str]) -> tuple[Plan, int, float]:
    """Write the plan and its reports; returns the plan, the number of reports and the seconds it took."""
    from planner.store.audit import now_text
    from planner.store.offices_repo import office_ids
    from planner.store.plans import insert_plan

    started = time.perf_counter()
    rng = random.Random(4)
    plan = generated_plan(offices)
    count = 0
    with store.transaction() as writer:
        insert_plan(writer, plan, "基准测试")
        ids = office_ids(writer.conn, offices)
        in_order = [ids[name] for name in offices]
        at = now_text()
        for task in plan.tasks:  # one task's 20 quarters at a time: the rows never all sit in memory
            rows = list(task_rows(task, in_order, rng, writer.next_id("reports"), at))
            count += writer.insert_many("reports", ("id", "task_id", "office_id", "period", "revision", "value",
                                                    "reported_at", "reporter"), rows, "基准测试")
    store.conn.execute("VACUUM ANALYZE" if store.is_server else "ANALYZE")
    return plan, count, time.perf_counter() - started


def measure_reading(store: Store, plan_id: int) -> dict[str, object]:
    from planner.domain.office_figures import office_figures
    from planner.domain.period_status import evaluate_tasks
    from planner.store.progress_queries import deciding_report_facts, year_reports
    from planner.store.queries import load_plan

    plan = load_plan(store.conn, plan_id)
    period = parse_period(MEASURED_PERIOD)
    status_ms, statuses = best_ms(lambda: evaluate_tasks(plan, deciding_report_facts(store.conn, plan_id, period),
                                                         period))
    figures_ms, figures = best_ms(lambda: office_figures(plan, year_reports(store.conn, plan_id, period)))
    return {"status_ms": status_ms, "figures_ms": figures_ms, "statuses": statuses, "figures": figures}


def clerk_cells(clerk: int) -> list[tuple[int, str]]:
    """(task number, period) of the clerk's 1,000 entries: every task in ten quarters."""
    quarters = [q.code for year in YEARS for q in quarters_of(year)]
    return [(n % TASKS, quarters[(n // TASKS + clerk) % len(quarters)]) for n in range(ENTRIES)]


def enter_reports(store: Store, plan: Plan, office: str, clerk: int, start=None) -> list[float]:
    """One clerk's entries as the window makes them; the latency of each, in milliseconds."""
    from planner.progress.entry import current_report, submit_report

    latencies = []
    if start is not None:
        start.wait(600)
    for task_index, period in clerk_cells(clerk):
        task = plan.tasks[task_index]
        began = time.perf_counter()
        seen = current_report(store, task.stored_id, office, period)
        submit_report(store, plan, Report(task_id=task.stored_id, office=office, period=period,
                                          value=float(clerk * 10_000 + task_index), narrative="按期推进"),
                      based_on=seen.revision if seen else 0)
        latencies.append((time.perf_counter() - began) * 1000)
    return latencies


def server_clerk(url: str, plan_id: int, office: str, clerk: int, start, results) -> None:
    from planner.store.queries import load_plan
    from planner.store.server.store import open_server_store

    with open_server_store(url, password=PASSWORD, listen=False) as store:
        plan = load_plan(store.conn, plan_id)
        results.put(enter_reports(store, plan, office, clerk, start))


def lost_updates(store: Store, plan: Plan, clerks: list[str]) -> int:
    """Entries missing as revision 2 of their cell with their figure."""
    from planner.store.offices_repo import office_id

    lost = 0
    for clerk, office in enumerate(clerks):
        wanted = {(plan.tasks[t].stored_id, period): float(clerk * 10_000 + t) for t, period in clerk_cells(clerk)}
        rows = store.conn.execute("SELECT task_id, period, value FROM reports WHERE office_id = ? AND revision = 2",
                                  (office_id(store.conn, office),)).fetchall()
        stored = {(row[0], row[1]): row[2] for row in rows}
        lost += sum(1 for cell, value in wanted.items() if stored.get(cell) != value)
    return lost


def summary(latencies: list[float], seconds: float) -> str:
    ordered = sorted(latencies)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    return (f"{len(latencies)} entries in {seconds:.1f} s = {len(latencies) / seconds:.0f} entries/s;"
            f" latency median {statistics.median(ordered):.1f} ms, p95 {p95:.1f} ms")


def verdict(ms: float, goal: int) -> str:
    return f"{ms:8.0f} ms  (goal ≤ {goal} ms: {'met' if ms <= goal else 'NOT met'})"


def run_sqlite(folder: Path, offices: list[str], clerks: list[str]) -> dict[str, object]:
    print("\n== SQLite file ==", flush=True)
    with open_store(folder / "province.sqlite3", Actor(person="bench")) as store:
        plan, count, seconds = fill(store, offices)
        size = sum(p.stat().st_size for p in folder.glob("province.sqlite3*"))
        print(f"written: {count:,} reports in {seconds:.0f} s ({size / 1e9:.2f} GB)", flush=True)
        reading = measure_reading(store, plan.stored_id)
        print(f"status of every task, {MEASURED_PERIOD}: {verdict(reading['status_ms'], GOAL_STATUS_MS)}")
        print(f"dashboard office figures:      {verdict(reading['figures_ms'], GOAL_FIGURES_MS)}", flush=True)
        began = time.perf_counter()
        latencies: list[float] = []
        for clerk, office in enumerate(clerks):  # the file admits one writer: the clerks take turns
            latencies += enter_reports(store, plan, office, clerk)
        print(f"{CLERKS} clerks through the one writer: {summary(latencies, time.perf_counter() - began)}")
        print(f"lost updates: {lost_updates(store, plan, clerks)}", flush=True)
    return reading


def run_server(offices: list[str], clerks: list[str]) -> dict[str, object]:
    from planner.store.server.admin import add_account, init_database
    from planner.store.server.store import open_server_store
    from tests.pg_server import Cluster

    print("\n== PostgreSQL server ==", flush=True)
    cluster = Cluster().start()
    try:
        cluster.sql("CREATE DATABASE province")
        url = cluster.url("province")
        init_database(url)
        with open_server_store(url, listen=False) as store:
            plan, count, seconds = fill(store, offices)
            size = store.conn.execute("SELECT pg_database_size('province')").fetchone()[0]
            print(f"written: {count:,} reports in {seconds:.0f} s with COPY ({size / 1e9:.2f} GB)", flush=True)
            reading = measure_reading(store, plan.stored_id)
            print(f"status of every task, {MEASURED_PERIOD}: {verdict(reading['status_ms'], GOAL_STATUS_MS)}")
            print(f"dashboard office figures:      {verdict(reading['figures_ms'], GOAL_FIGURES_MS)}", flush=True)
        accounts = [f"clerk{n:02d}" for n in range(len(clerks))]
        for account, office in zip(accounts, clerks):
            add_account(url, account, "office", PASSWORD, office)
        context = multiprocessing.get_context("spawn")
        start, results = context.Barrier(len(clerks) + 1), context.Queue()
        workers = [context.Process(target=server_clerk, args=(cluster.tcp_url("province", account), plan.stored_id,
                                                              office, n, start, results))
                   for n, (account, office) in enumerate(zip(accounts, clerks))]
        for worker in workers:
            worker.start()
        start.wait(600)  # every clerk signed in and holding the plan: now they all type at once
        began = time.perf_counter()
        latencies: list[float] = []
        for _ in workers:
            latencies += results.get(timeout=3600)
        seconds = time.perf_counter() - began
        for worker in workers:
            worker.join()
        print(f"{CLERKS} clerks at once, one process each: {summary(latencies, seconds)}")
        with open_server_store(url, listen=False) as store:
            print(f"lost updates: {lost_updates(store, plan, clerks)}", flush=True)
        return reading
    finally:
        cluster.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="share of the 2,800 offices (default: all)")
    parser.add_argument("--keep", metavar="DIR", help="write the SQLite file here and keep it")
    args = parser.parse_args()
    offices = office_names(max(CLERKS + 1, round(OFFICES * args.scale)))
    clerks = offices[1:CLERKS + 1]
    print(f"{len(offices):,} offices × {TASKS} tasks × {len(YEARS) * 4} quarters = "
          f"{len(offices) * TASKS * len(YEARS) * 4:,} reports; {os.cpu_count()} cores", flush=True)
    with tempfile.TemporaryDirectory(prefix="planner-scale-") as scratch:
        folder = Path(args.keep) if args.keep else Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        on_file = run_sqlite(folder, offices, clerks)
    on_server = run_server(offices, clerks)
    same = on_file["statuses"] == on_server["statuses"] and on_file["figures"] == on_server["figures"]
    print(f"\nstatuses and office figures the same on both stores: {'yes' if same else 'NO'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
