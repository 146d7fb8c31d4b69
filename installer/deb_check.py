"""Installing the built .deb into a temporary root and running the program there, beside the source program.

Part of `python3 installer/build_linux.py` (step 4): the installed tree is
checked, the program runs with --version, --smoke (a first start, then timed
runs alternated with the source program), `dump` and an xlsx `import`, under
QT_QPA_PLATFORM=offscreen, a temporary HOME and an environment without Python.
Standard library only, like dev.py.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from build_common import ROOT, run, tree_size

SMOKE_RUNS = 3


def clean_env(home: Path) -> dict[str, str]:
    """No Python, no virtual environment, no display, and a home of its own for the user data."""
    runtime = home / "run"
    runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_RUNTIME_DIR": str(runtime),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
    }


def smoke(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, int]:
    """(wall-clock seconds from process start to exit, the program's own `shown in N ms`)."""
    started = time.perf_counter()
    result = subprocess.run(command + ["--smoke"], env=env, cwd=cwd, capture_output=True, text=True, timeout=120)
    wall = time.perf_counter() - started
    shown = re.search(r"shown in (\d+) ms", result.stdout)
    if result.returncode != 0 or not shown:
        sys.exit(f"--smoke failed ({' '.join(command)}), exit {result.returncode}:\n{result.stdout}{result.stderr}")
    if "could not be loaded" in result.stderr:
        sys.exit(f"--smoke could not load a bundled resource:\n{result.stderr}")
    return wall, int(shown.group(1))


# A small appendix sheet with a traditional-character office name: importing it
# runs the xlsx reader (calamine), openpyxl and the OpenCC dictionaries inside the bundle.
SAMPLE_SHEET = """
import sys, openpyxl
book = openpyxl.Workbook()
sheet = book.active
sheet.title = "附件"
for row in (["序号", "重点工作", "具体指标", "2020年", "2021年", "2022年", "责任单位"],
            [1, "养老床位建设", "养老床位总数", "4816张", "5000张", "6000张", "市民政局、市財政局"],
            [2, "护理型床位", "护理型床位占比", "20%以上", "25%以上", "30%以上", "市民政局"]):
    sheet.append(row)
book.save(sys.argv[1])
"""


def check_import(program: list[str], env: dict[str, str], work: Path, python: Path) -> str:
    sheet = work / "年度目标.xlsx"
    run([python, "-c", SAMPLE_SHEET, sheet])
    outputs = []
    for label, command in (("frozen", program), ("source", [str(python), str(ROOT / "main.py")])):
        database = work / f"import-{label}.sqlite3"
        imported = subprocess.run(command + ["--db", str(database), "import", str(sheet), "--json"], env=env,
                                  cwd=work, capture_output=True, text=True)
        if imported.returncode != 0:
            sys.exit(f"import failed in the {label} program:\n{imported.stdout}{imported.stderr}")
        dumped = subprocess.run(command + ["--db", str(database), "dump"], env=env, cwd=work,
                                capture_output=True, text=True, check=True)
        outputs.append((imported.stdout, dumped.stdout))
    if outputs[0] != outputs[1]:
        sys.exit("importing the same sheet gives different results in the frozen and the source program")
    if "市财政局" not in outputs[0][1]:
        sys.exit("the frozen program did not convert 市財政局 to 市财政局: the OpenCC dictionaries are missing")
    counts = json.loads(outputs[0][0])["counts"]
    return f"{counts['tasks']} tasks, {counts['targets']} targets, {counts['offices']} offices; same as from source"


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.lstat().st_size, p.lstat().st_mtime_ns) for p in folder.rglob("*")}


def check_installed_tree(root: Path, name: str) -> None:
    expected = [
        root / "opt" / name / name,
        root / "opt" / name / "_internal" / "resources" / "fonts" / "wqy-microhei.ttc",
        root / "opt" / name / "_internal" / "resources" / "translations" / "planner_zh_CN.qm",
        root / "opt" / name / "_internal" / "resources" / "demo" / "hengshui.json",
        root / "opt" / name / "_internal" / "PySide6" / "Qt" / "translations" / "qtbase_zh_CN.qm",
        root / "usr" / "bin" / name,
        root / "usr" / "share" / "applications" / f"{name}.desktop",
        root / "usr" / "share" / "icons" / "hicolor" / "256x256" / "apps" / f"{name}.png",
    ]
    missing = [str(path.relative_to(root)) for path in expected if not path.exists()]
    if missing:
        sys.exit("The installed tree lacks: " + ", ".join(missing))
    run(["sh", "-n", root / "usr" / "bin" / name])
    if shutil.which("desktop-file-validate"):
        run(["desktop-file-validate", root / "usr" / "share" / "applications" / f"{name}.desktop"])
    webengine = [p.name for p in (root / "opt" / name).rglob("*WebEngine*")]
    if webengine:
        sys.exit("The bundle contains QtWebEngine files: " + ", ".join(webengine[:5]))


def exercise_deb(deb: Path, name: str, version: str, python: Path) -> dict:
    work = Path(tempfile.mkdtemp(prefix="planner-deb-"))
    try:
        root = work / "root"
        run(["dpkg", "-x", deb, root])
        check_installed_tree(root, name)
        installed = root / "opt" / name
        program = [str(installed / name)]
        before = snapshot(installed)

        frozen_home = work / "home-frozen"
        env = clean_env(frozen_home)
        shown_version = subprocess.run(program + ["--version"], env=env, cwd=work, capture_output=True,
                                       text=True, check=True).stdout.strip()
        if f" {version} " not in shown_version:
            sys.exit(f"--version printed {shown_version!r}, expected the version {version} from pyproject.toml")
        bundled = re.search(r"Python (\d+)\.(\d+)", shown_version)
        if bundled is None or (int(bundled[1]), int(bundled[2])) < (3, 12):
            sys.exit(f"--version printed {shown_version!r}: the bundle must carry Python 3.12 or newer")
        source_env = clean_env(work / "home-source")
        source_program = [str(python), str(ROOT / "main.py")]
        # The first start creates the database and loads the demo plans: timed apart.
        frozen_first = smoke(program, env, work)
        source_first = smoke(source_program, source_env, ROOT)
        # Alternated, so that a load on the machine slows both alike.
        frozen, source = [], []
        for _ in range(SMOKE_RUNS):
            frozen.append(smoke(program, env, work))
            source.append(smoke(source_program, source_env, ROOT))
        dumped = subprocess.run(program + ["dump"], env=env, cwd=work, capture_output=True, text=True, check=True)
        demo_plans = sum(1 for plan in json.loads(dumped.stdout)["plans"] if plan["is_demo"])
        database = frozen_home / ".local" / "share" / "AnnualTargetPlanner" / "planner.sqlite3"
        if not database.exists():
            sys.exit(f"the frozen program did not create its database in the user data folder ({database})")
        if demo_plans == 0:
            sys.exit("the frozen program's default database holds no demo plans: resources/demo was not found")
        imported = check_import(program, env, work, python)
        changed = sorted(set(snapshot(installed).items()) ^ set(before.items()))
        if changed:
            sys.exit("the frozen program wrote into its own folder: " + ", ".join(sorted({c[0] for c in changed})[:5]))

        return {
            "version_line": shown_version,
            "bundle_bytes": tree_size(installed),
            "frozen": frozen,
            "source": source,
            "frozen_first": frozen_first,
            "source_first": source_first,
            "imported": imported,
            "demo_plans": demo_plans,
            "database": database.relative_to(frozen_home),
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)
