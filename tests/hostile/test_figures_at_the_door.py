"""One absurd figure must not break the whole plan.

A figure beyond the documented bound (|value| ≤ 10^12) is refused where it comes in — an imported
target, a typed target or report, `report-progress`, a collected return — with the cell or the
option named and nothing written; and a database that already holds such figures (written by an
older version) still gives its status, exports and reports.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from openpyxl.utils import get_column_letter

from planner.domain.errors import InputError
from planner.domain.model import Report
from planner.exchange import collect, fill_in_read
from planner.exchange import form_layout as L
from planner.plans.importing import import_file
from planner.plans.task_edit import set_target
from planner.progress.entry import submit_report
from planner.store import open_store
from planner.store.queries import load_plan
from tests.conftest import TEST_ACTOR
from tests.hostile.child import run_main
from tests.hostile.forms import PERIOD, VALUE_CELL, plan_with_forms, returned
from tests.sheets.builders import db_snapshot

pytestmark = pytest.mark.hostile

HEADER = "序号,重点任务,2021年,牵头单位"
BOUND = 10**12


def _plan_csv(path: Path, target: str = "新增10个") -> Path:
    path.write_text(f"{HEADER}\n1,建设社区养老服务站,{target},市民政局\n2,培训养老护理员,培训500人次,市民政局\n",
                    encoding="utf-8")
    return path


@pytest.fixture
def plan_db(tmp_path) -> tuple[Path, int]:
    db = tmp_path / "planner.sqlite3"
    with open_store(db, TEST_ACTOR) as store:
        plan_id = import_file(store, _plan_csv(tmp_path / "plan.csv")).plan_id
    return db, plan_id


@pytest.mark.parametrize("value", ["1e308", "1000000000001", "-2e12"])
def test_report_progress_refuses_a_figure_beyond_the_bound_naming_the_option(plan_db, value):
    db, _plan_id = plan_db
    before = db_snapshot(db)
    run = run_main("--db", str(db), "report-progress", "--task", "1", "--office", "市民政局",
                   "--period", "2021Q1", f"--value={value}")
    assert run.code == 1, run.describe()
    assert "--value" in run.err and "Traceback" not in run.err and "内部错误" not in run.err
    assert db_snapshot(db)[0] == before[0]


def test_a_typed_figure_beyond_the_bound_is_refused_and_the_bound_itself_is_taken(plan_db):
    db, plan_id = plan_db
    with open_store(db, TEST_ACTOR) as store:
        plan = load_plan(store.conn, plan_id)
        task = plan.tasks[0]
        with pytest.raises(InputError, match="超出"):
            submit_report(store, plan, Report(task_id=task.id, office="市民政局", period="2021Q1", value=BOUND * 1.5))
        with pytest.raises(InputError, match="超出"):
            set_target(store, task.id, "2021", f"新增{BOUND * 10}个")
        assert store.conn.execute("SELECT count(*) FROM reports").fetchone()[0] == 0
        assert load_plan(store.conn, plan_id).tasks[0].targets[0].text == "新增10个"
        submit_report(store, plan, Report(task_id=task.id, office="市民政局", period="2021Q1", value=float(BOUND)))
        assert store.conn.execute("SELECT value FROM reports").fetchone()[0] == BOUND


def test_an_imported_target_beyond_the_bound_is_refused_naming_its_cell(tmp_path):
    db = tmp_path / "planner.sqlite3"
    with open_store(db, TEST_ACTOR):
        pass
    before = db_snapshot(db)
    path = _plan_csv(tmp_path / "天文数字.csv", target="新增" + "9" * 309 + "个")
    with open_store(db, TEST_ACTOR) as store, pytest.raises(InputError) as refused:
        import_file(store, path)
    message = str(refused.value)
    assert "天文数字.csv" in message and "第2行" in message and "C列" in message, message
    assert db_snapshot(db)[0] == before[0]


def test_a_collected_figure_beyond_the_bound_is_refused_naming_its_cell(tmp_path):
    db = tmp_path / "planner.sqlite3"
    paths = plan_with_forms(db, tmp_path)
    before = db_snapshot(db)

    def type_figure(workbook) -> None:
        workbook[L.SHEET_TITLE][VALUE_CELL] = 1e308

    path = returned(paths["市民政局"], tmp_path / "returned.xlsx", type_figure)
    with open_store(db, TEST_ACTOR) as store:
        result, = collect.collect_files(store, [path], collect.CollectScope(period=PERIOD))
    assert result.outcome == collect.REFUSED and result.reason == fill_in_read.INVALID_VALUE
    assert f"第{L.FIRST_ROW}行{get_column_letter(L.VALUE)}列" in result.message, result.message
    assert db_snapshot(db)[0] == before[0]


def test_status_exports_and_reports_survive_such_figures_in_an_older_database(plan_db, tmp_path):
    db, plan_id = plan_db
    with open_store(db, TEST_ACTOR) as store:
        plan = load_plan(store.conn, plan_id)
        for task in plan.tasks:
            for period in ("2021Q1", "2021Q2"):
                submit_report(store, plan, Report(task_id=task.id, office="市民政局", period=period, value=1))
    conn = sqlite3.connect(db)
    with conn:  # as an older version, which took any finite figure, left them
        conn.execute("UPDATE reports SET value = 1e308")
        conn.execute("UPDATE targets SET value = 1e308 WHERE text = '培训500人次'")
    conn.close()
    status = run_main("--db", str(db), "status", "--period", "2021Q2", "--json")
    assert status.code == 0, status.describe()
    data = json.loads(status.out)
    assert sum(data["counts"].values()) == 2
    assert "inf" not in status.out and "超出范围" in data["task_status"][0]["explanation"]
    for out in ("导出.xlsx", "导出.csv"):
        run = run_main("--db", str(db), "export", "--plan", str(plan_id), "--period", "2021Q2",
                       "-o", str(tmp_path / out))
        assert run.code == 0, run.describe()
        assert (tmp_path / out).stat().st_size > 0
    assert "inf" not in (tmp_path / "导出.csv").read_text(encoding="utf-8-sig")
    report = run_main("--db", str(db), "report", "quarterly", "--plan", str(plan_id), "--period", "2021Q2",
                      "-o", str(tmp_path / "季度.pdf"))
    assert report.code == 0, report.describe()
    assert (tmp_path / "季度.pdf").read_bytes().startswith(b"%PDF")
