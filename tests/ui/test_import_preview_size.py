"""导入表格's preview as the clerk sees it: many rows at the wizard's own size, columns that fill a maximised
window, and no empty 提示 box."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from tests.sheets.builders import messy_appendix, write_xlsx

WAIT_MS = 20_000
LONG_TARGET = "全市养老床位总数达到53426张。其中:道里区4816张;南岗区5788张;道外区4395张;香坊区4521张;平房区1105张"


@pytest.fixture
def window(open_window, store, chinese_ui):
    return open_window(store)


def forty_tasks(path, long_targets: bool = True):
    rows = [["序号", "主要任务", "2021年", "2022年", "牵头单位", "配合单位"]]
    for number in range(1, 41):
        target = LONG_TARGET if long_targets and number % 5 == 1 else f"新增{number}个"
        rows.append([number, f"建设第{number}批社区养老服务站", target, f"新增{number + 2}个", "市民政局", "市财政局"])
    return write_xlsx(path, rows)


def to_preview(qtbot, wizard):
    for _ in range(2):
        qtbot.waitUntil(lambda: wizard.currentPage().isComplete(), timeout=WAIT_MS)
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.preview_page and wizard.preview_page.isComplete(),
                    timeout=WAIT_MS)
    return wizard.preview_page


def whole_rows_in_view(table) -> int:
    height = table.viewport().height()
    return sum(1 for row in range(table.model().rowCount())
               if table.rowViewportPosition(row) >= 0
               and table.rowViewportPosition(row) + table.rowHeight(row) <= height)


def test_the_preview_shows_many_rows_at_the_wizard_s_own_size_and_the_whole_target_in_the_tooltip(
        qtbot, window, tmp_path):
    wizard = window.open_import(forty_tasks(tmp_path / "附件.xlsx"))
    page = to_preview(qtbot, wizard)
    assert whole_rows_in_view(page.table) >= 5
    first_target = page.model.index(0, 5).data(Qt.ItemDataRole.ToolTipRole)
    assert first_target == LONG_TARGET
    wizard.reject()


def test_maximised_the_preview_s_columns_fill_the_width(qtbot, window, tmp_path):
    wizard = window.open_import(forty_tasks(tmp_path / "附件.xlsx"))
    page = to_preview(qtbot, wizard)
    wizard.resize(1900, 1000)
    qtbot.waitUntil(lambda: page.table.viewport().width() > 1500)
    table = page.table
    used = sum(table.columnWidth(c) for c in range(page.model.columnCount()))
    assert used >= table.viewport().width() - 2
    assert table.columnWidth(2) > 170  # the task column took its share of the room
    wizard.reject()


def test_a_table_without_warnings_says_so_instead_of_an_empty_box_and_one_with_warnings_lists_them(
        qtbot, window, tmp_path):
    wizard = window.open_import(forty_tasks(tmp_path / "附件.xlsx", long_targets=False))
    page = to_preview(qtbot, wizard)
    assert not page.issues_box.isVisible()
    assert page.counts.text().endswith("没有需要注意的问题。")
    wizard.reject()
    wizard = window.open_import(messy_appendix(tmp_path / "附件1.xlsx"))
    page = to_preview(qtbot, wizard)
    assert page.issues_box.isVisible() and page.issues.count() > 0
    assert "没有需要注意的问题" not in page.counts.text()
    wizard.reject()
