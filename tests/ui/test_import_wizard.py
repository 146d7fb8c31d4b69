"""文件 → 导入表格, as a clerk goes through it: pick the file, check the columns, read the preview, import."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWizard

from planner.sheets.mapping import Meaning
from planner.store.queries import list_plans, load_plan
from tests.sheets.builders import breakdown_workbook, db_snapshot, messy_appendix
from ui.importing.preview import COL_LEAD, FIRST_YEAR_COLUMN

WAIT_MS = 20_000


@pytest.fixture
def window(open_window, store, chinese_ui):
    return open_window(store)


def _wait_complete(qtbot, wizard):
    qtbot.waitUntil(lambda: wizard.currentPage().isComplete(), timeout=WAIT_MS)


def _next(qtbot, wizard):
    _wait_complete(qtbot, wizard)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def _to_preview(qtbot, wizard):
    _next(qtbot, wizard)  # file → columns
    _wait_complete(qtbot, wizard)
    _next(qtbot, wizard)  # columns → preview
    _wait_complete(qtbot, wizard)
    assert wizard.currentPage() is wizard.preview_page


def _import(qtbot, wizard):
    _wait_complete(qtbot, wizard)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CommitButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.done_page, timeout=WAIT_MS)


def test_wizard_imports_a_messy_appendix_end_to_end(qtbot, window, store, tmp_path):
    path = messy_appendix(tmp_path / "附件1.xlsx")
    wizard = window.open_import(path)
    _wait_complete(qtbot, wizard)
    assert wizard.file_page.sheet_box.currentText() == "附件1"

    _next(qtbot, wizard)
    _wait_complete(qtbot, wizard)
    table = wizard.mapping_page.table
    assert table.meaning_at(3) is Meaning.YEAR and table.year_box(3).value() == 2015
    assert table.meaning_at(4) is Meaning.YEAR and table.year_box(4).value() == 2016
    assert table.meaning_at(6) is Meaning.RESPONSIBLE
    assert "4–5" in wizard.mapping_page.header_label.text()

    _next(qtbot, wizard)
    _wait_complete(qtbot, wizard)
    model = wizard.preview_page.model
    assert model.rowCount() == 3
    beds_2015 = model.index(0, FIRST_YEAR_COLUMN).data()
    assert "53426张" in beds_2015 and "≥53426张" in beds_2015 and "<b>" in beds_2015
    assert model.index(0, COL_LEAD).data() == "市民政局"
    homes_2017 = model.index(1, FIRST_YEAR_COLUMN + 2).data()
    assert "城区42个" in homes_2017 and "≥" not in homes_2017
    warnings = [wizard.preview_page.issues.item(i).text() for i in range(wizard.preview_page.issues.count())]
    assert any("F8" in text for text in warnings)
    assert "3 项任务" in wizard.preview_page.counts.text()

    _import(qtbot, wizard)
    assert "计划 1" in wizard.done_page.summary.text()
    plans = list_plans(store.conn)
    assert [p.title for p in plans] == ["哈尔滨市养老服务业发展三年行动方案重点任务分解表"]
    plan = load_plan(store.conn, plans[0].id)
    assert [t.name for t in plan.tasks] == ["提升养老床位数量", "提升养老床位数量", "发展社区居家养老服务"]
    # The window shows the new plan.
    qtbot.waitUntil(lambda: window.task_model.plan is not None and window.task_model.plan.id == plan.id)


def test_a_corrected_column_changes_what_is_imported(qtbot, window, store, tmp_path):
    wizard = window.open_import(messy_appendix(tmp_path / "附件1.xlsx"))
    _next(qtbot, wizard)
    _wait_complete(qtbot, wizard)
    wizard.mapping_page.table.choose(6, Meaning.IGNORE)  # 责任单位
    _next(qtbot, wizard)
    _wait_complete(qtbot, wizard)
    assert wizard.preview_page.model.index(0, COL_LEAD).data() == ""
    _import(qtbot, wizard)
    plan = load_plan(store.conn, list_plans(store.conn)[0].id)
    assert all(task.lead == [] and task.co == [] for task in plan.tasks)


def test_a_file_that_is_not_a_spreadsheet_is_refused_with_its_reason(qtbot, window, store, tmp_path):
    bad = tmp_path / "通知.xlsx"
    bad.write_bytes(b"%PDF-1.7\n" + b"0" * 200)
    before = db_snapshot(store.path)
    wizard = window.open_import(bad)
    qtbot.waitUntil(lambda: "无法导入" in wizard.file_page.status.text() or "PDF" in wizard.file_page.status.text(),
                    timeout=WAIT_MS)
    assert "通知.xlsx" in wizard.file_page.status.text() and "PDF" in wizard.file_page.status.text()
    assert not wizard.file_page.isComplete()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert db_snapshot(store.path) == before


def test_an_attached_breakdown_that_does_not_add_up_is_flagged(qtbot, window, store, tmp_path):
    wizard = window.open_import(breakdown_workbook(tmp_path / "分解.xlsx", adds_up=False))
    _to_preview(qtbot, wizard)
    page = wizard.preview_page
    assert page.breakdown_sheet.currentText() == "分解表"
    qtbot.mouseClick(page.attach_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any("不一致" in page.issues.item(i).text() for i in range(page.issues.count())),
                    timeout=WAIT_MS)
    assert "分解到 2 个单位" in page.model.index(0, FIRST_YEAR_COLUMN).data()
    _import(qtbot, wizard)
    plan = load_plan(store.conn, list_plans(store.conn)[0].id)
    assert {t.office for t in plan.tasks[0].targets if t.office} == {"道里区", "南岗区"}


def test_importing_the_same_file_again_asks_and_keeps_both_as_versions(qtbot, window, store, tmp_path):
    path = messy_appendix(tmp_path / "附件1.xlsx")
    first = window.open_import(path)
    _to_preview(qtbot, first)
    _import(qtbot, first)
    first.accept()

    second = window.open_import(path)
    _to_preview(qtbot, second)

    def choose_new_version():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, choose_new_version)
            return
        assert "计划 1" in box.text()
        next(b for b in box.buttons() if "新版本" in b.text()).click()

    QTimer.singleShot(0, choose_new_version)
    _import(qtbot, second)
    titles = [p.title for p in list_plans(store.conn)]
    assert len(titles) == 2 and titles[1].endswith("（第2版）")


def test_dropping_a_file_on_the_window_opens_the_wizard_with_it(qtbot, window, tmp_path):
    path = messy_appendix(tmp_path / "附件1.xlsx")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    wizard = window.findChild(QWizard, "importWizard")
    assert wizard is not None and wizard.isVisible()
    _wait_complete(qtbot, wizard)
    assert wizard.file_page.path_edit.text() == str(path)
    assert wizard.file_page.sheet_box.currentText() == "附件1"


def test_a_file_that_brings_its_reader_down_is_refused_and_the_window_reads_the_next(qtbot, window, store, tmp_path):
    """calamine aborts the process it runs in on this file (it sets aside 512 GB for the sheet): the file is
    read in the reading worker, so the wizard shows a refusal naming it and goes on to the next file."""
    from tests.hostile import packages as P

    bad = P.odd_sheet_path(tmp_path / "拼写.xlsx", "./worksheets/sheet1.xml")
    before = db_snapshot(store.path)
    wizard = window.open_import(bad)
    _next(qtbot, wizard)  # the sheet itself is read for the columns page
    status = wizard.mapping_page.status
    qtbot.waitUntil(lambda: "拼写.xlsx" in status.text(), timeout=WAIT_MS)
    assert "Sheet1" in status.text() and "上限" in status.text(), status.text()
    assert not wizard.mapping_page.isComplete()
    wizard.back()
    good = messy_appendix(tmp_path / "附件1.xlsx")
    wizard.file_page.load(str(good))
    _next(qtbot, wizard)
    _wait_complete(qtbot, wizard)
    assert wizard.mapping_page.table.meaning_at(6) is Meaning.RESPONSIBLE
    assert db_snapshot(store.path) == before
