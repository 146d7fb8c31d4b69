"""The plan outline reads a plan's sections only when the plan is opened."""

from __future__ import annotations

from planner.domain.model import Plan, Section
from ui.window.plan_tree import PLAN_ID_ROLE, SECTION_ID_ROLE, PlanTreeModel


def make_plans() -> list[Plan]:
    return [Plan(title="衡水市实施方案", first_year=2020, last_year=2022, id=1, is_demo=True),
            Plan(title="哈尔滨市三年行动方案", first_year=2015, last_year=2017, id=2)]


def test_sections_are_read_when_a_plan_is_opened_and_only_once(qapp):
    asked: list[int] = []

    def sections(plan_id: int) -> list[Section]:
        asked.append(plan_id)
        return [Section(title="一、实施养老服务供给能力培育工程", id=10, position=0),
                Section(title="（一）床位", id=11, parent_id=10, position=1)]

    model = PlanTreeModel(sections)
    model.set_plans(make_plans())
    assert asked == [] and model.rowCount() == 2
    harbin = model.plan_index(2)
    assert model.hasChildren(harbin) and model.canFetchMore(harbin)
    model.fetchMore(harbin)
    model.fetchMore(harbin)
    assert asked == [2]
    top = model.index(0, 0, harbin)
    assert top.data() == "一、实施养老服务供给能力培育工程" and top.data(SECTION_ID_ROLE) == 10
    nested = model.index(0, 0, top)
    assert nested.data() == "（一）床位" and nested.data(PLAN_ID_ROLE) == 2
    assert model.section_index(2, 11) == nested


def test_demo_plans_are_marked(qapp):
    model = PlanTreeModel(lambda plan_id: [])
    model.set_plans(make_plans())
    assert model.plan_index(1).data() == "[Demo] 衡水市实施方案"
    assert model.plan_index(2).data() == "哈尔滨市三年行动方案"
