"""Collecting returned fill-in workbooks (收集填报表): one result per file, each file all or nothing.

A file is read and checked by `sheets.fill_in_read`, matched to a plan of this
database, checked against what the coordinator is collecting (plan, period,
office, when given), and its reports are checked with the same rules as a report
typed in the window (`progress.check_report`). Only then are the reports that
differ from the current ones written, all in one transaction, each as the next
revision of its cell: an earlier return stays in the history and the audit log.
The same file twice, or a file that says nothing new, changes nothing.

Files are taken oldest first (by when each was last saved), whatever order they
are given in, so where two returns of one office and period arrive together the
newer one stands: a folder listed by name puts 填报表(1).xlsx before 填报表.xlsx.
When it was saved is what the workbook itself records (an .xlsx's document
properties, which Excel, WPS and LibreOffice set on saving), else the file's time,
which a mail program may have set to when the attachment was saved.
"""

from __future__ import annotations

import datetime
import math
import os
import re
import sqlite3
import stat
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from planner.domain.errors import NotFoundError, PlannerError
from planner.domain.model import Plan, Report, Status
from planner.domain.office_names import normalize_office_name
from planner.domain.period_status import check_period_in_plan
from planner.domain.periods import parse_period
from planner.exchange import form_layout as L
from planner.exchange.fill_in_read import UNREADABLE, FilledForm, FormRefused, check_signature, read_fill_in
from planner.exchange.fill_in_spec import plan_uid
from planner.progress.entry import check_report
from planner.sheets.cells import column_letter
from planner.store import Store
from planner.store.backup import make_backup
from planner.store.plan_rows import plan_title
from planner.store.queries import load_plan
from planner.store.report_rows import first_reported_from, office_current_reports
from planner.store.reports import record_report
from planner.store.signing import signing_key

ACCEPTED, SUPERSEDED, UNCHANGED, REFUSED = "accepted", "superseded", "unchanged", "refused"
ANOTHER_PLAN, ANOTHER_OFFICE, ANOTHER_PERIOD = "another_plan", "another_office", "another_period"
EMPTY, PLAN_CHANGED, NOT_RESPONSIBLE, NOT_SAVED = "empty", "plan_changed", "not_responsible", "not_saved"
SOURCE = "workbook"
_COMPARED = ("value", "status", "narrative", "problems", "next_steps")

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class CollectScope:
    """What the coordinator is collecting; a field left None accepts any plan, period or office."""

    plan_id: int | None = None
    period: str | None = None
    office: str | None = None


@dataclass(frozen=True)
class CollectResult:
    path: Path
    outcome: str  # ACCEPTED, SUPERSEDED, UNCHANGED or REFUSED
    message: str  # one line for the user, in Chinese
    reason: str = ""  # for a refusal: which check failed
    plan_id: int | None = None
    plan_title: str = ""
    office: str = ""
    period: str = ""
    reports: int = 0  # revisions written
    superseded: int = 0  # of those, how many replaced an earlier report of the same cell
    sha256: str = ""

    @property
    def file_name(self) -> str:
        return self.path.name

    @property
    def refused(self) -> bool:
        return self.outcome == REFUSED

    def as_dict(self) -> dict[str, object]:
        return {"file": str(self.path), "outcome": self.outcome, "reason": self.reason or None,
                "message": self.message, "plan_id": self.plan_id, "office": self.office or None,
                "period": self.period or None, "reports": self.reports, "superseded": self.superseded,
                "sha256": self.sha256 or None}


@dataclass(frozen=True)
class _Current:
    revision: int
    review: str
    reported_at: str
    values: tuple


def _refused(path: Path, reason: str, message: str, form: FilledForm | None = None,
             plan: Plan | None = None) -> CollectResult:
    spec = form.spec if form else None
    return CollectResult(path, REFUSED, message, reason, plan.id if plan else None,
                         plan.title if plan else (spec.plan_title if spec else ""), spec.office if spec else "",
                         spec.period if spec else "", sha256=form.sha256 if form else "")


def _plan_of(store: Store, form: FilledForm, plans: dict[int, Plan]) -> Plan:
    spec = form.spec
    try:
        matches = plan_uid(store.conn, spec.plan_id) == spec.plan_uid
    except NotFoundError:
        matches = False
    if not matches:
        raise FormRefused(ANOTHER_PLAN, f"文件“{form.file_name}”是计划“{spec.plan_title}”"
                                        f"（编号 {spec.plan_id}）的填报表{_shown_at(L.PLAN_ROW, 1)}，"
                                        f"本数据库中没有这个计划（可能是另一个数据库生成的）。")
    if spec.plan_id not in plans:
        plans[spec.plan_id] = load_plan(store.conn, spec.plan_id)
    return plans[spec.plan_id]


