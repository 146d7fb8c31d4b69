"""Importing a notice as a plan: preview first, then one all-or-nothing write.

`preview_notice` recognises a `NoticeDocument` (from `read_text_notice`, `notice_from_text`
or a reader of `planner.notices.readers`) and builds the plan it describes, without the
database; after the user's corrections (`planner.notices.edits`) `preview_recognised`
builds it again. `commit_notice` writes the plan, marked as a draft with the file's name
and sha256 as its source, in one transaction with its audit rows; the same file twice
gets the spreadsheets' question (`planner.plans.duplicates`): refuse, replace, or a new
version. A notice in which no task was recognised is refused with a message that names
the file and says what the user can do.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.domain.model import Plan
from planner.notices.building import build_plan
from planner.notices.document import NoticeDocument
from planner.notices.items import ItemRole, NoticeIssue, RecognisedNotice, RecognitionSettings
from planner.notices.recognition import recognise
from planner.notices.refusals import NoticeInputError
from planner.plans.duplicates import OnDuplicate, resolve_duplicate, write_imported_plan
from planner.plans.importing import ImportCounts, count_plan
from planner.store import Store
from planner.store.plan_rows import plans_from_source

_TASK_HINT = "可以在导入向导中指定任务所在的部分（如“二、”；命令行用 --tasks-section），或逐段标记哪些是任务。"


class NoTasksError(NoticeInputError):
    """No task was recognised in the notice."""


@dataclass
class NoticePreview:
    """What importing a notice would write, before anything is written."""

    recognised: RecognisedNotice
    plan: Plan
    issues: list[NoticeIssue] = field(default_factory=list)
    document: NoticeDocument | None = None  # what was recognised: to recognise again with other settings

    @property
    def file_name(self) -> str:
        return self.recognised.file_name

    @property
    def counts(self) -> ImportCounts:
        return count_plan(self.plan)


@dataclass
class NoticeImportResult:
    preview: NoticePreview
    plan_id: int | None  # None for a dry run
    dry_run: bool = False
    replaced_plan_id: int | None = None
    duplicate_of: int | None = None  # an earlier import of the same content, if any


def _issues(recognised: RecognisedNotice, plan: Plan) -> list[NoticeIssue]:
    issues = list(recognised.warnings)
    for item in recognised.tasks:
        if not item.lead and not item.co:
            issues.append(NoticeIssue(item.where, f"任务“{item.name}”（{item.origin}）没有找到责任单位，请补充。"))
    if not plan.tasks:
        issues.append(NoticeIssue("", no_tasks_message(recognised)))
    return issues


def no_tasks_message(recognised: RecognisedNotice) -> str:
    """Why no task was recognised, in words that say where to look and what to do."""
    name = recognised.file_name
    numbered = [item for item in recognised.items if item.number is not None]
    if not numbered:
        return (f"文件“{name}”中没有找到编号的条目（如“一、”“（一）”“1.”），无法识别出任务，"
                f"共读到 {len(recognised.items)} 段文字。{_TASK_HINT}")
    sections = [item for item in recognised.items if item.role is ItemRole.SECTION]
    if sections:
        first = sections[0]
        return (f"文件“{name}”{first.where}“{first.text[:30]}”下面没有编号的任务条目，未识别出任务。{_TASK_HINT}")
    return f"文件“{name}”中有编号的条目，但没有识别出任务（从{numbered[0].where}起）。{_TASK_HINT}"


def preview_recognised(recognised: RecognisedNotice, document: NoticeDocument | None = None) -> NoticePreview:
    """The plan a (possibly corrected) recognition gives, with its warnings."""
    plan = build_plan(recognised)
    return NoticePreview(recognised, plan, _issues(recognised, plan), document)


def preview_notice(document: NoticeDocument, settings: RecognitionSettings | None = None) -> NoticePreview:
    """Recognise `document` and show the plan it describes; the database is not involved."""
    return preview_recognised(recognise(document, settings), document)


def commit_notice(store: Store, preview: NoticePreview, on_duplicate: OnDuplicate = "refuse",
                  dry_run: bool = False) -> NoticeImportResult:
    """Write the previewed plan in one transaction; nothing is written if anything fails."""
    if not preview.plan.tasks:
        raise NoTasksError(no_tasks_message(preview.recognised))
    earlier = plans_from_source(store.conn, preview.recognised.sha256)
    duplicate_of = earlier[-1]["id"] if earlier else None
    if dry_run:
        resolve_duplicate(store.conn, preview.recognised.sha256, preview.file_name, preview.plan, on_duplicate)
        return NoticeImportResult(preview, None, dry_run=True, duplicate_of=duplicate_of)
    plan_id, replaced = write_imported_plan(store, preview.plan, preview.file_name, on_duplicate,
                                            f"导入通知：{preview.file_name}")
    return NoticeImportResult(preview, plan_id, replaced_plan_id=replaced[-1] if replaced else None,
                              duplicate_of=duplicate_of)
