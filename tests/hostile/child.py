"""`main.py` in a child process, with its exit status, output, time and peak memory.

The child runs under an address-space limit: a reader that asks for terabytes
then fails at once inside the child, and the test sees a failed child rather
than a parent that takes the whole machine down with it.
"""

from __future__ import annotations

import os
import signal
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
    peak_mb: float  # main.py's own ru_maxrss

    def describe(self) -> str:
        return f"exit {self.code} in {self.seconds:.1f} s, {self.peak_mb:.0f} MB; stderr: {self.err[-2000:]!r}"


def _limit_address_space() -> None:
    import resource  # POSIX only, as is everything that calls this

    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_LIMIT, ADDRESS_SPACE_LIMIT))


# Runs main.py as a grandchild and writes its ru_maxrss to the file named first. A child forked from the test
# process counts the test process's memory as its own high-water mark (it is carried across exec); a grandchild
# forked from this small launcher starts from the launcher's few megabytes.
LAUNCHER = """
import os, resource, signal, sys
peak_file, limit, argv = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
pid = os.fork()
if pid == 0:
    os.execv(argv[0], argv)
signal.signal(signal.SIGTERM, lambda *_: os.kill(pid, signal.SIGKILL))
_, status, usage = os.wait4(pid, 0)
with open(peak_file, "w") as stream:
    stream.write(str(usage.ru_maxrss))
code = os.waitstatus_to_exitcode(status)
if code < 0:
    signal.signal(-code, signal.SIG_DFL)
    os.kill(os.getpid(), -code)
sys.exit(code)
"""


def run_main(*args: str, timeout: float = 120) -> ChildRun:
    """`python main.py ARGS` from the project root; killed, and reported so, after `timeout` seconds. POSIX only."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.TemporaryDirectory() as folder:
        peak_file = Path(folder) / "peak"
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-c", LAUNCHER, str(peak_file), str(ADDRESS_SPACE_LIMIT),
                                  sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT, env=env, stdout=out,
                                 stderr=err, start_new_session=True)
        deadline, killed = started + timeout, False
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline and not killed:
                os.killpg(child.pid, signal.SIGKILL)  # the launcher and main.py under it
                killed = True
            time.sleep(0.02)
        child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        # main.py's own peak; the launcher's (which counts the test process's) only if it was killed first
        peak_kb = int(peak_file.read_text()) if peak_file.exists() else usage.ru_maxrss
        out.seek(0)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace") + (f"\n[killed after {timeout} s]" if killed else "")
        return ChildRun(child.returncode, out.read().decode("utf-8", "replace"), stderr, seconds, peak_kb / 1024)
