"""Adding and deleting offices, and setting kinds guessed from the names; each one transaction with audit rows.

An office is deleted only when nothing refers to it — no task, target, report, evidence
file, adjustment or subordinate office — and the refusal says what still does, so the
clerk knows to reassign or merge first. A deletion returns the row it removed, so an
undo can put it back under its old id.
"""

from __future__ import annotations

from typing import Any

from planner.domain.errors import InputError
from planner.domain.model import Office
from planner.domain.office_kinds import infer_office_kind
from planner.domain.office_names import normalize_office_name
from planner.offices.edit import KINDS, OfficeChange
from planner.offices.seen import EDITED_COLUMNS, office_to_change, refuse_stale
from planner.store import Store
from planner.store.audit import Writer
from planner.store.office_changes import all_offices, office_named, office_row, reference_counts
from planner.store.row_history import AGAIN

# How the refusal counts the rows of each table that refers to an office.
REFERENCE_WORDS = {"task_offices": "{n} 项任务", "targets": "{n} 个分解目标", "reports": "{n} 次填报",
                   "attachments": "{n} 个佐证材料", "adjustments": "{n} 条调整记录",
                   "earlier_targets": "{n} 个调整前的目标", "offices": "{n} 个下级单位"}


def add_office(store: Store, name: str, kind: str | None = None) -> int:
    """A new office under its normalised name, of `kind` or the kind its name suggests; returns its id."""
    normalised = normalize_office_name(name or "")
    if not normalised:
        raise InputError("单位名称不能为空。")
    chosen = kind or infer_office_kind(normalised)
    if chosen not in KINDS:
        raise InputError(f"单位类型“{chosen}”无效。")
    with store.transaction() as writer:
        if office_named(writer.conn, normalised) is not None:
            raise InputError(f"已有名为“{normalised}”的单位。")
        return writer.insert("offices", {"name": normalised, "kind": chosen}, "新增单位")


def office_references(writer: Writer, office_id: int) -> list[str]:
    """What still refers to the office, in words ("3 项任务"); empty when it can be deleted."""
    counts = reference_counts(writer.conn, office_id)
    return [REFERENCE_WORDS[table].format(n=count) for table, count in counts.items() if count]


def delete_office(store: Store, office_id: int, seen: Office | None = None, then: str = AGAIN) -> dict[str, Any]:
    """Delete an office nothing refers to; returns the deleted row (for `restore_office`).

    `seen` is the office as the editor showed it: one someone else has changed since is not
    deleted unseen (`StaleWriteError`, naming who and when; `then` says what became of the
    deletion, e.g. NOT_UNDONE when it undoes an addition)."""
    with store.transaction() as writer:
        held = office_to_change(writer, office_id, seen, then)
        if held is None:
            raise InputError("这个单位已不存在，可能已被合并或删除。")
        if seen is not None:
            refuse_stale(writer, held, seen, EDITED_COLUMNS, then)
        row = office_row(writer.conn, office_id)
        assert row is not None, "held above"
        still = office_references(writer, office_id)
        if still:
            raise InputError(f"“{row['name']}”不能删除：还有{'、'.join(still)}用到它。请先在任务中改用其他单位，"
                             "或用“合并”把它并入同一单位的另一个名称。")
        writer.delete("offices", office_id, "删除单位")
        return row


def restore_office(store: Store, row: dict[str, Any]) -> None:
    """Put a deleted office back under its old id (the undo of `delete_office`)."""
    with store.transaction() as writer:
        if office_row(writer.conn, row["id"]) is not None or office_named(writer.conn, row["name"]) is not None:
            raise InputError(f"已有名为“{row['name']}”的单位，无法恢复删除的单位。")
        parent = row.get("parent_id")
        values = dict(row, parent_id=parent if parent is not None and office_row(writer.conn, parent) else None)
        writer.insert("offices", values, "恢复删除的单位")


def kind_proposals(store: Store) -> list[tuple[int, str, str, str]]:
    """(id, name, kind now, kind its name suggests) for each office still of the default kind whose name says
    otherwise; an office whose kind was set to something else is left as the clerk set it."""
    proposals = []
    for row in all_offices(store.conn):
        guessed = infer_office_kind(row["name"])
        if row["kind"] == "department" and guessed != "department":
            proposals.append((row["id"], row["name"], row["kind"], guessed))
    return proposals


def set_office_kinds(store: Store, kinds: dict[int, str], seen: list[Office] | None = None) -> list[OfficeChange]:
    """Set the kinds of several offices in one transaction; the changes, for undo.

    `seen` is the offices as the clerk was shown them: one whose name or kind someone else
    has changed since refuses the whole change (`StaleWriteError`, naming who and when)."""
    shown = {office.id: office for office in seen or ()}
    changes = []
    with store.transaction() as writer:
        for office_id, kind in sorted(kinds.items()):
            if kind not in KINDS:
                raise InputError(f"单位类型“{kind}”无效。")
            row = office_to_change(writer, office_id, shown.get(office_id))
            if row is None or row["kind"] == kind:
                continue
            if office_id in shown:
                refuse_stale(writer, row, shown[office_id], ("name", "kind"))
            writer.update("offices", office_id, {"kind": kind}, "按名称设置单位类型")
            changes.append(OfficeChange(office_id, {"kind": row["kind"]}, {"kind": kind}))
    return changes
