"""Set up the project's virtual environment on demand, then run the planner or its tests.

    python3 dev.py run  [planner arguments...]   open the planner (default database)
    python3 dev.py test [pytest arguments...]    run the whole test suite
    python3 dev.py bench NAME                    run tests/bench/NAME.py

Only the standard library is used here, because this script runs before the
virtual environment exists. Set-up is skipped when `pyproject.toml` and the
translation sources have not changed since the last run.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / "planner-setup.sha256"
TRANSLATIONS = ROOT / "resources" / "translations"
MIN_PYTHON = (3, 11)


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def venv_tool(name: str) -> Path:
    folder = VENV / ("Scripts" if os.name == "nt" else "bin")
    return folder / (name + (".exe" if os.name == "nt" else ""))


def setup_fingerprint() -> str:
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes())
    for ts in sorted(TRANSLATIONS.glob("*.ts")):
        digest.update(ts.name.encode())
        digest.update(ts.read_bytes())
    return digest.hexdigest()


def ensure_environment() -> None:
    if sys.version_info < MIN_PYTHON:
        sys.exit(f"Python {'.'.join(map(str, MIN_PYTHON))} or newer is needed; this is {sys.version.split()[0]}.")
    fingerprint = setup_fingerprint()
    if venv_python().exists() and STAMP.exists() and STAMP.read_text() == fingerprint:
        return
    if not venv_python().exists():
        print("Creating the virtual environment in .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("Installing dependencies (first run only) ...", flush=True)
    pip = [str(venv_python()), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run(pip + ["-e", ".[test]"], cwd=ROOT, check=True)
    compile_translations()
    STAMP.write_text(fingerprint)


def compile_translations() -> None:
    lrelease = venv_tool("pyside6-lrelease")
    for ts in sorted(TRANSLATIONS.glob("*.ts")):
        subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)


def run(args: list[str]) -> int:
    return subprocess.call([str(venv_python()), str(ROOT / "main.py"), *args], cwd=ROOT)


def test(args: list[str]) -> int:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
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
    return commands[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
