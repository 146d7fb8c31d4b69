"""Every percentage of a plan and period is rounded the same way in the report, the workbook, the CSV file,
the command line's JSON and on screen: half up, 推进率 and 序时进度 in whole percents, 完成率 to one decimal.

The expected figures are worked out here from the engine's exact figures with fractions, not with the
program's own rounding: 770 of 2,000 must read 38.5% everywhere, 2 of 16 tasks 13%.
"""

from __future__ import annotations

import csv
import json
import math
import re
from collections import Counter
from fractions import Fraction

import openpyxl
import pytest

from planner.app.demo import load_demo
from planner.documents import ReportKind, ReportRequest, build_report
from planner.domain.model import Status
from planner.domain.period_status import evaluate_plan
from planner.domain.periods import parse_period
from planner.exchange.export import FIRST_ROW, export_plan
from planner.store import open_store
from planner.store.progress_queries import report_facts
from planner.store.queries import list_plans, load_plan
from tests.conftest import TEST_ACTOR

from .pdf_text import joined, pdf_pages
from .wording_plan import PERIOD as GENERATED_PERIOD
from .wording_plan import add_wording_plan

CASES = {"hengshui": "2021Q2", "generated": GENERATED_PERIOD, "harbin": "2015Q4"}
OFFICE_ROW = re.compile(r"(\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)%\s*$")


def half_up(share: Fraction, places: int) -> str:
    """`share` as a percentage rounded half up to `places` decimals: Fraction(77, 200) → "38.5%"."""
    scaled = share * 100 * 10 ** places
    whole = math.floor(scaled + Fraction(1, 2))
    text = str(whole) if not places else f"{whole // 10 ** places}.{whole % 10 ** places:0{places}d}"
    return f"{text}%"


def exact_completion(evaluation) -> Fraction:
    """value ÷ target for the increment and ratio targets these plans hold (no year start to subtract)."""
    assert evaluation.target.kind in ("increment", "ratio"), evaluation.target
    return Fraction(evaluation.progress) / Fraction(evaluation.target.value)


@pytest.fixture(scope="module")
def plans(tmp_path_factory):
    """The demo plans and the generated plan of 2,000 tasks in one database: key → (plan, status)."""
    folder = tmp_path_factory.mktemp("rounding")
    with open_store(folder / "rounding.sqlite3", TEST_ACTOR) as store:
        load_demo(store)
        ids = {p.key: p.id for p in list_plans(store.conn)}
        ids["generated"] = add_wording_plan(store)
        found = {}
        for key, code in CASES.items():
            plan = load_plan(store.conn, ids[key])
            period = parse_period(code)
            found[key] = (plan, evaluate_plan(plan, report_facts(store.conn, plan.id, period), period))
        yield store, folder, found


def expected_completions(plan, status) -> dict[str, str]:
    """序号 → 完成率 of every task with a figure, increment and ratio targets only."""
    seq = {task.id: task.seq for task in plan.tasks}
    return {seq[e.task_id]: half_up(exact_completion(e), 1) for e in status.tasks
            if e.completion is not None and e.target.kind in ("increment", "ratio")}


