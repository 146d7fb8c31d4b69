"""The program's name and version, from the installed metadata or pyproject.toml."""

from __future__ import annotations

import sys
import tomllib
from importlib import metadata
from pathlib import Path

DISTRIBUTION = "annual-target-planner"
APP_NAME = "AnnualTargetPlanner"
APP_TITLE_ZH = "年度目标任务管理"


def app_version() -> str:
    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    if pyproject.exists() and not getattr(sys, "frozen", False):
        return tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "0+unknown"
