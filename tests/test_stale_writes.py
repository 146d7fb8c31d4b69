"""No lost update on targets, offices, responsible offices and plan properties: two coordinators' windows on
one database, the second typing over (or undoing over) what the first changed since it was shown. The second
write is refused naming the first writer and when, and the first writer's value stays; a write without
`seen` (the command line, an import) goes through as before."""

from __future__ import annotations

import sqlite3

import pytest

from planner.domain.errors import StaleWriteError
from planner.domain.model import Report
from planner.offices.edit import merge_offices, rename_office, revert_office_change, set_division_code, set_office_kind
from planner.offices.register import add_office, delete_office, set_office_kinds
from planner.plans.structure import add_section, add_task, create_plan, rename_section, update_plan
from planner.plans.task_edit import (
    edit_task_text,
    restore_offices,
    restore_targets,
    restore_task_text,
    set_offices,
    set_target,
)
from planner.progress.entry import review_report, submit_report, withdraw_revision
from planner.store import Actor, Store
from planner.store.queries import list_offices, load_plan, load_task, report_history
from planner.store.report_rows import review_of
from planner.store.row_history import NOT_UNDONE

pytestmark = pytest.mark.both_backends

PASSWORD = "协调密码-2024"


@pytest.fixture
def other(store, backend, tmp_db, request):
    """A second coordinator's store on the same database, signed in as someone else.

    On a server it is a second account's session. A file admits one writing window (its lock), so
    there it is a second connection to the same file past that lock, writing as another person: the
    same race the lock prevents, met by the same check."""
    if backend == "postgresql":
        from planner.store.server.admin import add_account, init_database
        from planner.store.server.location import ServerLocation
        from planner.store.server.store import open_server_store

        url = request.getfixturevalue("server_url")
        database = ServerLocation.parse(url).database
        account = f"{database}_wang"
        init_database(url)  # the roles of this copy of the template, for a coordinator's account
        add_account(url, account, "coordinator", PASSWORD)
        second = open_server_store(request.getfixturevalue("pg_cluster").tcp_url(database, account),
                                   password=PASSWORD, listen=False)
    else:
        conn = sqlite3.connect(tmp_db, isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 5000")
        second = Store(tmp_db, conn, Actor(person="王协调", office="市政府督查室"), None)
        second.readonly = False
    yield second
    second.close()


@pytest.fixture
def plan_id(store: Store) -> int:
    plan_id = create_plan(store, "养老服务体系建设三年行动方案", 2024, 2026, doc_no="某政办字〔2024〕1号")
    section = add_section(store, plan_id, "一、养老服务设施建设")
    task_id, _ = add_task(store, plan_id, section, None, "社区养老服务站")
    set_target(store, task_id, "2024", "全市新建10个")
    set_target(store, task_id, "2024", "3个", office="道里区")
    return plan_id


def last_write(store: Store, table: str, row_id: int) -> tuple[str, str]:
    """(who, when) of the row's latest audit record, as a refusal shows them."""
    row = store.conn.execute("SELECT actor_person, at FROM audit WHERE table_name = ? AND row_id = ?"
                             " ORDER BY id DESC LIMIT 1", (table, row_id)).fetchone()
    return row[0], row[1].replace("T", " ")


def names_the_writer(refused: pytest.ExceptionInfo, store: Store, table: str, row_id: int) -> bool:
    who, when = last_write(store, table, row_id)
    return f"“{who}”" in str(refused.value) and when in str(refused.value)


def test_a_target_changed_by_another_window_is_not_typed_over(store, other, plan_id):
    task = load_plan(store.conn, plan_id).tasks[0]  # what this window shows
    set_target(other, task.id, "2024", "全市新建12个", seen=load_task(other.conn, task.id).targets)
    with pytest.raises(StaleWriteError) as refused:
        set_target(store, task.id, "2024", "全市新建15个", seen=task.targets)
    target = load_task(store.conn, task.id).plan_target("2024")
    assert target is not None and target.text == "全市新建12个" and target.value == 12
    assert names_the_writer(refused, store, "targets", target.id)
    assert other.actor.person in str(refused.value) and "全市新建12个" in str(refused.value)
    # Shown the latest, the clerk's change goes through.
    assert set_target(store, task.id, "2024", "全市新建15个", seen=load_task(store.conn, task.id).targets).changed


def test_an_office_share_removed_by_another_window_is_not_typed_back(store, other, plan_id):
    task = load_plan(store.conn, plan_id).tasks[0]
    share = next(t for t in task.targets if t.office == "道里区")
    set_target(other, task.id, "2024", "", office="道里区", seen=load_task(other.conn, task.id).targets)
    with pytest.raises(StaleWriteError) as refused:
        set_target(store, task.id, "2024", "4个", office="道里区", seen=task.targets)
    assert "删除" in str(refused.value) and names_the_writer(refused, store, "targets", share.id)
    assert [t.office for t in load_task(store.conn, task.id).targets] == [None]


def test_a_target_written_without_what_was_seen_goes_through_as_before(store, other, plan_id):
    task = load_plan(store.conn, plan_id).tasks[0]
    set_target(other, task.id, "2024", "全市新建12个")
    set_target(store, task.id, "2024", "全市新建15个")  # the command line and imports give no `seen`
    target = load_task(store.conn, task.id).plan_target("2024")
    assert target is not None and target.text == "全市新建15个"


def test_an_office_renamed_by_another_window_is_not_renamed_over(store, other, plan_id):
    shown = {o.name: o for o in list_offices(store.conn)}["道里区"]
    rename_office(other, shown.id, "哈尔滨市道里区", seen=shown)
    with pytest.raises(StaleWriteError) as refused:
        rename_office(store, shown.id, "道里区人民政府", seen=shown)
    assert names_the_writer(refused, store, "offices", shown.id) and "哈尔滨市道里区" in str(refused.value)
    assert [o.name for o in list_offices(store.conn) if o.id == shown.id] == ["哈尔滨市道里区"]
    # A column the other window did not touch is still set against the office as shown.
    assert set_division_code(store, shown.id, "230102", seen=shown) is not None


def test_an_office_kind_changed_by_another_window_is_not_set_over(store, other, plan_id):
    shown = {o.name: o for o in list_offices(store.conn)}["道里区"]
    set_office_kind(other, shown.id, "other", seen=shown)
    with pytest.raises(StaleWriteError) as refused:
        set_office_kind(store, shown.id, "township", seen=shown)
    assert names_the_writer(refused, store, "offices", shown.id) and "其他" in str(refused.value)
    with pytest.raises(StaleWriteError):
        set_office_kinds(store, {shown.id: "county"}, seen=[shown])
    assert [o.kind for o in list_offices(store.conn) if o.id == shown.id] == ["other"]


def test_a_merge_of_offices_another_window_changed_is_refused(store, other, plan_id):
    duplicate = add_office(store, "道里区政府")
    shown = {o.name: o for o in list_offices(store.conn)}
    kept, merged = shown["道里区"], shown["道里区政府"]
    rename_office(other, duplicate, "道里区教育局", seen=merged)  # it was another office after all
    with pytest.raises(StaleWriteError) as refused:
        merge_offices(store, kept.id, merged.id, seen=[kept, merged])
    assert names_the_writer(refused, store, "offices", duplicate) and "道里区教育局" in str(refused.value)
    assert {o.name for o in list_offices(store.conn)} >= {"道里区", "道里区教育局"}


def test_deleting_an_office_another_window_merged_away_names_who_merged_it(store, other, plan_id):
    duplicate = add_office(store, "道里区政府")
    shown = {o.name: o for o in list_offices(store.conn)}
    merge_offices(other, shown["道里区"].id, duplicate, seen=[shown["道里区"], shown["道里区政府"]])
    with pytest.raises(StaleWriteError) as refused:
        delete_office(store, duplicate, seen=shown["道里区政府"])
    assert names_the_writer(refused, store, "offices", duplicate) and "合并" in str(refused.value)


def test_plan_properties_changed_by_another_window_are_not_saved_over(store, other, plan_id):
    plan = load_plan(store.conn, plan_id)
    seen = {"title": plan.title, "doc_no": plan.doc_no, "issuer": plan.issuer, "first_year": plan.first_year,
            "last_year": plan.last_year}
    update_plan(other, plan_id, dict(seen, doc_no="某政办字〔2024〕2号"), seen)
    # This window's dialog still holds the old 文号: saving a new title would put the old 文号 back.
    with pytest.raises(StaleWriteError) as refused:
        update_plan(store, plan_id, dict(seen, title="养老服务体系建设行动方案"), seen)
    assert names_the_writer(refused, store, "plans", plan_id) and "文号" in str(refused.value)
    now = load_plan(store.conn, plan_id)
    assert (now.title, now.doc_no) == (plan.title, "某政办字〔2024〕2号")


def test_a_section_renamed_by_another_window_is_not_renamed_over(store, other, plan_id):
    section = load_plan(store.conn, plan_id).sections[0]
    rename_section(other, section.id, "一、养老服务设施", seen=section.title)
    with pytest.raises(StaleWriteError) as refused:
        rename_section(store, section.id, "一、设施建设", seen=section.title)
    assert names_the_writer(refused, store, "sections", section.id)
    assert load_plan(store.conn, plan_id).sections[0].title == "一、养老服务设施"


# Undo and redo: an undo puts back what a change replaced only while the row still holds what the change
# wrote; over another coordinator's newer value it is refused naming them, and theirs stays.


def test_undoing_a_target_over_another_windows_newer_one_is_refused(store, other, plan_id):
    task = load_plan(store.conn, plan_id).tasks[0]
    made = set_target(store, task.id, "2024", "全市新建15个", seen=task.targets)
    set_target(other, task.id, "2024", "全市新建12个", seen=load_task(other.conn, task.id).targets)
    with pytest.raises(StaleWriteError) as refused:
        restore_targets(store, task.id, task.targets, made.adjustment_id, seen=made.task.targets)
    target = load_task(store.conn, task.id).plan_target("2024")
    assert target is not None and target.text == "全市新建12个"
    assert names_the_writer(refused, store, "targets", target.id) and other.actor.person in str(refused.value)
    assert "撤销未执行" in str(refused.value)


def test_undoing_a_target_keeps_what_another_window_changed_in_another_year(store, other, plan_id):
    task = load_plan(store.conn, plan_id).tasks[0]
    made = set_target(store, task.id, "2024", "全市新建15个", seen=task.targets)
    set_target(other, task.id, "2025", "全市新建20个", seen=load_task(other.conn, task.id).targets)
    restore_targets(store, task.id, task.targets, made.adjustment_id, seen=made.task.targets)
    now = load_task(store.conn, task.id)
    assert [(t.period, t.office, t.text) for t in sorted(now.targets, key=lambda t: (t.period, t.office or ""))] == [
        ("2024", None, "全市新建10个"), ("2024", "道里区", "3个"), ("2025", None, "全市新建20个")]


def test_undoing_a_task_text_over_another_windows_newer_one_is_refused(store, other, plan_id):
    task = load_plan(store.conn, plan_id).tasks[0]
    made = edit_task_text(store, task.id, "content", "每个街道建成1个站点", seen=task.content)
    edit_task_text(other, task.id, "content", "每个街道建成2个站点", seen=made.task.content)
    with pytest.raises(StaleWriteError) as refused:
        restore_task_text(store, task.id, "content", task.content, made.adjustment_id, seen=made.task.content)
    assert load_task(store.conn, task.id).content == "每个街道建成2个站点"
    assert names_the_writer(refused, store, "tasks", task.id) and "重点内容" in str(refused.value)
    # Undoing one's own change, with nobody in between, still works.
    again = edit_task_text(store, task.id, "note", "试点先行", seen="")
    restore_task_text(store, task.id, "note", "", again.adjustment_id, seen=again.task.note)
    assert load_task(store.conn, task.id).note == ""


def test_undoing_plan_properties_over_another_windows_newer_ones_is_refused(store, other, plan_id):
    plan = load_plan(store.conn, plan_id)
    seen = {"title": plan.title, "doc_no": plan.doc_no, "issuer": plan.issuer, "first_year": plan.first_year,
            "last_year": plan.last_year}
    values = dict(seen, doc_no="某政办字〔2024〕3号 ")  # as typed: the stored 文号 is trimmed
    old = update_plan(store, plan_id, values, seen)
    update_plan(other, plan_id, dict(seen, doc_no="某政办字〔2024〕5号"), dict(seen, doc_no="某政办字〔2024〕3号"))
    with pytest.raises(StaleWriteError) as refused:
        update_plan(store, plan_id, old, values, NOT_UNDONE)
    assert names_the_writer(refused, store, "plans", plan_id) and "文号" in str(refused.value)
    assert load_plan(store.conn, plan_id).doc_no == "某政办字〔2024〕5号"


def test_responsible_offices_changed_by_another_window_are_not_set_over(store, other, plan_id):
    task = load_plan(store.conn, plan_id).tasks[0]
    set_offices(store, task.id, ["市民政局"], [])
    shown = load_task(store.conn, task.id)
    set_offices(other, task.id, ["市民政局"], ["市财政局"], seen=(shown.lead, shown.co))
    with pytest.raises(StaleWriteError) as refused:
        set_offices(store, task.id, ["市卫健委"], [], seen=(shown.lead, shown.co))
    assert other.actor.person in str(refused.value) and "市财政局" in str(refused.value)
    now = load_task(store.conn, task.id)
    assert (now.lead, now.co) == (["市民政局"], ["市财政局"])
    # A co-operating office the other window took away since is named the same way.
    set_offices(other, task.id, ["市民政局"], [], seen=(now.lead, now.co))
    with pytest.raises(StaleWriteError) as removed:
        set_offices(store, task.id, ["市民政局"], ["市财政局", "市卫健委"], seen=(now.lead, now.co))
    assert other.actor.person in str(removed.value)
    assert set_offices(store, task.id, ["市卫健委"], []).changed  # without `seen`, as the command line does


def test_undoing_responsible_offices_over_another_windows_change_is_refused(store, other, plan_id):
    task = load_plan(store.conn, plan_id).tasks[0]
    made = set_offices(store, task.id, ["市民政局"], [], seen=(task.lead, task.co))
    set_offices(other, task.id, ["市卫健委"], [], seen=(made.task.lead, made.task.co))
    with pytest.raises(StaleWriteError) as refused:
        restore_offices(store, task.id, task.lead, task.co, made.adjustment_id, seen=(made.task.lead, made.task.co))
    assert other.actor.person in str(refused.value) and "撤销未执行" in str(refused.value)
    assert load_task(store.conn, task.id).lead == ["市卫健委"]


def test_undoing_an_office_rename_over_another_windows_newer_one_names_them(store, other, plan_id):
    shown = {o.name: o for o in list_offices(store.conn)}["道里区"]
    change = rename_office(store, shown.id, "道里区人民政府", seen=shown)
    assert change is not None
    renamed = {o.name: o for o in list_offices(other.conn)}["道里区人民政府"]
    rename_office(other, shown.id, "哈尔滨市道里区", seen=renamed)
    with pytest.raises(StaleWriteError) as refused:
        revert_office_change(store, change)
    assert names_the_writer(refused, store, "offices", shown.id) and "哈尔滨市道里区" in str(refused.value)
    assert [o.name for o in list_offices(store.conn) if o.id == shown.id] == ["哈尔滨市道里区"]


# Progress: a report taken back (undo of an entry) or reviewed against what the window showed.

OFFICE = "市民政局"


@pytest.fixture
def reported(store: Store, plan_id: int):
    task_id = load_plan(store.conn, plan_id).tasks[0].id
    set_offices(store, task_id, [OFFICE], [])
    plan = load_plan(store.conn, plan_id)
    first, _ = submit_report(store, plan, Report(task_id=task_id, office=OFFICE, period="2024Q1", value=3.0))
    return plan, first


def test_taking_back_an_entry_someone_reported_on_again_since_is_refused(store, other, reported):
    plan, first = reported
    theirs, added = submit_report(other, load_plan(other.conn, plan.id),
                                  Report(task_id=first.task_id, office=OFFICE, period="2024Q1", value=5.0), based_on=1)
    assert added
    with pytest.raises(StaleWriteError) as refused:
        withdraw_revision(store, first.id)
    assert names_the_writer(refused, store, "reports", theirs.id) and NOT_UNDONE in str(refused.value)
    assert [r.value for r in report_history(store.conn, first.task_id, OFFICE, "2024Q1")] == [3.0, 5.0]


def test_taking_back_an_entry_reviewed_since_is_refused(store, other, reported):
    _plan, first = reported
    review_report(other, first.id, "returned", "请补充佐证材料", seen=("submitted", ""))
    with pytest.raises(StaleWriteError) as refused:
        withdraw_revision(store, first.id)
    assert names_the_writer(refused, store, "reports", first.id) and "退回" in str(refused.value)
    assert review_of(store.conn, first.id) == ("returned", "请补充佐证材料")


def test_undoing_a_review_over_another_reviewers_is_refused(store, other, reported):
    _plan, first = reported
    before = review_report(store, first.id, "accepted", "", seen=("submitted", ""))
    review_report(other, first.id, "returned", "数值与台账不符", seen=("accepted", ""))
    with pytest.raises(StaleWriteError) as refused:
        review_report(store, first.id, *before, seen=("accepted", ""), then=NOT_UNDONE)
    assert names_the_writer(refused, store, "reports", first.id) and NOT_UNDONE in str(refused.value)
    assert review_of(store.conn, first.id) == ("returned", "数值与台账不符")
    # An undo with nothing in between goes through.
    assert review_report(other, first.id, "accepted", "", seen=("returned", "数值与台账不符")) == \
        ("returned", "数值与台账不符")
