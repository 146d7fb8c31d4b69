"""Build the optional components: the folders the Windows setup offers, and a .deb of each on Linux.

    python3 installer/build_components.py [ocr] [server] [--windows] [--check]

The core bundle (installer/planner.spec) leaves out what only some offices need. Each optional
component is a pyproject extra that pip installs into a folder of its own, which the installers
put beside the program, where the frozen planner looks for it (`planner.system.components`):

- ocr: reading scanned notices (`planner.notices.ocr`): tesserocr, whose wheels carry Tesseract
  and Leptonica, and the Chinese model `resources/ocr/tessdata/chi_sim.traineddata`;
- server: a shared PostgreSQL database (`planner.store.server`): psycopg with its libpq, and
  keyring (with SecretStorage and cryptography on Linux) for the account's password.

1. dist/<name>-component/<name>/: the extra's packages and what they require, at the versions
   .venv has (`--windows`: the win_amd64 wheels for the Python of .venv, for the Windows setup's
   optional components, see installer/windows/planner.iss).
2. On Linux, dist/annual-target-planner-<name>_<version>_<arch>.deb: the folder in
   /opt/annual-target-planner/<name>, depending on the planner's .deb of the same version.
3. `--check`, after installer/build_linux.py has built the bundle: the frozen planner is run
   with and without each component (installer/component_checks.py).
4. Prints the sizes of each component, the bundle and the bundle with each.

Without names, both components are built. Standard library only, like dev.py.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import string
import subprocess
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from build_common import ROOT, run, tree_size

sys.path.insert(0, str(ROOT))

import dev

DIST = ROOT / "dist"
BUILD = ROOT / "build"
MODEL = ROOT / "resources" / "ocr"


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def add_ocr_model(folder: Path) -> None:
    shutil.copytree(MODEL / "tessdata", folder / "tessdata")
    shutil.copy2(MODEL / "LICENSE-tessdata.txt", folder / "tessdata" / "LICENSE-tessdata.txt")


@dataclass(frozen=True)
class Component:
    name: str  # the extra in pyproject.toml, the folder beside the program and the .deb's suffix
    summary: str  # the .deb's one-line description
    description: str  # the .deb's long description, its lines indented by one space
    add_files: Callable[[Path], None] | None = None

    @property
    def folder(self) -> Path:
        return DIST / f"{self.name}-component" / self.name


COMPONENTS = {
    "ocr": Component(
        "ocr", "reading scanned notices (OCR)",
        " The optional text recognition of Annual Target Planner: Tesseract (through\n"
        " tesserocr) and its simplified Chinese model, so that image-only PDFs and\n"
        " photos of a notice can be imported. Installed into /opt/${MAIN}/ocr.\n"
        " .\n"
        " 年度目标任务管理的“扫描件文字识别（OCR）”组件：导入扫描件和照片形式的通知。\n",
        add_ocr_model),
    "server": Component(
        "server", "connecting to a shared PostgreSQL database",
        " The optional client for a shared planner database on a PostgreSQL server:\n"
        " psycopg with its libpq, and keyring to keep the account's password in the\n"
        " system's credential store. Installed into /opt/${MAIN}/server.\n"
        " .\n"
        " 年度目标任务管理的“共享数据库连接（PostgreSQL）”组件：多个单位同时使用服务器上的同一个数据库。\n"),
}


def constraints(python: Path) -> Path:
    """.venv's versions as pip constraints, so that a component holds what the tests ran against."""
    frozen = subprocess.run([python, "-m", "pip", "freeze", "--disable-pip-version-check"],
                            capture_output=True, text=True, check=True).stdout
    path = BUILD / "components-constraints.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(line + "\n" for line in frozen.splitlines() if "==" in line), encoding="utf-8")
    return path


def build_component(component: Component, python: Path, windows: bool) -> Path:
    folder = component.folder
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    requirements = project()["optional-dependencies"][component.name]
    command = [python, "-m", "pip", "install", "--disable-pip-version-check", "-q", "--target", folder,
               "--constraint", constraints(python), *requirements]
    if windows:
        version = subprocess.run([python, "-c", "import sys; print(f'{sys.version_info[0]}.{sys.version_info[1]}')"],
                                 capture_output=True, text=True, check=True).stdout.strip()
        command += ["--platform", "win_amd64", "--python-version", version, "--only-binary=:all:"]
    run(command)
    for cache in folder.rglob("__pycache__"):
        shutil.rmtree(cache)
    shutil.rmtree(folder / "bin", ignore_errors=True)  # console scripts: the planner never runs them
    if component.add_files is not None:
        component.add_files(folder)
    return folder


