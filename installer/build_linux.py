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
   the same way, and the import must give the same result from both
   (installer/deb_check.py).
5. Prints the bundle and .deb sizes and the --smoke times against their goals.

--skip-build reuses dist/annual-target-planner from an earlier run.
Standard library only, like dev.py: it runs before the environment exists.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import statistics
import string
import subprocess
import sys
import time
import tomllib
from pathlib import Path

from build_common import ROOT, run, tree_size
from deb_check import SMOKE_RUNS, exercise_deb

sys.path.insert(0, str(ROOT))

import dev

INSTALLER = ROOT / "installer"
LINUX = INSTALLER / "linux"
SPEC = INSTALLER / "planner.spec"
DIST = ROOT / "dist"
BUILD = ROOT / "build"

# The same pins are used by .github/workflows/windows-installer.yml.
PYINSTALLER_PINS = ("pyinstaller==6.22.3", "pyinstaller-hooks-contrib==2026.9")

BUNDLE_GOAL_MB = 200
DEB_GOAL_MB = 80

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
    # What the system's libxcb needs in turn, once the bundle no longer carries copies (installer/bundle_pruning.py).
    "libXau.so.6": "libxau6",
    "libXdmcp.so.6": "libxdmcp6",
    "libbsd.so.0": "libbsd0",
    "libmd.so.0": "libmd0",
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
# Freely licensed TrueType 宋体 and 楷体 faces for the PDF reports (reportlab embeds TrueType outlines only;
# Debian's Noto CJK is CFF): without them, every role but the bundled 黑体 would fall back to a sans-serif.
REPORT_FONT_PACKAGES = ("fonts-arphic-gbsn00lp", "fonts-arphic-gkai00mp")


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def step(message: str) -> None:
    print(f"\n== {message}", flush=True)


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
    packages, unknown = {*DATA_PACKAGES, *REPORT_FONT_PACKAGES}, []
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
    print(f"bundle (unpacked):  {bundle_mb:6.1f} MB   goal <= {BUNDLE_GOAL_MB} MB: "
          f"{verdict(bundle_mb, BUNDLE_GOAL_MB)}")
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
