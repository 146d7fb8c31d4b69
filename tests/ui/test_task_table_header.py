"""The task table as in the appendix: years under 年度目标, offices under 责任单位; long 其中 lists whole in the
tooltip; a long target kept in sight while it is typed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from tests.ui.user_input import answer_next_question, type_text
from ui.progress.model import Column
from ui.tasks.edit_delegate import TargetEditor


@pytest.fixture
def harbin(main_window):
    plan = next(p for p in main_window.source.plans() if "哈尔滨" in p.title)
    main_window.reload_plans(plan.id)
    return main_window


def first_task_row(window) -> int:
    model = window.task_model
    return next(r for r in range(model.rowCount()) if model.task_at(r) is not None)


def test_the_year_columns_stand_under_yearly_targets_and_the_offices_under_responsible_offices(harbin):
    model, header = harbin.task_model, harbin.task_table.horizontalHeader()
    years = [model.column_of_year(year) for year in (2015, 2016, 2017)]
    assert header.groups() == [("年度目标", years[0], years[-1]),
                               ("责任单位", model.lead_column, model.co_column)]
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in years] == ["2015年", "2016年", "2017年"]
    assert header.height() >= 2 * header.fontMetrics().height()  # two tiers of titles


def test_a_long_其中_list_cut_in_its_cell_is_whole_in_the_tooltip(qtbot, harbin):
    table, model = harbin.task_table, harbin.task_model
    index = model.index(first_task_row(harbin), model.column_of_year(2015))
    assert "其中" in index.data() and index.data().endswith("方正县917张。")
    table.scrollTo(index)
    spot = table.visualRect(index).center()
    QApplication.sendEvent(table.viewport(), QHelpEvent(QEvent.Type.ToolTip, spot, table.viewport().mapToGlobal(spot)))
    qtbot.waitUntil(QToolTip.isVisible)
    assert "方正县917张" in QToolTip.text()  # the last office of the list, cut off in the cell
    QToolTip.hideText()


def test_a_long_target_typed_into_a_year_cell_stays_in_sight_over_several_lines(qtbot, harbin, demo_store):
    table, model = harbin.task_table, harbin.task_model
    row = first_task_row(harbin) + 4  # 5: 择机实行, a short target in a narrow cell
    index = model.index(row, model.column_of_year(2016))
    table.setFocus()
    table.setCurrentIndex(index)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = table.findChild(TargetEditor, "cellEditor")
    assert editor is not None and editor.isVisible()
    assert editor.lines_shown() >= 3  # room to read while typing, not one line in a narrow cell
    editor.selectAll()
    target = "到2016年底全市公办养老机构改革试点完成，覆盖率达到90%以上，其中市属机构全部完成"
    type_text(qtbot, editor, target)
    qtbot.waitUntil(lambda: editor.verticalScrollBar().maximum() == 0)  # every line of it in sight
    assert editor.lines_shown() >= editor.document().documentLayout().documentSize().height() > 1


    def give_reason(dialog) -> None:  # the plan is issued: a changed target is an adjustment with its reason
        type_text(qtbot, dialog.reason, "市政府常务会议调整")
        dialog.accept()

    asked = answer_next_question(give_reason)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() == table.State.NoState)
    assert asked and model.index(row, model.column_of_year(2016)).data() == target


def test_the_progress_grid_s_short_target_has_the_whole_target_with_its_其中_list_in_the_tooltip(harbin):
    bar = harbin.filter_bar
    bar.period_combo.setCurrentIndex(bar.period_combo.findData("2015Q4"))
    harbin.tabs.setCurrentWidget(harbin.progress)
    model = harbin.progress.model
    row = next(r for r in range(model.rowCount()) if model.row_at(r).office == "各区、县(市)政府")
    assert model.index(row, Column.TARGET).data() == "≥53426张"
    assert model.index(row, Column.TARGET).data(Qt.ItemDataRole.ToolTipRole).endswith("方正县917张。")