def _check_scope(store: Store, form: FilledForm, plan: Plan, scope: CollectScope) -> None:
    spec, name = form.spec, form.file_name
    period = parse_period(spec.period)
    if scope.plan_id is not None and scope.plan_id != plan.id:
        wanted = plan_title(store.conn, scope.plan_id)
        title = wanted if wanted is not None else f"编号 {scope.plan_id}"
        raise FormRefused(ANOTHER_PLAN, f"文件“{name}”是计划“{plan.title}”的填报表{_shown_at(L.PLAN_ROW, 1)}，"
                                        f"当前收集的是计划“{title}”。")
    if scope.period is not None and parse_period(scope.period) != period:
        raise FormRefused(ANOTHER_PERIOD, f"文件“{name}”是{period.label}的填报表{_shown_at(L.INFO_ROW, L.GUIDE)}，"
                                          f"当前收集的是{parse_period(scope.period).label}。")
    if scope.office is not None and normalize_office_name(scope.office) != spec.office:
        raise FormRefused(ANOTHER_OFFICE, f"文件“{name}”是发给“{spec.office}”的填报表{_shown_at(L.INFO_ROW, 1)}，"
                                          f"当前收集的是“{normalize_office_name(scope.office)}”的。")
    try:
        check_period_in_plan(plan, period)
    except PlannerError as exc:
        raise FormRefused(ANOTHER_PERIOD, f"文件“{name}”{_shown_at(L.INFO_ROW, L.GUIDE)}：{exc}") from None


def _shown_at(row: int, column: int) -> str:
    """Where the visible sheet shows the plan, office or period (1-based): （见工作表“填报表”第3行A列）."""
    return f"（见工作表“{L.SHEET_TITLE}”第{row}行{column_letter(column - 1)}列）"


def _current(conn: sqlite3.Connection, plan_id: int, office: str, period: str) -> dict[int, _Current]:
    rows = office_current_reports(conn, plan_id, office, period)
    return {row[0]: _Current(row[1], row[2], row[3], (row[4], Status(row[5]) if row[5] else None, *row[6:]))
            for row in rows}


def _collected_before(conn: sqlite3.Connection, form: FilledForm) -> str | None:
    """When this very file was collected before (its reports carry its hash), else None."""
    return first_reported_from(conn, form.sha256, SOURCE, form.spec.office, form.spec.period)


def _office_view(plan: Plan, office: str, year: int, task_ids: set[int]) -> Plan:
    """The plan as `check_report` needs it for one office's return: only the tasks in the file, each
    with its lead and co-operating offices but only the year's targets that are plan-wide or the
    office's own.

    Who is responsible is decided exactly as on the whole plan, while a target broken down among
    two hundred districts no longer makes every check walk two hundred targets, nor a plan of
    100,000 tasks every lookup walk the whole plan.
    """
    period = str(year)
    tasks = [replace(task, targets=[t for t in task.targets if t.period == period and t.office in (None, office)])
             for task in plan.tasks if task.id in task_ids]
    return replace(plan, tasks=tasks, sections=[])


def _checked_reports(form: FilledForm, plan: Plan) -> list[Report]:
    spec = form.spec
    plan = _office_view(plan, spec.office, parse_period(spec.period).year, {e.task_id for e in form.entries})
    rows = {row.task_id: L.FIRST_ROW + offset for offset, row in enumerate(spec.rows) if row.kind == "task"}
    reporter = form.reporter or spec.office
    checked, problems, reason = [], [], PLAN_CHANGED
    for entry in form.entries:
        report = Report(task_id=entry.task_id, office=spec.office, period=spec.period, value=entry.value,
                        status=entry.status, narrative=entry.narrative, problems=entry.problems,
                        next_steps=entry.next_steps, reporter=reporter, source=SOURCE, source_hash=form.sha256)
        try:
            checked.append(check_report(plan, report))
        except NotFoundError:
            problems.append(f"第{rows[entry.task_id]}行的任务已从计划中删除")
        except PlannerError as exc:
            reason = NOT_RESPONSIBLE
            problems.append(f"第{rows[entry.task_id]}行：{exc}")
    if problems:
        shown = "；".join(problems[:3]) + (f"；另有 {len(problems) - 3} 处" if len(problems) > 3 else "")
        raise FormRefused(reason, f"文件“{form.file_name}”工作表“{L.SHEET_TITLE}”{shown}。整份文件未收集。")
    return checked


