"""Where the program's read-only resources are, from source or from a frozen bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


BUNDLED_FONT_FILE = "wqy-microhei.ttc"
BUNDLED_FONT_FAMILY = "WenQuanYi Micro Hei"


def bundled_font_path() -> Path:
    return resource_path("fonts", BUNDLED_FONT_FILE)
