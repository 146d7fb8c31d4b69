"""Build the optional OCR component: the folder the Windows setup offers, and a .deb of its own on Linux.

    python3 installer/build_ocr.py [--windows] [--check]

Reading scanned notices (`planner.notices.ocr`) needs tesserocr, whose wheels carry
Tesseract and Leptonica, and the Chinese model `resources/ocr/tessdata/chi_sim.traineddata`.
Neither is in the core bundle (installer/planner.spec excludes tesserocr): the component
is a folder `ocr/` that goes beside the program, where the frozen planner looks for it
(`planner.notices.ocr.engine.component_dir`):

1. dist/ocr-component/ocr/: tesserocr as pinned in pyproject's `ocr` extra, installed there by pip
   (`--windows`: the win_amd64 wheel for the Python of .venv, for the Windows setup's
   optional component, see installer/windows/planner.iss), and tessdata/ with the model and its licence.
2. On Linux, dist/annual-target-planner-ocr_<version>_<arch>.deb: the folder in
   /opt/annual-target-planner/ocr, depending on the planner's .deb of the same version.
3. `--check`, after installer/build_linux.py has built the bundle: the bundle and the component
   are put together in a temporary root and the frozen planner imports a rendered scan with
   `import --dry-run --json`; without the component the same command must refuse it, saying how
   to add it.
4. Prints the sizes of the component, the bundle and both together.

Standard library only, like dev.py.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import string
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

from build_common import ROOT, run, tree_size

sys.path.insert(0, str(ROOT))

import dev

DIST = ROOT / "dist"
BUILD = ROOT / "build"
COMPONENT = DIST / "ocr-component" / "ocr"
MODEL = ROOT / "resources" / "ocr"
DEB_SUFFIX = "-ocr"


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def ocr_requirements() -> list[str]:
    return list(project()["optional-dependencies"]["ocr"])


def build_component(python: Path, windows: bool) -> Path:
    if COMPONENT.exists():
        shutil.rmtree(COMPONENT)
    COMPONENT.mkdir(parents=True)
    command = [python, "-m", "pip", "install", "--disable-pip-version-check", "-q", "--no-deps",
               "--target", COMPONENT, *ocr_requirements()]
    if windows:
        version = subprocess.run([python, "-c", "import sys; print(f'{sys.version_info[0]}.{sys.version_info[1]}')"],
                                 capture_output=True, text=True, check=True).stdout.strip()
        command += ["--platform", "win_amd64", "--python-version", version, "--only-binary=:all:"]
    run(command)
    for cache in COMPONENT.rglob("__pycache__"):
        shutil.rmtree(cache)
    shutil.copytree(MODEL / "tessdata", COMPONENT / "tessdata")
    shutil.copy2(MODEL / "LICENSE-tessdata.txt", COMPONENT / "tessdata" / "LICENSE-tessdata.txt")
    return COMPONENT


CONTROL = """Package: ${PACKAGE}
Version: ${VERSION}
Architecture: ${ARCH}
Maintainer: Annual Target Planner maintainers <maintainers@annual-target-planner.invalid>
Installed-Size: ${INSTALLED_SIZE}
Depends: ${MAIN} (= ${VERSION})
Section: misc
Priority: optional
Description: Annual Target Planner: reading scanned notices (OCR)
 The optional text recognition of Annual Target Planner: Tesseract (through
 tesserocr) and its simplified Chinese model, so that image-only PDFs and
 photos of a notice can be imported. Installed into /opt/${MAIN}/ocr.
 .
 年度目标任务管理的“扫描件文字识别（OCR）”组件：导入扫描件和照片形式的通知。
