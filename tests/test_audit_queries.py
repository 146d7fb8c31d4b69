"""The audit log read back: filters by task, office, person and date, and old → new in words."""

from __future__ import annotations

import pytest

import planner.store.audit as audit_module
from planner.domain.errors import InputError
from planner.domain.model import Plan, Report, Task
from planner.progress.entry import attach_file, review_report, submit_report, withdraw_revision
from planner.store import Actor
from planner.store.audit_queries import AuditFilter, find_audit
from planner.store.audit_text import change_lines, describe
from planner.store.plans import insert_plan
from planner.store.queries import list_plans, load_plan

pytestmark = pytest.mark.both_backends  # the store on an SQLite file and on a PostgreSQL server

OFFICE = "市自然资源和规划局"
PERIOD = "2021Q3"


@pytest.fixture
def hengshui(demo_store):
    return load_plan(demo_store.conn, next(p.id for p in list_plans(demo_store.conn) if p.key == "hengshui"))


def submit(store, plan, task_index=0, **changes):
    values = dict(task_id=plan.tasks[task_index].id, office=OFFICE, period=PERIOD, value=3.0, narrative="已建成")
    values.update(changes)
    return submit_report(store, plan, Report(**values))[0]


def test_a_changed_report_reads_as_old_to_new_newest_first(demo_store, hengshui):
    first = submit(demo_store, hengshui, value=3.0)
    second = submit(demo_store, hengshui, value=4.0, narrative="已建成并投入运营")
    review_report(demo_store, second.id, "returned", "数值与台账不符")

    entries = find_audit(demo_store.conn, AuditFilter(task_id=hengshui.tasks[0].id))

    review, revision, original = entries[:3]
    assert describe(review) == f"修改 填报 #{second.id}：审核 已提交 → 已退回；审核意见 （空） → 数值与台账不符"
    assert "完成数值 3 → 4" in change_lines(revision)
    assert "进展情况 已建成 → 已建成并投入运营" in change_lines(revision)
    assert describe(revision).startswith(f"新增 填报 #{second.id}（第 2 版）：")
    assert describe(original).startswith(f"新增 填报 #{first.id}：完成数值 3；进展情况 已建成")
    assert [e.id for e in entries] == sorted((e.id for e in entries), reverse=True)
    assert (review.person, review.office) == (demo_store.actor.person, demo_store.actor.office)
    assert hengshui.tasks[0].name in review.subject and "2021年第三季度" in review.subject


def test_a_withdrawn_revision_shows_what_was_deleted(demo_store, hengshui):
    submit(demo_store, hengshui, value=3.0)
    second = submit(demo_store, hengshui, value=5.0)
    withdraw_revision(demo_store, second.id)
    latest = find_audit(demo_store.conn, AuditFilter(task_id=hengshui.tasks[0].id))[0]
    assert latest.action == "delete"
    assert describe(latest).startswith(f"删除 填报 #{second.id}：完成数值 5")
    assert latest.changes[0].new is None


def test_the_task_filter_finds_the_task_its_assignments_targets_reports_and_evidence(demo_store, hengshui, tmp_path):
    task, other = hengshui.tasks[0], hengshui.tasks[1]
    evidence = tmp_path / "验收报告.pdf"
    evidence.write_bytes(b"%PDF-1.4")
    attach_file(demo_store, task.id, OFFICE, PERIOD, evidence)
    mine = submit(demo_store, hengshui, value=3.0)
    theirs = submit(demo_store, hengshui, task_index=1, value=8.0)

    entries = find_audit(demo_store.conn, AuditFilter(task_id=task.id))
    described = [describe(e) for e in entries]

    assert any(d.startswith("批量新增 任务") for d in described)
    assert any(d.startswith("批量新增 责任分工") for d in described)
    assert any(d.startswith("批量新增 目标") for d in described)
    assert any(e.table == "attachments" and "文件名 验收报告.pdf" in change_lines(e) for e in entries)
    reports = {e.row_id for e in entries if e.table == "reports"}
    assert mine.id in reports and theirs.id not in reports
    other_reports = {e.row_id for e in find_audit(demo_store.conn, AuditFilter(task_id=other.id))
                     if e.table == "reports"}
    assert theirs.id in other_reports and mine.id not in other_reports


def test_a_reused_task_id_does_not_inherit_the_history_of_the_deleted_task(demo_store, hengshui):
    harbin = next(p for p in list_plans(demo_store.conn) if p.key == "harbin")
    old_task_ids = {t.id for t in load_plan(demo_store.conn, harbin.id).tasks}
    reported = next(t for t in sorted(old_task_ids)
                    if any(e.table == "reports" for e in find_audit(demo_store.conn, AuditFilter(task_id=t))))
    with demo_store.transaction() as writer:
        writer.delete("plans", harbin.id, "替换计划")
    replacement = Plan(title="新计划", first_year=2021, last_year=2021,
                       tasks=[Task(name=f"新任务{i}", seq=str(i), lead=[OFFICE]) for i in range(len(old_task_ids))])
    with demo_store.transaction() as writer:
        insert_plan(writer, replacement)
    assert reported in {t.id for t in replacement.tasks}

    entries = find_audit(demo_store.conn, AuditFilter(task_id=reported))
    assert [e.action for e in entries if e.table == "reports"] == []
    assert any(e.table == "tasks" and e.action == "bulk" for e in entries)


