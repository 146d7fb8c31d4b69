"""What one fill-in workbook (填报表) holds: its identity and the rows of one office's tasks.

A `FormSpec` is everything the locked part of the workbook shows plus what is
needed to recognise the return: plan, office, period and task ids. The writer
lays it out; the very-hidden sheet carries it as text with a checksum, so the
reader can rebuild the expected locked cells from it and name any cell that was
altered. The reporting office's planner writes a received spec back unchanged,
which is why the spec, not the database, is the source of the locked part.

The checksum is public (anyone can recompute it), so the spec also carries a
signature: an HMAC of the checksum with the issuing database's secret key
(`planner.store.signing`). Only that database can make or check it; the reporting
office's planner carries it back as it came.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, fields, replace
from datetime import datetime

from planner.domain.errors import InputError, NotFoundError
from planner.domain.model import Plan, Section, Task
from planner.domain.office_names import normalize_office_name
from planner.domain.period_status import check_period_in_plan, responsible_offices
from planner.domain.periods import Period, parse_period
from planner.domain.safe_text import safe_text
from planner.domain.status import QUANTIFIED, TargetIndex, index_targets, period_of, target_for, year_start
from planner.store.plan_rows import plan_identity
from planner.store.progress_queries import report_facts
from planner.store.signing import signing_key

FORMAT_NAME = "annual-target-planner fill-in"
FORMAT_VERSION = 2  # 2: signed with the issuing database's key; 1 had the checksum only
SUPPORTED_VERSIONS = frozenset({2})
SIGNATURE_LENGTH = 64  # hex digits of an HMAC-SHA256

ROLE_LEAD, ROLE_CO, ROLE_SHARE = "牵头", "配合", "分解任务"


@dataclass(frozen=True)
class FormRow:
    """One row of the table: a task of the office, or a section title above its tasks."""

    kind: str  # "task" or "section"
    task_id: int | None = None
    seq: str = ""
    name: str = ""
    indicator: str = ""
    baseline: str = ""
    target_text: str = ""  # the year's target in force for the office, as written
    plan_target_text: str = ""  # the plan-wide target, where the office has its own share of it
    role: str = ""
    guide: str = ""  # what figure to type (填报说明)
    target_kind: str = ""
    comparator: str = ""
    target_value: float | None = None
    unit: str = ""
    start: float = 0.0  # where a cumulative level stood when the year began
    prior: float = 0.0  # increments the office already reported in earlier quarters of the year
    own_share: bool = False

    @property
    def quantified(self) -> bool:
        return self.target_kind in QUANTIFIED and self.target_value is not None


@dataclass(frozen=True)
class FormSpec:
    plan_uid: str
    plan_id: int
    plan_title: str
    appendix_title: str
    doc_no: str
    first_year: int
    last_year: int
    office: str
    period: str  # a period code
    issued_at: str
    rows: tuple[FormRow, ...]
    format_version: int = FORMAT_VERSION
    signature: str = ""  # see sign(); empty until the issuing database signs the spec

    @property
    def period_value(self) -> Period:
        return parse_period(self.period)

    @property
    def task_rows(self) -> list[FormRow]:
        return [row for row in self.rows if row.kind == "task"]

    @property
    def checksum(self) -> str:
        return checksum_of(identity_items(self), list(ROW_FIELDS), row_table(self))


IDENTITY_FIELDS = ("plan_uid", "plan_id", "plan_title", "appendix_title", "doc_no", "first_year", "last_year", "office",
             "period", "issued_at")
ROW_FIELDS = tuple(f.name for f in fields(FormRow))


def _float_text(value: float | None) -> str:
    return "" if value is None else repr(float(value))


def identity_items(spec: FormSpec) -> list[tuple[str, str]]:
    return [(name, str(getattr(spec, name))) for name in IDENTITY_FIELDS]


def row_table(spec: FormSpec) -> list[list[str]]:
    """The rows as the hidden sheet stores them: text only, so every reader returns them alike."""
    table = []
    for row in spec.rows:
        values = []
        for name in ROW_FIELDS:
            value = getattr(row, name)
            if name in ("target_value", "start", "prior"):
                values.append(_float_text(value))
            elif name == "own_share":
                values.append("1" if value else "")
            else:
                values.append("" if value is None else str(value))
        table.append(values)
    return table


def checksum_of(identity: list[tuple[str, str]], header: list[str], table: list[list[str]]) -> str:
    # Over the texts as the workbook can hold them: the writers drop what XML cannot hold
    # (`planner.domain.safe_text`), and a database an older version wrote may still have it.
    identity_texts = [[safe_text(value) for value in item] for item in identity]
    table_texts = [[safe_text(value) for value in row] for row in table]
    canonical = json.dumps([FORMAT_NAME, identity_texts, header, table_texts], ensure_ascii=False,
                           separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def sign(key: bytes, spec: FormSpec) -> str:
    """The HMAC-SHA256, under `key`, of the spec's format and checksum: of everything the hidden sheet says.

    It is computed from the spec as read back, not from the text of the file, so what
    is checked is exactly what the collector goes on to use.
    """
    message = f"{FORMAT_NAME}\n{spec.format_version}\n{spec.checksum}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def signed(key: bytes, spec: FormSpec) -> FormSpec:
    return replace(spec, signature=sign(key, spec))


def signature_matches(key: bytes, spec: FormSpec) -> bool:
    return hmac.compare_digest(spec.signature.encode("ascii", "replace"), sign(key, spec).encode("ascii"))


def spec_from_text(identity: dict[str, str], header: list[str], table: list[list[str]], version: int,
                   signature: str = "") -> FormSpec:
    """Rebuild a spec from the hidden sheet's text (already checked against its checksum)."""
    rows = []
    for values in table:
        item = dict(zip(header, values))
        task_id = item.get("task_id", "")
        rows.append(FormRow(
            kind=item.get("kind", ""), task_id=int(task_id) if task_id else None, seq=item.get("seq", ""),
            name=item.get("name", ""), indicator=item.get("indicator", ""), baseline=item.get("baseline", ""),
            target_text=item.get("target_text", ""), plan_target_text=item.get("plan_target_text", ""),
            role=item.get("role", ""), guide=item.get("guide", ""),
            target_kind=item.get("target_kind", ""), comparator=item.get("comparator", ""),
            target_value=float(item["target_value"]) if item.get("target_value") else None,
            unit=item.get("unit", ""), start=float(item.get("start") or 0), prior=float(item.get("prior") or 0),
            own_share=item.get("own_share") == "1",
        ))
    return FormSpec(
        plan_uid=identity["plan_uid"], plan_id=int(identity["plan_id"]), plan_title=identity["plan_title"],
        appendix_title=identity.get("appendix_title", ""), doc_no=identity.get("doc_no", ""),
        first_year=int(identity["first_year"]), last_year=int(identity["last_year"]), office=identity["office"],
        period=parse_period(identity["period"]).code, issued_at=identity.get("issued_at", ""), rows=tuple(rows),
        format_version=version, signature=signature,
    )


