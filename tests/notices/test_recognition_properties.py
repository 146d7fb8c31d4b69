"""Whatever lines a notice is made of, recognition gives a plan a clerk can check: every task item a task with a
name and an origin, every marked span inside its text, every target within the plan's years."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.notices.building import build_plan
from planner.notices.items import ItemRole
from planner.notices.recognition import recognise
from planner.notices.text import notice_from_text

SEEDS = Path(__file__).resolve().parent / "seeds"
LINES = sorted({line.strip() for path in SEEDS.glob("00[0-3]_*.txt")
                for line in path.read_text(encoding="utf-8").splitlines() if line.strip()})
NOISE = st.text(alphabet="一二三四五六七八九十（）()、.．123456789年月日到底前个%责任单位：市民政局，。；【】〔〕\n ",
                max_size=60)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(LINES), NOISE), max_size=40))
def test_any_mix_of_notice_lines_gives_a_consistent_plan(lines):
    recognised = recognise(notice_from_text("\n".join(lines)))
    plan = build_plan(recognised)
    tasks = [item for item in recognised.items if item.role is ItemRole.TASK]
    assert len(plan.tasks) == len(tasks)
    assert recognised.first_year <= recognised.last_year
    for item, task in zip(tasks, plan.tasks):
        assert task.name.strip() or not item.text.strip()
        assert task.origin == item.origin
        for target in task.targets:
            assert recognised.first_year <= int(target.period[:4]) <= recognised.last_year
    for item in recognised.items:
        assert all(0 <= span.start <= span.end <= len(item.text) for span in item.spans)
    keys = {section.key for section in plan.sections}
    assert all(task.section_key is None or task.section_key in keys for task in plan.tasks)
