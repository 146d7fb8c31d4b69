"""Build the Linux bundle and .deb, install the .deb into a temporary root and smoke-test it there.

    python3 installer/build_linux.py [--skip-build]

1. Sets up .venv the way `python3 dev.py` does, compiles the translations and
   installs the pinned PyInstaller into it.
2. Builds the one-folder bundle with installer/planner.spec: dist/annual-target-planner/.
3. Packages it as dist/annual-target-planner_<version>_<arch>.deb: the bundle in
   /opt/annual-target-planner, a launcher in /usr/bin, a desktop entry and icons.
4. Extracts the .deb with `dpkg -x` into a temporary root and runs the bundled
   program there with --version, --smoke (a first start, then three timed runs),
   `dump` and an xlsx `import`, under QT_QPA_PLATFORM=offscreen, a temporary HOME
   and an environment without Python; `python main.py --smoke` from source runs
   the same way, and the import must give the same result from both.
5. Prints the bundle and .deb sizes and the --smoke times against their goals.

--skip-build reuses dist/annual-target-planner from an earlier run.
Standard library only, like dev.py: it runs before the environment exists.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import statistics
import string
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import dev  # noqa: E402  (dev.py is the one place that knows how .venv is made)

INSTALLER = ROOT / "installer"
LINUX = INSTALLER / "linux"
SPEC = INSTALLER / "planner.spec"
DIST = ROOT / "dist"
BUILD = ROOT / "build"

# The same pins are used by .github/workflows/windows-installer.yml.
PYINSTALLER_PINS = ("pyinstaller==6.22.3", "pyinstaller-hooks-contrib==2026.9")

BUNDLE_GOAL_MB = 200
DEB_GOAL_MB = 80
SMOKE_RUNS = 3

# Libraries the bundle takes from the system (PyInstaller leaves out the C
# library, OpenGL/EGL and whatever the build machine lacks), with the Debian
# package that provides each (UOS and Kylin, derived from Debian and Ubuntu, use
# the same names). A library missing here stops the build, so the Depends line
# can never silently fall short.
SYSTEM_LIBRARY_PACKAGES = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libGLX.so.0": "libglx0",
    "libGLdispatch.so.0": "libglvnd0",
    "libOpenGL.so.0": "libopengl0",
    "libxcb.so.1": "libxcb1",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libstdc++.so.6": "libstdc++6",
    "libgcc_s.so.1": "libgcc-s1",
    "libz.so.1": "zlib1g",
    "libcups.so.2": "libcups2",
}
# Part of the C library package itself, covered by the libc6 (>= …) dependency.
LIBC_LIBRARIES = {"libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "libresolv.so.2", "librt.so.1",
                  "libutil.so.1", "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1", "linux-vdso.so.1"}
# Data the bundled copies of libxkbcommon and fontconfig read from the system.
DATA_PACKAGES = ("xkb-data", "fontconfig-config")


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def step(message: str) -> None:
    print(f"\n== {message}", flush=True)


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(part) for part in command], check=True, **kwargs)


# --- 1. environment ---------------------------------------------------------------------------------

def prepare_environment() -> Path:
    dev.ensure_environment()
    dev.compile_translations()  # .qm files are not in git, and ensure_environment skips an unchanged setup
    python = dev.venv_python()
    wanted = PYINSTALLER_PINS[0].split("==")[1]
    found = subprocess.run([str(python), "-c", "import PyInstaller; print(PyInstaller.__version__)"],
                           capture_output=True, text=True)
    if found.returncode != 0 or found.stdout.strip() != wanted:
        print(f"Installing {' '.join(PYINSTALLER_PINS)} into .venv ...", flush=True)
        run([python, "-m", "pip", "install", "--disable-pip-version-check", "-q", *PYINSTALLER_PINS])
    return python


# --- 2. bundle --------------------------------------------------------------------------------------

def build_bundle(python: Path, name: str) -> tuple[Path, float]:
    started = time.perf_counter()
    run([python, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", DIST, "--workpath", BUILD / "pyinstaller", SPEC], cwd=ROOT)
    bundle = DIST / name
    if not (bundle / name).is_file():
        sys.exit(f"PyInstaller did not produce {bundle / name}")
    return bundle, time.perf_counter() - started


def tree_size(folder: Path) -> int:
    return sum(path.lstat().st_size for path in folder.rglob("*") if path.is_file() or path.is_symlink())


def elf_files(folder: Path) -> list[Path]:
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def glibc_needed(elves: list[Path]) -> str:
    """The newest GLIBC_x.y symbol version any bundled file asks for."""
    versions = set()
    for path in elves:
        versions.update(re.findall(rb"GLIBC_(2\.\d+(?:\.\d+)?)\x00", path.read_bytes()))
    newest = max((tuple(int(part) for part in v.decode().split(".")) for v in versions), default=(2, 17))
    return ".".join(map(str, newest))


def system_libraries(bundle: Path, elves: list[Path]) -> set[str]:
    """Sonames the bundle resolves outside itself, or cannot resolve on this machine."""
    internal = bundle / "_internal"
    env = dict(os.environ, LD_LIBRARY_PATH=str(internal))
    outside = set()
    for path in elves:
        result = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env)
        for line in result.stdout.splitlines():
            match = re.match(r"\s*(\S+) => (.+?) \(0x", line) or re.match(r"\s*(\S+) => (not found)", line)
            if not match:
                continue
            soname, target = match.groups()
            if target == "not found" or not Path(target).resolve().is_relative_to(bundle.resolve()):
                outside.add(soname)
    return outside


def debian_depends(bundle: Path) -> tuple[str, str]:
    elves = elf_files(bundle)
    glibc = glibc_needed(elves)
    packages, unknown = set(DATA_PACKAGES), []
    for soname in sorted(system_libraries(bundle, elves)):
        if soname in LIBC_LIBRARIES:
            continue
        if soname not in SYSTEM_LIBRARY_PACKAGES:
            unknown.append(soname)
        else:
            packages.add(SYSTEM_LIBRARY_PACKAGES[soname])
    if unknown:
        sys.exit("The bundle needs system libraries with no package in SYSTEM_LIBRARY_PACKAGES "
                 f"(installer/build_linux.py): {', '.join(unknown)}")
    return ", ".join([f"libc6 (>= {glibc})", *sorted(packages)]), glibc


# --- 3. .deb ----------------------------------------------------------------------------------------

def debian_version(version: str) -> str:
    """PEP 440 pre-releases sort before the release in Debian only with a tilde: 1.0rc1 -> 1.0~rc1."""
    return re.sub(r"(?<=\d)\.?((?:a|b|rc|dev)\d*)", r"~\1", version)


def normalise_modes(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            path.chmod(0o755 if path.stat().st_mode & 0o111 else 0o644)
    folder.chmod(0o755)


def build_deb(bundle: Path, name: str, version: str) -> tuple[Path, str, str]:
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True, check=True).stdout.strip()
    deb_version = debian_version(version)
    stage = BUILD / "deb" / f"{name}_{deb_version}_{arch}"
    if stage.exists():
        shutil.rmtree(stage)
    shutil.copytree(bundle, stage / "opt" / name, symlinks=True)
    (stage / "usr" / "bin").mkdir(parents=True)
    shutil.copy2(LINUX / "launcher.sh", stage / "usr" / "bin" / name)
    (stage / "usr" / "share" / "applications").mkdir(parents=True)
    shutil.copy2(LINUX / f"{name}.desktop", stage / "usr" / "share" / "applications" / f"{name}.desktop")
    icons = stage / "usr" / "share" / "icons" / "hicolor"
    (icons / "256x256" / "apps").mkdir(parents=True)
    (icons / "scalable" / "apps").mkdir(parents=True)
    shutil.copy2(ROOT / "resources" / "icons" / "planner.png", icons / "256x256" / "apps" / f"{name}.png")
    shutil.copy2(ROOT / "resources" / "icons" / "planner.svg", icons / "scalable" / "apps" / f"{name}.svg")
    (stage / "usr" / "share" / "doc" / name).mkdir(parents=True)
    shutil.copy2(ROOT / "resources" / "fonts" / "LICENSE-wqy-microhei.txt",
                 stage / "usr" / "share" / "doc" / name / "LICENSE-wqy-microhei.txt")
    normalise_modes(stage)

    depends, glibc = debian_depends(stage / "opt" / name)
    control = string.Template((LINUX / "control.in").read_text(encoding="utf-8")).substitute(
        PACKAGE=name, VERSION=deb_version, ARCH=arch, DEPENDS=depends,
        INSTALLED_SIZE=str((tree_size(stage) + 1023) // 1024),
    )
    debian = stage / "DEBIAN"
    debian.mkdir(mode=0o755)
    (debian / "control").write_text(control, encoding="utf-8")
    sums = []
    for path in sorted(stage.rglob("*")):
        if path.is_file() and not path.is_symlink() and debian not in path.parents:
            sums.append(f"{hashlib.md5(path.read_bytes()).hexdigest()}  {path.relative_to(stage).as_posix()}\n")
    (debian / "md5sums").write_text("".join(sums), encoding="utf-8")
    normalise_modes(debian)

    deb = DIST / f"{name}_{deb_version}_{arch}.deb"
    deb.unlink(missing_ok=True)
    run(["dpkg-deb", "--root-owner-group", "--build", stage, deb], stdout=subprocess.DEVNULL)
    return deb, depends, glibc


# --- 4. smoke test ----------------------------------------------------------------------------------

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
        if not shown_version.endswith(f" {version}"):
            sys.exit(f"--version printed {shown_version!r}, expected the version {version} from pyproject.toml")
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


# --- 5. report --------------------------------------------------------------------------------------

def megabytes(count: int) -> float:
    return count / 1_000_000


def verdict(value: float, goal: float) -> str:
    return "met" if value <= goal else "NOT met"


def report(name: str, deb: Path, depends: str, glibc: str, results: dict, build_seconds: float | None) -> None:
    bundle_mb = megabytes(results["bundle_bytes"])
    deb_mb = megabytes(deb.stat().st_size)
    frozen_wall = statistics.median(w for w, _ in results["frozen"])
    frozen_shown = statistics.median(s for _, s in results["frozen"])
    source_wall = statistics.median(w for w, _ in results["source"])
    source_shown = statistics.median(s for _, s in results["source"])
    print(f"\n== {name}: results")
    print(f"package:            {deb.relative_to(ROOT)}")
    print(f"--version:          {results['version_line']}")
    print(f"Depends:            {depends}")
    print(f"needs glibc:        >= {glibc} (the build machine's; older systems need a build on an older base)")
    if build_seconds is not None:
        print(f"PyInstaller build:  {build_seconds:.0f} s")
    print(f"bundle (unpacked):  {bundle_mb:6.1f} MB   goal <= {BUNDLE_GOAL_MB} MB: {verdict(bundle_mb, BUNDLE_GOAL_MB)}")
    print(f".deb:               {deb_mb:6.1f} MB   goal <= {DEB_GOAL_MB} MB: {verdict(deb_mb, DEB_GOAL_MB)}")
    print(f"--smoke, median of {SMOKE_RUNS} (wall clock from process start to exit; the program's own 'shown in'):")
    print(f"  frozen (.deb):    {frozen_wall:5.2f} s   shown in {frozen_shown:.0f} ms"
          f"   runs: {', '.join(f'{w:.2f} s/{s} ms' for w, s in results['frozen'])}")
    print(f"  source (.venv):   {source_wall:5.2f} s   shown in {source_shown:.0f} ms"
          f"   runs: {', '.join(f'{w:.2f} s/{s} ms' for w, s in results['source'])}")
    print(f"  frozen / source:  {frozen_wall / source_wall:.2f} x wall clock")
    print(f"first start (creates the database, loads the demo plans): frozen {results['frozen_first'][0]:.2f} s, "
          f"source {results['source_first'][0]:.2f} s")
    print(f"frozen demo plans:  {results['demo_plans']} in the default database")
    print(f"frozen xlsx import: {results['imported']}")
    print(f"user data written to $HOME/{results['database']} only; nothing written into /opt/{name}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-build", action="store_true", help="reuse dist/<name> from an earlier build")
    args = parser.parse_args(argv)
    if not sys.platform.startswith("linux"):
        sys.exit("This builds the Linux .deb; the Windows setup is built by .github/workflows/windows-installer.yml.")
    for tool in ("dpkg-deb", "dpkg", "ldd"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is needed (Debian, UOS and Kylin have it in the dpkg and libc-bin packages).")

    meta = project()
    name, version = meta["name"], meta["version"]
    step("Environment")
    python = prepare_environment()
    build_seconds = None
    if args.skip_build:
        bundle = DIST / name
        if not (bundle / name).is_file():
            sys.exit(f"--skip-build: there is no earlier build in {bundle}")
    else:
        step("PyInstaller one-folder build (about a minute on two cores)")
        bundle, build_seconds = build_bundle(python, name)
    step("Debian package")
    deb, depends, glibc = build_deb(bundle, name, version)
    step(f"Install {deb.name} into a temporary root and run it")
    results = exercise_deb(deb, name, version, python)
    report(name, deb, depends, glibc, results, build_seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
