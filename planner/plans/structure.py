"""Building a plan by hand: the plan itself, its sections, and adding, moving and deleting tasks.

序号 follows the order: after every change to the order the tasks are numbered
1, 2, 3 … through the plan; where sections nest, a task in a sub-section is
numbered after its top-level section, 1.1, 1.2 … 2.1. Every function is one
transaction, and each has its undo (`restore_…`) that puts back exactly what was
there, ids included.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from planner.domain.errors import InputError, NotFoundError
from planner.domain.model import PlanState
from planner.domain.safe_text import safe_text
from planner.store import Store, plan_rows, task_rows
from planner.store.audit import Writer, now_text
from planner.store.queries import task_plan
from planner.store.row_history import AGAIN, changed_since, removed_since

MIN_YEAR, MAX_YEAR, MAX_YEARS = 2000, 2100, 10
PLAN_FIELDS = ("title", "doc_no", "issuer", "issue_date", "appendix_title")
PLAN_FIELD_LABELS = {"title": "名称", "doc_no": "文号", "issuer": "发文单位", "issue_date": "印发日期",
                     "appendix_title": "附件标题", "first_year": "起始年度", "last_year": "结束年度", "state": "状态"}
STATE_LABELS = {PlanState.DRAFT.value: "草稿", PlanState.ISSUED.value: "已下达"}
# Rows that belong to a task, in the order they can be put back after the task itself.
TASK_TABLES = ("task_offices", "targets", "reports", "attachments", "adjustments", "earlier_targets")


def _check_years(first_year: int, last_year: int) -> None:
    if not (MIN_YEAR <= first_year <= MAX_YEAR and MIN_YEAR <= last_year <= MAX_YEAR):
        raise InputError(f"年度应在 {MIN_YEAR}—{MAX_YEAR} 之间。")
    if first_year > last_year:
        raise InputError(f"起始年度（{first_year}）不能晚于结束年度（{last_year}）。")
    if last_year - first_year + 1 > MAX_YEARS:
        raise InputError(f"一个计划最多 {MAX_YEARS} 个年度。")


def create_plan(store: Store, title: str, first_year: int, last_year: int, doc_no: str = "",
                issuer: str = "") -> int:
    """A new, empty plan in the draft state (草稿)."""
    title = safe_text(title or "").strip()
    if not title:
        raise InputError("计划名称不能为空。")
    _check_years(first_year, last_year)
    with store.transaction() as writer:
        return writer.insert("plans", {"title": title, "doc_no": safe_text(doc_no).strip(),
                                       "issuer": safe_text(issuer).strip(),
                                       "first_year": first_year, "last_year": last_year,
                                       "state": PlanState.DRAFT.value, "created_at": now_text()})


def plan_row(conn: sqlite3.Connection, plan_id: int) -> dict[str, Any]:
    row = plan_rows.plan_row(conn, plan_id)
    if row is None:
        raise NotFoundError(f"没有编号为 {plan_id} 的计划。")
    return row


def update_plan(store: Store, plan_id: int, changes: dict[str, Any], seen: dict[str, Any] | None = None,
                then: str = AGAIN) -> dict[str, Any]:
    """Change the plan's title, 字号, issuer or years; returns the values it had before.

    `seen` is the plan's values as the editor showed them (an undo: as the change left them):
    when someone else has changed one of the fields this write sets since, it is refused with
    `StaleWriteError` naming who and when, ending with `then` (None: written over whatever is
    stored, as the command line does).
    """
    unknown = set(changes) - set(PLAN_FIELDS) - {"first_year", "last_year"}
    if unknown:
        raise ValueError(f"not plan fields: {sorted(unknown)}")
    changes, seen = _cleaned(changes), _cleaned(seen) if seen is not None else None
    if "title" in changes and not changes["title"]:
        raise InputError("计划名称不能为空。")
    with store.transaction() as writer:
        old = _plan_to_change(writer, plan_id, seen is not None)
        if seen is not None:
            _refuse_stale(writer, old, seen, [k for k in changes if old[k] != changes[k]], then)
        first, last = changes.get("first_year", old["first_year"]), changes.get("last_year", old["last_year"])
        _check_years(first, last)
        outside = plan_rows.periods_outside_years(writer.conn, plan_id, first, last)
        if outside:
            raise InputError(f"有 {outside} 个目标或填报在 {first}—{last} 年之外，不能这样修改年度。")
        writer.update("plans", plan_id, changes)
    return {k: old[k] for k in changes}


def set_state(store: Store, plan_id: int, state: PlanState, seen: PlanState | None = None,
              then: str = AGAIN) -> PlanState:
    """Issue a plan (已下达) or take it back to draft; returns the state it had.

    `seen` is the state the window showed: when someone else has changed it since, the
    change is refused with `StaleWriteError` naming who and when."""
    with store.transaction() as writer:
        row = _plan_to_change(writer, plan_id, seen is not None)
        old = PlanState(row["state"])
        if seen is not None and old is not state:
            _refuse_stale(writer, row, {"state": seen.value}, ["state"], then)
        changes: dict[str, Any] = {"state": state.value}
        if state is PlanState.ISSUED and not row["issue_date"]:
            changes["issue_date"] = now_text()[:10]
        writer.update("plans", plan_id, changes, "下达计划" if state is PlanState.ISSUED else "")
    return old


def _plan_to_change(writer: Writer, plan_id: int, seen: bool) -> dict[str, Any]:
    """The plan row, held until the write commits. A plan the editor saw and someone deleted since is
    refused naming who and when; an id that names no plan, as an unknown one."""
    row = writer.row_to_change("plans", plan_id)
    if row is not None:
        return row
    if seen:
        raise removed_since(writer.conn, "plans", plan_id, f"编号为 {plan_id} 的计划")
    return plan_row(writer.conn, plan_id)  # raises NotFoundError


def _cleaned(values: dict[str, Any]) -> dict[str, Any]:
    return {k: (safe_text(v).strip() if isinstance(v, str) else v) for k, v in values.items()}


def _refuse_stale(writer: Writer, row: dict[str, Any], seen: dict[str, Any], fields: Iterable[str],
                  then: str) -> None:
    """Raise `StaleWriteError` when one of `fields` of the plan is no longer what the editor saw."""
    for name in fields:
        if name in seen and seen[name] != row[name]:
            now = STATE_LABELS.get(row[name], row[name]) if name == "state" else row[name]
            raise changed_since(writer.conn, "plans", row["id"],
                                f"计划“{row['title']}”的{PLAN_FIELD_LABELS[name]}", now, then)


# Sections


def add_section(store: Store, plan_id: int, title: str, parent_id: int | None = None) -> int:
    title = safe_text(title or "").strip()
    if not title:
        raise InputError("章节标题不能为空。")
    plan_row(store.conn, plan_id)
    with store.transaction() as writer:
        position = plan_rows.next_section_position(writer.conn, plan_id)
        section_id = writer.insert("sections", {"plan_id": plan_id, "parent_id": parent_id, "position": position,
                                                "title": title})
        _renumber(writer, plan_id)
        return section_id


def rename_section(store: Store, section_id: int, title: str, seen: str | None = None, then: str = AGAIN) -> str:
    """Returns the earlier title. `seen` is the title the editor showed: when someone else has
    changed it since, the rename is refused with `StaleWriteError` naming who and when."""
    title, seen = safe_text(title or "").strip(), safe_text(seen).strip() if seen is not None else None
    if not title:
        raise InputError("章节标题不能为空。")
    with store.transaction() as writer:
        old = writer.row_to_change("sections", section_id)
        if old is None:
            if seen is not None:
                raise removed_since(writer.conn, "sections", section_id, f"章节“{seen}”", then)
            raise NotFoundError("该章节已不存在。")
        if seen is not None and old["title"] not in (seen, title):
            raise changed_since(writer.conn, "sections", section_id, f"章节“{seen}”的标题", old["title"], then)
        writer.update("sections", section_id, {"title": title})
        return old["title"]


def delete_section(store: Store, section_id: int) -> dict[str, Any]:
    """Delete an empty section; returns its row for `restore_section`."""
    with store.transaction() as writer:
        row = writer.row("sections", section_id)
        if row is None:
            raise NotFoundError("该章节已不存在。")
        if plan_rows.section_content_count(writer.conn, section_id):
            raise InputError(f"章节“{row['title']}”下还有任务或子章节，请先移走或删除它们。")
        writer.delete("sections", section_id)
        return row


def restore_section(store: Store, row: dict[str, Any]) -> None:
    with store.transaction() as writer:
        writer.insert("sections", row, "撤销")


# Tasks: order and numbering


@dataclass
class Order:
    """Where every task of a plan stands: (section, position, 序号) by task id."""

    plan_id: int
    places: dict[int, tuple[int | None, int, str]] = field(default_factory=dict)


def current_order(conn: sqlite3.Connection, plan_id: int) -> Order:
    rows = plan_rows.task_places(conn, plan_id)
    return Order(plan_id, {r["id"]: (r["section_id"], r["position"], r["seq"]) for r in rows})


def outline_order(sections: Iterable[tuple[int, int | None, int]]) -> list[tuple[int, int | None]]:
    """(section id, ordinal of its top-level section) for sections given as (id, parent id, position),
    in outline order: each section after its parent, siblings by position. A section whose parent is
    not among them is a top-level one."""
    ordered_by_position = sorted(sections, key=lambda section: section[2])
    known = {section_id for section_id, _, _ in ordered_by_position}
    children: dict[int | None, list[int]] = {}
    for section_id, parent_id, _ in ordered_by_position:
        children.setdefault(parent_id if parent_id in known else None, []).append(section_id)
    ordered: list[tuple[int, int | None]] = []
    pending = [(section_id, number) for number, section_id in enumerate(children.get(None, []), start=1)][::-1]
    while pending:
        section_id, top = pending.pop()
        ordered.append((section_id, top))
        pending.extend((child, top) for child in reversed(children.get(section_id, [])))
    return ordered


def _outline(conn: sqlite3.Connection, plan_id: int) -> list[tuple[int, int | None]]:
    """(section id, top-level section ordinal) in outline order."""
    return outline_order(plan_rows.section_places(conn, plan_id))


def _renumber(writer: Writer, plan_id: int) -> None:
    """Positions follow the outline (tasks without a section first), 序号 the positions."""
    conn = writer.conn
    outline = _outline(conn, plan_id)
    nested = plan_rows.has_nested_sections(conn, plan_id)
    tasks: dict[int | None, list[sqlite3.Row]] = {}
    for row in plan_rows.task_places_in_order(conn, plan_id):
        tasks.setdefault(row["section_id"], []).append(row)
    groups = [(None, None)] + outline
    known = {section_id for section_id, _ in outline}
    orphans = [row for key, rows in tasks.items() if key is not None and key not in known for row in rows]
    position, running = 0, 0
    per_top: dict[int, int] = {}
    for section_id, top in groups:
        rows = tasks.get(section_id, []) + (orphans if section_id is None else [])
        for row in rows:
            running += 1
            if nested and top is not None:
                per_top[top] = per_top.get(top, 0) + 1
                seq = f"{top}.{per_top[top]}"
            else:
                seq = str(running)
            if (row["position"], row["seq"]) != (position, seq):
                writer.update("tasks", row["id"], {"position": position, "seq": seq}, "重新编号")
            position += 1


def renumber(store: Store, plan_id: int) -> Order:
    """Number the plan's tasks by their order; returns the order before, for undo."""
    before = current_order(store.conn, plan_id)
    with store.transaction() as writer:
        _renumber(writer, plan_id)
    return before


