"""What one write changed, in the terms a screen refreshes by.

Every write goes through the store's audited `Writer`, which notes each row it
touches; when the transaction commits, the store hands the `Changes` to whoever
listens (the window), so no write path can forget to say what it changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

# Tables whose rows belong to one task: a change to any of them changes what the task shows.
TASK_PARTS = frozenset({"targets", "task_offices", "adjustments", "earlier_targets"})
PROGRESS_PARTS = frozenset({"reports", "attachments"})


@dataclass(frozen=True)
class Changes:
    plans: frozenset[int] = frozenset()  # plan rows added, edited or removed (title, years, state)
    outline: frozenset[int] = frozenset()  # plans whose sections or task order changed, or tasks came or went
    tasks: frozenset[int] = frozenset()  # tasks whose own text, targets or offices changed
    progress: frozenset[int] = frozenset()  # tasks whose reports or evidence changed
    offices: bool = False  # office names, kinds, parents or merges
    bulk: frozenset[str] = frozenset()  # tables written in bulk (an import): their rows are not listed
    everything: bool = False  # the whole database was replaced (a restore)

    @classmethod
    def all(cls) -> Changes:
        return cls(everything=True)

    def __bool__(self) -> bool:
        return bool(self.plans or self.outline or self.tasks or self.progress or self.offices or self.bulk
                    or self.everything)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.plans | other.plans, self.outline | other.outline, self.tasks | other.tasks,
                       self.progress | other.progress, self.offices or other.offices, self.bulk | other.bulk,
                       self.everything or other.everything)

    @property
    def reshapes(self) -> bool:
        """Whether the list of plans or a plan's shape has to be read again, not just some of its tasks."""
        return self.everything or bool(self.plans or self.outline or self.bulk or self.offices)


@dataclass
class ChangeNotes:
    """What a transaction has touched so far, noted row by row by the Writer."""

    plans: set[int] = field(default_factory=set)
    outline: set[int] = field(default_factory=set)
    tasks: set[int] = field(default_factory=set)
    progress: set[int] = field(default_factory=set)
    offices: bool = False
    bulk: set[str] = field(default_factory=set)
    everything: bool = False

    def note(self, action: str, table: str, row_id: int | None, row: Mapping[str, Any] | None = None,
             changed: Iterable[str] = ()) -> None:
        """One audited row: `row` holds its column values (the new ones of an insert, the old ones of an
        update or a delete), `changed` the columns an update changed."""
        known = dict(row or {})
        if action == "bulk":
            self.bulk.add(table)
        elif table == "plans" and row_id is not None:
            self.plans.add(row_id)
        elif table == "sections":
            self._outline_of(known)
        elif table == "tasks" and row_id is not None:
            self.tasks.add(row_id)
            if action != "update" or {"section_id", "position", "seq"} & set(changed):
                self._outline_of(known)
        elif table in TASK_PARTS and "task_id" in known:
            self.tasks.add(known["task_id"])
        elif table in PROGRESS_PARTS and "task_id" in known:
            self.progress.add(known["task_id"])
        elif table == "offices":
            self.offices = True

    def _outline_of(self, known: dict) -> None:
        if known.get("plan_id") is not None:
            self.outline.add(known["plan_id"])
        else:
            self.bulk.add("sections")  # a plan we cannot name: read them all again

    def frozen(self) -> Changes:
        return Changes(frozenset(self.plans), frozenset(self.outline), frozenset(self.tasks),
                       frozenset(self.progress), self.offices, frozenset(self.bulk), self.everything)
