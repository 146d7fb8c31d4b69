"""Issue 14: a return passed off as another office's, or written by another database, is refused.

The checksum in a fill-in workbook's hidden sheet is a plain SHA-256 of what the
sheet shows, so anyone can recompute it after changing the office in the hidden
identity and in the visible heading. These forgeries are built here the way such
a person would build them, and each must be refused by the issuing database,
whether it collects the file or opens it as a received form, with nothing written.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from planner.exchange import collect, fill_in_read
from planner.exchange import form_layout as L
from planner.exchange.fill_in import make_forms
from planner.exchange.fill_in_read import FormRefused
from planner.exchange.fill_in_spec import IDENTITY_FIELDS, checksum_of
from planner.exchange.received_forms import open_fill_in
from planner.store import open_store
from planner.store.backup import copy_database
from planner.store.restore import restore_database
from tests.conftest import TEST_ACTOR
from tests.exchange.forms import VALUE, fill_form, task_rows
from tests.hostile.forms import PERIOD, plan_with_forms, returned
from tests.sheets.builders import db_snapshot

SAMPLE_V5 = Path(__file__).parents[1] / "data" / "schema-v5.sqlite3"
OFFICE_CELL = f"A{L.INFO_ROW}"  # 填报单位：…


@pytest.fixture
def forms(tmp_path):
    db = tmp_path / "planner.sqlite3"
    return db, plan_with_forms(db, tmp_path)


def _identity_rows(workbook) -> dict[str, list]:
    """The hidden sheet's key/value pairs, as openpyxl cells, by key."""
    pairs = {}
    for row in workbook[L.IDENTITY_SHEET].iter_rows():
        if row[0].value is None:
            break
        pairs[row[0].value] = row
    return pairs


def _reseal(workbook) -> None:
    """Recompute the public checksum over the hidden sheet as it now stands, as a forger can."""
    sheet = workbook[L.IDENTITY_SHEET]
    rows = [["" if cell.value is None else str(cell.value) for cell in row] for row in sheet.iter_rows()]
    pairs = {row[0]: row[1] for row in rows[:rows.index(next(r for r in rows if not any(r)))]}
    start = next(number for number, row in enumerate(rows) if row[:1] == ["rows"])
    header = [name for name in rows[start + 1] if name]
    table = [(row + [""] * len(header))[:len(header)] for row in rows[start + 2:] if any(row)]
    identity = [(key, pairs.get(key, "")) for key in IDENTITY_FIELDS]
    _identity_rows(workbook)["checksum"][1].value = checksum_of(identity, header, table)


def _pass_off_as(office: str):
    """Change the office in the hidden identity and in the visible heading, then recompute the checksum."""
    def edit(workbook) -> None:
        _identity_rows(workbook)["office"][1].value = office
        workbook[L.SHEET_TITLE][OFFICE_CELL] = f"填报单位：{office}"
        _reseal(workbook)
    return edit


def _with_signature_of(other: Path, office: str):
    """Pass the return off as `office` and carry over the signature of that office's own genuine form."""
    def edit(workbook) -> None:
        _pass_off_as(office)(workbook)
        theirs = _identity_rows(openpyxl.load_workbook(other))
        mine = _identity_rows(workbook)
        if "signature" in theirs and "signature" in mine:
            mine["signature"][1].value = theirs["signature"][1].value
    return edit


def _without_signature(office: str):
    """Pass the return off as `office` and blank the signature, as if there had never been one."""
    def edit(workbook) -> None:
        _pass_off_as(office)(workbook)
        pairs = _identity_rows(workbook)
        if "signature" in pairs:
            pairs["signature"][1].value = None
    return edit


def _as_old_format(then=None):
    """Mark the form as written by format version 1, which had a checksum and no signature."""
    def edit(workbook) -> None:
        if then is not None:
            then(workbook)
        pairs = _identity_rows(workbook)
        pairs["format_version"][1].value = "1"
        if "signature" in pairs:
            pairs["signature"][0].value = pairs["signature"][1].value = None
    return edit


def _filled(made_path: Path, target: Path) -> Path:
    first = next(iter(task_rows(openpyxl.load_workbook(made_path)[L.SHEET_TITLE])))
    return fill_form(made_path, target, {first: {VALUE: 7}})


def _collect(db: Path, path: Path) -> collect.CollectResult:
    with open_store(db, TEST_ACTOR) as store:
        result, = collect.collect_files(store, [path], collect.CollectScope(period=PERIOD))
    return result


FORGERIES = {
    "office-changed-checksum-recomputed": (lambda paths: _pass_off_as("市财政局"), fill_in_read.SIGNATURE),
    "with-the-other-offices-signature": (lambda paths: _with_signature_of(paths["市财政局"], "市财政局"),
                                         fill_in_read.SIGNATURE),
    "forged-with-the-signature-blanked": (lambda paths: _without_signature("市财政局"), fill_in_read.SIGNATURE),
    "forged-and-marked-as-old-format": (lambda paths: _as_old_format(_pass_off_as("市财政局")),
                                        fill_in_read.FORMAT_VERSION),
}


