"""Writing a whole plan (sections, tasks, offices, targets) in one transaction."""

from __future__ import annotations

from operator import attrgetter
from typing import Any

from planner.domain.model import Plan, Role, Task
from planner.domain.office_names import normalize_office_name
from planner.store.audit import Writer, now_text
from planner.store.offices_repo import ensure_offices

_LEAD, _CO = Role.LEAD.value, Role.CO.value
_TASK_COLUMNS = ("seq", "name", "content", "indicator", "baseline", "deadline", "note", "kind", "origin")
_task_values = attrgetter(*_TASK_COLUMNS)
_target_key = attrgetter("period", "office", "text", "comparator", "value", "unit", "kind", "deadline_year")


class _Templates:
    """Distinct row values, each given an index once; a plan repeats a few of them on many rows."""

    def __init__(self) -> None:
        self.index: dict[Any, int] = {}
        self.values: list[tuple[Any, ...]] = []

    def add(self, key: Any, values: tuple[Any, ...]) -> int:
        self.index[key] = len(self.values)
        self.values.append(values)
        return len(self.values) - 1


class _PlanRows:
    """A plan's links and targets as templates and uses, and the offices it names in the order of first use.

    Offices are named, not yet numbered: one office is one normalised name, so
    (normalised name, role) tells the links apart as (office id, role) would.
    """

    def __init__(self) -> None:
        self.office_names: dict[str, None] = {}
        self.links, self.targets = _Templates(), _Templates()
        self.link_owners: list[int] = []
        self.link_uses: list[int] = []
        self.target_owners: list[int] = []
        self.target_uses: list[int] = []
        self._links_of: dict[tuple[tuple[str, ...], tuple[str, ...]], list[int]] = {}

    def add_task(self, task: Task, target_id: int) -> int:
        """Take in the task's links and targets, numbering the targets from `target_id`; returns the next id."""
        key = (tuple(task.lead), tuple(task.co))
        links = self._links_of.get(key)
        if links is None:
            links = self._links_of[key] = self._new_links(*key)
        self.link_owners.extend([task.stored_id] * len(links))
        self.link_uses.extend(links)
        index_of, uses = self.targets.index.get, self.target_uses
        for target in task.targets:
            target.id = target_id
            target_id += 1
            key = _target_key(target)
            index = index_of(key)
            if index is None:
                if target.office:
                    self.office_names[target.office] = None
                office = normalize_office_name(target.office) if target.office else None
                index = self.targets.add(key, (target.period, office, *key[2:]))
            uses.append(index)
        self.target_owners.extend([task.stored_id] * len(task.targets))
        return target_id

    def _new_links(self, lead: tuple[str, ...], co: tuple[str, ...]) -> list[int]:
        self.office_names.update(dict.fromkeys(lead))
        self.office_names.update(dict.fromkeys(co))
        links = [(name, _LEAD) for name in lead] + [(name, _CO) for name in co]
        seen: set[tuple[str, str]] = set()
        found = []
        for order, (name, role) in enumerate(links):
            office = normalize_office_name(name)
            if (office, role) in seen:
                continue
            seen.add((office, role))
            values = (office, role, order)
            index = self.links.index.get(values)
            found.append(self.links.add(values, values) if index is None else index)
        return found

    def numbered(self, office_id: dict[str, int]) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
        """The link and target templates with office ids for names."""
        links = [(office_id[office], role, order) for office, role, order in self.links.values]
        targets = [(period, None if office is None else office_id[office], *rest)
                   for period, office, *rest in self.targets.values]
        return links, targets


def insert_plan(writer: Writer, plan: Plan, note: str = "") -> int:
    """Insert `plan` with everything it holds; returns the new plan id and sets ids on the objects."""
    next_task, next_link, next_target = (writer.next_id(t) for t in ("tasks", "task_offices", "targets"))
    rows = _PlanRows()
    target_id = next_target
    for position, task in enumerate(plan.tasks):
        task.id, task.position = next_task + position, position
        target_id = rows.add_task(task, target_id)
    office_id = ensure_offices(writer, rows.office_names)
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

    task_rows = []
    for task in plan.tasks:
        task.section_id = section_id.get(task.section_key) if task.section_key else None
        task_rows.append((task.id, plan.id, task.section_id, task.position) + _task_values(task))
    links, targets = rows.numbered(office_id)
    writer.insert_many("tasks", ("id", "plan_id", "section_id", "position", *_TASK_COLUMNS), task_rows, note)
    writer.insert_repeating("task_offices", ("id", "task_id", "office_id", "role", "position"), next_link, links,
                            rows.link_owners, rows.link_uses, note)
    writer.insert_repeating("targets", ("id", "task_id", "period", "office_id", "text", "comparator", "value", "unit",
                                        "kind", "deadline_year"), next_target, targets, rows.target_owners,
                            rows.target_uses, note)
    return plan.id
