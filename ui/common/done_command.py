"""The shape every undoable change in the window shares.

A change is made once, checked, before its command is pushed onto the window's
QUndoStack; the push's own redo() therefore does nothing, and later undo/redo go
through planner again. A change planner refuses on undo or redo (the data moved
on meanwhile) is shown to the user and the command is dropped from the stack.
`push_done` is that first step: submit, show a refusal, push what changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtGui import QUndoCommand, QUndoStack

from planner.domain.errors import PlannerError


class ShowsErrors(Protocol):
    def show_error(self, message: str) -> None: ...


class DoneCommand(QUndoCommand):
    def __init__(self, context: ShowsErrors, text: str):
        super().__init__(text)
        self.context = context
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        self._guarded(self.apply)

    def undo(self) -> None:
        self._guarded(self.revert)

    def _guarded(self, action: Callable[[], None]) -> None:
        try:
            action()
        except PlannerError as exc:
            self.context.show_error(str(exc))
            self.setObsolete(True)

    def submit(self) -> bool:
        """Make the change the first time; False when nothing changed (nothing to push)."""
        raise NotImplementedError

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError


class Submits(Protocol):
    def submit(self) -> bool: ...


def submitted(command: Submits, show_error: Callable[[str], None]) -> bool | None:
    """Make `command`'s change now: True if it changed something, False if there was nothing to change,
    None if planner refused it (the reason is shown through `show_error`; nothing was written, as each change
    is one transaction)."""
    try:
        return command.submit()
    except PlannerError as exc:
        show_error(str(exc))
        return None


def push_done(stack: QUndoStack, command: DoneCommand, show_error: Callable[[str], None]) -> bool | None:
    """`submitted`, then `command` pushed onto `stack` if it changed something; returns what `submitted` did."""
    made = submitted(command, show_error)
    if made:
        stack.push(command)
    return made
