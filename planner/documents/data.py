"""What a report is asked for, and the plan, figures and texts gathered for it.

Filters: the period (the quarterly and office reports need one; the target table
takes one only to show or filter by status), the office (its tasks only), the
section (it and its subsections) and the status. Office and section narrow the
whole report, figures included; the status narrows the tables of tasks, so a
report of the lagging tasks still says how many tasks there are in all.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from enum import Enum

from planner.domain.errors import InputError, NotFoundError
from planner.domain.model import Plan, Section, Status, Task
from planner.domain.office_figures import office_figures
from planner.domain.office_names import normalize_office_name
from planner.domain.period_status import (
    check_period_in_plan,
    evaluate_plan,
    evaluate_tasks,
    responsible_offices,
)
from planner.domain.periods import Period, parse_period
from planner.domain.plan_periods import default_period, periods_latest_first
from planner.domain.status import Evaluation, PeriodStatus
from planner.plans.filtering import section_and_below
from planner.store.progress_queries import deciding_report_facts, report_facts, year_reports
from planner.store.queries import load_plan
from planner.store.report_rows import periods_with_reports
from planner.store.report_texts import ReportTexts, report_texts

Progress = Callable[[int, int], None]


class ReportKind(str, Enum):
    TARGETS = "targets"  # 目标任务表
    QUARTERLY = "quarterly"  # 季度进展报告
    OFFICE = "office"  # 单位报告

    @property
    def label(self) -> str:
        return {"targets": "目标任务表", "quarterly": "季度进展报告", "office": "单位报告"}[self.value]


STATUS_ALIASES = {"done": Status.DONE, "on-track": Status.ON_TRACK, "on_track": Status.ON_TRACK,
                  "behind": Status.BEHIND, "lagging": Status.BEHIND, "not-reported": Status.NOT_REPORTED,
                  "not_reported": Status.NOT_REPORTED}


def parse_statuses(text: str) -> frozenset[Status]:
    """"滞后", "滞后,未填报" or English names (lagging, done, on-track, not-reported)."""
    found = set()
    for part in text.replace("，", ",").replace("、", ",").split(","):
        word = part.strip()
        if not word:
            continue
        status = next((s for s in Status if s.value == word), None) or STATUS_ALIASES.get(word.lower())
        if status is None:
            names = "、".join(s.value for s in Status)
            raise InputError(f"无法识别的状态：“{word}”（应为 {names} 之一）。")
        found.add(status)
    return frozenset(found)


@dataclass(frozen=True)
class ReportRequest:
    kind: ReportKind
    plan_id: int
    period: str | None = None
    office: str | None = None
    section: int | str | None = None  # a section id, or the start of its title
    statuses: frozenset[Status] = frozenset()  # empty: every status
    issuer: str = ""  # 发文机关署名
    recipient: str = ""  # 主送机关
    issued_on: date | None = None  # 成文日期 (default: today)
    lead_only: bool = False
    fonts: Mapping[str, str] | None = None  # role → font file, see planner.documents.fonts
    task_ids: frozenset[int] | None = None  # the tasks the window's search shows; None: no search
    letterhead: str = ""  # 发文机关标志 of the 版头 ("衡水市民政局文件"); none: no 版头
    doc_no: str = ""  # 发文字号, in the 版头
    signer: str = ""  # 签发人, in the 版头


@dataclass
class ReportData:
    request: ReportRequest
    plan: Plan  # with the tasks in scope (office and section) only
    full_plan: Plan
    period: Period | None
    section: Section | None
    office: str | None
    status: PeriodStatus | None = None
    texts: dict[tuple[int, str], ReportTexts] = field(default_factory=dict)
    _responsible: dict[int, list[str]] = field(default_factory=dict, repr=False)
    _task_status: dict[int, Evaluation] | None = field(default=None, repr=False)
    _office_status: dict[tuple[int, str], Evaluation] | None = field(default=None, repr=False)

    @property
    def known_period(self) -> Period:
        """The period of a quarterly or an office report, which always has one (`gather` sees to it)."""
        if self.period is None:
            raise ValueError(f"a {self.request.kind.label} without a period")
        return self.period

    @property
    def known_status(self) -> PeriodStatus:
        """The evaluation of the period, there whenever the report has a period."""
        if self.status is None:
            raise ValueError(f"a {self.request.kind.label} without an evaluated period")
        return self.status

    @property
    def known_office(self) -> str:
        """The office of an office report, which always names one (`gather` refuses it otherwise)."""
        if self.office is None:
            raise ValueError(f"a {self.request.kind.label} without an office")
        return self.office

    @property
    def task_status(self) -> dict[int, Evaluation]:
        if self._task_status is None:
            self._task_status = {e.task_id: e for e in self.status.tasks} if self.status else {}
        return self._task_status

    def responsible(self, task: Task) -> list[str]:
        """The offices answering for `task` in the period's year, as the status engine counts them."""
        found = self._responsible.get(task.stored_id)
        if found is None:
            found = self._responsible[task.stored_id] = responsible_offices(task, self.known_period.year,
                                                                            self.request.lead_only)
        return found

    def office_evaluations(self) -> dict[tuple[int, str], Evaluation]:
        if self._office_status is None:
            # Every evaluation in by_office is one office's: the test on its office only tells mypy so.
            self._office_status = ({(e.task_id, e.office): e for e in self.status.by_office if e.office is not None}
                                   if self.status else {})
        return self._office_status

    def listed_tasks(self) -> list[Task]:
        """The tasks in scope whose status is one of those asked for (all of them when none is asked for)."""
        statuses = self.request.statuses
        if not statuses or self.status is None:
            return list(self.plan.tasks)
        if self.office is not None:
            judged = {e.task_id: e.status for e in self.status.by_office if e.office == self.office}
        else:
            judged = {e.task_id: e.status for e in self.status.tasks}
        return [task for task in self.plan.tasks
                if (status := judged.get(task.stored_id)) is not None and status in statuses]

    @property
    def status_note(self) -> str:
        """"（滞后）" when the tables list only some statuses."""
        statuses = self.request.statuses
        if not statuses or len(statuses) == len(Status):
            return ""
        return "（" + "、".join(s.value for s in Status if s in statuses) + "）"


