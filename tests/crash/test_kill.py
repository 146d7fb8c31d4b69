"""Kill a working process with SIGKILL at random moments: the database must stay whole.

After every kill the database passes `integrity_check`, holds each interrupted
operation either completely or not at all, and has lost nothing written before.
The kill moments are drawn from a seeded generator, so a failure can be replayed.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from planner.app.demo import load_demo
from planner.store import open_store
from tests.conftest import TEST_ACTOR
from tests.sheets.builders import messy_appendix

pytestmark = [pytest.mark.crash, pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")]

CHILD = Path(__file__).with_name("child.py")
SEED = 20261123
KILLS_PER_PATH = 40
COLLECT_KILLS = 30
MAX_DELAY = 1.2  # seconds after the child is ready; past a few operations, to land anywhere in one
EXPECTED_TASKS = 3  # the messy appendix


def template(tmp_path: Path) -> Path:
    db = tmp_path / "template.sqlite3"
    with open_store(db, TEST_ACTOR) as store:
        load_demo(store)
    return db


def snapshot(db: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(db)
    try:
        return {table: conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
                for table in ("plans", "tasks", "targets", "reports", "offices")}
    finally:
        conn.close()


def kill_at_random(db: Path, operation: str, argument: str, delay: float) -> int:
    """Start the child, let it work `delay` seconds after it is ready, kill it; the operations it finished."""
    child = subprocess.Popen([sys.executable, str(CHILD), str(db), operation, argument], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "ready", child.stderr.read()
        time.sleep(delay)
        os.kill(child.pid, signal.SIGKILL)
        output = child.stdout.read()
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    return len(output.splitlines())


def check_whole(db: Path, before: dict[str, list[tuple]]) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()
    after = snapshot(db)
    for table, rows in before.items():
        assert after[table][:len(rows)] == rows, f"rows of {table} written before the kill changed"
    return after


def run_kills(tmp_path: Path, operation: str, argument: str, check) -> tuple[int, int]:
    rng = random.Random(f"{SEED}-{operation}")
    db = tmp_path / f"{operation}.sqlite3"
    shutil.copy(template(tmp_path), db)
    failures = 0
    for _ in range(KILLS_PER_PATH):
        before = snapshot(db)
        kill_at_random(db, operation, argument, rng.uniform(0, MAX_DELAY))
        try:
            check(before, check_whole(db, before))
        except AssertionError:
            failures += 1
            raise
    return KILLS_PER_PATH, failures


def test_killing_imports_leaves_whole_plans_only(tmp_path):
    workbook = messy_appendix(tmp_path / "附件1.xlsx")

    def whole_plans(before, after):
        conn = sqlite3.connect(tmp_path / "import.sqlite3")
        counts = conn.execute("SELECT p.id, count(t.id) FROM plans p LEFT JOIN tasks t ON t.plan_id = p.id"
                              " WHERE p.key IS NULL GROUP BY p.id").fetchall()
        conn.close()
        assert all(tasks == EXPECTED_TASKS for _plan, tasks in counts), counts
        assert len(after["plans"]) >= len(before["plans"])

    kills, failures = run_kills(tmp_path, "import", str(workbook), whole_plans)
    print(f"\nimport: {kills} kills, {failures} failures")
    assert failures == 0


def test_killing_progress_entry_leaves_each_report_with_its_audit_row(tmp_path):
    def one_revision_per_audit_row(before, after):
        conn = sqlite3.connect(tmp_path / "edit.sqlite3")
        audited = conn.execute("SELECT count(*) FROM audit WHERE table_name = 'reports' AND action = 'insert'")
        reports = conn.execute("SELECT count(*) FROM reports").fetchone()[0]
        audit_rows = audited.fetchone()[0]
        revisions = conn.execute("SELECT revision FROM reports WHERE task_id = 1 AND period = '2020Q1'"
                                 " AND office_id = (SELECT id FROM offices WHERE name = '市自然资源和规划局')"
                                 " ORDER BY revision").fetchall()
        conn.close()
        assert reports == audit_rows
        assert [r[0] for r in revisions] == list(range(1, len(revisions) + 1))

    kills, failures = run_kills(tmp_path, "edit", "1", one_revision_per_audit_row)
    print(f"\nedit: {kills} kills, {failures} failures")
    assert failures == 0


def test_killing_a_collect_leaves_each_return_whole(tmp_path):
    import openpyxl

    from planner.exchange import form_layout as layout
    from planner.exchange.fill_in import make_forms
    from tests.exchange.forms import NARRATIVE, VALUE, fill_form, task_rows

    db = tmp_path / "collect.sqlite3"
    shutil.copy(template(tmp_path), db)
    folder = tmp_path / "returns"
    with open_store(db, TEST_ACTOR) as store:
        made = make_forms(store, 2, "2015Q4", folder / "blank")
    sizes = {}
    for number, form in enumerate(made):
        sequences = list(task_rows(openpyxl.load_workbook(form.path)[layout.SHEET_TITLE]))
        filled = fill_form(form.path, folder / form.path.name,
                           {seq: {VALUE: number + 1, NARRATIVE: "已按计划推进"} for seq in sequences})
        sizes[filled.name] = len(sequences)

    def whole_returns(before, after):
        conn = sqlite3.connect(db)
        per_file = conn.execute("SELECT source_hash, count(*) FROM reports WHERE source = 'workbook'"
                                " GROUP BY source_hash").fetchall()
        conn.close()
        assert all(count in sizes.values() for _hash, count in per_file), per_file

    rng = random.Random(f"{SEED}-collect")
    for _ in range(COLLECT_KILLS):
        before = snapshot(db)
        kill_at_random(db, "collect", str(folder), rng.uniform(0, MAX_DELAY))
        whole_returns(before, check_whole(db, before))
    conn = sqlite3.connect(db)
    collected = conn.execute("SELECT count(DISTINCT source_hash) FROM reports WHERE source = 'workbook'").fetchone()[0]
    conn.close()
    assert collected > 0  # the children did get returns in between the kills
    print(f"\ncollect: {COLLECT_KILLS} kills, 0 failures ({collected} of {len(sizes)} returns collected)")
