"""The same file imported twice: refuse, replace the earlier plan, or keep both as versions.

An imported plan records the sha256 of the file it came from (a spreadsheet, or a notice
in any of its formats). When the same content comes again, the user chooses: refuse
(the default), replace the earlier plan (refused once it has progress reports, which
would be lost) or import it as a new version. Both importers write through
`write_imported_plan`, which checks again inside its transaction.
"""

from __future__ import annotations

import sqlite3
from typing import Literal

from planner.domain.errors import InputError
from planner.domain.model import Plan
from planner.sheets.bulk import paused_gc
from planner.store import Store
from planner.store.plan_rows import plans_from_source
from planner.store.plans import insert_plan
from planner.store.report_rows import plan_report_count

OnDuplicate = Literal["refuse", "replace", "new_version"]


class DuplicateImportError(InputError):
    """The same file content was imported before."""


def earlier_import(conn: sqlite3.Connection, source_hash: str) -> tuple[int, str, str] | None:
    """The latest plan imported from the same file content, as (id, title, date), or None."""
    earlier = plans_from_source(conn, source_hash)
    if not earlier:
        return None
    last = earlier[-1]
    return last["id"], last["title"], (last["created_at"] or "")[:10]


def resolve_duplicate(conn: sqlite3.Connection, source_hash: str | None, name: str, plan: Plan,
                      on_duplicate: OnDuplicate) -> list[int]:
    """The plans to delete (for replace); sets a version suffix on `plan` (for new_version); refuses otherwise."""
    earlier = plans_from_source(conn, source_hash) if source_hash else []
    if not earlier:
        return []
    last = earlier[-1]
    when = (last["created_at"] or "")[:10]
    if on_duplicate == "refuse":
        raise DuplicateImportError(
            f"文件“{name}”已于 {when} 导入过（计划 {last['id']}：{last['title']}），未重复导入。"
            "如需覆盖请选择“替换”（命令行 --replace），如需另存一份请选择“新版本”（命令行 --new-version）。"
        )
    if on_duplicate == "new_version":
        plan.title = f"{plan.title}（第{len(earlier) + 1}版）"
        return []
    if on_duplicate != "replace":
        raise ValueError(f"on_duplicate must be refuse, replace or new_version, not {on_duplicate!r}")
    for row in earlier:
        reports = plan_report_count(conn, row["id"])
        if reports:
            raise DuplicateImportError(
                f"文件“{name}”已于 {when} 导入为计划 {row['id']}（{row['title']}），该计划已有 {reports} 条进展填报，"
                "不能替换，以免丢失填报数据。如需再导入一份，请选择“新版本”（命令行 --new-version）。"
            )
    return [row["id"] for row in earlier]


def write_imported_plan(store: Store, plan: Plan, name: str, on_duplicate: OnDuplicate,
                        note: str) -> tuple[int, list[int]]:
    """Insert `plan` in one transaction with its audit rows, replacing earlier imports when asked.

    Returns the new plan's id and the ids of the plans it replaced.
    """
    with paused_gc(), store.transaction() as writer:
        # Checked inside the transaction: another window may have imported the file meanwhile.
        replaced = resolve_duplicate(store.conn, plan.source_hash, name, plan, on_duplicate)
        for plan_id in replaced:
            writer.delete("plans", plan_id, note)
        plan_id = insert_plan(writer, plan, note)
    return plan_id, replaced
