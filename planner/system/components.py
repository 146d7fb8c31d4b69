"""Optional components the installers put beside the program, each in a folder of its own.

The core bundle leaves out what only some offices need (the OCR of scans, the shared server's client); the
Windows setup's components and the extra .deb packages install each as a folder next to the executable,
holding the packages pip put there. The frozen program imports them from that folder; from source they
are ordinary installed packages and the folder is not looked at.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path


def component_dir(folder: str) -> Path:
    """Where the installers put the component `folder`: beside the program (Windows setup, .deb)."""
    return Path(sys.executable).resolve().parent / folder


def use_component(folder: str) -> None:
    """Let the frozen program import the component's packages from its folder, when it is installed."""
    found = component_dir(folder)
    if getattr(sys, "frozen", False) and found.is_dir() and str(found) not in sys.path:
        sys.path.insert(0, str(found))


def component_installed(folder: str, module: str) -> bool:
    """Whether `module`, which the component `folder` carries, can be imported here (nothing is imported)."""
    use_component(folder)
    return importlib.util.find_spec(module) is not None
