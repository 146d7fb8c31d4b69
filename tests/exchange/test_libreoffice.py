"""LibreOffice opens the workbooks this program writes, prints them, and works the status lights.

Skipped, with the reason shown in the summary, where LibreOffice is not installed
(`apt-get install libreoffice-calc-nogui` provides it).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from planner.domain.period_status import evaluate_plan
from planner.domain.periods import parse_period
from planner.exchange import form_layout as L
from planner.exchange.collect import ACCEPTED, collect_file
from planner.exchange.export import export_plan
from planner.exchange.fill_in import make_forms
from planner.store.progress_queries import report_facts
from planner.store.queries import load_plan

from .forms import NARRATIVE, STATUS, VALUE, add_plan, fill_form, task_rows

LIBREOFFICE = shutil.which("libreoffice") or shutil.which("soffice")
pytestmark = pytest.mark.skipif(
    LIBREOFFICE is None,
    reason="LibreOffice is not installed (apt-get install libreoffice-calc-nogui): the compatibility check is skipped",
)


def _convert(path: Path, to: str, out_dir: Path) -> Path:
    profile = out_dir / "profile"
    result = subprocess.run(
        [LIBREOFFICE, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--convert-to", to,
         "--outdir", str(out_dir), str(path)],
        capture_output=True, text=True, timeout=240,
    )
    converted = out_dir / (path.stem + "." + to.split(":")[0])
    assert result.returncode == 0 and converted.exists(), result.stdout + result.stderr
    return converted


def test_the_fill_in_form_and_the_export_open_and_print(store, tmp_path):
    plan = add_plan(store)
    form = make_forms(store, plan.id, "2021Q2", tmp_path / "forms", ["市民政局"])[0].path
    export = export_plan(store.conn, plan.id, tmp_path / "export.xlsx", "2021Q2").path
    for path in (form, export):
        pdf = _convert(path, "pdf", tmp_path / "pdf")
        assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 1000


def test_lights_follow_the_figures_and_a_form_saved_by_libreoffice_is_collected(store, tmp_path):
    plan = add_plan(store)
    form = make_forms(store, plan.id, "2021Q2", tmp_path / "forms", ["市民政局"])[0].path
    typed = {"1": {VALUE: 100}, "2": {VALUE: 45}, "5": {VALUE: 60, NARRATIVE: "已培训60人"},
             "4": {STATUS: "滞后"}}
    filled = fill_form(form, tmp_path / "filled.xlsx", typed)
    saved = _convert(filled, "xlsx", tmp_path / "saved")
    sheet = openpyxl.load_workbook(saved, data_only=True)[L.SHEET_TITLE]
    rows = task_rows(sheet)
    lights = {seq: sheet.cell(row, L.LIGHT).value for seq, row in rows.items()}
    # Q2 expects half the year: 100 of 400 is behind, 45% of a 40% ratio is done, 60 of 200 behind,
    # the milestone takes the chosen status, and task 3 has nothing typed in.
    assert lights == {"1": "滞后", "2": "已完成", "3": "未填报", "4": "滞后", "5": "滞后"}
    result = collect_file(store, saved)
    assert (result.outcome, result.reports) == (ACCEPTED, 4)
    period = parse_period("2021Q2")
    judged = evaluate_plan(load_plan(store.conn, plan.id), report_facts(store.conn, plan.id, period), period,
                           office="市民政局")
    seq = {task.id: task.seq for task in plan.tasks}
    assert {seq[e.task_id]: e.status.value for e in judged.by_office} == lights  # the planner agrees


@pytest.mark.parametrize("kind", ["ods", "xls"])
def test_a_form_saved_in_another_format_by_libreoffice_is_still_collected(store, tmp_path, kind):
    plan = add_plan(store)
    form = make_forms(store, plan.id, "2021Q2", tmp_path / "forms", ["市民政局"])[0].path
    filled = fill_form(form, tmp_path / "filled.xlsx", {"1": {VALUE: 100, NARRATIVE: "已建成两处"}})
    saved = _convert(filled, kind, tmp_path / "saved")
    result = collect_file(store, saved)
    assert (result.outcome, result.reports) == (ACCEPTED, 1), result.message


@pytest.mark.parametrize("typed, number_format", [
    (0.92, "0%"),  # 92% typed: stored as 0.92, shown as a percentage
    (92, None),
    (0.92, None),  # 0.92 typed as such is the figure 0.92 for the planner too
    ("92%", "@"),  # typed into a cell formatted as text
    ("１２", "@"),  # full-width digits
    ("92 ", "@"),
    ("12个", "@"),  # refused: the light says so instead of showing a status
])
def test_the_light_of_a_target_counted_in_percent_agrees_with_the_planner(store, tmp_path, typed, number_format):
    plan = add_plan(store)
    form = make_forms(store, plan.id, "2021Q2", tmp_path / "forms", ["市民政局"])[0].path
    workbook = openpyxl.load_workbook(form)
    sheet = workbook[L.SHEET_TITLE]
    row = task_rows(sheet)["2"]  # 护理型床位占比达到40%以上; the second quarter expects half of it
    cell = sheet[f"{VALUE}{row}"]
    cell.value = typed
    if number_format:
        cell.number_format = number_format
    if isinstance(typed, str):
        cell.data_type = "s"
    workbook.save(tmp_path / "filled.xlsx")
    saved = _convert(tmp_path / "filled.xlsx", "xlsx", tmp_path / "saved")
    light = openpyxl.load_workbook(saved, data_only=True)[L.SHEET_TITLE].cell(row, L.LIGHT).value
    result = collect_file(store, saved)
    if result.refused:
        assert light == "请核对" and f"第{row}行{VALUE}列（完成数值）" in result.message, (light, result.message)
        return
    period = parse_period("2021Q2")
    judged = evaluate_plan(load_plan(store.conn, plan.id), report_facts(store.conn, plan.id, period), period,
                           office="市民政局")
    status = {e.task_id: e.status.value for e in judged.by_office}[plan.tasks[1].id]
    assert light == status, (typed, light, status)