def restore_order(store: Store, order: Order) -> None:
    with store.transaction() as writer:
        _restore_order(writer, order)


def _restore_order(writer: Writer, order: Order) -> None:
    for task_id, (section_id, position, seq) in order.places.items():
        if writer.row("tasks", task_id) is not None:
            writer.update("tasks", task_id, {"section_id": section_id, "position": position, "seq": seq}, "撤销")


def _end_of_section(order: Order, section_id: int | None) -> float:
    """A position after the last task of the section (or after every task, when it has none)."""
    in_section = [position for section, position, _ in order.places.values() if section == section_id]
    return (max(in_section) + 0.5) if in_section else len(order.places)


def add_task(store: Store, plan_id: int, section_id: int | None, after_task_id: int | None = None,
             name: str = "新任务") -> tuple[int, Order]:
    """A new task below `after_task_id` (or at the end of the section); returns its id and the order before."""
    before = current_order(store.conn, plan_id)
    position: float  # between two tasks' until _renumber numbers them again
    with store.transaction() as writer:
        if after_task_id is not None and after_task_id in before.places:
            section_id, position, _ = before.places[after_task_id]
            position += 0.5
        else:
            position = _end_of_section(before, section_id)
        task_id = writer.insert("tasks", {"plan_id": plan_id, "section_id": section_id, "position": position,
                                          "name": name})
        _renumber(writer, plan_id)
        return task_id, before


