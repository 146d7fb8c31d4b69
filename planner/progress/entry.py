"""Recording progress: a checked report becomes the next revision, reviews, withdrawals and evidence files.

The window, the command line and the fill-in workbook collector all record
reports through `submit_report`, so the same rules hold everywhere: the period
lies within the plan's years, the office is responsible for the task, a figure
is a finite number not below zero and within the bound of `planner.domain.figures`, the
texts hold no character `planner.domain.safe_text` removes, and a report identical to
the current one adds no revision. Each call is one transaction with its audit rows.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, replace
from pathlib import Path

from planner.domain.errors import InputError, NotFoundError, StaleWriteError
from planner.domain.figures import figure_in_bounds, out_of_bounds_message
from planner.domain.model import Plan, Report, Status
from planner.domain.office_names import normalize_office_name
from planner.domain.period_status import check_period_in_plan, responsible_offices
from planner.domain.periods import parse_period
from planner.domain.safe_text import safe_text
from planner.store import Store
from planner.store.audit import now_text
from planner.store.offices_repo import office_id
from planner.store.queries import report_history
from planner.store.report_rows import attachment_file, attachment_rows, newer_revision, review_of
from planner.store.reports import RevisionTaken, record_report
from planner.store.row_history import AGAIN, NOT_UNDONE, last_writer, removed_since

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
TEXT_LIMIT = 4000  # characters of 进展情况, 存在问题 or 下步打算
REVIEWS = ("submitted", "accepted", "returned")
_COMPARED = ("value", "status", "narrative", "problems", "next_steps")


@dataclass(frozen=True)
class Attachment:
    id: int
    task_id: int
    office: str
    period: str
    file_name: str
    size: int
    sha256: str
    added_at: str


def _task_of(plan: Plan, task_id: int):
    task = next((t for t in plan.tasks if t.id == task_id), None)
    if task is None:
        raise NotFoundError(f"计划“{plan.title}”中没有编号为 {task_id} 的任务。")
    return task


def check_report(plan: Plan, report: Report) -> Report:
    """The report with its period and office in their canonical forms; InputError says what is wrong."""
    period = parse_period(report.period)
    check_period_in_plan(plan, period)
    task = _task_of(plan, report.task_id)
    office = normalize_office_name(report.office)
    if office not in responsible_offices(task, period.year):
        raise InputError(f"单位“{office}”不是任务“{task.seq} {task.name}”的责任单位，不能填报该任务。")
    value = report.value
    if value is not None:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise InputError(f"任务“{task.name}”的完成数值“{value}”不是有效数字。")
        if not figure_in_bounds(value):
            raise InputError(out_of_bounds_message(f"任务“{task.name}”的完成数值", value) + "。")
        if value < 0:
            raise InputError(f"任务“{task.name}”的完成数值不能为负数（填的是 {value:g}）。")
    texts = {name: safe_text(getattr(report, name)) for name in ("narrative", "problems", "next_steps", "reporter")}
    for label, name in (("进展情况", "narrative"), ("存在问题", "problems"), ("下步打算", "next_steps")):
        if len(texts[name]) > TEXT_LIMIT:
            raise InputError(f"任务“{task.name}”的{label}有 {len(texts[name])} 字，超过 {TEXT_LIMIT} 字的上限。")
    status = Status(report.status) if report.status else None
    if status is Status.NOT_REPORTED:
        raise InputError("“未填报”不能作为填报的状态。")
    return replace(report, period=period.code, office=office, value=None if value is None else float(value),
                   status=status, narrative=texts["narrative"], problems=texts["problems"],
                   next_steps=texts["next_steps"], reporter=texts["reporter"])


def current_report(store: Store, task_id: int, office: str, period: str) -> Report | None:
    history = report_history(store.conn, task_id, normalize_office_name(office), parse_period(period).code)
    return history[-1] if history else None


def submit_report(store: Store, plan: Plan, report: Report, note: str = "",
                  based_on: int | None = None) -> tuple[Report, bool]:
    """Record `report` as the next revision; returns (the current report, whether a revision was added).

    A report that says nothing new (same figure, status and texts as the current
    revision) adds nothing, so submitting the same return twice changes nothing.
    `based_on` is the revision the clerk was looking at (0 for none): when someone else has
    added a revision since, the report is refused with `StaleWriteError`, naming who and when,
    instead of replacing theirs unseen. Two sessions adding the same revision at once meet the
    same refusal: the database holds one revision number once.
    """
    checked = check_report(plan, report)
    current = current_report(store, checked.task_id, checked.office, checked.period)
    if based_on is not None and (current.revision if current else 0) != based_on:
        raise _stale(plan, checked, current, based_on)
    if current is not None and all(getattr(current, f) == getattr(checked, f) for f in _COMPARED) \
            and current.review != "returned":
        return current, False
    expected = current.revision if current else 0
    try:
        with store.transaction() as writer:
            recorded = record_report(writer, replace(checked, review="submitted", review_note=""), note,
                                     expected_revision=expected)
    except RevisionTaken:
        now = current_report(store, checked.task_id, checked.office, checked.period)
        raise _stale(plan, checked, now, expected) from None
    return recorded, True


def _stale(plan: Plan, report: Report, current: Report | None, seen: int) -> StaleWriteError:
    task = _task_of(plan, report.task_id)
    if current is None:
        return StaleWriteError(f"任务“{task.seq} {task.name}”{report.office} {report.period} 的填报已被撤销，"
                               f"您看到的第 {seen} 版已不存在。请重新载入后再填，本次未保存。")
    who = current.reporter or "另一位用户"
    return StaleWriteError(f"任务“{task.seq} {task.name}”{report.office} {report.period} 的填报已被“{who}”"
                           f"于 {current.reported_at.replace('T', ' ')} 改为第 {current.revision} 版"
                           f"（您看到的是第 {seen} 版）。请重新载入后再填，本次未保存。")


REVIEW_WORDS = {"submitted": "撤销审核", "accepted": "审核通过", "returned": "退回"}


def withdraw_revision(store: Store, report_id: int, note: str = "撤销填报") -> None:
    """Delete one revision (for undo); the one before it becomes current again. Audited.

    Refused with who and when (`StaleWriteError`) when someone has since reported again on the same
    task, office and period, or reviewed this revision: taking it back then would pull the ground from
    under their work."""
    with store.transaction() as writer:
        row = writer.row("reports", report_id)
        if row is None:
            raise removed_since(writer.conn, "reports", report_id, "这次填报", NOT_UNDONE)
        newer = newer_revision(writer.conn, report_id)
        if newer is not None:
            who, when = last_writer(writer.conn, "reports", newer)
            raise StaleWriteError(f"这项填报已由“{who}”于 {when} 再次填报。{NOT_UNDONE}")
        if row["review"] != "submitted":
            who, when = last_writer(writer.conn, "reports", report_id)
            raise StaleWriteError(f"这次填报已由“{who}”于 {when} {REVIEW_WORDS[row['review']]}。{NOT_UNDONE}")
        writer.delete("reports", report_id, note)


def review_report(store: Store, report_id: int, review: str, reason: str = "",
                  seen: tuple[str, str] | None = None, then: str = AGAIN) -> tuple[str, str]:
    """Accept or return (退回) the report revision `report_id`; returns the previous (review, note).

    `seen` is the (review, note) the reviewer started from (for undo and redo: what the command
    left); when someone else has reviewed the revision since, the review is refused with who and when,
    and `then` tells what became of it (AGAIN, NOT_UNDONE, NOT_REDONE)."""
    if review not in REVIEWS:
        raise InputError(f"审核结果“{review}”无效。")
    if review == "returned" and not reason.strip():
        raise InputError("退回填报时请说明原因。")
    with store.transaction() as writer:
        now = review_of(writer.conn, report_id)
        if now is None and seen is None:
            raise NotFoundError(f"没有编号为 {report_id} 的填报。")
        if now is None:
            raise removed_since(writer.conn, "reports", report_id, "这次填报", then)
        if seen is not None and now != seen:
            who, when = last_writer(writer.conn, "reports", report_id)
            raise StaleWriteError(f"这次填报已由“{who}”于 {when} {REVIEW_WORDS[now[0]]}。{then}")
        writer.update("reports", report_id, {"review": review, "review_note": reason.strip()}, "审核填报")
    return now


def _check_size(name: str, size: int) -> None:
    if size > MAX_ATTACHMENT_BYTES:
        raise InputError(f"佐证材料“{name}”有 {size / 1024 / 1024:.1f} MB，"
                         f"超过 {MAX_ATTACHMENT_BYTES // 1024 // 1024} MB 的上限，请压缩后再附。")


def read_evidence(path: str | Path) -> tuple[str, bytes]:
    """The name and bytes of an evidence file, refused before reading when it is over the cap."""
    path = Path(path)
    try:
        _check_size(path.name, path.stat().st_size)
        return path.name, path.read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取佐证材料“{path.name}”：{exc.strerror or exc}") from None


def attach_bytes(store: Store, task_id: int, office: str, period: str, file_name: str, data: bytes) -> int:
    """Store evidence with the report cell of `task_id`, `office` and `period`; returns the attachment id."""
    _check_size(file_name, len(data))
    code = parse_period(period).code
    with store.transaction() as writer:
        return writer.insert("attachments", {
            "task_id": task_id, "office_id": office_id(store.conn, office), "period": code,
            "file_name": file_name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest(), "data": data,
            "added_at": now_text(), "added_by": store.actor.person,
        }, "附加佐证材料")


def attach_file(store: Store, task_id: int, office: str, period: str, path: str | Path) -> int:
    return attach_bytes(store, task_id, office, period, *read_evidence(path))


def remove_attachment(store: Store, attachment_id: int) -> None:
    with store.transaction() as writer:
        writer.delete("attachments", attachment_id, "删除佐证材料")


def list_attachments(store: Store, task_id: int, office: str, period: str) -> list[Attachment]:
    rows = attachment_rows(store.conn, task_id, normalize_office_name(office), parse_period(period).code)
    return [Attachment(*row) for row in rows]


def attachment_data(store: Store, attachment_id: int) -> tuple[str, bytes]:
    found = attachment_file(store.conn, attachment_id)
    if found is None:
        raise NotFoundError(f"没有编号为 {attachment_id} 的佐证材料。")
    return found
