"""No lost update on targets, offices and plan properties: two coordinators' windows on one database,
the second typing over what the first changed since it was shown. The second write is refused naming the
first writer and when, and the first writer's value stays; a write without `seen` (the command line, an
import) goes through as before."""

from __future__ import annotations

import sqlite3

import pytest

from planner.domain.errors import StaleWriteError
from planner.offices.edit import merge_offices, rename_office, set_division_code, set_office_kind
from planner.offices.register import add_office, delete_office, set_office_kinds
from planner.plans.structure import add_section, add_task, create_plan, rename_section, update_plan
from planner.plans.task_edit import set_target
from planner.store import Actor, Store
from planner.store.queries import list_offices, load_plan, load_task

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
