"""文件 → 最近打开: the recent files, newest first, read afresh each time the menu opens."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMenu

from ui.common.recent_files import forget_recent, recent_files


class RecentMenu(QObject):
    """Fills `menu` with the recent files; choosing one calls `open_path(path)`."""

    def __init__(self, menu: QMenu, open_path: Callable[[Path], None]):
        super().__init__(menu)
        self.menu = menu
        self._open_path = open_path
        menu.aboutToShow.connect(self.fill)
        self.fill()

    def fill(self) -> None:
        self.menu.clear()
        paths = recent_files()
        for number, path in enumerate(paths, start=1):
            action = self.menu.addAction(f"&{number % 10} {path.name.replace('&', '&&')}")
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _checked=False, path=path: self._open_path(path))
        if not paths:
            self.menu.addAction(self.tr("(no recent files)")).setEnabled(False)
            return
        self.menu.addSeparator()
        self.menu.addAction(self.tr("&Clear the list")).triggered.connect(lambda: forget_recent())
        self.menu.setToolTipsVisible(True)
