"""The planner core must work with Qt unavailable (it is shared with the command line)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BLOCK_QT = """
import importlib, pkgutil, sys

class BlockQt:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6', 'PyQt5', 'PyQt6'):
            raise ImportError('Qt is blocked: ' + name)
        return None

sys.meta_path.insert(0, BlockQt())
import planner
count = 0
for module in pkgutil.walk_packages(planner.__path__, 'planner.'):
    importlib.import_module(module.name)
    count += 1
print(count)
"""


def test_every_planner_module_imports_with_qt_blocked():
    result = subprocess.run([sys.executable, "-c", BLOCK_QT], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) >= 10
