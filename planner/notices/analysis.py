"""What each item gives the plan, worked out again after every correction.

For the items as they stand (roles given by the recognition or the user) this finds
each item's place in the outline (origin), its marked spans, and for each task its name
(the lead phrase: the first sentence when short, as in 1.巩固家庭养老基础地位。…), its
content (the rest, and the paragraphs that belong to it), its offices and its yearly
targets; then the plan's years.

Offices: those the task names; else those of the heading it sits under; and the offices
a notice gives every task ("责任单位均包括…") join each task as co-operating offices. A
row of an appendix table that names no offices takes those of the numbered item of the
text that says the same thing (the row's 总体目标 written out in a task of the text), as
offices of Hengshui did for their table.

Years: from the issue year (or the earliest year a target names, when earlier or no date
is known) to the last year a target or deadline of a task names; a year more than
`PLAN_HORIZON` years after the issue year (a vision for 2035) makes no target. With no
year named, the plan runs from the issue year through two years later. A title naming the
plan's years (2024年工作要点, 三年行动计划（2024—2026年）) sets them instead of the issue year
and the two after it. Figures that name no year are targets of the plan's last year, or of
the last year the title names; a sentence saying 年内 or 今年 is a target of the first year
the title names, else of the issue year; one saying 每年 (每年培训200人次) is a target of
every year of the plan.
"""

from __future__ import annotations

import copy
import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from planner.domain.model import Target
from planner.domain.target_building import targets_from_text
from planner.notices.details import NoticeDetails, find_date, find_doc_no, labelled_fields
from planner.notices.items import ItemRole, NoticeItem, RecognitionSettings, Span, SpanKind, evolve
from planner.notices.outline import OutlineWalk
from planner.notices.quantities import deadline_year, deadlines, figures, yearly_statements
from planner.notices.responsibility import OfficeClause, common_offices, office_clauses
from planner.notices.same_statement import SameStatement

PLAN_HORIZON = 10
DEFAULT_YEARS = 3  # the issue year and the two after it
NAME_MAX_CHARS = 40
_NAME_END_RE = re.compile(r"[。；;！？!?:：]")
_CLAUSE_END_RE = re.compile(r"[，,]")
_EVERY_YEAR_RE = re.compile(r"每年|每一年")  # not 年均: an average over the years, stated once
_DOUBLE_STOP_RE = re.compile(r"\s*[。.]\s*[。.]")  # where a clause was taken out between two full stops
_TEXT_ROLES = frozenset({ItemRole.TASK, ItemRole.CONTENT, ItemRole.MEASURE, ItemRole.SECTION})
_TASK_ROLES = frozenset({ItemRole.TASK, ItemRole.MEASURE})
_span_order = attrgetter("start", "end")


@dataclass(frozen=True)
class Analysis:
    items: tuple[NoticeItem, ...]
    first_year: int
    last_year: int
    common_offices: tuple[str, ...]


def name_and_content(body: str) -> tuple[str, str]:
    """The task name (the lead phrase) and the rest, from an item's text after its number."""
    body = body.strip()
    end = _NAME_END_RE.search(body)
    if end is not None and 2 <= end.start() <= NAME_MAX_CHARS:
        return body[: end.start()].strip(), body[end.end():].strip()
    if len(body) <= NAME_MAX_CHARS:
        return body.rstrip("。.，,"), ""
    clause = _CLAUSE_END_RE.search(body)
    if clause is not None and 4 <= clause.start() <= NAME_MAX_CHARS:
        return body[: clause.start()].strip(), body
    return body[:NAME_MAX_CHARS].rstrip("，,、") + "…", body


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    kept, last = [], 0
    for start, end in sorted(spans):
        kept.append(text[last:start])
        last = max(last, end)
    kept.append(text[last:])
    joined = "".join(kept)
    if joined.count("。") + joined.count(".") >= 2:  # what a double stop needs
        joined = _DOUBLE_STOP_RE.sub("。", joined)
    return joined.strip(" ，,；;")


_DETAIL_KINDS = {ItemRole.TITLE: SpanKind.TITLE, ItemRole.DOC_NO: SpanKind.DOC_NO, ItemRole.ISSUER: SpanKind.ISSUER,
                 ItemRole.DATE: SpanKind.DATE}


