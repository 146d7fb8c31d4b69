"""What the panels and dialogs of one window share, handed to them instead of the window itself.

The context holds the store, the one background worker, the undo stack, the
user's settings, what the window reads from the database (`PlanSource`) and the
plan, period and office on screen. Every committed write reaches the window
through `changed` (a `planner.domain.changes.Changes`, on the GUI thread even when a
background job wrote); the window applies it in one place. Panels and dialogs ask
the window for a different view through `show_requested`, never by calling it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSocketNotifier, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from planner.domain.changes import Changes
from planner.domain.model import Plan
from planner.domain.periods import Period
from planner.store import Store
from ui.common.jobs import JobRunner
from ui.common.plan_source import PlanSource
from ui.common.reload_offer import ask_to_reload
from ui.settings.values import UserSettings, current_actor


class WindowContext(QObject):
    changed = Signal(object)  # Changes: what a committed write changed
    settings_changed = Signal(object)  # UserSettings
    show_requested = Signal(object, object, object, object)  # plan id, period code, office, task id (None: keep)
    message = Signal(str, int)  # a status-bar message and how long it stays (ms)

    def __init__(self, store: Store, settings: UserSettings | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.settings = settings or UserSettings()
        self.source = PlanSource(store.conn)
        self.runner = JobRunner(self)
        self.undo_stack = QUndoStack(self)
        self.plan: Plan | None = None
        self.period: Period | None = None
        self.office: str | None = None
        # A background job's write calls this on the worker thread: the signal crosses to the GUI thread queued.
        self._unsubscribe = store.subscribe(self.changed.emit)
        self.destroyed.connect(lambda _obj=None, stop=self._unsubscribe: stop())
        # On a shared server, other windows' commits arrive as notifications on this socket; the store
        # announces them like a local write, so they reach `changed` and the window the same way.
        socket = store.changes_socket()
        self._changes_notifier: QSocketNotifier | None = None
        if socket is not None:
            self._changes_notifier = QSocketNotifier(socket, QSocketNotifier.Type.Read, self)
            self._changes_notifier.activated.connect(lambda _socket=None: store.receive_changes())

    @property
    def readonly(self) -> bool:
        return self.store.readonly

    @property
    def parent_widget(self) -> QWidget | None:
        parent = self.parent()
        return parent if isinstance(parent, QWidget) else None

    @property
    def period_code(self) -> str | None:
        return self.period.code if self.period is not None else None

    @property
    def plan_id(self) -> int | None:
        return self.plan.id if self.plan is not None else None

    def set_settings(self, settings: UserSettings) -> None:
        """The user saved 设置: the audit log names the new person, and the statistics follow lead_only."""
        self.settings = settings
        self.store.actor = current_actor(settings)
        self.settings_changed.emit(settings)

    def request_show(self, plan_id: int | None = None, period: str | None = None, office: str | None = None,
                     task_id: int | None = None) -> None:
        """Ask the window to show a plan, a period, an office or a task (None keeps what is shown)."""
        self.show_requested.emit(plan_id, period, office, task_id)

    def show_message(self, text: str, milliseconds: int = 5000) -> None:
        self.message.emit(text, milliseconds)

    def offer_reload(self, message: str, changes: Changes, parent: QWidget | None = None) -> None:
        """A change was refused because someone else changed the row first: say who and when, and read
        `changes` (what the refused change was about) again if the clerk wants the latest."""
        if ask_to_reload(parent or self.parent_widget, message):
            self.read_again(changes)

    def read_again(self, changes: Changes) -> None:
        """Show what other sessions changed: their notifications not yet read, and `changes`, which a
        refusal proved someone else committed, through `changed` as any write's."""
        self.store.receive_changes()
        self.store.announce(changes)
