"""The notice as it was read, one paragraph per recognised item, with what was recognised marked.

Each item of the `RecognisedNotice` is one block of the text, in order, so a block's number is
the item's index; a line break inside an item (a table cell with one office a line) is shown as
a line separator so that it does not start a block of its own. The margin on the left names each
paragraph's role; clicking there selects the paragraph, Shift+click extends the selection. The
text cannot be typed into, but the cursor can be placed in it (to split a paragraph) and
paragraphs selected (to join them or give them a role).
"""

from __future__ import annotations

import html

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QPlainTextDocumentLayout, QPlainTextEdit, QToolTip, QWidget

from planner.notices.items import ItemRole, NoticeItem, RecognisedNotice, SpanKind
from ui.importing.notice_marks import (
    ROLE_CHOICES,
    ROLE_COLOURS,
    SPAN_PRIORITY,
    block_style,
    role_label,
    span_style,
)

LINE_SEPARATOR = "\u2028"
# Characters that would end a block, each shown as one line separator: offsets into the text stay as they were.
_BREAKS = {ord(char): LINE_SEPARATOR for char in "\n\r\v\f\u2029"}
GUTTER_PADDING = 6
GUTTER_BACKGROUND = "#F6F6F6"
DOUBTFUL_COLOUR = "#C62828"
DOUBTFUL_STYLE = f"text-decoration:underline;color:{DOUBTFUL_COLOUR}"  # characters OCR read with little confidence


def to_utf16(text: str, index: int) -> int:
    """A Python index into `text` as Qt counts it (characters beyond the BMP take two units)."""
    return index + sum(1 for char in text[:index] if ord(char) > 0xFFFF)


def from_utf16(text: str, offset: int) -> int:
    """A Qt offset into `text` as a Python index."""
    units = 0
    for index, char in enumerate(text):
        if units >= offset:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
    return len(text)


def notice_html(items: tuple[NoticeItem, ...], doubtful: dict[int, tuple] | None = None) -> str:
    """One paragraph per item, its spans coloured, the characters OCR was unsure of (`doubtful`: character
    ranges by item index) underlined in red. Parsed in one go by Qt: a few times faster for a long notice
    than inserting each piece through a cursor, and white-space:pre-wrap keeps the text as it is."""
    paragraphs = []
    doubtful = doubtful or {}
    for index, item in enumerate(items):
        pieces = []
        for text, kind, unsure in _segments(item, doubtful.get(index, ())):
            escaped = html.escape(text.translate(_BREAKS), quote=False)
            style = ";".join(part for part in (span_style(kind) if kind is not None else "",
                                               DOUBTFUL_STYLE if unsure else "") if part)
            pieces.append(f'<span style="{style}">{escaped}</span>' if style else escaped)
        paragraphs.append(f'<p style="{block_style(item.role)}">{"".join(pieces)}</p>')
    return f'<html><body style="white-space:pre-wrap">{"".join(paragraphs)}</body></html>'


def _segments(item: NoticeItem, doubtful: tuple = ()) -> list[tuple[str, SpanKind | None, bool]]:
    """The item's text cut where its spans and its doubtful ranges start and end, each piece with the span kind
    that colours it and whether OCR was unsure of it."""
    text = item.text
    edges = [edge for span in item.spans for edge in (span.start, span.end)]
    edges += [edge for pair in doubtful for edge in pair]
    cuts = sorted({0, len(text), *(max(0, min(len(text), edge)) for edge in edges)})
    pieces = []
    for start, end in zip(cuts, cuts[1:]):
        kinds = [span.kind for span in item.spans if span.start <= start and end <= span.end]
        kind = max(kinds, key=SPAN_PRIORITY.index) if kinds else None
        unsure = any(first <= start and end <= last for first, last in doubtful)
        pieces.append((text[start:end], kind, unsure))
    return pieces


