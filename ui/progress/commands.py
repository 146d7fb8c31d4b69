"""Undoable progress changes. Each change is made once, checked, before its command is pushed;
the command's first redo() is then the change already made, and undo/redo repeat it through planner.
The window's rows follow from the changes each write announces, not from the commands."""

from __future__ import annotations

from typing import Protocol

from planner.domain.changes import Changes
from planner.domain.model import Plan, Report
from planner.progress.entry import (
    attach_bytes,
    attachment_data,
    remove_attachment,
    review_report,
    submit_report,
    withdraw_revision,
)
from planner.store import Store
from planner.store.row_history import NOT_REDONE, NOT_UNDONE
from ui.common.done_command import DoneCommand


class ProgressContext(Protocol):
    store: Store

    def current_plan(self) -> Plan | None: ...
    def show_error(self, message: str) -> None: ...
    def offer_reload(self, message: str, changes: Changes) -> None: ...


class _DoneCommand(DoneCommand):
    """A change to one task's report; refused as stale, the task's reports are read again."""

    context: ProgressContext

    def __init__(self, context: ProgressContext, task_id: int, text: str):
        super().__init__(context, text)
        self.task_id = task_id
        self.reloads = Changes(progress=frozenset({task_id}))


class SubmitReportCommand(_DoneCommand):
    def __init__(self, context: ProgressContext, report: Report, text: str, based_on: int | None = None):
        super().__init__(context, report.task_id, text)
        self.report = report
        self.based_on = based_on  # the revision on screen when the clerk typed (0: none)
        self.added_id: int | None = None

    def submit(self) -> bool:
        """Make the change now; False when nothing new was recorded (nothing to push)."""
        plan = self.context.current_plan()
        assert plan is not None, "progress is entered for the plan on screen"
        recorded, added = submit_report(self.context.store, plan, self.report, based_on=self.based_on)
        self.added_id = recorded.id if added else None
        return added

    def apply(self) -> None:
        self.submit()

    def revert(self) -> None:
        if self.added_id is not None:
            withdraw_revision(self.context.store, self.added_id)
            self.added_id = None


class ReviewCommand(_DoneCommand):
    def __init__(self, context: ProgressContext, report: Report, review: str, reason: str, text: str):
        super().__init__(context, report.task_id, text)
        assert report.id is not None, "a review is of a report read from the database"
        self.report_id = report.id
        self.review, self.reason = review, reason
        self.before = (report.review, report.review_note)

    def submit(self) -> bool:
        self.before = review_report(self.context.store, self.report_id, self.review, self.reason, self.before)
        return True

    def apply(self) -> None:
        review_report(self.context.store, self.report_id, self.review, self.reason, self.before, NOT_REDONE)

    def revert(self) -> None:
        review_report(self.context.store, self.report_id, *self.before, (self.review, self.reason.strip()),
                      NOT_UNDONE)


class AttachCommand(_DoneCommand):
    def __init__(self, context: ProgressContext, task_id: int, office: str, period: str, file_name: str,
                 data: bytes, text: str):
        super().__init__(context, task_id, text)
        self.cell = (task_id, office, period)
        self.file_name, self.data = file_name, data
        self.attachment_id: int | None = None

    def submit(self) -> bool:
        self.attachment_id = attach_bytes(self.context.store, *self.cell, self.file_name, self.data)
        return True

    def apply(self) -> None:
        self.attachment_id = attach_bytes(self.context.store, *self.cell, self.file_name, self.data)

    def revert(self) -> None:
        assert self.attachment_id is not None, "an attachment is taken back only after it was added"
        remove_attachment(self.context.store, self.attachment_id)


class RemoveAttachmentCommand(_DoneCommand):
    def __init__(self, context: ProgressContext, task_id: int, office: str, period: str, attachment_id: int,
                 text: str):
        super().__init__(context, task_id, text)
        self.cell = (task_id, office, period)
        self.attachment_id = attachment_id
        self.file_name, self.data = attachment_data(context.store, attachment_id)

    def submit(self) -> bool:
        remove_attachment(self.context.store, self.attachment_id)
        return True

    def apply(self) -> None:
        remove_attachment(self.context.store, self.attachment_id)

    def revert(self) -> None:
        self.attachment_id = attach_bytes(self.context.store, *self.cell, self.file_name, self.data)
