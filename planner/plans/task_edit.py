"""Changing one task: its texts, its targets and its responsible offices, each change one transaction.

Every function returns the task as stored afterwards, so that a window can show
the change without reading the whole plan again, and the id of the adjustment it
recorded (an issued plan's core content changes only with a `Change`). The
`restore_…` functions are the undo of each change: they put the earlier content
back exactly and withdraw the adjustment.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from planner.domain.errors import InputError
from planner.domain.figures import out_of_bounds_message
from planner.domain.model import Plan, Role, Target, Task
from planner.domain.office_names import normalize_office_name
from planner.domain.periods import parse_period
from planner.domain.safe_text import safe_text
from planner.domain.target_building import harmonise_kinds, make_target, targets_from_text
from planner.domain.target_text import out_of_range_figure
from planner.plans.adjustments import Change, checked_change, keep_earlier_target, record, withdraw
from planner.store import Store
from planner.store.audit import Writer
from planner.store.audit_text import period_label
from planner.store.offices_repo import ensure_offices
from planner.store.queries import load_task, task_plan
from planner.store.row_history import changed_since, removed_since
from planner.store.task_rows import responsible_links, target_ids

TEXT_FIELDS = ("seq", "name", "content", "indicator", "baseline", "note")
MAX_TEXT = 10_000
OFFICE_SEPARATOR = "、"


@dataclass
class EditResult:
    task: Task
    adjustment_id: int | None = None
    changed: bool = True  # False: the task already had this content and nothing was written


def _clean_text(field: str, value: str) -> str:
    value = safe_text(value or "").strip()
    if len(value) > MAX_TEXT:
        raise InputError(f"内容过长（{len(value)} 字），一个单元格最多 {MAX_TEXT} 字。")
    if field == "name" and not value:
        raise InputError("主要任务不能为空。")
    return value


def edit_task_text(store: Store, task_id: int, field: str, value: str, change: Change | None = None,
                   seen: str | None = None) -> EditResult:
    """Set one text field (序号, 主要任务, 重点内容, 具体指标, 现状, 备注) of a task.

    `seen` is the text the editor started from: when someone else has changed the field
    since, the edit is refused with `StaleWriteError` naming who and when, rather than
    overwriting theirs unseen (two coordinators' windows on one server).
    """
    if field not in TEXT_FIELDS:
        raise ValueError(f"not a text field of a task: {field}")
    value = _clean_text(field, value)
    plan = task_plan(store.conn, task_id)
    with store.transaction() as writer:
        row = writer.row_to_change("tasks", task_id)
        if row is None:
            raise removed_since(writer.conn, "tasks", task_id, f"计划“{plan.title}”中的这项任务")
        old = row[field]
        adjustment_id = None
        if old == value:
            return EditResult(load_task(writer.conn, task_id), changed=False)
        if seen is not None and old != seen:
            raise changed_since(writer.conn, "tasks", task_id, f"任务“{row['name']}”的这一项", old)
        change = checked_change(plan.state, field, change)
        writer.update("tasks", task_id, {field: value}, change.reason if change else "")
        if change is not None:
            adjustment_id = record(writer, task_id, field, old, value, change)
        return EditResult(load_task(writer.conn, task_id), adjustment_id)


def restore_task_text(store: Store, task_id: int, field: str, old_value: str, adjustment_id: int | None) -> Task:
    with store.transaction() as writer:
        writer.update("tasks", task_id, {field: old_value}, "撤销")
        if adjustment_id is not None:
            withdraw(writer, adjustment_id)
        return load_task(writer.conn, task_id)


# Targets


def _check_period(plan: Plan, period: str) -> str:
    parsed = parse_period(period)
    if not plan.first_year <= parsed.year <= plan.last_year:
        raise InputError(f"{parsed.label}不在计划的年度范围（{plan.first_year}—{plan.last_year}年）内。")
    return parsed.code


def _office_ids(writer: Writer, targets: list[Target]) -> dict[str, int]:
    return ensure_offices(writer, [t.office for t in targets if t.office])


def _target_row(target: Target, task_id: int, office_ids: dict[str, int]) -> dict:
    return {"task_id": task_id, "period": target.period,
            "office_id": office_ids[normalize_office_name(target.office)] if target.office else None,
            "text": target.text, "comparator": target.comparator, "value": target.value, "unit": target.unit,
            "kind": target.kind, "deadline_year": target.deadline_year}


def _write_targets(writer: Writer, task_id: int, wanted: list[Target], note: str,
                   office_ids: dict[str, int]) -> None:
    """Make the task's stored targets exactly `wanted`: rows with an id are kept or updated, others inserted.

    `office_ids` has the id of every office named in `wanted` (`_office_ids`)."""
    stored = target_ids(writer.conn, task_id)
    keep = {t.id for t in wanted if t.id is not None}
    for target_id in sorted(stored - keep):
        writer.delete("targets", target_id, note)
    for target in wanted:
        values = _target_row(target, task_id, office_ids)
        if target.id in stored:
            writer.update("targets", target.id, values, note)
        else:
            target.id = writer.insert("targets", values if target.id is None else {"id": target.id, **values}, note)


def _key(target: Target) -> tuple[str, str | None]:
    return target.period, target.office


def set_target(store: Store, task_id: int, period: str, text: str, office: str | None = None,
               change: Change | None = None, seen: list[Target] | None = None) -> EditResult:
    """Type a target: the plan-wide one of `period` (office None) or one office's share.

    The text is kept as written; how it was understood is stored beside it, and a
    text the parser cannot read is kept as a text target. An empty text removes the
    target. A plan-wide target with a 其中 list sets the offices' shares it names.
    `seen` is the task's targets as the editor showed them: when someone else has since
    changed one this write would replace, it is refused with `StaleWriteError` naming who
    and when (None: written over whatever is stored, as the command line and imports do).
    """
    plan = task_plan(store.conn, task_id)
    period = _check_period(plan, period)
    text = _clean_text("target", text)
    if (too_large := out_of_range_figure(text)) is not None:
        raise InputError(out_of_bounds_message(f"目标“{text[:40]}”中的数字", too_large) + "，请改正后再保存。")
    office = normalize_office_name(office) if office else None
    with store.transaction() as writer:
        if writer.row_to_change("tasks", task_id) is None:  # held: the task's targets change one write at a time
            raise removed_since(writer.conn, "tasks", task_id, f"计划“{plan.title}”中的这项任务")
        task = load_task(writer.conn, task_id)
        before = {_key(t): t for t in task.targets}
        if office is None:
            new = targets_from_text(period, text, kind=task.kind) if text else []
        else:
            # A share is read as its plan-wide target is (a level or an increment), as a 其中 list's shares are.
            plan_wide = before.get((period, None))
            kind = plan_wide.kind if plan_wide is not None and plan_wide.value is not None else task.kind
            new = [make_target(period, text, office=office, kind=kind)] if text else []
        replaced = {_key(t) for t in new} | {(period, office)}
        if office is None and len(new) > 1:
            replaced |= {k for k in before if k[0] == period and k[1] is not None}
        wanted = [t for t in task.targets if _key(t) not in replaced]
        for target in new:
            target.id = before[_key(target)].id if _key(target) in before else None
            wanted.append(target)
        candidate = copy.deepcopy(task)
        candidate.targets = wanted
        harmonise_kinds(candidate)
        changed_keys = [k for k in replaced | set(before)
                        if _signature(before.get(k)) != _signature(_find(candidate.targets, k))]
        if not changed_keys:
            return EditResult(task, changed=False)
        if seen is not None:
            _refuse_stale(writer, task, seen, replaced)
        change = checked_change(plan.state, "target", change)
        note = change.reason if change else ""
        # An adjustment also names the offices whose targets it removes.
        office_ids = _office_ids(writer, candidate.targets + (list(before.values()) if change is not None else []))
        _write_targets(writer, task_id, candidate.targets, note, office_ids)
        adjustment_id = None
        if change is not None:
            old = before.get((period, office))
            adjustment_id = record(writer, task_id, "target", old.text if old else "", text, change, period,
                                   office_ids[office] if office else None)
            for key in changed_keys:
                keep_earlier_target(writer, adjustment_id, task_id, key[0],
                                    office_ids[normalize_office_name(key[1])] if key[1] else None,
                                    before.get(key), change, plan.first_year)
        return EditResult(load_task(writer.conn, task_id), adjustment_id)


def _refuse_stale(writer: Writer, task: Task, seen: list[Target], keys: set[tuple[str, str | None]]) -> None:
    """Raise `StaleWriteError` when a target among `keys` is not as the editor saw it."""
    for key in sorted(keys, key=lambda k: (k[0], k[1] or "")):
        saw, now = _find(seen, key), _find(task.targets, key)
        if (saw.text if saw else None) == (now.text if now else None):
            continue
        what = f"任务“{task.name}”{period_label(key[0])}" + (f"{key[1]}的分解目标" if key[1] else "的目标")
        if now is not None:
            assert now.id is not None, "read from the database"
            raise changed_since(writer.conn, "targets", now.id, what, now.text)
        assert saw is not None and saw.id is not None, "a target seen and gone was read from the database"
        raise removed_since(writer.conn, "targets", saw.id, what)


def _find(targets: list[Target], key: tuple[str, str | None]) -> Target | None:
    return next((t for t in targets if _key(t) == key), None)


def _signature(target: Target | None) -> tuple | None:
    if target is None:
        return None
    return target.text, target.comparator, target.value, target.unit, target.kind, target.deadline_year


def restore_targets(store: Store, task_id: int, targets: list[Target], adjustment_id: int | None) -> Task:
    """Undo of `set_target`: the task's targets exactly as in `targets` (taken before the change)."""
    with store.transaction() as writer:
        if adjustment_id is not None:
            withdraw(writer, adjustment_id)
        targets = copy.deepcopy(targets)
        _write_targets(writer, task_id, targets, "撤销", _office_ids(writer, targets))
        return load_task(writer.conn, task_id)


# Responsible offices


def offices_text(lead: list[str], co: list[str]) -> str:
    text = "牵头：" + OFFICE_SEPARATOR.join(lead)
    return text + ("；配合：" + OFFICE_SEPARATOR.join(co) if co else "")


def _office_list(names: list[str]) -> list[str]:
    return list(dict.fromkeys(normalize_office_name(n) for n in names if n and n.strip()))


def _write_offices(writer: Writer, task_id: int, lead: list[str], co: list[str], note: str) -> None:
    ids = ensure_offices(writer, lead + co)
    wanted = [(ids[name], Role.LEAD.value, order) for order, name in enumerate(lead)]
    wanted += [(ids[name], Role.CO.value, len(lead) + order) for order, name in enumerate(co) if name not in lead]
    stored = responsible_links(writer.conn, task_id)
    wanted_keys = {(office_id, role) for office_id, role, _ in wanted}
    for key, (link_id, _) in stored.items():
        if key not in wanted_keys:
            writer.delete("task_offices", link_id, note)
    for office_id, role, position in wanted:
        if (office_id, role) in stored:
            link_id, old_position = stored[(office_id, role)]
            if old_position != position:
                writer.update("task_offices", link_id, {"position": position}, note)
        else:
            writer.insert("task_offices", {"task_id": task_id, "office_id": office_id, "role": role,
                                           "position": position}, note)


def set_offices(store: Store, task_id: int, lead: list[str], co: list[str],
                change: Change | None = None) -> EditResult:
    """Set a task's lead (牵头) and co-operating (配合) offices; names are normalised, new ones created."""
    lead, co = _office_list(lead), _office_list(co)
    co = [name for name in co if name not in lead]
    plan = task_plan(store.conn, task_id)
    with store.transaction() as writer:
        task = load_task(writer.conn, task_id)
        if (task.lead, task.co) == (lead, co):
            return EditResult(task, changed=False)
        change = checked_change(plan.state, "offices", change)
        note = change.reason if change else ""
        _write_offices(writer, task_id, lead, co, note)
        adjustment_id = None
        if change is not None:
            adjustment_id = record(writer, task_id, "offices", offices_text(task.lead, task.co),
                                   offices_text(lead, co), change)
        return EditResult(load_task(writer.conn, task_id), adjustment_id)


def restore_offices(store: Store, task_id: int, lead: list[str], co: list[str], adjustment_id: int | None) -> Task:
    with store.transaction() as writer:
        if adjustment_id is not None:
            withdraw(writer, adjustment_id)
        _write_offices(writer, task_id, list(lead), list(co), "撤销")
        return load_task(writer.conn, task_id)
