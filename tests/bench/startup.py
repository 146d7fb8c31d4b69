"""Start-up benchmark: `main.py --smoke` on the demo database, against a bare Qt import.

Run with `python3 dev.py bench startup`. Each run is a new process (no warm
interpreter); the figure printed by `--smoke` is the time from process start to
the first paint of the main window. The floor is the wall time of a process
that only imports PySide6.QtWidgets, measured in the same run.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUNS = 5
GOAL_MS = 1000


def wall_ms(args: list[str], env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    result = subprocess.run(args, capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    return (time.perf_counter() - start) * 1000, result.stdout


def main() -> int:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "demo.sqlite3")
        subprocess.run([sys.executable, "main.py", "--db", db, "demo"], cwd=ROOT, env=env, check=True,
                       capture_output=True)
        floor, shown, total = [], [], []
        for _ in range(RUNS):
            floor.append(wall_ms([sys.executable, "-c", "import PySide6.QtWidgets"], env)[0])
            elapsed, out = wall_ms([sys.executable, "main.py", "--db", db, "--smoke"], env)
            match = re.search(r"shown in (\d+) ms", out)
            if not match:
                print(f"--smoke printed no timing: {out!r}")
                return 1
            shown.append(int(match.group(1)))
            total.append(elapsed)
    print(f"runs: {RUNS} (each a new process, demo database, QT_QPA_PLATFORM=offscreen)")
    print(f"floor: bare 'import PySide6.QtWidgets' process   median {statistics.median(floor):7.1f} ms")
    print(f"--smoke: window shown after first paint        median {statistics.median(shown):7.1f} ms"
          f"   (all: {shown})")
    print(f"--smoke: whole process until exit               median {statistics.median(total):7.1f} ms")
    verdict = "met" if statistics.median(shown) <= GOAL_MS else "NOT met"
    print(f"goal: shown in <= {GOAL_MS} ms: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