class _Gutter(QWidget):
    def __init__(self, view: NoticeTextView):
        super().__init__(view)
        self.view = view
        self.setMouseTracking(True)

    def sizeHint(self) -> QSize:
        return QSize(self.view.gutter_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        self.view.paint_gutter(self, event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self.view.item_at_y(int(event.position().y()))
        if index is None:
            return
        if event.button() == Qt.MouseButton.LeftButton:
            extend = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self.view.select_items(index, index, extend=extend)
        elif event.button() == Qt.MouseButton.RightButton:
            if index not in self.view.selected_range():
                self.view.select_items(index, index)
            self.view.customContextMenuRequested.emit(self.view.viewport().mapFromGlobal(
                self.mapToGlobal(event.position().toPoint())))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        index = self.view.item_at_y(int(event.position().y()))
        tip = self.view.item_tooltip(index) if index is not None else ""
        QToolTip.showText(self.mapToGlobal(event.position().toPoint()), tip, self)


class NoticeTextView(QPlainTextEdit):
    """Emits `item_changed(index)` when the cursor moves into another item."""

    item_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("noticeText")
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setUndoRedoEnabled(False)
        self._items: tuple[NoticeItem, ...] = ()
        self.confidences: dict[int, float] = {}  # by item index, for items read from a scan
        self._current = -1
        self.gutter = _Gutter(self)
        self.updateRequest.connect(self._scroll_gutter)
        self.cursorPositionChanged.connect(self._cursor_moved)
        self.selectionChanged.connect(self.gutter.update)
        self._fit_gutter()

    # What is shown

    def show_notice(self, recognised: RecognisedNotice | None, keep_scroll: bool = True,
                    doubtful: dict[int, tuple] | None = None) -> None:
        """Lay out every item of `recognised` (None: empty), keeping the scroll position; `doubtful` gives the
        character ranges of items read from a scan that OCR was unsure of."""
        scroll = self.verticalScrollBar().value()
        kept = self.current_item() or 0
        kept_offset = self.textCursor().positionInBlock()
        self._items = recognised.items if recognised is not None else ()
        document = QTextDocument(self)
        document.setDocumentLayout(QPlainTextDocumentLayout(document))
        document.setDefaultFont(self.font())
        document.setUndoRedoEnabled(False)
        if self._items:
            document.setHtml(notice_html(self._items, doubtful))
        if self._items and document.blockCount() != len(self._items):
            # A paragraph per item is what every correction relies on: unmarked text rather than a wrong match.
            document.setPlainText("\n".join(item.text.translate(_BREAKS) for item in self._items))
        old = self.document()
        mine = old.parent() is self  # the text's own first document is the text control's: Qt deletes that one
        self._current = -1
        self.setDocument(document)
        if mine:
            old.deleteLater()
        self._fit_gutter()
        if self._items:
            # The cursor stays on the paragraph it was in, without scrolling there: the view stays where it was.
            block = document.findBlockByNumber(min(kept, len(self._items) - 1))
            cursor = QTextCursor(block)
            cursor.setPosition(block.position() + min(kept_offset, block.length() - 1))
            self.setTextCursor(cursor)
        if keep_scroll:
            self.verticalScrollBar().setValue(scroll)
        self.gutter.update()

    def item_count(self) -> int:
        return len(self._items)

    def item_tooltip(self, index: int) -> str:
        item = self._items[index]
        parts = [role_label(item.role), item.where]
        if item.origin:
            parts.append(item.origin)
        if index in self.confidences:
            parts.append(self.tr("read by OCR with %1 confidence").replace("%1", f"{self.confidences[index]:.0%}"))
        return " · ".join(parts)

    # The cursor and the selection

    def current_item(self) -> int | None:
        if not self._items:
            return None
        return self.textCursor().blockNumber()

    def selected_range(self) -> range:
        """The items the selection touches (the cursor's item when nothing is selected)."""
        if not self._items:
            return range(0)
        cursor = self.textCursor()
        document = self.document()
        first = document.findBlock(cursor.selectionStart())
        last = document.findBlock(cursor.selectionEnd())
        last_number = last.blockNumber()
        if cursor.hasSelection() and last_number > first.blockNumber() and cursor.selectionEnd() == last.position():
            last_number -= 1  # a selection that ends where a paragraph starts does not take that paragraph
        return range(first.blockNumber(), last_number + 1)

    def cursor_offset(self) -> int:
        """Where the cursor stands in its item's text, as a Python index."""
        cursor = self.textCursor()
        index = cursor.blockNumber()
        position = cursor.selectionStart() if cursor.hasSelection() else cursor.position()
        offset = position - cursor.document().findBlock(position).position()
        return from_utf16(self._items[index].text, offset) if 0 <= index < len(self._items) else 0

    def place_cursor(self, index: int, offset: int) -> None:
        """Put the cursor at character `offset` of item `index`, as a click there does."""
        block = self.document().findBlockByNumber(index)
        cursor = QTextCursor(block)
        cursor.setPosition(block.position() + to_utf16(self._items[index].text, offset))
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def select_items(self, first: int, last: int, extend: bool = False) -> None:
        """Select the paragraphs `first` to `last`; with `extend`, from the selection's start as well."""
        if not 0 <= first < len(self._items) or not 0 <= last < len(self._items):
            return
        document = self.document()
        if extend:
            anchor_item = self.selected_range().start
            first, last = min(first, anchor_item), max(last, anchor_item, self.selected_range().stop - 1)
        start, end = document.findBlockByNumber(first), document.findBlockByNumber(last)
        cursor = QTextCursor(document)
        cursor.setPosition(start.position())
        cursor.setPosition(end.position() + end.length() - 1, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def show_item(self, index: int) -> None:
        """Scroll to item `index` and put the cursor at its start."""
        if 0 <= index < len(self._items):
            self.place_cursor(index, 0)
            self.centerCursor()

    def item_rect(self, index: int) -> QRect:
        """Where item `index` is drawn, in the viewport's coordinates."""
        block = self.document().findBlockByNumber(index)
        return self.blockBoundingGeometry(block).translated(self.contentOffset()).toRect()

    def _cursor_moved(self) -> None:
        index = self.current_item()
        if index is not None and index != self._current:
            self._current = index
            self.item_changed.emit(index)

    # The margin with each paragraph's role

    def gutter_width(self) -> int:
        metrics = QFontMetrics(self._gutter_font())
        widest = max(metrics.horizontalAdvance(role_label(role)) for role in ROLE_CHOICES)
        return widest + 4 * GUTTER_PADDING

    def _gutter_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        return font

    def _fit_gutter(self) -> None:
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        area = self.contentsRect()
        self.gutter.setGeometry(QRect(area.left(), area.top(), self.gutter_width(), area.height()))

    def _scroll_gutter(self, rect: QRect, dy: int) -> None:
        if dy:
            self.gutter.scroll(0, dy)
        else:
            self.gutter.update(0, rect.y(), self.gutter.width(), rect.height())

    def item_at_y(self, y: int) -> int | None:
        block = self.firstVisibleBlock()
        top = self.blockBoundingGeometry(block).translated(self.contentOffset()).top()
        while block.isValid():
            bottom = top + self.blockBoundingRect(block).height()
            if top <= y < bottom:
                return block.blockNumber()
            block, top = block.next(), bottom
        return None

    def paint_gutter(self, gutter: QWidget, event: QPaintEvent) -> None:
        painter = QPainter(gutter)
        painter.fillRect(event.rect(), QColor(GUTTER_BACKGROUND))
        font = self._gutter_font()
        painter.setFont(font)
        line = QFontMetrics(font).height() + 2
        block = self.firstVisibleBlock()
        top = self.blockBoundingGeometry(block).translated(self.contentOffset()).top()
        selected = self.selected_range()
        while block.isValid() and top <= event.rect().bottom():
            index = block.blockNumber()
            height = self.blockBoundingRect(block).height()
            if top + height >= event.rect().top() and index < len(self._items):
                self._paint_label(painter, self._items[index].role, int(top), line, index in selected,
                                  gutter.width())
            block, top = block.next(), top + height
        painter.end()

    @staticmethod
    def _paint_label(painter: QPainter, role: ItemRole, top: int, height: int, selected: bool, width: int) -> None:
        background, foreground = ROLE_COLOURS[role]
        box = QRect(GUTTER_PADDING, top + 1, width - 2 * GUTTER_PADDING, height)
        painter.setPen(QColor("#3B6EA5") if selected else Qt.PenStyle.NoPen)
        painter.setBrush(QColor(background))
        painter.drawRoundedRect(box, 3, 3)
        painter.setPen(QColor(foreground))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, role_label(role))

    def context_point(self, index: int) -> QPoint:
        """A point inside item `index`, for a context menu asked for from the keyboard."""
        return self.item_rect(index).topLeft() + QPoint(10, 5)
