"""Undoable plan edits, on the same QUndoStack as progress entry.

As in `ui.progress.commands`, each change is made once, checked, before its
command is pushed; undo and redo then go through planner's editing services.
What the window shows follows from the changes each write announces (a change to
one task repaints that task; a change to the order or the sections reads the plan
again), not from the commands.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Generic, Protocol, TypeVar

from planner.domain.changes import Changes
from planner.domain.model import Task
from planner.plans.adjustments import Change
from planner.plans.task_edit import (
    EditResult,
    edit_task_text,
    restore_offices,
    restore_targets,
    restore_task_text,
    set_offices,
    set_target,
)
from planner.store import Store
from ui.common.done_command import DoneCommand

Memo = TypeVar("Memo")


class EditContext(Protocol):
    store: Store

    def show_task(self, task_id: int) -> None: ...
    def show_error(self, message: str) -> None: ...
    def offer_reload(self, message: str, changes: Changes) -> None: ...


class TaskEditCommand(DoneCommand):
    """A change to one task (a text, a target or its offices) through one of planner's task_edit functions."""

    context: EditContext

    def __init__(self, context: EditContext, task: Task, text: str, change: Change | None):
        super().__init__(context, text)
        assert task.id is not None, "the window edits tasks read from the database"
        self.task_id = task.id
        self.before = copy.deepcopy(task)  # the task as the editor showed it, and as an undo puts it back
        self.after = self.before  # the task as the change left it: what an undo expects to find
        self.change = change
        self.adjustment_id: int | None = None
        self.reloads = Changes(tasks=frozenset({task.id}))

    def submit(self) -> bool:
        """Make the change now; False when nothing changed (nothing to push)."""
        result = self.make()
        self.adjustment_id = result.adjustment_id
        self.after = copy.deepcopy(result.task)
        return result.changed

    def apply(self) -> None:
        self.submit()

    def revert(self) -> None:
        self.restore()
        self.adjustment_id = None

    def make(self) -> EditResult:
        raise NotImplementedError

    def restore(self) -> Task:
        raise NotImplementedError


class EditTextCommand(TaskEditCommand):
    def __init__(self, context: EditContext, task: Task, field: str, value: str, text: str,
                 change: Change | None = None):
        super().__init__(context, task, text, change)
        self.field, self.value = field, value

    def make(self) -> EditResult:
        return edit_task_text(self.context.store, self.task_id, self.field, self.value, self.change,
                              seen=getattr(self.before, self.field))

    def restore(self) -> Task:
        return restore_task_text(self.context.store, self.task_id, self.field, getattr(self.before, self.field),
                                 self.adjustment_id, seen=getattr(self.after, self.field))


class SetTargetCommand(TaskEditCommand):
    def __init__(self, context: EditContext, task: Task, period: str, value: str, office: str | None, text: str,
                 change: Change | None = None):
        super().__init__(context, task, text, change)
        self.period, self.value, self.office = period, value, office

    def make(self) -> EditResult:
        return set_target(self.context.store, self.task_id, self.period, self.value, self.office, self.change,
                          seen=self.before.targets)

    def restore(self) -> Task:
        return restore_targets(self.context.store, self.task_id, self.before.targets, self.adjustment_id,
                               seen=self.after.targets)


class SetOfficesCommand(TaskEditCommand):
    def __init__(self, context: EditContext, task: Task, lead: list[str], co: list[str], text: str,
                 change: Change | None = None):
        super().__init__(context, task, text, change)
        self.lead, self.co = lead, co

    def make(self) -> EditResult:
        return set_offices(self.context.store, self.task_id, self.lead, self.co, self.change,
                           seen=(self.before.lead, self.before.co))

    def restore(self) -> Task:
        return restore_offices(self.context.store, self.task_id, self.before.lead, self.before.co,
                               self.adjustment_id, seen=(self.after.lead, self.after.co))


class PlanCommand(DoneCommand, Generic[Memo]):
    """A change to the plan's shape (sections, order, tasks added or deleted, its state or properties).

    `do` makes the change and returns what `undo_with` needs to take it back; after it,
    the task `select` names from that memo is shown. `reloads` is what the window reads
    again when `do` is refused because someone else changed the plan first.
    """

    context: EditContext

    def __init__(self, context: EditContext, text: str, do: Callable[[], Memo],
                 undo_with: Callable[[Memo], object], select: Callable[[Memo], int | None] | None = None,
                 reloads: Changes | None = None):
        super().__init__(context, text)
        self._do, self._undo_with, self._select = do, undo_with, select
        self.reloads = reloads or Changes()
        self.memo: Memo  # set by submit(), which push_done calls before the command can be undone

    def submit(self) -> bool:
        self.memo = self._do()
        chosen = self._select(self.memo) if self._select else None
        if chosen is not None:
            self.context.show_task(chosen)
        return True

    def apply(self) -> None:
        self.submit()

    def revert(self) -> None:
        self._undo_with(self.memo)
