"""A two-tier header, as the appendix tables and the PDF have: a group title over the columns that share it.

The model names each column's group through `HEADER_GROUP_ROLE` (年度目标 over the
years, 责任单位 over the lead and co-operating offices); columns in no group keep
the full height for their own title. The group title is drawn across the group's
columns however they are sized or scrolled.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader, QWidget

HEADER_GROUP_ROLE = Qt.ItemDataRole.UserRole + 20


class GroupedHeaderView(QHeaderView):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.sectionResized.connect(lambda *_: self.viewport().update())
        self.sectionMoved.connect(lambda *_: self.viewport().update())

    def group_of(self, logical: int) -> str | None:
        model = self.model()
        if model is None:
            return None
        group = model.headerData(logical, Qt.Orientation.Horizontal, HEADER_GROUP_ROLE)
        return group if isinstance(group, str) and group else None

    def groups(self) -> list[tuple[str, int, int]]:
        """(title, first, last) of each group, in logical columns, left to right."""
        found: list[tuple[str, int, int]] = []
        for logical in range(self.count()):
            group = self.group_of(logical)
            if group is None:
                continue
            if found and found[-1][0] == group and found[-1][2] == logical - 1:
                found[-1] = (group, found[-1][1], logical)
            else:
                found.append((group, logical, logical))
        return found

    def _group_span(self, logical: int) -> tuple[str, int, int] | None:
        return next((span for span in self.groups() if span[1] <= logical <= span[2]), None)

    def _tier_height(self) -> int:
        return super().sizeHint().height()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if self.groups():
            hint.setHeight(2 * self._tier_height())
        return hint

    def paintSection(self, painter: QPainter, rect: QRect, logical: int) -> None:
        span = self._group_span(logical)
        if span is None:
            super().paintSection(painter, rect, logical)
            return
        title, first, last = span
        top = rect.height() // 2
        left = self.sectionViewportPosition(first)
        right = self.sectionViewportPosition(last) + self.sectionSize(last)
        painter.save()
        painter.setClipRect(rect)
        self._paint_header(painter, QRect(left, rect.top(), right - left, top), title)
        painter.restore()
        super().paintSection(painter, QRect(rect.left(), rect.top() + top, rect.width(), rect.height() - top),
                             logical)

    def _paint_header(self, painter: QPainter, rect: QRect, text: str) -> None:
        option = QStyleOptionHeader()
        self.initStyleOption(option)
        option.rect = rect
        option.text = text
        option.textAlignment = Qt.AlignmentFlag.AlignCenter
        option.section = 0
        option.position = QStyleOptionHeader.SectionPosition.Middle
        option.state = option.state | QStyle.StateFlag.State_Enabled
        self.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, self)
