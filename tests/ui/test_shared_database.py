"""The window on a shared server: 文件 → 连接共享数据库…, a report another office enters appearing in the
coordinator's window within seconds, and the clerk told, not overwritten, when someone saved first."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import Qt

from planner.domain.model import Report
from planner.progress.entry import submit_report
from planner.store.queries import list_plans, load_plan
from tests.server_organisation import OFFICE, PASSWORD
from tests.ui.test_progress_view import show_progress
from tests.ui.user_input import record_questions
from ui.offices.model import Column
from ui.window.server_connect import ServerConnectDialog, server_url

PERIOD = "2021Q3"


def hengshui(store):
    return load_plan(store.conn, next(p.id for p in list_plans(store.conn) if p.key == "hengshui"))


@pytest.fixture
def window_behind(open_window, organisation):
    """A window on the Hengshui plan signed in as one of the organisation's accounts that hears of no other
    session's change (it is behind), with its store; both closed after the test."""
    opened = []

    def open_as(name: str):
        store = organisation.open(name, listen=False)
        window = open_window(store)
        window.show_plan(hengshui(store).id)
        opened.append((window, store))
        return window, store

    yield open_as
    for window, store in opened:
        window.close()
        store.close()


def shown_value(window, task_id: int):
    model = window.progress.model
    row = model.row_of(task_id, OFFICE)
    report = model.row_at(row).report
    return report.value if report is not None else None


def test_the_url_is_built_from_what_the_clerk_typed():
    assert server_url("db.zw.gov.cn", "planner", "mz", True) == "postgresql://mz@db.zw.gov.cn/planner?sslmode=require"
    assert server_url(" 10.1.2.3:6543 ", "督查", "张 三", False) == \
        "postgresql://%E5%BC%A0%20%E4%B8%89@10.1.2.3:6543/%E7%9D%A3%E6%9F%A5"


def test_without_the_server_component_the_dialog_says_how_to_add_it(qtbot, main_window, monkeypatch):
    for package in ("psycopg", "keyring"):  # an install without the component: nowhere to import them from
        monkeypatch.setitem(sys.modules, package, None)
    main_window.main_actions.connect_server.trigger()
    dialog = main_window.findChild(ServerConnectDialog)
    assert dialog is not None and dialog.isVisible()
    message = dialog.error.text()
    assert dialog.error.isVisible() and "共享数据库连接（PostgreSQL）" in message and "本机没有安装" in message
    assert "选择组件" in message and "annual-target-planner-server" in message
    assert not dialog.server.isEnabled() and not dialog.connect_button.isEnabled()
    assert not dialog.remember.isEnabled()


