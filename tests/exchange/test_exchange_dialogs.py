"""The collect dialog, the fill-in form dialog and the received-form dialog, driven as a user would."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFileDialog, QMessageBox

from planner.domain.model import STATUS_COLOURS, Report, Status
from planner.exchange.collect import ACCEPTED, REFUSED, UNCHANGED
from planner.exchange.fill_in import make_forms
from planner.exchange.fill_in_read import read_fill_in
from planner.progress.entry import submit_report
from planner.store import Actor, open_store
from planner.store.queries import current_reports, load_plan
from ui.exchange.collect_dialog import CollectDialog, CollectResultsModel, collect_returns
from ui.exchange.export_plan import export_plan_to_file
from ui.exchange.fill_in_dialog import FillInDialog
from ui.exchange.received_form import ReceivedFormDialog, write_back_form

from .forms import NARRATIVE, VALUE, add_plan, fill_form


@pytest.fixture
def issued(store, tmp_path):
    plan = add_plan(store)
    made = make_forms(store, plan.id, "2021Q2", tmp_path / "issued")
    return plan, {form.office: form.path for form in made}


def _cell(dialog: CollectDialog, row: int, column: int, role=Qt.ItemDataRole.DisplayRole):
    return dialog.model.data(dialog.model.index(row, column), role)


def test_collect_dialog_shows_one_line_per_file(qtbot, store, issued, make_context, tmp_path):
    plan, forms = issued
    good = fill_form(forms["市民政局"], tmp_path / "民政局.xlsx", {"1": {VALUE: 120, NARRATIVE: "新增床位"}})
    bad = tmp_path / "照片.xlsx"
    bad.write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 64)
    dialog = CollectDialog(make_context(store), [])
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.finished_batch, timeout=20000), qtbot.waitSignal(dialog.collected) as collected:
        dialog.collect([good, bad])
    assert collected.args == [[plan.id]]
    with qtbot.waitSignal(dialog.finished_batch, timeout=20000):
        dialog.collect([good])
    model = dialog.model
    assert model.rowCount() == 3
    files = [_cell(dialog, row, CollectResultsModel.COL_FILE) for row in range(3)]
    results = [_cell(dialog, row, CollectResultsModel.COL_RESULT) for row in range(3)]
    expected = {"民政局.xlsx": ACCEPTED, "照片.xlsx": REFUSED}
    assert sorted(files[:2]) == sorted(expected) and files[2] == "民政局.xlsx"
    assert results == [model.outcome_label(expected[files[0]]), model.outcome_label(expected[files[1]]),
                       model.outcome_label(UNCHANGED)]
    refused_row = files.index("照片.xlsx")
    assert "照片.xlsx" in _cell(dialog, refused_row, CollectResultsModel.COL_DETAILS)
    assert _cell(dialog, refused_row, CollectResultsModel.COL_RESULT, Qt.ItemDataRole.ForegroundRole) == QColor(
        STATUS_COLOURS[Status.BEHIND])
    accepted_row = files.index("民政局.xlsx")
    assert _cell(dialog, accepted_row, CollectResultsModel.COL_OFFICE) == "市民政局"
    assert _cell(dialog, accepted_row, CollectResultsModel.COL_REPORTS) == "1"
    assert all(digit in dialog.summary.text() for digit in "31")
    assert [r.value for r in current_reports(store.conn, plan.id, "2021Q2")] == [120]


def test_add_files_from_the_dialog(qtbot, store, issued, make_context, tmp_path, monkeypatch):
    _plan, forms = issued
    good = fill_form(forms["市财政局"], tmp_path / "财政局.xlsx", {"1": {NARRATIVE: "资金已拨付"}})
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *args, **kwargs: ([str(good)], ""))
    dialog = collect_returns(make_context(store), [])
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=20000)
    assert dialog.isVisible() and dialog.add_button.isEnabled()
    assert _cell(dialog, 0, CollectResultsModel.COL_FILE) == "财政局.xlsx"
    assert _cell(dialog, 0, CollectResultsModel.COL_RESULT) == dialog.model.outcome_label(ACCEPTED)


def test_fill_in_dialog_writes_the_chosen_offices_forms(qtbot, store, make_context, tmp_path):
    plan = add_plan(store)
    dialog = FillInDialog(make_context(store), plan.id, "2021Q2")
    qtbot.addWidget(dialog)
    dialog.show()
    offices = [dialog.office_list.item(row).data(Qt.ItemDataRole.UserRole) for row in range(dialog.office_list.count())]
    assert set(offices) == {"市民政局", "市财政局", "道里区", "南岗区", "市司法局", "市人力资源社会保障局"}
    assert dialog.chosen_offices() == offices  # all ticked at first
    dialog._check_all(False)
    assert not dialog.generate_button.isEnabled()
    dialog.office_list.item(offices.index("道里区")).setCheckState(Qt.CheckState.Checked)
    dialog.folder_edit.setText(str(tmp_path / "out"))
    with qtbot.waitSignal(dialog.generated, timeout=20000) as generated:
        qtbot.mouseClick(dialog.generate_button, Qt.MouseButton.LeftButton)
    assert [p.split("/")[-1] for p in generated.args[0]] == ["道里区_2021年第二季度填报表.xlsx"]
    assert read_fill_in(generated.args[0][0]).spec.office == "道里区"
    assert str(tmp_path / "out") in dialog.result_label.text() and dialog.open_folder_button.isEnabled()


def test_received_form_opens_then_writes_back(qtbot, issued, make_context, tmp_path, monkeypatch):
    _plan, forms = issued
    received = tmp_path / "收到的表.xlsx"
    shutil.copy(forms["市民政局"], received)
    with open_store(tmp_path / "office.sqlite3", Actor(person="李科员")) as office_store:
        context = make_context(office_store)
        dialog = ReceivedFormDialog(context, received)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(dialog.fill_in_button.isEnabled, timeout=20000)
        assert "市民政局" in dialog.message.text()
        with qtbot.waitSignal(dialog.opened) as opened:
            qtbot.mouseClick(dialog.fill_in_button, Qt.MouseButton.LeftButton)
        plan_id, office, period, path = opened.args
        assert (office, period, path) == ("市民政局", "2021Q2", str(received))
        local = load_plan(office_store.conn, plan_id)
        submit_report(office_store, local, Report(task_id=local.tasks[0].id, office=office, period=period, value=77))

        shown = []
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(received), ""))
        monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(text))
        job = write_back_form(context, plan_id, office, period, received)
        qtbot.waitUntil(lambda: bool(shown), timeout=20000)
        assert not job.running and str(received) in shown[0]
    assert [entry.value for entry in read_fill_in(received).entries] == [77]


def test_a_bad_received_form_shows_the_reason(qtbot, store, make_context, tmp_path):
    bad = tmp_path / "不是填报表.xlsx"
    bad.write_bytes(b"%PDF-1.4\n")
    dialog = ReceivedFormDialog(make_context(store), bad)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: "不是填报表.xlsx" in dialog.message.text(), timeout=20000)
    assert not dialog.fill_in_button.isEnabled()


def test_export_asks_for_the_file_and_writes_it(qtbot, store, make_context, tmp_path, monkeypatch):
    plan = add_plan(store)
    target = tmp_path / "导出"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), args[3].split(";;")[1]))
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(text))
    export_plan_to_file(make_context(store, plan.id))
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    written = tmp_path / "导出.csv"  # the CSV filter was chosen and the name had no extension
    assert written.read_bytes().startswith(b"\xef\xbb\xbf") and str(written) in shown[0]
