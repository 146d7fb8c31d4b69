"""Entry point: no sub-command opens the planner window; a sub-command runs on the command line."""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import argparse  # noqa: E402  (the start time is taken before anything else is imported)
import sys  # noqa: E402


def build_parser() -> argparse.ArgumentParser:
    from planner.cli import add_commands
    from planner.version import app_version

    parser = argparse.ArgumentParser(
        prog="main.py",
        description="年度目标任务管理 — annual target planner for yearly key-task tables.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {app_version()}")
    parser.add_argument("--db", metavar="PATH", help="database file (default: planner.sqlite3 in the user data folder)")
    parser.add_argument("--lang", choices=("zh", "en"), help="interface language (default: the one chosen in 设置, else zh)")
    parser.add_argument(
        "--smoke", action="store_true", help="open the main window, print 'shown in N ms' after the first paint, exit"
    )
    add_commands(parser.add_subparsers(dest="command", metavar="COMMAND"))
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        from ui.app import run_gui

        return run_gui(args, started=STARTED)
    from planner.cli import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
