"""`main.py import`: the mapping, counts and warnings printed; JSON; exit 1 with the reason."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from planner.cli import add_commands, run
from planner.store import Actor, open_store
from planner.store.queries import load_plan

from .builders import breakdown_workbook, db_snapshot, messy_appendix, write_xlsx
from .legacy_writers import ole_bytes

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


def test_breakdown_sheet_on_the_command_line(tmp_path, capsys):
    db = tmp_path / "cli.sqlite3"
    path = str(breakdown_workbook(tmp_path / "床位.xlsx", adds_up=False))
    code = _run("--db", str(db), "import", path, "--breakdown", "分解表", "--breakdown-task", "1")
    out = capsys.readouterr().out
    assert code == 0
    assert "分解表：工作表“分解表”→ 任务 1“新增养老床位”，2 个单位，2020、2021年" in out
    assert "工作表“分解表”B5：任务“新增养老床位”2020年分解到各单位的目标合计 900张，与全市目标 1000张 不一致。" in out
    with open_store(db, Actor(person="测试")) as store:
        task = load_plan(store.conn, 1).tasks[0]
    assert {(t.period, t.office): t.value for t in task.targets if t.office} == {
        ("2020", "道里区"): 400, ("2020", "南岗区"): 500, ("2021", "道里区"): 500, ("2021", "南岗区"): 700}


def test_breakdown_json_and_its_refusals(tmp_path, capsys):
    db = tmp_path / "cli.sqlite3"
    path = str(breakdown_workbook(tmp_path / "床位.xlsx"))
    assert _run("--db", str(db), "import", path, "--breakdown", "分解表") == 1
    assert "--breakdown-task" in capsys.readouterr().err
    assert _run("--db", str(db), "import", path, "--breakdown", "分解表", "--breakdown-task", "7") == 1
    assert "“7”" in capsys.readouterr().err
    assert _run("--db", str(db), "import", path, "--breakdown", "没有这张表", "--breakdown-task", "1") == 1
    assert "没有这张表" in capsys.readouterr().err
    assert not db.exists()  # a refused import writes nothing, not even an empty database
    assert _run("--db", str(db), "import", path, "--breakdown", "分解表", "--breakdown-task", "新增养老床位",
                "--dry-run", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["breakdowns"] == [{"sheet": "分解表", "task_seq": "1", "task": "新增养老床位", "offices": 2,
                                   "years": [2020, 2021]}]
    assert data["issues"] == [] and data["counts"]["targets"] == 6


def test_refusal_with_json_prints_the_reason_as_json(tmp_path, capsys):
    bad = tmp_path / "扫描件.xlsx"
    bad.write_bytes(b"%PDF-1.4\n")
    assert _run("--db", str(tmp_path / "x.sqlite3"), "import", str(bad), "--json") == 1
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert data["error_type"] == "NotSpreadsheetError" and "扫描件.xlsx" in data["error"] and "PDF" in data["error"]
    assert data["error"] in captured.err


def test_new_version_says_which_plan_it_repeats(tmp_path, capsys):
    db = tmp_path / "cli.sqlite3"
    path = str(messy_appendix(tmp_path / "附件1.xlsx"))
    assert _run("--db", str(db), "import", path) == 0
    capsys.readouterr()
    assert _run("--db", str(db), "import", path, "--new-version") == 0
    out = capsys.readouterr().out
    assert "此文件此前已导入为计划 1，本次另存为新版本。" in out and "已导入为计划 2。" in out


def _bad_files(folder: Path) -> dict[str, Path]:
    files = {}
    files["pdf"] = folder / "通知.xlsx"
    files["pdf"].write_bytes(b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n")
    files["encrypted"] = folder / "加密.xlsx"
    files["encrypted"].write_bytes(ole_bytes({"EncryptionInfo": b"\x04\x00" * 100, "EncryptedPackage": b"\1" * 900}))
    whole = messy_appendix(folder / "whole.xlsx").read_bytes()
    files["truncated"] = folder / "截断.xlsx"
    files["truncated"].write_bytes(whole[: len(whole) // 3])
    files["empty_sheet"] = write_xlsx(folder / "空表.xlsx", [])
    files["no_header"] = write_xlsx(folder / "杂表.xlsx", [["今天天气"], ["不错", "是的"]])
    files["bomb"] = folder / "炸弹.xlsx"
    with zipfile.ZipFile(files["bomb"], "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (20 * 1024 * 1024))
    files["merged_header"] = write_xlsx(folder / "合并.xlsx", [["序号", "主要任务", None, "2020年"],
                                                              [1, "任务甲", "市民政局", "1个"]], merges=["B1:C1"])
    return files


@pytest.mark.parametrize("kind", ["pdf", "encrypted", "truncated", "empty_sheet", "no_header", "bomb",
                                  "merged_header"])
def test_bad_files_exit_1_with_the_reason_and_leave_the_database_alone(tmp_path, capsys, kind):
    db = tmp_path / "cli.sqlite3"
    assert _run("--db", str(db), "import", str(messy_appendix(tmp_path / "已有.xlsx"))) == 0
    capsys.readouterr()
    path = _bad_files(tmp_path)[kind]
    before = db_snapshot(db)
    assert _run("--db", str(db), "import", str(path)) == 1
    captured = capsys.readouterr()
    assert captured.err.startswith("错误：") and path.name in captured.err
    assert "Traceback" not in captured.err + captured.out and "内部错误" not in captured.err
    assert db_snapshot(db) == before


def test_bad_file_through_main_py_has_no_traceback(tmp_path):
    path = _bad_files(tmp_path)["bomb"]
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(tmp_path / "d.sqlite3"), "import",
                             str(path)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 1
    assert "炸弹.xlsx" in result.stderr and "压缩比" in result.stderr and "Traceback" not in result.stderr
