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
