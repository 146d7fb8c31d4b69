"""Fill-in workbooks made by the program and returned as an office would return them, for the collector tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

from planner.exchange import form_layout as L
from planner.exchange.fill_in import make_forms
from planner.plans.importing import import_file
from planner.store import open_store
from tests.conftest import TEST_ACTOR
from tests.sheets.builders import simple_rows, write_xlsx

PERIOD = "2021Q3"
OFFICES = ["市民政局", "市财政局"]  # the lead and a co-operating office of the first task of simple_rows()
# The first task's cells: simple_rows() has no section rows, so the first table row is that task.
VALUE_CELL = f"{get_column_letter(L.VALUE)}{L.FIRST_ROW}"
TARGET_CELL = f"{get_column_letter(L.TARGET)}{L.FIRST_ROW}"


def plan_with_forms(db: Path, folder: Path) -> dict[str, Path]:
    """A database holding one plan, and the fill-in workbooks of `OFFICES` in `folder`; the database is closed."""
    with open_store(db, TEST_ACTOR) as store:
        plan_id = import_file(store, write_xlsx(folder / "plan.xlsx", simple_rows())).plan_id
        made = make_forms(store, plan_id, PERIOD, folder / "forms", offices=OFFICES)
    return {form.office: form.path for form in made}


def returned(source: Path, target: Path, edit: Callable[[openpyxl.Workbook], None] = lambda workbook: None) -> Path:
    """The workbook as an office returns it after typing one figure (saved again by openpyxl), with `edit` applied."""
    workbook = openpyxl.load_workbook(source)
    workbook[L.SHEET_TITLE][VALUE_CELL] = 5
    edit(workbook)
    workbook.save(target)
    return target
