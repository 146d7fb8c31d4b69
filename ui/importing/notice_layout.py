"""The widgets of the notice wizard and how they show a `NoticePreview`; the wizard itself decides what they do.

Across the top: the notice's name and format, and the choices that recognise it again. On the
left: what the selected paragraph is, the correction buttons, the notice's text with its marks
and the legend. On the right: the particulars (editable), the counts, the plan as the task table
and the warnings. Along the bottom: what went wrong, if anything, and 导入.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner.notices.importing import NoticePreview
from planner.notices.items import ItemRole, NoticeItem
from ui.common.rich_text_delegate import RichTextDelegate
from ui.importing.notice_actions import NoticeActions
from ui.importing.notice_marks import ROLE_CHOICES, legend, role_label
from ui.importing.notice_plan import COL_CONTENT, COL_NAME, COL_ORIGIN, COL_SEQ, FIRST_YEAR_COLUMN, NoticePlanModel
from ui.importing.notice_scan import ScanPanel, doubtful_ranges, paragraph_of
from ui.importing.notice_settings import RecognitionBar
from ui.importing.notice_source import NoticeSource
from ui.importing.notice_text import NoticeTextView

ERROR_STYLE = "color: #C62828;"
DEFAULT_SIZE = (1440, 880)
MIN_SIZE = (1060, 640)
SPLITTER_SIZES = (560, 880)
PLAN_SPLITTER_SIZES = (680, 90)
COLUMN_WIDTHS = {COL_SEQ: 44, COL_ORIGIN: 104, COL_NAME: 170, COL_CONTENT: 210}
YEAR_COLUMN_WIDTH = 140
OFFICE_COLUMN_WIDTHS = (120, 170)
MAX_FITTED_ROWS = 400  # beyond this, rows keep one height: measuring each would hold the window up
MAX_LISTED_ISSUES = 500
MAX_ROW_LINES = 4


def _kind_label(kind: str) -> str:
    translate = QCoreApplication.translate
    labels = {"txt": translate("NoticeLayout", "text file"), "pasted": translate("NoticeLayout", "pasted text"),
              "docx": translate("NoticeLayout", "Word document"), "doc": translate("NoticeLayout", "Word 97-2003"),
              "wps": translate("NoticeLayout", "WPS document"), "rtf": "RTF", "odt": "OpenDocument",
              "pdf": "PDF", "image": translate("NoticeLayout", "picture, read by OCR"),
              "html": translate("NoticeLayout", "web page"),
              "mhtml": translate("NoticeLayout", "web page (single file)")}
    return labels.get(kind, kind)


class NoticeLayout(QObject):
    plan_item_chosen = Signal(int)  # a row of the plan was selected: the item behind it
    plan_task_activated = Signal(int)  # a task row was double-clicked
    issue_chosen = Signal(int)  # a warning was activated: the item it is about
    detail_edited = Signal(str, str)  # field (title, doc_no, issuer, issue_date), text

    def __init__(self, dialog: QDialog, actions: NoticeActions):
        super().__init__(dialog)
        self.dialog = dialog
        self.actions = actions
        self._syncing = False
        self.source_label = QLabel(dialog)
        self.source_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = QLabel(dialog)
        self.open_button = QPushButton(self.tr("&Open another file…"), dialog)
        self.recognition = RecognitionBar(dialog)
        self.text = NoticeTextView(dialog)
        self.scan = ScanPanel(dialog)
        self.role_box = QComboBox(dialog)
        self.role_box.setObjectName("roleBox")
        for role in ROLE_CHOICES:
            self.role_box.addItem(role_label(role), role.value)  # Qt keeps a str enum as its value
        self.model = NoticePlanModel(dialog)
        self.table = self._plan_table(dialog)
        self.issues = QListWidget(dialog)
        self.issues.setWordWrap(True)
        self.issues.itemActivated.connect(self._issue_activated)
        self.issues.itemClicked.connect(self._issue_activated)
        self.detail_edits = {field: QLineEdit(dialog) for field in ("title", "doc_no", "issuer", "issue_date")}
        for field, edit in self.detail_edits.items():
            edit.setObjectName(f"{field}Edit")
            edit.editingFinished.connect(lambda field=field, edit=edit: self._detail_finished(field, edit))
        self.counts = QLabel(dialog)
        self.status = QLabel(dialog)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.import_button = QPushButton(self.tr("&Import"), dialog)
        self.cancel_button = QPushButton(self.tr("Cancel"), dialog)
        for button in (self.open_button, self.import_button, self.cancel_button):
            button.setAutoDefault(False)  # Enter in the text must never import
        self._lay_out(dialog)

    # Building

    def _plan_table(self, parent: QWidget) -> QTableView:
        table = QTableView(parent)
        table.setObjectName("noticePlanTable")
        table.setModel(self.model)
        table.setWordWrap(True)
        table.verticalHeader().hide()
        table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.horizontalHeader().setStretchLastSection(True)
        table.selectionModel().currentRowChanged.connect(self._plan_row_changed)
        table.doubleClicked.connect(self._plan_row_activated)
        self._year_delegate = RichTextDelegate(table)
        return table

    def _left(self, dialog: QDialog) -> QWidget:
        panel = QWidget(dialog)
        row = QHBoxLayout()
        caption = QLabel(self.tr("Selected &paragraph is:"), panel)
        caption.setBuddy(self.role_box)
        row.addWidget(caption)
        row.addWidget(self.role_box)
        actions = self.actions
        self.split_button, self.join_button, self.edit_button, self.undo_button = (
            self._tool_button(panel, action) for action in (actions.split, actions.join, actions.edit_task,
                                                              actions.undo))
        for button in (self.split_button, self.join_button, self.edit_button, self.undo_button):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("<b>The notice</b> — right-click a paragraph to correct it"), panel)
        layout.addWidget(title)
        layout.addLayout(row)
        beside = QSplitter(Qt.Orientation.Horizontal, panel)
        beside.addWidget(self.text)
        beside.addWidget(self.scan)  # shown for a scanned notice only
        beside.setStretchFactor(0, 3)
        beside.setStretchFactor(1, 2)
        layout.addWidget(beside, 1)
        layout.addWidget(legend(panel))
        return panel

    @staticmethod
    def _tool_button(parent: QWidget, action: QAction) -> QToolButton:
        button = QToolButton(parent)
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        return button

    def _details(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("The plan"), parent)
        grid = QGridLayout(box)
        labels = {"title": self.tr("&Title:"), "doc_no": self.tr("&Doc. No.:"), "issuer": self.tr("I&ssuer:"),
                  "issue_date": self.tr("D&ate:")}
        for field, (row, column, span) in {"title": (0, 0, 5), "doc_no": (1, 0, 1), "issuer": (1, 2, 1),
                                           "issue_date": (1, 4, 1)}.items():
            caption = QLabel(labels[field], box)
            caption.setBuddy(self.detail_edits[field])
            grid.addWidget(caption, row, column)
            grid.addWidget(self.detail_edits[field], row, column + 1, 1, span)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 3)
        grid.setColumnStretch(5, 2)
        grid.addWidget(self.counts, 2, 0, 1, 6)
        return box

    def _right(self, dialog: QDialog) -> QSplitter:
        top = QWidget(dialog)
        layout = QVBoxLayout(top)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._details(top))
        layout.addWidget(self.table, 1)
        issues = QGroupBox(self.tr("Warnings"), dialog)
        QVBoxLayout(issues).addWidget(self.issues)
        splitter = QSplitter(Qt.Orientation.Vertical, dialog)
        splitter.addWidget(top)
        splitter.addWidget(issues)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes(list(PLAN_SPLITTER_SIZES))
        return splitter

    def _lay_out(self, dialog: QDialog) -> None:
        header = QHBoxLayout()
        header.addWidget(self.source_label)
        header.addWidget(self.note, 1)
        header.addWidget(self.open_button)
        splitter = QSplitter(Qt.Orientation.Horizontal, dialog)
        splitter.addWidget(self._left(dialog))
        splitter.addWidget(self._right(dialog))
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes(list(SPLITTER_SIZES))
        footer = QHBoxLayout()
        footer.addWidget(self.status, 1)
        footer.addWidget(self.import_button)
        footer.addWidget(self.cancel_button)
        layout = QVBoxLayout(dialog)
        layout.addLayout(header)
        layout.addWidget(self.recognition)
        layout.addWidget(splitter, 1)
        layout.addLayout(footer)

    def fit_to_screen(self) -> None:
        self.dialog.setMinimumSize(*MIN_SIZE)
        screen = self.dialog.screen().availableGeometry()
        self.dialog.resize(min(DEFAULT_SIZE[0], int(screen.width() * 0.95)),
                           min(DEFAULT_SIZE[1], int(screen.height() * 0.9)))

    # Showing

    def show_source(self, source: NoticeSource, kind: str = "") -> None:
        text = f"<b>{html.escape(source.name)}</b>"
        if kind and not source.pasted:
            text += self.tr(" (%1)").replace("%1", _kind_label(kind))
        self.source_label.setText(text)

    def show_note(self, text: str) -> None:
        self.note.setText(text)

    def show_error(self, text: str) -> None:
        self.status.setStyleSheet(ERROR_STYLE if text else "")
        self.status.setText(text)

    def show_preview(self, preview: NoticePreview | None, source: NoticeSource) -> None:
        recognised = preview.recognised if preview is not None else None
        document = preview.document if preview is not None else None
        items = recognised.items if recognised is not None else ()
        self.text.confidences = {index: paragraph.confidence for index, item in enumerate(items)
                                 if (paragraph := paragraph_of(document, item)) is not None
                                 and paragraph.confidence is not None}
        self.text.show_notice(recognised, doubtful=doubtful_ranges(document, items))
        if document is not self.scan.document:
            self.scan.show_document(document)
        self.recognition.show_settings(recognised)
        self._syncing = True
        self.model.set_preview(preview)
        self._syncing = False
        self._fit_table()
        self.issues.clear()
        if preview is None:
            self.counts.setText("")
            for edit in self.detail_edits.values():
                edit.clear()
            return
        self.show_source(source, preview.recognised.kind)
        details = preview.recognised.details
        for field, edit in self.detail_edits.items():
            edit.setText(getattr(details, field) or "")
            edit.setModified(False)
        self.detail_edits["title"].setText(preview.plan.title)
        counts, plan = preview.counts, preview.plan
        self.counts.setText(self.tr("%1 sections, %2 tasks, %3 targets, %4 offices; years %5–%6.")
                            .replace("%1", str(counts.sections)).replace("%2", str(counts.tasks))
                            .replace("%3", str(counts.targets)).replace("%4", str(counts.offices))
                            .replace("%5", str(plan.first_year)).replace("%6", str(plan.last_year)))
        self.show_note(self.tr("Check what was recognised; nothing is written before you press Import."))
        self._list_issues(preview)

    def _fit_table(self) -> None:
        table, model = self.table, self.model
        table.clearSpans()
        for column in range(model.columnCount()):
            table.setItemDelegateForColumn(column, None)  # type: ignore[arg-type]
        for column, width in COLUMN_WIDTHS.items():
            table.setColumnWidth(column, width)
        for column in range(FIRST_YEAR_COLUMN, model.lead_column):
            table.setColumnWidth(column, YEAR_COLUMN_WIDTH)
            table.setItemDelegateForColumn(column, self._year_delegate)
        table.setColumnWidth(model.lead_column, OFFICE_COLUMN_WIDTHS[0])
        table.setColumnWidth(model.co_column, OFFICE_COLUMN_WIDTHS[1])
        for row in model.section_rows():
            table.setSpan(row, 0, 1, model.columnCount())
        if model.rowCount() <= MAX_FITTED_ROWS:
            table.resizeRowsToContents()
            tallest = table.fontMetrics().lineSpacing() * MAX_ROW_LINES + 8
            for row in range(model.rowCount()):
                if table.rowHeight(row) > tallest:
                    table.setRowHeight(row, tallest)  # a long list of offices need not make a row a page tall

    def _list_issues(self, preview: NoticePreview) -> None:
        places: dict[str, int] = {}
        for index, item in enumerate(preview.recognised.items):
            places.setdefault(item.where, index)
            places.setdefault(item.place.label(), index)
        for issue in preview.issues[:MAX_LISTED_ISSUES]:
            entry = QListWidgetItem(str(issue), self.issues)
            entry.setData(Qt.ItemDataRole.UserRole, places.get(issue.place))
        if len(preview.issues) > MAX_LISTED_ISSUES:
            self.issues.addItem(self.tr("… and %1 more").replace("%1", str(len(preview.issues) - MAX_LISTED_ISSUES)))

    def show_current_item(self, item: NoticeItem) -> None:
        """The role box shows the role of the paragraph with the cursor; the plan selects its row."""
        self.role_box.setCurrentIndex(max(0, self.role_box.findData(item.role.value)))
        self.scan.show_item(item)
        self.role_box.setToolTip(item.where)
        index = self.text.current_item()
        row = self.model.row_of_item(index) if index is not None else None
        if row is not None and row != self.table.currentIndex().row():
            self._syncing = True
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
            self._syncing = False

    def chosen_role(self) -> ItemRole:
        return ItemRole(self.role_box.currentData())

    def set_ready(self, ready: bool, can_import: bool, busy: bool) -> None:
        """`ready`: a notice is shown and nothing is being worked out. 导入 stays enabled while a correction is
        applied, so that a click on it right after typing a title is not lost (the wizard imports afterwards)."""
        for widget in (self.role_box, self.recognition):
            widget.setEnabled(ready)
        for edit in self.detail_edits.values():
            edit.setReadOnly(not ready)  # read-only rather than disabled: the field keeps its focus
        self.open_button.setEnabled(not busy)
        self.import_button.setEnabled(can_import)

    # What the clerk does here

    def _plan_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing or not current.isValid():
            return
        item = self.model.row_at(current.row()).item
        if item is not None:
            self._syncing = True
            self.plan_item_chosen.emit(item)
            self._syncing = False

    def _plan_row_activated(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row.task is not None and row.item is not None:
            self.plan_task_activated.emit(row.item)

    def _issue_activated(self, entry: QListWidgetItem) -> None:
        index = entry.data(Qt.ItemDataRole.UserRole)
        if index is not None:
            self.issue_chosen.emit(index)

    def _detail_finished(self, field: str, edit: QLineEdit) -> None:
        if edit.isModified():
            edit.setModified(False)
            self.detail_edited.emit(field, edit.text().strip())
