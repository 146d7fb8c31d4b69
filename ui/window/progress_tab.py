"""The 进展填报 tab, whose panel is built when the clerk first opens it (or a command needs it).

The window opens on the target table, so the progress panel's modules and widgets are
kept off the start; a plain widget stands in the tab until the panel takes its place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTabWidget, QWidget

from planner.domain.changes import Changes
from ui.context import WindowContext

if TYPE_CHECKING:
    from ui.progress.panel import ProgressPanel


class ProgressTab:
    def __init__(self, context: WindowContext, tabs: QTabWidget, title: str, window: QWidget):
        self._context, self._tabs, self._window = context, tabs, window
        self.panel: ProgressPanel | None = None
        self._stand_in = QWidget(window)
        tabs.addTab(self._stand_in, title)
        tabs.currentChanged.connect(self._shown)
        context.settings_changed.connect(lambda _settings: self.show_context())

    def built(self) -> ProgressPanel:
        """The panel, built on first use and then showing the window's plan, period and office."""
        if self.panel is None:
            from ui.progress.panel import ProgressPanel

            self.panel = panel = ProgressPanel(self._context, self._window)
            tabs = self._tabs
            index, current = tabs.indexOf(self._stand_in), tabs.currentIndex()
            tabs.blockSignals(True)  # the same tab, another widget: nothing for the window to follow
            title = tabs.tabText(index)
            tabs.removeTab(index)
            tabs.insertTab(index, panel, title)
            tabs.setCurrentIndex(current)
            tabs.blockSignals(False)
            self._stand_in.deleteLater()
            panel.show_context()
        return self.panel

    def _shown(self, index: int) -> None:
        if self.panel is None and self._tabs.widget(index) is self._stand_in:
            self._tabs.setCurrentWidget(self.built())

    # An unbuilt panel needs none of these: it reads the window's state when it is built.

    def show_context(self) -> None:
        if self.panel is not None:
            self.panel.show_context()

    def apply_changes(self, changes: Changes) -> None:
        if self.panel is not None:
            self.panel.apply_changes(changes)
