"""文件 → 导入通知…, 编辑 → 粘贴通知文本, or a notice dropped onto the window: the notice beside the plan it becomes.

On the left the notice as it was read, every paragraph with its role in the margin and what
was recognised marked in colour; on the right the plan laid out as the task table, each task
with its origin (二、（一）1.). The clerk corrects roles, splits and joins paragraphs, corrects
a task's offices and targets and the particulars, or recognises the notice again with other
choices; each correction is a `planner.notices.edits` function, run with the reading and the
recognition on the window's background worker. Nothing is written before 导入, which writes
the draft plan in one transaction (asking first when the same content was imported before);
the window then shows it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QPoint, Qt, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from planner.notices import edits
from planner.notices.importing import NoticeImportResult, NoticePreview, commit_notice, preview_recognised
from planner.notices.items import ItemRole, RecognisedNotice, RecognitionSettings
from ui.common.jobs import Progress
from ui.common.recent_files import remember_recent
from ui.context import WindowContext
from ui.importing.duplicate_question import ask_on_duplicate
from ui.importing.notice_actions import NoticeActions
from ui.importing.notice_layout import NoticeLayout
from ui.importing.notice_source import (
    NoticeSource,
    choose_notice_file,
    clipboard_source,
    load_job,
    recognise_job,
)
from ui.importing.notice_task_dialog import NoticeTaskDialog

Edit = Callable[[RecognisedNotice], RecognisedNotice]
DETAIL_FIELDS = ("title", "doc_no", "issuer", "issue_date")


class NoticeWizard(QDialog):
    """Emits `imported(plan_id)` once the plan is in the database."""

    imported = Signal(int)

    def __init__(self, context: WindowContext, source: NoticeSource, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("noticeWizard")
        self.setWindowTitle(self.tr("Import a notice"))
        self.context = context
        self.source = source
        self.preview: NoticePreview | None = None
        self.history: list[NoticePreview] = []  # earlier states, for undo
        self.corrections = 0  # made since the notice was last recognised
        self.import_result: NoticeImportResult | None = None
        self._pending = False
        self._importing = False
        # 导入 pressed while a correction was still being applied (the title typed, then 导入 clicked at once).
        self._import_waiting = False
        self.commands = NoticeActions(self)
        self.ui = NoticeLayout(self, self.commands)
        self._connect()
        self.ui.fit_to_screen()
        self.load(source)

    def _connect(self) -> None:
        ui, actions = self.ui, self.commands
        actions.role_chosen.connect(self.set_role)
        actions.split.triggered.connect(self.split)
        actions.join.triggered.connect(self.join)
        actions.edit_task.triggered.connect(self.edit_task)
        actions.undo.triggered.connect(self.undo)
        ui.role_box.activated.connect(lambda _index: self.set_role(ui.chosen_role()))
        ui.text.item_changed.connect(self._item_changed)
        ui.text.selectionChanged.connect(self._update_actions)
        ui.text.customContextMenuRequested.connect(self._context_menu)
        ui.recognition.settings_chosen.connect(self.recognise_again)
        ui.plan_item_chosen.connect(ui.text.show_item)
        ui.plan_task_activated.connect(lambda _item: self.edit_task())
        ui.issue_chosen.connect(ui.text.show_item)
        ui.detail_edited.connect(self.set_detail)
        ui.open_button.clicked.connect(self._open_another)
        ui.import_button.clicked.connect(self.import_plan)
        ui.cancel_button.clicked.connect(self.reject)

    # Jobs

    @property
    def busy(self) -> bool:
        """A job of the wizard's is running or its outcome is still on its way to the wizard."""
        return self._pending

    def _start(self, work: Callable[[Progress], Any], label: str, done: Callable[[Any], None]) -> None:
        self.ui.show_error("")
        self._pending = True

        def succeeded(result: Any) -> None:
            self._pending = False
            done(result)
            if self._import_waiting and not self._pending:
                self._import_waiting = False
                self.import_plan()

        def failed(message: str) -> None:
            self._pending = self._importing = self._import_waiting = False
            self.ui.show_error(message)
            if self.preview is None:  # nothing was read: the reason fills the empty text, where the clerk looks
                self.ui.show_note("")
                self.ui.text.setPlaceholderText(message)
            self._update_actions()

        def cancelled() -> None:
            self._pending = self._importing = self._import_waiting = False
            self._update_actions()

        job = self.context.runner.start(work, label=label, parent=self, on_success=succeeded, on_failure=failed)
        job.cancelled.connect(cancelled, Qt.ConnectionType.QueuedConnection)
        self._update_actions()

    # Reading and recognising

    def load(self, source: NoticeSource) -> None:
        """Read and recognise `source` afresh; the corrections of an earlier notice are dropped."""
        self.source = source
        self.preview, self.history, self.corrections = None, [], 0
        self.ui.show_source(source)
        self.ui.show_preview(None, source)
        reading = self.tr("Reading %1…").replace("%1", source.name)
        self.ui.show_note(reading)
        self.ui.text.setPlaceholderText(reading)
        self._start(load_job(source), self.tr("Reading the notice…"), self._loaded)

    def _loaded(self, preview: NoticePreview) -> None:
        self._show(preview)
        self.ui.text.show_item(0)
        self.ui.text.setFocus()  # the shortcuts act on the paragraph with the cursor

    def _open_another(self) -> None:
        path = choose_notice_file(self, str(self.source.path.parent) if self.source.path else "")
        if path is not None and not self.busy:
            self.load(NoticeSource(path=path))

    def recognise_again(self, settings: RecognitionSettings) -> None:
        preview = self.preview
        if preview is None or self.busy or settings == preview.recognised.settings:
            self.ui.recognition.show_settings(preview.recognised if preview else None)
            return
        if self.corrections and not self._confirm_losing_corrections():
            self.ui.recognition.show_settings(preview.recognised)
            return
        self._start(recognise_job(preview, settings), self.tr("Recognising the notice…"), self._recognised)

    def _confirm_losing_corrections(self) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Recognise again"),
            self.tr("Recognising the notice again loses the %1 correction(s) made so far (Undo brings them back). "
                    "Go on?").replace("%1", str(self.corrections)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    def _recognised(self, preview: NoticePreview) -> None:
        if self.preview is not None:
            self.history.append(self.preview)
        self.corrections = 0
        self._show(preview)

    # Corrections

    def _edit(self, change: Edit, focus: int | None, label: str = "") -> None:
        preview = self.preview
        if preview is None or self.busy:
            return

        def work(progress: Progress) -> NoticePreview:
            progress(0, 1)
            return preview_recognised(change(preview.recognised), preview.document)

        self._start(work, label or self.tr("Applying the correction…"), lambda new: self._edited(new, focus))

    def _edited(self, preview: NoticePreview, focus: int | None) -> None:
        if self.preview is not None:
            self.history.append(self.preview)
        self.corrections += 1
        self._show(preview)
        if focus is not None:
            self.ui.text.show_item(focus)

    def set_role(self, role: ItemRole | None) -> None:
        selected = list(self.ui.text.selected_range())
        if role is None or not selected:
            return
        current = self.preview.recognised if self.preview else None
        if current is not None and all(current.items[index].role is role for index in selected):
            return

        def change(recognised: RecognisedNotice) -> RecognisedNotice:
            for index in selected:
                recognised = edits.set_role(recognised, index, role)
            return recognised

        self._edit(change, selected[0])

    def split(self) -> None:
        index, at = self.ui.text.current_item(), self.ui.text.cursor_offset()
        if index is not None:
            self._edit(lambda recognised: edits.split_item(recognised, index, at), index + 1)

    def join(self) -> None:
        selected = self.ui.text.selected_range()
        if not selected:
            return
        first, last = selected.start, max(selected.stop - 1, selected.start + 1)
        self._edit(lambda recognised: edits.join_items(recognised, first, last), first)

    def edit_task(self) -> None:
        index = self.ui.text.current_item()
        preview = self.preview
        if preview is None or index is None or self.busy:
            return
        item = preview.recognised.items[index]
        if item.role is not ItemRole.TASK:
            self.ui.show_error(self.tr("%1 is not a task: mark it as a task first (Ctrl+1).")
                               .replace("%1", item.where))
            return
        dialog = NoticeTaskDialog(self.context, item, preview.plan.years, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        correction = dialog.correction()
        if correction is None:
            return

        def change(recognised: RecognisedNotice) -> RecognisedNotice:
            if correction.lead is not None:
                recognised = edits.set_offices(recognised, index, correction.lead, correction.co)
            if correction.targets is not None:
                recognised = edits.set_targets(recognised, index, correction.targets)
            return recognised

        self._edit(change, index)

    def set_detail(self, field: str, value: str) -> None:
        preview = self.preview
        if preview is None or field not in DETAIL_FIELDS:
            return
        if (getattr(preview.recognised.details, field) or "") == value:
            return
        if field == "title" and not value:
            self.ui.show_error(self.tr("The plan needs a title."))
            self.ui.detail_edits["title"].setText(preview.plan.title)
            return
        self._edit(lambda recognised: edits.set_details(recognised, **{field: value or None}), None)

    def undo(self) -> None:
        if self.busy or not self.history:
            return
        self.corrections = max(0, self.corrections - 1)
        self._show(self.history.pop())

    # Showing

    def _show(self, preview: NoticePreview) -> None:
        self.preview = preview
        self.ui.show_preview(preview, self.source)
        self._item_changed(self.ui.text.current_item() or 0)
        self._update_actions()

    def _item_changed(self, index: int) -> None:
        preview = self.preview
        if preview is None or not 0 <= index < len(preview.recognised.items):
            return
        self.ui.show_current_item(preview.recognised.items[index])
        self._update_actions()

    def _update_actions(self) -> None:
        preview, text = self.preview, self.ui.text
        ready = preview is not None and not self.busy
        index = text.current_item()
        items = preview.recognised.items if preview is not None else ()
        for action in self.commands.roles.values():
            action.setEnabled(ready and index is not None)
        self.commands.split.setEnabled(ready and index is not None)
        self.commands.join.setEnabled(ready and index is not None and len(items) > 1)
        self.commands.edit_task.setEnabled(ready and index is not None and index < len(items)
                                          and items[index].role is ItemRole.TASK)
        self.commands.undo.setEnabled(ready and bool(self.history))
        self.ui.set_ready(ready, bool(preview is not None and preview.plan.tasks) and not self._importing, self.busy)

    def _context_menu(self, point: QPoint) -> None:
        text = self.ui.text
        clicked = text.cursorForPosition(point)
        if not text.textCursor().hasSelection() or clicked.blockNumber() not in text.selected_range():
            text.setTextCursor(clicked)  # a right click outside the selection acts where it was made
        index = text.current_item()
        current = self.preview.recognised.items[index].role if self.preview and index is not None else None
        self.commands.menu(self, current).exec(text.viewport().mapToGlobal(point))

    # Importing

    def import_plan(self) -> None:
        preview = self.preview
        if self.busy:
            self._import_waiting = not self._importing
            return
        if preview is None or not preview.plan.tasks:
            return
        if not preview.plan.title.strip():
            self.ui.show_error(self.tr("The plan needs a title."))
            return
        choice = ask_on_duplicate(self, self.context.store.conn, preview.recognised.sha256, self.source.pasted)
        if choice is None:
            return
        store, recognised, document = self.context.store, preview.recognised, preview.document

        def work(progress: Progress) -> NoticeImportResult:
            progress(0, 1)
            # Built again: writing sets ids and a version suffix on the plan, and the shown one stays as it was.
            return commit_notice(store, preview_recognised(recognised, document), choice)

        self._importing = True
        self._start(work, self.tr("Importing…"), self._imported)

    def _imported(self, result: NoticeImportResult) -> None:
        self.import_result = result
        assert result.plan_id is not None, "a committed import has the new plan's id"
        self.context.request_show(plan_id=result.plan_id)
        self.context.show_message(self.tr("Imported as plan %1: %2 (draft), %3 tasks.")
                                  .replace("%1", str(result.plan_id)).replace("%2", result.preview.plan.title)
                                  .replace("%3", str(len(result.preview.plan.tasks))))
        self.imported.emit(result.plan_id)
        self.accept()

    def reject(self) -> None:
        if self.busy:
            return  # the running job's own progress dialog offers 取消
        super().reject()


def open_notice_wizard(context: WindowContext, path: str | Path | None, pasted: bool,
                       parent: QWidget) -> NoticeWizard | None:
    """The wizard on `path`, on the clipboard (`pasted`), or on a file the clerk chooses; None when there is
    nothing to read."""
    if pasted:
        source = clipboard_source()
        if source is None:
            context.show_message(QCoreApplication.translate("NoticeWizard", "The clipboard holds no text to import."))
            return None
    else:
        chosen = Path(path) if path is not None else choose_notice_file(parent)
        if chosen is None:
            return None
        source = NoticeSource(path=chosen)
        remember_recent(chosen)
    wizard = NoticeWizard(context, source, parent)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.open()
    return wizard
