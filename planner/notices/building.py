"""A `RecognisedNotice` (as recognised, or as the user corrected it) → the `Plan` it describes.

Headings become sections, nested by their outline level; a heading that holds no task
is left out, and so is the one heading that only holds the others (二、主要任务 over
（一）…（五）), so the plan's sections are the groups a clerk sees in the table. Each
task item becomes a task with its name, content, offices, yearly targets and origin;
a row of an appendix table becomes the task the table gave, under the table's own
section rows (and under the table's title when the text gives tasks as well).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from planner.domain.model import Plan, PlanState, Section, Target, Task
from planner.notices.items import ItemRole, NoticeItem, RecognisedNotice, SpanKind
from planner.notices.text import PASTED

_UNNUMBERED_RANK = -1  # a heading the user marked without a number stands at the top


@dataclass
class _Open:
    rank: int
    key: str


def section_title(item: NoticeItem) -> str:
    """A heading as a plan's section is titled: canonical number, no offices, no full stop."""
    text = item.text
    for span in sorted(item.spans_of(SpanKind.OFFICES), key=lambda s: s.start, reverse=True):
        text = text[: span.start] + text[span.end:]
    if item.number is not None:
        text = item.number.canonical + text[len(item.number.written):].lstrip()
    return text.strip().rstrip("。.:：；;，,")


def _unsaved_copy(target: Target) -> Target:
    """A shallow copy without an id, made as `copy.copy` makes one, without its look-ups for a type it knows."""
    copied = object.__new__(Target)
    copied.__dict__.update(target.__dict__)
    copied.id = None
    return copied


def _task(item: NoticeItem, section_key: str | None) -> Task:
    if item.row is not None:
        task = copy.deepcopy(item.row.task)
        task.id = task.section_id = None
        task.note = "\n".join(part for part in (task.note, item.note) if part)
    else:
        task = Task(name=item.name, seq=item.number.seq if item.number else "", content=item.content,
                    note=item.note)
        task.indicator = "；".join(dict.fromkeys(t.text for t in item.targets if t.office is None))
    task.section_key = section_key
    task.lead, task.co = list(item.lead), list(item.co)
    task.targets = [_unsaved_copy(target) for target in item.targets]
    task.origin = item.origin
    return task


class _Sections:
    def __init__(self) -> None:
        self.sections: list[Section] = []
        self._open: list[_Open] = []
        self._appendix: dict[tuple[str, ...], str] = {}

    def heading(self, item: NoticeItem, index: int) -> None:
        rank = item.number.style.rank if item.number is not None else _UNNUMBERED_RANK
        while self._open and self._open[-1].rank >= rank:
            self._open.pop()
        key = f"n{index}"
        self.sections.append(Section(section_title(item), key, self.current))
        self._open.append(_Open(rank, key))

    @property
    def current(self) -> str | None:
        return self._open[-1].key if self._open else None

    def appendix(self, path: tuple[str, ...]) -> str | None:
        """The key of the section an appendix row sits in, made (with its parents) on first use."""
        parent = None
        for depth in range(1, len(path) + 1):
            key = self._appendix.get(path[:depth])
            if key is None:
                key = self._appendix[path[:depth]] = f"a{len(self._appendix) + 1}"
                self.sections.append(Section(path[depth - 1], key, parent))
            parent = key
        return parent


def _prune(sections: list[Section], tasks: list[Task]) -> list[Section]:
    """Without sections that hold no task, and without a single top section that only holds the others or
    holds every task itself (二、主要任务 adds nothing to the table a clerk sees)."""
    used = {task.section_key for task in tasks}
    parent = {section.key: section.parent_key for section in sections}
    holding: set[str] = set()
    for key in used:
        while key is not None and key not in holding:
            holding.add(key)
            key = parent.get(key)
    kept = [section for section in sections if section.key in holding]
    roots = [section for section in kept if section.parent_key is None]
    if len(roots) != 1:
        return kept
    root = roots[0]
    children = [section for section in kept if section.parent_key == root.key]
    if children and root.key not in used:
        for section in children:
            section.parent_key = None
    elif not children:
        for task in tasks:
            task.section_key = None
    else:
        return kept
    return [section for section in kept if section is not root]


def build_plan(recognised: RecognisedNotice) -> Plan:
    """The plan the notice describes, with its task items in order; nothing is stored."""
    sections = _Sections()
    tasks: list[Task] = []
    body_tasks = any(item.role is ItemRole.TASK and item.row is None for item in recognised.items)
    for index, item in enumerate(recognised.items):
        if item.row is None and item.role is ItemRole.SECTION:
            sections.heading(item, index)
        elif item.role is ItemRole.TASK and item.row is not None:
            path = item.row.sections
            if body_tasks:
                path = (item.row.title or "附件", *path)
            tasks.append(_task(item, sections.appendix(path) if path else None))
        elif item.role is ItemRole.TASK:
            tasks.append(_task(item, sections.current))
    for position, task in enumerate(tasks):
        task.position = position
    details = recognised.details
    source = "导入自粘贴的文本" if recognised.file_name == PASTED else f"导入自文件“{recognised.file_name}”"
    return Plan(title=details.title, first_year=recognised.first_year, last_year=recognised.last_year,
                appendix_title=recognised.appendix_title, doc_no=details.doc_no, issuer=details.issuer,
                issue_date=details.issue_date, state=PlanState.DRAFT, source=source,
                source_hash=recognised.sha256, sections=_prune(sections.sections, tasks), tasks=tasks)