@pytest.mark.parametrize("forgery", list(FORGERIES))
def test_a_return_passed_off_as_another_office_is_refused(forgery, forms, tmp_path):
    db, paths = forms
    make_edit, reason = FORGERIES[forgery]
    path = returned(paths["市民政局"], tmp_path / f"市财政局_{forgery}.xlsx", make_edit(paths))
    before = db_snapshot(db)
    result = _collect(db, path)
    assert result.outcome == collect.REFUSED, f"{forgery}: {result.message}"
    assert result.reason == reason, f"{forgery}: {result.reason}: {result.message}"
    assert path.name in result.message
    assert db_snapshot(db) == before


def test_a_forged_return_opened_in_the_issuing_database_is_refused(forms, tmp_path):
    """Opening a received form in the coordinator's own planner takes what was typed in it as reports."""
    db, paths = forms
    path = returned(paths["市民政局"], tmp_path / "市财政局_收到.xlsx", _pass_off_as("市财政局"))
    before = db_snapshot(db)
    with open_store(db, TEST_ACTOR) as store:
        with pytest.raises(FormRefused) as refused:
            open_fill_in(store, path)
    assert refused.value.reason == fill_in_read.SIGNATURE
    assert path.name in str(refused.value)
    assert db_snapshot(db) == before


def test_a_return_signed_by_another_database_with_the_same_plan_is_refused(tmp_path):
    """Two databases that grew from one copy hold the same plans under the same identity; each signs
    with its own key, so a form made in one is not taken by the other."""
    issuing, other = tmp_path / "issuing.sqlite3", tmp_path / "other.sqlite3"
    for db in (issuing, other):
        shutil.copy(SAMPLE_V5, db)
        open_store(db, TEST_ACTOR).close()  # each brought to the current version on its own
    with open_store(other, TEST_ACTOR) as store:
        made = make_forms(store, 2, "2015Q4", tmp_path / "forms")[0]
    path = _filled(made.path, tmp_path / made.path.name)
    before = db_snapshot(issuing)
    with open_store(issuing, TEST_ACTOR) as store:
        result = collect.collect_file(store, path)
    assert result.outcome == collect.REFUSED, result.message
    assert result.reason == fill_in_read.SIGNATURE, f"{result.reason}: {result.message}"
    assert path.name in result.message and "不是本数据库生成" in result.message
    assert db_snapshot(issuing) == before


def test_a_genuine_return_of_the_old_format_is_refused_asking_for_new_forms(forms, tmp_path):
    """A form of format version 1 has no signature; taking it would let any forgery in as version 1."""
    db, paths = forms
    path = returned(paths["市民政局"], tmp_path / "市民政局_旧格式.xlsx", _as_old_format())
    before = db_snapshot(db)
    result = _collect(db, path)
    assert result.outcome == collect.REFUSED, result.message
    assert result.reason == fill_in_read.FORMAT_VERSION
    assert path.name in result.message and "重新生成填报表" in result.message
    assert db_snapshot(db) == before


@pytest.mark.parametrize("copy", ["a-copy-of-this-database", "a-copy-from-before-signing", "another-databases-copy"])
def test_after_a_restore_the_returns_of_the_restored_databases_forms_are_collected(copy, tmp_path):
    """The key travels with the database's copies. A copy from before version 6 has none, so the restore
    keeps the key of the database it replaces and the forms already issued are still taken; a copy of
    another database brings that database's key, and this one's forms are refused."""
    db, other = tmp_path / "planner.sqlite3", tmp_path / "other.sqlite3"
    for path in (db, other):
        shutil.copy(SAMPLE_V5, path)
        open_store(path, TEST_ACTOR).close()
    with open_store(db, TEST_ACTOR) as store:
        made = make_forms(store, 2, "2015Q4", tmp_path / "forms")[0]
        if copy == "a-copy-of-this-database":
            backup = copy_database(store.conn, tmp_path / "备份.sqlite3")
        elif copy == "a-copy-from-before-signing":
            backup = shutil.copy(SAMPLE_V5, tmp_path / "备份-升级前.sqlite3")
        else:
            with open_store(other, TEST_ACTOR) as theirs:
                backup = copy_database(theirs.conn, tmp_path / "另一数据库的备份.sqlite3")
        restore_database(store, Path(backup))
        path = _filled(made.path, tmp_path / made.path.name)
        result = collect.collect_file(store, path)
    if copy == "another-databases-copy":
        assert (result.outcome, result.reason) == (collect.REFUSED, fill_in_read.SIGNATURE), result.message
    else:
        assert not result.refused, result.message
        assert result.reports == 1
