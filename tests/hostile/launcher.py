"""Start `main.py` from a small process and report its exit status and its own peak memory.

Run by `tests.hostile.child.run_main` as `python launcher.py RESULT TIMEOUT LIMIT MAIN ARGS...`.
Linux counts the memory of the process a child was forked from in the child's
ru_maxrss, so a child forked by the test process (hundreds of MB after a few
hundred tests) would report the test process's size as its own. Forked from this
launcher instead, the child's figure is its own. The child runs under the address
space limit LIMIT and is killed after TIMEOUT seconds; RESULT receives a JSON object
with its exit status (minus the signal number when a signal ended it), its peak
memory in kB and whether it was killed.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time


def main(result: str, timeout: str, limit: str, *command: str) -> None:
    address_space = int(limit)

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))

    child = subprocess.Popen([sys.executable, *command], preexec_fn=limited)
    deadline, killed = time.monotonic() + float(timeout), False
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline and not killed:
            child.kill()
            killed = True
        time.sleep(0.02)
    child.returncode = code = os.waitstatus_to_exitcode(status)
    with open(result, "w", encoding="utf-8") as out:
        json.dump({"code": code, "maxrss_kb": usage.ru_maxrss, "killed": killed}, out)


if __name__ == "__main__":
    main(*sys.argv[1:])
