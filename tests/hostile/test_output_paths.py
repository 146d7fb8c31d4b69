"""Where an output may go: never onto the database in use, its companions or its backups, and every
path that cannot be written gives one line naming it and exit 1.

Each case runs `main.py` in a child process, as a user would, and looks at what is left on disk.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest

from planner.app.demo import load_demo
from planner.store import open_store
from planner.store.backup import backup_folder, make_backup
from tests.conftest import TEST_ACTOR
from tests.hostile.child import run_main
from tests.reports.helpers import add_plan, task

pytestmark = [pytest.mark.hostile, pytest.mark.skipif(os.name != "posix", reason="the attacks use POSIX paths")]

PERIOD = "2021Q3"


def demo_db(path: Path, backups: bool = False) -> Path:
    with open_store(path, TEST_ACTOR) as store:
        load_demo(store)
        if backups:
            make_backup(store.conn, path)
    return path


def fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refused(run, *names: object) -> str:
    """The child exited 1 with one line on stderr that names every one of `names`; that line."""
    assert run.code == 1, run.describe()
    lines = run.err.strip().splitlines()
    assert len(lines) == 1, run.describe()
    assert "Traceback" not in run.err and "内部错误" not in run.err, run.describe()
    for name in names:
        assert str(name) in lines[0], run.describe()
    return lines[0]


def plans_in(db: Path) -> int:
    import sqlite3

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return conn.execute("SELECT count(*) FROM plans").fetchone()[0]
    finally:
        conn.close()


# 1. Writing onto the database


@pytest.mark.parametrize("name, verb", [
    ("plan_db.xlsx", ["export", "--plan", "1"]),
    ("plan_db.csv", ["export", "--plan", "1"]),
    ("plan_db.pdf", ["report", "targets", "--plan", "1"]),
])
def test_an_output_onto_the_open_database_is_refused(tmp_path, name, verb):
    db = demo_db(tmp_path / name)
    before = fingerprint(db)
    line = refused(run_main("--db", str(db), *verb, "-o", str(db)), db)
    assert "数据库" in line
    assert fingerprint(db) == before
    assert plans_in(db) == 2


def test_another_spelling_of_the_database_is_refused(tmp_path):
    db = demo_db(tmp_path / "plan_db.xlsx")
    (tmp_path / "sub").mkdir()
    before = fingerprint(db)
    other = f"{tmp_path}/sub/.././/plan_db.xlsx"
    refused(run_main("--db", str(db), "export", "--plan", "1", "-o", other), Path(other))
    assert fingerprint(db) == before


@pytest.mark.parametrize("link", ["symlink", "hardlink"])
def test_a_link_to_the_database_is_refused(tmp_path, link):
    db = demo_db(tmp_path / "plan_db.sqlite3")
    before = fingerprint(db)
    out = tmp_path / "report.pdf"
    if link == "symlink":
        out.symlink_to(db)
    else:
        os.link(db, out)
    refused(run_main("--db", str(db), "report", "targets", "--plan", "1", "-o", str(out)), out)
    assert fingerprint(db) == before
    assert out.is_symlink() == (link == "symlink") and out.samefile(db)


@pytest.mark.parametrize("companion", ["-wal", "-shm"])
def test_a_link_to_a_companion_of_the_database_is_refused(tmp_path, companion):
    db = demo_db(tmp_path / "plan_db.sqlite3")
    out = tmp_path / "export.csv"
    out.symlink_to(tmp_path / f"plan_db.sqlite3{companion}")
    refused(run_main("--db", str(db), "export", "--plan", "1", "-o", str(out)), out)
    assert out.is_symlink()
    assert plans_in(db) == 2


def test_nothing_is_written_into_the_backups_folder(tmp_path):
    db = demo_db(tmp_path / "plan_db.sqlite3", backups=True)
    backups = backup_folder(db)
    kept = sorted(backups.iterdir())
    assert kept
    out = backups / "report.pdf"
    refused(run_main("--db", str(db), "report", "targets", "--plan", "1", "-o", str(out)), out)
    refused(run_main("--db", str(db), "make-forms", "--plan", "1", "--period", "2021Q2", "-o", str(backups)),
            backups)
    assert sorted(backups.iterdir()) == kept


# 11. Output paths


def test_a_missing_folder_is_named_and_not_created(tmp_path):
    db = demo_db(tmp_path / "plan.sqlite3")
    out = tmp_path / "no such folder" / "report.pdf"
    line = refused(run_main("--db", str(db), "report", "targets", "--plan", "1", "-o", str(out)), out)
    assert "不存在" in line
    assert not out.parent.exists()


@pytest.mark.parametrize("out", ["/proc/report.pdf", "/proc/self/report.pdf", "/sys/report.pdf"])
def test_a_place_that_cannot_be_written_is_named(tmp_path, out):
    if not Path(out).parent.is_dir():
        pytest.skip(f"{Path(out).parent} is not here")
    db = demo_db(tmp_path / "plan.sqlite3")
    refused(run_main("--db", str(db), "report", "targets", "--plan", "1", "-o", out), out)


def test_a_read_only_folder_is_named(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("permissions do not stop root")
    db = demo_db(tmp_path / "plan.sqlite3")
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        refused(run_main("--db", str(db), "report", "targets", "--plan", "1", "-o", str(folder / "r.pdf")),
                folder / "r.pdf")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_devices_pipes_and_folders_are_not_replaced(tmp_path):
    db = demo_db(tmp_path / "plan.sqlite3")
    full = tmp_path / "full.pdf"
    full.symlink_to("/dev/full")
    pipe = tmp_path / "pipe.csv"
    os.mkfifo(pipe)
    folder = tmp_path / "folder.pdf"
    folder.mkdir()
    refused(run_main("--db", str(db), "report", "targets", "--plan", "1", "-o", str(full)), full)
    assert full.is_symlink() and stat.S_ISCHR(os.stat("/dev/full").st_mode)
    refused(run_main("--db", str(db), "export", "--plan", "1", "-o", str(pipe)), pipe)
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
    refused(run_main("--db", str(db), "report", "targets", "--plan", "1", "-o", str(folder)), folder)
    assert folder.is_dir() and list(folder.iterdir()) == []
    refused(run_main("--db", str(db), "make-forms", "--plan", "1", "--period", "2021Q2", "-o", "/dev/full"),
            "/dev/full")


def test_a_symlink_output_is_written_through_to_its_target(tmp_path):
    db = demo_db(tmp_path / "plan.sqlite3")
    real = tmp_path / "reports" / "real.pdf"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = tmp_path / "link.pdf"
    link.symlink_to(real)
    run = run_main("--db", str(db), "report", "targets", "--plan", "1", "-o", str(link))
    assert run.code == 0, run.describe()
    assert link.is_symlink() and link.resolve() == real
    assert real.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in real.parent.iterdir()) == ["real.pdf"]


def test_outputs_are_readable_like_any_file_the_user_saves(tmp_path):
    """The temporary file used to be made with mode 0600, and that mode stayed on the finished report."""
    db = demo_db(tmp_path / "plan.sqlite3")
    out = tmp_path / "report.pdf"
    old = os.umask(0o022)
    try:
        run = run_main("--db", str(db), "report", "targets", "--plan", "1", "-o", str(out))
    finally:
        os.umask(old)
    assert run.code == 0, run.describe()
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


LONG_OFFICE = "县" * 170 + "民政局办公室"  # 176 characters, 528 bytes in UTF-8
TWIN_OFFICE = "县" * 170 + "财政局办公室"  # the same first 170 characters


def _long_office_db(path: Path) -> Path:
    with open_store(path, TEST_ACTOR) as store:
        add_plan(store, "长单位名称计划", [
            task("1", "任务一", lead=LONG_OFFICE, targets={"2021": "10个"}),
            task("2", "任务二", lead=TWIN_OFFICE, targets={"2021": "5个"}),
            task("3", "任务三", lead="市民政局", targets={"2021": "3个"}),
        ])
    return path


def test_long_office_names_give_short_distinct_file_names(tmp_path):
    db = _long_office_db(tmp_path / "plan.sqlite3")
    forms = tmp_path / "forms"
    run = run_main("--db", str(db), "make-forms", "--plan", "1", "--period", PERIOD, "-o", str(forms))
    assert run.code == 0, run.describe()
    names = sorted(p.name for p in forms.iterdir())
    assert len(names) == 3, names
    assert all(len(os.fsencode(name)) <= 255 for name in names), names
    assert all(name.endswith("填报表.xlsx") for name in names)
    assert sum(name.startswith("县" * 20) for name in names) == 2
    again = run_main("--db", str(db), "make-forms", "--plan", "1", "--period", PERIOD, "-o", str(forms))
    assert again.code == 0, again.describe()
    assert sorted(p.name for p in forms.iterdir()) == names  # the same office gets the same file again


def test_a_batch_that_cannot_be_written_whole_writes_nothing(tmp_path):
    db = demo_db(tmp_path / "plan.sqlite3")
    forms = tmp_path / "forms"
    forms.mkdir()
    # The last office's form name is taken by a folder: found before the first form is written.
    blocked = forms / "市人力资源社会保障局_2021年第二季度填报表.xlsx"
    blocked.mkdir()
    run = run_main("--db", str(db), "make-forms", "--plan", "1", "--period", "2021Q2", "-o", str(forms))
    refused(run, blocked)
    assert [p.name for p in forms.iterdir()] == [blocked.name]
