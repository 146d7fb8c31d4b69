"""Editing benchmark: a cell edit and a text filter in the main window on a 2,000-task plan.

Run with `python3 dev.py bench edit_bench`.

It writes one plan of 2,000 tasks in 10 sections (three yearly targets each, a
lead and two co-operating offices), opens the main window offscreen on it and
measures, in the same process:

* a cell edit: `setData` on a year cell of the task table, as the delegate does
  when Enter is pressed — the edit goes through planner (one transaction with its
  audit row), onto the undo stack, and the row is repainted (a synchronous
  `repaint` of the row's rectangle). Goal from issue 9: ≤ 50 ms. Baseline in the
  same run: what the edit would cost if the window read the plan again after it
  (`load_plan` and the table model rebuilt), the usual shortcut;
* filtering 2,000 tasks by text: the filter bar's text set, the table rebuilt
  and the visible rows laid out and painted. Goal: ≤ 100 ms. Baseline: Qt's own
  `QSortFilterProxyModel` over the same table model with the same words, until
  painted.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from planner.domain.model import Plan, Section, Task  # noqa: E402
from planner.domain.target_building import make_target  # noqa: E402
from planner.store import Actor, open_store  # noqa: E402

TASKS, SECTIONS, YEARS = 2000, 10, (2024, 2025, 2026)
EDITS, FILTERS = 30, 12
GOAL_EDIT_MS, GOAL_FILTER_MS = 50, 100
OFFICES = ["县民政局", "县发展改革局", "县财政局", "县自然资源局", "县住房城乡建设局", "县卫生健康局",
           "县人力资源社会保障局", "县医保局", "县教育局", "县文化广电旅游局", "县市场监管局", "县应急管理局",
           "县农业农村局", "各乡镇人民政府"]
SUBJECTS = ["社区居家养老服务网络", "农村互助幸福院", "医养结合服务", "养老机构标准化", "老年人助餐服务点",
            "适老化改造", "养老护理员队伍", "智慧养老服务平台", "特困人员供养服务设施", "老年大学办学网络"]
WORDS = ["助餐", "护理员", "智慧", "幸福院", "县财政局", "标准化 养老", "医养结合", "适老化", "老年大学", "特困"]


def generated_plan(rng: random.Random) -> Plan:
    plan = Plan(title="基准测试：养老服务体系建设三年行动方案", first_year=YEARS[0], last_year=YEARS[-1])
    for number in range(SECTIONS):
        plan.sections.append(Section(title=f"{number + 1}、重点工程{number + 1}", key=str(number)))
    for number in range(1, TASKS + 1):
        subject = rng.choice(SUBJECTS)
        offices = rng.sample(OFFICES, 3)
        task = Task(name=f"推进{subject}建设", seq=str(number), section_key=str((number - 1) * SECTIONS // TASKS),
                    content=f"完善{subject}，提升服务质量和覆盖面，第{number}项", indicator=f"{subject}覆盖率",
                    baseline=f"{rng.randint(10, 90)}个", lead=offices[:1], co=offices[1:])
        for year in YEARS:
            task.targets.append(make_target(str(year), f"新增{rng.randint(5, 200)}个"))
        plan.tasks.append(task)
    return plan


def _paint_row(window, row: int) -> None:
    table = window.task_table
    rect = table.visualRect(window.task_model.index(row, 0))
    rect.setWidth(table.viewport().width())
    table.viewport().repaint(rect)


def main() -> int:
    from PySide6.QtCore import QSortFilterProxyModel, Qt
    from PySide6.QtWidgets import QApplication, QTableView

    from planner.store.plans import insert_plan
    from planner.store.queries import load_plan
    from ui.common.fonts import install_application_font
    from ui.window.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    install_application_font(app)
    rng = random.Random(9)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "edit_bench.sqlite3", Actor("bench"))
        with store.transaction() as writer:
            plan_id = insert_plan(writer, generated_plan(rng))
        window = MainWindow(store)
        window.resize(1400, 850)
        window.show()
        app.processEvents()
        window.plan_tree.select_plan(plan_id)
        app.processEvents()
        model = window.task_model
        rows = [r for r in range(model.rowCount()) if model.task_at(r) is not None][:40]
        column = model.column_of_year(2025)

        edits, reloads = [], []
        for number in range(EDITS):
            row = rows[number % len(rows)]
            window.task_table.scrollTo(model.index(row, column))
            app.processEvents()
            started = time.perf_counter()
            assert model.setData(model.index(row, column), f"新增{300 + number}个", Qt.ItemDataRole.EditRole)
            _paint_row(window, row)
            edits.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            model.set_plan(load_plan(store.conn, plan_id))
            _paint_row(window, row)
            reloads.append((time.perf_counter() - started) * 1000)
        stored = load_plan(store.conn, plan_id)
        assert window.undo_stack.count() == EDITS
        assert any(t.plan_target("2025").text == f"新增{300 + EDITS - 1}个" for t in stored.tasks)

        filters, proxies, shown = [], [], []
        bar = window.task_filter_bar
        proxy_view = QTableView()
        proxy_view.resize(1000, 700)
        proxy_view.show()
        proxy = QSortFilterProxyModel()
        proxy.setFilterKeyColumn(-1)
        proxy.setSourceModel(model)
        proxy_view.setModel(proxy)
        for number in range(FILTERS):
            words = WORDS[number % len(WORDS)]
            started = time.perf_counter()
            bar.search.setText(words)
            window.task_table.viewport().repaint()
            filters.append((time.perf_counter() - started) * 1000)
            shown.append(model.task_count())
            bar.search.clear()
            app.processEvents()
            started = time.perf_counter()
            proxy.setFilterFixedString(words.split()[0])
            proxy_view.viewport().repaint()
            proxies.append((time.perf_counter() - started) * 1000)
            proxy.setFilterFixedString("")
            app.processEvents()
        window.close()
        store.close()

    print(f"plan: {TASKS} tasks in {SECTIONS} sections, {len(YEARS)} yearly targets each (offscreen window)")
    print(f"cell edit, committed and the row repainted: median {statistics.median(edits):6.1f} ms, "
          f"slowest {max(edits):6.1f} ms ({EDITS} edits)")
    print(f"  baseline, the plan read again and the table rebuilt after an edit: median "
          f"{statistics.median(reloads):6.1f} ms")
    print(f"filter by text, table rebuilt and painted: median {statistics.median(filters):6.1f} ms, "
          f"slowest {max(filters):6.1f} ms ({FILTERS} searches, {min(shown)}–{max(shown)} tasks shown)")
    print(f"  baseline, QSortFilterProxyModel over the same model until painted: median "
          f"{statistics.median(proxies):6.1f} ms")
    print(f"goal: cell edit <= {GOAL_EDIT_MS} ms: "
          f"{'met' if statistics.median(edits) <= GOAL_EDIT_MS else 'NOT met'}; "
          f"filter <= {GOAL_FILTER_MS} ms: {'met' if statistics.median(filters) <= GOAL_FILTER_MS else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
