"""Writing a whole plan (sections, tasks, offices, targets) in one transaction."""

from __future__ import annotations

from planner.model import Plan, Role
from planner.store.audit import Writer, now_text
from planner.store.offices_repo import ensure_offices
from planner.offices import normalize_office_name


def _office_names(plan: Plan) -> list[str]:
    names: list[str] = []
    for task in plan.tasks:
        names.extend(task.lead)
        names.extend(task.co)
        names.extend(t.office for t in task.targets if t.office)
    return names


def insert_plan(writer: Writer, plan: Plan, note: str = "") -> int:
    """Insert `plan` with everything it holds; returns the new plan id and sets ids on the objects."""
    office_id = ensure_offices(writer, _office_names(plan))
    plan.id = writer.insert(
        "plans",
        {
            "key": plan.key,
            "title": plan.title,
            "appendix_title": plan.appendix_title,
            "doc_no": plan.doc_no,
            "issuer": plan.issuer,
            "issue_date": plan.issue_date,
            "first_year": plan.first_year,
            "last_year": plan.last_year,
            "state": plan.state.value,
            "source": plan.source,
            "source_hash": plan.source_hash,
            "is_demo": int(plan.is_demo),
            "created_at": now_text(),
        },
        note,
    )
    section_id: dict[str, int] = {}
    for position, section in enumerate(plan.sections):
        section.parent_id = section_id.get(section.parent_key) if section.parent_key else None
        section.id = writer.insert(
            "sections",
            {"plan_id": plan.id, "parent_id": section.parent_id, "position": position, "title": section.title},
            note,
        )
        section.position = position
        section_id[section.key] = section.id

    task_rows, link_rows, target_rows = [], [], []
    next_task, next_link, next_target = (writer.next_id(t) for t in ("tasks", "task_offices", "targets"))
    for position, task in enumerate(plan.tasks):
        task.id, task.position = next_task + position, position
        task.section_id = section_id.get(task.section_key) if task.section_key else None
        task_rows.append((task.id, plan.id, task.section_id, position, task.seq, task.name, task.content,
                          task.indicator, task.baseline, task.deadline, task.note, task.kind))
        links = [(name, Role.LEAD) for name in task.lead] + [(name, Role.CO) for name in task.co]
        seen: set[tuple[int, str]] = set()
        for order, (name, role) in enumerate(links):
            key = (office_id[normalize_office_name(name)], role.value)
            if key in seen:
                continue
            seen.add(key)
            link_rows.append((next_link + len(link_rows), task.id, key[0], role.value, order))
        for target in task.targets:
            target.id = next_target + len(target_rows)
            office = office_id[normalize_office_name(target.office)] if target.office else None
            target_rows.append((target.id, task.id, target.period, office, target.text, target.comparator,
                                target.value, target.unit, target.kind, target.deadline_year))
    writer.insert_many("tasks", ("id", "plan_id", "section_id", "position", "seq", "name", "content", "indicator",
                                 "baseline", "deadline", "note", "kind"), task_rows, note)
    writer.insert_many("task_offices", ("id", "task_id", "office_id", "role", "position"), link_rows, note)
    writer.insert_many("targets", ("id", "task_id", "period", "office_id", "text", "comparator", "value", "unit",
                                   "kind", "deadline_year"), target_rows, note)
    return plan.id
