"""`main.py report`: a PDF written with its page count printed; refusals exit 1 with the reason."""

from __future__ import annotations

import argparse

from planner.cli import add_commands, run
from planner.cli.documents import add_report_command
from planner.store import open_store
from planner.store.queries import list_plans

from .helpers import compact, page_sizes, page_texts


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="main.py")
    parser.add_argument("--db")
    sub = parser.add_subparsers(dest="command")
    add_commands(sub)
    if "report" not in sub.choices:  # until planner.cli registers it
        add_report_command(sub)
    return parser


def _run(*argv: str) -> int:
    return run(_parser().parse_args(list(argv)))


def _demo_db(demo_store):
    path = demo_store.path
    ids = {p.key: p.id for p in list_plans(demo_store.conn)}
    demo_store.close()
    return str(path), ids


def test_the_quarterly_report_on_the_command_line(demo_store, tmp_path, capsys, qapp):
    db, ids = _demo_db(demo_store)
    out = tmp_path / "季度报告.pdf"
    code = _run("--db", db, "report", "quarterly", "--plan", str(ids["hengshui"]), "--period", "2021年第二季度",
                "--issuer", "衡水市民政局", "--date", "2021-07-10", "-o", str(out))
    printed = capsys.readouterr().out
    assert code == 0
    texts = page_texts(out)
    assert f"共 {len(texts)} 页" in printed
    joined = compact("".join(texts))
    assert "2021年7月10日" in joined and "衡水市民政局" in joined


def test_a_letterhead_on_the_command_line_heads_the_first_page(demo_store, tmp_path, qapp):
    db, ids = _demo_db(demo_store)
    out = tmp_path / "报告.pdf"
    assert _run("--db", db, "report", "quarterly", "--plan", str(ids["hengshui"]), "--period", "2021Q2",
                "--letterhead", "衡水市民政局文件", "--doc-no", "衡民报〔2021〕12号", "--signer", "张建国",
                "-o", str(out)) == 0
    first = compact(page_texts(out)[0])
    assert first.startswith("—1—衡水市民政局文件衡民报〔2021〕12号签发人：张建国关于《")  # the page number drawn first


def test_the_target_table_filtered_by_section_and_status(demo_store, tmp_path, qapp):
    db, ids = _demo_db(demo_store)
    out = tmp_path / "targets.pdf"
    assert _run("--db", db, "report", "targets", "--plan", str(ids["harbin"]), "--section", "一",
                "--period", "2015Q4", "--status", "滞后", "-o", str(out)) == 0
    assert all(w > h for w, h in page_sizes(out))
    joined = compact("".join(page_texts(out)))
    assert "（滞后）" in joined and "二、实施养老服务支撑体系建设工程" not in joined


def test_refusals_exit_1_with_the_reason_and_write_nothing(demo_store, tmp_path, capsys):
    db, ids = _demo_db(demo_store)
    out = tmp_path / "x.pdf"
    cases = [
        (["report", "office", "--plan", str(ids["hengshui"]), "--period", "2021Q2"], "--office"),
        (["report", "quarterly", "--period", "2021Q2"], "--plan"),
        (["report", "quarterly", "--plan", str(ids["hengshui"]), "--status", "很好"], "无法识别的状态"),
        (["report", "quarterly", "--plan", str(ids["hengshui"]), "--period", "2030Q1"], "不在计划"),
        (["report", "targets", "--plan", str(ids["hengshui"]), "--status", "滞后"], "需要指定期间"),
        (["report", "targets", "--plan", str(ids["harbin"]), "--section", "九"], "没有分组"),
        (["report", "quarterly", "--plan", str(ids["hengshui"]), "--date", "7月10日"], "无法识别的日期"),
        (["report", "quarterly", "--plan", str(ids["hengshui"]), "--signer", "张建国"], "--letterhead"),
        (["report", "targets", "--plan", str(ids["hengshui"]), "--letterhead", "衡水市民政局文件"], "没有版头"),
        (["report", "quarterly", "--plan", str(ids["hengshui"]), "--letterhead", "衡水市民政局文件",
          "--doc-no", "衡水市民政局关于报送养老服务工作情况的函〔2021〕12号", "--signer", "张建国"], "放不下"),
    ]
    for argv, reason in cases:
        assert _run("--db", db, *argv, "-o", str(out)) == 1, argv
        assert reason in capsys.readouterr().err, argv
        assert not out.exists()
    assert _run("--db", db, "report", "targets", "--plan", str(ids["hengshui"]), "-o", str(tmp_path / "x.txt")) == 1
    assert ".pdf" in capsys.readouterr().err


def test_the_database_is_only_read(demo_store, tmp_path, qapp):
    db, ids = _demo_db(demo_store)
    with open_store(db) as store:
        before = store.conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    assert _run("--db", db, "report", "quarterly", "--plan", str(ids["hengshui"]), "-o", str(tmp_path / "q.pdf")) == 0
    with open_store(db) as store:
        assert store.conn.execute("SELECT count(*) FROM audit").fetchone()[0] == before
