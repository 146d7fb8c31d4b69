"""Every command-line verb, with the options several share (`arguments`); `main.py` parses the
arguments, this package runs them. Imports planner.app and everything below it, never ui/.

Every verb opens the database through `planner.app.session`, exactly as the GUI
does, prints its result on stdout and returns an exit code: 0 for success, 1
for a refused input or a failed operation (with the reason on stderr), 2 for a
usage error (argparse's own convention).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from planner.cli.arguments import add_plan, print_json
from planner.cli.database import add_database_commands
from planner.cli.documents import add_report_command
from planner.cli.exchange import add_exchange_commands
from planner.cli.importing import add_import_command
from planner.cli.progress import add_progress_commands
from planner.domain.errors import PlannerError

Handler = Callable[[argparse.Namespace], int]


def add_commands(sub: argparse._SubParsersAction) -> None:
    dump = sub.add_parser("dump", help="print plans, offices and reports as JSON")
    add_plan(dump, help="only this plan")
    dump.set_defaults(handler=cmd_dump)

    demo = sub.add_parser("demo", help="load the demo plans and their demo progress")
    demo.set_defaults(handler=cmd_demo)

    add_import_command(sub)
    add_progress_commands(sub)
    add_report_command(sub)
    add_exchange_commands(sub)
    add_database_commands(sub)


def cmd_dump(args: argparse.Namespace) -> int:
    from planner.app.session import open_session_store
    from planner.store.dump import dump

    with open_session_store(args.db, readonly=args.db is not None) as store:
        print_json(dump(store.conn, args.plan))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from planner.app.demo import load_demo
    from planner.app.session import open_session_store

    with open_session_store(args.db) as store:
        result = load_demo(store)
    for plan in result.added:
        print(f"已添加演示计划：{plan.title}（编号 {plan.id}，{len(plan.tasks)} 项任务）")
    for title in result.skipped:
        print(f"演示计划已存在，未重复添加：{title}")
    if result.added:
        print(f"已添加演示进展 {result.reports} 条。")
    return 0


def run(args: argparse.Namespace) -> int:
    handler: Handler = args.handler
    try:
        return handler(args)
    except PlannerError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 1
    except Exception as exc:  # the last line of defence: a message, never a traceback
        print(f"内部错误：{type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
