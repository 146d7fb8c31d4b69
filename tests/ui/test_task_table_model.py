"""The task table model on the demo plans, without any widget."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from planner.domain.model import Plan
from planner.store import Store
from planner.store.queries import list_plans, load_plan
from ui.tasks.table_model import (
    COL_CONTENT,
    COL_NAME,
    COL_SEQ,
    RAW_VALUE_ROLE,
    ROW_KIND_ROLE,
    RowKind,
    TaskTableModel,
)

HARBIN_SECTION_ONE = "一、实施养老服务供给能力培育工程"
HARBIN_TASK_ONE = "完成省养老机构建设三年行动方案指标"
SHARED_MAIN_TASK = "提升公办养老机构服务功能"


def demo_plan(store: Store, key: str) -> Plan:
    plan_id = next(p.id for p in list_plans(store.conn) if p.key == key)
    return load_plan(store.conn, plan_id)


@pytest.fixture
def harbin(demo_store: Store) -> Plan:
    return demo_plan(demo_store, "harbin")


@pytest.fixture
def model(qapp, harbin: Plan) -> TaskTableModel:
    model = TaskTableModel()
    model.set_plan(harbin)
    return model


def display(model: TaskTableModel, row: int, column: int) -> str:
    return model.index(row, column).data(Qt.ItemDataRole.DisplayRole)


def headers(model: TaskTableModel) -> list[str]:
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def test_columns_follow_the_appendix_with_one_column_per_year(model: TaskTableModel):
    assert headers(model) == ["No.", "Main task", "Key content", "Indicator", "Baseline", "2015", "2016", "2017",
                              "Lead office", "Co-operating offices"]


def test_section_row_comes_first_and_spans_every_column(model: TaskTableModel):
    assert model.index(0, 0).data(ROW_KIND_ROLE) == RowKind.SECTION
    assert display(model, 0, 0) == HARBIN_SECTION_ONE
    assert (0, 0, 1, model.columnCount()) in model.spans()
    assert model.index(0, 0).data(Qt.ItemDataRole.FontRole).bold()


def test_task_one_shows_its_name_and_the_plan_wide_target_of_each_year(model: TaskTableModel):
    assert display(model, 1, COL_SEQ) == "1"
    assert display(model, 1, COL_NAME) == HARBIN_TASK_ONE
    column_2015 = model.column_of_year(2015)
    assert "53426" in display(model, 1, column_2015)
    target = model.index(1, column_2015).data(RAW_VALUE_ROLE)
    assert target.office is None and target.value == 53426 and target.unit == "张"


def test_year_tooltip_tells_how_the_target_was_understood_and_how_many_offices_share_it(model: TaskTableModel):
    tooltip = model.index(1, model.column_of_year(2016)).data(Qt.ItemDataRole.ToolTipRole)
    assert "60576" in tooltip
    assert "Understood as: ≥60576张" in tooltip
    assert "Per-office targets: 18" in tooltip


def test_consecutive_tasks_with_the_same_main_task_share_one_merged_cell(model: TaskTableModel):
    rows = [r for r in range(model.rowCount()) if display(model, r, COL_NAME) == SHARED_MAIN_TASK]
    first = rows[0]
    assert rows == list(range(first, first + len(rows))) and len(rows) > 1
    assert (first, COL_NAME, len(rows), 1) in model.spans()
    assert model.name_group(rows[-1]) == (first, len(rows))


def test_offices_are_joined_as_in_a_chinese_list(model: TaskTableModel):
    row = next(r for r in range(model.rowCount()) if display(model, r, COL_SEQ) == "2")
    assert display(model, row, model.lead_column) == "市民政局"
    assert display(model, row, model.co_column) == "市发改委、市财政局"
    assert model.index(row, model.co_column).data(RAW_VALUE_ROLE) == ["市发改委", "市财政局"]


def test_office_filter_keeps_the_tasks_of_that_office_under_their_sections(model: TaskTableModel, harbin: Plan):
    resets = []
    model.modelReset.connect(lambda: resets.append(True))
    model.set_office_filter("道里区")
    assert resets and model.task_count() == 1
    assert display(model, 0, 0) == HARBIN_SECTION_ONE and display(model, 1, COL_NAME) == HARBIN_TASK_ONE
    model.set_office_filter(None)
    assert model.task_count() == len(harbin.tasks)


def test_a_plan_without_sections_lists_its_tasks_only(qapp, demo_store: Store):
    model = TaskTableModel()
    hengshui = demo_plan(demo_store, "hengshui")
    model.set_plan(hengshui)
    assert model.rowCount() == len(hengshui.tasks) == 8
    assert not any(model.is_section_row(r) for r in range(model.rowCount()))
    assert headers(model)[5:8] == ["2020", "2021", "2022"]


def test_the_chosen_year_is_highlighted_in_header_and_cells(model: TaskTableModel):
    column = model.column_of_year(2016)
    changed = []
    model.dataChanged.connect(lambda first, last, roles: changed.append((first.column(), last.column())))
    model.set_highlight_year(2016)
    assert (column, column) in changed
    assert model.index(1, column).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(1, COL_CONTENT).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.FontRole).bold()


def test_the_model_answers_from_memory_once_loaded(qapp, demo_store: Store):
    model = TaskTableModel()
    model.set_plan(demo_plan(demo_store, "harbin"))
    demo_store.close()
    texts = [display(model, r, c) for r in range(model.rowCount()) for c in range(model.columnCount())]
    assert HARBIN_TASK_ONE in texts


def test_a_new_plan_replaces_the_rows_inside_one_reset(model: TaskTableModel, demo_store: Store):
    events = []
    model.modelAboutToBeReset.connect(lambda: events.append("begin"))
    model.modelReset.connect(lambda: events.append("end"))
    model.set_plan(demo_plan(demo_store, "hengshui"))
    assert events == ["begin", "end"]
    model.set_plan(None)
    assert model.rowCount() == 0 and model.columnCount() == 0
