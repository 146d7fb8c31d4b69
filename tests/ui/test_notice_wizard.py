"""The notice wizard as a clerk goes through it: a Word file dropped on the window, a PDF from 文件 → 导入通知…,
text pasted with 编辑 → 粘贴通知文本; the tasks checked, roles changed, paragraphs split and joined, offices
corrected, then imported and found in the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QMessageBox, QWizard

from planner.notices.items import ItemRole
from planner.store.queries import list_plans, load_plan
from tests.notices.notice_files import hangzhou_notice, write_docx, write_pdf
from tests.sheets.builders import db_snapshot
from tests.ui.notice_wizard_steps import (
    activate,
    choose,
    click_button,
    click_margin,
    click_text,
    drop,
    find_wizard,
    import_and_wait,
    item_index,
    on_next_modal,
    plan_tasks,
    settle,
    shown_plan,
    warnings,
)
from tests.ui.user_input import type_text
from ui.importing.notice_plan import COL_NAME

PASTED = """关于加快发展社区养老服务的实施方案
二、主要任务
1.建设社区
食堂。到2024年建成20个。（责任单位：市民政局）
2.培训护理人员。（责任单位：市人社局、市民政局）3.发展智慧养老。（责任单位：市工信局）
"""


@pytest.fixture
def window(open_window, store, chinese_ui):
    return open_window(store)


@pytest.fixture
def hangzhou_docx(tmp_path: Path) -> Path:
    return write_docx(tmp_path / "杭州居家养老.docx", hangzhou_notice())


# The three ways in

def test_a_word_notice_dropped_on_the_window_is_corrected_and_imported(qtbot, window, store, hangzhou_docx):
    drop(window, hangzhou_docx)
    wizard = find_wizard(window)
    settle(qtbot, wizard)
    assert wizard.findChild(QWizard) is None  # not the spreadsheet wizard
    assert "杭州居家养老.docx" in wizard.ui.source_label.text() and "Word" in wizard.ui.source_label.text()
    # The appendix table's rows carry yearly targets, so they are the tasks at first.
    assert len(plan_tasks(wizard)) == 3
    assert wizard.ui.detail_edits["doc_no"].text() == "杭政办函〔2020〕47号"

    choose(qtbot, wizard.ui.recognition.source_box, "正文的编号条目")
    settle(qtbot, wizard)
    tasks = plan_tasks(wizard)
    assert len(tasks) == 16 and tasks[0] == ("二、（一）1.", "巩固家庭养老基础地位")
    assert tasks[-1][0] == "二、（五）16."

    closing = click_text(qtbot, wizard, "本意见自2020年11月10日起施行", 3)
    assert wizard.ui.role_box.currentText() == "非任务"
    choose(qtbot, wizard.ui.role_box, "任务")
    settle(qtbot, wizard)
    assert len(plan_tasks(wizard)) == 17
    assert any("没有找到责任单位" in text for text in warnings(wizard))
    click_text(qtbot, wizard, "(一)强化居家养老服务责任")
    issues = wizard.ui.issues
    warning = next(issues.item(i) for i in range(issues.count()) if "没有找到责任单位" in issues.item(i).text())
    qtbot.mouseClick(issues.viewport(), Qt.MouseButton.LeftButton, pos=issues.visualItemRect(warning).center())
    assert wizard.ui.text.current_item() == closing  # the warning shows its paragraph

    def correct_offices(form: QDialog) -> None:
        form.lead_edit.clear()
        type_text(qtbot, form.lead_edit, "市民政局")
        form.co_edit.clear()
        type_text(qtbot, form.co_edit, "市财政局、各区、县(市)政府")
        form.accept()

    assert wizard.ui.text.current_item() == closing
    on_next_modal(qtbot, correct_offices)
    qtbot.mouseClick(wizard.ui.edit_button, Qt.MouseButton.LeftButton)
    settle(qtbot, wizard)
    assert not any("没有找到责任单位" in text for text in warnings(wizard))
    row = wizard.ui.model.row_of_item(closing)
    model = wizard.ui.model
    assert model.index(row, model.lead_column).data() == "市民政局"
    assert model.index(row, model.co_column).data() == "市财政局、各区、县(市)政府"

    plan_id = import_and_wait(qtbot, wizard)
    plan = shown_plan(qtbot, window, plan_id)
    assert len(plan.tasks) == 17 and plan.state.value == "draft"
    assert [task.origin for task in plan.tasks][:2] == ["二、（一）1.", "二、（一）2."]
    closing_task = plan.tasks[-1]
    assert closing_task.name.startswith("本意见自2020年11月10日起施行")
    assert (closing_task.lead, closing_task.co) == (["市民政局"], ["市财政局", "各区、县(市)政府"])
    qtbot.waitUntil(lambda: window.findChild(QDialog, "noticeWizard") is None)  # closed once imported
    assert "已导入为计划" in window.statusBar().currentMessage()


def on_next_menu(qtbot, words: str) -> None:
    """Click the entry of the context menu about to open that reads `words`."""

    def attempt():
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(50, attempt)
            return
        action = next(a for a in menu.actions() if a.text().replace("&", "").startswith(words))
        qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())

    QTimer.singleShot(0, attempt)


def right_click_text(qtbot, wizard, start: str, offset: int = 2) -> None:
    text = wizard.ui.text
    index = item_index(wizard, start)
    text.show_item(index)
    block = text.document().findBlockByNumber(index)
    cursor = QTextCursor(block)
    cursor.setPosition(block.position() + offset)
    point = text.cursorRect(cursor).center()
    text.customContextMenuRequested.emit(point)  # what a right click there asks for (QTest sends no context event)


def test_a_pdf_from_the_file_menu_has_a_task_left_out_and_two_paragraphs_joined(qtbot, window, store, tmp_path,
                                                                                monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    path = write_pdf(tmp_path / "杭州居家养老.pdf", hangzhou_notice())
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *args, **kwargs: (str(path), "")))
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    wizard = find_wizard(window)
    settle(qtbot, wizard)
    assert "PDF" in wizard.ui.source_label.text()
    choose(qtbot, wizard.ui.recognition.source_box, "正文的编号条目")
    settle(qtbot, wizard)
    assert len(plan_tasks(wizard)) == 16

    on_next_menu(qtbot, "非任务")
    right_click_text(qtbot, wizard, "16.强化居家养老服务质量规范")
    settle(qtbot, wizard)
    tasks = plan_tasks(wizard)
    assert len(tasks) == 15 and tasks[-1][0] == "二、（五）15."
    assert wizard.preview.recognised.items[item_index(wizard, "16.强化")].role is ItemRole.OTHER

    count = len(wizard.preview.recognised.items)
    first = click_margin(qtbot, wizard, "(一)强化组织领导")
    click_margin(qtbot, wizard, "(二)加大宣传引导", shift=True)
    assert wizard.ui.text.selected_range() == range(first, first + 2)
    qtbot.mouseClick(wizard.ui.join_button, Qt.MouseButton.LeftButton)
    settle(qtbot, wizard)
    joined = wizard.preview.recognised.items[first]
    assert len(wizard.preview.recognised.items) == count - 1
    assert joined.text.startswith("(一)强化组织领导") and "(二)加大宣传引导" in joined.text
    assert joined.where.endswith("段") and "—" in joined.where

    plan_id = import_and_wait(qtbot, wizard)
    plan = shown_plan(qtbot, window, plan_id)
    assert [task.origin for task in plan.tasks] == [task[0] for task in tasks]
    assert "强化居家养老服务质量规范" not in [task.name for task in plan.tasks]
    assert plan.source_hash == load_plan(store.conn, plan_id).source_hash and plan.title.startswith("杭州市")


def test_pasted_text_is_joined_and_split_into_its_tasks(qtbot, window, store):
    QApplication.clipboard().setText(PASTED)
    window.main_actions.paste_notice.trigger()
    wizard = find_wizard(window)
    settle(qtbot, wizard)
    assert "粘贴的文字" in wizard.ui.source_label.text()
    assert plan_tasks(wizard) == [("二、1.", "建设社区"), ("二、2.", "培训护理人员")]

    click_margin(qtbot, wizard, "1.建设社区")
    click_margin(qtbot, wizard, "食堂。", shift=True)
    qtbot.mouseClick(wizard.ui.join_button, Qt.MouseButton.LeftButton)
    settle(qtbot, wizard)
    assert plan_tasks(wizard)[0] == ("二、1.", "建设社区食堂")

    run_together = wizard.preview.recognised.items[item_index(wizard, "2.培训护理人员")].text
    click_text(qtbot, wizard, "2.培训护理人员", run_together.index("3.发展"))
    activate(qtbot, wizard)
    qtbot.keyClick(wizard.ui.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # split here
    settle(qtbot, wizard)
    assert plan_tasks(wizard) == [("二、1.", "建设社区食堂"), ("二、2.", "培训护理人员"), ("二、3.", "发展智慧养老")]
    qtbot.mouseClick(wizard.ui.undo_button, Qt.MouseButton.LeftButton)
    assert len(plan_tasks(wizard)) == 2
    qtbot.keyClick(wizard.ui.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # at the start: refused
    settle(qtbot, wizard)
    assert "空" in wizard.ui.status.text() and len(plan_tasks(wizard)) == 2
    click_text(qtbot, wizard, "2.培训护理人员", run_together.index("3.发展"))
    qtbot.keyClick(wizard.ui.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, wizard)

    plan_id = import_and_wait(qtbot, wizard)
    plan = shown_plan(qtbot, window, plan_id)
    assert [(t.origin, t.name, t.lead) for t in plan.tasks] == [
        ("二、1.", "建设社区食堂", ["市民政局"]), ("二、2.", "培训护理人员", ["市人社局"]),
        ("二、3.", "发展智慧养老", ["市工信局"])]
    assert plan.title == "关于加快发展社区养老服务的实施方案" and "粘贴" in plan.source
    assert [(t.period, t.value) for t in plan.tasks[0].targets] == [("2024", 20.0)]


def test_pasted_html_is_read_as_html(qtbot, window):
    mime = QMimeData()
    mime.setHtml("<html><body><!--StartFragment--><p>二、主要任务</p><p>1.建设社区食堂。（责任单位：市民政局）</p>"
                 "<p>2.发展智慧养老。（责任单位：市工信局）</p><!--EndFragment--></body></html>")
    mime.setText("二、主要任务\n1.别的内容。")
    QApplication.clipboard().setMimeData(mime)
    window.main_actions.paste_notice.trigger()
    wizard = find_wizard(window)
    settle(qtbot, wizard)
    assert plan_tasks(wizard) == [("二、1.", "建设社区食堂"), ("二、2.", "发展智慧养老")]


def test_the_same_file_imported_twice_asks_replace_or_new_version(qtbot, window, store, hangzhou_docx):
    first = window.open_notice_import(hangzhou_docx)
    settle(qtbot, first)
    import_and_wait(qtbot, first)

    second = window.open_notice_import(hangzhou_docx)
    settle(qtbot, second)
    before = db_snapshot(store.path)
    on_next_modal(qtbot, lambda box: box.button(QMessageBox.StandardButton.Cancel).click())
    qtbot.mouseClick(second.ui.import_button, Qt.MouseButton.LeftButton)
    qtbot.wait(100)
    assert second.isVisible() and db_snapshot(store.path) == before  # cancelled: nothing written

    asked: list[str] = []

    def new_version(box: QMessageBox) -> None:
        asked.append(box.text())
        click_button(box, "新版本")

    on_next_modal(qtbot, new_version)
    plan_id = import_and_wait(qtbot, second)
    assert "杭州居家养老" not in asked[0] and "计划 1" in asked[0]
    titles = [plan.title for plan in list_plans(store.conn)]
    assert len(titles) == 2 and titles[1].endswith("（第2版）")
    assert shown_plan(qtbot, window, plan_id).title.endswith("（第2版）")


def test_a_refused_file_shows_its_reason_and_writes_nothing(qtbot, window, store, tmp_path):
    picture = tmp_path / "通知.pdf"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    before = db_snapshot(store.path)
    drop(window, picture)
    wizard = find_wizard(window)
    settle(qtbot, wizard)
    status = wizard.ui.status.text()
    assert "通知.pdf" in status and "PNG" in status, status
    assert not wizard.ui.import_button.isEnabled() and wizard.ui.model.rowCount() == 0
    qtbot.mouseClick(wizard.ui.import_button, Qt.MouseButton.LeftButton)
    assert db_snapshot(store.path) == before


def test_recognising_again_warns_that_corrections_are_lost_and_undo_brings_them_back(qtbot, window):
    QApplication.clipboard().setText(PASTED)
    window.main_actions.paste_notice.trigger()
    wizard = find_wizard(window)
    settle(qtbot, wizard)
    click_text(qtbot, wizard, "1.建设社区", 2)
    choose(qtbot, wizard.ui.role_box, "非任务")
    settle(qtbot, wizard)
    assert [name for _, name in plan_tasks(wizard)] == ["培训护理人员"]

    lead_box = wizard.ui.recognition.lead_box
    on_next_modal(qtbot, lambda box: box.button(QMessageBox.StandardButton.Cancel).click())
    choose(qtbot, lead_box, "所列全部单位")
    qtbot.waitUntil(lambda: lead_box.currentText() == "所列第一个单位")
    assert [name for _, name in plan_tasks(wizard)] == ["培训护理人员"]  # the correction stays

    def go_on(box: QMessageBox) -> None:
        assert "1 处更正" in box.text()
        box.button(QMessageBox.StandardButton.Yes).click()

    on_next_modal(qtbot, go_on)
    choose(qtbot, lead_box, "所列全部单位")
    settle(qtbot, wizard)
    model = wizard.ui.model
    assert len(plan_tasks(wizard)) == 2  # recognised afresh: the correction is gone
    row = next(r for r in range(model.rowCount()) if model.index(r, COL_NAME).data() == "培训护理人员")
    assert model.index(row, model.lead_column).data() == "市人社局、市民政局、市工信局"
    qtbot.mouseClick(wizard.ui.undo_button, Qt.MouseButton.LeftButton)
    assert [name for _, name in plan_tasks(wizard)] == ["培训护理人员"]
    assert lead_box.currentText() == "所列第一个单位"


def test_the_menus_offer_the_notice_commands_with_their_own_shortcuts(window):
    actions = window.main_actions
    assert actions.import_notice.shortcut().toString() == "Ctrl+Shift+I"
    assert actions.paste_notice.shortcut().toString() == "Ctrl+Shift+V"
    file_menu, edit_menu = (action.menu() for action in window.menuBar().actions()[:2])
    assert actions.import_notice in file_menu.actions() and actions.paste_notice in edit_menu.actions()
    keys = [key.toString() for action in window.findChildren(type(actions.import_notice))
            for key in action.shortcuts() if not key.isEmpty()]
    assert len(keys) == len(set(keys)), sorted(keys)


def test_the_clerk_chooses_the_section_of_the_tasks_and_types_the_title(qtbot, window, store, hangzhou_docx):
    wizard = window.open_notice_import(hangzhou_docx)
    settle(qtbot, wizard)
    sections = wizard.ui.recognition.section_box
    assert sections.findText("一、工作目标") > 0 and sections.findText("二、主要任务") > 0
    choose(qtbot, wizard.ui.recognition.source_box, "正文的编号条目")
    settle(qtbot, wizard)
    choose(qtbot, sections, "一、工作目标")
    settle(qtbot, wizard)
    tasks = plan_tasks(wizard)
    assert [origin for origin, _ in tasks] == ["一、（一）", "一、（二）", "一、（三）", "一、（四）", "一、（五）"]
    assert tasks[0][1] == "居家养老服务责任更明确"

    title = wizard.ui.detail_edits["title"]
    activate(qtbot, wizard)  # focus moves (and leaving the field tells it so) in the active window only
    qtbot.mouseClick(title, Qt.MouseButton.LeftButton)
    title.selectAll()
    type_text(qtbot, title, "杭州市居家养老服务目标")
    # 导入 at once: leaving the field applies the title first, then the plan is imported with it.
    plan_id = import_and_wait(qtbot, wizard)
    plan = shown_plan(qtbot, window, plan_id)
    assert plan.title == "杭州市居家养老服务目标" and len(plan.tasks) == 5
