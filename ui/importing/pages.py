"""The pages of the import wizard; each asks the wizard's background worker for the slow parts."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from planner.plans.importing import ImportResult, preview_import
from planner.sheets.breakdown import attach_breakdown, read_breakdown
from planner.sheets.detection import manual_mapping
from planner.sheets.errors import MergedHeaderError, NoHeaderError
from planner.sheets.issues import Issue
from planner.sheets.readers import read_workbook
from ui.common.file_dialogs import open_file_name
from ui.common.recent_files import remember_recent
from ui.importing.mapping import MappingTable
from ui.importing.preview import ImportPreviewModel
from ui.importing.preview_table import PreviewTable

if TYPE_CHECKING:
    from ui.importing.wizard import ImportWizard

SPREADSHEET_PATTERNS = "*.xlsx *.xlsm *.xls *.ods *.csv *.tsv *.txt"
ERROR_STYLE = "color: #C62828;"
MAX_LISTED_ISSUES = 2000


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _show(label: QLabel, text: str, error: bool = False) -> None:
    label.setStyleSheet(ERROR_STYLE if error else "")
    label.setText(text)


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__(wizard)
        self.wizard_ = wizard
        self.setTitle(self.tr("Choose the table"))
        self.setSubTitle(self.tr("The appendix workbook of the notice: xlsx, xls, ods or csv."))
        self.path_edit = QLineEdit(self)
        self.path_edit.setPlaceholderText(self.tr("Path of the file, or drop a file onto the main window"))
        self.path_edit.editingFinished.connect(lambda: self.load(self.path_edit.text()))
        browse = QPushButton(self.tr("&Browse…"), self)
        browse.clicked.connect(self._browse)
        self.sheet_box = QComboBox(self)
        self.sheet_box.currentTextChanged.connect(self._sheet_chosen)
        self.status = _error_label(self)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        form = QFormLayout(self)
        form.addRow(self.tr("&File:"), row)
        form.addRow(self.tr("&Sheet:"), self.sheet_box)
        form.addRow(self.status)
        self._loaded_path: str | None = None
        self._loading = False

    def _browse(self) -> None:
        path = open_file_name(self, self.tr("Import a table"),
                              self.tr("Spreadsheets (%1);;All files (*)").replace("%1", SPREADSHEET_PATTERNS),
                              self.path_edit.text())
        if path:
            self.load(path)

    def load(self, path: str) -> None:
        path = path.strip()
        if not path or path == self._loaded_path:
            return
        self._loaded_path = path
        self.path_edit.setText(path)
        self.wizard_.workbook = None
        self.sheet_box.clear()
        self._loading = True
        _show(self.status, self.tr("Reading %1…").replace("%1", Path(path).name))
        self.completeChanged.emit()
        self.wizard_.runner.start(lambda _progress: read_workbook(path), label=self.tr("Reading the file…"),
                                  parent=self.wizard_, on_success=self._read, on_failure=self._refused)

    def _read(self, workbook) -> None:
        self._loading = False
        if self._loaded_path:
            remember_recent(self._loaded_path)
        self.wizard_.workbook = workbook
        self.sheet_box.addItems(workbook.sheet_names)
        size_kb = max(1, round(workbook.size / 1024))
        _show(self.status, self.tr("%1: %2 sheet(s), %3 KB.").replace("%1", workbook.file_name)
              .replace("%2", str(len(workbook.sheet_names))).replace("%3", str(size_kb)))
        self.completeChanged.emit()

    def _refused(self, message: str) -> None:
        self._loading = False
        self._loaded_path = None
        _show(self.status, message, error=True)
        self.completeChanged.emit()

    def _sheet_chosen(self, name: str) -> None:
        self.wizard_.sheet = name or None
        self.wizard_.preview = None

    def isComplete(self) -> bool:
        return not self._loading and self.wizard_.workbook is not None and self.sheet_box.count() > 0


class MappingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__(wizard)
        self.wizard_ = wizard
        self.setTitle(self.tr("What each column means"))
        self.setSubTitle(self.tr("Check how each column was understood and correct it where needed."))
        self.header_label = QLabel(self)
        self.status = _error_label(self)
        self.table = MappingTable(self)
        self.table.mapping_changed.connect(self._mapping_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header_label)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        self._busy = False
        self._grid = None
        self._detected_for: tuple[int, str | None] | None = None

    def initializePage(self) -> None:
        wizard = self.wizard_
        workbook, sheet = wizard.workbook, wizard.sheet
        assert workbook is not None, "the file page reads the workbook before the wizard moves on"
        if self._detected_for == (id(workbook), sheet):
            return  # back from the preview: keep the user's corrections
        self._detected_for = (id(workbook), sheet)
        self._grid = None
        self._busy = True
        self.table.setRowCount(0)
        _show(self.status, self.tr("Detecting the header and the columns…"))

        def detect(progress):
            grid = workbook.sheet(sheet)
            try:
                return grid, preview_import(workbook, sheet, progress=progress), ""
            except (NoHeaderError, MergedHeaderError) as exc:
                return grid, None, str(exc)

        wizard.runner.start(detect, label=self.tr("Reading the sheet…"), parent=wizard,
                            on_success=self._detected, on_failure=self._refused)

    def _detected(self, found) -> None:
        grid, preview, problem = found
        self._busy = False
        self._grid = grid
        if preview is not None:
            self.wizard_.preview = preview
            mapping = preview.mapping
            _show(self.status, "")
        else:
            mapping = manual_mapping(grid, 0)
            _show(self.status, problem + "\n" + self.tr("Set the meaning of each column by hand."), error=True)
        first, last = mapping.header_first_row + 1, mapping.header_last_row + 1
        rows = str(first) if first == last else f"{first}–{last}"
        self.header_label.setText(self.tr("Header row(s): %1 of sheet “%2”.").replace("%1", rows)
                                  .replace("%2", grid.name))
        self.table.set_mapping(grid, mapping)
        self.completeChanged.emit()

    def _refused(self, message: str) -> None:
        self._busy = False
        self._detected_for = None
        _show(self.status, message, error=True)
        self.completeChanged.emit()

    def _mapping_changed(self) -> None:
        self.wizard_.preview = None  # the preview must be made again with the corrected columns
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not self._busy and self._grid is not None and self.table.rowCount() > 0

    def mapping(self):
        return self.table.mapping()


class PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__(wizard)
        self.wizard_ = wizard
        self.setTitle(self.tr("Preview"))
        self.setSubTitle(self.tr("How the rows will be imported. Nothing is written before you press Import."))
        self.setCommitPage(True)
        self.title_edit = QLineEdit(self)
        self.title_edit.textChanged.connect(lambda _text: self.completeChanged.emit())
        self.counts = QLabel(self)
        self.status = _error_label(self)
        self.model = ImportPreviewModel(self)
        self.table = PreviewTable(self)
        self.table.setModel(self.model)
        self.issues = QListWidget(self)
        self.issues.itemActivated.connect(self._issue_activated)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        self.issues_box = self._issues_box()
        splitter.addWidget(self.issues_box)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([500, 90])
        form = QFormLayout()
        form.addRow(self.tr("Plan &title:"), self.title_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.counts)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)
        layout.addWidget(self._breakdown_box())
        self._busy = False
        self._committed = False

    def _issues_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Warnings"), self)
        QVBoxLayout(box).addWidget(self.issues)
        return box

    def _breakdown_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Per-office breakdown sheet (optional)"), self)
        self.breakdown_sheet = QComboBox(box)
        self.breakdown_task = QComboBox(box)
        self.attach_button = QPushButton(self.tr("&Attach"), box)
        self.attach_button.clicked.connect(self.attach_breakdown)
        row = QHBoxLayout(box)
        row.addWidget(QLabel(self.tr("Sheet:"), box))
        row.addWidget(self.breakdown_sheet)
        row.addWidget(QLabel(self.tr("to task:"), box))
        row.addWidget(self.breakdown_task, 1)
        row.addWidget(self.attach_button)
        return box

    def initializePage(self) -> None:
        wizard = self.wizard_
        self._committed = False
        if wizard.preview is not None:
            self._show_preview(wizard.preview)
            return
        workbook, sheet, mapping = wizard.workbook, wizard.sheet, wizard.mapping_page.mapping()
        assert workbook is not None, "the file page reads the workbook before the wizard moves on"
        self._busy = True
        self.model.set_preview(None)
        _show(self.status, self.tr("Reading the rows…"))
        self.completeChanged.emit()
        wizard.runner.start(lambda progress: preview_import(workbook, sheet, mapping, progress),
                            label=self.tr("Reading the rows…"), parent=wizard,
                            on_success=self._show_preview, on_failure=self._refused)

    def _show_preview(self, preview) -> None:
        self._busy = False
        self.wizard_.preview = preview
        self.title_edit.setText(preview.plan.title)
        counts = preview.counts
        self.counts.setText(self.tr("%1 sections, %2 tasks, %3 targets, %4 offices; years %5–%6.")
                            .replace("%1", str(counts.sections)).replace("%2", str(counts.tasks))
                            .replace("%3", str(counts.targets)).replace("%4", str(counts.offices))
                            .replace("%5", str(preview.plan.first_year)).replace("%6", str(preview.plan.last_year)))
        _show(self.status, "" if counts.tasks else self.tr("No task rows were found below the header."),
              error=not counts.tasks)
        self.model.set_preview(preview)
        self._fit_columns()
        self._list_issues(preview.issues)
        self.breakdown_sheet.clear()
        self.breakdown_sheet.addItems([name for name in preview.workbook.sheet_names if name != preview.sheet])
        self.breakdown_task.clear()
        for index, task in enumerate(preview.plan.tasks):
            self.breakdown_task.addItem(f"{task.seq} {task.name}".strip(), index)
        self.attach_button.setEnabled(self.breakdown_sheet.count() > 0 and bool(preview.plan.tasks))
        self.completeChanged.emit()

    def _fit_columns(self) -> None:
        self.table.fit()

    def _list_issues(self, issues: list[Issue]) -> None:
        """The warnings, or, when there are none, no empty box: the counts line says so instead."""
        self.issues.clear()
        self.issues_box.setVisible(bool(issues))
        if not issues:
            self.counts.setText(self.counts.text() + " " + self.tr("No warnings."))
        for issue in issues[:MAX_LISTED_ISSUES]:
            item = QListWidgetItem(str(issue), self.issues)
            item.setData(Qt.ItemDataRole.UserRole, issue.row)
        if len(issues) > MAX_LISTED_ISSUES:
            self.issues.addItem(self.tr("… and %1 more").replace("%1", str(len(issues) - MAX_LISTED_ISSUES)))

    def _issue_activated(self, item: QListWidgetItem) -> None:
        sheet_row = item.data(Qt.ItemDataRole.UserRole)
        preview = self.wizard_.preview
        if preview is None or sheet_row is None or sheet_row not in preview.task_rows:
            return
        row = preview.task_rows.index(sheet_row)
        if row < self.model.task_count():
            self.table.selectRow(row)

    def _refused(self, message: str) -> None:
        self._busy = False
        _show(self.status, message, error=True)
        self.completeChanged.emit()

    def attach_breakdown(self) -> None:
        preview = self.wizard_.preview
        sheet, task_index = self.breakdown_sheet.currentText(), self.breakdown_task.currentData()
        if preview is None or not sheet or task_index is None:
            return
        workbook = preview.workbook

        def attach(breakdown: dict[int, dict[str, str]]) -> None:
            found = attach_breakdown(preview.plan, task_index, breakdown, sheet)
            if not found:
                found = [Issue(sheet, None, None, self.tr("The breakdown of “%1” adds up to the plan-wide target.")
                               .replace("%1", preview.plan.tasks[task_index].name))]
            preview.issues = [*found, *preview.issues]
            self._show_preview(preview)

        self.wizard_.runner.start(lambda _progress: read_breakdown(workbook.sheet(sheet)),
                                  label=self.tr("Reading the breakdown…"), parent=self.wizard_,
                                  on_success=attach, on_failure=lambda message: _show(self.status, message, True))

    def isComplete(self) -> bool:
        preview = self.wizard_.preview
        return (not self._busy and preview is not None and bool(preview.plan.tasks)
                and bool(self.title_edit.text().strip()))

    def validatePage(self) -> bool:
        if self._committed:
            return True
        if self._busy:
            return False
        choice = self.wizard_.duplicate_choice()
        if choice is None:
            return False
        preview = self.wizard_.preview
        assert preview is not None, "the page is complete only with a preview"
        preview.plan.title = self.title_edit.text().strip()
        self._busy = True
        self.completeChanged.emit()
        self.wizard_.commit(choice, self._committed_import, self._refused)
        return False

    def _committed_import(self, result: ImportResult) -> None:
        self._busy = False
        self._committed = True
        self.wizard_.finished_import(result)
        self.wizard_.next()


class DonePage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__(wizard)
        self.wizard_ = wizard
        self.setTitle(self.tr("Imported"))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        QVBoxLayout(self).addWidget(self.summary)

    def initializePage(self) -> None:
        result = self.wizard_.import_result
        if result is None:
            return
        counts = result.counts
        text = (self.tr("Imported as plan %1: %2 — %3 tasks, %4 targets.")
                .replace("%1", str(result.plan_id)).replace("%2", result.preview.plan.title)
                .replace("%3", str(counts.tasks)).replace("%4", str(counts.targets)))
        if result.replaced_plan_id:
            text += "\n" + self.tr("The plan imported earlier from this file (%1) was replaced.").replace(
                "%1", str(result.replaced_plan_id))
        self.summary.setText(text)