def move_task(store: Store, task_id: int, section_id: int | None, before_task_id: int | None) -> Order:
    """Put the task into `section_id`, just above `before_task_id` (None: at the section's end)."""
    plan_id = task_plan(store.conn, task_id).stored_id
    before = current_order(store.conn, plan_id)
    position: float  # between two tasks' until _renumber numbers them again
    with store.transaction() as writer:
        if before_task_id is not None:
            section_id, position, _ = before.places[before_task_id]
            position -= 0.5
        else:
            position = _end_of_section(before, section_id)
        writer.update("tasks", task_id, {"section_id": section_id, "position": position})
        _renumber(writer, plan_id)
    return before


# Deleting a task


@dataclass
class DeletedTask:
    """Everything a deleted task took with it, to put back on undo."""

    task: dict[str, Any]
    rows: dict[str, list[dict[str, Any]]]
    order: Order

    @property
    def report_count(self) -> int:
        return len(self.rows.get("reports", []))


def report_count(conn: sqlite3.Connection, task_id: int) -> int:
    return task_rows.report_count(conn, task_id)


def delete_task(store: Store, task_id: int, reason: str = "") -> DeletedTask:
    """Delete a task with its targets, links, reports and evidence; `reason` goes into the change log."""
    plan_id = task_plan(store.conn, task_id).stored_id
    order = current_order(store.conn, plan_id)
    with store.transaction() as writer:
        task = writer.row("tasks", task_id)
        assert task is not None, "task_plan found it, and no other writer can have deleted it since"
        rows = {table: task_rows.rows_of_task(writer.conn, table, task_id) for table in TASK_TABLES}
        for table in reversed(TASK_TABLES):
            for row in rows[table]:
                writer.delete(table, row["id"], reason)
        writer.delete("tasks", task_id, reason)
        _renumber(writer, plan_id)
    return DeletedTask(task, rows, order)


