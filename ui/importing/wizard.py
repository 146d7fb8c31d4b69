"""文件 → 导入表格: file and sheet → how each column was understood → parsed preview → import.

Reading, detecting and writing run on the window's background worker; the pages
only show results and collect the user's corrections. Nothing reaches the
database before the user presses 导入, and the import is one transaction.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget, QWizard

from planner.plans.importing import ImportPreview, ImportResult, OnDuplicate, commit_preview
from planner.sheets.readers import Workbook
from ui.context import WindowContext
from ui.importing.duplicate_question import ask_on_duplicate
from ui.importing.pages import DonePage, FilePage, MappingPage, PreviewPage

MIN_SIZE = (980, 640)
DEFAULT_SIZE = (1280, 900)  # room for a dozen preview rows; smaller screens get 90 % of theirs


class ImportWizard(QWizard):
    """Emits `imported(plan_id)` once the plan is in the database."""

    imported = Signal(int)

    def __init__(self, context: WindowContext, path: str | Path | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("importWizard")
        self.setWindowTitle(self.tr("Import a table"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setMinimumSize(*MIN_SIZE)
        available = self.screen().availableGeometry()
        self.resize(max(MIN_SIZE[0], min(DEFAULT_SIZE[0], int(available.width() * 0.9))),
                    max(MIN_SIZE[1], min(DEFAULT_SIZE[1], int(available.height() * 0.9))))
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Import"))
        self.context = context
        self.store = context.store
        self.runner = context.runner
        self.workbook: Workbook | None = None
        self.sheet: str | None = None
        self.preview: ImportPreview | None = None
        self.import_result: ImportResult | None = None
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.done_page = DonePage(self)
        for page in (self.file_page, self.mapping_page, self.preview_page, self.done_page):
            self.addPage(page)
        if path is not None:
            self.file_page.load(str(path))

    def duplicate_choice(self) -> OnDuplicate | None:
        """Ask what to do when this content was imported before; None when the user cancels."""
        assert self.preview is not None, "asked when the preview page imports what it shows"
        return ask_on_duplicate(self, self.store.conn, self.preview.workbook.sha256)

    def commit(self, on_duplicate: OnDuplicate, on_done, on_failure) -> None:
        preview, store = self.preview, self.store
        assert preview is not None, "the preview page imports what it shows"
        self.runner.start(lambda progress: commit_preview(store, preview, on_duplicate, progress),
                          label=self.tr("Importing…"), parent=self, on_success=on_done, on_failure=on_failure)

    def finished_import(self, result: ImportResult) -> None:
        self.import_result = result
        self.imported.emit(result.plan_id)

    def reject(self) -> None:
        if self.runner.busy():
            return  # the running job's own progress dialog offers 取消
        super().reject()
