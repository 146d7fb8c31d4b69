"""Several windows on one server database: a write in one reaches the others through LISTEN/NOTIFY, and
progress entered by several processes at once loses nothing."""

from __future__ import annotations

import multiprocessing
import select

from planner.domain.changes import Changes
from planner.domain.errors import StaleWriteError
from planner.domain.model import Report
from planner.progress.entry import current_report, submit_report
from planner.store.queries import list_plans, load_plan, report_history
from tests.server_organisation import OFFICE, PASSWORD


def hengshui(store):
    return load_plan(store.conn, next(p.id for p in list_plans(store.conn) if p.key == "hengshui"))


def test_a_change_in_one_window_reaches_the_other_through_its_socket(organisation):
    with organisation.open("mz") as clerk, organisation.open("coord") as coordinator:
        heard: list[Changes] = []
        coordinator.subscribe(heard.append)
        plan = hengshui(clerk)
        task = plan.tasks[2].id
        submit_report(clerk, plan, Report(task_id=task, office=OFFICE, period="2021Q3", value=1.0))
        socket = coordinator.changes_socket()
        assert socket is not None
        readable, _, _ = select.select([socket], [], [], 5)
        assert readable, "the coordinator's window was not told within 5 seconds"
        received = coordinator.receive_changes()
        assert received.progress == {task} and heard == [received]
        # The writer's own window heard its write when it committed, not a second time from the server.
        clerk_heard: list[Changes] = []
        clerk.subscribe(clerk_heard.append)
        select.select([clerk.changes_socket()], [], [], 0.5)
        assert not clerk.receive_changes() and clerk_heard == []


def _enter(url: str, task_id: int, clerk: int, entries: int, start, queue) -> None:
    from planner.store.server.store import open_server_store

    conflicts = 0
    with open_server_store(url, password=PASSWORD, listen=False) as store:
        plan = hengshui(store)
        start.wait(60)  # every clerk ready before anyone types
        for n in range(entries):
            while True:
                seen = current_report(store, task_id, OFFICE, "2021Q3")
                value = float(clerk * 1000 + n)
                try:
                    submit_report(store, plan, Report(task_id=task_id, office=OFFICE, period="2021Q3", value=value,
                                                      narrative=f"第{clerk}位 第{n}次"),
                                  based_on=seen.revision if seen else 0)
                    break
                except StaleWriteError:
                    conflicts += 1  # as the window does: read the latest, then enter again
    queue.put(conflicts)


def test_several_processes_entering_the_same_report_at_once_lose_no_revision(organisation):
    with organisation.open("coord", listen=False) as coordinator:
        task_id = hengshui(coordinator).tasks[1].id
    clerks, entries = 4, 15
    context = multiprocessing.get_context("spawn")
    queue, start = context.Queue(), context.Barrier(clerks)
    workers = [context.Process(target=_enter, args=(organisation.url("mz"), task_id, c, entries, start, queue))
               for c in range(clerks)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
        assert worker.exitcode == 0
    conflicts = sum(queue.get(timeout=5) for _ in workers)
    with organisation.open("coord", listen=False) as coordinator:
        history = report_history(coordinator.conn, task_id, OFFICE, "2021Q3")
    assert [r.revision for r in history] == list(range(1, clerks * entries + 1))
    typed = [float(c * 1000 + n) for c in range(clerks) for n in range(entries)]
    assert sorted(r.value for r in history) == sorted(typed)
    assert conflicts > 0, "the clerks never met: the test proved nothing about concurrent entry"


def test_an_edit_checked_against_a_row_another_session_is_writing_waits_for_it_then_is_refused(organisation):
    """The check and the write are one step: an edit that read the row while another session's write to it
    was still open must not pass the check and then overwrite that write once it commits."""
    import threading
    import time

    from planner.plans.structure import update_plan
    from planner.store.server.admin import add_account

    add_account(organisation.admin_url, organisation.account("coord2"), "coordinator", PASSWORD)
    with organisation.open("coord", listen=False) as first, organisation.open("coord2", listen=False) as second:
        plan = hengshui(second)
        seen = {"title": plan.title, "doc_no": plan.doc_no}
        outcome: list[object] = []

        def save_in_the_second_window() -> None:
            try:
                outcome.append(update_plan(second, plan.id, dict(seen, title="第二位协调员的标题"), seen))
            except StaleWriteError as exc:
                outcome.append(exc)

        with first.transaction() as writer:
            writer.update("plans", plan.id, {"doc_no": "衡政办字〔2020〕34号"})
            waiting = threading.Thread(target=save_in_the_second_window)
            waiting.start()
            time.sleep(1.0)
            assert waiting.is_alive() and outcome == [], "the second edit did not wait for the open write"
        waiting.join(10)
        assert len(outcome) == 1 and isinstance(outcome[0], StaleWriteError)
        assert organisation.account("coord") in str(outcome[0])
        stored = load_plan(first.conn, plan.id)
        assert (stored.title, stored.doc_no) == (plan.title, "衡政办字〔2020〕34号")
