"""dev.py: the interpreter it chooses, and its check that Qt can open a window on Linux."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
import dev  # noqa: E402

LDD_WITHOUT_TWO = """\
\tlinux-vdso.so.1 (0x00007ffd)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f)
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-icccm.so.4 => not found
"""


def test_missing_libraries_are_read_from_ldd_once_each():
    assert dev.missing_libraries(LDD_WITHOUT_TWO) == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    assert dev.missing_libraries("\tlibc.so.6 => /lib/libc.so.6 (0x1)\n") == []


@pytest.mark.parametrize(("soname", "package"), [
    ("libxcb-icccm.so.4", "libxcb-icccm4"),
    ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
    ("libxcb-cursor.so.0", "libxcb-cursor0"),
    ("libxcb-render-util.so.0", "libxcb-render-util0"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
    ("libdbus-1.so.3", "libdbus-1-3"),
    ("libfontconfig.so.1", "libfontconfig1"),
    ("libglib-2.0.so.0", "libglib2.0-0"),
    ("libEGL.so.1", "libegl1"),
    ("libX11-xcb.so.1", "libx11-xcb1"),
])
def test_each_missing_library_is_named_by_its_debian_package(soname: str, package: str):
    assert dev.debian_package(soname) == package


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's xcb plugin exists on Linux only")
def test_the_check_agrees_with_what_qt_itself_does_on_this_machine():
    problem = dev.xcb_problem(Path(sys.executable))
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", DISPLAY=":987")  # no X server answers there
    result = subprocess.run([sys.executable, "-c", "from PySide6.QtWidgets import QApplication; QApplication([])"],
                            capture_output=True, text=True, env=env, timeout=60)
    if problem is None:
        assert "could not connect to display" in result.stderr, result.stderr
    else:
        assert 'Could not load the Qt platform plugin "xcb"' in result.stderr, result.stderr
        assert problem.count("\n") == 0 and "sudo apt-get install " in problem


def test_only_a_window_is_checked_for_the_xcb_libraries():
    assert dev.opens_window([]) and dev.opens_window(["--db", "x.sqlite3", "--lang", "en", "--smoke"])
    assert not dev.opens_window(["--version"]) and not dev.opens_window(["--db", "x", "dump"])


def test_a_python_that_does_not_run_is_passed_over(tmp_path: Path):
    broken = tmp_path / "python3.13"
    broken.write_text("#!/bin/sh\necho 'pyenv: python3.13: command not found' >&2\nexit 127\n")
    broken.chmod(0o755)
    assert dev.probe([str(broken)]) is None
    found = dev.probe([sys.executable])
    assert found is not None and found.version == sys.version_info[:2]


def test_the_environment_runs_the_newest_python_found():
    chosen = dev.chosen_interpreter()
    newest = next((found for minor in dev.PREFERRED_MINORS if (found := dev.find_interpreter(minor))), None)
    if newest is not None and not os.environ.get("PLANNER_PYTHON"):
        assert chosen.version == newest.version
        assert sys.version_info[:2] == newest.version, "the tests do not run in the environment dev.py built"


def _command(code: int) -> list[str]:
    return [sys.executable, "-c", f"raise SystemExit({code})"]


def test_a_failing_check_fails_the_test_command_before_the_tests(monkeypatch, capsys):
    monkeypatch.setattr(dev, "lint_commands", lambda: [("ruff", _command(0)), ("import-linter", _command(1)),
                                                       ("mypy", _command(2))])

    def no_tests(*args, **kwargs):
        raise AssertionError("the tests ran although a check failed")

    monkeypatch.setattr(dev, "fallback_environment", no_tests)
    assert dev.test([]) == 1
    out, err = capsys.readouterr()
    assert "--- ruff" in out and "--- mypy" in out  # every check runs, even after one failed
    assert "Failed: import-linter, mypy." in err


def test_the_checks_pass_then_the_tests_run_and_arguments_skip_the_checks(monkeypatch):
    ran: list[list[str]] = []
    monkeypatch.setattr(dev, "fallback_environment", lambda interpreter: None)
    monkeypatch.setattr(dev, "chosen_interpreter", dev.running_interpreter)
    real_call = subprocess.call

    def call(command, **kwargs):
        ran.append(list(command))
        return 0 if "pytest" in command else real_call(command, **kwargs)

    monkeypatch.setattr(dev.subprocess, "call", call)
    monkeypatch.setattr(dev, "lint_commands", lambda: [("ruff", _command(0)), ("mypy", _command(0))])
    assert dev.test([]) == 0
    assert len(ran) == 3 and "pytest" in ran[-1]
    ran.clear()
    monkeypatch.setattr(dev, "lint_commands", lambda: [("ruff", _command(1))])
    assert dev.test(["-k", "store"]) == 0
    assert len(ran) == 1 and ran[0][-2:] == ["-k", "store"]


def test_a_missing_postgresql_server_is_installed_as_root_else_named(monkeypatch, capsys):
    installed = []
    monkeypatch.delenv("PLANNER_PG_BIN", raising=False)
    monkeypatch.setattr(dev.glob, "glob", lambda pattern: ["/usr/lib/postgresql/15/bin/initdb"] if installed else [])
    monkeypatch.setattr(dev.shutil, "which", lambda name: "/usr/bin/apt-get" if name == "apt-get" else None)
    monkeypatch.setattr(dev.subprocess, "call", lambda command, **kwargs: installed.append(command) or 0)
    monkeypatch.setattr(dev.os, "geteuid", lambda: 0)
    assert dev.ensure_postgresql_server()
    assert installed[0][:2] == ["apt-get", "install"] and "postgresql" in installed[0]
    installed.clear()
    monkeypatch.setattr(dev.os, "geteuid", lambda: 1000)
    assert not dev.ensure_postgresql_server()
    assert installed == [] and "apt-get install postgresql" in capsys.readouterr().err
