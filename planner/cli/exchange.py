"""`main.py make-forms`, `collect` and `export`: the workbooks that travel between offices, on the command line."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from planner.cli.arguments import PERIOD_FORMS, add_json, add_office, add_output, add_period, add_plan, print_json

if TYPE_CHECKING:  # the collector loads the spreadsheet readers: only when a verb needs it
    from planner.exchange.collect import CollectResult


def add_exchange_commands(sub: argparse._SubParsersAction) -> None:
    forms = sub.add_parser("make-forms", help="write one fill-in workbook per office for a period")
    add_plan(forms, required=True)
    add_period(forms, required=True, help=PERIOD_FORMS)
    add_office(forms, several=True, help="only these offices (default: every office with tasks that year)")
    add_output(forms, metavar="DIR", help="folder for the workbooks")
    forms.set_defaults(handler=cmd_make_forms)

    collect = sub.add_parser("collect", help="collect returned fill-in workbooks (each file all or nothing)")
    collect.add_argument("files", nargs="+", metavar="FILE")
    add_plan(collect, help="refuse files of any other plan")
    add_period(collect, help="refuse files of any other period")
    add_office(collect, help="refuse files of any other office")
    add_json(collect, help="print the results as JSON")
    collect.set_defaults(handler=cmd_collect)

    export = sub.add_parser("export", help="export a plan with its targets and progress (xlsx or csv)")
    add_plan(export, required=True)
    add_period(export, help="progress of this period (default: the latest reported)")
    add_output(export, metavar="OUT", help="OUT.xlsx or OUT.csv")
    export.set_defaults(handler=cmd_export)


def cmd_make_forms(args: argparse.Namespace) -> int:
    from planner.app.session import open_session_store
    from planner.exchange.fill_in import make_forms

    with open_session_store(args.db, readonly=args.db is not None) as store:
        made = make_forms(store, args.plan, args.period, args.output, args.office)
    for form in made:
        print(f"{form.office}：{form.tasks} 项任务 → {form.path}")
    print(f"已生成 {len(made)} 份填报表。")
    return 0


def _outcome_labels() -> dict[str, str]:
    from planner.exchange.collect import ACCEPTED, REFUSED, SUPERSEDED, UNCHANGED

    return {ACCEPTED: "已收集", SUPERSEDED: "已收集（取代此前的填报）", UNCHANGED: "未改动", REFUSED: "已拒收"}


def _counts(results: list[CollectResult]) -> dict[str, int]:
    return {outcome: sum(1 for r in results if r.outcome == outcome) for outcome in _outcome_labels()}


def cmd_collect(args: argparse.Namespace) -> int:
    from planner.app.session import open_session_store
    from planner.exchange.collect import ACCEPTED, REFUSED, SUPERSEDED, UNCHANGED, CollectScope, collect_files
    from planner.sheets.isolation import prestart

    prestart()  # the reading worker starts while the database opens
    scope = CollectScope(plan_id=args.plan, period=args.period, office=args.office)
    with open_session_store(args.db) as store:
        results = collect_files(store, args.files, scope)
    counts = _counts(results)
    labels = _outcome_labels()
    if args.json:
        print_json({"files": [r.as_dict() for r in results], "counts": counts})
    else:
        for result in results:
            line = f"{result.file_name}：{labels[result.outcome]}。{result.message}"
            print(line, file=sys.stderr if result.refused else sys.stdout)
        print(f"共 {len(results)} 个文件：已收集 {counts[ACCEPTED] + counts[SUPERSEDED]} 个"
              f"（其中取代此前填报 {counts[SUPERSEDED]} 个），"
              f"未改动 {counts[UNCHANGED]} 个，拒收 {counts[REFUSED]} 个。")
    return 1 if counts[REFUSED] else 0


def cmd_export(args: argparse.Namespace) -> int:
    from planner.app.session import open_session_store
    from planner.exchange.export import export_plan

    with open_session_store(args.db, readonly=args.db is not None) as store:
        result = export_plan(store.conn, args.plan, args.output, args.period)
    period = f"，进展期间 {result.period}" if result.period else "，只含目标（还没有进展）"
    print(f"已导出 {result.tasks} 项任务{period} → {result.path}")
    return 0
