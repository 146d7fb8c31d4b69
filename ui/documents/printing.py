"""Printing a report: its PDF pages rendered to images at the printer's resolution and painted page by page.

It runs as a background job: the job opens its own QPdfDocument on the report's
file (pdfium calls are serialised by QtPdf), and QPainter may paint on a QPrinter
outside the GUI thread. Landscape pages switch the printer's orientation for that
page, so a turned table prints on the sheet the way it reads on screen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRect, QSize
from PySide6.QtGui import QPageLayout, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from planner.domain.errors import PlannerError

# A4 at 600 dpi is a 140 MB image; above that an office printer gains nothing a reader could see.
MAX_PRINT_DPI = 600


def pages_to_print(printer: QPrinter, page_count: int) -> list[int]:
    """The 0-based pages the print dialog asked for (all of them when no range was chosen)."""
    first, last = printer.fromPage(), printer.toPage()
    if first <= 0 or last <= 0:
        return list(range(page_count))
    return list(range(max(first, 1) - 1, min(last, page_count)))


def print_pdf(path: str | Path, printer: QPrinter, progress=None) -> int:
    """Print the PDF at `path` on `printer`; returns the number of pages sent."""
    document = QPdfDocument()  # no parent: it lives on the worker thread for this one job
    if document.load(str(path)) != QPdfDocument.Error.None_:
        message = QCoreApplication.translate("DocumentPrinting", "The report file cannot be read: %1")
        raise PlannerError(message.replace("%1", str(path)))
    pages = pages_to_print(printer, document.pageCount())
    printer.setFullPage(True)  # the page images carry their own margins: paint on the whole sheet
    painter: QPainter | None = None
    try:
        for number, page in enumerate(pages):
            size = document.pagePointSize(page)
            orientation = (QPageLayout.Orientation.Landscape if size.width() > size.height()
                           else QPageLayout.Orientation.Portrait)
            printer.setPageOrientation(orientation)
            if painter is None:
                painter = QPainter()
                if not painter.begin(printer):
                    raise PlannerError(QCoreApplication.translate(
                        "DocumentPrinting", "Printing cannot start: the printer is not available."))
            elif not printer.newPage():
                raise PlannerError(QCoreApplication.translate("DocumentPrinting", "The printer refused a new page."))
            dpi = min(printer.resolution(), MAX_PRINT_DPI)
            image = document.render(page, QSize(round(size.width() / 72 * dpi), round(size.height() / 72 * dpi)))
            target: QRect = printer.pageLayout().fullRectPixels(printer.resolution())
            painter.drawImage(target, image)
            if progress is not None:
                progress(number + 1, len(pages))
    finally:
        if painter is not None:
            painter.end()
        document.close()
    return len(pages)
