"""The reporting office's side: open a received fill-in workbook, then write it back once filled in on screen.

Opening runs `planner.exchange.received_forms.open_fill_in` on the background worker: the
plan and the office's tasks come into this database (or are matched), and the
dialog says which plan, office and period to fill in. `write_back_form` asks
where to save (the received file by default) and writes the workbook back with
the same identity, ready to be sent to the coordinator.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox, QVBoxLayout, QWidget

from planner.domain.periods import parse_period
from planner.exchange.received_forms import WrittenBack, open_fill_in, write_back
from ui.common.file_dialogs import open_file_name
from ui.common.jobs import Job
from ui.common.language import is_chinese
from ui.common.recent_files import remember_recent
from ui.common.save_paths import ask_save_path
from ui.context import WindowContext
from ui.exchange.collect_dialog import FORM_FILTER

ERROR_STYLE = "color: #C62828;"


class ReceivedFormDialog(QDialog):
    """Emits `opened(plan_id, office, period_code, path)` once the workbook's plan is in the database."""

    opened = Signal(int, str, str, str)

    def __init__(self, context: WindowContext, path: str | Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("receivedFormDialog")
        self.setWindowTitle(self.tr("Open a received fill-in form"))
        self.path = Path(path)
        self.opened_form: tuple[int, str, str] | None = None  # plan id, office, period code
        self.message = QLabel(self.tr("Opening %1…").replace("%1", self.path.name), self)
        self.message.setObjectName("receivedFormMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.fill_in_button = self.buttons.addButton(self.tr("&Fill in on screen"),
                                                     QDialogButtonBox.ButtonRole.AcceptRole)
        self.fill_in_button.setObjectName("receivedFormFillIn")
        self.fill_in_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self._running = True
        context.runner.start(lambda _progress: open_fill_in(context.store, self.path),
                             label=self.tr("Opening the form…"),
                             parent=self, on_success=self._opened, on_failure=self._failed, cancellable=False)

    def _opened(self, result: tuple[int, str, str]) -> None:
        self._running = False
        self.opened_form = result
        plan_id, office, period = result
        label = parse_period(period).label if is_chinese() else parse_period(period).label_en
        self.message.setText(self.tr("The form of %1 for %2 is ready. Fill in the progress on screen, then use "
                                     "Write back fill-in form to save the workbook for sending back.")
                             .replace("%1", office).replace("%2", label))
        self.fill_in_button.setEnabled(True)

    def _failed(self, message: str) -> None:
        self._running = False
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(message)

    def accept(self) -> None:
        if self.opened_form is not None:
            plan_id, office, period = self.opened_form
            self.opened.emit(plan_id, office, period, str(self.path))
        super().accept()

    def reject(self) -> None:
        if self._running:
            return
        super().reject()


def open_received_form(context: WindowContext, path: str | Path | None = None) -> ReceivedFormDialog | None:
    """Ask for a received workbook (unless `path` is given) and open it; None when the user cancels."""
    parent = context.parent_widget
    if path is None:
        chosen = open_file_name(
            parent, QCoreApplication.translate("ReceivedFormDialog", "Received fill-in form"),
            QCoreApplication.translate("ReceivedFormDialog", "Workbooks (%1)").replace("%1", FORM_FILTER))
        if not chosen:
            return None
        path = chosen
    remember_recent(path)
    dialog = ReceivedFormDialog(context, path, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def write_back_form(context: WindowContext, plan_id: int, office: str, period: str,
                    received: str | Path | None = None) -> Job | None:
    """Ask where to save the office's filled-in workbook (the received file by default) and write it.

    Returns the background job, or None when the user cancels the file dialog.
    """
    parent, store, runner = context.parent_widget, context.store, context.runner
    picked = ask_save_path(
        parent, QCoreApplication.translate("ReceivedFormDialog", "Write back fill-in form"),
        str(received) if received else "",
        QCoreApplication.translate("ReceivedFormDialog", "Workbooks (%1)").replace("%1", "*.xlsx"))
    if picked is None:
        return None
    chosen = str(picked[0])

    def done(result: WrittenBack) -> None:
        QMessageBox.information(
            parent, QCoreApplication.translate("ReceivedFormDialog", "Form written"),
            QCoreApplication.translate("ReceivedFormDialog",
                                       "%1 reports written to %2. Send this file back to the coordinating office.")
            .replace("%1", str(result.reports)).replace("%2", str(result.path)))

    def failed(message: str) -> None:
        QMessageBox.warning(parent, QCoreApplication.translate("ReceivedFormDialog", "Form not written"), message)

    return runner.start(lambda _progress: write_back(store, plan_id, office, period, chosen, received),
                        label=QCoreApplication.translate("ReceivedFormDialog", "Writing the form…"), parent=parent,
                        on_success=done, on_failure=failed)