def _detail_spans(item: NoticeItem) -> list[Span]:
    """Where a title, 文号, issuer or date item states it: a labelled field's value, the 文号 or date, else all."""
    kind = _DETAIL_KINDS.get(item.role)
    if kind is None:
        return []
    fields = [Span(start, end, SpanKind(name)) for name, start, end, _ in labelled_fields(item.text)]
    if fields:
        return fields
    found = find_doc_no(item.text) if kind is SpanKind.DOC_NO else find_date(item.text) if kind is SpanKind.DATE \
        else (0, len(item.text), item.text)
    return [Span(found[0], found[1], kind)] if found else []


@dataclass
class _Group:
    """A task item and the content items after it."""

    index: int
    members: list[int]
    text: str = ""
    masks: list[tuple[int, int]] = field(default_factory=list)
    clauses: list[OfficeClause] = field(default_factory=list)


class _Analyser:
    def __init__(self, items: Sequence[NoticeItem], settings: RecognitionSettings, details: NoticeDetails):
        self.items = list(items)
        self.settings = settings
        issue_year = self.issue_year = details.issue_year
        self.title_years = details.title_years
        # The year 年内 and 今年 mean: the (first) one the title names, else the year of issue.
        self.this_year = self.title_years[0] if self.title_years else issue_year
        self.window = range(issue_year, issue_year + PLAN_HORIZON + 1) if issue_year else None
        self.spans: dict[int, list[Span]] = {index: [] for index in range(len(self.items))}
        self.clauses: dict[int, list[OfficeClause]] = {}
        self.masks: dict[int, list[tuple[int, int]]] = {}  # what `_marks` hid from each text item's figures
        self.common: tuple[str, ...] = ()
        self.common_span: dict[int, tuple[int, int]] = {}
        # What each item gets (origin, and a task's name, offices, targets…), given to it once at the end.
        self.changes: list[dict[str, Any]] = [{} for _ in self.items]

    def run(self) -> Analysis:
        self._origins()
        self._marks()
        groups = self._groups()
        statements = {group.index: self._statements(group) for group in groups}
        self.row_statements = self._row_statements()
        first, last = self._years({**statements, **self.row_statements})
        undated_year = self.undated_year = self.title_years[1] if self.title_years else last
        self.years = range(first, last + 1)
        inherited = self._section_offices()
        for group in groups:
            self._task(group, statements[group.index], inherited.get(group.index), undated_year)
        self._appendix_rows()
        items = tuple(evolve(item, spans=tuple(sorted(self.spans[index], key=_span_order)), **self.changes[index])
                      for index, item in enumerate(self.items))
        return Analysis(items, first, last, self.common)

    def _origins(self) -> None:
        walk = OutlineWalk()
        current = ""
        for index, item in enumerate(self.items):
            if item.row is not None:
                continue
            if item.number is not None:
                current = walk.origin(item.number)
            # Only what belongs to the outline has a place in it; a signature after the last heading has none.
            self.changes[index]["origin"] = current if item.role in _TEXT_ROLES else ""

    def _marks(self) -> None:
        for index, item in enumerate(self.items):
            spans = self.spans[index]
            spans.extend(_detail_spans(item))
            # The sentence giving every task its offices may stand anywhere: in a task, or before the first.
            common = common_offices(item.text) if item.row is None else None
            if common is not None:
                self.common_span[index] = common[0]
                spans.append(Span(*common[0], SpanKind.COMMON_OFFICES))
                self.common = self.common or common[1]
            if item.row is not None or item.role not in _TEXT_ROLES:
                continue
            # Hidden from the figures and deadlines, in the order `_groups` hides them, so that the look-ups of a
            # one-paragraph task are reused.
            masked = self.masks[index] = []
            if item.number is not None:
                masked.append((0, len(item.number.written)))
                spans.append(Span(0, len(item.number.written), SpanKind.NUMBER))
            clauses = self.clauses[index] = office_clauses(item.text)
            for clause in clauses:
                masked.append((clause.start, clause.end))
                spans.append(Span(clause.start, clause.end, SpanKind.OFFICES))
            if common:
                masked.append(common[0])
            for mention in deadlines(item.text, masked):
                spans.append(Span(mention.start, mention.end, SpanKind.DEADLINE, mention.year))
            for mention in figures(item.text, masked):
                spans.append(Span(mention.start, mention.end, SpanKind.FIGURE))

    def _groups(self) -> list[_Group]:
        groups: list[_Group] = []
        for index, item in enumerate(self.items):
            if item.row is None and item.role in _TASK_ROLES:
                groups.append(_Group(index, [index]))
            elif item.role is ItemRole.CONTENT and groups and groups[-1].members[-1] == index - 1:
                groups[-1].members.append(index)
        for group in groups:
            if len(group.members) == 1:  # most tasks: the paragraph as `_marks` looked at it
                group.text, group.masks = self.items[group.index].text, list(self.masks[group.index])
                group.clauses = list(self.clauses[group.index])
                continue
            parts, masks, offset = [], [], 0
            for member in group.members:
                item = self.items[member]
                if item.number is not None:
                    masks.append((offset, offset + len(item.number.written)))
                masks.extend((offset + c.start, offset + c.end) for c in self.clauses.get(member, []))
                if member in self.common_span:
                    start, end = self.common_span[member]
                    masks.append((offset + start, offset + end))
                parts.append(item.text)
                offset += len(item.text) + 1
            group.text, group.masks = "\n".join(parts), masks
            group.clauses = [c for member in group.members for c in self.clauses.get(member, [])]
        return groups

    def _statements(self, group: _Group) -> tuple[dict[int, list[str]], list[str]]:
        if self.items[group.index].role is not ItemRole.TASK:
            return {}, []
        return yearly_statements(group.text, group.masks, self.window, self.this_year)

    def _years(self, statements: dict[int, tuple[dict[int, list[str]], list[str]]]) -> tuple[int, int]:
        named = {year for by_year, _ in statements.values() for year in by_year}
        for item in self.items:
            if item.role is ItemRole.TASK and (item.targets_corrected or item.row is not None):
                targets = item.targets if item.targets_corrected or item.row is None else item.row.task.targets
                named.update(int(t.period[:4]) for t in targets if t.period[:4].isdigit())
        if self.title_years:
            first, last = self.title_years
            return min(named | {first}), max(named | {last})
        start = self.issue_year or (min(named) if named else datetime.date.today().year)
        first = min(named | {start})
        last = max(named) if named else first + DEFAULT_YEARS - 1
        return first, max(first, last)

    def _row_statements(self) -> dict[int, tuple[dict[int, list[str]], list[str]]]:
        """For a row of a 任务分工表 with no yearly columns, what its text states, by its 完成时限's year."""
        found: dict[int, tuple[dict[int, list[str]], list[str]]] = {}
        for index, item in enumerate(self.items):
            if item.row is None or item.role is not ItemRole.TASK or item.row.task.targets:
                continue
            task = item.row.task
            text = "。".join(part for part in (task.name, task.content, task.indicator) if part)
            by_year, undated = yearly_statements(text, None, self.window, self.this_year)
            due = deadline_year(task.deadline or "", self.this_year, self.window)
            if due is not None:
                if undated or not by_year:
                    by_year.setdefault(due, []).extend(undated or [task.deadline or ""])
                undated = []
            found[index] = (by_year, undated)
        return found

    def _section_offices(self) -> dict[int, tuple[list[str], list[str]]]:
        """For each task, the offices of the innermost heading above it that names some."""
        open_headings: list[tuple[int, tuple[list[str], list[str]] | None]] = []
        found: dict[int, tuple[list[str], list[str]]] = {}
        for index, item in enumerate(self.items):
            if item.row is not None or item.number is None:
                continue
            rank = item.number.style.rank
            while open_headings and open_headings[-1][0] >= rank:
                open_headings.pop()
            if item.role is ItemRole.SECTION:
                clauses = self.clauses.get(index, [])
                open_headings.append((rank, _roles(clauses, self.settings) if clauses else None))
            elif item.role in _TASK_ROLES:
                inherited = next((roles for _, roles in reversed(open_headings) if roles), None)
                if inherited:
                    found[index] = inherited
        return found

    def _task(self, group: _Group, statements: tuple[dict[int, list[str]], list[str]],
              inherited: tuple[list[str], list[str]] | None, undated_year: int) -> None:
        item = self.items[group.index]
        skip = len(item.number.written) if item.number is not None else 0
        name, rest = name_and_content(self._visible_text(group.index, skip))
        content = rest if len(group.members) == 1 else \
            "\n".join(part for part in [rest, *(self._visible_text(m) for m in group.members[1:])] if part)
        body = item.text[skip:]
        name_start = skip + len(body) - len(body.lstrip())
        self.spans[group.index].append(Span(name_start, name_start + len(name.rstrip("…")), SpanKind.NAME))
        changes = self.changes[group.index]
        changes.update(name=name, content=content)
        if not item.offices_corrected:
            lead, co = _roles(group.clauses, self.settings) if group.clauses else inherited or ([], [])
            changes.update(lead=tuple(lead), co=tuple(_joined(co, self.common, lead)), note="")
        if item.role is ItemRole.TASK and not item.targets_corrected:
            changes["targets"] = tuple(_targets(statements, undated_year, self.years))

    def _visible_text(self, index: int, skip: int = 0) -> str:
        """An item's text from `skip` on, without its offices and the sentence giving every task offices."""
        spans = [(c.start - skip, c.end - skip) for c in self.clauses.get(index, [])]
        if index in self.common_span:
            start, end = self.common_span[index]
            spans.append((start - skip, end - skip))
        return _without(self.items[index].text[skip:], spans)

    def _appendix_rows(self) -> None:
        rows = [index for index, item in enumerate(self.items) if item.row is not None and item.role is ItemRole.TASK]
        if not rows:
            return
        body = (evolve(item, **self.changes[index]) for index, item in enumerate(self.items)
                if item.row is None and item.role in _TASK_ROLES)
        sources = SameStatement([item for item in body if item.lead])
        for index in rows:
            item = self.items[index]
            assert item.row is not None
            task = item.row.task
            changes = self.changes[index]
            changes.update(name=task.name, content=task.content)
            if not item.targets_corrected:
                changes["targets"] = tuple(copy.copy(target) for target in task.targets) if task.targets \
                    else tuple(_targets(self.row_statements[index], self.undated_year, self.years))
            if not item.offices_corrected:
                lead, co, note = list(task.lead), list(task.co), ""
                if not lead and not co:
                    source = sources.find(task.indicator or task.name, task.content)
                    if source is not None:
                        lead, co = list(source.lead), list(source.co)
                        note = f"责任单位取自正文{source.origin}“{source.name}”"
                changes.update(lead=tuple(lead), co=tuple(_joined(co, self.common, lead)), note=note)


