"""Backups, restore and damaged files: an office's year of work must survive a bad day."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

import pytest

from planner.domain.errors import DamagedDatabaseError, DatabaseError
from planner.domain.model import Report
from planner.progress.entry import attach_file, list_attachments, submit_report
from planner.store import open_store
from planner.store.backup import (
    KEEP_DAILY,
    KEEP_WEEKLY,
    automatic_backups,
    check_backup,
    copy_database,
    daily_backup,
    make_backup,
)
from planner.store.queries import list_plans, load_plan
from planner.store.restore import newest_good_backup, recover_from_backup, restore_database
from tests.conftest import TEST_ACTOR

OFFICE = "市自然资源和规划局"


def count(store, table: str) -> int:
    return store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_a_backup_carries_plans_reports_and_evidence(demo_store, tmp_path):
    evidence = tmp_path / "照片.jpg"
    evidence.write_bytes(b"photo")
    attach_file(demo_store, 1, OFFICE, "2021Q1", evidence)
    copy = copy_database(demo_store.conn, tmp_path / "elsewhere" / "备份.sqlite3")
    info = check_backup(copy)
    assert (info.plans, info.reports) == (2, count(demo_store, "reports"))
    with open_store(copy, TEST_ACTOR, readonly=True) as opened:
        assert opened.conn.execute("SELECT data FROM attachments").fetchone()[0] == b"photo"


def test_the_first_start_of_a_day_makes_one_backup(demo_store):
    monday = datetime(2026, 11, 23, 8, 30)
    assert daily_backup(demo_store.conn, demo_store.path, monday) is not None
    assert daily_backup(demo_store.conn, demo_store.path, monday + timedelta(hours=3)) is None
    assert daily_backup(demo_store.conn, demo_store.path, monday + timedelta(days=1)) is not None
    assert len(automatic_backups(demo_store.path)) == 2


def test_rotation_keeps_seven_days_and_four_weeks(demo_store):
    start = datetime(2026, 6, 1, 9, 0)
    for day in range(60):
        make_backup(demo_store.conn, demo_store.path, "daily", start + timedelta(days=day))
    kept = [when for when, _ in automatic_backups(demo_store.path)]
    assert len(kept) == KEEP_DAILY + KEEP_WEEKLY
    last = start + timedelta(days=59)
    assert kept[-KEEP_DAILY:] == [last - timedelta(days=n) for n in range(KEEP_DAILY - 1, -1, -1)]
    weeks = {when.isocalendar()[:2] for when in kept[:KEEP_WEEKLY]}
    assert len(weeks) == KEEP_WEEKLY


def test_restore_brings_back_the_copy_and_keeps_the_current_one_aside(demo_store, tmp_path):
    hengshui = load_plan(demo_store.conn, list_plans(demo_store.conn)[0].id)
    copy = copy_database(demo_store.conn, tmp_path / "备份.sqlite3")
    before = count(demo_store, "reports")
    submit_report(demo_store, hengshui, Report(task_id=hengshui.tasks[0].id, office=OFFICE, period="2021Q3",
                                               value=9.0))
    assert count(demo_store, "reports") == before + 1
    aside = restore_database(demo_store, copy)
    assert count(demo_store, "reports") == before
    assert check_backup(aside).reports == before + 1
    assert demo_store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    note = demo_store.conn.execute("SELECT note FROM audit ORDER BY id DESC LIMIT 1").fetchone()[0]
    assert "备份.sqlite3" in note and aside.name in note
    submit_report(demo_store, hengshui, Report(task_id=hengshui.tasks[0].id, office=OFFICE, period="2021Q3",
                                               value=3.0))  # the restored database takes new work


@pytest.mark.parametrize("content, message", [
    (b"not a database at all" * 100, "不是本程序的数据库"),
    (b"", "不是本程序的数据库"),
])
def test_a_bad_copy_is_refused_before_anything_is_replaced(demo_store, tmp_path, content, message):
    bad = tmp_path / "坏.sqlite3"
    bad.write_bytes(content)
    before = count(demo_store, "reports")
    with pytest.raises(DatabaseError, match=message):
        restore_database(demo_store, bad)
    assert count(demo_store, "reports") == before


def damage(path):
    """Overwrite pages in the middle of the file, as a failing disk or a bad copy would."""
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page * 3, min(len(data), page * 12), 97):
        data[offset] = (data[offset] + 91) % 256
    path.write_bytes(bytes(data))


def test_a_damaged_database_is_refused_untouched_and_recovered_from_the_newest_good_backup(tmp_path):
    db = tmp_path / "planner.sqlite3"
    with open_store(db, TEST_ACTOR) as store:
        from planner.app.demo import load_demo

        load_demo(store)
        make_backup(store.conn, db, "daily", datetime(2026, 11, 20, 9))
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    damage(db)
    damaged = db.read_bytes()
    with pytest.raises(DamagedDatabaseError, match="已损坏"):
        open_store(db, TEST_ACTOR)
    assert db.read_bytes() == damaged
    backup = newest_good_backup(db)
    assert backup is not None
    aside = recover_from_backup(db, backup)
    assert aside.read_bytes() == damaged  # kept, not deleted
    with open_store(db, TEST_ACTOR) as store:
        assert [p.key for p in list_plans(store.conn)] == ["hengshui", "harbin"]
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_evidence_survives_a_restore(demo_store, tmp_path):
    evidence = tmp_path / "验收单.pdf"
    evidence.write_bytes(b"%PDF evidence")
    attach_file(demo_store, 1, OFFICE, "2021Q1", evidence)
    copy = copy_database(demo_store.conn, tmp_path / "b.sqlite3")
    demo_store.conn.execute("DELETE FROM attachments")
    restore_database(demo_store, copy)
    assert [a.file_name for a in list_attachments(demo_store, 1, OFFICE, "2021Q1")] == ["验收单.pdf"]


def test_a_copy_from_a_newer_program_is_refused(tmp_path):
    newer = tmp_path / "newer.sqlite3"
    conn = sqlite3.connect(newer)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(DatabaseError, match="更新版本"):
        check_backup(newer)
