"""Issue 8 for the collector: a returned fill-in workbook with a forged checksum, an altered locked
cell or a swapped identity is refused with its reason, and so is every hostile file of the corpus;
nothing is written for any of them.

Run with -s to see the count of cases printed at the end of the module.
"""

from __future__ import annotations

import os
from pathlib import Path

import openpyxl
import pytest

from planner.exchange import collect, fill_in_read
from planner.exchange import form_layout as L
from planner.store import open_store
from tests.conftest import TEST_ACTOR
from tests.hostile.corpus import CORPUS, by_id
from tests.hostile.forms import PERIOD, TARGET_CELL, plan_with_forms, returned
from tests.sheets.builders import db_snapshot

# Files the collector reads just as the importer does; the size cases are left to the importer's
# tests, which run them in a child process.
COLLECTED = [case for case in CORPUS if (not case.child or case.id in ("pdf-named-xls", "empty-xlsx", "password-xlsx"))
             and (os.name == "posix" or not case.posix_only)]


@pytest.fixture(scope="module")
def tally():
    counts = {"forgeries": 0, "hostile": 0}
    yield counts
    print(f"\ncollector: {counts['forgeries']} altered fill-in workbooks and {counts['hostile']} hostile files "
          "refused, nothing written")


@pytest.fixture
def forms(tmp_path):
    db = tmp_path / "planner.sqlite3"
    return db, plan_with_forms(db, tmp_path)


def _set_identity(workbook, key: str, value: str) -> None:
    for row in workbook[L.IDENTITY_SHEET].iter_rows():
        if row[0].value == key:
            row[1].value = value
            return
    raise AssertionError(f"no {key} in the identity sheet")


def _swap_identity(other: Path):
    """Put another office's hidden sheet, whose checksum is right for its own contents, in this workbook."""
    def edit(workbook):
        theirs = openpyxl.load_workbook(other)[L.IDENTITY_SHEET]
        mine = workbook[L.IDENTITY_SHEET]
        for row in mine.iter_rows():
            for cell in row:
                cell.value = theirs.cell(cell.row, cell.column).value
    return edit


def _collect(db: Path, paths: list[Path]):
    with open_store(db, TEST_ACTOR) as store:
        return collect.collect_files(store, paths, collect.CollectScope(period=PERIOD))


def test_a_genuine_return_is_collected(forms, tmp_path):
    """The forgeries below are refused for what was forged, not because openpyxl saved the file."""
    db, paths = forms
    result, = _collect(db, [returned(paths["市民政局"], tmp_path / "returned.xlsx")])
    assert result.outcome == collect.ACCEPTED, result.message
    assert result.reports == 1


FORGERIES = {
    "checksum-replaced": (lambda paths: lambda wb: _set_identity(wb, "checksum", "0" * 64), fill_in_read.CHECKSUM),
    "office-changed-checksum-kept": (lambda paths: lambda wb: _set_identity(wb, "office", "市财政局"),
                                     fill_in_read.CHECKSUM),
    "period-changed-checksum-kept": (lambda paths: lambda wb: _set_identity(wb, "period", "2021Q4"),
                                     fill_in_read.CHECKSUM),
    "target-cell-altered": (lambda paths: lambda wb: wb[L.SHEET_TITLE].__setitem__(TARGET_CELL, "新增1个"),
                            fill_in_read.LOCKED_CELLS),
    "identity-of-another-office": (lambda paths: _swap_identity(paths["市财政局"]), fill_in_read.LOCKED_CELLS),
    "identity-sheet-removed": (lambda paths: lambda wb: wb.remove(wb[L.IDENTITY_SHEET]), fill_in_read.NOT_A_FORM),
}


@pytest.mark.parametrize("forgery", list(FORGERIES))
def test_altered_fill_in_workbook_is_refused(forgery, forms, tmp_path, tally):
    db, paths = forms
    make_edit, reason = FORGERIES[forgery]
    path = returned(paths["市民政局"], tmp_path / f"市民政局_{forgery}.xlsx", make_edit(paths))
    before = db_snapshot(db)
    result, = _collect(db, [path])
    assert result.outcome == collect.REFUSED, f"{forgery}: {result.message}"
    assert result.reason == reason, f"{forgery}: {result.reason}: {result.message}"
    assert path.name in result.message
    assert db_snapshot(db) == before
    tally["forgeries"] += 1


def test_hostile_files_are_refused_by_the_collector(forms, tmp_path, tally):
    """One collection of every hostile file the importer reads in-process: each refused, none stops the
    others, the database untouched. A workbook that imports is still not a fill-in workbook."""
    db, _ = forms
    folder = tmp_path / "hostile"
    folder.mkdir()
    paths = []
    for case in COLLECTED:
        case_folder = folder / case.id
        case_folder.mkdir()
        paths.append(case.build(case_folder))
    before = db_snapshot(db)
    results = _collect(db, paths)
    assert [r.path for r in results] == paths
    for case, result in zip(COLLECTED, results):
        assert result.outcome == collect.REFUSED, f"{case.id}: {result.message}"
        assert result.path.name in result.message, f"{case.id}: {result.message}"
        # A workbook the importer would take is simply not a fill-in form; one it refuses is unreadable,
        # or not a form when its damage lies in a sheet the collector never reaches.
        expected = {fill_in_read.NOT_A_FORM} | ({fill_in_read.UNREADABLE} if case.refused else set())
        assert result.reason in expected, f"{case.id}: {result.reason}: {result.message}"
    assert db_snapshot(db) == before
    tally["hostile"] += len(results)
    assert len(results) > len(CORPUS) // 2, [case.id for case in COLLECTED]


def test_a_zip_bomb_among_returns_is_refused_and_the_others_collected(forms, tmp_path):
    db, paths = forms
    bomb = by_id("zip-bomb").build(tmp_path)
    good = returned(paths["市民政局"], tmp_path / "returned.xlsx")
    first, second = _collect(db, [bomb, good])
    assert first.outcome == collect.REFUSED and "压缩比" in first.message, first.message
    assert second.outcome == collect.ACCEPTED, second.message
