"""The shape every undoable change in the window shares.

A change is made once, checked, before its command is pushed onto the window's
QUndoStack; the push's own redo() therefore does nothing, and later undo/redo go
through planner again. A change planner refuses on undo or redo (the data moved
on meanwhile) is shown to the user and the command is dropped from the stack.
`push_done` is that first step: submit, show a refusal, push what changed. A change
refused because someone else changed the same row first (`StaleWriteError`) is offered
for reloading instead, where the caller gives `offer_reload`: the command's `reloads`
says what the window reads again if the clerk agrees.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtGui import QUndoCommand, QUndoStack

from planner.domain.changes import Changes
from planner.domain.errors import PlannerError, StaleWriteError

OfferReload = Callable[[str, Changes], None]  # the refusal's message, what to read again if the clerk agrees


class ShowsErrors(Protocol):
    def show_error(self, message: str) -> None: ...


class DoneCommand(QUndoCommand):
    reloads = Changes()  # what the window reads again when this change is refused as stale

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
    reloads: Changes

    def submit(self) -> bool: ...


def submitted(command: Submits, show_error: Callable[[str], None],
              offer_reload: OfferReload | None = None) -> bool | None:
    """Make `command`'s change now: True if it changed something, False if there was nothing to change,
    None if planner refused it (the reason is shown through `show_error`, or through `offer_reload` when
    someone else changed the row first; nothing was written, as each change is one transaction)."""
    try:
        return command.submit()
    except StaleWriteError as exc:
        if offer_reload is not None and command.reloads:
            offer_reload(str(exc), command.reloads)
        else:
            show_error(str(exc))
        return None
    except PlannerError as exc:
        show_error(str(exc))
        return None


def push_done(stack: QUndoStack, command: DoneCommand, show_error: Callable[[str], None],
              offer_reload: OfferReload | None = None) -> bool | None:
    """`submitted`, then `command` pushed onto `stack` if it changed something; returns what `submitted` did."""
    made = submitted(command, show_error, offer_reload)
    if made:
        stack.push(command)
    return made
