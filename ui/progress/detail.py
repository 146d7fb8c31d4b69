"""The detail form under the progress grid: the long texts, earlier revisions and evidence files.

The three texts are saved the way a figure is: when the cursor leaves them (for
another field, the grid or another row), as one undoable revision. Text typed
and not yet saved survives a refresh of its own row.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QFocusEvent
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.domain.errors import PlannerError
from planner.progress.entry import attachment_data, list_attachments, read_evidence
from planner.store.queries import report_history
from ui.common.file_dialogs import open_file_name
from ui.common.status_light import status_label
from ui.common.times import shown_time
from ui.progress.commands import AttachCommand, RemoveAttachmentCommand
from ui.progress.model import is_returned, returned_label, review_label
from ui.tasks.target_text import format_number

if TYPE_CHECKING:
    from ui.progress.panel import ProgressPanel

TEXT_HEIGHT = 48
RETURNED_STYLE = "color: #C62828;"


class ProgressDetail(QWidget):
    def __init__(self, panel: ProgressPanel, parent=None):
        super().__init__(parent)
        self.panel = panel
        self.row: int | None = None
        self.shown_key: tuple[int, str, str] | None = None  # task id, office and period of the texts shown
        self._saving = False
        self._refused: tuple[str, str, str] | None = None  # texts a save refused, not offered again unchanged
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.review_note = QLabel(self)
        self.review_note.setWordWrap(True)
        self.review_note.setStyleSheet(RETURNED_STYLE)
        self.narrative, self.problems, self.next_steps = (QPlainTextEdit(self) for _ in range(3))
        for edit in (self.narrative, self.problems, self.next_steps):
            edit.setMinimumHeight(TEXT_HEIGHT)
            edit.setTabChangesFocus(True)
            edit.installEventFilter(self)
        self.save_button = QPushButton(self.tr("&Save texts"), self)
        self.save_button.clicked.connect(self.save)
        form = QFormLayout()
        form.addRow(self.tr("Progress:"), self.narrative)
        form.addRow(self.tr("Problems:"), self.problems)
        form.addRow(self.tr("Next steps:"), self.next_steps)
        form.addRow("", self.save_button)
        self.history = QListWidget(self)
        self.attachments = QListWidget(self)
        self.attachments.itemActivated.connect(self.open_attachment)
        add, remove = QPushButton(self.tr("A&ttach…"), self), QPushButton(self.tr("Remo&ve"), self)
        add.clicked.connect(lambda: self.attach())
        remove.clicked.connect(self.remove_attachment)
        self.attach_buttons = (add, remove)
        side = QVBoxLayout()
        side.addWidget(self._boxed(self.tr("Revisions"), self.history))
        evidence = self._boxed(self.tr("Evidence files"), self.attachments)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        evidence_layout = evidence.layout()
        assert isinstance(evidence_layout, QVBoxLayout), "_boxed lays its box out in a column"
        evidence_layout.addLayout(row)
        side.addWidget(evidence)
        columns = QHBoxLayout()
        columns.addLayout(form, 3)
        columns.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.explanation)
        layout.addWidget(self.review_note)
        layout.addLayout(columns, 1)
        self.show_row(None)

    def _boxed(self, title: str, widget: QWidget) -> QGroupBox:
        box = QGroupBox(title, self)
        QVBoxLayout(box).addWidget(widget)
        return box

    def texts(self) -> tuple[str, str, str]:
        return self.narrative.toPlainText(), self.problems.toPlainText(), self.next_steps.toPlainText()

    def _stored_texts(self) -> tuple[str, str, str]:
        row = self._shown_row()
        report = self.panel.model.row_at(row).report if row is not None else None
        return (report.narrative, report.problems, report.next_steps) if report is not None else ("", "", "")

    def _shown_row(self) -> int | None:
        """The grid row of the texts shown, found again by task and office if the rows moved."""
        if self.shown_key is None or self.panel.model.period is None:
            return None
        task_id, office, period = self.shown_key
        if self.panel.model.shown_period().code != period:
            return None
        if self.row is not None and self.row < self.panel.model.rowCount():
            item = self.panel.model.row_at(self.row)
            if (item.task_id, item.office) == (task_id, office):
                return self.row
        return self.panel.model.row_of(task_id, office)

    def has_unsaved_texts(self) -> bool:
        """Typed into the texts and not saved yet."""
        typed = any(edit.document().isModified() for edit in (self.narrative, self.problems, self.next_steps))
        return typed and self.shown_key is not None and self.texts() != self._stored_texts()

    def save_unsaved_texts(self) -> bool:
        """Save what was typed as one revision; True when nothing is left unsaved."""
        if not self.has_unsaved_texts() or self._saving:
            return not self.has_unsaved_texts()
        row = self._shown_row()
        if row is None or self.texts() == self._refused:
            return False  # the reason for refusing these very texts was shown once already
        self._saving = True
        try:
            saved = self.panel.save_texts(row, *self.texts())
        finally:
            self._saving = False
        if saved:
            self._mark_saved()
        else:
            self._refused = self.texts()
        return saved

    def discard_unsaved_texts(self) -> None:
        """The texts as they were saved; nothing is read again when nothing was typed."""
        if not self.has_unsaved_texts():
            return
        self._mark_saved()
        self.show_row(self.row)

    def _mark_saved(self) -> None:
        for edit in (self.narrative, self.problems, self.next_steps):
            edit.document().setModified(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and isinstance(event, QFocusEvent) and self._left_the_texts(event):
            self.save_unsaved_texts()
        return super().eventFilter(watched, event)

    def _left_the_texts(self, event: QFocusEvent) -> bool:
        """The cursor went to another field or the grid; not a menu, another window, or the next text of three."""
        if event.reason() in (Qt.FocusReason.PopupFocusReason, Qt.FocusReason.ActiveWindowFocusReason):
            return False
        return QApplication.focusWidget() not in (self.narrative, self.problems, self.next_steps)

    def show_row(self, row: int | None) -> None:
        key = self._key_of(row)
        # Leaving the row saves what was typed, as leaving the field does; a refused save (a text over the
        # limit) keeps the texts and takes the grid back to their row, so nothing typed is lost.
        if key != self.shown_key and not self.save_unsaved_texts() and self._shown_row() is not None:
            QTimer.singleShot(0, self._back_to_typed_row)
            return
        keep_typed = key == self.shown_key and self.has_unsaved_texts()
        self.row, self.shown_key = row, key
        enabled = row is not None
        for widget in (self.narrative, self.problems, self.next_steps, self.save_button, *self.attach_buttons):
            widget.setEnabled(enabled)
        self.history.clear()
        self.attachments.clear()
        if row is None:
            self.heading.setText(self.tr("Choose a row to see and edit its texts."))
            for label in (self.explanation, self.review_note):
                label.clear()
            for edit in (self.narrative, self.problems, self.next_steps):
                edit.clear()
            return
        model = self.panel.model
        item, evaluation = model.row_at(row), model.evaluation(row)
        self.heading.setText(f"{item.task.seq} {item.task.name} — {item.office}")
        shown_status = returned_label() if is_returned(item.report) else status_label(evaluation.status)
        self.explanation.setText(f"{shown_status}：{evaluation.explanation}")
        report = item.report
        returned_note = report.review_note if report is not None and report.review == "returned" else None
        self.review_note.setText(self.tr("Returned: %1").replace("%1", returned_note) if returned_note is not None
                                 else "")
        if not keep_typed:
            self.narrative.setPlainText(report.narrative if report else "")
            self.problems.setPlainText(report.problems if report else "")
            self.next_steps.setPlainText(report.next_steps if report else "")
        self._fill_history(item.task_id, item.office)
        self._fill_attachments(item.task_id, item.office)

    def _back_to_typed_row(self) -> None:
        row = self._shown_row()
        if row is not None:
            self.panel.table.setCurrentIndex(self.panel.model.index(row, 0))
            self.narrative.setFocus()

    def _key_of(self, row: int | None) -> tuple[int, str, str] | None:
        if row is None:
            return None
        item = self.panel.model.row_at(row)
        return item.task_id, item.office, self.panel.model.shown_period().code

    def _fill_history(self, task_id: int, office: str) -> None:
        period = self.panel.model.shown_period().code
        for report in reversed(report_history(self.panel.store.conn, task_id, office, period)):
            value = "" if report.value is None else format_number(report.value)
            chosen = status_label(report.status) if report.status else ""
            line = (f"{report.revision}  {shown_time(report.reported_at)}  {report.reporter}  {value} {chosen}  "
                    f"{review_label(report)}")
            entry = QListWidgetItem(line.strip(), self.history)
            entry.setToolTip("\n".join(t for t in (report.narrative, report.problems, report.next_steps) if t))

    def _fill_attachments(self, task_id: int, office: str) -> None:
        for attachment in list_attachments(self.panel.store, task_id, office, self.panel.model.shown_period().code):
            entry = QListWidgetItem(f"{attachment.file_name}（{max(1, attachment.size // 1024)} KB）", self.attachments)
            entry.setData(Qt.ItemDataRole.UserRole, attachment.id)

    def save(self) -> bool:
        """保存文字: the texts as they are now, even when nothing was typed since the last save."""
        row = self._shown_row()
        if row is None:
            return False
        saved = self.panel.save_texts(row, *self.texts())
        if saved:
            self._mark_saved()
        return saved

    def attach(self, path: str | None = None) -> bool:
        if self.row is None:
            return False
        if path is None:
            path = open_file_name(self, self.tr("Attach an evidence file"))
            if not path:
                return False
        try:
            file_name, data = read_evidence(path)
        except PlannerError as exc:
            self.panel.show_error(str(exc))
            return False
        item = self.panel.model.row_at(self.row)
        command = AttachCommand(self.panel, item.task_id, item.office, self.panel.model.shown_period().code, file_name,
                                data, self.tr("Attach %1").replace("%1", file_name))
        return self.panel.push_change(command)

    def remove_attachment(self) -> bool:
        entry = self.attachments.currentItem()
        if self.row is None or entry is None:
            return False
        item = self.panel.model.row_at(self.row)
        command = RemoveAttachmentCommand(self.panel, item.task_id, item.office, self.panel.model.shown_period().code,
                                          entry.data(Qt.ItemDataRole.UserRole), self.tr("Remove an evidence file"))
        return self.panel.push_change(command)

    def open_attachment(self, entry: QListWidgetItem) -> None:
        file_name, data = attachment_data(self.panel.store, entry.data(Qt.ItemDataRole.UserRole))
        folder = Path(tempfile.mkdtemp(prefix="planner-evidence-"))
        target = folder / Path(file_name).name
        target.write_bytes(data)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
