"""Where a task came from (二、（一）1.) is stored with it, read back, shown by `dump`, and kept through upgrades."""

from __future__ import annotations

import shutil
from pathlib import Path

from planner.domain.model import Plan, Task
from planner.store import open_store
from planner.store.dump import dump
from planner.store.plans import insert_plan
from planner.store.queries import load_plan
from tests.conftest import TEST_ACTOR

DATA = Path(__file__).resolve().parents[1] / "data"


def _plan() -> Plan:
    return Plan(title="关于完善养老服务体系的实施意见", first_year=2023, last_year=2025, tasks=[
        Task(name="完善基本养老服务清单", seq="1", origin="二、（一）1."),
        Task(name="手工添加的任务"),
    ])


def test_the_origin_is_stored_read_back_and_dumped(store):
    with store.transaction() as writer:
        plan_id = insert_plan(writer, _plan())
    loaded = load_plan(store.conn, plan_id)
    assert [task.origin for task in loaded.tasks] == ["二、（一）1.", ""]
    dumped = dump(store.conn, plan_id)["plans"][0]["tasks"]
    assert [task["origin"] for task in dumped] == ["二、（一）1.", ""]


def test_a_database_from_before_version_7_gets_empty_origins_and_takes_new_ones(tmp_path):
    copy = tmp_path / "old.sqlite3"
    shutil.copy(DATA / "schema-v6.sqlite3", copy)
    with open_store(copy, TEST_ACTOR) as store:
        plans = dump(store.conn)["plans"]
        assert plans and all(task["origin"] == "" for plan in plans for task in plan["tasks"])
        with store.transaction() as writer:
            plan_id = insert_plan(writer, _plan())
        assert load_plan(store.conn, plan_id).tasks[0].origin == "二、（一）1."
