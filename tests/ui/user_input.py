"""Driving widgets the way a user does, for the window tests."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QStyle, QStyleOptionButton


def type_text(qtbot, widget, text: str) -> None:
    """Type as a user does: Latin keys as key presses, Chinese as an input method's committed text.

    (QTest cannot send non-ASCII key clicks: Qt asserts in qasciikey.cpp.)
    """
    for chunk in re.findall(r"[\x00-\x7f]+|[^\x00-\x7f]+", text):
        if chunk.isascii():
            qtbot.keyClicks(widget, chunk)
        else:
            event = QInputMethodEvent()
            event.setCommitString(chunk)
            QCoreApplication.sendEvent(widget, event)


def click_check_box(qtbot, box) -> None:
    """Click where a check box takes clicks: its indicator and label, not the empty width a layout gave it."""
    option = QStyleOptionButton()
    box.initStyleOption(option)
    area = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxClickRect, option, box)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=area.center())


def record_questions(monkeypatch, yes: bool = True) -> list[tuple[str, str]]:
    """Answer every `QMessageBox.question` the window asks from now on with 是 (or 否); the list returned
    receives each question's (title, text), so that the test can check what was asked."""
    from PySide6.QtWidgets import QMessageBox

    asked: list[tuple[str, str]] = []

    def answer(_parent, title, text, *_args):
        asked.append((title, text))
        return QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    return asked


def answer_next_question(answer, within_ms: int = 10_000) -> list:
    """Answer the next modal dialog with `answer(dialog)` once it is open; the list returned receives the
    dialog's text (a message box's question, else its title), so that the test can check what it asked.
    Stops watching after `within_ms`, so that a question never asked cannot be answered in a later test."""
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    seen: list = []
    deadline = time.monotonic() + within_ms / 1000

    def attempt():
        modal = QApplication.activeModalWidget()
        if modal is None or not modal.isVisible():
            if time.monotonic() < deadline:
                QTimer.singleShot(20, attempt)
            return
        seen.append(modal.text() if isinstance(modal, QMessageBox) else modal.windowTitle())
        answer(modal)

    QTimer.singleShot(0, attempt)
    return seen
