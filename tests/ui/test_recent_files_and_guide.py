"""The rest of a clerk's quarter: recent files, the built-in guide (F1), the adjustment dates, English headers."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextBlock

from planner.plans.adjustments import Change
from planner.plans.task_edit import set_target
from tests.sheets.builders import messy_appendix
from ui.importing.wizard import ImportWizard
from ui.window.guide import GuideDialog


@pytest.fixture
def window(main_window, fresh_settings):
    return main_window


def recent_entries(window) -> list[str]:
    menu = window.main_actions.recent_menu
    menu.aboutToShow.emit()
    return [action.text() for action in menu.actions() if not action.isSeparator()]


def test_a_table_opened_once_is_in_file_open_recent_and_opens_again_from_there(qtbot, window, tmp_path):
    assert recent_entries(window) == ["（没有最近打开的文件）"]
    table = messy_appendix(tmp_path / "附件1.xlsx")
    wizard = window.open_import(table)
    qtbot.waitUntil(lambda: wizard.currentPage().isComplete(), timeout=20_000)
    wizard.reject()
    assert recent_entries(window)[:1] == ["&1 附件1.xlsx"]
    menu = window.main_actions.recent_menu
    next(action for action in menu.actions() if action.text() == "&1 附件1.xlsx").trigger()
    again = next(w for w in window.findChildren(ImportWizard) if w.isVisible())
    qtbot.waitUntil(lambda: again.currentPage().isComplete(), timeout=20_000)
    assert again.file_page.path_edit.text() == str(table)
    again.reject()


def test_a_received_form_opened_once_opens_again_in_its_viewer_from_the_recent_list(qtbot, window, demo_store,
                                                                                    tmp_path):
    from planner.exchange.fill_in import make_forms
    from ui.exchange.received_form import ReceivedFormDialog

    form = make_forms(demo_store, 1, "2021Q3", tmp_path / "forms")[0].path
    first = window.exchange.open_received(form)
    qtbot.waitUntil(lambda: not window.runner.busy(), timeout=20_000)
    first.close()
    assert recent_entries(window)[0] == f"&1 {form.name}"
    window.main_actions.recent_menu.actions()[0].trigger()
    again = [d for d in window.findChildren(ReceivedFormDialog) if d.isVisible()]
    assert len(again) == 1
    qtbot.waitUntil(lambda: not window.runner.busy(), timeout=20_000)
    again[0].close()


def test_a_recent_file_moved_away_is_taken_off_the_list_with_a_message(qtbot, window, tmp_path):
    table = messy_appendix(tmp_path / "附件1.xlsx")
    wizard = window.open_import(table)
    qtbot.waitUntil(lambda: wizard.currentPage().isComplete(), timeout=20_000)
    wizard.reject()
    table.unlink()
    recent_entries(window)
    next(a for a in window.main_actions.recent_menu.actions() if a.text().endswith("附件1.xlsx")).trigger()
    assert "已从列表中移除" in window.statusBar().currentMessage()
    assert recent_entries(window) == ["（没有最近打开的文件）"]


def test_f1_opens_the_guide_that_walks_through_a_quarter_with_the_keys(qtbot, window):
    window.activateWindow()
    qtbot.keyClick(window.task_table, Qt.Key.Key_F1)
    guide = window.findChild(GuideDialog)
    assert guide is not None and guide.isVisible() and guide.windowTitle() == "使用说明"
    text = guide.browser.toPlainText()
    steps = ["一、导入计划", "三、发出填报表", "四、收回填报表", "五、审核", "六、出报告"]
    assert all(step in text for step in steps)
    assert [text.index(step) for step in steps] == sorted(text.index(step) for step in steps)
    keys = text[text.index("快捷键"):]
    assert "撤销\nCtrl+Z" in keys and "使用说明\nF1" in keys and "导入表格\nCtrl+I" in keys
    redo = keys.split("重做\n")[1].split("\n")[0]
    assert "Ctrl+Y" in redo and "Ctrl+Shift+Z" in redo
    guide.close()


def test_the_guide_is_in_english_when_english_is_chosen(qtbot, open_window, demo_store, english_ui,
                                                       fresh_settings):
    window = open_window(demo_store)
    window.main_actions.guide.trigger()
    guide = window.findChild(GuideDialog)
    assert guide.windowTitle() == "User guide" and "1. Import the plan" in guide.browser.toPlainText()
    guide.close()


def block_with(document, text: str) -> QTextBlock:
    block = document.begin()
    while block.isValid():
        if block.text().replace("\xa0", " ").startswith(text):  # kept on one line: its spaces do not break
            return block
        block = block.next()
    raise AssertionError(f"no block starts with {text!r}")


def test_the_adjustment_record_keeps_its_date_on_one_line(qtbot, window, demo_store):
    model = window.task_model
    row = next(r for r in range(model.rowCount()) if model.task_at(r) is not None)
    task = model.task_at(row)
    period = str(window.context.plan.first_year)
    set_target(demo_store, task.id, period, "新增10个", change=Change("县政府常务会议调整", f"{period}Q3"))
    window.task_table.setCurrentIndex(model.index(row, 1))
    browser = window.task_detail.browser
    assert "县政府常务会议调整" in browser.toPlainText()
    document = browser.document()
    document.setTextWidth(browser.viewport().width())
    document.documentLayout().documentSize()  # lay the text out as the pane shows it
    when = next(line for line in browser.toPlainText().splitlines() if re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", line))
    first_line = block_with(document, when).layout().lineAt(0)
    assert first_line.textLength() >= len(when)  # the whole date on the cell's first line, the clerk's name below


def test_in_english_the_lagging_table_s_completion_header_is_not_cut(qtbot, demo_store, english_ui, make_context):
    from ui.dashboard.dialog import DashboardDialog
    from ui.dashboard.models import LaggingTableModel

    plan_id = demo_store.conn.execute("SELECT id FROM plans ORDER BY id").fetchone()[0]
    context = make_context(demo_store, plan_id, "2021Q3")
    dialog = DashboardDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    header = dialog.lagging_table.horizontalHeader()
    column = LaggingTableModel.COL_COMPLETION
    assert dialog.lagging_model.headerData(column, Qt.Orientation.Horizontal) == "Completion"
    assert header.sectionSize(column) >= header.sectionSizeHint(column)
    qtbot.waitUntil(lambda: not context.runner.busy(), timeout=20_000)