@pytest.mark.file_only("on a server the actor is the signed-in account, not the names chosen in 设置")
def test_the_office_filter_finds_what_the_office_did_and_the_reports_about_it(demo_store, hengshui):
    about_office = submit(demo_store, hengshui, value=3.0)
    demo_store.actor = Actor(person="王五", office="市财政局")
    review_report(demo_store, about_office.id, "accepted")

    # Typed in full-width and traditional characters, as a clerk's input method may leave it.
    found = find_audit(demo_store.conn, AuditFilter(office="市自然資源和規劃局 "))
    assert {(e.table, e.row_id, e.action) for e in found} >= {("reports", about_office.id, "insert"),
                                                               ("reports", about_office.id, "update")}
    assert all(e.table in ("reports", "attachments", "targets", "task_offices", "offices") for e in found)

    acting = find_audit(demo_store.conn, AuditFilter(office="市财政局"))
    assert [describe(e) for e in acting if e.person == "王五"] == [
        f"修改 填报 #{about_office.id}：审核 已提交 → 已通过"]
    assert find_audit(demo_store.conn, AuditFilter(office="不存在的单位")) == []


@pytest.mark.file_only("on a server the actor is the signed-in account, not the names chosen in 设置")
def test_the_person_filter_matches_part_of_a_name(demo_store, hengshui):
    demo_store.actor = Actor(person="张小明", office=OFFICE)
    submitted = submit(demo_store, hengshui)
    found = find_audit(demo_store.conn, AuditFilter(person="小明"))
    assert [(e.table, e.row_id) for e in found] == [("reports", submitted.id)]
    assert find_audit(demo_store.conn, AuditFilter(person="没有这个人")) == []


def test_dates_are_inclusive_at_both_ends(demo_store, hengshui, monkeypatch):
    stamps = iter(["2021-07-01T08:00:00", "2021-07-15T23:59:59", "2021-07-16T00:00:00"])
    monkeypatch.setattr(audit_module, "now_text", lambda: next(stamps))
    for value in (1.0, 2.0, 3.0):
        submit(demo_store, hengshui, value=value)
    task = hengshui.tasks[0].id

    def values(first, last):
        found = find_audit(demo_store.conn, AuditFilter(task_id=task, date_from=first, date_to=last))
        return [c.new for e in found for c in e.changes if c.field == "value"]

    assert values("2021-07-01", "2021-07-15") == [2.0, 1.0]
    assert values("2021-07-16", "2021-07-16") == [3.0]
    assert values(None, "2021-06-30") == []
    with pytest.raises(InputError, match="晚于"):
        values("2021-07-16", "2021-07-01")
    with pytest.raises(InputError, match="不是有效日期"):
        values("2021/07/01", None)


def test_the_limit_keeps_the_newest(demo_store, hengshui):
    for value in (1.0, 2.0, 3.0):
        submit(demo_store, hengshui, value=value)
    newest_two = find_audit(demo_store.conn, AuditFilter(task_id=hengshui.tasks[0].id, limit=2))
    assert [c.new for e in newest_two for c in e.changes if c.field == "value"] == [3.0, 2.0]


def test_schema_upgrades_and_bulk_inserts_are_described(demo_store):
    described = [describe(e) for e in find_audit(demo_store.conn, AuditFilter())]
    assert "升级 数据库结构：版本 0 → 1" in described
    assert any(d.startswith("批量新增 任务 8 条（#1–#8）") for d in described)


def test_on_a_server_the_person_is_the_account_whatever_the_settings_say(organisation):
    with organisation.open("mz") as clerk:
        clerk.actor = Actor(person="张小明", office="市财政局")  # what 设置 would set
        plan = load_plan(clerk.conn, next(p.id for p in list_plans(clerk.conn) if p.key == "hengshui"))
        submitted, _ = submit_report(clerk, plan, Report(task_id=plan.tasks[0].id, office="市民政局",
                                                         period=PERIOD, value=1.0))
        account = organisation.account("mz")
        assert find_audit(clerk.conn, AuditFilter(person="小明")) == []
        found = find_audit(clerk.conn, AuditFilter(person=account[2:]))
        assert [(e.table, e.row_id, e.person, e.office) for e in found] == [
            ("reports", submitted.id, account, "市民政局")]
