"""`main.py` in a child process, with its exit status, output, time and peak memory.

The child runs under an address-space limit: a reader that asks for terabytes
then fails at once inside the child, and the test sees a failed child rather
than a parent that takes the whole machine down with it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LAUNCHER = Path(__file__).with_name("launcher.py")
ADDRESS_SPACE_LIMIT = 3 * 1024**3  # far above what an import needs, far below what a runaway reader asks for


@dataclass(frozen=True)
class ChildRun:
    code: int  # the exit status; minus the signal number when a signal ended it
    out: str
    err: str
    seconds: float
    peak_mb: float  # the child's own ru_maxrss

    def describe(self) -> str:
        return f"exit {self.code} in {self.seconds:.1f} s, {self.peak_mb:.0f} MB; stderr: {self.err[-2000:]!r}"


def _limit_address_space() -> None:
    import resource  # POSIX only, as is everything that calls this

    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_LIMIT, ADDRESS_SPACE_LIMIT))


def run_main(*args: str, timeout: float = 120) -> ChildRun:
    """`python main.py ARGS` from the project root; killed, and reported so, after `timeout` seconds. POSIX only.

    The child is started by `tests/hostile/launcher.py`, so that its peak memory is its own."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    with tempfile.TemporaryDirectory() as folder:
        result, out_path, err_path = (Path(folder) / name for name in ("result.json", "out", "err"))
        started = time.perf_counter()
        with open(out_path, "wb") as out, open(err_path, "wb") as err:
            subprocess.run([sys.executable, str(LAUNCHER), str(result), str(timeout), str(ADDRESS_SPACE_LIMIT),
                            str(ROOT / "main.py"), *args], cwd=ROOT, env=env, stdout=out, stderr=err,
                           timeout=timeout + 60, check=False)
        seconds = time.perf_counter() - started
        outcome = json.loads(result.read_text(encoding="utf-8"))
        stderr = err_path.read_bytes().decode("utf-8", "replace")
        if outcome["killed"]:
            stderr += f"\n[killed after {timeout} s]"
        return ChildRun(outcome["code"], out_path.read_bytes().decode("utf-8", "replace"), stderr, seconds,
                        outcome["maxrss_kb"] / 1024)
