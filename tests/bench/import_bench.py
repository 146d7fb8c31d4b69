"""Import benchmark: a 100,000-row appendix workbook into a fresh database.

Run as `.venv/bin/python tests/bench/import_bench.py [--rows N] [--keep DIR] [--in-process]`.

It generates an appendix (title row, 10 columns: 序号, 重点任务, 工作内容, 具体指标,
现状, three year targets, 牵头单位, 配合单位) with openpyxl's write-only mode,
then, each in a child process of its own:

* ours: `planner.plans.importing.import_file` into a fresh database, the file read by
  the reading worker as always (`planner.sheets.isolation`); with `--in-process`,
  read in the importing process itself, to measure what the isolation costs;
* the naive baseline: `pandas.read_excel(engine="openpyxl")` plus sqlite-utils
  `insert_all` of the rows into one table.

Each child reports its wall time and its own peak resident memory
(`resource.getrusage(RUSAGE_SELF).ru_maxrss`, so the figure is the whole
process: interpreter, libraries and data). Goals from issue 3: ours ≤ 3 s,
≥ 5× faster than the baseline, peak memory ≤ 1 GB.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOAL_SECONDS, GOAL_RATIO, GOAL_MEMORY_MB = 3.0, 5.0, 1024

OFFICES = ["市民政局", "市发展改革委", "市财政局", "市自然资源和规划局", "市住房城乡建设局", "市卫生健康委",
           "市人力资源社会保障局", "市医保局", "市教育局", "市文化广电旅游局", "市体育局", "市市场监管局",
           "市应急管理局", "市税务局", "市总工会", "团市委", "市妇联", "市残联", "各区县人民政府"]
VERBS = ["加快推进", "全面实施", "持续完善", "积极培育", "深入开展", "稳步推进", "大力发展", "着力提升"]
SUBJECTS = ["社区居家养老服务网络", "农村互助幸福院", "医养结合服务", "养老机构标准化", "老年人助餐服务点",
            "适老化改造", "养老护理员队伍", "智慧养老服务平台", "特困人员供养服务设施", "老年大学办学网络",
            "家庭养老床位", "日间照料中心", "居家上门服务", "长期护理保险试点"]
MEASURES = ["统筹利用现有资源，", "结合城镇老旧小区改造，", "通过政府购买服务方式，", "依托街道综合服务中心，",
            "引导社会力量参与，"]
UNITS = ["个", "张", "所", "家", "人次", "%"]


def generate(path: Path, rows: int, seed: int = 3) -> None:
    import openpyxl

    rng = random.Random(seed)
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("附件1")
    sheet.append(["附件1：养老服务体系建设重点任务分解表（2021—2023年）"])
    sheet.append(["序号", "重点任务", "工作内容", "具体指标", "现状", "2021年", "2022年", "2023年", "牵头单位",
                  "配合单位"])
    for number in range(1, rows + 1):
        verb, subject = rng.choice(VERBS), rng.choice(SUBJECTS)
        unit = rng.choice(UNITS)
        base = rng.randint(1, 200)
        sheet.append([
            number,
            f"{verb}{subject}建设（第{number}项）",
            f"{rng.choice(MEASURES)}{verb}{subject}，完善配套政策，强化考核督导，确保按期完成年度任务。",
            f"到2023年，全市{subject}达到{base * 3}{unit}。",
            str(base),
            f"新增{base}{unit}",
            f"不少于{base + rng.randint(0, 20)}{unit}",
            f"累计达到{base * 3}{unit}以上",
            rng.choice(OFFICES),
            "、".join(rng.sample(OFFICES, rng.randint(0, 2))),
        ])
    workbook.save(path)


def child_ours(path: Path, db: Path, in_process: bool = False) -> dict:
    sys.path.insert(0, str(ROOT))
    if not in_process:
        from planner.sheets.isolation import prestart

        prestart()  # as `main.py import` does before it loads the importer
    from planner.plans.importing import commit_preview, preview_import
    from planner.sheets.readers import read_workbook
    from planner.store import Actor, open_store

    store = open_store(db, Actor(person="bench"))
    started = time.perf_counter()
    preview = preview_import(read_workbook(path, isolated=False) if in_process else path)
    parsed = time.perf_counter()
    result = commit_preview(store, preview)
    done = time.perf_counter()
    store.close()
    counts = result.counts.as_dict()
    return {"seconds": done - started, "read_parse": parsed - started, "write": done - parsed, "counts": counts}


def child_baseline(path: Path, db: Path) -> dict:
    import pandas
    import sqlite_utils

    started = time.perf_counter()
    frame = pandas.read_excel(path, engine="openpyxl", header=1)
    read = time.perf_counter()
    records = frame.astype(object).where(frame.notna(), None).to_dict(orient="records")
    sqlite_utils.Database(db).table("tasks").insert_all(records)
    done = time.perf_counter()
    return {"seconds": done - started, "read": read - started, "write": done - read, "rows": len(records)}


def run_child(kind: str, path: Path, db: Path) -> dict:
    """Figures from a child process: its own peak memory, and for "ours" its reading worker's."""
    output = subprocess.run([sys.executable, __file__, "--child", kind, str(path), str(db)], capture_output=True,
                            text=True, check=True, cwd=ROOT)
    return json.loads(output.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--keep", metavar="DIR", help="generate into DIR (reused if the workbook exists)")
    parser.add_argument("--in-process", action="store_true",
                        help="read the workbook in the importing process, not in the reading worker")
    parser.add_argument("--child", nargs=3, metavar=("KIND", "FILE", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, path, db = args.child
        if kind == "baseline":
            figures = child_baseline(Path(path), Path(db))
        else:
            figures = child_ours(Path(path), Path(db), in_process=kind == "ours-in-process")
        figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
        if kind == "ours":
            from planner.sheets.isolation import shutdown

            shutdown()  # the worker leaves and is waited for, so that its peak is counted among the children's
            figures["worker_peak_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(json.dumps(figures, ensure_ascii=False))
        return 0

    with tempfile.TemporaryDirectory() as temp:
        folder = Path(args.keep) if args.keep else Path(temp)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"appendix_{args.rows}.xlsx"
        if not path.exists():
            started = time.perf_counter()
            generate(path, args.rows)
            print(f"generated {path.name}: {args.rows} rows, {path.stat().st_size / 1e6:.1f} MB "
                  f"in {time.perf_counter() - started:.1f} s")
        for old in folder.glob("*.sqlite3*"):
            old.unlink()
        ours = run_child("ours-in-process" if args.in_process else "ours", path, folder / "ours.sqlite3")
        baseline = run_child("baseline", path, folder / "baseline.sqlite3")

    ratio = baseline["seconds"] / ours["seconds"]
    mode = "read in the importing process" if args.in_process else "read by the reading worker"
    print(f"ours ({mode}):")
    print(f"ours:     {ours['seconds']:.2f} s  (read + parse {ours['read_parse']:.2f} s, write {ours['write']:.2f} s; "
          f"{ours['counts']})")
    print(f"baseline: {baseline['seconds']:.2f} s  (pandas.read_excel {baseline['read']:.2f} s, "
          f"insert_all {baseline['write']:.2f} s; {baseline['rows']} rows)")
    print(f"ratio:    {ratio:.1f}x faster than the baseline")
    print(f"peak memory (ru_maxrss of the importing child process): {ours['peak_mb']:.0f} MB "
          f"(baseline child: {baseline['peak_mb']:.0f} MB)")
    if "worker_peak_mb" in ours:
        print(f"peak memory of the reading worker: {ours['worker_peak_mb']:.0f} MB")
    goals = [("time ≤ 3 s", ours["seconds"] <= GOAL_SECONDS), ("≥ 5× baseline", ratio >= GOAL_RATIO),
             ("memory ≤ 1 GB", ours["peak_mb"] <= GOAL_MEMORY_MB)]
    print("goals:    " + ", ".join(f"{name}: {'met' if met else 'NOT met'}" for name, met in goals))
    return 0


if __name__ == "__main__":
    sys.exit(main())
