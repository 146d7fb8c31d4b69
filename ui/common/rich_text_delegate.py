"""Cells that hold a little HTML (a highlighted figure under a text), drawn and sized by QTextDocument."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QSize
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

CELL_WIDTH = 220

AnyIndex = QModelIndex | QPersistentModelIndex


class RichTextDelegate(QStyledItemDelegate):
    """Draws the cell's DisplayRole as HTML, wrapped to the column's width."""

    def _document(self, option: QStyleOptionViewItem, index: AnyIndex, width: int) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setHtml(str(index.data() or ""))
        document.setTextWidth(width)
        return document

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        options = QStyleOptionViewItem(option)
        self.initStyleOption(options, index)
        html_text = options.text
        options.text = ""
        style = options.widget.style() if options.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, options, painter, options.widget)
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, options, options.widget)
        document = QTextDocument()
        document.setDefaultFont(options.font)
        document.setHtml(html_text)
        document.setTextWidth(text_rect.width())
        context = QAbstractTextDocumentLayout.PaintContext()
        if options.state & QStyle.StateFlag.State_Selected:
            context.palette.setColor(QPalette.ColorRole.Text,
                                     options.palette.color(QPalette.ColorRole.HighlightedText))
        painter.save()
        painter.translate(QPointF(text_rect.topLeft()))
        painter.setClipRect(text_rect.translated(-text_rect.topLeft()))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        width = option.rect.width() if option.rect.width() > 0 else CELL_WIDTH
        document = self._document(option, index, width)
        return QSize(int(document.idealWidth()), int(document.size().height()))
