"""The window's commands for workbooks that travel: fill-in forms out, returns in, exports, and the
reporting office's side (open a received form, fill it in on screen, write it back)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ui.context import WindowContext

if TYPE_CHECKING:
    from ui.window.actions import MainActions


class ExchangeActions(QObject):
    """Emits `import_requested(path)` for a dropped spreadsheet that is not a returned form,
    `notice_requested(path)` for a dropped notice (Word, PDF, web page, text), and
    `received_opened()` once a received form's plan is on screen."""

    import_requested = Signal(object)
    notice_requested = Signal(object)
    received_opened = Signal()

    def __init__(self, context: WindowContext, actions: MainActions):
        super().__init__(context)
        self.context = context
        self.received: tuple[int, str, str, str] | None = None  # plan id, office, period, path
        actions.collect_returns.triggered.connect(lambda: self.collect())
        actions.make_fill_in_forms.triggered.connect(self.make_forms)
        actions.open_received.triggered.connect(lambda: self.open_received())
        actions.write_back.triggered.connect(self.write_back)
        actions.export.triggered.connect(self.export)

    def dropped(self, paths: list[Path]) -> None:
        """Returned fill-in forms are collected; of the other files the first is imported, as a notice when its
        content is one (`planner.notices.file_kinds`), else as a table."""
        from planner.exchange.fill_in_read import looks_like_fill_in
        from planner.notices.file_kinds import notice_format

        returns = [path for path in paths if looks_like_fill_in(path)]
        if returns:
            self.collect(returns)
        others = [path for path in paths if path not in returns]
        if others:
            first = others[0]
            (self.notice_requested if notice_format(first) is not None else self.import_requested).emit(first)

    # The dialogs load the spreadsheet readers and writers: they are imported when first used,
    # so that opening the window does not wait for them.

    def collect(self, paths: list[Path] | None = None):
        from ui.exchange.collect_dialog import collect_returns

        return collect_returns(self.context, paths)

    def make_forms(self):
        from ui.exchange.fill_in_dialog import open_fill_in_dialog

        return open_fill_in_dialog(self.context)

    def export(self):
        from ui.exchange.export_plan import export_plan_to_file

        return export_plan_to_file(self.context)

    def open_received(self, path: str | Path | None = None):
        from ui.exchange.received_form import open_received_form

        dialog = open_received_form(self.context, path)
        if dialog is not None:
            dialog.opened.connect(self._received_opened)
        return dialog

    def _received_opened(self, plan_id: int, office: str, period: str, path: str) -> None:
        self.received = (plan_id, office, period, path)
        self.context.request_show(plan_id, period, office)
        self.received_opened.emit()

    def write_back(self):
        from ui.exchange.received_form import write_back_form

        if self.received is None:
            return None
        plan_id, office, period, path = self.received
        return write_back_form(self.context, plan_id, office, period, received=path)
