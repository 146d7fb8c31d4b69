"""What each account may do, enforced by the server itself: every forbidden write is made straight
through the store's writer, past the program's own checks, and the server refuses it."""

from __future__ import annotations

import pytest

from planner.domain.errors import DatabaseError, PasswordRequiredError, PermissionRefusedError
from planner.domain.model import Report
from planner.progress.entry import review_report, submit_report
from planner.store.queries import list_plans, load_plan
from planner.store.reports import record_report
from planner.store.server.admin import init_database
from planner.store.server.store import open_server_store
from planner.store.signing import signing_key
from tests.server_organisation import OFFICE, OTHER_OFFICE, PASSWORD

PERIOD = "2021Q3"


def hengshui(store):
    return load_plan(store.conn, next(p.id for p in list_plans(store.conn) if p.key == "hengshui"))


def counts(store) -> tuple[int, ...]:
    return tuple(store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                 for table in ("plans", "tasks", "targets", "reports", "audit"))


def test_an_office_enters_its_own_progress_and_the_audit_names_its_account(organisation):
    with organisation.open("mz") as clerk:
        assert (clerk.kind, clerk.office) == ("office", OFFICE)
        plan = hengshui(clerk)
        recorded, added = submit_report(clerk, plan, Report(task_id=plan.tasks[0].id, office=OFFICE, period=PERIOD,
                                                            value=2.0, narrative="已开工"), based_on=0)
        assert added and recorded.reporter == organisation.account("mz")
        row = clerk.conn.execute("SELECT actor_person, actor_office, account FROM audit WHERE table_name = 'reports'"
                                 " AND row_id = ?", (recorded.id,)).fetchone()
        assert tuple(row) == (organisation.account("mz"), OFFICE, organisation.account("mz"))


def test_an_office_cannot_write_another_offices_report(organisation):
    with organisation.open("cz") as clerk:
        plan = hengshui(clerk)
        before = counts(clerk)
        with pytest.raises(PermissionRefusedError, match="权限"), clerk.transaction() as writer:
            record_report(writer, Report(task_id=plan.tasks[0].id, office=OFFICE, period=PERIOD, value=1.0))
        assert counts(clerk) == before


def test_an_office_cannot_report_on_a_task_it_is_not_responsible_for(organisation):
    with organisation.open("cz") as clerk:
        plan = hengshui(clerk)
        foreign = next(t for t in plan.tasks if OTHER_OFFICE not in t.lead + t.co)
        with pytest.raises(PermissionRefusedError), clerk.transaction() as writer:
            record_report(writer, Report(task_id=foreign.id, office=OTHER_OFFICE, period=PERIOD, value=1.0))


@pytest.mark.parametrize("write", ["edit plan", "delete task", "add target", "accept a report", "withdraw another's",
                                   "add an office"])
def test_an_office_cannot_touch_plans_targets_or_reviews(organisation, write):
    with organisation.open("coord") as coordinator:
        plan = hengshui(coordinator)
        entered, _ = submit_report(coordinator, plan, Report(task_id=plan.tasks[0].id, office=OFFICE, period=PERIOD,
                                                             value=5.0))
    with organisation.open("cz") as clerk:
        before = counts(clerk)
        with pytest.raises(PermissionRefusedError):
            if write == "accept a report":
                review_report(clerk, entered.id, "accepted")
            else:
                with clerk.transaction() as writer:
                    if write == "edit plan":
                        writer.update("plans", plan.id, {"title": "改过的标题"})
                    elif write == "delete task":
                        writer.delete("tasks", plan.tasks[-1].id)
                    elif write == "add target":
                        writer.insert("targets", {"task_id": plan.tasks[0].id, "period": "2022", "text": "100个",
                                                  "kind": "text"})
                    elif write == "withdraw another's":
                        writer.delete("reports", entered.id)
                    else:
                        writer.insert("offices", {"name": "市体育局"})
        assert counts(clerk) == before


def test_an_office_cannot_read_the_workbook_signing_key(organisation):
    with organisation.open("mz") as clerk, pytest.raises(DatabaseError):
        signing_key(clerk.conn)


def test_the_coordinator_edits_plans_and_a_reader_only_reads(organisation):
    with organisation.open("coord") as coordinator:
        plan = hengshui(coordinator)
        with coordinator.transaction() as writer:
            writer.update("plans", plan.id, {"title": "衡水市养老服务实施方案（修订）"})
        assert len(signing_key(coordinator.conn)) == 32
    with organisation.open("look") as reader:
        assert reader.readonly and hengshui(reader).title == "衡水市养老服务实施方案（修订）"
        with pytest.raises(DatabaseError, match="只能查看"), reader.transaction():
            pass
        # Past the program's own refusal, the server refuses too.
        with pytest.raises(PermissionRefusedError):
            reader.conn.execute("UPDATE plans SET title = 'x'")


def test_a_wrong_password_and_another_organisations_database_are_refused(organisation, pg_cluster):
    with pytest.raises(PasswordRequiredError):
        organisation.open("mz", password="不是这个密码")
    pg_cluster.sql("CREATE DATABASE other_org")
    init_database(pg_cluster.url("other_org"))
    with pytest.raises(DatabaseError, match="permission denied for database"):
        open_server_store(pg_cluster.tcp_url("other_org", organisation.account("mz")), password=PASSWORD)


def test_the_server_keeps_a_scram_verifier_never_the_password(organisation, pg_cluster):
    import psycopg

    with psycopg.connect(pg_cluster.url("postgres"), autocommit=True) as admin:
        stored = admin.execute("SELECT rolpassword FROM pg_authid WHERE rolname = %s",
                               (organisation.account("mz"),)).fetchone()[0]
    assert stored.startswith("SCRAM-SHA-256$4096:") and PASSWORD not in stored
