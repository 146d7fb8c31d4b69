"""The shape every undoable change in the window shares.

A change is made once, checked, before its command is pushed onto the window's
QUndoStack; the push's own redo() therefore does nothing, and later undo/redo go
through planner again. A change planner refuses on undo or redo (the data moved
on meanwhile) is shown to the user and the command is dropped from the stack: the
stack does not count it as undone (or redone), and it cannot be redone (or undone)
over the newer data later. An undo or redo refused because someone else changed
the row since (`StaleWriteError`) is offered for reloading: the command's `reloads` says
what the window reads again if the clerk agrees (a command that names nothing shows it
as any refusal).
`push_done` is that first step: submit, show a refusal, push what changed. A change
refused because someone else changed the same row first (`StaleWriteError`) is offered
for reloading instead, where the caller gives `offer_reload`: the command's `reloads`
says what the window reads again if the clerk agrees.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtGui import QUndoCommand, QUndoStack

from planner.domain.changes import Changes
from planner.domain.errors import PlannerError, StaleWriteError

OfferReload = Callable[[str, Changes], None]  # the refusal's message, what to read again if the clerk agrees


class CommandContext(Protocol):
    """Where a command's refusals are shown: the window, or the dialog or panel it was made in."""

    def show_error(self, message: str) -> None: ...
    def offer_reload(self, message: str, changes: Changes) -> None: ...


class DoneCommand(QUndoCommand):
    reloads = Changes()  # what the window reads again when this change is refused as stale

    def __init__(self, context: CommandContext, text: str):
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
        except StaleWriteError as exc:
            self.setObsolete(True)
            self.refused_as_stale(str(exc))
        except PlannerError as exc:
            self.setObsolete(True)
            self.context.show_error(str(exc))

    def refused_as_stale(self, message: str) -> None:
        """Undo or redo refused because someone else changed the row since: the latest is offered."""
        if self.reloads:
            self.context.offer_reload(message, self.reloads)
        else:
            self.context.show_error(message)

    def submit(self) -> bool:
        """Make the change the first time; False when nothing changed (nothing to push)."""
        raise NotImplementedError

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError


class DoneGroup(QUndoCommand):
    """Changes already made that undo and redo as one step. Where one of them is refused, the rest of
    the step is not undone (redone) past it, and the whole step is dropped from the stack, as a single
    command's would be; a macro of Qt's would undo its other commands and stay on the stack."""

    def __init__(self, text: str, commands: Sequence[DoneCommand]):
        super().__init__(text)
        self.commands = list(commands)

    def redo(self) -> None:
        self._each(self.commands, DoneCommand.redo)

    def undo(self) -> None:
        self._each(list(reversed(self.commands)), DoneCommand.undo)

    def _each(self, commands: list[DoneCommand], action: Callable[[DoneCommand], None]) -> None:
        for command in commands:
            action(command)
            if command.isObsolete():
                self.setObsolete(True)
                return


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
