"""Entry point: no sub-command opens the planner window; a sub-command runs on the command line."""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import argparse  # noqa: E402  (the start time is taken before anything else is imported)
import sys  # noqa: E402

PROG = "annual-target-planner"
DESCRIPTION = "年度目标任务管理 — annual target planner for yearly key-task tables."


class PrintVersion(argparse.Action):
    """--version, worked out only when asked for (reading pyproject.toml is not free)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: object):
        super().__init__(option_strings, dest, nargs=0, help="print the name, version and Python, then exit")

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        from planner.system.version import version_line

        print(version_line())
        parser.exit()


def add_window_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--version", action=PrintVersion)
    parser.add_argument("--db", metavar="PATH|URL",
                        help="database file (default: planner.sqlite3 in the user data folder), or a shared"
                             " server database, postgresql://account@host/database")
    parser.add_argument("--lang", choices=("zh", "en"),
                        help="interface language (default: the one chosen in 设置, else zh)")
    parser.add_argument(
        "--smoke", action="store_true", help="open the main window, print 'shown in N ms' after the first paint, exit"
    )


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, verbs included (their modules load only what they need to declare arguments)."""
    from planner.cli import add_commands

    parser = argparse.ArgumentParser(prog=PROG, description=DESCRIPTION)
    add_window_options(parser)
    add_commands(parser.add_subparsers(dest="command", metavar="COMMAND"))
    return parser


def window_arguments(argv: list[str]) -> argparse.Namespace | None:
    """The window's options when `argv` names no verb (and asks for no help), else None.

    Opening the window needs only these options, so the verbs' argument declarations are
    not even imported on that path.
    """
    if any(arg in ("-h", "--help") for arg in argv):
        return None
    parser = argparse.ArgumentParser(prog=PROG, add_help=False)
    add_window_options(parser)
    args, rest = parser.parse_known_args(argv)
    if rest:
        return None
    args.command = None
    return args


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = window_arguments(argv) or build_parser().parse_args(argv)
    if args.command is None:
        from ui.app import run_gui

        return run_gui(args, started=STARTED)
    from planner.cli import run

    return run(args)


if __name__ == "__main__":
    if getattr(sys, "frozen", False):
        # The frozen app is also the executable of the worker that reads spreadsheet files
        # (planner.sheets.isolation): started as one, it runs its jobs here and exits.
        import multiprocessing

        multiprocessing.freeze_support()
    sys.exit(main())
