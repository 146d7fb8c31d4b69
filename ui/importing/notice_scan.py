"""A scanned notice's page beside its text: the clerk checks what OCR read against the page itself.

For a notice read by OCR (`planner.notices.ocr`) the wizard shows, beside the text, the page
of the paragraph with the cursor, as it was recognised (upright, straightened), with a box
round each of the paragraph's lines coloured by how sure the recognition was of it and its
confidence written beside it. In the text, the characters recognised with little
confidence are underlined in red (`doubtful_ranges`). For a document that was not scanned
the panel stays hidden.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from planner.notices.document import NoticeDocument, OcrReading, Paragraph
from planner.notices.items import NoticeItem

SURE = 0.95  # a line read at least this surely is boxed in green
UNSURE = 0.9  # below this in red, between the two in orange
COLOURS = ((SURE, "#2E7D32"), (UNSURE, "#EF6C00"), (0.0, "#C62828"))
PAGE_WIDTH = 420  # pixels the page is shown at, its height following


def confidence_colour(confidence: float) -> str:
    return next(colour for floor, colour in COLOURS if confidence >= floor)


def percent(confidence: float) -> str:
    return f"{confidence * 100:.0f}%"


def paragraph_of(document: NoticeDocument | None, item: NoticeItem) -> Paragraph | None:
    """The scanned paragraph an item was recognised from, when its text is still that paragraph's."""
    if document is None or not document.page_images:
        return None
    paragraph = document.paragraph_at(item.place)
    if paragraph is None or paragraph.ocr is None:
        return None
    return paragraph


def doubtful_ranges(document: NoticeDocument | None, items: tuple[NoticeItem, ...]) -> dict[int, tuple]:
    """For each item read from a scan, the character ranges of its text recognised with little confidence. Only
    where the item's text still starts with its paragraph's (a split or a conversion moves the characters)."""
    marks: dict[int, tuple] = {}
    for index, item in enumerate(items):
        paragraph = paragraph_of(document, item)
        if paragraph is not None and paragraph.ocr is not None and item.text.startswith(paragraph.full_text):
            offset = len(paragraph.label)
            marks[index] = tuple((start + offset, end + offset) for start, end in paragraph.ocr.doubtful)
    return marks


class ScanPanel(QWidget):
    """The page image of the current paragraph, its lines boxed with their confidence."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("scanPanel")
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)
        self.page = QLabel(self)
        self.page.setObjectName("scanPage")
        self.page.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.page)
        self.scroller = scroll
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(scroll, 1)
        self.document: NoticeDocument | None = None
        self.shown_page: int | None = None
        self.shown_lines: list[float] = []  # the confidences of the lines boxed on the page
        self._images: dict[int, QImage] = {}
        self.hide()

    def show_document(self, document: NoticeDocument | None) -> None:
        self.document = document
        self._images = {}
        self.shown_page, self.shown_lines = None, []
        self.setVisible(bool(document is not None and document.page_images))
        self.page.clear()
        self.caption.clear()

    def _image(self, number: int) -> QImage | None:
        if number not in self._images and self.document is not None:
            stored = self.document.page_image(number)
            if stored is None:
                return None
            self._images[number] = QImage.fromData(stored.data)
        return self._images.get(number)

    def show_item(self, item: NoticeItem) -> None:
        """The page of `item` with the lines of its paragraph boxed; the caption gives their confidence."""
        if self.document is None or not self.document.page_images:
            return
        paragraph = paragraph_of(self.document, item)
        number = item.place.page or 1
        image = self._image(number)
        if image is None or image.isNull():
            self.caption.setText(self.tr("Page %1 of the scan could not be shown.").replace("%1", str(number)))
            return
        reading = paragraph.ocr if paragraph is not None else None
        self.shown_page = number
        self.shown_lines = [line.confidence for line in reading.lines] if reading is not None else []
        self.page.setPixmap(self._drawn(image, reading))
        if reading is None:
            self.caption.setText(self.tr("Page %1 of the scan.").replace("%1", str(number)))
            return
        doubtful = sum(end - start for start, end in reading.doubtful)
        text = self.tr("Page %1 of the scan: this paragraph's %2 line(s) read with %3 to %4 confidence.") \
            .replace("%1", str(number)).replace("%2", str(len(reading.lines))) \
            .replace("%3", percent(reading.confidence)).replace("%4", percent(max(self.shown_lines)))
        if doubtful:
            text += " " + self.tr("%1 character(s) underlined in red were hard to read: check them against the "
                                  "page.").replace("%1", str(doubtful))
        self.caption.setText(text)

    def _drawn(self, image: QImage, reading: OcrReading | None) -> QPixmap:
        pixmap = QPixmap.fromImage(image.scaledToWidth(PAGE_WIDTH, Qt.TransformationMode.SmoothTransformation))
        if reading is None:
            return pixmap
        painter = QPainter(pixmap)
        font = QFont(self.font())
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.75))
        painter.setFont(font)
        width, height = pixmap.width(), pixmap.height()
        first_top = None
        for line in reading.lines:
            left, top, right, bottom = line.box
            rect = QRectF(left * width - 2, top * height - 2, (right - left) * width + 4, (bottom - top) * height + 4)
            colour = QColor(confidence_colour(line.confidence))
            painter.setPen(QPen(colour, 1.5))
            painter.drawRect(rect)
            painter.drawText(QRectF(max(0.0, rect.left() - 38), rect.top(), 36, rect.height()),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, percent(line.confidence))
            first_top = rect.top() if first_top is None else first_top
        painter.end()
        if first_top is not None:
            self.scroller.verticalScrollBar().setValue(max(0, int(first_top) - 40))
        return pixmap