def test_the_menu_opens_the_dialog_and_a_wrong_password_is_explained_in_it(qtbot, main_window, organisation,
                                                                           pg_cluster):
    main_window.main_actions.connect_server.trigger()
    dialog = main_window.findChild(ServerConnectDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "连接共享数据库"
    assert not dialog.connect_button.isEnabled()
    qtbot.keyClicks(dialog.server, f"127.0.0.1:{pg_cluster.port}")
    dialog.database.setText(organisation.database)
    qtbot.keyClicks(dialog.account, organisation.account("mz"))
    qtbot.keyClicks(dialog.password, "wrong-password")
    dialog.tls.setChecked(False)  # the throwaway server has no certificate
    chosen = []
    main_window.database_chosen.connect(chosen.append)
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.error.isVisible() and "密码" in dialog.error.text()
    assert chosen == []
    dialog.password.setText(PASSWORD)  # keyClicks types ASCII only
    with qtbot.waitSignal(main_window.database_chosen, timeout=10000) as signal:
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    store = signal.args[0]
    try:
        assert store.is_server and store.kind == "office" and store.office == OFFICE
        assert not dialog.isVisible()
    finally:
        store.close()


def test_another_offices_report_appears_in_the_coordinators_window(qtbot, open_window, organisation, chinese_ui):
    coordinator = organisation.open("coord")
    try:
        window = open_window(coordinator)
        assert organisation.database in window.path_label.text()
        assert not window.main_actions.backup.isEnabled()  # the server's own pg_dump backs it up
        plan = hengshui(coordinator)
        window.show_plan(plan.id)
        show_progress(window, OFFICE, PERIOD)
        task_id = plan.tasks[3].id
        assert shown_value(window, task_id) is None
        with organisation.open("mz", listen=False) as clerk:
            submit_report(clerk, hengshui(clerk), Report(task_id=task_id, office=OFFICE, period=PERIOD, value=6.0))
        qtbot.waitUntil(lambda: shown_value(window, task_id) == 6.0, timeout=5000)
    finally:
        window.close()
        coordinator.close()


def test_a_figure_typed_over_someone_elses_newer_report_is_refused_and_theirs_shown(qtbot, window_behind,
                                                                                   organisation, chinese_ui,
                                                                                   monkeypatch):
    from tests.ui.test_progress_view import type_value

    window, clerk_store = window_behind("mz")
    plan = hengshui(clerk_store)
    show_progress(window, OFFICE, PERIOD)
    task_id = plan.tasks[4].id
    with organisation.open("coord", listen=False) as coordinator:
        submit_report(coordinator, hengshui(coordinator),
                      Report(task_id=task_id, office=OFFICE, period=PERIOD, value=8.0))
    asked = record_questions(monkeypatch)
    row = window.progress.model.row_of(task_id, OFFICE)
    type_value(qtbot, window, row, "3")
    assert len(asked) == 1 and asked[0][0] == "已被他人修改"
    assert organisation.account("coord") in asked[0][1] and "第 1 版" in asked[0][1]
    assert shown_value(window, task_id) == 8.0  # theirs, reloaded; the clerk's 3 was not saved
    assert not window.undo_stack.canUndo()


def test_connecting_replaces_the_window_and_closes_the_file(qtbot, tmp_path, organisation, chinese_ui):
    from planner.store import open_store
    from ui.app import WindowSession
    from ui.settings.values import UserSettings

    file_store = open_store(tmp_path / "office.sqlite3")
    session = WindowSession(file_store, UserSettings())
    first = session.window
    qtbot.addWidget(first)
    first.show()
    server_store = organisation.open("mz")
    try:
        first.database_chosen.emit(server_store)
        qtbot.addWidget(session.window)
        assert session.window is not first and session.store is server_store
        assert session.window.isVisible() and not first.isVisible()
        assert organisation.database in session.window.path_label.text()
        # The file is no longer held: another window may open it for writing.
        open_store(tmp_path / "office.sqlite3").close()
    finally:
        session.window.close()
        server_store.close()


def test_opening_with_db_asks_the_password_the_keyring_does_not_have(qapp, organisation, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from ui.app import open_for_window

    asked = []

    def type_password(_parent, title, label, _echo):
        asked.append((title, label))
        return PASSWORD, True

    monkeypatch.setattr(QInputDialog, "getText", type_password)
    store = open_for_window(organisation.url("mz"), None, smoke=False)
    try:
        assert store is not None and store.is_server and store.office == OFFICE
        assert len(asked) == 1 and organisation.account("mz") in asked[0][1]
    finally:
        if store is not None:
            store.close()


def test_an_office_renamed_in_another_window_is_offered_for_reloading_not_renamed_over(qtbot, window_behind,
                                                                                       organisation, chinese_ui,
                                                                                       monkeypatch):
    from planner.offices.edit import rename_office
    from planner.store.queries import list_offices
    from planner.store.server.admin import add_account
    from tests.ui.test_office_edit_dialog import filter_by, finish_editing, shown_names, start_editing
    from tests.ui.user_input import type_text

    add_account(organisation.admin_url, organisation.account("coord2"), "coordinator", PASSWORD)
    window, _coordinator = window_behind("coord")
    dialog = window.edit_actions.open_offices()
    qtbot.waitExposed(dialog)
    filter_by(qtbot, dialog, "财政")
    assert shown_names(dialog) == ["市财政局"]
    with organisation.open("coord2", listen=False) as colleague:
        shown = next(o for o in list_offices(colleague.conn) if o.name == "市财政局")
        rename_office(colleague, shown.id, "衡水市财政局", seen=shown)
    asked = record_questions(monkeypatch)
    editor = start_editing(qtbot, dialog, "市财政局", Column.NAME)
    editor.selectAll()
    type_text(qtbot, editor, "市财政局（本级）")
    finish_editing(qtbot, dialog, editor)
    assert len(asked) == 1 and asked[0][0] == "已被他人修改"
    assert organisation.account("coord2") in asked[0][1] and "衡水市财政局" in asked[0][1]
    assert shown_names(dialog) == ["衡水市财政局"]  # theirs, read again; the clerk's name was not saved
    model = window.task_model
    shown_co = {name for r in range(model.rowCount()) if model.task_at(r) for name in model.task_at(r).co}
    assert "衡水市财政局" in shown_co and "市财政局" not in shown_co
    assert not window.undo_stack.canUndo()


def test_undoing_an_edit_another_window_changed_since_offers_theirs_not_undone_over(qtbot, window_behind,
                                                                                     organisation, chinese_ui,
                                                                                     monkeypatch):
    from planner.plans.task_edit import edit_task_text
    from planner.store.queries import load_task
    from planner.store.server.admin import add_account
    from tests.ui.test_plan_edit_window import _commit, _type_into_cell
    from ui.tasks.table_model import COL_BASELINE

    add_account(organisation.admin_url, organisation.account("coord2"), "coordinator", PASSWORD)
    window, coordinator = window_behind("coord")
    plan = hengshui(coordinator)
    task = plan.tasks[2]
    model = window.task_model

    def shown_baseline() -> str:
        row = next(r for r in range(model.rowCount()) if model.task_at(r) and model.task_at(r).id == task.id)
        return model.index(row, COL_BASELINE).data()

    row = next(r for r in range(model.rowCount()) if model.task_at(r) and model.task_at(r).id == task.id)
    _commit(qtbot, _type_into_cell(qtbot, window, row, COL_BASELINE, "已建成3个"))  # 编辑
    assert shown_baseline() == "已建成3个" and window.undo_stack.canUndo()
    with organisation.open("coord2", listen=False) as colleague:
        edit_task_text(colleague, task.id, "baseline", "已建成5个", seen="已建成3个")
    asked = record_questions(monkeypatch)
    window.main_actions.undo.trigger()  # 撤销
    assert len(asked) == 1 and asked[0][0] == "已被他人修改"
    assert organisation.account("coord2") in asked[0][1] and "已建成5个" in asked[0][1]
    assert "撤销未执行" in asked[0][1]
    assert shown_baseline() == "已建成5个"  # theirs, read again; the clerk's undo did not write over it
    assert load_task(coordinator.conn, task.id).baseline == "已建成5个"
    # The refused undo is off the stack: nothing left to redo over theirs, nor to undo again.
    assert not window.undo_stack.canUndo() and not window.undo_stack.canRedo()


def test_taking_back_an_entry_the_coordinator_returned_since_offers_the_latest(qtbot, window_behind, organisation,
                                                                              chinese_ui, monkeypatch):
    from planner.progress.entry import review_report
    from tests.ui.test_progress_view import type_value

    window, clerk_store = window_behind("mz")
    plan = hengshui(clerk_store)
    show_progress(window, OFFICE, PERIOD)
    task_id = plan.tasks[4].id
    type_value(qtbot, window, window.progress.model.row_of(task_id, OFFICE), "3")
    assert shown_value(window, task_id) == 3.0 and window.undo_stack.canUndo()
    entered = window.progress.model.row_at(window.progress.model.row_of(task_id, OFFICE)).report
    with organisation.open("coord", listen=False) as coordinator:
        review_report(coordinator, entered.id, "returned", "请附佐证材料", seen=("submitted", ""))
    asked = record_questions(monkeypatch)
    window.main_actions.undo.trigger()  # 撤销
    assert len(asked) == 1 and asked[0][0] == "已被他人修改"
    assert organisation.account("coord") in asked[0][1] and "退回" in asked[0][1] and "撤销未执行" in asked[0][1]
    row = window.progress.model.row_at(window.progress.model.row_of(task_id, OFFICE))
    assert row.report is not None and row.report.value == 3.0 and row.report.review == "returned"
    assert not window.undo_stack.canUndo() and not window.undo_stack.canRedo()


@pytest.mark.parametrize("shown", [True, False], ids=["theirs-shown", "not-shown"])
def test_texts_saved_over_someone_elses_newer_report_stay_typed_and_unsaved(qtbot, window_behind, organisation,
                                                                            chinese_ui, monkeypatch, shown):
    from planner.store.queries import report_history
    from tests.ui.test_progress_texts import click_row, type_into

    window, clerk_store = window_behind("mz")
    plan = hengshui(clerk_store)
    show_progress(window, OFFICE, PERIOD)
    detail, model = window.progress.detail, window.progress.model
    task_id = plan.tasks[4].id
    row = model.row_of(task_id, OFFICE)
    window.activateWindow()  # typing needs the keyboard focus, which only the active window has
    qtbot.waitUntil(window.isActiveWindow)
    click_row(qtbot, window, row)
    type_into(qtbot, detail.narrative, "已完成选址")
    with organisation.open("coord", listen=False) as coordinator:
        submit_report(coordinator, hengshui(coordinator),
                      Report(task_id=task_id, office=OFFICE, period=PERIOD, narrative="已开工建设"))
    asked = record_questions(monkeypatch, yes=shown)
    click_row(qtbot, window, 0 if row else 1)  # leaving the row saves what was typed: refused as stale
    assert len(asked) == 1 and asked[0][0] == "已被他人修改"
    assert [r.narrative for r in report_history(clerk_store.conn, task_id, OFFICE, PERIOD)] == ["已开工建设"]
    qtbot.waitUntil(lambda: window.progress.table.currentIndex().row() == row)  # back to the typed row
    assert detail.narrative.toPlainText() == "已完成选址" and detail.has_unsaved_texts()
    shown_narrative = model.row_at(row).report.narrative if model.row_at(row).report else None
    assert shown_narrative == ("已开工建设" if shown else None)
    detail.discard_unsaved_texts()  # the test is done: let the window close without asking