def find_section(plan: Plan, key: int | str) -> Section:
    """A section by its id, or by the beginning of its title (一、 / （二） / the title itself)."""
    text = str(key).strip()
    if text.isdigit():
        for section in plan.sections:
            if section.id == int(text):
                return section
    for section in plan.sections:
        if text and section.title.startswith(text):
            return section
    listed = "；".join(f"{s.id} {s.title}" for s in plan.sections) or "（此计划没有分组）"
    raise NotFoundError(f"计划“{plan.title}”中没有分组“{text}”。现有分组：{listed}")


def latest_reported_period(conn: sqlite3.Connection, plan: Plan, today: date | None = None) -> Period:
    """The period a report takes when none is given: `planner.domain.plan_periods.default_period`, the latest
    period with returns (without any, today's quarter while the plan runs, otherwise its nearest year)."""
    reported = periods_with_reports(conn, plan.stored_id, periods_latest_first(plan))
    return parse_period(default_period(plan, today or date.today(), reported))


def _office_tasks(plan: Plan, office: str, year: int | None) -> list[Task]:
    years = [year] if year is not None else plan.years
    return [task for task in plan.tasks if any(office in responsible_offices(task, y) for y in years)]


def _period_status(conn: sqlite3.Connection, full: Plan, plan: Plan, period: Period, lead_only: bool,
                   office: str | None, step: Progress) -> PeriodStatus:
    """The period's status of the tasks in scope. A report for one office reads each of its task–office pairs
    (`evaluate_plan`); one for the whole plan needs the tasks as a whole, the offices' counts and the 催报名单, which
    the dashboard's reading gives without judging and explaining every pair of 2,000 tasks and 20 offices."""
    if office is not None:
        facts = report_facts(conn, full.stored_id, period)
        step(2, 4)
        return evaluate_plan(plan, facts, period, lead_only, office)
    check_period_in_plan(plan, period)
    figures = office_figures(plan, year_reports(conn, full.stored_id, period), lead_only)
    step(2, 4)
    tasks = evaluate_tasks(plan, deciding_report_facts(conn, full.stored_id, period), period)
    return PeriodStatus(period, tasks, [], figures.offices, lead_only, figures.not_reported())


