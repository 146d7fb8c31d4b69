"""Report benchmark: the quarterly report of a 2,000-task plan, against LibreOffice printing the same table.

Run as `.venv/bin/python tests/bench/report_bench.py [--keep DIR] [--runs N]`.

The database is the status benchmark's (tests/bench/status_bench.py): one plan,
2021–2023, 2,000 tasks each led by one of 20 offices with the other 19
co-operating, 480,000 quarterly reports. Then:

* ours: `main.py report quarterly` as a user would run it, in a child process
  each time: the wall time of the whole process (interpreter start, imports,
  fonts, reading, evaluating, laying out and writing the PDF), the time inside
  `build_report`, and the child's peak memory (ru_maxrss).
* the peer a user would otherwise use: the plan's table exported as an xlsx
  (written here with openpyxl: one row per task, landscape, header repeated,
  fit to the page width) and converted to PDF by LibreOffice headless
  (`soffice --headless --convert-to pdf`), timed the same way, after one
  conversion that only creates LibreOffice's profile. LibreOffice is installed
  with apt-get when missing and possible; otherwise that comparison is skipped.

The two sides alternate (ours, LibreOffice, ours, …) so that a change in the
machine's load falls on both. Goals (issue 18): median wall ≤ 3 s, at least 2.5×
faster than LibreOffice's median, peak memory ≤ 300 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

PERIOD = "2022Q2"
GOAL_SECONDS, GOAL_SPEEDUP, GOAL_MB = 3.0, 2.5, 300
LIBREOFFICE_PACKAGE = "libreoffice-calc-nogui"


def child(db: str, out: str) -> int:
    """Runs in the child process: one quarterly report, figures printed as JSON."""
    started = time.perf_counter()
    from planner.documents import ReportKind, ReportRequest, build_report
    from planner.store import open_store

    with open_store(db, readonly=True) as store:
        plan_id = store.conn.execute("SELECT min(id) FROM plans").fetchone()[0]
        before = time.perf_counter()
        result = build_report(store.conn, ReportRequest(ReportKind.QUARTERLY, plan_id, PERIOD), out)
        built = time.perf_counter()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({"build_s": built - before, "in_process_s": built - started, "pages": result.pages,
                      "peak_mb": usage.ru_maxrss / 1024, "cpu_s": usage.ru_utime + usage.ru_stime}))
    return 0


def run_ours(db: Path, out: Path) -> dict:
    """One report in a fresh child process: its figures, and the wall time of the whole process."""
    started = time.perf_counter()
    completed = subprocess.run([sys.executable, __file__, "--child", str(db), str(out)], capture_output=True,
                               text=True, check=True)
    figures = json.loads(completed.stdout.strip().splitlines()[-1])
    figures["wall_s"] = time.perf_counter() - started
    return figures


def write_xlsx(db: Path, path: Path) -> int:
    """The plan's table as a user would export it for printing; returns the number of task rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    from planner.store import open_store
    from planner.store.queries import load_plan

    with open_store(db, readonly=True) as store:
        plan = load_plan(store.conn, store.conn.execute("SELECT min(id) FROM plans").fetchone()[0])
    book = Workbook()
    sheet = book.active
    sheet.title = "目标任务"
    header = ["序号", "主要任务", "具体指标", *(f"{year}年" for year in plan.years), "牵头单位", "配合单位"]
    sheet.append(header)
    for task in plan.tasks:
        targets = [(task.plan_target(str(year)).text if task.plan_target(str(year)) else "") for year in plan.years]
        sheet.append([task.seq, task.name, task.indicator, *targets, "、".join(task.lead), "、".join(task.co)])
    thin = Side(style="thin")
    wrap = Alignment(wrap_text=True, vertical="center")
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = wrap
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDEFGHI", (6, 24, 30, 10, 10, 10, 14, 40)):
        sheet.column_dimensions[letter].width = width
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    book.save(path)
    return len(plan.tasks)


