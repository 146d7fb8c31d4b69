"""`main.py import NOTICE`: a notice (text, Word, PDF, web page) imported as a plan on the command line.

The verb is `import`, as for spreadsheets (`planner.cli.importing` tells the two apart);
this module declares the options only notices have and runs the notice importer. It
prints the outline, each task with its origin, offices and targets, and the warnings;
`--json` prints the same as JSON. A refused file exits 1 with the file and place named,
and the database is not opened.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from planner.cli.arguments import print_import

if TYPE_CHECKING:
    from planner.notices.document import NoticeDocument
    from planner.notices.importing import NoticeImportResult
    from planner.plans.duplicates import OnDuplicate

MAX_PRINTED_TASKS = 200
MAX_PRINTED_ISSUES = 50
FORMAT_LABELS = {"txt": "文本", "pasted": "粘贴的文本", "docx": "Word 文档", "doc": "Word 97-2003 文档",
                 "wps": "WPS 文字文档", "rtf": "RTF 文档", "odt": "OpenDocument 文本", "pdf": "PDF 文档",
                 "html": "网页", "mhtml": "网页（单一文件）", "ofd": "OFD 文档"}
_SHEET_ONLY = (("sheet", "--sheet"), ("breakdown", "--breakdown"), ("breakdown_task", "--breakdown-task"))


def add_notice_options(command: argparse.ArgumentParser) -> None:
    notices = command.add_argument_group("notices (txt, docx, doc, wps, pdf, html, mhtml, ofd)")
    notices.add_argument("--tasks-section", metavar="HEADING", action="append",
                         help="the section holding the tasks, by its number (二、) or words of its heading; "
                              "may be repeated (default: the one headed 主要任务, 重点工作, …)")
    notices.add_argument("--lead-rule", choices=("first", "all"), default="first",
                         help="who leads where the notice does not say: the first office listed (default), or all")
    notices.add_argument("--tasks-from", choices=("auto", "body", "appendix", "both"), default="auto",
                         help="tasks from the numbered items, the appendix table, or both "
                              "(default: the table when its rows have yearly targets)")


def _read(path: str, kind: str) -> NoticeDocument:
    if kind == "txt":
        from planner.notices.text import read_text_notice

        return read_text_notice(path)
    from planner.notices.readers import read_notice

    return read_notice(path)


def _summary(result: NoticeImportResult) -> dict[str, Any]:
    from planner.notices.building import section_title
    from planner.notices.items import ItemRole

    preview = result.preview
    recognised, plan = preview.recognised, preview.plan
    sections = {section.key: section.title for section in plan.sections}
    tasks = [item for item in recognised.items if item.role is ItemRole.TASK]
    return {
        "file": preview.file_name, "format": recognised.kind, "sha256": recognised.sha256,
        "title": plan.title, "doc_no": plan.doc_no, "issuer": plan.issuer, "issue_date": plan.issue_date,
        "years": [plan.first_year, plan.last_year], "appendix_title": plan.appendix_title,
        "outline": [{"origin": item.origin, "title": section_title(item), "place": item.where}
                    for item in recognised.items if item.role is ItemRole.SECTION],
        "tasks": [
            {"origin": task.origin, "seq": task.seq, "name": task.name, "section": sections.get(task.section_key or ""),
             "place": item.where, "content": task.content, "lead": task.lead, "co": task.co, "note": task.note,
             "targets": [{"period": t.period, "office": t.office, "text": t.text, "value": t.value, "unit": t.unit,
                          "comparator": t.comparator, "kind": t.kind} for t in task.targets]}
            for task, item in zip(plan.tasks, tasks)
        ],
        "counts": preview.counts.as_dict(),
        "issues": [issue.as_dict() for issue in preview.issues],
        "dry_run": result.dry_run, "plan_id": result.plan_id, "replaced_plan_id": result.replaced_plan_id,
        "duplicate_of": result.duplicate_of,
    }


def _targets_text(task: dict[str, Any]) -> str:
    return "；".join(f"{t['period']}年{t['office'] or ''}：{t['text']}" for t in task["targets"])


def _print_text(summary: dict[str, Any]) -> None:
    print(f"文件：{summary['file']}（{FORMAT_LABELS.get(summary['format'], summary['format'])}）")
    first, last = summary["years"]
    print(f"计划：{summary['title']}（{first}—{last}年，草稿）")
    particulars = [f"{label}：{summary[key]}" for key, label in (("doc_no", "文号"), ("issuer", "发文机关"),
                                                                 ("issue_date", "成文日期")) if summary[key]]
    if particulars:
        print("　".join(particulars))
    if summary["outline"]:
        print("提纲：")
        for heading in summary["outline"]:
            depth = max(0, heading["origin"].count("、") + heading["origin"].count("）") - 1)
            print(f"  {'  ' * depth}{heading['title']}（{heading['place']}）")
    counts = summary["counts"]
    print(f"识别结果：{counts['sections']} 个分组，{counts['tasks']} 项任务，{counts['targets']} 个目标，"
          f"{counts['offices']} 个单位")
    for task in summary["tasks"][:MAX_PRINTED_TASKS]:
        print(f"  {task['origin'] or task['seq']} {task['name']}（{task['place']}）")
        print(f"    牵头：{'、'.join(task['lead']) or '—'}；配合：{'、'.join(task['co']) or '—'}")
        if task["targets"]:
            print(f"    目标：{_targets_text(task)}")
    if len(summary["tasks"]) > MAX_PRINTED_TASKS:
        print(f"  …另有 {len(summary['tasks']) - MAX_PRINTED_TASKS} 项任务（用 --json 查看全部）")
    issues = summary["issues"]
    if issues:
        print(f"提示（{len(issues)} 条）：")
        for issue in issues[:MAX_PRINTED_ISSUES]:
            print(f"  {issue['place']}：{issue['message']}" if issue["place"] else f"  {issue['message']}")
        if len(issues) > MAX_PRINTED_ISSUES:
            print(f"  …另有 {len(issues) - MAX_PRINTED_ISSUES} 条（用 --json 查看全部）")
    if summary["dry_run"]:
        print("试运行：未写入数据库。")
        return
    if summary["replaced_plan_id"]:
        print(f"已替换此前导入的计划 {summary['replaced_plan_id']}。")
    elif summary["duplicate_of"]:
        print(f"此文件此前已导入为计划 {summary['duplicate_of']}，本次另存为新版本。")
    print(f"已导入为计划 {summary['plan_id']}（草稿）。")


def _import(args: argparse.Namespace, kind: str, on_duplicate: OnDuplicate) -> NoticeImportResult:
    from planner.app.session import open_session_store
    from planner.domain.errors import InputError
    from planner.notices.importing import NoTasksError, commit_notice, no_tasks_message, preview_notice
    from planner.notices.items import RecognitionSettings
    from planner.notices.responsibility import LeadRule

    for attribute, option in _SHEET_ONLY:
        if getattr(args, attribute, None):
            raise InputError(f"{option} 只用于表格文件；“{args.file}”是一份通知。")
    settings = RecognitionSettings(task_sections=tuple(args.tasks_section or ()), lead_rule=LeadRule(args.lead_rule),
                                   tasks_from=args.tasks_from)
    # Read and understood before the database is opened: a refused file touches nothing.
    preview = preview_notice(_read(args.file, kind), settings)
    if not preview.plan.tasks:
        raise NoTasksError(no_tasks_message(preview.recognised))
    with open_session_store(args.db) as store:
        return commit_notice(store, preview, on_duplicate=on_duplicate, dry_run=args.dry_run)


def cmd_import_notice(args: argparse.Namespace, kind: str, on_duplicate: OnDuplicate) -> int:
    return print_import(args, lambda: _import(args, kind, on_duplicate), _summary, _print_text)
