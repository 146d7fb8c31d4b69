"""A child process that works on a database until it is killed: the other side of test_kill.

    python child.py DB OPERATION ARG

OPERATION is `import` (ARG: a workbook, imported again and again as new versions),
`edit` (ARG: a task id; progress reports submitted one after another) or `collect`
(ARG: a folder of returned fill-in workbooks, collected in turn). It prints `ready`
once the database is open, then one line per finished operation.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from planner.store import Actor, open_store


def main(db: str, operation: str, argument: str) -> None:
    store = open_store(db, Actor(person="崩溃测试"))
    print("ready", flush=True)
    if operation == "import":
        from planner.plans.importing import import_file

        while True:
            result = import_file(store, argument, on_duplicate="new_version")
            print("imported", result.plan_id, flush=True)
    elif operation == "edit":
        from planner.domain.model import Report
        from planner.progress.entry import submit_report
        from planner.store.queries import load_plan

        task_id = int(argument)
        plan_id = store.conn.execute("SELECT plan_id FROM tasks WHERE id = ?", (task_id,)).fetchone()[0]
        plan = load_plan(store.conn, plan_id)
        task = next(t for t in plan.tasks if t.id == task_id)
        office, period, value = task.lead[0], f"{plan.first_year}Q1", 0
        while True:
            value += 1
            submit_report(store, plan, Report(task_id=task_id, office=office, period=period, value=float(value),
                                              narrative="进展" * 50))
            print("edited", value, flush=True)
    elif operation == "collect":
        from planner.exchange.collect import collect_files

        paths = sorted(Path(argument).glob("*.xlsx"))
        while True:
            for path in paths:
                collect_files(store, [path])
                print("collected", path.name, flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:4])
