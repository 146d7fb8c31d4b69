"""`main.py status` and `main.py report-progress`: the status engine and report entry on the command line."""

from __future__ import annotations

import argparse
import math
from typing import Any

from planner.cli.arguments import (
    PERIOD_FORMS,
    THE_ONLY_PLAN,
    add_json,
    add_office,
    add_period,
    add_plan,
    choose_plan,
    print_json,
)
from planner.domain.errors import InputError
from planner.domain.model import Report, Status
from planner.domain.percentages import (
    COMPLETION_PLACES,
    ON_TRACK_PLACES,
    completion_text,
    on_track_text,
    rounded_share,
)
from planner.domain.period_status import PeriodStatus
from planner.domain.status import Evaluation


def add_progress_commands(sub: argparse._SubParsersAction) -> None:
    status = sub.add_parser("status", help="status of every task in a period: counts, offices, lagging tasks")
    add_period(status, required=True, help=PERIOD_FORMS)
    add_plan(status, help=THE_ONLY_PLAN)
    add_office(status, help="only this office's tasks")
    status.add_argument("--lead-only", action="store_true",
                        help="count lead offices only in the offices' figures (推进率) and the 催报名单")
    add_json(status)
    status.set_defaults(handler=cmd_status)

    report = sub.add_parser("report-progress", help="record one progress report (a new revision if one exists)")
    report.add_argument("--task", type=int, required=True, metavar="ID")
    add_office(report, required=True)
    add_period(report, required=True)
    report.add_argument("--value", type=float, metavar="V", help="the figure reached")
    report.add_argument("--status", choices=[s.value for s in Status if s is not Status.NOT_REPORTED],
                        help="for milestone or text targets")
    report.add_argument("--text", default="", metavar="T", help="进展情况")
    report.add_argument("--problems", default="", metavar="T", help="存在问题")
    report.add_argument("--next-steps", default="", metavar="T", help="下步打算")
    report.set_defaults(handler=cmd_report_progress)


def _finite(value: float | None) -> float | None:
    """JSON has no infinity: a sum an older database's figures overflowed is shown as null."""
    return value if value is not None and math.isfinite(value) else None


def _evaluation(e: Evaluation, names: dict[int, tuple[str, str]]) -> dict[str, Any]:
    seq, name = names[e.task_id]
    completion = _finite(e.completion)
    # 完成率 rounded as every screen and document shows it: the fraction to one decimal of a percent, half up.
    return {"task_id": e.task_id, "seq": seq, "name": name, "office": e.office, "status": e.status.value,
            "completion": None if completion is None else rounded_share(completion, COMPLETION_PLACES),
            "completion_text": None if completion is None else completion_text(completion),
            "progress": _finite(e.progress), "target": e.target.text if e.target else None,
            "explanation": e.explanation}


def status_json(result: PeriodStatus, names: dict[int, tuple[str, str]]) -> dict[str, Any]:
    return {
        "period": result.period.code,
        "period_label": result.period.label,
        "lead_only": result.lead_only,
        "counts": {status.value: count for status, count in result.counts.items()},
        "task_status": [_evaluation(e, names) for e in result.tasks],
        "tasks": [_evaluation(e, names) for e in result.by_office],
        "offices": [{"office": s.office, "assigned": s.assigned, "reported": s.reported,
                     "on_track_rate": rounded_share(s.on_track_rate, ON_TRACK_PLACES),
                     "on_track_text": on_track_text(s.on_track_rate),
                     "counts": {status.value: n for status, n in s.counts.items()}} for s in result.offices],
        "lagging": [_evaluation(e, names) for e in result.lagging],
        "not_reported": [{"office": office, "task_ids": ids} for office, ids in result.not_reported()],
    }


def _print_text(data: dict[str, Any], title: str) -> None:
    counts = data["counts"]
    print(f"{title}  {data['period_label']}")
    print("，".join(f"{status} {n} 项" for status, n in counts.items()))
    print("各单位：")
    for office in data["offices"]:
        print(f"  {office['office']}：负责 {office['assigned']} 项，已填报 {office['reported']} 项，"
              f"推进率 {office['on_track_text']}")
    if data["lagging"]:
        print("滞后任务：")
        for item in data["lagging"]:
            print(f"  {item['seq']} {item['name']}：{item['explanation']}")
    if data["not_reported"]:
        print("催报名单：" + "、".join(entry["office"] for entry in data["not_reported"]))


def cmd_status(args: argparse.Namespace) -> int:
    from planner.app.session import open_session_store
    from planner.domain.office_names import normalize_office_name
    from planner.domain.period_status import evaluate_plan
    from planner.domain.periods import parse_period
    from planner.store.progress_queries import report_facts
    from planner.store.queries import load_plan

    period = parse_period(args.period)
    with open_session_store(args.db, readonly=args.db is not None) as store:
        plan = load_plan(store.conn, choose_plan(store.conn, args.plan))
        office = normalize_office_name(args.office) if args.office else None
        result = evaluate_plan(plan, report_facts(store.conn, plan.stored_id, period), period, args.lead_only, office)
    if office is not None and not result.by_office:
        raise InputError(f"单位“{office}”在计划“{plan.title}”中没有负责的任务。")
    data = status_json(result, {t.stored_id: (t.seq, t.name) for t in plan.tasks})
    if args.json:
        print_json(data)
    else:
        _print_text(data, plan.title)
    return 0


def cmd_report_progress(args: argparse.Namespace) -> int:
    from planner.app.session import open_session_store
    from planner.domain.errors import NotFoundError
    from planner.domain.figures import figure_in_bounds, out_of_bounds_message
    from planner.progress.entry import submit_report
    from planner.store.queries import load_plan, task_plan

    with open_session_store(args.db) as store:
        try:
            plan_id = task_plan(store.conn, args.task).stored_id
        except NotFoundError:
            raise InputError(f"没有编号为 {args.task} 的任务。") from None
        plan = load_plan(store.conn, plan_id)
        if args.value is not None and not figure_in_bounds(args.value):
            raise InputError(out_of_bounds_message("--value 的值", args.value) + "，未记录。")
        report = Report(task_id=args.task, office=args.office, period=args.period, value=args.value,
                        status=Status(args.status) if args.status else None, narrative=args.text,
                        problems=args.problems, next_steps=args.next_steps, source="command line")
        recorded, added = submit_report(store, plan, report, "命令行填报")
    if added:
        print(f"已记录：任务 {recorded.task_id}，{recorded.office}，{recorded.period}，第 {recorded.revision} 版。")
    else:
        print(f"与当前第 {recorded.revision} 版内容相同，未新增版本。")
    return 0