CONTROL = """Package: ${PACKAGE}
Version: ${VERSION}
Architecture: ${ARCH}
Maintainer: Annual Target Planner maintainers <maintainers@annual-target-planner.invalid>
Installed-Size: ${INSTALLED_SIZE}
Depends: ${MAIN} (= ${VERSION})
Section: misc
Priority: optional
Description: Annual Target Planner: ${SUMMARY}
"""


def build_deb(component: Component, name: str, version: str) -> Path:
    sys.path.insert(0, str(ROOT / "installer"))
    from build_linux import debian_version, normalise_modes

    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True, check=True).stdout.strip()
    package, deb_version = f"{name}-{component.name}", debian_version(version)
    stage = BUILD / "deb" / f"{package}_{deb_version}_{arch}"
    if stage.exists():
        shutil.rmtree(stage)
    shutil.copytree(component.folder, stage / "opt" / name / component.name)
    normalise_modes(stage)
    debian = stage / "DEBIAN"
    debian.mkdir(mode=0o755)
    fields = {"PACKAGE": package, "VERSION": deb_version, "ARCH": arch, "MAIN": name, "SUMMARY": component.summary,
              "INSTALLED_SIZE": str((tree_size(stage) + 1023) // 1024)}
    control = string.Template(CONTROL + component.description).substitute(fields)
    (debian / "control").write_text(control, encoding="utf-8")
    sums = [f"{hashlib.md5(path.read_bytes()).hexdigest()}  {path.relative_to(stage).as_posix()}\n"
            for path in sorted(stage.rglob("*")) if path.is_file() and debian not in path.parents]
    (debian / "md5sums").write_text("".join(sums), encoding="utf-8")
    normalise_modes(debian)
    deb = DIST / f"{package}_{deb_version}_{arch}.deb"
    deb.unlink(missing_ok=True)
    run(["dpkg-deb", "--root-owner-group", "--build", stage, deb], stdout=subprocess.DEVNULL)
    return deb


def megabytes(count: int) -> str:
    return f"{count / 1e6:6.1f} MB"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", metavar="NAME",
                        help=f"the components to build: {', '.join(COMPONENTS)} (default: all)")
    parser.add_argument("--windows", action="store_true", help="the components for the Windows setup (win_amd64)")
    parser.add_argument("--check", action="store_true", help="run the frozen planner with and without each")
    args = parser.parse_args(argv)
    unknown = [key for key in args.names if key not in COMPONENTS]
    if unknown:
        parser.error(f"no component {', '.join(unknown)}: choose from {', '.join(COMPONENTS)}")
    meta = project()
    name, version = meta["name"], meta["version"]
    dev.ensure_environment()
    python = dev.venv_python()
    bundle = DIST / name
    if args.check and (args.windows or not bundle.is_dir()):
        sys.exit(f"--check runs the Linux bundle in {bundle}: run python3 installer/build_linux.py first")
    core = tree_size(bundle) if bundle.is_dir() else None
    if core is not None:
        print(f"core bundle:          {megabytes(core)}  {bundle.relative_to(ROOT)}")
    for component in (COMPONENTS[key] for key in (args.names or COMPONENTS)):
        folder = build_component(component, python, args.windows)
        size = tree_size(folder)
        print(f"{component.name} component:{' ' * (10 - len(component.name))}{megabytes(size)}  "
              f"{folder.relative_to(ROOT)}")
        if not args.windows and sys.platform.startswith("linux") and shutil.which("dpkg-deb"):
            deb = build_deb(component, name, version)
            print(f"{component.name} .deb:{' ' * (15 - len(component.name))}{megabytes(deb.stat().st_size)}  "
                  f"{deb.relative_to(ROOT)}")
        if core is not None:
            print(f"bundle with {component.name}:{' ' * (9 - len(component.name))}{megabytes(core + size)}")
        if args.check:
            from component_checks import CHECKS

            CHECKS[component.name](bundle, folder, python)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
