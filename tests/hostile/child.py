"""`main.py` in a child process, with its exit status, output, time and peak memory.

The child runs under an address-space limit: a reader that asks for terabytes
then fails at once inside the child, and the test sees a failed child rather
than a parent that takes the whole machine down with it.
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


def run_main(*args: str, timeout: float = 120) -> ChildRun:
    """`python main.py ARGS` from the project root; killed, and reported so, after `timeout` seconds. POSIX only."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT, env=env, stdout=out,
                                 stderr=err, preexec_fn=_limit_address_space)
        # os.wait4 rather than Popen.wait: it gives this child's own peak memory.
        deadline, killed = started + timeout, False
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline and not killed:
                child.kill()
                killed = True
            time.sleep(0.02)
        child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace") + (f"\n[killed after {timeout} s]" if killed else "")
        return ChildRun(child.returncode, out.read().decode("utf-8", "replace"), stderr, seconds,
                        usage.ru_maxrss / 1024)
