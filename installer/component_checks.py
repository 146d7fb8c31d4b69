"""The frozen planner with and without each optional component (`installer/build_components.py --check`).

The bundle and a component are put together in a temporary root, as the installers put them, and the
installed program is run on what the component is for. Without it the same command must be refused with
a message that says how to add it (the Windows setup's 选择组件). Standard library only, like dev.py.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from build_common import ROOT, run
from deb_check import clean_env

HOW_TO_ADD_MARK = "选择组件"

SAMPLE_SCAN = """
import sys
from pathlib import Path
from tests.notices import scan_files
folder = Path(sys.argv[1])
printed, _texts = scan_files.text_pages(scan_files.text_notice(), folder)
scan_files.rendered(printed, 150, [1])[0].save(folder / "扫描件.png")
"""


def _run(command: list, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(part) for part in command], env=env, capture_output=True, text=True, timeout=300)


def _installed(bundle: Path, folder: Path) -> Path:
    """The bundle copied into `folder`: the installed program (the components go in beside it)."""
    program = folder / "program"
    shutil.copytree(bundle, program, symlinks=True)
    return program / bundle.name


def _refused_without(command: list, env: dict[str, str], what: str) -> None:
    without = _run(command, env)
    if without.returncode != 1 or HOW_TO_ADD_MARK not in without.stdout + without.stderr:
        sys.exit(f"without the {what} component, {' '.join(map(str, command[1:]))} was not refused with the way to "
                 f"add it (exit {without.returncode}):\n{without.stdout}{without.stderr}")


def check_ocr(bundle: Path, component: Path, python: Path) -> None:
    """The frozen planner reads a scan with the component beside it, and says how to add it without."""
    with tempfile.TemporaryDirectory(prefix="ocr-check-") as temporary:
        folder = Path(temporary)
        run([python, "-c", SAMPLE_SCAN, folder], cwd=ROOT)
        executable = _installed(bundle, folder)
        env = clean_env(folder / "home")
        command = [executable, "import", folder / "扫描件.png", "--dry-run", "--json"]
        _refused_without(command, env, "OCR")
        shutil.copytree(component, executable.parent / component.name)
        read = _run(command, env)
        if read.returncode != 0:
            sys.exit(f"the frozen planner could not read the scan with the component:\n{read.stdout}{read.stderr}")
        tasks = json.loads(read.stdout)["tasks"]
        print(f"frozen planner with the OCR component: {len(tasks)} tasks from one scanned page "
              f"({', '.join(task['name'] for task in tasks[:3])}, …); without it: refused, saying how to add it")


def check_server(bundle: Path, component: Path, python: Path) -> None:
    """The frozen planner sets up a database on a throwaway PostgreSQL server and opens it with the component
    beside it (psycopg, libpq and keyring loaded from the component's folder); without it both are refused."""
    from tests.pg_server import Cluster, server_bin

    if server_bin() is None:
        sys.exit("--check server needs PostgreSQL's server programs (initdb, pg_ctl): apt-get install postgresql")
    cluster = Cluster().start()
    try:
        url = cluster.url("postgres")  # the cluster's own empty database, over its socket, trusted
        with tempfile.TemporaryDirectory(prefix="server-check-") as temporary:
            folder = Path(temporary)
            executable = _installed(bundle, folder)
            env = clean_env(folder / "home")
            init, dump = [executable, "db", "init", url], [executable, "--db", url, "dump"]
            _refused_without(init, env, "server")
            _refused_without(dump, env, "server")
            shutil.copytree(component, executable.parent / component.name)
            for command in (init, dump):
                done = _run(command, env)
                if done.returncode != 0:
                    sys.exit(f"with the server component, {' '.join(map(str, command[1:3]))} failed "
                             f"(exit {done.returncode}):\n{done.stdout}{done.stderr}")
            plans = json.loads(done.stdout)["plans"]
        print(f"frozen planner with the server component: db init and dump on a PostgreSQL server "
              f"({len(plans)} plans in the new database); without it: both refused, saying how to add it")
    finally:
        cluster.stop()


CHECKS: dict[str, Callable[[Path, Path, Path], None]] = {"ocr": check_ocr, "server": check_server}
