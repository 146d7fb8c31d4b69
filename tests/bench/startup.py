"""Start-up benchmark: `main.py --smoke` on the demo database against a bare PySide6 window.

Run with `python3 dev.py bench startup [RUNS]`. Each run is a new process; the two
programs alternate, so that both see the same machine load. Measured for each: the
wall time of the whole process (start, first paint of the window, exit). The bare
window is a QApplication with an empty QMainWindow that quits after its first paint:
the floor any PySide6 program pays. The project's sources are byte-compiled first,
as an installed program's are.
"""

from __future__ import annotations

import compileall
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUNS = 9
GOAL_SECONDS = 0.45
GOAL_RATIO = 2.5

BARE_WINDOW = """
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, QApplication.quit)
        return False

app = QApplication([])
window = QMainWindow()
probe = FirstPaint()
window.installEventFilter(probe)
window.resize(1400, 850)
window.show()
app.exec()
"""


def wall_seconds(args: list[str], env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    result = subprocess.run(args, capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    return time.perf_counter() - start, result.stdout


def main(argv: list[str]) -> int:
    runs = int(argv[0]) if argv else RUNS
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for folder in ("planner", "ui"):
        compileall.compile_dir(str(ROOT / folder), quiet=1)
    compileall.compile_file(str(ROOT / "main.py"), quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "demo.sqlite3")
        subprocess.run([sys.executable, "main.py", "--db", db, "demo"], cwd=ROOT, env=env, check=True,
                       capture_output=True)
        smoke = [sys.executable, "main.py", "--db", db, "--smoke"]
        bare = [sys.executable, "-c", BARE_WINDOW]
        wall_seconds(smoke, env)  # warm the file cache for both
        wall_seconds(bare, env)
        planner_times, bare_times, shown = [], [], []
        for _ in range(runs):
            elapsed, out = wall_seconds(smoke, env)
            match = re.search(r"shown in (\d+) ms", out)
            if not match:
                print(f"--smoke printed no timing: {out!r}")
                return 1
            planner_times.append(elapsed)
            shown.append(int(match.group(1)))
            bare_times.append(wall_seconds(bare, env)[0])
    planner_median, bare_median = statistics.median(planner_times), statistics.median(bare_times)
    ratio = planner_median / bare_median
    load = f"; load average {os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else ""
    print(f"Python {sys.version.split()[0]}; {runs} runs of each, alternated; QT_QPA_PLATFORM=offscreen{load}")
    print(f"bare PySide6 window, whole process:   median {bare_median:.3f} s   "
          f"(all: {', '.join(f'{t:.3f}' for t in bare_times)})")
    print(f"main.py --smoke, whole process:       median {planner_median:.3f} s   "
          f"(all: {', '.join(f'{t:.3f}' for t in planner_times)})")
    print(f"main.py --smoke, shown after paint:   median {statistics.median(shown)} ms")
    print(f"ratio planner / bare window: {ratio:.2f}x")
    print(f"goal: --smoke median <= {GOAL_SECONDS} s: {'met' if planner_median <= GOAL_SECONDS else 'NOT met'}")
    print(f"goal: ratio <= {GOAL_RATIO}x: {'met' if ratio <= GOAL_RATIO else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
