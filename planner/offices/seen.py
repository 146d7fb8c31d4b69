"""Refusing an office edit made against an older state of the office row (another coordinator's window
changed it first): the row is held until the write commits, and compared with the office as the editor
showed it; the refusal names who changed it and when, from the audit log."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from planner.domain.model import Office
from planner.store.audit import Writer
from planner.store.office_changes import office_row
from planner.store.row_history import AGAIN, changed_since, removed_since

EDITED_COLUMNS = ("name", "kind", "parent_id", "division_code")
COLUMN_LABELS = {"name": "名称", "kind": "类型", "parent_id": "上级单位", "division_code": "行政区划代码"}
KIND_LABELS = {"department": "部门", "county": "县（市、区）", "township": "乡镇（街道）", "other": "其他"}


def office_to_change(writer: Writer, office_id: int, seen: Office | None, then: str = AGAIN) -> dict[str, Any] | None:
    """The office row, held for the rest of the transaction; None when it is gone and no editor saw it."""
    row = writer.row_to_change("offices", office_id)
    if row is None and seen is not None:
        raise removed_since(writer.conn, "offices", office_id, f"单位“{seen.name}”", then)
    return row


def refuse_stale(writer: Writer, row: dict[str, Any], seen: Office, columns: Iterable[str], then: str = AGAIN) -> None:
    """Raise `StaleWriteError` when one of `columns` of the office is no longer what the editor saw;
    `then` tells what became of the write (AGAIN, NOT_UNDONE, NOT_REDONE)."""
    for column in columns:
        if getattr(seen, column) != row[column]:
            raise changed_since(writer.conn, "offices", row["id"], f"单位“{seen.name}”的{COLUMN_LABELS[column]}",
                                _shown(writer, column, row[column]), then)


def office_as_left(writer: Writer, office_id: int, left: dict[str, Any], then: str = AGAIN,
                   name: str | None = None) -> dict[str, Any]:
    """The office row, held for an undo or a redo that writes over what the edit (or its undo) `left` in
    some of its columns; refused with `StaleWriteError` naming who and when if someone else has changed
    one of those columns or removed the office since. `name` names the office where `left` does not."""
    name = left.get("name", name)
    row = writer.row_to_change("offices", office_id)
    if row is None:
        raise removed_since(writer.conn, "offices", office_id, f"单位“{name}”" if name else "这个单位", then)
    for column, value in left.items():
        if row[column] != value:
            what = f"单位“{name or row['name']}”的{COLUMN_LABELS[column]}"
            raise changed_since(writer.conn, "offices", office_id, what, _shown(writer, column, row[column]), then)
    return row


def _shown(writer: Writer, column: str, value: Any) -> str:
    if value is None or value == "":
        return "（无）"
    if column == "kind":
        return KIND_LABELS.get(value, value)
    if column == "parent_id":
        parent = office_row(writer.conn, value)
        return parent["name"] if parent else str(value)
    return str(value)