def _roles(clauses: list[OfficeClause], settings: RecognitionSettings) -> tuple[list[str], list[str]]:
    if len(clauses) == 1:  # most tasks: its lead and co are apart and without repeats already
        return clauses[0].roles(settings.lead_rule)
    lead: list[str] = []
    co: list[str] = []
    for clause in clauses:
        clause_lead, clause_co = clause.roles(settings.lead_rule)
        lead.extend(name for name in clause_lead if name not in lead)
        co.extend(name for name in clause_co if name not in co)
    return lead, [name for name in co if name not in lead]


def _joined(co: Sequence[str], common: Sequence[str], lead: Sequence[str]) -> list[str]:
    return [name for name in dict.fromkeys([*co, *common]) if name not in lead]


def _targets(statements: tuple[dict[int, list[str]], list[str]], last_year: int, years: range) -> list[Target]:
    """A target a year: what each year's statements say; a statement naming no year for `last_year`, or for every
    year of `years` when it says 每年."""
    by_year, undated = statements
    texts = {year: list(parts) for year, parts in by_year.items()}
    for part in undated:
        for year in years if _EVERY_YEAR_RE.search(part) else (last_year,):
            texts.setdefault(year, []).append(part)
    targets: list[Target] = []
    for year in sorted(texts):
        parts = [part.strip().rstrip("，,、；;。.") for part in texts[year]]
        text = "；".join(dict.fromkeys(part for part in parts if part))
        if text:
            targets.extend(targets_from_text(str(year), text))
    return targets


def analyse(items: Sequence[NoticeItem], settings: RecognitionSettings, details: NoticeDetails) -> Analysis:
    return _Analyser(items, settings, details).run()
