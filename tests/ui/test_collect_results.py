"""收集填报表 after the first files: every file on one readable line, and a refusal's whole reason at hand."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from planner.exchange.fill_in import make_forms
from tests.sheets.builders import messy_appendix
from ui.exchange.collect_dialog import CollectDialog, CollectResultsModel

LONG_NAME = "哈尔滨市养老服务业发展三年行动计划附件（2021—2023年）重点任务分解表（修订稿）.xlsx"


@pytest.fixture
def collected(qtbot, chinese_ui, make_context, demo_store, tmp_path):
    forms = make_forms(demo_store, 1, "2021Q3", tmp_path / "forms")
    wrong = tmp_path / LONG_NAME  # an appendix table sent back instead of the fill-in form
    messy_appendix(wrong)
    context = make_context(demo_store)
    dialog = CollectDialog(context, [forms[0].path, wrong])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=20_000)
    return dialog


def test_each_column_is_as_wide_as_what_it_says_and_each_file_keeps_to_one_line(collected):
    table, model = collected.table, collected.model
    metrics = table.fontMetrics()
    for row in range(model.rowCount()):
        assert table.rowHeight(row) == table.verticalHeader().defaultSectionSize()  # one line: nothing wrapped
        for column in (CollectResultsModel.COL_RESULT, CollectResultsModel.COL_OFFICE, CollectResultsModel.COL_PERIOD):
            text = model.index(row, column).data()
            assert table.columnWidth(column) >= metrics.horizontalAdvance(text), (column, text)
    assert table.columnWidth(CollectResultsModel.COL_FILE) >= 250  # long names are cut in the middle, not to a stub
    assert table.columnWidth(CollectResultsModel.COL_DETAILS) >= 250


def test_a_refused_file_s_whole_reason_is_in_the_tooltip_and_the_pane_below(qtbot, collected):
    model = collected.model
    row = next(r for r in range(model.rowCount()) if model.results[r].file_name == LONG_NAME)
    reason = model.results[row].message
    assert model.index(row, CollectResultsModel.COL_RESULT).data() == "已拒收"
    assert model.index(row, CollectResultsModel.COL_DETAILS).data(Qt.ItemDataRole.ToolTipRole) == reason
    collected.table.selectRow(row)
    assert collected.detail.toPlainText().endswith("已拒收：" + reason)
    assert LONG_NAME in collected.detail.toPlainText()
