"""The command line as a script would use it: JSON out, clear errors, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_main(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True, text=True, cwd=ROOT, timeout=120, env={**os.environ, **(env or {})},
    )


def test_version_prints_the_project_version():
    result = run_main("--version")
    assert result.returncode == 0
    assert result.stdout.strip().split()[-1][0].isdigit()


def test_a_database_named_with_db_starts_empty(tmp_path):
    from planner.app.session import open_session_store

    missing = run_main("--db", str(tmp_path / "missing.sqlite3"), "dump")
    assert missing.returncode == 1  # dump only reads: it does not create a file
    assert "不存在" in missing.stderr and "Traceback" not in missing.stderr
    with open_session_store(tmp_path / "new.sqlite3") as store:
        assert store.conn.execute("SELECT count(*) FROM plans").fetchone()[0] == 0


def test_default_database_is_created_in_the_user_data_folder_with_the_demo(tmp_path):
    result = run_main("dump", env={"XDG_DATA_HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["plans"]) == 2
    assert list(tmp_path.glob("*/planner.sqlite3"))


def test_demo_then_dump_gives_both_plans_with_their_targets(tmp_path):
    db = str(tmp_path / "d.sqlite3")
    loaded = run_main("--db", db, "demo")
    assert loaded.returncode == 0, loaded.stderr
    assert "已添加演示计划" in loaded.stdout
    again = run_main("--db", db, "demo")
    assert again.returncode == 0 and "已存在" in again.stdout

    data = json.loads(run_main("--db", db, "dump").stdout)
    titles = [p["title"] for p in data["plans"]]
    assert any("衡水" in t for t in titles) and any("哈尔滨" in t for t in titles)
    harbin = next(p for p in data["plans"] if "哈尔滨" in p["title"])
    assert harbin["years"] == [2015, 2016, 2017]
    first = harbin["tasks"][0]
    assert {"id", "seq", "section", "name", "content", "indicator", "baseline", "lead", "co", "targets"} <= set(first)
    assert first["section"].startswith("一、")
    target_2015 = next(t for t in first["targets"] if t["period"] == "2015" and t["office"] is None)
    assert (target_2015["value"], target_2015["unit"]) == (53426, "张")
    assert {"period", "office", "text", "value", "unit", "comparator", "kind"} <= set(target_2015)
    assert any(o["name"] == "市民政局" for o in data["offices"])
    assert data["reports"], "the demo progress is in the dump"

    only = json.loads(run_main("--db", db, "dump", "--plan", str(harbin["id"])).stdout)
    assert [p["id"] for p in only["plans"]] == [harbin["id"]]


def test_unknown_plan_is_a_clear_error(tmp_path):
    db = str(tmp_path / "d.sqlite3")
    run_main("--db", db, "demo")
    result = run_main("--db", db, "dump", "--plan", "999")
    assert result.returncode == 1
    assert "999" in result.stderr and "Traceback" not in result.stderr


def test_usage_errors_exit_2(tmp_path):
    assert run_main("no-such-verb").returncode == 2
    assert run_main("dump", "--plan", "abc").returncode == 2