"""


def build_deb(component: Path, name: str, version: str) -> Path:
    sys.path.insert(0, str(ROOT / "installer"))
    from build_linux import debian_version, normalise_modes

    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True, check=True).stdout.strip()
    package, deb_version = name + DEB_SUFFIX, debian_version(version)
    stage = BUILD / "deb" / f"{package}_{deb_version}_{arch}"
    if stage.exists():
        shutil.rmtree(stage)
    shutil.copytree(component, stage / "opt" / name / "ocr")
    normalise_modes(stage)
    debian = stage / "DEBIAN"
    debian.mkdir(mode=0o755)
    (debian / "control").write_text(string.Template(CONTROL).substitute(
        PACKAGE=package, VERSION=deb_version, ARCH=arch, MAIN=name,
        INSTALLED_SIZE=str((tree_size(stage) + 1023) // 1024)), encoding="utf-8")
    sums = [f"{hashlib.md5(path.read_bytes()).hexdigest()}  {path.relative_to(stage).as_posix()}\n"
            for path in sorted(stage.rglob("*")) if path.is_file() and debian not in path.parents]
    (debian / "md5sums").write_text("".join(sums), encoding="utf-8")
    normalise_modes(debian)
    deb = DIST / f"{package}_{deb_version}_{arch}.deb"
    deb.unlink(missing_ok=True)
    run(["dpkg-deb", "--root-owner-group", "--build", stage, deb], stdout=subprocess.DEVNULL)
    return deb


SAMPLE_SCAN = """
import sys
from pathlib import Path
from tests.notices import scan_files
folder = Path(sys.argv[1])
printed, _texts = scan_files.text_pages(scan_files.text_notice(), folder)
scan_files.rendered(printed, 150, [1])[0].save(folder / "扫描件.png")
"""


def check_frozen(bundle: Path, component: Path, python: Path) -> None:
    """The frozen planner reads a scan with the component beside it, and says how to add it without."""
    from deb_check import clean_env

    with tempfile.TemporaryDirectory(prefix="ocr-check-") as temporary:
        folder = Path(temporary)
        run([python, "-c", SAMPLE_SCAN, folder], cwd=ROOT)
        program = folder / "program"
        shutil.copytree(bundle, program, symlinks=True)
        executable = program / bundle.name
        env = clean_env(folder / "home")
        command = [executable, "import", folder / "扫描件.png", "--dry-run", "--json"]
        without = subprocess.run([str(part) for part in command], env=env, capture_output=True, text=True, timeout=300)
        if without.returncode == 0 or "选择组件" not in without.stdout + without.stderr:
            sys.exit(f"without the component the scan was not refused with the way to add it:\n"
                     f"{without.stdout}{without.stderr}")
        shutil.copytree(component, program / "ocr")
        read = subprocess.run([str(part) for part in command], env=env, capture_output=True, text=True, timeout=300)
        if read.returncode != 0:
            sys.exit(f"the frozen planner could not read the scan with the component:\n{read.stdout}{read.stderr}")
        tasks = json.loads(read.stdout)["tasks"]
        print(f"frozen planner with the component: {len(tasks)} tasks from one scanned page "
              f"({', '.join(task['name'] for task in tasks[:3])}, …); without it: refused, saying how to add it")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--windows", action="store_true", help="the component for the Windows setup (win_amd64)")
    parser.add_argument("--check", action="store_true", help="run the frozen planner with and without it")
    args = parser.parse_args(argv)
    meta = project()
    name, version = meta["name"], meta["version"]
    dev.ensure_environment()
    python = dev.venv_python()
    component = build_component(python, args.windows)
    print(f"OCR component:      {component.relative_to(ROOT)}  {tree_size(component) / 1e6:6.1f} MB")
    if not args.windows and sys.platform.startswith("linux") and shutil.which("dpkg-deb"):
        deb = build_deb(component, name, version)
        print(f"OCR .deb:           {deb.relative_to(ROOT)}  {deb.stat().st_size / 1e6:6.1f} MB")
    bundle = DIST / name
    if bundle.is_dir():
        core = tree_size(bundle)
        print(f"core bundle:        {core / 1e6:6.1f} MB; with OCR: {(core + tree_size(component)) / 1e6:6.1f} MB")
        if args.check and not args.windows:
            check_frozen(bundle, component, python)
    elif args.check:
        sys.exit(f"--check needs the bundle in {bundle}: run python3 installer/build_linux.py first")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
