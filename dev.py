"""Set up the project's virtual environment on demand, then run the planner or its tests.

    python3 dev.py run  [planner arguments...]   open the planner (default database)
    python3 dev.py test [pytest arguments...]    run the whole test suite (without arguments: the
                                                 linters first, and no tests when one of them fails)
    python3 dev.py bench NAME                    run tests/bench/NAME.py

`.venv` is built with the newest Python 3.12 or 3.13 found (`python3.13`,
`python3.12`, pyenv's versions, `py -3.13`/`-3.12` on Windows), else with the
Python running this script (3.11 is supported with a guard, see README). `test`
also prepares `.venv-3.11` when the main environment is newer, so that the soak
test runs on both. Only the standard library is used here, because this script
runs before any environment exists. Set-up is skipped when `pyproject.toml`, the
translation sources and the interpreter have not changed since the last run.
"""

from __future__ import annotations

import glob
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

from installer.machine_setup import ensure_postgresql_server, fetch_report_fonts

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
TRANSLATIONS = ROOT / "resources" / "translations"
MIN_PYTHON = (3, 11)
PREFERRED_MINORS = (13, 12)  # newest first; 3.12+ keeps None, True and False immortal
FALLBACK = (3, 11)
STAMP_NAME = "planner-setup.sha256"


@dataclass(frozen=True)
class Interpreter:
    executable: str
    version: tuple[int, int]

    @property
    def label(self) -> str:
        return f"{self.version[0]}.{self.version[1]}"


# --- choosing the interpreter ----------------------------------------------------------------------

PROBE = "import sys, venv, ensurepip; print(sys.executable); print(sys.version_info[0], sys.version_info[1])"


def probe(command: list[str]) -> Interpreter | None:
    """The interpreter `command` starts, if it runs and can make a virtual environment with pip."""
    try:
        result = subprocess.run([*command, "-c", PROBE], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    lines = result.stdout.split()
    if result.returncode != 0 or len(lines) != 3:
        return None  # e.g. a pyenv shim for a version that is not enabled, or Debian's python3.x without venv
    return Interpreter(lines[0], (int(lines[1]), int(lines[2])))


def candidate_commands(minor: int) -> list[list[str]]:
    commands: list[list[str]] = []
    if os.name == "nt":
        commands.append(["py", f"-3.{minor}"])
    commands.append([f"python3.{minor}"])
    pyenv_root = os.environ.get("PYENV_ROOT") or str(Path.home() / ".pyenv")
    pattern = os.path.join(pyenv_root, "versions", f"3.{minor}.*", "bin", f"python3.{minor}")
    commands += [[path] for path in sorted(glob.glob(pattern), reverse=True)]
    return commands


def find_interpreter(minor: int) -> Interpreter | None:
    for command in candidate_commands(minor):
        found = probe(command)
        if found is not None and found.version == (3, minor):
            return found
    return None


def running_interpreter() -> Interpreter:
    return Interpreter(sys.executable, (sys.version_info[0], sys.version_info[1]))


def chosen_interpreter() -> Interpreter:
    """PLANNER_PYTHON if set, else the newest 3.12+ found, else the Python running this script."""
    forced = os.environ.get("PLANNER_PYTHON")
    if forced:
        found = probe([forced])
        if found is None:
            sys.exit(f"PLANNER_PYTHON={forced} does not run, or lacks the venv and ensurepip modules.")
        return found
    for minor in PREFERRED_MINORS:
        found = find_interpreter(minor)
        if found is not None:
            return found
    return running_interpreter()


def fallback_interpreter() -> Interpreter | None:
    if sys.version_info[:2] == FALLBACK:
        return running_interpreter()
    return find_interpreter(FALLBACK[1])


# --- environments ----------------------------------------------------------------------------------

def venv_python(venv: Path = VENV) -> Path:
    if os.name == "nt":
        return venv / "Scripts" / "python.exe"
    return venv / "bin" / "python"


def venv_tool(name: str, venv: Path = VENV) -> Path:
    folder = venv / ("Scripts" if os.name == "nt" else "bin")
    return folder / (name + (".exe" if os.name == "nt" else ""))


def setup_fingerprint(interpreter: Interpreter) -> str:
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes())
    digest.update(interpreter.label.encode())
    for ts in sorted(TRANSLATIONS.glob("*.ts")):
        digest.update(ts.name.encode())
        digest.update(ts.read_bytes())
    return digest.hexdigest()


