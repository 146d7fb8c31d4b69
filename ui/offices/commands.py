"""Undoable office edits, on the same QUndoStack as progress entry and plan editing.

As in `ui.progress.commands`, each change is made once, checked, before its command
is pushed; the push's own redo() does nothing, and later undo/redo go through
planner's office services. The office dialog and the window follow from the changes
each write announces, not from the commands.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from planner.domain.changes import Changes
from planner.domain.model import Office
from planner.offices.edit import (
    MergeResult,
    OfficeChange,
    merge_offices,
    reapply_office_changes,
    revert_office_changes,
    unmerge_offices,
)
from planner.offices.register import add_office, delete_office, restore_office
from planner.store import Store
from planner.store.office_changes import office_row
from planner.store.row_history import NOT_UNDONE
from ui.common.done_command import DoneCommand, OfferReload


def _office(row: dict[str, Any]) -> Office:
    return Office(name=row["name"], id=row["id"], kind=row["kind"], parent_id=row["parent_id"],
                  division_code=row["division_code"])


class OfficeContext(Protocol):
    store: Store

    def show_error(self, message: str) -> None: ...
    def offer_reload(self, message: str, changes: Changes) -> None: ...


class DetachableContext:
    """The dialog's side of the commands, which outlive it on the window's stack: once the dialog is
    destroyed (`detach`), undo and redo still work, their refusals are still shown, and a refusal
    because someone else changed the office first still offers the latest (through the window)."""

    def __init__(self, store: Store, error: Callable[[str], None], reload: OfferReload,
                 window_reload: OfferReload):
        self.store = store
        self._error, self._reload, self._window_reload = error, reload, window_reload

    def detach(self) -> None:
        def warn(message: str) -> None:
            QMessageBox.warning(None, QCoreApplication.translate("OfficeDialog", "Not saved"), message)

        self._error, self._reload = warn, self._window_reload

    def show_error(self, message: str) -> None:
        self._error(message)

    def offer_reload(self, message: str, changes: Changes) -> None:
        self._reload(message, changes)


class _OfficeCommand(DoneCommand):
    """A DoneCommand whose context is the office dialog's; refused as stale, the office list is read again."""

    context: OfficeContext
    reloads = Changes(offices=True)


class OfficeEditCommand(_OfficeCommand):
    """Edits of office rows: `edit(store)` is one of planner.offices.edit's setters (one change or None)
    or `normalize_office_names` (a list of changes)."""

    def __init__(self, context: OfficeContext,
                 edit: Callable[[Store], OfficeChange | list[OfficeChange] | None], text: str):
        super().__init__(context, text)
        self._edit = edit
        self.changes: list[OfficeChange] = []

    def submit(self) -> bool:
        made = self._edit(self.context.store)
        self.changes = [] if made is None else made if isinstance(made, list) else [made]
        return bool(self.changes)

    def apply(self) -> None:
        reapply_office_changes(self.context.store, self.changes)

    def revert(self) -> None:
        revert_office_changes(self.context.store, self.changes)


class MergeOfficesCommand(_OfficeCommand):
    def __init__(self, context: OfficeContext, kept_id: int, merged_id: int, text: str,
                 seen: list[Office] | None = None):
        super().__init__(context, text)
        self.kept_id, self.merged_id = kept_id, merged_id
        self.seen = seen  # the two offices as the clerk chose them
        self.result: MergeResult | None = None

    def submit(self) -> bool:
        self.result = merge_offices(self.context.store, self.kept_id, self.merged_id, self.seen)
        return True

    def apply(self) -> None:
        assert self.result is not None, "a merge is redone only after it was made and undone"
        # The two offices as the undo put them back: changed by someone else since, the redo is refused.
        again = [_office(self.result.kept), _office(self.result.merged)]
        self.result = merge_offices(self.context.store, self.kept_id, self.merged_id, again)

    def revert(self) -> None:
        assert self.result is not None, "a merge is undone only after it was made"
        unmerge_offices(self.context.store, self.result)


class AddOfficeCommand(_OfficeCommand):
    """新增: undone by deleting the office again (refused once something refers to it), redone under its old id."""

    def __init__(self, context: OfficeContext, name: str, text: str):
        super().__init__(context, text)
        self.name = name
        self.office_id: int | None = None
        self.added: Office | None = None  # the office as added: someone who has changed it since keeps it
        self.row: dict[str, Any] | None = None

    def submit(self) -> bool:
        self.office_id = add_office(self.context.store, self.name)
        row = office_row(self.context.store.conn, self.office_id)
        assert row is not None, "added just now by this one writer"
        self.added = _office(row)
        return True

    def apply(self) -> None:
        assert self.row is not None, "redone only after an undo kept the row"
        restore_office(self.context.store, self.row)

    def revert(self) -> None:
        assert self.office_id is not None, "undone only after it was added"
        self.row = delete_office(self.context.store, self.office_id, self.added, NOT_UNDONE)


class DeleteOfficeCommand(_OfficeCommand):
    def __init__(self, context: OfficeContext, office_id: int, text: str, seen: Office | None = None):
        super().__init__(context, text)
        self.office_id = office_id
        self.seen = seen  # the office as the list showed it
        self.row: dict[str, Any] | None = None

    def submit(self) -> bool:
        self.row = delete_office(self.context.store, self.office_id, self.seen)
        return True

    def apply(self) -> None:
        assert self.row is not None, "redone only after it was deleted and put back"
        delete_office(self.context.store, self.office_id, _office(self.row))

    def revert(self) -> None:
        assert self.row is not None, "undone only after it was deleted"
        restore_office(self.context.store, self.row)