def restore_task(store: Store, deleted: DeletedTask) -> None:
    with store.transaction() as writer:
        writer.insert("tasks", deleted.task, "撤销删除")
        for table in TASK_TABLES:
            for row in deleted.rows[table]:
                writer.insert(table, row, "撤销删除")
        _restore_order(writer, deleted.order)


def delete_empty_plan(store: Store, plan_id: int) -> None:
    """Undo of `create_plan`: only a plan with nothing in it can go."""
    with store.transaction() as writer:
        if plan_rows.plan_content_count(writer.conn, plan_id):
            raise InputError("计划中已有章节或任务，不能撤销创建。")
        writer.delete("plans", plan_id, "撤销创建")


def neighbour_place(plan_tasks: list[tuple[int, int | None]], outline: list[int], task_id: int,
                    step: int) -> tuple[int | None, int | None] | None:
    """Where a task goes when moved one place up (step -1) or down (+1): (section id, before task id).

    `plan_tasks` is (task id, section id) in order; `outline` the section ids in
    outline order. None when the task is already first or last.
    """
    groups: dict[int | None, list[int]] = {None: []}
    for section_id in outline:
        groups[section_id] = []
    for tid, task_section in plan_tasks:
        groups.setdefault(task_section if task_section in groups else None, []).append(tid)
    order = ([None] if groups[None] or not outline else []) + list(outline)
    section = next(s for s, members in groups.items() if task_id in members)
    members = groups[section]
    at = members.index(task_id)
    if step < 0 and at > 0:
        return section, members[at - 1]
    if step > 0 and at < len(members) - 1:
        return section, members[at + 2] if at + 2 < len(members) else None
    g = order.index(section) + step
    if not 0 <= g < len(order):
        return None
    target = order[g]
    if step < 0:
        return target, None
    return target, groups[target][0] if groups[target] else None


def outline_sections(conn: sqlite3.Connection, plan_id: int) -> list[int]:
    return [section_id for section_id, _ in _outline(conn, plan_id)]
