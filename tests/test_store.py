"""Storage: schema, audited writes, transactions, the writer lock, refusing newer databases."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from planner.domain.errors import DatabaseError, DatabaseInUseError, NewerSchemaError
from planner.domain.model import Plan, Target, Task
from planner.store import open_store
from planner.store.plans import insert_plan
from planner.store.queries import load_plan
from planner.store.schema import LATEST_VERSION
from tests.conftest import TEST_ACTOR

ROOT = Path(__file__).resolve().parent.parent


def small_plan() -> Plan:
    plan = Plan(title="测试计划", first_year=2020, last_year=2022)
    plan.tasks = [
        Task(name="养老院长培训", seq="1", lead=["市民政局"], co=["市財政局", "市人社局"],
             targets=[Target(period="2020", text="50名", value=50, unit="名", comparator=">=", kind="increment")]),
    ]
    return plan


def test_new_database_has_current_schema_wal_and_foreign_keys(store):
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"plans", "sections", "tasks", "offices", "task_offices", "targets", "reports", "audit"} <= tables


@pytest.mark.both_backends
def test_plan_round_trip_normalises_office_names(store):
    with store.transaction() as w:
        plan_id = insert_plan(w, small_plan())
    plan = load_plan(store.conn, plan_id)
    task = plan.tasks[0]
    assert task.lead == ["市民政局"]
    # Traditional 財 is stored as simplified 财: one office, whichever way it was typed.
    assert task.co == ["市财政局", "市人社局"]
    assert task.targets[0].value == 50 and task.targets[0].unit == "名"


@pytest.mark.both_backends
def test_every_write_leaves_an_audit_row_with_old_and_new(store):
    with store.transaction() as w:
        plan_id = insert_plan(w, small_plan())
    with store.transaction() as w:
        w.update("plans", plan_id, {"title": "新标题"})
    row = store.conn.execute(
        "SELECT * FROM audit WHERE table_name = 'plans' AND action = 'update' AND row_id = ?", (plan_id,)
    ).fetchone()
    assert json.loads(row["old"]) == {"title": "测试计划"}
    assert json.loads(row["new"]) == {"title": "新标题"}
    if store.is_server:  # on a server the actor is the account that signed in, and the server writes it
        assert row["actor_person"] == row["account"] == "postgres"
    else:
        assert row["actor_person"] == "测试员" and row["actor_office"] == "市民政局"
    bulk = store.conn.execute("SELECT new FROM audit WHERE table_name = 'tasks' AND action = 'bulk'").fetchone()
    assert json.loads(bulk["new"])["count"] == 1


@pytest.mark.both_backends
def test_update_without_a_change_writes_nothing(store):
    with store.transaction() as w:
        plan_id = insert_plan(w, small_plan())
        before = store.conn.execute("SELECT count(*) FROM audit").fetchone()[0]
        assert w.update("plans", plan_id, {"title": "测试计划"}) is False
    assert store.conn.execute("SELECT count(*) FROM audit").fetchone()[0] == before


@pytest.mark.both_backends
def test_failed_transaction_leaves_no_trace(store):
    with pytest.raises(RuntimeError):
        with store.transaction() as w:
            insert_plan(w, small_plan())
            raise RuntimeError("interrupted")
    assert store.conn.execute("SELECT count(*) FROM plans").fetchone()[0] == 0
    assert store.conn.execute("SELECT count(*) FROM audit WHERE action != 'upgrade'").fetchone()[0] == 0


def test_second_writer_in_another_process_is_refused(store, tmp_db):
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(tmp_db), "demo"],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )
    assert result.returncode == 1
    assert "已在另一个窗口中打开" in result.stderr
    assert "Traceback" not in result.stderr
    assert store.conn.execute("SELECT count(*) FROM plans").fetchone()[0] == 0


def test_second_writer_in_the_same_process_is_refused(store, tmp_db):
    with pytest.raises(DatabaseInUseError):
        open_store(tmp_db, TEST_ACTOR)


def test_reader_may_open_while_a_writer_holds_the_database(store, tmp_db):
    with store.transaction() as w:
        insert_plan(w, small_plan())
    with open_store(tmp_db, readonly=True) as reader:
        assert reader.conn.execute("SELECT title FROM plans").fetchone()[0] == "测试计划"
        with pytest.raises(DatabaseError):
            with reader.transaction():
                pass


def test_lock_is_released_on_close(tmp_db):
    open_store(tmp_db, TEST_ACTOR).close()
    with open_store(tmp_db, TEST_ACTOR) as again:
        assert again.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION


def test_database_from_a_newer_version_is_refused_untouched(tmp_db):
    conn = sqlite3.connect(tmp_db)
    conn.execute("CREATE TABLE future (x)")
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.commit()
    conn.close()
    before = tmp_db.read_bytes()
    with pytest.raises(NewerSchemaError, match="更新版本"):
        open_store(tmp_db, TEST_ACTOR)
    assert tmp_db.read_bytes() == before


def test_foreign_sqlite_database_is_refused(tmp_db):
    conn = sqlite3.connect(tmp_db)
    conn.execute("CREATE TABLE customers (name)")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseError, match="不是本程序的数据库"):
        open_store(tmp_db, TEST_ACTOR)


def test_file_that_is_not_a_database_is_refused(tmp_db):
    tmp_db.write_bytes(b"%PDF-1.7 this is not a database" * 100)
    with pytest.raises(DatabaseError, match="无法打开数据库"):
        open_store(tmp_db, TEST_ACTOR)


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_a_lock_left_by_a_killed_process_does_not_block_the_next_start(tmp_db):
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; sys.path.insert(0, sys.argv[2]);"
         "from planner.store import open_store; s = open_store(sys.argv[1]); print('open', flush=True); time.sleep(60)",
         str(tmp_db), str(Path(__file__).resolve().parents[1])],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(DatabaseInUseError):
            open_store(tmp_db, TEST_ACTOR)
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(timeout=30)
    finally:
        if holder.poll() is None:
            holder.kill()
    with open_store(tmp_db, TEST_ACTOR) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