def requirements() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project.get("optional-dependencies", {})
    # The ocr extra too: the tests read scans, and a source checkout reads them as well.
    return [*project["dependencies"], *extras.get("server", []), *extras.get("test", []), *extras.get("dev", []),
            *extras.get("ocr", [])]


def site_packages(python: Path) -> Path:
    out = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                         capture_output=True, text=True, check=True)
    return Path(out.stdout.strip())


def ensure_environment(venv: Path = VENV, interpreter: Interpreter | None = None) -> Interpreter:
    """Build `venv` with `interpreter` (default: the chosen one) unless it is already up to date."""
    if sys.version_info < MIN_PYTHON:
        sys.exit(f"Python {'.'.join(map(str, MIN_PYTHON))} or newer is needed; this is {sys.version.split()[0]}.")
    interpreter = interpreter or chosen_interpreter()
    stamp = venv / STAMP_NAME
    fingerprint = setup_fingerprint(interpreter)
    if venv_python(venv).exists() and stamp.exists() and stamp.read_text() == fingerprint:
        return interpreter
    if venv_python(venv).exists():
        current = probe([str(venv_python(venv))])
        if current is None or current.version != interpreter.version:
            print(f"Rebuilding {venv.name} for Python {interpreter.label} ...", flush=True)
            shutil.rmtree(venv)
    if not venv_python(venv).exists():
        print(f"Creating {venv.name} with Python {interpreter.label} ({interpreter.executable}) ...", flush=True)
        subprocess.run([interpreter.executable, "-m", "venv", str(venv)], check=True)
    print(f"Installing dependencies into {venv.name} (first run only) ...", flush=True)
    pip = [str(venv_python(venv)), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run(pip + requirements(), cwd=ROOT, check=True)
    # The source tree itself is put on the path by a plain .pth line: no import hook to pay at each start.
    (site_packages(venv_python(venv)) / "annual_target_planner_source.pth").write_text(str(ROOT) + "\n")
    compile_translations(venv)
    stamp.write_text(fingerprint)
    return interpreter


def compile_translations(venv: Path = VENV) -> None:
    lrelease = venv_tool("pyside6-lrelease", venv)
    for ts in sorted(TRANSLATIONS.glob("*.ts")):
        subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)


def fallback_environment(main: Interpreter) -> Path | None:
    """`.venv-3.11` beside a newer `.venv`, for the soak test on the oldest supported Python."""
    if main.version == FALLBACK:
        return None
    interpreter = fallback_interpreter()
    if interpreter is None:
        print(f"Python {FALLBACK[0]}.{FALLBACK[1]} not found: the soak test runs on {main.label} only.",
              file=sys.stderr)
        return None
    venv = ROOT / f".venv-{interpreter.label}"
    ensure_environment(venv, interpreter)
    return venv


# --- Qt's xcb platform plugin ------------------------------------------------------------------------

# Debian names a library's package after its soname (libfoo.so.N -> libfooN, libfoo2.so.N -> libfoo2-N);
# these are the ones Qt's xcb plugin needs that do not follow that rule.
DEBIAN_PACKAGE_EXCEPTIONS = {
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libGLX.so.0": "libglx0",
    "libOpenGL.so.0": "libopengl0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
}


def debian_package(soname: str) -> str:
    if soname in DEBIAN_PACKAGE_EXCEPTIONS:
        return DEBIAN_PACKAGE_EXCEPTIONS[soname]
    match = re.fullmatch(r"(lib.+?)\.so\.(\d+)", soname)
    if match is None:
        return soname
    name, version = match[1].lower(), match[2]
    return f"{name}-{version}" if name[-1].isdigit() else f"{name}{version}"


def missing_libraries(ldd_output: str) -> list[str]:
    """The sonames `ldd` could not find, each once, in the order listed."""
    missing: list[str] = []
    for line in ldd_output.splitlines():
        match = re.match(r"\s*(\S+)\s+=>\s+not found", line)
        if match and match[1] not in missing:
            missing.append(match[1])
    return missing


