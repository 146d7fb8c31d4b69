"""`python -m tests.hostile.report_timing DB FOLDER PLAN_ID...`: the seconds each plan's target table takes.

Run in a child process (see test_long_text_pdf), so that a layout that never ends is killed by the
parent's timeout instead of stalling the test session. The fonts are loaded once before timing;
each report is built twice and the faster run counts. Prints {"plan id": [seconds, pages]} as JSON.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from planner.documents import ReportKind, ReportRequest, write_report
from planner.documents.data import gather
from planner.documents.fonts import resolve_fonts
from planner.store import open_store


def main(argv: list[str]) -> int:
    db, folder, plan_ids = Path(argv[0]), Path(argv[1]), [int(p) for p in argv[2:]]
    fonts = resolve_fonts({}, env={}, search_dirs=[])
    found: dict[str, list[float]] = {}
    with open_store(db, readonly=True) as store:
        for plan_id in plan_ids:
            data = gather(store.conn, ReportRequest(ReportKind.TARGETS, plan_id))
            best, pages = float("inf"), 0
            for _ in range(2):
                started = time.perf_counter()
                pages = write_report(data, fonts, folder / f"plan-{plan_id}.pdf").pages
                best = min(best, time.perf_counter() - started)
            found[str(plan_id)] = [best, pages]
            print(f"plan {plan_id}: {best:.3f} s, {pages} pages", file=sys.stderr, flush=True)
    json.dump(found, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
