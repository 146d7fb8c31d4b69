"""`main.py report targets|quarterly|office`: the PDF reports on the command line."""

from __future__ import annotations

import argparse
from datetime import date

from planner.cli.arguments import THE_ONLY_PLAN, add_office, add_output, add_period, add_plan, choose_plan
from planner.domain.errors import InputError


def add_report_command(sub: argparse._SubParsersAction) -> None:
    command = sub.add_parser("report",
                             help="write a PDF report: the target table, the quarterly report, an office's report")
    command.add_argument("kind", choices=("targets", "quarterly", "office"),
                         help="targets: the plan's target table; quarterly: the quarterly progress report; "
                              "office: one office's report")
    add_plan(command, help=THE_ONLY_PLAN)
    add_period(command, help="2021Q3, 2021年第三季度 or 2021 (default: the latest period with returns)")
    add_office(command, help="only this office's tasks (required for office)")
    command.add_argument("--status", metavar="S",
                         help="list only tasks of this status: 已完成, 序时推进, 滞后, 未填报 (several: 滞后,未填报)")
    command.add_argument("--section", metavar="N",
                         help="only this section: its id (see dump) or the start of its title")
    command.add_argument("--issuer", default="", metavar="NAME", help="发文机关署名 above the date")
    command.add_argument("--to", default="", metavar="NAME", help="主送机关, the office the report is sent to")
    command.add_argument("--date", metavar="YYYY-MM-DD", help="成文日期 (default: today)")
    command.add_argument("--letterhead", default="", metavar="TEXT",
                         help="发文机关标志 for a 版头 in red above the title (衡水市民政局文件); "
                              "quarterly and office reports")
    command.add_argument("--doc-no", default="", metavar="TEXT", help="发文字号 in the 版头 (衡民报〔2021〕12号)")
    command.add_argument("--signer", default="", metavar="NAME", help="签发人 in the 版头")
    command.add_argument("--lead-only", action="store_true", help="count lead offices only in the office figures")
    add_output(command, metavar="OUT.pdf", help="the PDF file to write")
    command.set_defaults(handler=cmd_report)


def _issued_on(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError as exc:
        raise InputError(f"无法识别的日期：“{text}”（应为 2021-10-08 这样的格式）。") from exc


def cmd_report(args: argparse.Namespace) -> int:
    from planner.app.session import open_session_store
    from planner.documents import ReportKind, ReportRequest, build_report, parse_statuses

    if not args.output.lower().endswith(".pdf"):
        raise InputError(f"输出文件应为 .pdf 文件：{args.output}")
    issued_on = _issued_on(args.date)
    letterhead, doc_no, signer = args.letterhead.strip(), args.doc_no.strip(), args.signer.strip()
    if (doc_no or signer) and not letterhead:
        raise InputError("发文字号和签发人印在版头中：请同时用 --letterhead 给出发文机关标志（如“衡水市民政局文件”）。")
    statuses = parse_statuses(args.status) if args.status else frozenset()
    with open_session_store(args.db, readonly=args.db is not None) as store:
        request = ReportRequest(ReportKind(args.kind), choose_plan(store.conn, args.plan), args.period, args.office,
                                args.section, statuses, args.issuer.strip(), args.to.strip(), issued_on, args.lead_only,
                                letterhead=letterhead, doc_no=doc_no, signer=signer)
        result = build_report(store.conn, request, args.output)
    print(f"已生成：{result.path}（{result.title}，共 {result.pages} 页）")
    return 0
