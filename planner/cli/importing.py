"""`main.py import FILE`: the import engine on the command line."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from planner.cli.arguments import add_json, print_import
from planner.cli.notice_import import add_notice_options

if TYPE_CHECKING:  # the importer loads the spreadsheet readers: only when the verb runs
    from planner.plans.importing import OnDuplicate

MAX_PRINTED_ISSUES = 50  # a sheet with a systematic problem has one warning per row; --json lists all


def add_import_command(sub: argparse._SubParsersAction) -> None:
    command = sub.add_parser("import", help="import an appendix spreadsheet (xlsx, xls, ods, csv) or a notice "
                                            "(txt, docx, doc, wps, pdf, html, mhtml, ofd) as a plan")
    command.add_argument("file", metavar="FILE", help="the spreadsheet or notice file")
    command.add_argument("--sheet", metavar="NAME", help="the sheet to import (default: the first, or the only "
                                                         "other sheet with a header when the first has none)")
    command.add_argument("--dry-run", action="store_true", help="show what would be imported; write nothing")
    add_json(command)
    command.add_argument("--breakdown", metavar="SHEET",
                         help="a sheet with offices as rows and years as columns: per-office targets of one task")
    command.add_argument("--breakdown-task", metavar="SEQ",
                         help="the task the --breakdown sheet splits, by its 序号 (or its name)")
    again = command.add_mutually_exclusive_group()
    again.add_argument("--replace", action="store_true", help="replace the plan imported earlier from the same file")
    again.add_argument("--new-version", action="store_true", help="import again as a new version of the plan")
    add_notice_options(command)
    command.set_defaults(handler=cmd_import)


def _summary(result: Any) -> dict[str, Any]:
    preview = result.preview
    mapping = preview.mapping
    return {
        "file": preview.workbook.file_name,
        "format": preview.workbook.format,
        "sha256": preview.workbook.sha256,
        "sheet": preview.sheet,
        "sheets": preview.workbook.sheet_names,
        "header_rows": [mapping.header_first_row + 1, mapping.header_last_row + 1],
        "title": preview.plan.title,
        "years": [preview.plan.first_year, preview.plan.last_year],
        "mapping": [
            {"column": spec.letter, "index": spec.column, "header": spec.header, "meaning": spec.meaning.value,
             "label": spec.label, "year": spec.year}
            for spec in mapping
        ],
        "counts": result.counts.as_dict(),
        "breakdowns": [
            {"sheet": b.sheet, "task_seq": preview.plan.tasks[b.task_index].seq,
             "task": preview.plan.tasks[b.task_index].name, "offices": b.offices, "years": list(b.years)}
            for b in preview.breakdowns
        ],
        "issues": [issue.as_dict() for issue in preview.issues],
        "dry_run": result.dry_run,
        "plan_id": result.plan_id,
        "replaced_plan_id": result.replaced_plan_id,
        "duplicate_of": result.duplicate_of,
    }


def _print_text(summary: dict[str, Any]) -> None:
    first, last = summary["header_rows"]
    rows = f"第{first}行" if first == last else f"第{first}—{last}行"
    print(f"文件：{summary['file']}（工作表“{summary['sheet']}”，表头在{rows}）")
    print(f"计划：{summary['title']}（{summary['years'][0]}—{summary['years'][1]}年）")
    print("各列含义：")
    for column in summary["mapping"]:
        header = column["header"] or "（无列名）"
        print(f"  {column['column']}列 {header} → {column['label']}")
    counts = summary["counts"]
    print(f"识别结果：{counts['sections']} 个分组，{counts['tasks']} 项任务，{counts['targets']} 个目标，"
          f"{counts['offices']} 个单位")
    for attached in summary["breakdowns"]:
        years = "、".join(str(year) for year in attached["years"])
        print(f"分解表：工作表“{attached['sheet']}”→ 任务 {attached['task_seq']}“{attached['task']}”，"
              f"{attached['offices']} 个单位，{years}年")
    issues = summary["issues"]
    if issues:
        print(f"提示（{len(issues)} 条）：")
        for issue in issues[:MAX_PRINTED_ISSUES]:
            # Warnings about a breakdown sheet name it; those about the imported sheet need not.
            sheet = f"工作表“{issue['sheet']}”" if issue["sheet"] and issue["sheet"] != summary["sheet"] else ""
            where = f"{sheet}{issue['cell']}"
            print(f"  {where}：{issue['message']}" if where else f"  {issue['message']}")
        if len(issues) > MAX_PRINTED_ISSUES:
            print(f"  …另有 {len(issues) - MAX_PRINTED_ISSUES} 条（用 --json 查看全部）")
    if summary["dry_run"]:
        print("试运行：未写入数据库。")
    else:
        if summary["replaced_plan_id"]:
            print(f"已替换此前导入的计划 {summary['replaced_plan_id']}。")
        elif summary["duplicate_of"]:
            print(f"此文件此前已导入为计划 {summary['duplicate_of']}，本次另存为新版本。")
        print(f"已导入为计划 {summary['plan_id']}。")


def _check_breakdown_arguments(args: argparse.Namespace) -> None:
    from planner.domain.errors import InputError

    if bool(args.breakdown) != bool(args.breakdown_task):
        raise InputError("--breakdown 和 --breakdown-task 需要同时给出：分解表所在的工作表，以及它分解的任务序号。")


def _import(args: argparse.Namespace, on_duplicate: OnDuplicate) -> Any:
    from planner.sheets.isolation import prestart

    prestart()  # the reading worker starts while the importer's modules load
    from planner.app.session import open_session_store
    from planner.plans.importing import attach_breakdown_sheet, commit_preview, find_task, preview_import

    _check_breakdown_arguments(args)
    # The file is read and understood before the database is opened: a refused file touches nothing.
    preview = preview_import(args.file, sheet=args.sheet)
    if args.breakdown:
        attach_breakdown_sheet(preview, args.breakdown, find_task(preview, args.breakdown_task))
    with open_session_store(args.db) as store:
        return commit_preview(store, preview, on_duplicate=on_duplicate, dry_run=args.dry_run)


def cmd_import(args: argparse.Namespace) -> int:
    from planner.notices.file_kinds import notice_format

    on_duplicate: OnDuplicate = "replace" if args.replace else "new_version" if args.new_version else "refuse"
    kind = notice_format(args.file)
    if kind is not None:  # a notice (text, Word, PDF, web page) has its own importer
        from planner.cli.notice_import import cmd_import_notice

        return cmd_import_notice(args, kind, on_duplicate)
    return print_import(args, lambda: _import(args, on_duplicate), _summary, _print_text)
