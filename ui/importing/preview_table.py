"""The wizard's preview table: the columns fill the width at any window size, and no row takes the whole view.

The 行号 and 序号 columns keep to their text; the task, office and year columns
share the rest, at least PREVIEW_COLUMN_WIDTH each. A row is as tall as its text up
to MAX_ROW_LINES lines, so a long 其中 list does not hide the rows below it; the
whole target is in the cell's tooltip.
"""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHeaderView, QTableView, QWidget

from ui.common.rich_text_delegate import RichTextDelegate
from ui.importing.preview import COL_NAME, COL_ROW, COL_SEQ

PREVIEW_COLUMN_WIDTH = 170
MAX_ROW_LINES = 7


class PreviewTable(QTableView):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.verticalHeader().hide()
        self.setItemDelegate(RichTextDelegate(self))
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

    def fit(self) -> None:
        """Columns across the whole width, then rows to their text (capped)."""
        model = self.model()
        if model is None:
            return
        for column in (COL_ROW, COL_SEQ):
            self.resizeColumnToContents(column)
        shared = list(range(COL_NAME, model.columnCount()))
        if shared:
            fixed = sum(self.columnWidth(column) for column in (COL_ROW, COL_SEQ))
            width = max(PREVIEW_COLUMN_WIDTH, (self.viewport().width() - fixed) // len(shared))
            for column in shared:
                self.setColumnWidth(column, width)
            spare = self.viewport().width() - fixed - width * len(shared)
            if spare > 0:
                self.setColumnWidth(shared[-1], width + spare)
        self.resizeRowsToContents()
        tallest = MAX_ROW_LINES * self.fontMetrics().lineSpacing() + 8
        for row in range(model.rowCount()):
            if self.rowHeight(row) > tallest:
                self.setRowHeight(row, tallest)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit()
