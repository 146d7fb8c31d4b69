"""The window's commands for workbooks that travel: fill-in forms out, returns in, exports, and the
reporting office's side (open a received form, fill it in on screen, write it back)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ui.window.main_window import MainWindow


class ExchangeActions:
    def __init__(self, window: MainWindow):
        self.window = window
        self.received: tuple[int, str, str, str] | None = None  # plan id, office, period, path
        actions = window.main_actions
        writable = not window.store.readonly
        for action, slot in ((actions.collect_returns, lambda: self.collect()),
                             (actions.make_fill_in_forms, self.make_forms),
                             (actions.open_received, lambda: self.open_received()),
                             (actions.write_back, self.write_back)):
            action.setEnabled(writable)
            action.triggered.connect(slot)
        actions.export.setEnabled(True)
        actions.export.triggered.connect(self.export)
        actions.write_back.setEnabled(False)

    def dropped(self, paths: list[Path]) -> None:
        """Returned fill-in forms are collected; any other file is imported as a table."""
        from planner.exchange.fill_in_read import looks_like_fill_in

        returns = [path for path in paths if looks_like_fill_in(path)]
        if returns:
            self.collect(returns)
        for path in paths:
            if path not in returns:
                self.window.open_import(path)
                break

    # The dialogs load the spreadsheet readers and writers: they are imported when first used,
    # so that opening the window does not wait for them.

    def collect(self, paths: list[Path] | None = None):
        from ui.exchange.collect_dialog import collect_returns

        window = self.window
        dialog = collect_returns(window, window.store, window.runner, paths)
        dialog.collected.connect(lambda _plan_ids: window.refresh_progress())
        return dialog

    def make_forms(self):
        from ui.exchange.fill_in_dialog import open_fill_in_dialog

        window = self.window
        plan_id = window.current_plan_id()
        if plan_id is None:
            return None
        return open_fill_in_dialog(window, window.store, plan_id, window.runner, window.filter_bar.period())

    def export(self):
        from ui.exchange.export_plan import export_plan_to_file

        window = self.window
        plan = window.task_model.plan
        if plan is None:
            return None
        return export_plan_to_file(window, window.store, window.runner, plan.id, plan.title,
                                   window.filter_bar.period())

    def open_received(self, path: str | Path | None = None):
        from ui.exchange.received_form import open_received_form

        dialog = open_received_form(self.window, self.window.store, self.window.runner, path)
        if dialog is not None:
            dialog.opened.connect(self._received_opened)
        return dialog

    def _received_opened(self, plan_id: int, office: str, period: str, path: str) -> None:
        self.received = (plan_id, office, period, path)
        window = self.window
        window.main_actions.write_back.setEnabled(True)
        window.source.forget()
        window.reload_plans(plan_id)
        window.filter_bar.select_period(period)
        window.filter_bar.select_office(office)
        window.tabs.setCurrentWidget(window.progress)

    def write_back(self):
        from ui.exchange.received_form import write_back_form

        if self.received is None:
            return None
        plan_id, office, period, path = self.received
        window = self.window
        return write_back_form(window, window.store, window.runner, plan_id, office, period, received=path)
