"""Chinese must render on a machine with no Chinese font: the bundled font is always in the fallback list."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QFontMetrics, QRawFont

from planner.app.demo import demo_plans
from planner.system.resources import BUNDLED_FONT_FAMILY
from ui.common.fonts import choose_families

ROOT = Path(__file__).resolve().parents[2]


def demo_characters() -> set[str]:
    """Every character of the demo plans' titles, sections, tasks, offices and targets."""
    texts: list[str] = []
    for plan in demo_plans():
        texts += [plan.title, plan.appendix_title, *(s.title for s in plan.sections)]
        for task in plan.tasks:
            texts += [task.seq, task.name, task.content, task.indicator, task.baseline, task.note,
                      *task.lead, *task.co, *(t.text for t in task.targets), *(t.office or "" for t in task.targets)]
    return {c for c in "".join(texts) if not c.isspace()}


def test_a_system_chinese_font_leads_and_the_bundled_font_stays_behind_it():
    assert choose_families(["Arial", "Microsoft YaHei", "SimSun"], ["Segoe UI"]) == \
        ["Microsoft YaHei", BUNDLED_FONT_FAMILY, "Segoe UI"]
    assert choose_families(["DejaVu Sans"], ["DejaVu Sans"]) == [BUNDLED_FONT_FAMILY, "DejaVu Sans"]


def test_the_table_font_falls_back_to_the_bundled_font(main_window):
    assert BUNDLED_FONT_FAMILY in main_window.task_table.font().families()


def test_the_table_font_and_the_bundled_font_cover_every_demo_character(main_window):
    missing_in_table = [c for c in demo_characters()
                        if not QFontMetrics(main_window.task_table.font()).inFontUcs4(ord(c))]
    bundled = QRawFont.fromFont(QFont(BUNDLED_FONT_FAMILY))
    assert bundled.isValid() and bundled.familyName() == BUNDLED_FONT_FAMILY
    missing_in_bundled = [c for c in demo_characters() if not bundled.supportsCharacter(ord(c))]
    assert missing_in_table == [] and missing_in_bundled == []


COVERAGE_SCRIPT = """
import json, sys
sys.path.insert(0, sys.argv[1])
import ui
from PySide6.QtGui import QFontDatabase, QFontInfo, QFontMetrics
from PySide6.QtWidgets import QApplication, QTableView
app = QApplication([])
system_families = QFontDatabase.families()
from ui.common.fonts import install_application_font
install_application_font(app)
table = QTableView()
metrics = QFontMetrics(table.font())
text = sys.stdin.read()
print(json.dumps({"system": system_families, "family": QFontInfo(table.font()).family(),
                  "missing": sorted({c for c in text if not metrics.inFontUcs4(ord(c))})}))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="hides the system fonts through fontconfig")
def test_chinese_renders_with_no_system_font_at_all(tmp_path: Path):
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    config = tmp_path / "fonts.conf"
    config.write_text(f'<?xml version="1.0"?><fontconfig><dir>{empty}</dir>'
                      f'<cachedir>{tmp_path / "cache"}</cachedir></fontconfig>', encoding="utf-8")
    env = {"FONTCONFIG_FILE": str(config), "QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-c", COVERAGE_SCRIPT, str(ROOT)], input="".join(demo_characters()),
                            capture_output=True, text=True, env=env, timeout=60, check=True)
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert BUNDLED_FONT_FAMILY not in found["system"]
    assert found["family"] == BUNDLED_FONT_FAMILY
    assert found["missing"] == []
