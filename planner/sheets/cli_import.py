"""`main.py import FILE`: the import engine on the command line."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

MAX_PRINTED_ISSUES = 50  # a sheet with a systematic problem has one warning per row; --json lists all



def add_import_command(sub: argparse._SubParsersAction) -> None:
    command = sub.add_parser("import", help="import an appendix spreadsheet (xlsx, xls, ods, csv) as a plan")
    command.add_argument("file", metavar="FILE", help="the spreadsheet file")
    command.add_argument("--sheet", metavar="NAME", help="the sheet to import (default: the first)")
    command.add_argument("--dry-run", action="store_true", help="show what would be imported; write nothing")
    command.add_argument("--json", action="store_true", help="print the result as JSON")
    again = command.add_mutually_exclusive_group()
    again.add_argument("--replace", action="store_true", help="replace the plan imported earlier from the same file")
    again.add_argument("--new-version", action="store_true", help="import again as a new version of the plan")
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
    issues = summary["issues"]
    if issues:
        print(f"提示（{len(issues)} 条）：")
        for issue in issues[:MAX_PRINTED_ISSUES]:
            where = f"{issue['cell']}：" if issue["cell"] else ""
            print(f"  {where}{issue['message']}")
        if len(issues) > MAX_PRINTED_ISSUES:
            print(f"  …另有 {len(issues) - MAX_PRINTED_ISSUES} 条（用 --json 查看全部）")
    if summary["dry_run"]:
        print("试运行：未写入数据库。")
    else:
        if summary["replaced_plan_id"]:
            print(f"已替换此前导入的计划 {summary['replaced_plan_id']}。")
        print(f"已导入为计划 {summary['plan_id']}。")


def cmd_import(args: argparse.Namespace) -> int:
    from planner.importing import import_file
    from planner.session import open_session_store

    on_duplicate = "replace" if args.replace else "new_version" if args.new_version else "refuse"
    with open_session_store(args.db) as store:
        result = import_file(store, args.file, sheet=args.sheet, dry_run=args.dry_run, on_duplicate=on_duplicate)
    summary = _summary(result)
    if args.json:
        json.dump(summary, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        _print_text(summary)
    return 0
