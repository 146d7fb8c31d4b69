"""The detail pane says where in the notice a task came from (出处：二、（一）1.), and says nothing for one typed in."""

from __future__ import annotations

from pathlib import Path

from planner.domain.model import Task
from planner.notices.importing import commit_notice, preview_notice
from planner.notices.text import read_text_notice
from planner.store.queries import load_plan
from ui.tasks.detail import TaskDetail

HANGZHOU = Path(__file__).resolve().parents[1] / "notices" / "seeds" / "003_1f416157280a8fdb.txt"


def test_the_detail_pane_shows_the_origin_of_an_imported_task(qtbot, chinese_ui, store):
    plan = load_plan(store.conn, commit_notice(store, preview_notice(read_text_notice(HANGZHOU))).plan_id)
    detail = TaskDetail()
    qtbot.addWidget(detail)
    detail.show_task(plan.tasks[0])
    lines = [line.strip() for line in detail.browser.toPlainText().splitlines()]
    assert lines[lines.index("出处") + 1] == "二、（一）1."  # the label, then its value beside it
    detail.show_task(Task(name="手工添加的任务", seq="9"))
    assert "出处" not in detail.browser.toPlainText()