MAX_MARK_CHARS = 20  # a 发文机关标志 longer than this is no office's name
MAX_NUMBER_LINE_CHARS = 24  # 发文字号, "签发人：" and the name on one line of 28, a character in from each side


def check_letterhead(request: ReportRequest) -> None:
    """Refuse a 版头 whose parts cannot stand where GB/T 9704 places them."""
    mark = request.letterhead.strip()
    if len(mark) > MAX_MARK_CHARS:
        raise InputError(f"发文机关标志“{mark[:30]}”有 {len(mark)} 个字，版头最多放 {MAX_MARK_CHARS} 个字。")
    doc_no, signer = request.doc_no.strip(), request.signer.strip()
    if request.kind is ReportKind.TARGETS and (mark or doc_no or signer):
        raise InputError("目标任务表是附件，没有版头：发文机关标志、发文字号和签发人只用于季度进展报告和单位报告。")
    if (doc_no or signer) and not mark:
        raise InputError("发文字号和签发人印在版头中：请同时给出发文机关标志（如“衡水市民政局文件”）。")
    used = len(doc_no) + (len("签发人：") + len(signer) if signer else 0)
    if used > MAX_NUMBER_LINE_CHARS:
        raise InputError(f"发文字号和签发人共 {used} 个字，在版头的一行里放不下（最多 {MAX_NUMBER_LINE_CHARS} 个字）。")


def gather(conn: sqlite3.Connection, request: ReportRequest, progress: Progress | None = None) -> ReportData:
    """Load the plan, keep the tasks in scope, evaluate the period and read the returns' texts."""
    step = progress or (lambda done, total: None)
    step(0, 4)
    check_letterhead(request)
    full = load_plan(conn, request.plan_id)
    period = parse_period(request.period) if request.period else None
    if period is None and request.kind is not ReportKind.TARGETS:
        period = latest_reported_period(conn, full)
    if period is None and request.statuses:
        raise InputError("按状态筛选需要指定期间（--period），例如 2021Q3。")
    if period is not None:
        check_period_in_plan(full, period)
    office = normalize_office_name(request.office) if request.office else None
    if request.kind is ReportKind.OFFICE and office is None:
        raise InputError("单位报告需要指定单位（--office）。")
    section = find_section(full, request.section) if request.section is not None else None
    tasks = full.tasks
    if section is not None:
        ids = section_and_below(full, section.stored_id)
        tasks = [task for task in tasks if task.section_id in ids]
    if request.task_ids is not None:
        tasks = [task for task in tasks if task.id in request.task_ids]
        if not tasks:
            raise InputError("筛选条件下没有任务，请先放宽筛选。")
    if office is not None:
        tasks = _office_tasks(replace(full, tasks=tasks), office, period.year if period else None)
        if not tasks:
            raise InputError(f"单位“{office}”在计划“{full.title}”中没有负责的任务。")
    plan = replace(full, tasks=tasks)
    data = ReportData(request, plan, full, period, section, office)
    step(1, 4)
    if period is not None:
        data.status = _period_status(conn, full, plan, period, request.lead_only, office, step)
        step(3, 4)
        if request.kind is not ReportKind.TARGETS:
            data.texts = report_texts(conn, full.stored_id, period, office)
    step(4, 4)
    return data
