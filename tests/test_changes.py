"""Every committed write tells the store's listeners what it changed, in the terms a screen refreshes by."""

from __future__ import annotations

from pathlib import Path

from planner.domain.changes import Changes
from planner.domain.model import Report
from planner.plans.structure import add_section, add_task, create_plan, delete_task, rename_section, set_state
from planner.plans.task_edit import edit_task_text, set_offices, set_target
from planner.progress.entry import submit_report
from planner.store import Store
from planner.store.backup import copy_database
from planner.store.queries import load_plan
from planner.store.restore import restore_database


def heard(store: Store) -> list[Changes]:
    received: list[Changes] = []
    store.subscribe(received.append)
    return received


def test_editing_a_plan_names_the_plan_the_outline_and_the_tasks_touched(store: Store):
    received = heard(store)
    plan_id = create_plan(store, "养老服务三年行动", 2024, 2026)
    assert received[-1].plans == {plan_id}
    section = add_section(store, plan_id, "一、设施建设")
    assert received[-1].outline == {plan_id}
    task_id, _before = add_task(store, plan_id, section)
    assert task_id in received[-1].tasks and received[-1].outline == {plan_id}
    edit_task_text(store, task_id, "name", "社区养老服务站")
    assert received[-1] == Changes(tasks=frozenset({task_id}))
    assert not received[-1].reshapes  # a task's own text: no need to read the plan again
    set_target(store, task_id, "2024", "新建20个")
    set_offices(store, task_id, ["市民政局"], ["市财政局"])
    assert all(change.tasks == {task_id} for change in received[-2:])
    rename_section(store, section, "一、养老服务设施建设")
    assert received[-1].outline == {plan_id}
    set_state(store, plan_id, load_plan(store.conn, plan_id).state.__class__("issued"))
    assert received[-1].plans == {plan_id}
    count = len(received)
    delete_task(store, task_id)
    assert len(received) == count + 1 and received[-1].outline == {plan_id}


def test_a_report_names_its_task_as_progress_and_an_unchanged_edit_says_nothing(demo_store: Store):
    received = heard(demo_store)
    plan = load_plan(demo_store.conn, 1)
    task = plan.tasks[1]
    office = task.lead[0]
    submit_report(demo_store, plan, Report(task.id, office, f"{plan.first_year}Q1", value=1))
    assert received[-1] == Changes(progress=frozenset({task.id}))
    count = len(received)
    edit_task_text(demo_store, task.id, "name", task.name)  # the same text: no write at all
    assert len(received) == count


def test_a_restore_says_everything_changed(store: Store, tmp_path: Path):
    create_plan(store, "甲", 2024, 2026)
    copy = copy_database(store.conn, tmp_path / "copy.sqlite3")
    received = heard(store)
    restore_database(store, copy)
    assert received and received[-1].everything and received[-1].reshapes


def test_a_listener_that_stops_hears_nothing_more(store: Store):
    received: list[Changes] = []
    stop = store.subscribe(received.append)
    create_plan(store, "甲", 2024, 2026)
    stop()
    create_plan(store, "乙", 2024, 2026)
    assert len(received) == 1
