"""The notice wizard's corrections as commands with shortcuts, offered in the text's context menu and as buttons.

The shortcuts work anywhere in the wizard: Ctrl+1 marks the selected paragraphs as tasks,
Ctrl+2 as section headings, Ctrl+3 as part of the task above, Ctrl+0 as not a task;
Ctrl+Enter splits the paragraph at the cursor, Ctrl+J joins the selected paragraphs (or the
paragraph with the next), Ctrl+E corrects the task's offices and targets, Ctrl+Z undoes.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from planner.notices.items import ItemRole
from ui.importing.notice_marks import ROLE_CHOICES, role_hint, role_label

ROLE_SHORTCUTS = {ItemRole.TASK: "Ctrl+1", ItemRole.SECTION: "Ctrl+2", ItemRole.CONTENT: "Ctrl+3",
                  ItemRole.OTHER: "Ctrl+0"}
SPLIT_SHORTCUT = "Ctrl+Return"
JOIN_SHORTCUT = "Ctrl+J"
EDIT_SHORTCUT = "Ctrl+E"


class NoticeActions(QObject):
    """Emits `role_chosen(ItemRole)` for a role action; the other actions' `triggered` are connected by the
    wizard."""

    role_chosen = Signal(object)

    def __init__(self, owner: QWidget):
        super().__init__(owner)
        self.roles: dict[ItemRole, QAction] = {}
        for role in ROLE_CHOICES:
            action = self._action(owner, role_label(role), ROLE_SHORTCUTS.get(role, ""))
            action.setToolTip(role_hint(role))
            action.setStatusTip(role_hint(role))
            action.triggered.connect(lambda _checked=False, role=role: self.role_chosen.emit(role))
            self.roles[role] = action
        self.split = self._action(owner, self.tr("&Split the paragraph at the cursor"), SPLIT_SHORTCUT)
        self.split.setShortcuts([QKeySequence(SPLIT_SHORTCUT), QKeySequence("Ctrl+Enter")])  # and the keypad's
        self.join = self._action(owner, self.tr("&Join the selected paragraphs"), JOIN_SHORTCUT)
        self.edit_task = self._action(owner, self.tr("&Offices and targets of the task…"), EDIT_SHORTCUT)
        self.undo = self._action(owner, self.tr("&Undo the last correction"), "")
        self.undo.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
        for action, short in ((self.split, self.tr("Split")), (self.join, self.tr("Join")),
                              (self.edit_task, self.tr("Offices and targets…")), (self.undo, self.tr("Undo"))):
            action.setIconText(short)
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{action.text().replace('&', '')} ({keys})" if keys else action.text().replace("&", ""))

    @staticmethod
    def _action(owner: QWidget, text: str, shortcut: str) -> QAction:
        action = QAction(text, owner)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        owner.addAction(action)
        return action

    def all(self) -> list[QAction]:
        return [*self.roles.values(), self.split, self.join, self.edit_task, self.undo]

    def menu(self, parent: QWidget, current: ItemRole | None) -> QMenu:
        """The context menu of the text: the four common roles (the current one checked), the others in a
        submenu, then split, join, edit and undo."""
        menu = QMenu(parent)
        menu.addSection(self.tr("Mark as"))
        others = QMenu(self.tr("&Other roles"), menu)
        for role, action in self.roles.items():
            action.setCheckable(True)
            action.setChecked(role is current)
            (menu if role in ROLE_SHORTCUTS else others).addAction(action)
        menu.addMenu(others)
        menu.addSeparator()
        menu.addActions([self.split, self.join])
        menu.addSeparator()
        menu.addActions([self.edit_task, self.undo])
        return menu