def plan_uid(conn: sqlite3.Connection, plan_id: int) -> str:
    """A plan's identity across copies of the database: its id, creation time and title.

    Ids alone repeat across databases (every coordinator has a plan 1); a workbook
    for another database's plan 1 must not be taken for this one's.
    """
    row = plan_identity(conn, plan_id)
    if row is None:
        raise NotFoundError(f"没有编号为 {plan_id} 的计划。")
    return hashlib.sha256(f"{row[0]}|{row[1]}|{row[2]}".encode()).hexdigest()[:20]


def _role(task: Task, office: str) -> str:
    if office in task.lead:
        return ROLE_LEAD
    if office in task.co:
        return ROLE_CO
    return ROLE_SHARE


def _number(value: float) -> str:
    return f"{value:g}" if abs(value) < 1e15 else f"{value:.0f}"


def _guide(kind: str, comparator: str, value: float | None, unit: str, prior: float, period: Period) -> str:
    shown_unit = f"（{unit}）" if unit else ""
    if kind not in QUANTIFIED or value is None:
        return "目标不是单一数量：请选择状态，可不填数值"
    if comparator == "<=":
        return f"填本期末实际数{shown_unit}，目标为不超过 {_number(value)}{unit}"
    if kind == "increment":
        if period.is_year:
            return f"填全年完成数{shown_unit}"
        earlier = f"；本年此前已报 {_number(prior)}{unit}" if prior else ""
        return f"填本季度新增数{shown_unit}{earlier}"
    if kind == "cumulative":
        return f"填截至本期末的累计数{shown_unit}"
    return f"填截至本期末达到的比例{shown_unit}"


