"""Shared pieces of the exchange tests: a small plan, filling a form as an office would, database snapshots."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

from planner.domain.model import Plan, Section, Task
from planner.domain.target_building import targets_from_text
from planner.exchange import form_layout as L
from planner.store import Store
from planner.store.plans import insert_plan

VALUE, STATUS = get_column_letter(L.VALUE), get_column_letter(L.STATUS)
NARRATIVE, PROBLEMS, NEXT_STEPS = (get_column_letter(c) for c in (L.NARRATIVE, L.PROBLEMS, L.NEXT_STEPS))
REPORTER = f"{get_column_letter(L.REPORTER)}{L.INFO_ROW}"


def _task(seq: str, name: str, lead: list[str], co: list[str], targets: dict[str, str], section: str,
          indicator: str = "", baseline: str = "") -> Task:
    task = Task(name=name, seq=seq, section_key=section, lead=lead, co=co, indicator=indicator, baseline=baseline)
    for period, text in targets.items():
        task.targets.extend(targets_from_text(period, text))
    return task


def small_plan(title: str = "测试市养老服务体系建设实施方案") -> Plan:
    plan = Plan(title=title, appendix_title="养老服务重点工作年度目标任务", doc_no="测政办字〔2021〕1号",
                first_year=2021, last_year=2022)
    plan.sections = [Section(title="一、设施建设", key="a"), Section(title="二、人才培养", key="b")]
    plan.tasks = [
        _task("1", "新增养老床位", ["市民政局"], ["市财政局"], {"2021": "400张", "2022": "500张"}, "a",
              indicator="到2022年新增养老床位900张", baseline="3000张"),
        _task("2", "护理型床位占比", ["市民政局"], [], {"2021": "护理型床位占比达到40%以上"}, "a"),
        _task("3", "养老床位总数", ["市民政局"], [],
              {"2021": "全市养老床位总数达到1000张。其中:道里区400张;南岗区600张"}, "a"),
        _task("4", "出台养老服务条例", ["市民政局"], ["市司法局"], {"2021": "出台"}, "b"),
        _task("5", "培训养老护理员", ["市人力资源社会保障局"], ["市民政局"], {"2021": "培训200人"}, "b"),
    ]
    return plan


def add_plan(store: Store, plan: Plan | None = None) -> Plan:
    plan = plan or small_plan()
    with store.transaction() as writer:
        insert_plan(writer, plan, "测试计划")
    return plan


def task_rows(sheet) -> dict[str, int]:
    """序号 → sheet row of each task row of a fill-in sheet."""
    rows = {}
    for row in range(L.FIRST_ROW, sheet.max_row + 1):
        seq, name = sheet.cell(row, L.SEQ).value, sheet.cell(row, L.NAME).value
        if seq and name:
            rows[str(seq)] = row
    return rows


def fill_form(source: Path, target: Path, rows: dict[str, dict[str, object]], reporter: str | None = None) -> Path:
    """Type into the form as an office in Excel would: only into unlocked cells (asserted), text as text."""
    workbook = openpyxl.load_workbook(source)
    sheet = workbook[L.SHEET_TITLE]
    where = task_rows(sheet)

    def put(cell, value) -> None:
        assert cell.protection.locked is False, f"{cell.coordinate} is locked"
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"

    for seq, values in rows.items():
        for column, value in values.items():
            put(sheet[f"{column}{where[seq]}"], value)
    if reporter is not None:
        put(sheet[REPORTER], reporter)
    workbook.save(target)
    return target


def snapshot(db_path) -> dict[str, list[tuple]]:
    """Every row of every table, to prove nothing changed (of a database file, or of a store's database)."""
    if hasattr(db_path, "path"):
        if db_path.is_server:
            from tests.sheets.builders import db_snapshot

            return db_snapshot(db_path)[0]
        db_path = db_path.path
    conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in tables}
    finally:
        conn.close()
