"""`main.py --smoke` opens the window offscreen, reports the first paint and exits."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from planner.store import Store

ROOT = Path(__file__).resolve().parents[2]


def run_main(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)


def test_smoke_shows_the_window_and_exits(tmp_path: Path):
    result = run_main("--db", str(tmp_path / "planner.sqlite3"), "--smoke")
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"shown in \d+ ms", result.stdout.strip())


def test_smoke_on_the_demo_plans_in_english(tmp_path: Path):
    db = str(tmp_path / "planner.sqlite3")
    assert run_main("--db", db, "demo").returncode == 0
    result = run_main("--db", db, "--lang", "en", "--smoke")
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"shown in \d+ ms", result.stdout.strip())


def test_a_database_open_in_another_window_is_refused_with_a_message(store: Store):
    result = run_main("--db", str(store.path), "--smoke")
    assert result.returncode == 1
    assert "另一个窗口" in result.stderr and "shown in" not in result.stdout
