"""`main.py` in a child process, with its exit status, output, time and peak memory.

The child runs under an address-space limit: a reader that asks for terabytes
then fails at once inside the child, and the test sees a failed child rather
than a parent that takes the whole machine down with it. It is started by a small
runner process, so that the peak memory measured is the child's own.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
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


# Starts the child from a small process of its own and waits for it there: a child forked straight from the test
# process would count the test process's pages in its peak memory (Linux keeps the high-water mark across exec),
# and a test process that has grown by a few megabytes would fail a child that did not.
_RUNNER = r"""
import json, os, resource, subprocess, sys, time
limit, timeout, report, command = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3], sys.argv[4:]
child = subprocess.Popen(command, preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (limit, limit)))
deadline, killed = time.monotonic() + timeout, False
while True:
    pid, status, usage = os.wait4(child.pid, os.WNOHANG)
    if pid:
        break
    if time.monotonic() > deadline and not killed:
        child.kill()
        killed = True
    time.sleep(0.02)
with open(report, "w") as stream:
    json.dump({"code": os.waitstatus_to_exitcode(status), "maxrss": usage.ru_maxrss, "killed": killed}, stream)
"""


def run_main(*args: str, timeout: float = 120) -> ChildRun:
    """`python main.py ARGS` from the project root; killed, and reported so, after `timeout` seconds. POSIX only."""
    import json

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "child.json"
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", _RUNNER, str(ADDRESS_SPACE_LIMIT), str(timeout), str(report),
                        sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT, env=env, stdout=out, stderr=err,
                       timeout=timeout + 60)
        seconds = time.perf_counter() - started
        outcome = json.loads(report.read_text(encoding="utf-8"))
        out.seek(0)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace") + (f"\n[killed after {timeout} s]" if outcome["killed"] else "")
        return ChildRun(outcome["code"], out.read().decode("utf-8", "replace"), stderr, seconds,
                        outcome["maxrss"] / 1024)