def _take(store: Store, form: FilledForm, plans: dict[int, Plan], scope: CollectScope) -> CollectResult:
    spec = form.spec
    plan = _plan_of(store, form, plans)
    check_signature(form, signing_key(store.conn))
    _check_scope(store, form, plan, scope)
    label = parse_period(spec.period).label
    who = f"“{spec.office}”{label}"

    def result(outcome: str, message: str, reports: int = 0, superseded: int = 0) -> CollectResult:
        return CollectResult(form.path, outcome, message, plan_id=plan.id, plan_title=plan.title, office=spec.office,
                             period=spec.period, reports=reports, superseded=superseded, sha256=form.sha256)

    if not form.entries:
        raise FormRefused(EMPTY, f"文件“{form.file_name}”中没有填写任何进展（{who}），未收集。")
    earlier = _collected_before(store.conn, form)
    if earlier is not None:
        return result(UNCHANGED, f"{who}：此文件已于 {earlier} 收集过，未重复收集。")
    reports = _checked_reports(form, plan)
    current = _current(store.conn, plan.stored_id, spec.office, spec.period)
    changed = []
    for report in reports:
        found = current.get(report.task_id)
        if found is None or found.review == "returned" \
                or found.values != tuple(getattr(report, name) for name in _COMPARED):
            changed.append(report)
    if not changed:
        return result(UNCHANGED, f"{who}：{len(reports)} 条填报与已有内容相同，未作改动。")
    note = f"收集填报表“{form.file_name}”"
    try:
        with store.transaction() as writer:
            for report in changed:
                record_report(writer, replace(report, review="submitted", review_note=""), note)
    except (PlannerError, sqlite3.Error) as exc:
        raise FormRefused(NOT_SAVED, f"文件“{form.file_name}”未能写入数据库：{exc}") from None
    superseded = sum(1 for report in changed if report.task_id in current)
    same = len(reports) - len(changed)
    extra = f"，{same} 条与已有内容相同" if same else ""
    if superseded:
        message = (f"{who}：收到 {len(changed)} 条填报，"
                   f"其中 {superseded} 条取代了此前的填报（旧版本保留在历史中）{extra}。")
    else:
        message = f"{who}：收到 {len(changed)} 条填报{extra}。"
    return result(SUPERSEDED if superseded else ACCEPTED, message, len(changed), superseded)


def collect_file(store: Store, path: str | Path, scope: CollectScope | None = None,
                 plans: dict[int, Plan] | None = None) -> CollectResult:
    """Collect one returned workbook; never raises for a bad file, the result says what happened."""
    path = Path(path)
    form = None
    plans = {} if plans is None else plans
    try:
        form = read_fill_in(path)
        return _take(store, form, plans, scope or CollectScope())
    except FormRefused as exc:
        return _refused(path, exc.reason, str(exc), form, plans.get(form.spec.plan_id) if form else None)
    except PlannerError as exc:
        return _refused(path, UNREADABLE, str(exc), form)


_MODIFIED_RE = re.compile(rb"<dcterms:modified[^>]*>\s*([0-9T:.+\-Z]{10,40})\s*</dcterms:modified>")
_MAX_PROPERTIES_BYTES = 64 * 1024  # docProps/core.xml is a few hundred bytes; anything larger is not read


def _workbook_saved_at(path: Path) -> float | None:
    """When an .xlsx says it was last saved (dcterms:modified, UTC), as a timestamp; None when it does not say."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("docProps/core.xml")
            if info.file_size > _MAX_PROPERTIES_BYTES:
                return None
            found = _MODIFIED_RE.search(archive.read(info))
        if found is None:
            return None
        moment = datetime.datetime.fromisoformat(found.group(1).decode("ascii"))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, RuntimeError, NotImplementedError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment.timestamp()


def oldest_first(paths: Sequence[str | Path]) -> list[Path]:
    """Files in the order they were last saved, by the workbook's own record where it has one, else by the
    file's time (which breaks a tie of the first; the given order among equals), so that an office's latest
    return is taken last and stands."""
    def saved_at(path: Path) -> tuple[int, float]:
        try:
            status = os.stat(path)
        except OSError:
            return 0, 0.0  # an unreadable file is refused with its reason when its turn comes
        modified = status.st_mtime
        # Only a regular file is opened: a FIFO or a device would block the reading (it is refused in its turn).
        recorded = _workbook_saved_at(path) if stat.S_ISREG(status.st_mode) else None
        # In whole seconds, as workbooks record it, so that the two kinds of time compare.
        return math.floor(modified if recorded is None else recorded), modified
    return sorted((Path(p) for p in paths), key=saved_at)


def collect_files(store: Store, paths: Iterable[str | Path], scope: CollectScope | None = None,
                  progress: Progress | None = None,
                  on_result: Callable[[CollectResult], None] | None = None) -> list[CollectResult]:
    """Collect every file in turn, oldest first (`oldest_first`); a refused file never stops the others.

    `progress(done, total)` is called before each file (and may raise to stop
    between files: the files already taken stay taken); `on_result` receives
    each result as soon as its file is done.
    """
    paths = oldest_first(list(paths))
    if len(paths) > 1:
        if not store.is_server:  # a server is backed up by its own means (pg_dump)
            make_backup(store.conn, store.path, "collect")  # a batch of returns is a day's work to undo
    plans: dict[int, Plan] = {}
    results = []
    for done, path in enumerate(paths):
        if progress is not None:
            progress(done, len(paths))
        result = collect_file(store, path, scope, plans)
        results.append(result)
        if on_result is not None:
            on_result(result)
    if progress is not None:
        progress(len(paths), len(paths))
    return results