@pytest.mark.parametrize("key", ["hengshui", "generated"])
def test_the_report_the_workbook_and_the_csv_print_the_same_completion(plans, key):
    store, folder, found = plans
    plan, status = found[key]
    expected = expected_completions(plan, status)
    assert len(expected) >= 4
    if key == "hengshui":
        assert "38.5%" in expected.values()  # 770 of 2,000 trained: 38% by half to even, 39% in Excel
    else:
        assert {"38.6%", "38.5%"} <= set(expected.values())  # 771 and 770 of 2,000
    pages = pdf_pages(build_report(store.conn, ReportRequest(ReportKind.QUARTERLY, plan.id, period=CASES[key]),
                                   folder / f"{key}.pdf").path)
    text = joined(pages)
    attachment = text[text.rfind("附件："):]
    assert Counter(re.findall(r"完成率(\d+(?:\.\d+)?%)", attachment)) == Counter(expected.values())
    # One precision per kind of figure, wherever it is printed.
    assert all(re.fullmatch(r"\d+\.\d%", shown) for shown in re.findall(r"完成率(\d+(?:\.\d+)?%)", text))
    assert all(re.fullmatch(r"\d+%", shown) for shown in re.findall(r"(?:推进率为|序时进度)(\d+(?:\.\d+)?%)", text))

    workbook = export_plan(store.conn, plan.id, folder / f"{key}.xlsx", CASES[key]).path
    sheet = openpyxl.load_workbook(workbook).active
    column = next(c for c in range(1, sheet.max_column + 1) if sheet.cell(4, c).value == "完成率")
    shown = {}
    for row in range(FIRST_ROW, sheet.max_row + 1):
        cell = sheet.cell(row, column)
        if isinstance(cell.value, (int, float)):  # 100% is written as the whole number 1
            assert cell.number_format == "0.0%"
            thousandths = cell.value * 1000
            assert abs(thousandths - round(thousandths)) < 1e-6  # the cell holds what it shows, nothing hidden
            shown[str(sheet.cell(row, 1).value)] = half_up(Fraction(round(thousandths), 1000), 1)
    assert {seq: shown[seq] for seq in expected} == expected

    csv_path = export_plan(store.conn, plan.id, folder / f"{key}.csv", CASES[key]).path
    with open(csv_path, encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    rates = {row["序号"]: row[f"{parse_period(CASES[key]).label}进展/完成率"] for row in rows}
    assert {seq: rates[seq] for seq in expected} == expected


@pytest.mark.parametrize("key", ["harbin", "generated"])
def test_on_track_rates_are_whole_percents_in_the_report_and_on_the_command_line(plans, key, capsys):
    store, folder, found = plans
    plan, status = found[key]
    offices = [o for o in status.offices if o.assigned]

    def rate(office) -> str:
        return half_up(Fraction(office.counts[Status.DONE] + office.counts[Status.ON_TRACK], office.assigned), 0)

    if key == "harbin":
        assert "13%" in {rate(o) for o in offices}  # 2 of 16: 12% by half to even
    pages = pdf_pages(build_report(store.conn, ReportRequest(ReportKind.QUARTERLY, plan.id, period=CASES[key]),
                                   folder / f"{key}-offices.pdf").path)
    printed = Counter(tuple(match.groups()) for page in pages for line in page.splitlines()
                      if (match := OFFICE_ROW.search(line)))
    assert printed == Counter((str(o.assigned), str(o.reported), *(str(o.counts[s]) for s in Status),
                               rate(o).rstrip("%")) for o in offices)

    from main import main

    assert main(["--db", str(store.path), "status", "--plan", str(plan.id), "--period", CASES[key], "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {o["office"]: o["on_track_text"] for o in data["offices"]} == {o.office: rate(o) for o in offices}
    assert all(o["on_track_rate"] == float(o["on_track_text"].rstrip("%")) / 100 for o in data["offices"])
    assert "completion" not in data["offices"][0]  # 完成率 is a task's value ÷ target, never an office's share
    tasks = {e.task_id: e for e in status.tasks}
    for task in data["task_status"]:
        evaluation = tasks[task["task_id"]]
        if task["completion_text"] is not None and evaluation.target.kind in ("increment", "ratio"):
            assert task["completion_text"] == half_up(exact_completion(evaluation), 1)


def test_the_dashboard_shows_the_reports_figures(plans, qapp):
    from ui.dashboard.models import LaggingTableModel, OfficeTableModel

    _store, _folder, found = plans
    plan, status = found["generated"]
    offices = OfficeTableModel()
    offices.set_offices(status.offices)
    for row, office in enumerate(status.offices):
        share = Fraction(office.counts[Status.DONE] + office.counts[Status.ON_TRACK], office.assigned)
        assert offices.index(row, OfficeTableModel.COL_ON_TRACK).data() == half_up(share, 0)
    lagging = LaggingTableModel()
    lagging.set_lagging(status.lagging, {task.id: task for task in plan.tasks})
    shown = [lagging.index(row, LaggingTableModel.COL_COMPLETION).data() for row in range(lagging.rowCount())]
    assert shown == [half_up(exact_completion(e), 1) if e.completion is not None else "—" for e in status.lagging]