def _prior_increments(conn: sqlite3.Connection, plan: Plan, period: Period) -> dict[tuple[int, str], float]:
    """Per task and office, the increments already reported for the earlier quarters of the year."""
    prior: dict[tuple[int, str], float] = defaultdict(float)
    quarter = period.quarter
    if quarter is None:  # a whole year: no earlier quarters to add up
        return prior
    for fact in report_facts(conn, plan.stored_id, period):
        when = period_of(fact.period)
        if when.quarter is not None and when.quarter < quarter and fact.value is not None \
                and fact.review != "returned":
            prior[(fact.task_id, fact.office)] += fact.value
    return prior


def _task_row(task: Task, office: str, period: Period, prior: float, index: TargetIndex) -> FormRow:
    year = str(period.year)
    own, plan_wide = index.get((year, office)), index.get((year, None))
    target = target_for(task, period.year, office, index)
    kind = target.kind if target is not None else ""
    value = target.value if target is not None else None
    comparator = (target.comparator or "") if target is not None else ""
    unit = (target.unit or "") if target is not None else ""
    quantified = kind in QUANTIFIED and value is not None
    start = (year_start(task, target, period.year, office, index)
             if target is not None and quantified and kind == "cumulative" else 0.0)
    prior = prior if quantified and kind == "increment" else 0.0
    return FormRow(
        kind="task", task_id=task.id, seq=task.seq, name=task.name,
        indicator="\n".join(part for part in (task.content, task.indicator) if part), baseline=task.baseline,
        target_text=target.text if target is not None else "",
        plan_target_text=plan_wide.text if own is not None and plan_wide is not None else "", role=_role(task, office),
        guide=_guide(kind, comparator, value, unit, prior, period), target_kind=kind, comparator=comparator,
        target_value=value, unit=unit, start=start, prior=prior, own_share=own is not None,
    )


def _section_chain(plan: Plan, section_id: int | None) -> list[Section]:
    by_id = {section.id: section for section in plan.sections}
    chain: list[Section] = []
    while section_id is not None and section_id in by_id and len(chain) < 10:
        chain.append(by_id[section_id])
        section_id = by_id[section_id].parent_id
    return list(reversed(chain))


def build_specs(conn: sqlite3.Connection, plan: Plan, period: str | Period,
                offices: list[str] | None = None) -> list[FormSpec]:
    """One spec per office (every office responsible for a task that year when `offices` is None)."""
    period = parse_period(period)
    check_period_in_plan(plan, period)
    responsible = {task.id: responsible_offices(task, period.year) for task in plan.tasks}
    indexes = {task.id: index_targets(task, period) for task in plan.tasks}
    if offices is None:
        wanted = list(dict.fromkeys(name for names in responsible.values() for name in names))
    else:
        wanted = list(dict.fromkeys(normalize_office_name(name) for name in offices))
    if not wanted:
        raise InputError(f"计划“{plan.title}”{period.year}年没有确定责任单位的任务，无法生成填报表。")
    uid = plan_uid(conn, plan.stored_id)
    key = signing_key(conn)
    prior = _prior_increments(conn, plan, period)
    issued_at = datetime.now().isoformat(timespec="seconds")
    tasks_of: dict[str, list[Task]] = {name: [] for name in wanted}
    for task in plan.tasks:
        for name in responsible[task.id]:
            if name in tasks_of:
                tasks_of[name].append(task)
    specs = []
    for office in wanted:
        tasks = tasks_of[office]
        if not tasks:
            raise InputError(f"单位“{office}”在计划“{plan.title}”中{period.year}年没有负责的任务，无法生成填报表。")
        rows: list[FormRow] = []
        shown_sections: set[int] = set()
        for task in tasks:
            for section in _section_chain(plan, task.section_id):
                if section.stored_id not in shown_sections:
                    shown_sections.add(section.stored_id)
                    rows.append(FormRow(kind="section", name=section.title))
            rows.append(_task_row(task, office, period, prior.get((task.stored_id, office), 0.0), indexes[task.id]))
        specs.append(signed(key, FormSpec(
            plan_uid=uid, plan_id=plan.stored_id, plan_title=plan.title, appendix_title=plan.appendix_title,
            doc_no=plan.doc_no, first_year=plan.first_year, last_year=plan.last_year, office=office,
            period=period.code, issued_at=issued_at, rows=tuple(rows),
        )))
    return specs
