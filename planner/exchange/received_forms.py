"""The reporting office's side: open a received fill-in workbook, fill in on screen, write it back.

`open_fill_in` makes the plan of a received workbook exist in this database: the
coordinator's own plan when this is the coordinator's database, else a local copy
of the office's tasks (the plan's key is "fill-in:" + the coordinator's plan uid,
and tasks are matched by 序号 and name when the next quarter's workbook arrives).
Anything already typed into the workbook becomes the office's reports where it
has none yet. `write_back` writes the workbook again with the same identity and
locked part, taken from the received file, and the office's current reports in
the input cells, so the coordinator collects it like any other return. The
identity keeps the signature it came with: only the issuing database holds the
key that makes one, and the signature covers nothing the office types.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from planner.domain.errors import InputError, NotFoundError
from planner.domain.model import Plan, Report, Section, Target, Task
from planner.domain.office_names import normalize_office_name
from planner.domain.periods import parse_period
from planner.domain.target_building import make_target
from planner.exchange.fill_in import write_fill_in
from planner.exchange.fill_in_read import FilledForm, FormRefused, check_signature, read_fill_in
from planner.exchange.fill_in_spec import ROLE_CO, ROLE_LEAD, FormRow, FormSpec, build_specs, plan_uid
from planner.exchange.form_layout import FormEntry
from planner.progress.entry import check_report
from planner.store import Store, plan_rows, task_rows
from planner.store.audit import Writer
from planner.store.offices_repo import ensure_offices
from planner.store.plans import insert_plan
from planner.store.queries import current_reports, list_plans, load_plan
from planner.store.reports import record_report
from planner.store.signing import signing_key

KEY_PREFIX = "fill-in:"


@dataclass(frozen=True)
class WrittenBack:
    path: Path
    reports: int  # task rows written with the office's progress


def local_key(spec: FormSpec) -> str:
    return KEY_PREFIX + spec.plan_uid


def _native_plan(conn: sqlite3.Connection, spec: FormSpec) -> bool:
    """Whether `spec` is for a plan this database issued, not the local copy of a received form
    (whose id, creation time and title can all equal the coordinator's plan)."""
    plan = next((p for p in list_plans(conn) if p.id == spec.plan_id), None)
    if plan is None or plan.key == local_key(spec):
        return False
    try:
        return plan_uid(conn, spec.plan_id) == spec.plan_uid
    except NotFoundError:
        return False


def _row_targets(row: FormRow, office: str, year: int) -> list[Target]:
    if not row.target_text:
        return []
    kind = row.target_kind or None
    own = make_target(str(year), row.target_text, office if row.own_share else None, kind)
    own.kind, own.value = row.target_kind or own.kind, row.target_value
    own.comparator, own.unit = row.comparator or None, row.unit or None
    targets = [own]
    if row.own_share and row.plan_target_text:
        targets.append(make_target(str(year), row.plan_target_text, None, kind))
    return targets


def _local_task(row: FormRow, office: str, year: int, section_key: str | None) -> Task:
    return Task(name=row.name, seq=row.seq, section_key=section_key, indicator=row.indicator, baseline=row.baseline,
                lead=[office] if row.role == ROLE_LEAD else [], co=[office] if row.role == ROLE_CO else [],
                targets=_row_targets(row, office, year))


def _new_plan(spec: FormSpec, file_name: str) -> Plan:
    year = parse_period(spec.period).year
    plan = Plan(title=spec.plan_title, first_year=spec.first_year, last_year=spec.last_year, key=local_key(spec),
                appendix_title=spec.appendix_title, doc_no=spec.doc_no,
                source=f"收到的填报表“{file_name}”（汇总单位的计划编号 {spec.plan_id}）")
    section_key = None
    for row in spec.rows:
        if row.kind == "section":
            section_key = f"s{len(plan.sections)}"
            plan.sections.append(Section(title=row.name, key=section_key))
        else:
            plan.tasks.append(_local_task(row, spec.office, year, section_key))
    return plan


def _add_task(writer: Writer, plan: Plan, row: FormRow, office: str, year: int, section_title: str | None,
              note: str) -> None:
    section_id = None
    if section_title:
        section_id = next((s.id for s in plan.sections if s.title == section_title), None)
        if section_id is None:
            section_id = writer.insert("sections", {"plan_id": plan.id, "parent_id": None,
                                                    "position": len(plan.sections), "title": section_title}, note)
            plan.sections.append(Section(title=section_title, id=section_id))
    task = _local_task(row, office, year, None)
    position = plan_rows.next_task_position(writer.conn, plan.stored_id)
    task.id = writer.insert("tasks", {"plan_id": plan.id, "section_id": section_id, "position": position,
                                      "seq": task.seq, "name": task.name, "indicator": task.indicator,
                                      "baseline": task.baseline}, note)
    plan.tasks.append(task)
    _sync_task(writer, task, row, office, year, note)


def _sync_task(writer: Writer, task: Task, row: FormRow, office: str, year: int, note: str) -> None:
    """Bring a local task in line with the coordinator's latest workbook: texts, role and the year's targets."""
    task_id = task.stored_id
    writer.update("tasks", task_id, {"indicator": row.indicator, "baseline": row.baseline}, note)
    office_ids = ensure_offices(writer, [office, *(t.office for t in _row_targets(row, office, year) if t.office)])
    role = {ROLE_LEAD: "lead", ROLE_CO: "co"}.get(row.role)
    if role is not None and not task_rows.has_link(writer.conn, task_id, office_ids[office], role):
        writer.insert("task_offices", {"task_id": task_id, "office_id": office_ids[office], "role": role,
                                       "position": len(task.lead) + len(task.co)}, note)
    for target in _row_targets(row, office, year):
        office_id = office_ids[target.office] if target.office else None
        values = {"text": target.text, "comparator": target.comparator, "value": target.value, "unit": target.unit,
                  "kind": target.kind, "deadline_year": target.deadline_year}
        found = task_rows.target_at(writer.conn, task_id, target.period, office_id)
        if found is not None:
            writer.update("targets", found, values, note)
        else:
            writer.insert("targets", {"task_id": task_id, "period": target.period, "office_id": office_id, **values},
                          note)


def _task_key(seq: str, name: str) -> tuple[str, str]:
    return seq.strip(), name.strip()


def match_tasks(store: Store, plan_id: int, spec: FormSpec) -> dict[int, int]:
    """Spec task id → local task id, for the tasks of `spec` this database holds."""
    if _native_plan(store.conn, spec) and spec.plan_id == plan_id:
        ids = plan_rows.task_ids(store.conn, plan_id)
        return {row.task_id: row.task_id for row in spec.task_rows if row.task_id in ids}
    local = {_task_key(seq, name): task_id for task_id, seq, name in plan_rows.task_names(store.conn, plan_id)}
    return {row.task_id: local[_task_key(row.seq, row.name)] for row in spec.task_rows
            if row.task_id is not None and _task_key(row.seq, row.name) in local}


def _sync_plan(writer: Writer, store: Store, plan_id: int, spec: FormSpec, note: str) -> None:
    plan = load_plan(writer.conn, plan_id)
    by_key = {_task_key(t.seq, t.name): t for t in plan.tasks}
    year = parse_period(spec.period).year
    section = None
    for row in spec.rows:
        if row.kind == "section":
            section = row.name
            continue
        task = by_key.get(_task_key(row.seq, row.name))
        if task is None:
            _add_task(writer, plan, row, spec.office, year, section, note)
        else:
            _sync_task(writer, task, row, spec.office, year, note)


def _record_typed(writer: Writer, store: Store, plan_id: int, form: FilledForm, note: str) -> None:
    """The workbook's filled rows become reports where the office has none yet for the period."""
    spec = form.spec
    plan = load_plan(writer.conn, plan_id)
    mapping = match_tasks(store, plan_id, spec)
    have = {r.task_id for r in current_reports(writer.conn, plan_id, spec.period) if r.office == spec.office}
    for entry in form.entries:
        task_id = mapping.get(entry.task_id)
        if task_id is None or task_id in have:
            continue
        report = check_report(plan, Report(task_id=task_id, office=spec.office, period=spec.period,
                                           value=entry.value, status=entry.status, narrative=entry.narrative,
                                           problems=entry.problems, next_steps=entry.next_steps,
                                           reporter=form.reporter, source="workbook", source_hash=form.sha256))
        record_report(writer, report, note)


def open_fill_in(store: Store, path: str | Path) -> tuple[int, str, str]:
    """Make the received workbook's plan and tasks exist here; returns (plan id, office, period code).

    Raises InputError (a `FormRefused`) naming the file, sheet, row and column when
    the workbook cannot be used; the database is then unchanged.
    """
    form = read_fill_in(path)
    spec = form.spec
    note = f"打开收到的填报表“{form.file_name}”"
    native = _native_plan(store.conn, spec)
    if native:
        # What was typed in the form becomes this database's reports, as a collect would take them.
        check_signature(form, signing_key(store.conn))
    with store.transaction() as writer:
        if native:
            plan_id = spec.plan_id
            missing = [row for row in spec.task_rows if row.task_id not in match_tasks(store, plan_id, spec)]
            if missing:
                raise InputError(f"文件“{form.file_name}”中的任务“{missing[0].seq} {missing[0].name}”"
                                 f"已不在计划“{spec.plan_title}”中。")
        else:
            found = plan_rows.plan_with_key(writer.conn, local_key(spec))
            if found is None:
                plan_id = insert_plan(writer, _new_plan(spec, form.file_name), note)
            else:
                plan_id = found
                _sync_plan(writer, store, plan_id, spec, note)
        _record_typed(writer, store, plan_id, form, note)
    return plan_id, spec.office, spec.period


def _received_spec(store: Store, plan: Plan, office: str, period: str, source: Path) -> tuple[FormSpec, str]:
    form = read_fill_in(source)
    spec = form.spec
    ours = plan.key == local_key(spec) or (spec.plan_id == plan.id and _native_plan(store.conn, spec))
    if not ours:
        raise InputError(f"文件“{source.name}”是计划“{spec.plan_title}”的填报表，不是计划“{plan.title}”的。")
    if spec.office != office or spec.period != period:
        raise InputError(f"文件“{source.name}”是“{spec.office}”{parse_period(spec.period).label}的填报表，"
                         f"不是“{office}”{parse_period(period).label}的。")
    return spec, form.reporter


def write_back(store: Store, plan_id: int, office: str, period: str, path: str | Path,
               received: str | Path | None = None) -> WrittenBack:
    """Write the office's current reports for `period` into a fill-in workbook at `path`.

    The identity and locked part come from the received workbook: `received`, or
    the file at `path` itself when it is one (writing back over the received
    file). For the coordinator's own plan a fresh spec is used when there is none.
    """
    path = Path(path)
    plan = load_plan(store.conn, plan_id)
    office, period = normalize_office_name(office), parse_period(period).code
    source = Path(received) if received is not None else path
    spec, reporter = None, ""
    if received is not None or path.exists():
        try:
            spec, reporter = _received_spec(store, plan, office, period, source)
        except FormRefused:
            if received is not None or (plan.key or "").startswith(KEY_PREFIX):
                raise
    if spec is None:
        if (plan.key or "").startswith(KEY_PREFIX):
            raise InputError(f"计划“{plan.title}”来自收到的填报表，写回时需要那份原文件：请选择收到的填报表。")
        spec = build_specs(store.conn, plan, period, [office])[0]
    mapping = match_tasks(store, plan_id, spec)
    current = {r.task_id: r for r in current_reports(store.conn, plan_id, period) if r.office == office}
    entries = {}
    for spec_id, local_id in mapping.items():
        report = current.get(local_id)
        if report is not None:
            entries[spec_id] = FormEntry(task_id=spec_id, value=report.value, status=report.status,
                                         narrative=report.narrative, problems=report.problems,
                                         next_steps=report.next_steps)
            reporter = report.reporter if report.source == "keyboard" and report.reporter else reporter
    try:
        write_fill_in(spec, path, entries, reporter or store.actor.person)
    except OSError as exc:
        raise InputError(f"无法写入填报表“{path}”：{exc.strerror or exc}") from None
    return WrittenBack(path, len(entries))

