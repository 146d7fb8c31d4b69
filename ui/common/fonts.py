"""The application font: a system Chinese font when there is one, the bundled one always behind it.

The bundled WenQuanYi Micro Hei stays in the fallback list even when a system
font is chosen, so a character the system font lacks still renders, and a machine
with no Chinese font at all shows Chinese rather than empty boxes.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from planner.system.resources import BUNDLED_FONT_FAMILY, bundled_font_path

# Best first: the usual Chinese UI fonts of Windows, then those of domestic and
# other Linux desktops. Each covers Latin text as well, so it can lead the list.
PREFERRED_SYSTEM_FAMILIES = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "SimSun",
)


def register_bundled_font() -> bool:
    path = bundled_font_path()
    if QFontDatabase.addApplicationFont(str(path)) < 0:
        print(f"warning: the bundled font could not be loaded: {path}", file=sys.stderr)
        return False
    return True


def choose_families(available: Iterable[str], default_families: Iterable[str]) -> list[str]:
    """The family list for the application font: system Chinese font, bundled font, then the old default."""
    installed = {name.casefold() for name in available}
    chosen = [name for name in PREFERRED_SYSTEM_FAMILIES if name.casefold() in installed][:1]
    for name in (BUNDLED_FONT_FAMILY, *default_families):
        if name not in chosen:
            chosen.append(name)
    return chosen


def install_application_font(app: QGuiApplication) -> list[str]:
    """Register the bundled font and make the application font prefer Chinese-capable families."""
    system_families = QFontDatabase.families()
    register_bundled_font()
    font = QFont(app.font())
    families = choose_families(system_families, font.families())
    font.setFamilies(families)
    app.setFont(font)
    return families
