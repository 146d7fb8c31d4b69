"""The shape every undoable change in the window shares.

A change is made once, checked, before its command is pushed onto the window's
QUndoStack; the push's own redo() therefore does nothing, and later undo/redo go
through planner again. A change planner refuses on undo or redo (the data moved
on meanwhile) is shown to the user and the command is dropped from the stack.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtGui import QUndoCommand

from planner.errors import PlannerError


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
        self.after()

    def after(self) -> None:
        """What the window refreshes after an undo or redo (nothing by default)."""

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError
