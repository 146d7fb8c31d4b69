"""Every menu command of the main window, in one object; the window switches them on and off for what it shows
(`MainWindow.update_actions`)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMenuBar, QWidget


def _shortcuts(standard: QKeySequence.StandardKey, *fallbacks: str) -> list[QKeySequence]:
    """The platform's standard keys plus `fallbacks`, which some platforms lack (Quit on Windows, Ctrl+Y on Linux)."""
    keys = list(QKeySequence.keyBindings(standard))
    for fallback in fallbacks:
        wanted = QKeySequence(fallback)
        if all(key != wanted for key in keys):
            keys.append(wanted)
    return keys


class MainActions(QObject):
    def __init__(self, window: QWidget, undo_stack: QUndoStack):
        super().__init__(window)
        self.new_plan = self._action(window, self.tr("&New plan…"))
        self.new_plan.setShortcuts(_shortcuts(QKeySequence.StandardKey.New, "Ctrl+N"))
        self.import_table = self._action(window, self.tr("&Import table…"), "Ctrl+I")
        self.import_notice = self._action(window, self.tr("I&mport a notice…"), "Ctrl+Shift+I")
        self.collect_returns = self._action(window, self.tr("&Collect returned forms…"))
        self.make_fill_in_forms = self._action(window, self.tr("&Generate fill-in forms…"))
        self.export = self._action(window, self.tr("&Export…"))
        self.open_received = self._action(window, self.tr("&Open a received fill-in form…"))
        self.write_back = self._action(window, self.tr("&Write back the fill-in form…"))
        self.connect_server = self._action(window, self.tr("Connect to a &shared database…"))
        self.backup = self._action(window, self.tr("&Back up…"))
        self.restore = self._action(window, self.tr("&Restore…"))
        self.quit = self._action(window, self.tr("E&xit"))
        self.quit.setShortcuts(_shortcuts(QKeySequence.StandardKey.Quit, "Ctrl+Q"))
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)

        self.undo = undo_stack.createUndoAction(window, self.tr("Undo"))
        self.undo.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
        self.redo = undo_stack.createRedoAction(window, self.tr("Redo"))
        self.redo.setShortcuts(_shortcuts(QKeySequence.StandardKey.Redo, "Ctrl+Y", "Ctrl+Shift+Z"))
        self.paste_notice = self._action(window, self.tr("Paste a notice's te&xt"), "Ctrl+Shift+V")
        self.find = self._action(window, self.tr("&Find tasks"))
        self.find.setShortcuts(_shortcuts(QKeySequence.StandardKey.Find, "Ctrl+F"))
        self.add_section = self._action(window, self.tr("Add a s&ection…"))
        self.add_task = self._action(window, self.tr("&Add a task below"), "Insert")
        self.delete_task = self._action(window, self.tr("&Delete the task…"), "Delete")
        self.move_up = self._action(window, self.tr("Move &up"), "Ctrl+Shift+Up")
        self.move_down = self._action(window, self.tr("Move do&wn"), "Ctrl+Shift+Down")
        self.renumber = self._action(window, self.tr("Re&number the tasks"))
        self.edit_targets = self._action(window, self.tr("&Targets and breakdown…"), "Ctrl+T")
        self.plan_properties = self._action(window, self.tr("&Plan properties…"))
        self.issue_plan = self._action(window, self.tr("&Issue the plan…"))
        self.offices = self._action(window, self.tr("&Offices…"))
        self.settings = self._action(window, self.tr("&Settings…"))
        self.settings.setMenuRole(QAction.MenuRole.PreferencesRole)

        self.target_table_report = self._action(window, self.tr("&Target table…"))
        self.quarterly_report = self._action(window, self.tr("&Quarterly progress report…"))
        self.office_report = self._action(window, self.tr("&Office report…"))
        self.dashboard = self._action(window, self.tr("Progress &dashboard…"), "Ctrl+D")
        self.audit_log = self._action(window, self.tr("Change &log…"))

        self.guide = self._action(window, self.tr("&User guide"))
        self.guide.setShortcuts(_shortcuts(QKeySequence.StandardKey.HelpContents, "F1"))
        self.about = self._action(window, self.tr("&About"))
        self.about.setMenuRole(QAction.MenuRole.AboutRole)

    def with_keys(self) -> list[QAction]:
        """The commands that have keys, in menu order, for 使用说明."""
        return [value for value in vars(self).values() if isinstance(value, QAction) and value.shortcuts()]

    @staticmethod
    def _action(window: QWidget, text: str, shortcut: str = "") -> QAction:
        action = QAction(text, window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        return action

    def build_menus(self, bar: QMenuBar) -> None:
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.new_plan)
        file_menu.addActions([self.import_table, self.import_notice, self.collect_returns, self.make_fill_in_forms,
                              self.export])
        self.recent_menu = file_menu.addMenu(self.tr("Open recen&t"))
        self.recent_menu.setObjectName("recentMenu")
        file_menu.addSeparator()
        file_menu.addActions([self.open_received, self.write_back])
        file_menu.addSeparator()
        file_menu.addAction(self.connect_server)
        file_menu.addActions([self.backup, self.restore])
        file_menu.addSeparator()
        file_menu.addAction(self.quit)

        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addActions([self.undo, self.redo])
        edit_menu.addSeparator()
        edit_menu.addAction(self.paste_notice)
        edit_menu.addSeparator()
        edit_menu.addActions([self.add_section, self.add_task, self.delete_task, self.move_up, self.move_down,
                              self.renumber, self.edit_targets])
        edit_menu.addSeparator()
        edit_menu.addActions([self.plan_properties, self.issue_plan, self.offices])
        edit_menu.addSeparator()
        edit_menu.addAction(self.find)
        edit_menu.addSeparator()
        edit_menu.addAction(self.settings)

        report_menu = bar.addMenu(self.tr("&Reports"))
        report_menu.addActions([self.dashboard, self.audit_log])
        report_menu.addSeparator()
        report_menu.addActions([self.target_table_report, self.quarterly_report, self.office_report])

        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addActions([self.guide, self.about])
