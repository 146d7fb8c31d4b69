"""报表: choose a report and its filters, preview it page by page, print it or save the PDF.

The PDF is made by planner.documents on a background worker, into a temporary file
that the preview (QtPdf) shows; a newer choice makes a newer file, and a result
that arrives after the user has changed the options again is dropped. Printing
renders the pages at the printer's resolution (ui.documents.printing), also off the GUI
thread. Save as copies the file that is on screen, so what is saved is what was
previewed.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QTimer, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from planner.documents import ReportResult, build_report
from planner.documents.fonts import FANGSONG, HEI, KAI, SONG, TITLE
from planner.domain.errors import NotFoundError, PlannerError
from planner.domain.plan_periods import opening_period
from planner.system.atomic_save import save_atomically
from ui.common.jobs import Job, JobRunner
from ui.common.save_paths import ask_save_path
from ui.context import WindowContext
from ui.documents.fonts import DocumentFontsDialog, load_font_choice
from ui.documents.options import DocumentOptions
from ui.documents.printing import print_pdf

REGENERATE_DELAY_MS = 400  # typing in the signature fields should not start a report per key
DEFAULT_SIZE = (1250, 860)
ERROR_STYLE = "color: #C62828;"


def _with_pdf_suffix(path: Path) -> Path:
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


def _file_name(title: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", title).strip("_")[:80] or "report"


class DocumentDialog(QDialog):
    """Emits `generated(ReportResult)` when a new preview is on screen and `printed(pages)` after printing."""

    generated = Signal(object)
    printed = Signal(int)

    def __init__(self, context: WindowContext, kind: str = "quarterly", filters: dict | None = None,
                 parent: QWidget | None = None):
        """A report of the context's plan, for its period (when that has returns, else the latest period with
        returns) and office, with the task table's `filters`."""
        super().__init__(parent)
        self.setObjectName("reportDialog")
        plan = context.plan
        if plan is None:
            raise NotFoundError("没有打开的计划。")
        store = self._store = context.store
        self._context = context
        # Its own worker: a preview being made never holds up the window's imports and collections.
        self._runner = JobRunner(self)
        self._generation = 0
        self._folder = Path(tempfile.mkdtemp(prefix="planner-report-"))
        self._result: ReportResult | None = None
        self._job: Job | None = None
        self._save_dir = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
                              or Path.home())
        self.setWindowTitle(self.tr("Reports — %1").replace("%1", plan.title))
        self.options = DocumentOptions.for_plan(store.conn, plan, self)
        # The window's period when it has returns, else the latest that has: never a report of zeros by default.
        reported = context.source.reported_periods(plan.stored_id)
        period = opening_period(plan, context.period_code, date.today(), reported)
        self.options.set_choice(kind, period, context.office, **(filters or {}))
        self._build()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.regenerate)
        self.options.changed.connect(lambda: self._timer.start(REGENERATE_DELAY_MS))
        available = self.screen().availableGeometry()
        self.resize(min(DEFAULT_SIZE[0], int(available.width() * 0.95)),
                    min(DEFAULT_SIZE[1], int(available.height() * 0.9)))
        self.regenerate()

    def _build(self) -> None:
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("reportPreview")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.pageNavigator().currentPageChanged.connect(lambda _page: self._show_page_label())

        self.fonts_button = QPushButton(self.tr("&Fonts…"), self)
        self.fonts_button.clicked.connect(self.choose_fonts)
        self.refresh_button = QPushButton(self.tr("&Update preview"), self)
        self.refresh_button.clicked.connect(lambda: self.regenerate())
        self.state_label = QLabel(self)
        self.state_label.setObjectName("reportState")
        self.state_label.setWordWrap(True)
        self.fonts_label = QLabel(self)
        self.fonts_label.setObjectName("reportFonts")
        self.fonts_label.setWordWrap(True)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.options)
        left_layout.addWidget(self.fonts_button)
        left_layout.addWidget(self.refresh_button)
        left_layout.addWidget(self.state_label)
        left_layout.addWidget(self.fonts_label)
        left_layout.addStretch(1)

        self.page_label = QLabel(self)
        self.page_label.setObjectName("reportPages")
        self.fit_width_button = QPushButton(self.tr("Fit &width"), self)
        self.fit_width_button.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        self.fit_page_button = QPushButton(self.tr("Whole pa&ge"), self)
        self.fit_page_button.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitInView))
        preview_bar = QHBoxLayout()
        preview_bar.addWidget(self.page_label, 1)
        preview_bar.addWidget(self.fit_width_button)
        preview_bar.addWidget(self.fit_page_button)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(preview_bar)
        right_layout.addWidget(self.view, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([330, 920])

        self.print_button = QPushButton(self.tr("&Print…"), self)
        self.print_button.setObjectName("printReport")
        self.print_button.clicked.connect(lambda: self.print_report())
        self.save_button = QPushButton(self.tr("&Save as PDF…"), self)
        self.save_button.setObjectName("saveReport")
        self.save_button.clicked.connect(lambda: self.save_as())
        close_button = QPushButton(self.tr("Close"), self)
        close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.print_button, self.save_button, close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self._set_ready(False)

    # Generating

    def shown_result(self) -> ReportResult | None:
        """The report on screen (None until the first one arrives). Not `result()`, which is QDialog's
        result code."""
        return self._result

    def busy(self) -> bool:
        return self._runner.busy()

    def regenerate(self) -> None:
        """Make the report for the options now chosen; the last choice wins."""
        self._timer.stop()
        self._generation += 1
        generation = self._generation
        request = self.options.request(load_font_choice(), self._context.settings.lead_only)
        target = self._folder / f"report-{generation}.pdf"
        conn = self._store.conn
        self.state_label.setStyleSheet("")
        self.state_label.setText(self.tr("Preparing the report…"))
        if self._job is not None and self._job.running:
            self._job.cancel()  # its result would be dropped anyway
        self._job = self._runner.start(lambda progress: (generation, build_report(conn, request, target, progress)),
                           label=self.tr("Preparing the report…"), parent=self,
                           on_success=self._generated, on_failure=self._failed)

    def _generated(self, answer: tuple[int, ReportResult]) -> None:
        generation, result = answer
        if generation != self._generation:
            result.path.unlink(missing_ok=True)
            return
        previous = self._result
        self.document.load(str(result.path))
        self._result = result
        if previous is not None and previous.path != result.path:
            previous.path.unlink(missing_ok=True)
        self.state_label.setText(self.tr("%1 pages").replace("%1", str(result.pages)))
        self.fonts_label.setText(self.fonts_used(result))
        self._set_ready(True)
        self._show_page_label()
        self.generated.emit(result)

    def _failed(self, message: str) -> None:
        self.state_label.setStyleSheet(ERROR_STYLE)
        self.state_label.setText(message)
        if self._result is None:
            self._set_ready(False)

    def _set_ready(self, ready: bool) -> None:
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)

    def _show_page_label(self) -> None:
        count = self.document.pageCount()
        if not count:
            self.page_label.setText("")
            return
        current = self.view.pageNavigator().currentPage() + 1
        self.page_label.setText(self.tr("Page %1 of %2").replace("%1", str(current)).replace("%2", str(count)))

    def fonts_used(self, result: ReportResult) -> str:
        """The font each role of the report on screen was set in, one role a line."""
        labels = {TITLE: self.tr("Title"), FANGSONG: self.tr("Body text"), HEI: self.tr("Level-1 headings"),
                  KAI: self.tr("Level-2 headings"), SONG: self.tr("Tables and page numbers")}
        lines = [self.tr("Fonts used:")]
        for role, label in labels.items():
            family = result.families.get(role, "")
            if role in result.imitated_bold:
                family = self.tr("%1, drawn heavier").replace("%1", family)
            lines.append(self.tr("%1: %2").replace("%1", label).replace("%2", family))
        return "\n".join(lines)

    def choose_fonts(self) -> None:
        dialog = DocumentFontsDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.regenerate()

    # Printing and saving

    def print_report(self, printer: QPrinter | None = None) -> bool:
        """Print through the system print dialog; with `printer` given, print on it without asking."""
        if self._result is None:
            return False
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setDocName(self._result.title)
            dialog = QPrintDialog(printer, self)
            dialog.setMinMax(1, max(1, self._result.pages))
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
        path = self._result.path
        self._printer = printer  # kept alive until the job has painted its last page
        self._runner.start(lambda progress: print_pdf(path, printer, progress), label=self.tr("Printing…"),
                           parent=self, on_success=self.printed.emit, on_failure=self._print_failed)
        return True

    def _print_failed(self, message: str) -> None:
        QMessageBox.warning(self, self.windowTitle(), message)

    def save_as(self, path: str | Path | None = None) -> Path | None:
        """Save the report on screen as a PDF; asks where unless `path` is given."""
        if self._result is None:
            return None
        if path is None:
            suggested = str(self._save_dir / f"{_file_name(self._result.title)}.pdf")
            chosen = ask_save_path(self, self.tr("Save report"), suggested, self.tr("PDF files (*.pdf)"),
                                   lambda chosen_path, _filter: _with_pdf_suffix(chosen_path))
            if chosen is None:
                return None
            path = chosen[0]
        target = _with_pdf_suffix(Path(path))
        source = self._result.path
        try:
            # Through save_atomically, as every output: checked against the database and its backups, and
            # never half a copy under the chosen name.
            def copy(temporary: str) -> None:
                shutil.copyfile(source, temporary)

            save_atomically(target, copy)
        except (OSError, PlannerError) as exc:
            QMessageBox.warning(self, self.windowTitle(),
                                self.tr("The report could not be saved: %1").replace("%1", str(exc)))
            return None
        self._save_dir = target.parent
        self.state_label.setText(self.tr("Saved: %1").replace("%1", str(target)))
        return target

    def done(self, result: int) -> None:
        self._timer.stop()
        if self._job is not None and self._job.running:
            self._job.cancel()
        self._runner.wait()
        self.document.close()
        shutil.rmtree(self._folder, ignore_errors=True)
        super().done(result)
