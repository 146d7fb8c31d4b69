"""How a clerk drives the notice wizard in the tests: wait for it, drop a file, choose, click in the text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QMessageBox

from ui.importing.notice_plan import COL_NAME, COL_ORIGIN

WAIT_MS = 30_000


def settle(qtbot, wizard) -> None:
    """Wait until the wizard's reading, recognition or correction has arrived."""
    qtbot.waitUntil(lambda: not wizard.busy, timeout=WAIT_MS)


def activate(qtbot, widget) -> None:
    """Make the widget's window the active one, as the clerk's is (a closed combo box list can stay active
    offscreen): its shortcuts and focus changes need it."""
    widget.window().windowHandle().requestActivate()
    qtbot.waitUntil(widget.isActiveWindow)


def drop(window, path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    window.dropEvent(QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                Qt.KeyboardModifier.NoModifier))


def find_wizard(window):
    wizard = window.findChild(QDialog, "noticeWizard")
    assert wizard is not None and wizard.isVisible()
    return wizard


def choose(qtbot, combo: QComboBox, text: str) -> None:
    """Open the combo box's list and click the entry that reads `text`."""
    index = combo.findText(text)
    assert index >= 0, [combo.itemText(i) for i in range(combo.count())]
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    rect = view.visualRect(view.model().index(index, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: not view.isVisible())


def item_index(wizard, start: str) -> int:
    return next(i for i, item in enumerate(wizard.preview.recognised.items) if item.text.startswith(start))


def click_text(qtbot, wizard, start: str, offset: int = 0, modifier=Qt.KeyboardModifier.NoModifier) -> int:
    """Click into the paragraph that begins with `start`, just before its character `offset`."""
    text = wizard.ui.text
    index = item_index(wizard, start)
    block = text.document().findBlockByNumber(index)
    cursor = QTextCursor(block)
    cursor.setPosition(block.position() + offset)
    text.setTextCursor(cursor)  # scrolls the paragraph into view, as the clerk does before clicking
    text.ensureCursorVisible()
    point = text.cursorRect(cursor).center() + QPoint(1, 0)
    qtbot.mouseClick(text.viewport(), Qt.MouseButton.LeftButton, modifier, point)
    assert text.current_item() == index
    return index


def click_margin(qtbot, wizard, start: str, shift: bool = False) -> int:
    """Click the role label beside a paragraph (Shift+click extends the selection)."""
    text = wizard.ui.text
    index = item_index(wizard, start)
    if not shift:
        text.show_item(index)  # scrolled to first; Shift+click extends to a paragraph in view
    y = text.item_rect(index).top() + 4
    modifier = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
    qtbot.mouseClick(text.gutter, Qt.MouseButton.LeftButton, modifier, QPoint(10, y))
    return index


def on_next_modal(qtbot, answer: Callable[[QDialog], None]) -> None:
    """Answer the next modal dialog (a message box or the task form) once it is open."""

    def attempt():
        modal = QApplication.activeModalWidget()
        if modal is None or not modal.isVisible() or modal.objectName() == "noticeWizard":
            QTimer.singleShot(50, attempt)
            return
        answer(modal)

    QTimer.singleShot(0, attempt)


def click_button(box: QMessageBox, words: str) -> None:
    next(button for button in box.buttons() if words in button.text()).click()


def plan_tasks(wizard) -> list[tuple[str, str]]:
    model = wizard.ui.model
    return [(model.index(row, COL_ORIGIN).data(), model.index(row, COL_NAME).data())
            for row in range(model.rowCount()) if model.row_at(row).task is not None]


def warnings(wizard) -> list[str]:
    return [wizard.ui.issues.item(i).text() for i in range(wizard.ui.issues.count())]


def import_and_wait(qtbot, wizard) -> int:
    with qtbot.waitSignal(wizard.imported, timeout=WAIT_MS) as imported:
        qtbot.mouseClick(wizard.ui.import_button, Qt.MouseButton.LeftButton)
    return imported.args[0]


def shown_plan(qtbot, window, plan_id: int):
    qtbot.waitUntil(lambda: window.context.plan is not None and window.context.plan.id == plan_id, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.task_model.plan is not None and window.task_model.plan.id == plan_id)
    return window.task_model.plan
