"""Merging two spellings of one office, and undoing a merge exactly.

Every row that names the merged office moves to the kept one in one transaction,
each change with its audit row, and nothing is dropped silently:

- a task with both offices in the same role keeps one link (the merged office's
  is removed); a co-operating link is removed where the kept office leads the task;
- per-office targets of both offices for the same task and period refuse the
  merge unless their texts are equal (then the merged office's copy is removed);
- reports of both offices for the same task and period are renumbered so that
  revisions stay unique, in the order they were reported, so the most recently
  reported one stays current;
- children of the merged office get the kept office as parent, and the kept office
  takes over the merged one's division code and parent where it has none.

`merge_offices` returns a `MergeResult` recording exactly what moved, and
`unmerge_offices` uses it to put every row back with its old id and values.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from planner.domain.errors import InputError, NotFoundError
from planner.domain.model import Office
from planner.offices.seen import EDITED_COLUMNS, office_to_change, refuse_stale
from planner.store import Store
from planner.store.audit import Writer
from planner.store.audit_text import period_label
from planner.store.office_changes import (
    PLAIN_REFERENCES,
    ancestors,
    delete_row,
    links_of,
    move_references,
    move_report,
    office_named,
    office_reports,
    office_row,
    office_targets,
    referring_ids,
    restore_row,
)


@dataclass(frozen=True)
class ReportMove:
    """One report revision the merge changed: its office and revision before, its revision after."""

    report_id: int
    office_id: int
    revision: int
    new_revision: int


@dataclass(frozen=True)
class MergeResult:
    kept: dict[str, Any]  # the kept office's row before the merge
    merged: dict[str, Any]  # the merged office's row, deleted by the merge
    kept_changes: dict[str, Any] = field(default_factory=dict)  # kept's columns the merge filled in
    children: tuple[int, ...] = ()
    moved_links: tuple[int, ...] = ()
    removed_links: tuple[dict[str, Any], ...] = ()
    moved_targets: tuple[int, ...] = ()
    removed_targets: tuple[dict[str, Any], ...] = ()
    report_moves: tuple[ReportMove, ...] = ()
    moved_other: dict[str, tuple[int, ...]] = field(default_factory=dict)

    @property
    def kept_id(self) -> int:
        return self.kept["id"]

    @property
    def merged_id(self) -> int:
        return self.merged["id"]

    @property
    def moved_reports(self) -> int:
        """Report revisions that passed from the merged office to the kept one."""
        return sum(1 for m in self.report_moves if m.office_id == self.merged_id)

    @property
    def renumbered_reports(self) -> int:
        return sum(1 for m in self.report_moves if m.revision != m.new_revision)

    @property
    def note(self) -> str:
        return f"合并单位“{self.merged['name']}”到“{self.kept['name']}”"


def _plan_links(conn: sqlite3.Connection, kept_id: int, merged_id: int) -> tuple[list[int], list[dict[str, Any]]]:
    kept = {(link["task_id"], link["role"]): link for link in links_of(conn, kept_id)}
    moved, removed = [], []
    for link in links_of(conn, merged_id):
        task, role = link["task_id"], link["role"]
        if (task, role) in kept or (role == "co" and (task, "lead") in kept):
            removed.append(link)
            continue
        if role == "lead" and (task, "co") in kept:
            removed.append(kept[(task, "co")])
        moved.append(link["id"])
    return moved, removed


def _plan_targets(conn: sqlite3.Connection, kept_id: int, merged_id: int) -> tuple[list[int], list[dict[str, Any]]]:
    kept = {(t["task_id"], t["period"]): t for t in office_targets(conn, kept_id)}
    moved, removed, clashes = [], [], []
    for target in office_targets(conn, merged_id):
        other = kept.get((target["task_id"], target["period"]))
        if other is None:
            moved.append(target["id"])
        elif other["text"].strip() == target["text"].strip():
            removed.append(target)
        else:
            clashes.append(f"任务“{target['task_seq']} {target['task_name']}”{period_label(target['period'])}"
                           f"（“{other['text']}”与“{target['text']}”）")
    if clashes:
        shown = "；".join(clashes[:5]) + ("等" if len(clashes) > 5 else "")
        raise InputError(f"两个单位在同一任务、同一时期都有各自的目标，且内容不同，不能合并：{shown}。"
                         "请先修改或删除其中一个目标。")
    return moved, [{k: v for k, v in t.items() if k not in ("task_seq", "task_name")} for t in removed]


def _plan_reports(conn: sqlite3.Connection, kept_id: int, merged_id: int) -> list[ReportMove]:
    """Moves that keep revisions unique: both offices' revisions of a cell interleaved by time of report.

    Each office's own revisions keep their order, and no kept revision gets a lower number, so
    applying the moves from the highest new revision down never meets an occupied number.
    """
    cells: dict[tuple[int, str], dict[int, list[dict[str, Any]]]] = {}
    for report in office_reports(conn, (kept_id, merged_id)):
        cell = cells.setdefault((report["task_id"], report["period"]), {kept_id: [], merged_id: []})
        cell[report["office_id"]].append(report)
    moves: list[ReportMove] = []
    for cell in cells.values():
        kept, merged = cell[kept_id], cell[merged_id]
        if not merged:
            continue
        ordered = []
        while kept or merged:
            # On equal times the kept office's revision counts as the later one and stays current.
            take_merged = merged and (not kept or merged[0]["reported_at"] <= kept[0]["reported_at"])
            ordered.append((merged if take_merged else kept).pop(0))
        previous = 0
        for report in ordered:
            previous = max(previous + 1, report["revision"])
            if report["office_id"] == merged_id or report["revision"] != previous:
                moves.append(ReportMove(report["id"], report["office_id"], report["revision"], previous))
    return sorted(moves, key=lambda m: -m.new_revision)


def _kept_changes(conn: sqlite3.Connection, kept: dict[str, Any], merged: dict[str, Any]) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    if kept["division_code"] is None and merged["division_code"] is not None:
        changes["division_code"] = merged["division_code"]
    candidate = merged["parent_id"]
    safe = candidate is None or (candidate != kept["id"] and kept["id"] not in ancestors(conn, candidate))
    if merged["id"] in ancestors(conn, kept["id"]):
        # The kept office sat below the merged one: it takes the merged office's place.
        changes["parent_id"] = candidate if safe else None
    elif kept["parent_id"] is None and candidate is not None and safe:
        changes["parent_id"] = candidate
    return {k: v for k, v in changes.items() if kept[k] != v}


def plan_merge(conn: sqlite3.Connection, kept_id: int, merged_id: int) -> MergeResult:
    """What merging `merged_id` into `kept_id` would do, without writing; InputError if it is refused."""
    if kept_id == merged_id:
        raise InputError("请选择两个不同的单位进行合并。")
    kept, merged = office_row(conn, kept_id), office_row(conn, merged_id)
    if kept is None or merged is None:
        raise NotFoundError("要合并的单位已不存在，请刷新单位列表后重试。")
    moved_targets, removed_targets = _plan_targets(conn, kept_id, merged_id)
    moved_links, removed_links = _plan_links(conn, kept_id, merged_id)
    return MergeResult(
        kept=kept, merged=merged, kept_changes=_kept_changes(conn, kept, merged),
        children=tuple(i for i in referring_ids(conn, "offices", merged_id) if i != kept_id),
        moved_links=tuple(moved_links), removed_links=tuple(removed_links),
        moved_targets=tuple(moved_targets), removed_targets=tuple(removed_targets),
        report_moves=tuple(_plan_reports(conn, kept_id, merged_id)),
        moved_other={table: tuple(referring_ids(conn, table, merged_id)) for table in PLAIN_REFERENCES},
    )


def _apply(writer: Writer, result: MergeResult) -> None:
    note, kept_id, merged_id = result.note, result.kept_id, result.merged_id
    if result.kept_changes:
        writer.update("offices", kept_id, result.kept_changes, note)
    move_references(writer, "offices", result.children, merged_id, kept_id, note)
    for link in result.removed_links:
        delete_row(writer, "task_offices", link, note)
    move_references(writer, "task_offices", result.moved_links, merged_id, kept_id, note)
    for target in result.removed_targets:
        delete_row(writer, "targets", target, note)
    move_references(writer, "targets", result.moved_targets, merged_id, kept_id, note)
    for move in result.report_moves:
        move_report(writer, move.report_id, (move.office_id, move.revision), kept_id, move.new_revision, note)
    for table, ids in result.moved_other.items():
        move_references(writer, table, ids, merged_id, kept_id, note)
    delete_row(writer, "offices", result.merged, note)


def merge_offices(store: Store, kept_id: int, merged_id: int, seen: Sequence[Office] | None = None) -> MergeResult:
    """Move everything of `merged_id` to `kept_id` and delete `merged_id`, in one transaction.

    `seen` is the two offices as the editor showed them: when someone else has changed or
    removed either since, the merge is refused with `StaleWriteError` naming who and when.
    """
    with store.transaction() as writer:
        for office in sorted(seen or (), key=lambda o: o.id or 0):  # one order: two merges never wait on each other
            assert office.id is not None, "the editor shows offices read from the database"
            row = office_to_change(writer, office.id, office)
            assert row is not None, "office_to_change refuses a seen office that is gone"
            refuse_stale(writer, row, office, EDITED_COLUMNS)
        result = plan_merge(writer.conn, kept_id, merged_id)
        _apply(writer, result)
    return result


def unmerge_offices(store: Store, result: MergeResult) -> None:
    """Undo a merge: the merged office again with its old id, and every moved or removed row as it was."""
    note, kept_id, merged_id = "撤销" + result.note, result.kept_id, result.merged_id
    with store.transaction() as writer:
        kept = office_row(writer.conn, kept_id)
        if kept is None or any(kept[k] != v for k, v in result.kept_changes.items()):
            raise InputError(f"单位“{result.kept['name']}”在合并以后又被修改过，无法撤销合并。")
        if office_named(writer.conn, result.merged["name"]) is not None:
            raise InputError(f"合并以后又有了名为“{result.merged['name']}”的单位，无法撤销合并。")
        restore_row(writer, "offices", result.merged, note)
        if result.kept_changes:
            writer.update("offices", kept_id, {k: result.kept[k] for k in result.kept_changes}, note)
        move_references(writer, "offices", result.children, kept_id, merged_id, note)
        move_references(writer, "task_offices", result.moved_links, kept_id, merged_id, note)
        for link in result.removed_links:
            restore_row(writer, "task_offices", link, note)
        move_references(writer, "targets", result.moved_targets, kept_id, merged_id, note)
        for target in result.removed_targets:
            restore_row(writer, "targets", target, note)
        # The merged office's revisions leave first; the kept ones then return to their lower numbers.
        back = sorted(result.report_moves, key=lambda m: (m.office_id != merged_id, m.revision))
        for move in back:
            move_report(writer, move.report_id, (kept_id, move.new_revision), move.office_id, move.revision, note)
        for table, ids in result.moved_other.items():
            move_references(writer, table, ids, kept_id, merged_id, note)
