"""Kill a restore at any moment: the database holds either what it held before, or the
restored copy together with the change-log row that records the restore, never one without the other.

Two backups are restored: an older-version copy (tests/data/schema-v5.sqlite3, which the restore
also upgrades) and a copy of the current version with one report more than the database. The
child is killed before each SQL statement of one restore in turn (on every connection the
restore opens), then at seeded random moments while it restores the two copies again and again.
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
from planner.domain.model import Report
from planner.progress.entry import submit_report
from planner.store import open_store
from planner.store.backup import copy_database
from planner.store.queries import list_plans, load_plan
from tests.conftest import TEST_ACTOR

pytestmark = [pytest.mark.hostile, pytest.mark.crash, pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")]

CHILD = Path(__file__).with_name("restore_child.py")
SAMPLE_V5 = Path(__file__).parents[1] / "data" / "schema-v5.sqlite3"
SEED = 20261207
RANDOM_KILLS = 30
MAX_DELAY = 0.8  # seconds after the child is ready: several restores, so a kill lands anywhere in one
MAX_STATEMENTS = 500  # a restore that ran this many statements without finishing is a bug of its own
ACTION, TABLE_NAME, NOTE = 4, 5, 9  # columns of an audit row

Tables = dict[str, list[tuple]]


def tables(path: Path) -> Tables:
    """Every row of every table; opened for writing, so that a WAL the kill left behind is recovered."""
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        names = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {name: conn.execute(f"SELECT * FROM {name} ORDER BY rowid").fetchall() for name in names}
    finally:
        conn.close()


def _as_in(copy_rows: list[tuple], rows: list[tuple]) -> list[tuple]:
    """`rows` with only the columns the copy's rows have: a column an upgrade adds (tasks.origin) is no change."""
    width = len(copy_rows[0]) if copy_rows else None
    return [row[:width] for row in rows] if width is not None else rows


def restored(after: Tables, before: Tables, backup: Path, content: Tables) -> bool:
    """Whether `after` is `backup` restored: its rows, any upgrade rows, then exactly one restore row;
    a table the copy does not have (one an upgrade adds) is as it was before the restore, and a column
    an upgrade adds is left out of the comparison."""
    theirs = content["audit"]
    if after["audit"][:len(theirs)] != theirs:
        return False
    added = after["audit"][len(theirs):]
    if not added or any(row[ACTION] != "upgrade" for row in added[:-1]):
        return False
    last = added[-1]
    if (last[ACTION], last[TABLE_NAME]) != ("bulk", "database") or backup.name not in last[NOTE]:
        return False
    return all(_as_in(content[name], rows) == content[name] if name in content else rows == before.get(name)
               for name, rows in after.items() if name != "audit")


def check(db: Path, before: Tables, backups: dict[Path, Tables]) -> str:
    """'old' when the database is as it was, else the name of the backup it now holds restored with its
    row; fails on anything else."""
    after = tables(db)
    if after == before:
        return "old"
    for backup, content in backups.items():
        if restored(after, before, backup, content):
            return backup.name
    for backup, content in backups.items():
        if all(after.get(name) == rows for name, rows in content.items() if name != "audit"):
            differing = [name for name, rows in after.items()
                         if name != "audit" and rows != content.get(name, before.get(name))]
            raise AssertionError(f"{backup.name} is there, but not as one restore: the change-log rows after its "
                                 f"own are {after['audit'][len(content['audit']):]}; other tables that differ: "
                                 f"{differing}")
    raise AssertionError("the database is neither as it was nor a restored copy")


def start(db: Path, stop: int, backups: list[Path]) -> subprocess.Popen:
    child = subprocess.Popen([sys.executable, str(CHILD), str(db), str(stop), *map(str, backups)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "ready", child.stderr.read()
    return child


@pytest.fixture
def setting(tmp_path):
    """The database (the demo plans) and the two backups to restore into it."""
    db = tmp_path / "planner.sqlite3"
    with open_store(db, TEST_ACTOR) as store:
        load_demo(store)
    older = tmp_path / "备份-旧版本.sqlite3"
    shutil.copy(SAMPLE_V5, older)
    shadow = tmp_path / "shadow.sqlite3"
    shutil.copy(db, shadow)
    with open_store(shadow, TEST_ACTOR) as store:
        plan = load_plan(store.conn, list_plans(store.conn)[0].id)
        task = plan.tasks[0]
        submit_report(store, plan, Report(task_id=task.id, office=task.lead[0], period="2021Q3", value=9.0))
        newer = copy_database(store.conn, tmp_path / "备份-多一条填报.sqlite3")
    backups = {path: tables(path) for path in (older, newer)}
    return db, backups


def test_a_restore_killed_before_any_statement_is_all_or_nothing(setting):
    db, backups = setting
    outcomes, statements = [], []
    for backup, content in backups.items():
        for stop in range(1, MAX_STATEMENTS):
            before = tables(db)
            child = start(db, stop, [backup])
            output = child.stdout.read()
            child.wait(timeout=60)
            state = check(db, before, backups)
            if child.returncode != -signal.SIGKILL:
                assert child.returncode == 0 and output.startswith("finished"), child.stderr.read()
                # Restored over the same copy restored in the same second, the database can be identical.
                assert state == backup.name or restored(before, before, backup, content)
                statements.append(int(output.split()[1]))
                break
            outcomes.append(state)
        else:
            raise AssertionError(f"restoring {backup.name} did not finish within {MAX_STATEMENTS} statements")
    print(f"\nrestore: {len(outcomes)} kills before a statement (restores of {' and '.join(map(str, statements))} "
          f"statements), {outcomes.count('old')} left the database as it was, "
          f"{len(outcomes) - outcomes.count('old')} held the copy restored with its row, 0 failures")
    assert "old" in outcomes and len(set(outcomes)) > 1


def test_a_restore_killed_at_random_moments_is_all_or_nothing(setting):
    db, backups = setting
    rng = random.Random(SEED)
    states, finished = [], 0
    for _ in range(RANDOM_KILLS):
        before = tables(db)
        child = start(db, 0, list(backups))
        time.sleep(rng.uniform(0, MAX_DELAY))
        os.kill(child.pid, signal.SIGKILL)
        finished += len(child.stdout.read().splitlines())
        child.wait(timeout=30)
        assert child.returncode == -signal.SIGKILL
        states.append(check(db, before, backups))
    print(f"\nrestore: {RANDOM_KILLS} random kills, {finished} restores finished between them, 0 failures")
    assert finished > 0 and set(states) - {"old"}
