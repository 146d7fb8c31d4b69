"""推进率 by office as horizontal bars, drawn with QPainter (QtCharts is not in PySide6-Essentials).

Each office gets one bar as long as its number of tasks is wide, split into the
four status colours; the green and blue part is its 推进率 (the share of its tasks
done or on schedule), printed at the bar's end. The geometry comes from `bars()`, which painting, tooltips and tests
share, so what is tested is what is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QHelpEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from planner.domain.model import Status
from planner.domain.status import OfficeSummary
from ui.common.status_light import status_label
from ui.dashboard.models import office_counts_text, on_track_percent

MARGIN = 8
BAR_PITCH = 24
BAR_GAP = 6
LEGEND_SWATCH = 10
LABEL_SHARE = 0.4  # office names may take up to this share of the width, then they are elided
MIN_BAR_WIDTH = 60


@dataclass(frozen=True)
class ChartBar:
    office: OfficeSummary
    label_rect: QRectF
    bar_rect: QRectF  # the whole bar: every task the office answers for
    segments: tuple[tuple[Status, QRectF], ...]  # the non-empty status parts, left to right
    value_rect: QRectF


class CompletionChart(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("completionChart")
        self._offices: list[OfficeSummary] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.setMouseTracking(True)

    def set_offices(self, offices: list[OfficeSummary]) -> None:
        self._offices = list(offices)
        # A resizable scroll area honours a minimum size, not a changed hint: every bar stays reachable.
        self.setMinimumHeight(self.minimumSizeHint().height())
        self.updateGeometry()
        self.update()

    def offices(self) -> list[OfficeSummary]:
        return list(self._offices)

    # Geometry

    def _legend_height(self) -> int:
        return self.fontMetrics().height() + MARGIN

    def sizeHint(self) -> QSize:
        return QSize(360, self.minimumSizeHint().height())

    def minimumSizeHint(self) -> QSize:
        rows = max(1, len(self._offices))
        return QSize(MIN_BAR_WIDTH * 3, self._legend_height() + rows * BAR_PITCH + 2 * MARGIN)

    def bars(self) -> list[ChartBar]:
        """Where each office's label, bar, status segments and percentage are drawn at the current size."""
        if not self._offices:
            return []
        metrics = QFontMetrics(self.font())
        value_width = metrics.horizontalAdvance("100%") + MARGIN
        longest = max(metrics.horizontalAdvance(o.office) for o in self._offices) + MARGIN
        label_width = min(longest, int(self.width() * LABEL_SHARE))
        left = MARGIN + label_width
        bar_width = max(MIN_BAR_WIDTH, self.width() - left - value_width - MARGIN)
        top = MARGIN + self._legend_height()
        found = []
        for row, office in enumerate(self._offices):
            y = top + row * BAR_PITCH
            height = BAR_PITCH - BAR_GAP
            whole = QRectF(left, y, bar_width, height)
            segments, x = [], float(left)
            for status in Status:
                count = office.counts[status]
                if not count or not office.assigned:
                    continue
                width = bar_width * count / office.assigned
                segments.append((status, QRectF(x, y, width, height)))
                x += width
            found.append(ChartBar(office, QRectF(MARGIN, y, label_width - MARGIN, height), whole, tuple(segments),
                                  QRectF(left + bar_width + MARGIN / 2, y, value_width, height)))
        return found

    # Painting

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        text_colour = self.palette().color(QPalette.ColorRole.WindowText)
        if not self._offices:
            painter.setPen(text_colour)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No office answers for a task."))
            return
        self._paint_legend(painter, text_colour)
        metrics = QFontMetrics(self.font())
        for bar in self.bars():
            painter.setPen(text_colour)
            name = metrics.elidedText(bar.office.office, Qt.TextElideMode.ElideRight, int(bar.label_rect.width()))
            painter.drawText(bar.label_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, name)
            for status, rect in bar.segments:
                painter.fillRect(rect, QColor(status.colour))
            painter.drawText(bar.value_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             on_track_percent(bar.office.on_track_rate))
        painter.end()

    def _paint_legend(self, painter: QPainter, text_colour: QColor) -> None:
        metrics = QFontMetrics(self.font())
        x, y = float(MARGIN), float(MARGIN)
        height = metrics.height()
        for status in Status:
            swatch = QRectF(x, y + (height - LEGEND_SWATCH) / 2, LEGEND_SWATCH, LEGEND_SWATCH)
            painter.fillRect(swatch, QColor(status.colour))
            label = status_label(status)
            painter.setPen(text_colour)
            painter.drawText(QPointF(x + LEGEND_SWATCH + 4, y + metrics.ascent()), label)
            x += LEGEND_SWATCH + 4 + metrics.horizontalAdvance(label) + 2 * MARGIN

    # Tooltips

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            bar = self.bar_at(QPointF(event.pos()))
            if bar is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), office_counts_text(bar.office), self)
            return True
        return super().event(event)

    def bar_at(self, point: QPointF) -> ChartBar | None:
        """The office whose row (label, bar or percentage) is under `point`."""
        for bar in self.bars():
            row = bar.label_rect.united(bar.value_rect)
            if row.top() <= point.y() <= row.bottom():
                return bar
        return None
