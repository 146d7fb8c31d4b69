"""`make-forms`, `collect` and `export` on the command line: what is printed, exit codes, JSON."""

from __future__ import annotations

import argparse
import json

import openpyxl

from planner.cli import run
from planner.cli.exchange import add_exchange_commands
from planner.store import Actor, open_store
from planner.store.queries import current_reports

from .forms import NARRATIVE, VALUE, add_plan, fill_form, snapshot


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="main.py")
    parser.add_argument("--db")
    add_exchange_commands(parser.add_subparsers(dest="command"))
    return run(parser.parse_args(list(argv)))


def _database(tmp_path):
    db = tmp_path / "coordinator.sqlite3"
    with open_store(db, Actor(person="汇总员")) as store:
        plan = add_plan(store)
    return db, plan


def test_make_forms_for_chosen_offices(tmp_path, capsys):
    db, plan = _database(tmp_path)
    out_dir = tmp_path / "forms"
    assert _run("--db", str(db), "make-forms", "--plan", str(plan.id), "--period", "2021年第二季度",
                "--office", "市民政局", "道里区", "-o", str(out_dir)) == 0
    out = capsys.readouterr().out
    assert "市民政局：5 项任务" in out and "道里区：1 项任务" in out and "已生成 2 份填报表。" in out
    assert sorted(p.name for p in out_dir.iterdir()) == ["市民政局_2021年第二季度填报表.xlsx",
                                                         "道里区_2021年第二季度填报表.xlsx"]


def test_make_forms_for_an_unknown_plan_exits_1(tmp_path, capsys):
    db, _plan = _database(tmp_path)
    assert _run("--db", str(db), "make-forms", "--plan", "99", "--period", "2021Q2", "-o", str(tmp_path / "f")) == 1
    assert "99" in capsys.readouterr().err


def test_collect_prints_one_line_per_file_and_exits_1_after_the_rest_when_one_is_refused(tmp_path, capsys):
    db, plan = _database(tmp_path)
    _run("--db", str(db), "make-forms", "--plan", str(plan.id), "--period", "2021Q2", "-o", str(tmp_path / "f"))
    capsys.readouterr()
    forms = tmp_path / "f"
    good = fill_form(forms / "市民政局_2021年第二季度填报表.xlsx", tmp_path / "民政.xlsx", {"1": {VALUE: 50}})
    bad = tmp_path / "损坏.xlsx"
    bad.write_bytes(b"not a workbook at all")
    assert _run("--db", str(db), "collect", str(bad), str(good)) == 1
    captured = capsys.readouterr()
    assert "损坏.xlsx：已拒收" in captured.err and "Traceback" not in captured.err
    assert "民政.xlsx：已收集。“市民政局”2021年第二季度：收到 1 条填报。" in captured.out
    assert "共 2 个文件：已收集 1 个" in captured.out and "拒收 1 个" in captured.out
    with open_store(db, readonly=True) as store:
        assert [r.value for r in current_reports(store.conn, plan.id, "2021Q2")] == [50]
    before = snapshot(db)
    assert _run("--db", str(db), "collect", str(good)) == 0
    assert "未改动" in capsys.readouterr().out
    assert snapshot(db) == before


def test_collect_json(tmp_path, capsys):
    db, plan = _database(tmp_path)
    _run("--db", str(db), "make-forms", "--plan", str(plan.id), "--period", "2021Q2", "-o", str(tmp_path / "f"))
    capsys.readouterr()
    good = fill_form(tmp_path / "f" / "道里区_2021年第二季度填报表.xlsx", tmp_path / "道里.xlsx",
                     {"3": {VALUE: 380, NARRATIVE: "新增两处养老院"}})
    assert _run("--db", str(db), "collect", str(good), "--period", "2021Q3", "--json") == 1
    data = json.loads(capsys.readouterr().out)
    assert data["counts"]["refused"] == 1
    assert data["files"][0]["reason"] == "another_period" and "2021年第三季度" in data["files"][0]["message"]
    assert _run("--db", str(db), "collect", str(good), "--json") == 0
    entry = json.loads(capsys.readouterr().out)["files"][0]
    assert (entry["outcome"], entry["reports"], entry["office"], entry["period"]) == ("accepted", 1, "道里区",
                                                                                      "2021Q2")


def test_export_xlsx_and_csv(tmp_path, capsys):
    db, plan = _database(tmp_path)
    assert _run("--db", str(db), "export", "--plan", str(plan.id), "-o", str(tmp_path / "计划.xlsx")) == 0
    assert "已导出 5 项任务，只含目标" in capsys.readouterr().out
    assert openpyxl.load_workbook(tmp_path / "计划.xlsx").active["A1"].value == "养老服务重点工作年度目标任务"
    assert _run("--db", str(db), "export", "--plan", str(plan.id), "--period", "2021Q2",
                "-o", str(tmp_path / "计划.csv")) == 0
    assert "进展期间 2021Q2" in capsys.readouterr().out
    assert (tmp_path / "计划.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert _run("--db", str(db), "export", "--plan", str(plan.id), "-o", str(tmp_path / "计划.txt")) == 1
    assert "计划.txt" in capsys.readouterr().err
