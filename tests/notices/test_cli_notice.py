"""`main.py import NOTICE`: a notice on the command line — the outline, tasks with origin, offices and targets,
JSON, a dry run, the same file twice, and refusals that name the file and change nothing."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from planner.cli import add_commands, run
from planner.store import open_store
from planner.store.dump import dump
from tests.conftest import TEST_ACTOR
from tests.sheets.builders import db_snapshot

SEEDS = Path(__file__).resolve().parent / "seeds"
HANGZHOU = SEEDS / "003_1f416157280a8fdb.txt"
HENGSHUI = SEEDS / "000_831ed0c3cd078a95.txt"
HARBIN = SEEDS / "004_098bd75ea14275fa.txt"


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="main.py")
    parser.add_argument("--db")
    add_commands(parser.add_subparsers(dest="command"))
    return run(parser.parse_args(list(argv)))


def _plans(db: Path) -> list[dict]:
    with open_store(db, TEST_ACTOR) as store:
        return dump(store.conn)["plans"]


def test_a_text_notice_is_imported_with_its_outline_tasks_offices_and_targets(tmp_path, capsys):
    db = tmp_path / "cli.sqlite3"
    assert _run("--db", str(db), "import", str(HANGZHOU)) == 0
    out = capsys.readouterr().out
    assert "文号：杭政办函〔2020〕47号" in out and "（一）强化居家养老服务责任（第11段）" in out
    assert "5 个分组，16 项任务" in out
    assert "二、（一）1. 巩固家庭养老基础地位（第12段）" in out and "牵头：市卫生健康委员会；配合：市民政局" in out
    assert "已导入为计划 1（草稿）" in out
    plan = _plans(db)[0]
    assert plan["state"] == "draft" and len(plan["tasks"]) == 16
    assert plan["tasks"][0]["origin"] == "二、（一）1." and plan["tasks"][0]["lead"] == ["市卫生健康委员会"]


def test_a_dry_run_in_json_lists_what_would_be_imported_and_writes_nothing(tmp_path, capsys):
    db = tmp_path / "cli.sqlite3"
    open_store(db, TEST_ACTOR).close()
    before = db_snapshot(db)[0]
    assert _run("--db", str(db), "import", str(HENGSHUI), "--dry-run", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["dry_run"] is True and data["plan_id"] is None and data["format"] == "txt"
    assert (data["title"], data["doc_no"], data["issue_date"]) == ("衡水市进一步深化养老服务体系建设实施方案",
                                                                  "衡政办字〔2020〕33号", "2020-07-20")
    assert data["counts"]["tasks"] == 8 and data["years"] == [2020, 2022]
    first = data["tasks"][0]
    assert (first["origin"], first["name"]) == ("附件第1项", "社区嵌入式养老机构建设")
    assert first["lead"] == ["市自然资源和规划局"]
    assert [t["period"] for t in first["targets"]] == ["2020", "2021", "2022"]
    assert db_snapshot(db)[0] == before


def test_the_options_choose_where_the_tasks_are(tmp_path, capsys):
    db = tmp_path / "cli.sqlite3"
    assert _run("--db", str(db), "import", str(HENGSHUI), "--tasks-from", "body", "--dry-run", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["counts"]["tasks"] == 26 and data["tasks"][0]["origin"] == "二、（一）1."
    assert _run("--db", str(db), "import", str(HANGZHOU), "--tasks-section", "工作目标", "--lead-rule", "all",
                "--dry-run", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert [t["origin"] for t in data["tasks"]] == [f"一、（{n}）" for n in "一二三四五"]


def test_the_same_notice_twice_asks_as_a_spreadsheet_does(tmp_path, capsys):
    db = tmp_path / "cli.sqlite3"
    assert _run("--db", str(db), "import", str(HANGZHOU)) == 0
    assert _run("--db", str(db), "import", str(HANGZHOU)) == 1
    assert "已于" in capsys.readouterr().err
    assert _run("--db", str(db), "import", str(HANGZHOU), "--new-version") == 0
    assert [plan["title"].endswith("（第2版）") for plan in _plans(db)] == [False, True]
    assert _run("--db", str(db), "import", str(HANGZHOU), "--replace") == 0
    assert len(_plans(db)) == 1


def test_a_notice_without_numbered_items_is_refused_and_no_database_is_made(tmp_path, capsys):
    db = tmp_path / "cli.sqlite3"
    assert _run("--db", str(db), "import", str(HARBIN)) == 1
    err = capsys.readouterr().err
    assert HARBIN.name in err and "没有找到编号的条目" in err and "指定任务所在的部分" in err
    assert "Traceback" not in err and not db.exists()
    assert _run("--db", str(db), "import", str(HARBIN), "--json") == 1
    assert json.loads(capsys.readouterr().out)["error_type"] == "NoTasksError"


def test_a_binary_file_named_txt_is_refused_with_its_name(tmp_path, capsys):
    path = tmp_path / "通知.txt"
    path.write_bytes(bytes(range(256)) * 8)
    db = tmp_path / "cli.sqlite3"
    assert _run("--db", str(db), "import", str(path)) == 1
    err = capsys.readouterr().err
    assert "通知.txt" in err and "二进制" in err and not db.exists()


def test_spreadsheet_options_are_refused_for_a_notice(tmp_path, capsys):
    assert _run("--db", str(tmp_path / "cli.sqlite3"), "import", str(HANGZHOU), "--sheet", "附件") == 1
    assert "--sheet 只用于表格文件" in capsys.readouterr().err


def test_a_table_saved_as_text_still_goes_to_the_spreadsheet_importer(tmp_path, capsys):
    path = tmp_path / "分解表.txt"
    path.write_text("序号,重点任务,2023年,2024年,责任单位\n1,新增养老床位,500张,800张,市民政局\n"
                    "2,建设社区食堂,10个,20个,市民政局\n", encoding="utf-8")
    assert _run("--db", str(tmp_path / "cli.sqlite3"), "import", str(path), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "各列含义" in out and "2 项任务" in out


def test_a_word_notice_is_read_by_the_notice_readers(tmp_path, capsys):
    notice_files = pytest.importorskip("tests.notices.notice_files")
    try:
        path = notice_files.write_docx(tmp_path / "通知.docx", notice_files.hangzhou_notice(3))
    except ImportError as missing:  # the Word test files are built with a test-only package
        pytest.skip(f"building a Word file needs {missing.name}")
    assert _run("--db", str(tmp_path / "cli.sqlite3"), "import", str(path), "--tasks-from", "body", "--dry-run",
                "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == "docx" and data["counts"]["tasks"] == 16
    first = data["tasks"][0]
    assert (first["origin"], first["name"]) == ("二、（一）1.", "巩固家庭养老基础地位")
    assert first["lead"] == ["市卫生健康委员会"]