def xcb_plugin(python: Path) -> Path | None:
    out = subprocess.run([str(python), "-c", "import PySide6, os; print(os.path.dirname(PySide6.__file__))"],
                         capture_output=True, text=True)
    if out.returncode != 0:
        return None
    plugin = Path(out.stdout.strip()) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return plugin if plugin.exists() else None


def xcb_problem(python: Path) -> str | None:
    """A one-line fix when Qt's xcb plugin cannot load for want of system libraries, else None."""
    plugin = xcb_plugin(python)
    if plugin is None or shutil.which("ldd") is None:
        return None
    result = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True)
    missing = missing_libraries(result.stdout)
    if not missing:
        return None
    packages = " ".join(dict.fromkeys(debian_package(soname) for soname in missing))
    return (f"Qt cannot open a window: the system lacks {', '.join(missing)}. "
            f"Install them with: sudo apt-get install {packages}")


def needs_xcb() -> bool:
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform:
        return platform.startswith("xcb")
    return sys.platform.startswith("linux") and not os.environ.get("WAYLAND_DISPLAY")


# --- commands ------------------------------------------------------------------------------------

WINDOW_OPTIONS_WITH_VALUE = ("--db", "--lang")


def opens_window(args: list[str]) -> bool:
    """Whether `main.py args` opens the window (no verb, no --version or --help)."""
    expect_value = False
    for arg in args:
        if expect_value:
            expect_value = False
        elif arg in WINDOW_OPTIONS_WITH_VALUE:
            expect_value = True
        elif arg in ("--version", "-h", "--help") or not arg.startswith("-"):
            return False
    return True


def run(args: list[str]) -> int:
    if needs_xcb() and opens_window(args):
        problem = xcb_problem(venv_python())
        if problem:
            print(problem, file=sys.stderr)
            return 1
    return subprocess.call([str(venv_python()), str(ROOT / "main.py"), *args], cwd=ROOT)


def lint_commands() -> list[tuple[str, list[str]]]:
    """The checks `test` runs before the tests, by name: lint, the import-layer contracts, types."""
    return [
        ("ruff", [str(venv_tool("ruff")), "check", "."]),
        ("import-linter", [str(venv_tool("lint-imports"))]),
        ("mypy", [str(venv_tool("mypy")), "planner", "ui", "main.py"]),
    ]


def lint() -> list[str]:
    """Run every check, each to its end; the names of those that failed."""
    failed = []
    for name, command in lint_commands():
        print(f"--- {name}", flush=True)
        if subprocess.call(command, cwd=ROOT) != 0:
            failed.append(name)
    return failed


def test(args: list[str]) -> int:
    if not args:
        failed = lint()
        if failed:
            print(f"Failed: {', '.join(failed)}. The tests were not run.", file=sys.stderr)
            return 1
    ensure_postgresql_server()  # when it stays missing, the server tests fail saying so, never skip
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    soak_pythons = [str(venv_python())]
    fallback = fallback_environment(chosen_interpreter())
    if fallback is not None:
        soak_pythons.append(str(venv_python(fallback)))
    env["PLANNER_SOAK_PYTHONS"] = os.pathsep.join(soak_pythons)
    code = subprocess.call([str(venv_python()), "-m", "pytest", *args], cwd=ROOT, env=env)
    if code == 5:
        print("pytest collected no tests: treating this as a failure.", file=sys.stderr)
        return 1
    return code


def bench(args: list[str]) -> int:
    if not args:
        names = sorted(p.stem for p in (ROOT / "tests" / "bench").glob("*.py") if not p.stem.startswith("_"))
        print("Benchmarks:", ", ".join(names))
        return 2
    script = ROOT / "tests" / "bench" / (args[0].removesuffix(".py") + ".py")
    return subprocess.call([str(venv_python()), str(script), *args[1:]], cwd=ROOT)


def main(argv: list[str]) -> int:
    commands = {"run": run, "test": test, "bench": bench}
    if not argv or argv[0] not in commands:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    ensure_environment()
    missing = fetch_report_fonts()
    if missing:
        print(f"The report fonts could not be fetched ({', '.join(missing)}): reports use the bundled font for "
              f"every role, and the tests that check the Song and Kai faces fail. Install them with: "
              f"sudo apt-get install {' '.join(missing)}", file=sys.stderr)
    return commands[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
