"""The main window on the demo plans, driven the way a clerk would use it."""

from __future__ import annotations

import re

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication

from planner.store import Store
from planner.system.version import app_version
from ui.tasks.table_model import COL_CONTENT, COL_NAME, COL_SEQ

HARBIN_TITLE = "哈尔滨市养老服务业发展暨综合改革试点工作三年行动方案"
HARBIN_SECTION_ONE = "一、实施养老服务供给能力培育工程"
HARBIN_TASK_ONE = "完成省养老机构建设三年行动方案指标"
HARBIN_DISTRICTS = ("道里区", "南岗区", "道外区", "香坊区", "平房区", "松北区", "呼兰区", "阿城区", "双城市",
                    "五常市", "尚志市", "巴彦县", "宾县", "依兰县", "延寿县", "木兰县", "通河县", "方正县")


def click_tree_item(qtbot, window, text: str) -> None:
    tree = window.plan_tree
    found = tree.model().match(tree.model().index(0, 0), Qt.ItemDataRole.DisplayRole, text, 1,
                               Qt.MatchFlag.MatchContains | Qt.MatchFlag.MatchRecursive)
    assert found, f"no tree item shows {text!r}"
    tree.scrollTo(found[0])
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(found[0]).center())


def click_table_row(qtbot, window, row: int) -> None:
    table = window.task_table
    index = table.model().index(row, COL_CONTENT)
    table.scrollTo(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center())


def row_showing(window, column: int, text: str) -> int:
    model = window.task_model
    return next(r for r in range(model.rowCount()) if model.index(r, column).data() == text)


