"""Refusing an office edit made against an older state of the office row (another coordinator's window
changed it first): the row is held until the write commits, and compared with the office as the editor
showed it; the refusal names who changed it and when, from the audit log."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from planner.domain.model import Office
from planner.store.audit import Writer
from planner.store.office_changes import office_row
from planner.store.row_history import changed_since, removed_since

EDITED_COLUMNS = ("name", "kind", "parent_id", "division_code")
COLUMN_LABELS = {"name": "名称", "kind": "类型", "parent_id": "上级单位", "division_code": "行政区划代码"}
KIND_LABELS = {"department": "部门", "county": "县（市、区）", "township": "乡镇（街道）", "other": "其他"}


def office_to_change(writer: Writer, office_id: int, seen: Office | None) -> dict[str, Any] | None:
    """The office row, held for the rest of the transaction; None when it is gone and no editor saw it."""
    row = writer.row_to_change("offices", office_id)
    if row is None and seen is not None:
        raise removed_since(writer.conn, "offices", office_id, f"单位“{seen.name}”")
    return row


def refuse_stale(writer: Writer, row: dict[str, Any], seen: Office, columns: Iterable[str]) -> None:
    """Raise `StaleWriteError` when one of `columns` of the office is no longer what the editor saw."""
    for column in columns:
        if getattr(seen, column) != row[column]:
            raise changed_since(writer.conn, "offices", row["id"], f"单位“{seen.name}”的{COLUMN_LABELS[column]}",
                                _shown(writer, column, row[column]))


def _shown(writer: Writer, column: str, value: Any) -> str:
    if value is None or value == "":
        return "（无）"
    if column == "kind":
        return KIND_LABELS.get(value, value)
    if column == "parent_id":
        parent = office_row(writer.conn, value)
        return parent["name"] if parent else str(value)
    return str(value)
