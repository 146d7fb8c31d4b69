"""Thousands of Qt calls must not exhaust None's reference count (PySide6 6.12 on Python 3.11)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

MANY_VOID_CALLS = """
import sys
sys.path.insert(0, sys.argv[1])
import ui
from PySide6.QtCore import QObject
item = QObject()
for _ in range(200_000):
    item.setObjectName("x")
print("survived")
"""


def test_a_long_session_of_qt_calls_survives_to_a_clean_exit():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", MANY_VOID_CALLS, str(ROOT)], capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "survived"
