"""Editing the office list: rename, kind, parent office, administrative-division code, and merging.

Each edit is one transaction with its audit rows and returns what it changed
(`OfficeChange`), so that an undo can put the exact previous values back through
`revert_office_change(s)` and a redo repeat it through `reapply_office_change(s)`.
`normalize_office_names` brings names stored before the normalisation rules into
their normalised form.
Merging two spellings of one office lives in `planner.offices.merge` and is
re-exported here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from planner.domain.errors import InputError, NotFoundError
from planner.domain.model import Office
from planner.domain.office_names import normalize_office_name
from planner.offices.merge import MergeResult, merge_offices, plan_merge, unmerge_offices
from planner.offices.seen import office_to_change, refuse_stale
from planner.offices.suggestions import MergeSuggestion, merge_suggestions
from planner.store import Store
from planner.store.audit import Writer
from planner.store.office_changes import (
    OfficeUsage,
    all_offices,
    ancestors,
    office_named,
    office_row,
    usage_counts,
)

__all__ = [
    "KINDS", "MergeResult", "MergeSuggestion", "OfficeChange", "OfficeUsage", "merge_offices", "merge_suggestions",
    "normalize_division_code", "normalize_office_names", "office_usage", "plan_merge", "reapply_office_change",
    "reapply_office_changes", "rename_office", "revert_office_change", "revert_office_changes", "set_division_code",
    "set_office_kind", "set_office_parent", "unmerge_offices",
]

KINDS = ("department", "county", "township", "other")

# The first two digits of a GB/T 2260 code name a province-level division.
PROVINCE_CODES = frozenset({
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42", "43",
    "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82",
})


@dataclass(frozen=True)
class OfficeChange:
    """One edit of one office row: the columns it changed, before and after."""

    office_id: int
    before: dict[str, Any]
    after: dict[str, Any]


def office_usage(store: Store) -> dict[int, OfficeUsage]:
    """Per office id: tasks led, tasks co-operated on, task-period cells reported (offices with none are absent)."""
    return usage_counts(store.conn)


def _existing(writer: Writer, office_id: int) -> dict[str, Any]:
    row = office_row(writer.conn, office_id)
    if row is None:
        raise NotFoundError(f"没有编号为 {office_id} 的单位，可能已被合并或删除。")
    return row


def _check_name_free(writer: Writer, office_id: int, name: str) -> None:
    other = office_named(writer.conn, name)
    if other is not None and other["id"] != office_id:
        raise InputError(f"已有名为“{name}”的单位。如果两者是同一单位，请用“合并”把它们合为一个。")


def _write(store: Store, office_id: int, values: dict[str, Any], note: str,
           check: Callable[[Writer, dict[str, Any]], None] | None = None,
           seen: Office | None = None) -> OfficeChange | None:
    with store.transaction() as writer:
        row = office_to_change(writer, office_id, seen)
        if row is None:
            raise NotFoundError(f"没有编号为 {office_id} 的单位，可能已被合并或删除。")
        changed = {k: v for k, v in values.items() if row[k] != v}
        if not changed:
            return None
        if seen is not None:
            refuse_stale(writer, row, seen, changed)
        if check is not None:
            check(writer, row)
        if "name" in changed:
            _check_name_free(writer, office_id, changed["name"])
        writer.update("offices", office_id, changed, note)
        return OfficeChange(office_id, {k: row[k] for k in changed}, changed)


# Each setter's `seen` is the office as the editor showed it: when someone else has changed what the
# setter writes since, the edit is refused with `StaleWriteError` naming who and when (None: written over
# whatever is stored, as the command line does).


def rename_office(store: Store, office_id: int, name: str, seen: Office | None = None) -> OfficeChange | None:
    """Give the office a new name, normalised; None if it already has that name."""
    normalised = normalize_office_name(name or "")
    if not normalised:
        raise InputError("单位名称不能为空。")
    return _write(store, office_id, {"name": normalised}, "单位改名", seen=seen)


def set_office_kind(store: Store, office_id: int, kind: str, seen: Office | None = None) -> OfficeChange | None:
    if kind not in KINDS:
        raise InputError(f"单位类型“{kind}”无效，应为部门、县（市、区）、乡镇（街道）或其他。")
    return _write(store, office_id, {"kind": kind}, "设置单位类型", seen=seen)


def set_office_parent(store: Store, office_id: int, parent_id: int | None,
                      seen: Office | None = None) -> OfficeChange | None:
    """Make `parent_id` the office's parent (None: no parent); refused if it would make a loop."""

    def check(writer: Writer, office: dict[str, Any]) -> None:
        if parent_id is None:
            return
        parent = _existing(writer, parent_id)
        if parent_id == office_id:
            raise InputError(f"单位“{office['name']}”不能是自己的上级单位。")
        if office_id in ancestors(writer.conn, parent_id):
            raise InputError(f"“{parent['name']}”是“{office['name']}”的下级单位，不能再作为它的上级单位。")

    return _write(store, office_id, {"parent_id": parent_id}, "设置上级单位", check, seen)


