"""Fixtures of the report tests: the free Song and Kai faces, and a generated plan of 2,000 tasks with returns."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.documents.fonts import fetched_font_dir, system_font_dirs

from .big_plan import build_generated

FREE_FONTS = ("gbsn00lp.ttf", "gkai00mp.ttf")


@pytest.fixture(scope="session")
def free_font_dirs() -> list[Path]:
    """The folders holding AR PL SungtiL GB and AR PL KaitiM GB: the system's (installed with the .deb's
    dependencies), else the copy `dev.py` fetches into resources/fonts/fetched, fetched now if need be."""
    for folder in system_font_dirs():
        found = [next(folder.rglob(name), None) for name in FREE_FONTS] if folder.is_dir() else []
        if found and all(found):
            return [path.parent for path in found if path is not None]
    import dev

    missing = dev.fetch_report_fonts()
    if missing or not all((fetched_font_dir() / name).exists() for name in FREE_FONTS):
        pytest.fail(f"the free report fonts are missing ({', '.join(missing) or ', '.join(FREE_FONTS)}): "
                    "run `python3 dev.py test`, or install fonts-arphic-gbsn00lp and fonts-arphic-gkai00mp")
    return [fetched_font_dir()]


@pytest.fixture(scope="session")
def generated_db(tmp_path_factory) -> tuple[Path, int]:
    """A database with one plan of 2,000 tasks in 8 sections and a quarter of returns (read only)."""
    return build_generated(tmp_path_factory.mktemp("generated") / "generated.sqlite3")
