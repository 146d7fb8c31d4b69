"""Change control: once a plan is issued (已下达), a change to a task's core content is an adjustment (调整).

An adjustment carries its reason and the first period it applies to. A target it
replaces is kept in `earlier_targets` with the last period it was in force, so
that a report is measured against the target of its own period
(`planner.domain.status.index_targets(task, as_of=…)`).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from planner.domain.errors import InputError
from planner.domain.model import PlanState, Target
from planner.domain.periods import Period, parse_period
from planner.store.audit import Writer
from planner.store.task_rows import adjustment_rows, earlier_target_ids

# The fields whose change after issue is an adjustment; the others (序号, 现状, 备注) are not.
CORE_FIELDS = frozenset({"name", "content", "indicator", "target", "offices"})

FIELD_LABELS = {"name": "主要任务", "content": "重点内容", "indicator": "具体指标", "baseline": "现状",
                "target": "目标", "offices": "责任单位", "note": "备注", "seq": "序号"}


@dataclass(frozen=True)
class Change:
    """Why an issued plan changes, and from which period the new content applies."""

    reason: str
    effective_from: str  # a quarter's code, e.g. "2022Q3"


@dataclass(frozen=True)
class AdjustmentEntry:
    id: int
    task_id: int
    field: str
    period: str | None
    office: str | None
    old: str
    new: str
    effective_from: str
    reason: str
    at: str
    actor_office: str
    actor_person: str

    @property
    def field_label(self) -> str:
        return FIELD_LABELS.get(self.field, self.field)


def needs_change(state: PlanState, field: str) -> bool:
    return state is PlanState.ISSUED and field in CORE_FIELDS


def checked_change(state: PlanState, field: str, change: Change | None) -> Change | None:
    """The change to record for editing `field`; refuses an issued plan's core edit without a reason."""
    if not needs_change(state, field):
        return None
    if change is None or not change.reason.strip():
        raise InputError(f"计划已下达，修改“{FIELD_LABELS.get(field, field)}”属于调整，需要填写调整原因。")
    period = parse_period(change.effective_from)
    if period.is_year:
        period = Period(period.year, 1)
    return Change(change.reason.strip(), period.code)


def previous_quarter(code: str) -> str:
    period = parse_period(code)
    quarter = period.quarter or 1
    return f"{period.year - 1}Q4" if quarter == 1 else f"{period.year}Q{quarter - 1}"


def record(writer: Writer, task_id: int, field: str, old: str, new: str, change: Change,
           period: str | None = None, office_id: int | None = None) -> int:
    actor = writer.actor
    return writer.insert("adjustments", {
        "task_id": task_id, "field": field, "period": period, "office_id": office_id, "old": old, "new": new,
        "effective_from": change.effective_from, "reason": change.reason, "at": writer.at,
        "actor_office": actor.office, "actor_person": actor.person,
    }, change.reason)


def keep_earlier_target(writer: Writer, adjustment_id: int, task_id: int, period: str, office_id: int | None,
                        old: Target | None, change: Change, first_year: int) -> None:
    """Keep the target an adjustment replaces, for the periods before the change applies.

    A target that did not exist is kept as an empty text: reports before the change
    had no target to be measured against.
    """
    until = previous_quarter(change.effective_from)
    if parse_period(until).year < first_year:
        return  # the new target applies from the plan's first quarter: the old one never did
    writer.insert("earlier_targets", {
        "adjustment_id": adjustment_id, "task_id": task_id, "period": period, "office_id": office_id,
        "text": old.text if old else "", "comparator": old.comparator if old else None,
        "value": old.value if old else None, "unit": old.unit if old else None,
        "kind": old.kind if old else "text", "deadline_year": old.deadline_year if old else None, "until": until,
    }, change.reason)


def withdraw(writer: Writer, adjustment_id: int) -> None:
    """Undo of an adjustment: remove it and the earlier targets it kept, each with its audit row."""
    for earlier_id in earlier_target_ids(writer.conn, adjustment_id):
        writer.delete("earlier_targets", earlier_id, "撤销调整")
    writer.delete("adjustments", adjustment_id, "撤销调整")


def task_history(conn: sqlite3.Connection, task_id: int) -> list[AdjustmentEntry]:
    """A task's adjustments, newest first."""
    rows = adjustment_rows(conn, task_id)
    return [AdjustmentEntry(r["id"], r["task_id"], r["field"], r["period"], r["office_name"], r["old"], r["new"],
                            r["effective_from"], r["reason"], r["at"], r["actor_office"], r["actor_person"])
            for r in rows]