def normalize_division_code(text: str | None) -> str | None:
    """A GB/T 2260 code (6 digits) or a statistical division code (12 digits); None for an empty entry.

    Full-width digits and spaces are accepted and converted, anything else is refused.
    """
    code = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))
    if not code:
        return None
    if not re.fullmatch(r"[0-9]+", code):
        raise InputError(f"行政区划代码“{(text or '').strip()}”只能由数字组成。")
    if len(code) not in (6, 12):
        raise InputError(f"行政区划代码应为 6 位（县级及以上，GB/T 2260）或 12 位（统计用区划代码）数字，"
                         f"“{code}”是 {len(code)} 位。")
    if code[:2] not in PROVINCE_CODES:
        raise InputError(f"行政区划代码“{code}”的前两位“{code[:2]}”不是省级行政区划代码。")
    return code


def set_division_code(store: Store, office_id: int, code: str | None,
                      seen: Office | None = None) -> OfficeChange | None:
    """Set the office's administrative-division code; an empty entry clears it."""
    return _write(store, office_id, {"division_code": normalize_division_code(code)}, "设置行政区划代码", seen=seen)


def _restore(writer: Writer, change: OfficeChange, expected: dict[str, Any], values: dict[str, Any],
             note: str) -> None:
    row = _existing(writer, change.office_id)
    if any(row[k] != v for k, v in expected.items()):
        raise InputError(f"单位“{row['name']}”在此之后又被修改过，无法按原样撤销或重做。")
    if "name" in values:
        _check_name_free(writer, change.office_id, values["name"])
    parent_id = values.get("parent_id")
    if parent_id is not None and (office_row(writer.conn, parent_id) is None
                                  or change.office_id in ancestors(writer.conn, parent_id)):
        raise InputError(f"单位“{row['name']}”原来的上级单位已不存在或已成为它的下级，无法恢复。")
    writer.update("offices", change.office_id, values, note)


def revert_office_changes(store: Store, changes: list[OfficeChange]) -> None:
    """Undo, in one transaction: put the values the edits replaced back, if the offices still have the
    values the edits wrote."""
    with store.transaction() as writer:
        for change in reversed(changes):
            _restore(writer, change, change.after, change.before, "撤销单位修改")


def reapply_office_changes(store: Store, changes: list[OfficeChange]) -> None:
    """Redo, in one transaction: write the edits' values again over the ones they replaced."""
    with store.transaction() as writer:
        for change in changes:
            _restore(writer, change, change.before, change.after, "重做单位修改")


def revert_office_change(store: Store, change: OfficeChange) -> None:
    revert_office_changes(store, [change])


def reapply_office_change(store: Store, change: OfficeChange) -> None:
    reapply_office_changes(store, [change])


def normalize_office_names(store: Store) -> list[OfficeChange]:
    """Rewrite every name not yet in its normalised form (full-width, traditional, spaces), in one transaction.

    Names written before the rules that normalise them stay unmatched otherwise. A name whose
    normalised form another office already has is left as it is: the two are one office, and
    `merge_suggestions` offers them for merging.
    """
    changes: list[OfficeChange] = []
    with store.transaction() as writer:
        for row in all_offices(writer.conn):
            normal = normalize_office_name(row["name"])
            if not normal or normal == row["name"] or office_named(writer.conn, normal) is not None:
                continue
            writer.update("offices", row["id"], {"name": normal}, "规范单位名称")
            changes.append(OfficeChange(row["id"], {"name": row["name"]}, {"name": normal}))
    return changes
