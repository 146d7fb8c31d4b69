"""单位管理 as a clerk tidies the office list: add and delete offices, kinds from the names, likely duplicates."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QInputDialog, QLineEdit

from planner.store import Store
from planner.store.offices_repo import office_id
from tests.ui.user_input import record_questions, type_text
from ui.offices.dialog import OfficeDialog
from ui.offices.kinds_dialog import KindsDialog
from ui.offices.model import Column


@pytest.fixture
def open_dialog(qtbot, chinese_ui, make_context):
    def open_on(store: Store) -> OfficeDialog:
        dialog = OfficeDialog(make_context(store))
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return open_on


def shown_names(dialog: OfficeDialog) -> list[str]:
    return [dialog.proxy.index(row, Column.NAME).data() for row in range(dialog.proxy.rowCount())]


def kind_shown(dialog: OfficeDialog, name: str) -> str:
    return dialog.proxy.index(shown_names(dialog).index(name), Column.KIND).data()


def select(qtbot, dialog: OfficeDialog, name: str) -> None:
    index = dialog.proxy.index(shown_names(dialog).index(name), Column.NAME)
    dialog.table.scrollTo(index)
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=dialog.table.visualRect(index).center())
    assert dialog.selected_offices() == [office_id(dialog.store.conn, name)]


def when_asked(qtbot, answer) -> None:
    def attempt():
        modal = QApplication.activeModalWidget()
        if modal is None or not modal.isVisible():
            QTimer.singleShot(20, attempt)
            return
        answer(modal)

    QTimer.singleShot(0, attempt)


def add_office(qtbot, dialog: OfficeDialog, name: str) -> None:
    def name_it(asked: QInputDialog) -> None:
        type_text(qtbot, asked.findChild(QLineEdit), name)
        asked.accept()

    when_asked(qtbot, name_it)
    qtbot.mouseClick(dialog.register.add_button, Qt.MouseButton.LeftButton)


def test_a_new_office_gets_the_kind_its_name_says_and_undo_takes_it_away(qtbot, open_dialog, demo_store):
    dialog = open_dialog(demo_store)
    add_office(qtbot, dialog, "红旗镇")
    assert "红旗镇" in shown_names(dialog)
    assert kind_shown(dialog, "红旗镇") == "乡镇（街道）"
    assert dialog.selected_offices() == [office_id(demo_store.conn, "红旗镇")]
    audit = demo_store.conn.execute("SELECT action, note FROM audit WHERE table_name = 'offices'"
                                    " ORDER BY id DESC LIMIT 1").fetchone()
    assert tuple(audit) == ("insert", "新增单位")
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert "红旗镇" not in shown_names(dialog)


def test_an_unused_office_is_deleted_and_one_with_tasks_is_kept_with_the_reason(qtbot, open_dialog, demo_store):
    dialog = open_dialog(demo_store)
    add_office(qtbot, dialog, "市统计局")  # added by mistake: nothing refers to it yet
    select(qtbot, dialog, "市统计局")
    qtbot.mouseClick(dialog.register.delete_button, Qt.MouseButton.LeftButton)
    assert "市统计局" not in shown_names(dialog)
    assert dialog.message_label.text() == "已删除“市统计局”。"
    select(qtbot, dialog, "市民政局")
    qtbot.mouseClick(dialog.register.delete_button, Qt.MouseButton.LeftButton)
    assert "市民政局" in shown_names(dialog)
    assert dialog.message_label.text() == ("“市民政局”不能删除：还有40 项任务、36 次填报用到它。"
                                           "请先在任务中改用其他单位，或用“合并”把它并入同一单位的另一个名称。")
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)  # the deletion is taken back
    assert "市统计局" in shown_names(dialog)


def test_offices_of_an_older_database_all_typed_department_are_offered_the_kind_their_names_say(
        qtbot, open_dialog, demo_store):
    demo_store.conn.execute("UPDATE offices SET kind = 'department'")  # as every office was before kinds were read
    demo_store.conn.commit()
    dialog = open_dialog(demo_store)
    assert kind_shown(dialog, "阿城区") == "部门"
    assert dialog.register.kinds_button.text() == "按名称设类型(&K)（21）…"
    offered: list[str] = []

    def untick_bayan(chooser: KindsDialog) -> None:
        rows = [chooser.list.item(r) for r in range(chooser.list.count())]
        offered.extend(item.text() for item in rows)
        next(item for item in rows if item.text().startswith("巴彦县")).setCheckState(Qt.CheckState.Unchecked)
        chooser.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    when_asked(qtbot, untick_bayan)
    qtbot.mouseClick(dialog.register.kinds_button, Qt.MouseButton.LeftButton)
    assert "阿城区：部门 → 县（市、区）" in offered and not any(text.startswith("市民政局") for text in offered)
    assert kind_shown(dialog, "阿城区") == "县（市、区）"
    assert kind_shown(dialog, "各区、县(市)政府") == "县（市、区）"
    assert kind_shown(dialog, "巴彦县") == "部门"  # unticked: left as it was
    assert kind_shown(dialog, "市民政局") == "部门"
    assert dialog.message_label.text() == "已修改 20 个单位的类型。"
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert kind_shown(dialog, "阿城区") == "部门"


def test_the_merge_dialog_suggests_short_names_and_collective_names_but_merges_nothing_by_itself(
        qtbot, open_dialog, demo_store):
    dialog = open_dialog(demo_store)
    merge = dialog.open_merge()
    qtbot.waitExposed(merge)
    offered = [merge.suggestion_combo.itemText(i) for i in range(1, merge.suggestion_combo.count())]
    for pair in ("保留“市住房城乡建设局”，合并“市住房局”", "保留“各区、县(市)政府”，合并“各区政府”",
                 "保留“市发展改革委”，合并“市发改委”"):
        assert pair in offered
    assert any("各相关部门" in text and "“相关部门”" in text for text in offered)
    merge.suggestion_combo.setCurrentIndex(offered.index("保留“市住房城乡建设局”，合并“市住房局”") + 1)
    assert (merge.kept_combo.currentText(), merge.merged_combo.currentText()) == ("市住房城乡建设局", "市住房局")
    assert "市住房局" in shown_names(dialog)  # chosen, not merged: only 确定 merges
    merge.reject()


def test_undoing_an_addition_keeps_the_office_someone_has_renamed_since(qtbot, open_dialog, demo_store, monkeypatch):
    from planner.offices.edit import rename_office
    from planner.store.queries import list_offices

    dialog = open_dialog(demo_store)
    add_office(qtbot, dialog, "市统计局")
    added = next(o for o in list_offices(demo_store.conn) if o.name == "市统计局")
    rename_office(demo_store, added.id, "市统计局（市普查中心）")  # another window, as far as this one knows
    asked = record_questions(monkeypatch, yes=False)
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and "市统计局(市普查中心)" in asked[0][1] and "撤销未执行" in asked[0][1]
    assert office_id(demo_store.conn, "市统计局(市普查中心)") == added.id  # not deleted under the new name
    assert not dialog.undo_stack.canUndo()