def choose_combo_text(combo, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, f"{text!r} is not offered"
    combo.setCurrentIndex(index)


def breakdown_lines(window) -> list[str]:
    text = window.task_detail.browser.toPlainText()
    return [line for line in text.splitlines() if re.fullmatch(r"\s*\S+[区市县]\s*\d+张\s*", line)
            or line.strip() in HARBIN_DISTRICTS]


def open_harbin_task_one(qtbot, window) -> None:
    click_tree_item(qtbot, window, HARBIN_TITLE)
    click_table_row(qtbot, window, row_showing(window, COL_SEQ, "1"))


def test_window_title_and_menus_are_chinese(main_window):
    assert main_window.windowTitle() == "年度目标任务管理"
    titles = [action.text() for action in main_window.menuBar().actions()]
    assert [re.sub(r"\(&\w\)", "", t) for t in titles] == ["文件", "编辑", "报表", "帮助"]
    file_menu = main_window.menuBar().actions()[0].menu()
    texts = [re.sub(r"\(&\w\)", "", a.text()) for a in file_menu.actions() if not a.isSeparator()]
    assert texts == ["新建计划…", "导入表格…", "导入通知…", "收集填报表…", "生成填报表…", "导出…", "最近打开",
                     "打开收到的填报表…", "写回填报表…", "连接共享数据库…", "备份…", "恢复…", "退出"]


def test_commands_not_built_yet_are_disabled_and_exit_works(main_window, qtbot):
    actions = main_window.main_actions
    assert actions.import_table.isEnabled() and actions.import_table.shortcut().toString() == "Ctrl+I"
    assert actions.quarterly_report.isEnabled() and actions.target_table_report.isEnabled()
    assert actions.collect_returns.isEnabled() and actions.export.isEnabled()
    assert not actions.write_back.isEnabled()  # until a received form is open
    assert actions.quit.isEnabled() and "Ctrl+Q" in [k.toString() for k in actions.quit.shortcuts()]
    assert actions.undo.text() == "撤销" and not actions.undo.isEnabled()
    assert "Ctrl+Shift+Z" in [k.toString() for k in actions.redo.shortcuts()]
    actions.quit.trigger()
    assert not main_window.isVisible()


def test_harbin_task_one_reads_as_in_the_appendix(main_window, qtbot):
    open_harbin_task_one(qtbot, main_window)
    model = main_window.task_model
    row = row_showing(main_window, COL_SEQ, "1")
    assert model.index(row, COL_NAME).data() == HARBIN_TASK_ONE
    assert "53426" in model.index(row, model.column_of_year(2015)).data()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["序号", "主要任务", "重点内容", "具体指标", "现状", "2015年", "2016年", "2017年",
                       "牵头单位", "配合单位"]
    assert HARBIN_TITLE in main_window.plan_label.text()
    assert main_window.count_label.text() == "任务：39 项"


def test_detail_pane_shows_the_task_and_the_district_breakdown_of_the_chosen_year(main_window, qtbot):
    open_harbin_task_one(qtbot, main_window)
    choose_combo_text(main_window.filter_bar.period_combo, "2016年")
    text = main_window.task_detail.browser.toPlainText()
    assert HARBIN_TASK_ONE in text
    assert "2016年分单位目标（18 个）" in text
    lines = breakdown_lines(main_window)
    assert len(lines) == 18 and "道里区" in lines[0] and "5461张" in text
    assert "重点内容留空" in main_window.task_detail.note.toPlainText()


def test_section_row_spans_the_table_and_the_tree_scrolls_to_it(main_window, qtbot):
    click_tree_item(qtbot, main_window, HARBIN_TITLE)
    table, model = main_window.task_table, main_window.task_model
    click_tree_item(qtbot, main_window, "二、实施养老服务支撑体系建设工程")
    row = table.currentIndex().row()
    assert model.index(row, 0).data() == "二、实施养老服务支撑体系建设工程"
    assert table.columnSpan(row, 0) == model.columnCount()
    assert table.viewport().rect().contains(table.visualRect(model.index(row, 0)))
    first = row_showing(main_window, 0, HARBIN_SECTION_ONE)
    assert table.columnSpan(first, 0) == model.columnCount()


def test_choosing_an_office_filters_the_table(main_window, qtbot):
    click_tree_item(qtbot, main_window, HARBIN_TITLE)
    choose_combo_text(main_window.filter_bar.office_combo, "道里区")
    assert main_window.task_model.task_count() == 1
    assert main_window.count_label.text() == "任务：1 项（共 39 项）"
    choose_combo_text(main_window.filter_bar.office_combo, "全部单位")
    assert main_window.task_model.task_count() == 39


def test_period_selector_offers_years_and_quarters(main_window, qtbot):
    click_tree_item(qtbot, main_window, HARBIN_TITLE)
    combo = main_window.filter_bar.period_combo
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert labels[:2] == ["2015年", "2015年第一季度"] and "2017年第四季度" in labels and len(labels) == 15


def test_english_mode_shows_english_headers_and_menus(qtbot, open_window, demo_store: Store, english_ui):
    window = open_window(demo_store)
    click_tree_item(qtbot, window, HARBIN_TITLE)
    model = window.task_model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == ["No.", "Main task", "Key content"]
    assert model.headerData(model.column_of_year(2016), Qt.Orientation.Horizontal) == "2016"
    assert [a.text() for a in window.menuBar().actions()] == ["&File", "&Edit", "&Reports", "&Help"]
    assert window.windowTitle() == "Annual Target Planner"


def test_an_empty_database_opens_with_no_plan(open_window, store: Store, chinese_ui):
    window = open_window(store)
    assert window.task_model.rowCount() == 0
    assert window.plan_label.text() == "尚无计划"
    assert window.task_table.selectionMode() == QAbstractItemView.SelectionMode.SingleSelection
    assert window.plan_tree.currentIndex() == QModelIndex()


def test_about_names_the_program_version_database_and_font_licence(main_window, qtbot):
    seen = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        seen.append((box.windowTitle(), box.text()))
        box.accept()

    QTimer.singleShot(0, read_and_close)
    main_window.main_actions.about.trigger()
    (title, text), = seen
    assert title == "关于"
    assert "年度目标任务管理" in text and f"版本 {app_version()}" in text
    assert str(main_window.store.path) in text and "Apache-2.0" in text


def test_the_reports_menu_opens_the_dashboard_and_the_change_log(main_window, qtbot):
    from ui.audit.dialog import AuditDialog
    from ui.dashboard.dialog import DashboardDialog

    bar = main_window.filter_bar
    bar.period_combo.setCurrentIndex(bar.period_combo.findData("2021Q2"))
    main_window.main_actions.dashboard.trigger()
    dashboard = main_window.findChild(DashboardDialog)
    assert dashboard is not None and dashboard.isVisible() and dashboard.period_code() == "2021Q2"
    qtbot.waitUntil(lambda: not dashboard.busy(), timeout=10_000)
    dashboard.close()
    main_window.main_actions.audit_log.trigger()
    log = main_window.findChild(AuditDialog)
    assert log is not None and log.isVisible()
    log.close()


def test_saved_settings_name_who_makes_the_next_change(main_window, monkeypatch):
    from ui.settings.values import UserSettings

    main_window.context.set_settings(UserSettings(office="市民政局", person="张三", lead_only=True))
    assert (main_window.store.actor.office, main_window.store.actor.person) == ("市民政局", "张三")
    model = main_window.progress.model
    assert model.lead_only
    offices = {model.row_at(r).office for r in range(model.rowCount())}
    plan = main_window.task_model.plan
    assert offices <= {name for task in plan.tasks for name in task.lead} | {
        t.office for task in plan.tasks for t in task.targets if t.office}


def test_backup_and_restore_from_the_file_menu(main_window, demo_store, tmp_path):
    from ui.window import backup_actions

    assert main_window.main_actions.backup.isEnabled() and main_window.main_actions.restore.isEnabled()
    copy = backup_actions.back_up(main_window.context, str(tmp_path / "月底备份.sqlite3"))
    assert copy is not None and copy.exists()
    demo_store.conn.execute("DELETE FROM attachments")  # stands in for any later change
    reports = demo_store.conn.execute("SELECT count(*) FROM reports").fetchone()[0]
    demo_store.conn.execute("DELETE FROM reports")
    assert backup_actions.restore(main_window.context, str(copy), confirm=False)
    assert demo_store.conn.execute("SELECT count(*) FROM reports").fetchone()[0] == reports
    assert "恢复" in main_window.statusBar().currentMessage()
    assert main_window.task_model.plan is not None


def test_a_database_open_elsewhere_can_be_looked_at_read_only(open_window, demo_store, chinese_ui):
    from planner.store import open_store

    with open_store(demo_store.path, readonly=True) as readonly:
        window = open_window(readonly)
        assert "只读" in window.windowTitle()
        assert not window.main_actions.import_table.isEnabled()
        assert not window.main_actions.import_notice.isEnabled() and not window.main_actions.paste_notice.isEnabled()
        assert not window.main_actions.restore.isEnabled()
        assert window.progress.table.editTriggers() == window.progress.table.EditTrigger.NoEditTriggers
        assert window.task_model.rowCount() > 0
        window.close()


def test_the_reports_menu_opens_the_report_dialog_for_the_period_on_screen(main_window, qtbot):
    from ui.documents.dialog import DocumentDialog

    bar = main_window.filter_bar
    bar.period_combo.setCurrentIndex(bar.period_combo.findData("2021Q2"))
    main_window.main_actions.quarterly_report.trigger()
    dialog = main_window.findChild(DocumentDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.shown_result() is not None, timeout=30_000)
    assert dialog.shown_result().pages >= 1 and "2021年第二季度" in dialog.shown_result().title
    dialog.close()


def test_returned_forms_dropped_on_the_window_are_collected_and_tables_imported(main_window, demo_store, qtbot,
                                                                               tmp_path, monkeypatch):
    from planner.exchange.fill_in import make_forms
    from ui.exchange.collect_dialog import CollectDialog

    forms = make_forms(demo_store, 1, "2021Q3", tmp_path / "forms")
    table = tmp_path / "附件.xlsx"
    from tests.sheets.builders import messy_appendix

    messy_appendix(table)
    imported = []
    monkeypatch.setattr(main_window, "open_import", imported.append)
    main_window.exchange.dropped([forms[0].path, table])
    dialog = main_window.findChild(CollectDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: not main_window.runner.busy(), timeout=20_000)
    assert imported == [table]


def test_clicking_the_progress_tab_shows_the_plans_returns_for_the_windows_period(main_window, qtbot):
    tabs = main_window.tabs
    assert tabs.currentIndex() == 0 and tabs.tabText(1) == "进展填报"
    qtbot.mouseClick(tabs.tabBar(), Qt.MouseButton.LeftButton, pos=tabs.tabBar().tabRect(1).center())
    panel = main_window.progress
    assert tabs.currentWidget() is panel and tabs.tabText(1) == "进展填报" and tabs.count() == 2
    assert panel.isVisible() and panel.model.rowCount() > 0
    assert panel.model.plan is not None and panel.model.plan.id == main_window.context.plan_id
    assert panel.model.period == main_window.context.period
