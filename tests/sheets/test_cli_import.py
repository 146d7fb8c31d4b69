"""`main.py import`: the mapping, counts and warnings printed; JSON; exit 1 with the reason."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from planner.cli import add_commands, run
from .builders import db_snapshot, messy_appendix

ROOT = Path(__file__).resolve().parents[2]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="main.py")
    parser.add_argument("--db")
    sub = parser.add_subparsers(dest="command")
    add_commands(sub)
    return parser


def _run(*argv: str) -> int:
    return run(_parser().parse_args(list(argv)))


def test_import_prints_mapping_counts_and_warnings(tmp_path, capsys):
    db = tmp_path / "cli.sqlite3"
    code = _run("--db", str(db), "import", str(messy_appendix(tmp_path / "附件1.xlsx")))
    out = capsys.readouterr().out
    assert code == 0
    assert "D列 时间进度/2015年 → 2015年目标" in out
    assert "G列 责任单位 → 责任单位（首个为牵头）" in out
    assert "2 个分组，3 项任务，11 个目标，6 个单位" in out
    assert "F8：" in out and "已导入为计划 1" in out


def test_json_dry_run_and_refusal(tmp_path, capsys):
    db = tmp_path / "cli.sqlite3"
    path = str(messy_appendix(tmp_path / "附件1.xlsx"))
    assert _run("--db", str(db), "import", path, "--dry-run", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["dry_run"] and data["plan_id"] is None and data["counts"]["tasks"] == 3
    assert data["mapping"][3] == {"column": "D", "index": 3, "header": "时间进度/2015年", "meaning": "year",
                                  "label": "2015年目标", "year": 2015}
    assert any(issue["cell"] == "F8" for issue in data["issues"])
    assert _run("--db", str(db), "import", path) == 0
    capsys.readouterr()
    before = db_snapshot(db)
    assert _run("--db", str(db), "import", path) == 1
    err = capsys.readouterr().err
    assert "已于" in err and "计划 1" in err and "Traceback" not in err
    assert db_snapshot(db) == before
    assert _run("--db", str(db), "import", path, "--new-version", "--json") == 0
    assert json.loads(capsys.readouterr().out)["title"].endswith("（第2版）")


def test_refused_file_exits_1_with_the_reason(tmp_path, capsys):
    bad = tmp_path / "图片.xlsx"
    bad.write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 100)
    assert _run("--db", str(tmp_path / "x.sqlite3"), "import", str(bad)) == 1
    err = capsys.readouterr().err
    assert "图片.xlsx" in err and "JPEG" in err


def test_main_py_import_in_a_subprocess(tmp_path):
    db = tmp_path / "sub.sqlite3"
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db), "import",
                             str(messy_appendix(tmp_path / "附件1.xlsx")), "--json"],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["counts"]["tasks"] == 3
