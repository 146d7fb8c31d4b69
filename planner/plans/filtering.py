"""Which tasks the filter bar shows: words to find, a section with its sub-sections, the tasks of a status.

The same filter decides what a report prints when it is asked for from the window.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.domain.model import Plan, Task


def search_text(task: Task) -> str:
    """Everything a search can match in a task, lower-cased once."""
    parts = [task.seq, task.name, task.content, task.indicator, task.baseline, task.note, *task.lead, *task.co]
    parts.extend(t.text for t in task.targets)
    return "\n".join(parts).lower()


@dataclass(frozen=True)
class TaskFilter:
    text: str = ""
    section_ids: frozenset[int] | None = None
    task_ids: frozenset[int] | None = None

    @property
    def active(self) -> bool:
        return bool(self.text.strip()) or self.section_ids is not None or self.task_ids is not None

    def matches(self, task: Task, haystacks: dict[int, str] | None = None) -> bool:
        """Whether `task` passes; `haystacks` caches `search_text` by task id between calls."""
        if self.section_ids is not None and task.section_id not in self.section_ids:
            return False
        if self.task_ids is not None and task.id not in self.task_ids:
            return False
        words = self.text.lower().split()
        if not words:
            return True
        cache = haystacks if haystacks is not None and task.id is not None else None
        haystack = cache.get(task.stored_id) if cache is not None else None
        if haystack is None:
            haystack = search_text(task)
            if cache is not None:
                cache[task.stored_id] = haystack
        return all(word in haystack for word in words)


def section_and_below(plan: Plan, section_id: int) -> frozenset[int]:
    """The section and all its sub-sections."""
    children: dict[int | None, list[int]] = {}
    for section in plan.sections:
        children.setdefault(section.parent_id, []).append(section.stored_id)
    found, pending = set(), [section_id]
    while pending:
        current = pending.pop()
        if current not in found:
            found.add(current)
            pending.extend(children.get(current, []))
    return frozenset(found)


def filtered_task_ids(plan: Plan, task_filter: TaskFilter) -> frozenset[int]:
    return frozenset(t.stored_id for t in plan.tasks if task_filter.matches(t))


def tasks_with_status(conn, plan: Plan, period, status: str) -> frozenset[int]:
    """Ids of the plan's tasks whose status in `period` is `status` (as the dashboard counts them)."""
    from planner.domain.period_status import evaluate_tasks
    from planner.store.progress_queries import deciding_report_facts

    evaluations = evaluate_tasks(plan, deciding_report_facts(conn, plan.stored_id, period), period)
    return frozenset(e.task_id for e in evaluations if e.status.value == status)
