"""The task table: merged cells as in the appendix, columns that fill the width, rows sized lazily.

Rows are sized to their text only when they come into view, then the rest in
small batches while the program is idle, so a plan with thousands of tasks opens
as fast as one with ten.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QRect, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView

from ui.common.cell_editing import EDIT_TRIGGERS, edit_on_enter
from ui.common.column_widths import fit_widths
from ui.tasks.grouped_header import GroupedHeaderView
from ui.tasks.table_model import COL_BASELINE, COL_CONTENT, COL_INDICATOR, COL_NAME, COL_SEQ, TaskTableModel

# Minimum width in characters of each kind of column, when its text is that long.
MINIMUM_CHARS = {COL_SEQ: 2, COL_NAME: 5, COL_CONTENT: 7, COL_INDICATOR: 6, COL_BASELINE: 3}
YEAR_MINIMUM_CHARS = 4
OFFICE_MINIMUM_CHARS = 5
# A column wider than this many characters reads worse than one that wraps.
USEFUL_CHARS = 16
CELL_TEXT_PADDING = 12
# Taller cells are cut off with "…" by the style; the full text is in the tooltip and the detail pane.
TASK_MAX_LINES = 10
SECTION_MAX_LINES = 3
CELL_PADDING = 4
BACKGROUND_BATCH = 60


class TaskTableView(QTableView):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Keyboard first: Enter or F2 or typing edits the current cell, Tab moves on (read-only models ignore it).
        self.setEditTriggers(EDIT_TRIGGERS)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().hide()
        self.setHorizontalHeader(GroupedHeaderView(self))
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.sectionResized.connect(self._column_resized)
        self._fitting_columns = False
        self._user_sized_columns = False
        self._sized_rows: set[int] = set()
        self._next_unsized = 0
        # The style insets item text by this much on each side (QCommonStyle's viewItemDrawText).
        self._text_margin = self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1
        self._background = QTimer(self)
        self._background.setInterval(0)
        self._background.timeout.connect(self._size_next_batch)

    def setModel(self, model: QAbstractItemModel | None) -> None:
        assert isinstance(model, TaskTableModel), "spans, widths and the current task come from a TaskTableModel"
        super().setModel(model)
        model.modelAboutToBeReset.connect(self._remember_current)
        model.modelReset.connect(self._model_reset)
        model.layoutChanged.connect(self._apply_spans)
        self._remembered: tuple[int, int] | None = None
        self._model_reset()

    def task_model(self) -> TaskTableModel:
        model = self.model()
        assert isinstance(model, TaskTableModel), "setModel takes only a TaskTableModel"
        return model

    # Spans and columns

    def _remember_current(self) -> None:
        task = self.task_model().task_at(self.currentIndex().row())
        self._remembered = ((task.id, self.currentIndex().column()) if task is not None and task.id is not None
                            else None)

    def _apply_spans(self) -> None:
        self.clearSpans()
        for row, column, rows, columns in self.task_model().spans():
            self.setSpan(row, column, rows, columns)

    def _model_reset(self) -> None:
        self._apply_spans()
        self._user_sized_columns = False
        self._sized_rows.clear()
        self._next_unsized = 0
        self.fit_columns()
        # The same task stays current when the table is rebuilt around it (an edit, a filter).
        remembered, self._remembered = self._remembered, None
        row = self.task_model().row_of_task(remembered[0]) if remembered else None
        if remembered is not None and row is not None:
            self.setCurrentIndex(self.task_model().index(row, remembered[1]))

    def _column_minimum_chars(self, column: int) -> int:
        model = self.task_model()
        if column in (model.lead_column, model.co_column):
            return OFFICE_MINIMUM_CHARS
        return MINIMUM_CHARS.get(column, YEAR_MINIMUM_CHARS)

    def fit_columns(self) -> None:
        """Share the visible width among the columns by how much text each holds, as the sheet would."""
        model = self.model()
        if self._user_sized_columns or not isinstance(model, TaskTableModel) or not model.columnCount():
            return
        char = QFontMetrics(self.font()).horizontalAdvance("中")
        header_metrics = QFontMetrics(self.horizontalHeader().font())
        minimums, needs, shares = [], [], []
        for column, (longest, mean) in enumerate(model.column_text_lengths()):
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            header_width = header_metrics.horizontalAdvance(title) + CELL_TEXT_PADDING
            minimum = max(header_width, min(self._column_minimum_chars(column), longest) * char + CELL_TEXT_PADDING)
            minimums.append(minimum)
            needs.append(max(minimum, min(longest, USEFUL_CHARS) * char + CELL_TEXT_PADDING))
            shares.append(mean)
        widths = fit_widths(minimums, needs, shares, self.viewport().width())
        self._fitting_columns = True
        try:
            for column, width in enumerate(widths):
                self.setColumnWidth(column, width)
        finally:
            self._fitting_columns = False
        self._forget_row_heights()

    def _column_resized(self, *_args: object) -> None:
        if not self._fitting_columns:
            self._user_sized_columns = True
            self._forget_row_heights()

    # Row heights

    def _forget_row_heights(self) -> None:
        self._sized_rows.clear()
        self._next_unsized = 0
        self.size_visible_rows()
        if self.model() is not None and self.model().rowCount():
            self._background.start()

    def size_visible_rows(self) -> None:
        model = self.model()
        if model is None or not model.rowCount():
            return
        row = max(0, self.rowAt(0))
        bottom = self.viewport().height()
        while row < model.rowCount() and self.rowViewportPosition(row) < bottom:
            self._size_row(row)
            row += 1

    def _size_next_batch(self) -> None:
        model = self.task_model()
        while self._next_unsized < model.rowCount() and self._next_unsized in self._sized_rows:
            self._next_unsized += 1
        pending = [r for r in range(self._next_unsized, min(model.rowCount(), self._next_unsized + BACKGROUND_BATCH))
                   if r not in self._sized_rows]
        if not pending:
            self._background.stop()
            return
        top_row = self.rowAt(0)
        before = self.rowViewportPosition(top_row) if top_row >= 0 else 0
        for row in pending:
            self._size_row(row)
        if top_row >= 0:
            # Rows above the first visible one changed height: keep the visible content where it was.
            shift = self.rowViewportPosition(top_row) - before
            if shift:
                self.updateGeometries()  # Qt refreshes the scroll range only later, and would clamp the value
                bar = self.verticalScrollBar()
                bar.setValue(bar.value() + shift)

    def _size_row(self, row: int) -> None:
        if row in self._sized_rows:
            return
        model = self.task_model()
        if model.is_section_row(row):
            width = sum(self.columnWidth(c) for c in range(model.columnCount()))
            bold = QFont(self.font())
            bold.setBold(True)
            height = self._text_height(model.display_text(row, 0), width, SECTION_MAX_LINES, QFontMetrics(bold))
            self._set_row_height(row, height)
            return
        first, count = model.name_group(row)
        metrics = QFontMetrics(self.font())
        for member in range(first, first + count):
            columns = [c for c in range(model.columnCount()) if not (count > 1 and c == COL_NAME)]
            height = max(self._text_height(model.display_text(member, c), self.columnWidth(c), TASK_MAX_LINES, metrics)
                         for c in columns)
            self._set_row_height(member, height)
        if count > 1:
            name_height = self._text_height(model.display_text(first, COL_NAME), self.columnWidth(COL_NAME),
                                            TASK_MAX_LINES, metrics)
            group_height = sum(self.rowHeight(r) for r in range(first, first + count))
            if name_height > group_height:
                last = first + count - 1
                self.setRowHeight(last, self.rowHeight(last) + name_height - group_height)

    def _text_height(self, text: str, width: int, max_lines: int, metrics: QFontMetrics) -> int:
        """Row height that shows `text` wrapped at `width`, capped at `max_lines` lines.

        Measured on the text itself rather than through the delegate's sizeHint,
        which asks the model for eight roles per cell and made sizing ten times slower.
        """
        line = metrics.lineSpacing()
        lines = 1
        if text:
            text_width = max(1, width - 2 * self._text_margin)
            bounds = metrics.boundingRect(QRect(0, 0, text_width, 1 << 20), Qt.TextFlag.TextWordWrap, text)
            lines = min(max_lines, max(1, -(-bounds.height() // line)))
        return lines * line + 2 * CELL_PADDING

    def _set_row_height(self, row: int, height: int) -> None:
        self._sized_rows.add(row)
        if self.rowHeight(row) != height:
            self.setRowHeight(row, height)

    # Events

    def keyPressEvent(self, event) -> None:
        if not edit_on_enter(self, event):
            super().keyPressEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit_columns()
        else:
            self.size_visible_rows()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        if dy:
            self.size_visible_rows()

    def scroll_to_row(self, row: int, at_top: bool = False) -> None:
        """Make `row` the current row and scroll it into view (to the top of the view if `at_top`).

        Every row above it is sized first: scrolling by pixels to a row whose
        position is still an estimate would land somewhere else.
        """
        model = self.task_model()
        below, filled = row, 0
        while below < model.rowCount() and filled < self.viewport().height():
            self._size_row(below)
            filled += self.rowHeight(below)
            below += 1
        for above in range(row):
            self._size_row(above)
        self.updateGeometries()  # Qt refreshes the scroll range only later, and would clamp the new position
        index = model.index(row, 0)
        self.setCurrentIndex(index)
        hint = QAbstractItemView.ScrollHint.PositionAtTop if at_top else QAbstractItemView.ScrollHint.EnsureVisible
        self.scrollTo(index, hint)
