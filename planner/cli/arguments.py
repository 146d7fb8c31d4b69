"""What several verbs share: the options --plan, --period, --office, -o/--output and --json, the choice
of the plan when only one exists, and printing JSON.

Light to import (argparse, json and sys only): every verb's declarations load it, and so does the
window's start-up whenever the command line is parsed in full.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite3

PERIOD_FORMS = "2021Q3, 2021-Q3, 2021年第三季度 or 2021"
THE_ONLY_PLAN = "the plan (default: the only plan, else required)"


def add_plan(parser: argparse.ArgumentParser, *, required: bool = False, help: str | None = None) -> None:
    parser.add_argument("--plan", type=int, required=required, metavar="ID", help=help)


def add_period(parser: argparse.ArgumentParser, *, required: bool = False, help: str | None = None) -> None:
    parser.add_argument("--period", required=required, metavar="P", help=help)


def add_office(parser: argparse.ArgumentParser, *, required: bool = False, help: str | None = None,
               several: bool = False) -> None:
    """--office NAME; with `several`, one or more names, and the option may be repeated."""
    if several:
        parser.add_argument("--office", nargs="+", action="extend", required=required, metavar="NAME", help=help)
    else:
        parser.add_argument("--office", required=required, metavar="NAME", help=help)


def add_output(parser: argparse.ArgumentParser, *, metavar: str, help: str) -> None:
    """-o/--output, always required: no verb guesses where to write."""
    parser.add_argument("-o", "--output", required=True, metavar=metavar, help=help)


def add_json(parser: argparse.ArgumentParser, *, help: str = "print the result as JSON") -> None:
    parser.add_argument("--json", action="store_true", help=help)


def choose_plan(conn: sqlite3.Connection, plan_id: int | None) -> int:
    """`plan_id` when given; else the database's only plan, or a refusal that lists the plans."""
    from planner.domain.errors import InputError
    from planner.store.queries import list_plans

    if plan_id is not None:
        return plan_id
    plans = list_plans(conn)
    if len(plans) == 1:
        assert plans[0].id is not None  # a plan read from the database has its id
        return plans[0].id
    listed = "；".join(f"{p.id} {p.title}" for p in plans) or "（数据库中还没有计划）"
    raise InputError(f"数据库中有 {len(plans)} 个计划，请用 --plan 指定其一：{listed}")


def print_json(data: object) -> None:
    """`data` on stdout as indented JSON, Chinese text as it is."""
    json.dump(data, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


def print_import(args: argparse.Namespace, run: Callable[[], Any], summarise: Callable[[Any], dict],
                 print_text: Callable[[dict], None]) -> int:
    """Run an import and print its summary as JSON (`--json`) or text. A script reading --json gets a refusal
    as JSON too; the refusal is raised again, for the caller to print and exit 1."""
    from planner.domain.errors import PlannerError

    try:
        result = run()
    except PlannerError as exc:
        if args.json:
            print_json({"error": str(exc), "error_type": type(exc).__name__, "file": args.file})
        raise
    summary = summarise(result)
    if args.json:
        print_json(summary)
    else:
        print_text(summary)
    return 0
