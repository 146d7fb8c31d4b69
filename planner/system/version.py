"""The program's name and version, from pyproject.toml in a source tree or the installed metadata."""

from __future__ import annotations

import platform
import sys
from pathlib import Path

DISTRIBUTION = "annual-target-planner"
APP_NAME = "AnnualTargetPlanner"
APP_TITLE_ZH = "年度目标任务管理"
APP_TITLE_EN = "Annual Target Planner"


def app_version() -> str:
    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    if pyproject.exists() and not getattr(sys, "frozen", False):
        import tomllib

        return tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
    from importlib import metadata  # a bundle carries the metadata, not pyproject.toml

    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "0+unknown"


def python_version() -> str:
    return f"{platform.python_implementation()} {platform.python_version()}"


def version_line() -> str:
    """What `--version` prints: the product, its version and the Python that runs it."""
    return f"{APP_TITLE_ZH} ({APP_TITLE_EN}) {app_version()} — {python_version()}"
