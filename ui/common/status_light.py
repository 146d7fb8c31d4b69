"""The status lights: one colour per status (planner.domain.model.STATUS_COLOURS), the same everywhere."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from planner.domain.model import Status
from ui.common.language import QT_TRANSLATE_NOOP

LIGHT_SIZE = 14

STATUS_SOURCES = {
    Status.DONE: QT_TRANSLATE_NOOP("StatusLight", "Done"),
    Status.ON_TRACK: QT_TRANSLATE_NOOP("StatusLight", "On schedule"),
    Status.BEHIND: QT_TRANSLATE_NOOP("StatusLight", "Behind"),
    Status.NOT_REPORTED: QT_TRANSLATE_NOOP("StatusLight", "Not reported"),
}


def status_label(status: Status) -> str:
    return QCoreApplication.translate("StatusLight", STATUS_SOURCES[status])


@cache
def light_icon(status: Status) -> QIcon:
    pixmap = QPixmap(LIGHT_SIZE, LIGHT_SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(status.colour))
    painter.drawEllipse(1, 1, LIGHT_SIZE - 2, LIGHT_SIZE - 2)
    painter.end()
    return QIcon(pixmap)
