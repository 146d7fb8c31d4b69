"""Opening the window loads no library that only a command needs (they cost start-up time)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Libraries for reading and writing files and documents: loaded when a command needs them.
NOT_AT_START = ("openpyxl", "numpy", "pandas", "reportlab", "python_calamine", "opencc", "PIL", "sqlite_utils",
                "selectolax", "pypdfium2", "pypdfium2_raw", "rjieba")

SMOKE_THEN_LIST_MODULES = """
import atexit, json, runpy, sys
atexit.register(lambda: print(json.dumps(sorted(sys.modules)), file=sys.stderr))
sys.argv = ["main.py", *sys.argv[1:]]
runpy.run_path("main.py", run_name="__main__")
"""


def modules_after_smoke(*args: str) -> list[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", SMOKE_THEN_LIST_MODULES, *args, "--smoke"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "shown in" in result.stdout
    return json.loads(result.stderr.strip().splitlines()[-1])


def test_the_window_opens_without_loading_the_file_libraries(tmp_path: Path):
    db = tmp_path / "planner.sqlite3"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    subprocess.run([sys.executable, "main.py", "--db", str(db), "demo"], cwd=ROOT, env=env, check=True,
                   capture_output=True, timeout=120)
    loaded = modules_after_smoke("--db", str(db))
    assert "ui.window.main_window" in loaded and "PySide6.QtWidgets" in loaded
    heavy = sorted({name for name in loaded if name.split(".")[0] in NOT_AT_START})
    assert heavy == [], f"the window path imported {heavy}"
    assert "ui.progress.panel" not in loaded  # 进展填报 is built when the clerk first opens it


def test_a_verb_still_loads_what_it_needs(tmp_path: Path):
    db = tmp_path / "planner.sqlite3"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    listing = """
import json, runpy, sys
sys.argv = ["main.py", "--db", sys.argv[1], "demo"]
try:
    runpy.run_path("main.py", run_name="__main__")
except SystemExit as exit:
    print(json.dumps([exit.code, sorted(sys.modules)]), file=sys.stderr)
"""
    result = subprocess.run([sys.executable, "-c", listing, str(db)], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=120)
    code, loaded = json.loads(result.stderr.strip().splitlines()[-1])
    assert code == 0 and "已添加演示计划" in result.stdout
    assert "planner.app.demo" in loaded and "PySide6" not in {name.split(".")[0] for name in loaded}
