"""报表 dialog: the preview shows the report chosen, printing sends every page, Save as writes what was previewed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QFileDialog

from planner.domain.model import Status
from planner.store import Store
from planner.store.queries import list_plans
from ui.documents.dialog import DocumentDialog
from ui.documents.fonts import load_font_choice, save_font_choice

PERIOD = "2021Q2"


def hengshui_id(store: Store) -> int:
    return next(p.id for p in list_plans(store.conn) if p.key == "hengshui")


@pytest.fixture
def open_reports(qtbot, demo_store: Store, english_ui, make_context):
    def open_on(kind: str = "quarterly", office: str | None = None) -> DocumentDialog:
        dialog = DocumentDialog(make_context(demo_store, hengshui_id(demo_store), PERIOD, office), kind)
        qtbot.addWidget(dialog)
        with qtbot.waitSignal(dialog.generated, timeout=30_000):
            dialog.show()
        return dialog

    return open_on


def pdf_pages(path: Path) -> list[tuple[float, float]]:
    document = QPdfDocument(None)
    document.load(str(path))
    sizes = [(document.pagePointSize(p).width(), document.pagePointSize(p).height())
             for p in range(document.pageCount())]
    document.close()
    return sizes


def test_the_preview_shows_the_quarterly_report_page_by_page(open_reports):
    dialog = open_reports()
    result = dialog.shown_result()
    assert dialog.document.pageCount() == result.pages >= 3
    assert "2021年第二季度" in result.title
    assert dialog.page_label.text() == f"Page 1 of {result.pages}"
    first = dialog.document.getAllText(0).text()
    assert "截至2021年第二季度" in first.replace("\r\n", "").replace("\n", "")
    assert dialog.print_button.isEnabled() and dialog.save_button.isEnabled()


def test_choosing_the_target_table_previews_it_in_landscape(qtbot, open_reports):
    dialog = open_reports()
    with qtbot.waitSignal(dialog.generated, timeout=30_000):
        dialog.options.kind_combo.setCurrentIndex(dialog.options.kind_combo.findData("targets"))
    size = dialog.document.pagePointSize(0)
    assert size.width() > size.height()
    assert "重点工作年度目标任务" in dialog.shown_result().title


def test_the_status_filter_lists_only_lagging_tasks(qtbot, open_reports):
    dialog = open_reports()
    options = dialog.options
    with qtbot.waitSignal(dialog.generated, timeout=30_000):
        options.status_combo.setCurrentIndex(options.status_combo.findData(Status.BEHIND.value))
    assert "（滞后）" in "".join(dialog.document.getAllText(p).text() for p in range(dialog.document.pageCount()))


def test_a_letterhead_typed_in_the_dialog_heads_the_previewed_report_and_not_the_target_table(qtbot, open_reports,
                                                                                              fresh_settings):
    from tests.ui.user_input import type_text

    dialog = open_reports()
    options = dialog.options
    for edit, text in ((options.doc_no_edit, "衡民报〔2021〕12号"), (options.signer_edit, "张建国"),
                       (options.letterhead_edit, "衡水市民政局文件")):
        edit.setFocus()
        type_text(qtbot, edit, text)
    with qtbot.waitSignal(dialog.generated, timeout=30_000):
        options.date_edit.setFocus()  # leaving the field previews the report again
    first = dialog.document.getAllText(0).text().replace("\r\n", "").replace("\n", "")
    assert first.index("衡水市民政局文件") < first.index("签发人：张建国") < first.index("关于《")
    with qtbot.waitSignal(dialog.generated, timeout=30_000):
        options.kind_combo.setCurrentIndex(options.kind_combo.findData("targets"))
    assert not options.letterhead_edit.isEnabled() and options.request().letterhead == ""
    assert "衡水市民政局文件" not in dialog.document.getAllText(0).text()
    # Next quarter the same office mark and leader are there already; the 发文字号 is the new document's own.
    dialog.close()
    again = open_reports().options
    assert (again.letterhead_edit.text(), again.signer_edit.text(), again.doc_no_edit.text()) == \
        ("衡水市民政局文件", "张建国", "")


def test_tab_walks_the_fields_in_the_order_they_stand(qtbot, open_reports):
    dialog = open_reports()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    options = dialog.options
    order = [options.status_combo, options.letterhead_edit, options.doc_no_edit, options.signer_edit,
             options.issuer_edit, options.recipient_edit, options.date_edit]
    order[0].setFocus()
    for before, after in zip(order, order[1:]):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        assert focused is after or after.isAncestorOf(focused), (before.objectName(), focused.objectName())


def test_an_office_report_needs_an_office(open_reports):
    dialog = open_reports(kind="office", office="市教育局")
    assert dialog.shown_result().title.startswith("市教育局")
    first_entry = dialog.options.office_combo.model().item(0)
    assert not first_entry.isEnabled()  # "all offices" cannot be chosen for one office's report


def test_save_as_writes_the_previewed_pdf(open_reports, tmp_path, monkeypatch):
    dialog = open_reports()
    target = tmp_path / "报告"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), "PDF (*.pdf)"))
    dialog.save_button.click()
    saved = target.with_suffix(".pdf")
    assert saved.read_bytes() == dialog.shown_result().path.read_bytes()
    assert str(saved) in dialog.state_label.text()


def test_printing_sends_every_page_in_its_orientation(qtbot, open_reports, tmp_path):
    dialog = open_reports()
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed_file = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed_file))
    with qtbot.waitSignal(dialog.printed, timeout=60_000) as signal:
        assert dialog.print_report(printer)
    assert signal.args == [dialog.shown_result().pages]
    previewed = pdf_pages(dialog.shown_result().path)
    printed = pdf_pages(printed_file)
    assert len(printed) == len(previewed)
    assert [w > h for w, h in printed] == [w > h for w, h in previewed]


def test_font_choice_is_kept_per_role(tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    save_font_choice({"kai": "/fonts/simkai.ttf", "hei": ""}, settings)
    assert load_font_choice(settings) == {"kai": "/fonts/simkai.ttf"}
    save_font_choice({}, settings)
    assert load_font_choice(settings) == {}


def test_closing_removes_the_temporary_files(qtbot, open_reports):
    dialog = open_reports()
    path = dialog.shown_result().path
    assert path.exists()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not path.exists()


def test_the_dialog_names_the_font_each_role_was_set_in(qtbot, demo_store, chinese_ui, make_context):
    dialog = DocumentDialog(make_context(demo_store, hengshui_id(demo_store), PERIOD), "quarterly")
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.generated, timeout=30_000):
        dialog.show()
    result = dialog.shown_result()
    shown = dialog.fonts_label.text().splitlines()
    assert shown[0] == "所用字体："
    for label, role in (("标题", "title"), ("正文", "fangsong"), ("一级标题", "hei"), ("二级标题", "kai"),
                        ("表格和页码", "song")):
        line = next(text for text in shown if text.startswith(f"{label}："))
        assert result.families[role] and result.families[role] in line
        assert ("加粗显示" in line) == (role in result.imitated_bold)