def soffice() -> str | None:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        print("LibreOffice is not installed and cannot be installed here (no apt-get or not root).")
        return None
    print(f"LibreOffice is missing: apt-get install -y {LIBREOFFICE_PACKAGE} …")
    update = subprocess.run(["apt-get", "update"], capture_output=True, text=True)
    install = subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", LIBREOFFICE_PACKAGE],
                             capture_output=True, text=True, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    if update.returncode or install.returncode:
        print("LibreOffice could not be installed:", (install.stderr or update.stderr).strip().splitlines()[-1:])
        return None
    return shutil.which("soffice") or shutil.which("libreoffice")


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def convert(program: str, xlsx: Path, folder: Path, profile: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one conversion (the CPU of soffice.bin, which the launcher waits for)."""
    cpu, started = children_cpu(), time.perf_counter()
    subprocess.run([program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), str(xlsx)], capture_output=True, check=True, timeout=900)
    return time.perf_counter() - started, children_cpu() - cpu


def pdf_pages(path: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", path.read_bytes()))


def prepare_libreoffice(db: Path, folder: Path) -> tuple[str, Path, Path] | None:
    """LibreOffice, the plan's table as an xlsx and a profile made by one warm-up conversion; None without it."""
    program = soffice()
    if program is None:
        print("skipped: the LibreOffice comparison")
        return None
    xlsx = folder / "plan.xlsx"
    started = time.perf_counter()
    rows = write_xlsx(db, xlsx)
    print(f"xlsx written with openpyxl: {rows:,} rows in {time.perf_counter() - started:.1f} s (not counted below)")
    profile = folder / "lo-profile"
    warm = folder / "warm.xlsx"
    from openpyxl import Workbook

    Workbook().save(warm)
    convert(program, warm, folder, profile)  # creates the profile, as a user's first start once did
    return program, xlsx, profile


def met(ok: bool) -> str:
    return "met" if ok else "NOT met"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, metavar="DIR", help="build the database in DIR and keep it (reused)")
    parser.add_argument("--runs", type=int, default=5, help="runs of each side (default 5)")
    parser.add_argument("--child", nargs=2, metavar=("DB", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(*args.child)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        db = folder / "report_bench.sqlite3"
        if not db.exists():
            from status_bench import OFFICE_COUNT, TASKS, YEARS, build_database

            started = time.perf_counter()
            store, _plan_id, count = build_database(db)
            store.close()
            print(f"generated: {TASKS:,} tasks x {OFFICE_COUNT} offices x {len(YEARS) * 4} quarters = {count:,} "
                  f"reports in {time.perf_counter() - started:.1f} s")
        print(f"machine load average at the start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        peer = prepare_libreoffice(db, folder)
        ours: list[dict] = []
        theirs: list[tuple[float, float]] = []
        for number in range(args.runs):  # alternated: ours, LibreOffice, ours, …
            ours.append(run_ours(db, folder / f"quarterly-{number}.pdf"))
            if peer is not None:
                program, xlsx, profile = peer
                theirs.append(convert(program, xlsx, folder, profile))
        print(f"machine load average at the end: {os.getloadavg()[0]:.1f}")
        walls = [r["wall_s"] for r in ours]
        peak = max(r["peak_mb"] for r in ours)
        wall = statistics.median(walls)
        cpu = statistics.median(r["cpu_s"] for r in ours)
        print(f"ours: quarterly report {PERIOD}, {ours[0]['pages']} pages, child process x {len(ours)}")
        for r in ours:
            print(f"  wall {r['wall_s']:.2f} s (build_report {r['build_s']:.2f} s, "
                  f"in process {r['in_process_s']:.2f} s), CPU {r['cpu_s']:.2f} s, peak {r['peak_mb']:.0f} MB")
        print(f"  median wall {wall:.2f} s, slowest {max(walls):.2f} s   goal <= {GOAL_SECONDS:.0f} s: "
              f"{met(wall <= GOAL_SECONDS)};  peak {peak:.0f} MB   goal <= {GOAL_MB} MB: {met(peak <= GOAL_MB)}")
        if theirs:
            lo = statistics.median(t for t, _cpu in theirs)
            lo_cpu = statistics.median(c for _t, c in theirs)
            print(f"LibreOffice headless, xlsx -> pdf: {pdf_pages(folder / 'plan.pdf')} pages, runs "
                  + ", ".join(f"{t:.2f} s (CPU {c:.2f} s)" for t, c in theirs))
            print(f"  median wall {lo:.2f} s, CPU {lo_cpu:.2f} s;  LibreOffice / ours: wall {lo / wall:.2f}x "
                  f"(goal >= {GOAL_SPEEDUP}x: {met(lo / wall >= GOAL_SPEEDUP)}), CPU {lo_cpu / cpu:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
