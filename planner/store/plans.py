"""Writing a whole plan (sections, tasks, offices, targets) in one transaction."""

from __future__ import annotations

from operator import attrgetter
from typing import Any

from planner.model import Plan, Role, Task
from planner.store.audit import Writer, now_text
from planner.store.offices_repo import ensure_offices
from planner.offices import normalize_office_name

_LEAD, _CO = Role.LEAD.value, Role.CO.value
_TASK_COLUMNS = ("seq", "name", "content", "indicator", "baseline", "deadline", "note", "kind")
_task_values = attrgetter(*_TASK_COLUMNS)
_target_key = attrgetter("period", "office", "text", "comparator", "value", "unit", "kind", "deadline_year")


def _office_names(plan: Plan) -> list[str]:
    """Every office name the plan uses, each once, in the order of first use."""
    names: dict[str, None] = {}
    for task in plan.tasks:
        names.update(dict.fromkeys(task.lead))
        names.update(dict.fromkeys(task.co))
        for target in task.targets:
            if target.office:
                names[target.office] = None
    return list(names)


class _Templates:
    """Distinct row values, each given an index once; a plan repeats a few of them on many rows."""

    def __init__(self) -> None:
        self.index: dict[Any, int] = {}
        self.values: list[tuple[Any, ...]] = []

    def add(self, key: Any, values: tuple[Any, ...]) -> int:
        self.index[key] = len(self.values)
        self.values.append(values)
        return len(self.values) - 1


class _LinkTemplates:
    """A task's (office, role, position) links, worked out once for each distinct pair of office lists."""

    def __init__(self, office_id: dict[str, int], templates: _Templates):
        self.office_id = office_id
        self.templates = templates
        self.known: dict[tuple[tuple[str, ...], tuple[str, ...]], list[int]] = {}

    def __call__(self, task: Task) -> list[int]:
        key = (tuple(task.lead), tuple(task.co))
        found = self.known.get(key)
        if found is None:
            found = self.known[key] = self._links(*key)
        return found

    def _links(self, lead: tuple[str, ...], co: tuple[str, ...]) -> list[int]:
        templates = self.templates
        links = [(name, _LEAD) for name in lead] + [(name, _CO) for name in co]
        seen: set[tuple[int, str]] = set()
        found = []
        for order, (name, role) in enumerate(links):
            office = self.office_id[normalize_office_name(name)]
            if (office, role) in seen:
                continue
            seen.add((office, role))
            values = (office, role, order)
            index = templates.index.get(values)
            found.append(templates.add(values, values) if index is None else index)
        return found


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

    next_task, next_link, next_target = (writer.next_id(t) for t in ("tasks", "task_offices", "targets"))
    task_rows = []
    link_templates, target_templates = _Templates(), _Templates()
    links_of = _LinkTemplates(office_id, link_templates)
    link_owners: list[int] = []
    link_uses: list[int] = []
    target_owners: list[int] = []
    target_uses: list[int] = []
    target_index = target_templates.index.get
    plan_id = plan.id
    for position, task in enumerate(plan.tasks):
        task.id = task_id = next_task + position
        task.position = position
        task.section_id = section_id.get(task.section_key) if task.section_key else None
        task_rows.append((task_id, plan_id, task.section_id, position) + _task_values(task))
        links = links_of(task)
        link_owners.extend([task_id] * len(links))
        link_uses.extend(links)
        for target in task.targets:
            target.id = next_target + len(target_uses)
            key = _target_key(target)
            index = target_index(key)
            if index is None:
                office = office_id[normalize_office_name(target.office)] if target.office else None
                index = target_templates.add(key, (target.period, office, *key[2:]))
            target_uses.append(index)
        target_owners.extend([task_id] * len(task.targets))
    writer.insert_many("tasks", ("id", "plan_id", "section_id", "position", *_TASK_COLUMNS), task_rows, note)
    writer.insert_repeating("task_offices", ("id", "task_id", "office_id", "role", "position"), next_link,
                            link_templates.values, link_owners, link_uses, note)
    writer.insert_repeating("targets", ("id", "task_id", "period", "office_id", "text", "comparator", "value", "unit",
                                        "kind", "deadline_year"), next_target, target_templates.values, target_owners,
                            target_uses, note)
    return plan.id
