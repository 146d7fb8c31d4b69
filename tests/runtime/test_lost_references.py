"""PySide6 6.12 loses references to None, True and False on Python 3.11; the guard must cover each."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ui.singleton_guard import GUARDED, needs_guard

SCRIPT = Path(__file__).with_name("lost_references.py")
SINGLETONS = ("None", "True", "False")


def run_script(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, env=env,
                          timeout=300)


@pytest.mark.parametrize("singleton", SINGLETONS)
def test_without_the_guard_the_lost_references_abort_python_3_11(singleton: str):
    result = run_script("exhaust", singleton)
    if needs_guard():
        assert result.returncode == -6 or result.returncode == 134, result.stdout + result.stderr
        assert ("none_dealloc" if singleton == "None" else "bool_dealloc") in result.stderr
    else:
        assert result.returncode == 0 and result.stdout.strip() == "survived", result.stderr


@pytest.mark.parametrize("singleton", SINGLETONS)
def test_with_the_guard_the_same_calls_survive(singleton: str):
    result = run_script("exhaust", singleton, "--guard")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "survived"


def test_the_guard_covers_every_singleton_a_qt_call_loses():
    result = run_script("measure", "--guard")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    half = report["calls_per_probe"] // 2
    lost = {name for moved in report["moved"].values() for name, delta in moved.items() if delta <= -half}
    guarded = {repr(obj) for obj in GUARDED}
    assert lost <= guarded, f"Qt calls lose references to {sorted(lost - guarded)}, which the guard leaves mortal"
    if needs_guard():
        assert lost == guarded, "a guarded singleton no longer loses references: the reproduction has gone stale"
