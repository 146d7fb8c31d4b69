"""The importer's shortcut for harmonising kinds agrees with `harmonise_kinds` itself.

Both apply `planner.domain.target_building.level_years`; the importer collects its figures from each
distinct cell once (`TargetCell.level`) instead of from a task's targets.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.domain.model import Target, Task
from planner.domain.target_building import apply_levels, harmonise_kinds, level_years, targets_from_text
from planner.plans.importing import preview_import
from planner.sheets.targets_cache import TargetParser
from planner.sheets.targets_cache import _cell as cell_of

from .builders import write_xlsx

# Weighted towards what harmonise_kinds acts on: yearly figures that are increments or levels.
KINDS = ["increment", "cumulative"] * 3 + ["ratio", "milestone", "text"]
UNITS = [None, "张", "张", "张", "个"]
PERIODS = ["2021", "2022", "2023"] * 3 + ["2021Q1", "总体"]

templates = st.tuples(
    st.sampled_from(["新增5张", "累计达到10张", "完成"]),  # text
    st.sampled_from([None, None, "道里区", "南岗区"]),  # office
    st.sampled_from([None, ">=", "<=", "="]),  # comparator
    st.one_of(st.none(), st.integers(0, 30).map(float), st.integers(0, 30).map(float)),  # value
    st.sampled_from(UNITS),  # unit
    st.sampled_from(KINDS),  # kind
    st.none(),  # deadline year
)
# A year column's cell: the plan-wide target first, then any per-office parts of a 其中 list.
cells = st.tuples(st.sampled_from(PERIODS),
                  templates.map(lambda t: (t[0], None, *t[2:])),
                  st.lists(templates.filter(lambda t: t[1] is not None), max_size=2))


def _task(row: list[tuple[str, tuple, list[tuple]]]) -> Task:
    task = Task(name="任务")
    for period, plan_wide, parts in row:
        task.targets.extend(Target(period, *template) for template in [plan_wide, *parts])
    return task


def _levels(row: list[tuple[str, tuple, list[tuple]]]) -> list:
    """What the importer collects from the cells of a row, as `_PlanBuilder.build` does."""
    levels = []
    for period, plan_wide, parts in row:
        level = cell_of([plan_wide, *parts], False).level
        if period.isdigit() and level is not None:
            levels.append((period, level))
    return levels


@settings(max_examples=400, deadline=None)
@given(row=st.lists(cells, max_size=5))
def test_level_years_changes_the_kinds_harmonise_kinds_changes(row):
    expected = _task(row)
    harmonise_kinds(expected)
    found = _task(row)
    apply_levels(found, level_years(_levels(row)))
    assert [t.kind for t in found.targets] == [t.kind for t in expected.targets]


def test_an_increment_then_a_level_becomes_levels_on_import_and_when_edited(tmp_path):
    rows = [["重点任务表"], ["序号", "重点任务", "2021年", "2022年", "牵头单位"],
            [1, "增加养老床位", "新增50张", "累计达到120张", "市民政局"]]
    imported = preview_import(write_xlsx(tmp_path / "附件.xlsx", rows)).plan.tasks[0]
    assert [(t.period, t.value, t.kind) for t in imported.targets] == [("2021", 50, "cumulative"),
                                                                        ("2022", 120, "cumulative")]
    edited = Task(name="增加养老床位")
    for period, text in (("2021", "新增50张"), ("2022", "累计达到120张")):
        edited.targets.extend(targets_from_text(period, text))
    assert [t.kind for t in edited.targets] == ["increment", "cumulative"]
    assert harmonise_kinds(edited)
    assert [t.kind for t in edited.targets] == ["cumulative", "cumulative"]
    assert not harmonise_kinds(edited)  # nothing left to change


def test_a_cell_says_whether_it_holds_a_level_or_an_increment():
    parser = TargetParser()
    level = parser.cell("全市养老床位总数达到53426张")
    assert level.level == (53426.0, "张", "cumulative") and not level.increments
    increment = parser.cell("新增50张")
    assert increment.level == (50.0, "张", "increment") and increment.increments
    assert parser.cell("择机实行").level is None
    split = parser.cell("全市达到100张。其中:道里区40张;南岗区60张")
    assert split.split and split.warns and len(split.templates) == 3
    assert parser.cell("新增50张") is increment  # parsed once


def test_levels_that_fall_or_change_unit_stay_as_written():
    assert level_years([("2021", (10.0, "张", "cumulative")), ("2022", (8.0, "张", "increment"))]) == set()
    assert level_years([("2021", (10.0, "张", "cumulative")), ("2022", (12.0, "个", "increment"))]) == set()
    assert level_years([("2022", (12.0, "张", "increment")), ("2021", (10.0, None, "cumulative"))]) == {"2021", "2022"}
    assert level_years([("2021", (10.0, "张", "increment")), ("2022", (12.0, "张", "increment"))]) == set()
    assert level_years([("2021", (1.0, None, "cumulative"))]) == set()
