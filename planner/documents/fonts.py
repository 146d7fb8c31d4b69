"""Fonts for the PDF reports: the user's choice, else the system's Chinese fonts, else the bundled one.

Official documents name four faces: 小标宋 for the title, 仿宋 for the body, 黑体 for
level-1 headings and 楷体 for level-2 ones; tables and page numbers use 宋体. Each
role takes the first usable font of its candidates. reportlab embeds TrueType
outlines only (a .ttf, or one face of a .ttc): a CFF-based font such as Noto CJK
is skipped, and one the user named explicitly is refused with the reason.

Every role keeps the bundled WenQuanYi Micro Hei behind it: a character the
chosen font lacks (SimFang covers GB2312 only) is drawn with the bundled font, so
nothing comes out as a blank or a box on a machine without Chinese fonts.

The user chooses fonts per role with `PLANNER_REPORT_FONT_<ROLE>` (TITLE, SONG,
FANGSONG, HEI, KAI) or for every role with `PLANNER_REPORT_FONT`, each a path with
an optional `#index` for one face of a collection (`C:/Windows/Fonts/simsun.ttc#0`);
the window passes the fonts chosen in the report dialog the same way.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from planner.domain.errors import InputError
from planner.system.resources import bundled_font_path, resource_path

TITLE, SONG, FANGSONG, HEI, KAI = "title", "song", "fangsong", "hei", "kai"
ROLES = (TITLE, SONG, FANGSONG, HEI, KAI)
ROLE_LABELS = {TITLE: "标题（小标宋）", SONG: "宋体", FANGSONG: "正文（仿宋）", HEI: "一级标题（黑体）",
               KAI: "二级标题（楷体）"}
ENV_ALL = "PLANNER_REPORT_FONT"
ENV_PREFIX = "PLANNER_REPORT_FONT_"

# Font file names (lower case) with the face to use, best first. Windows ships the Sim* and
# (with Office) the ST* faces; offices add 方正 and *_GB2312 fonts; Linux desktops have the
# AR PL and WenQuanYi families. The title falls back to the Song face drawn heavier.
CANDIDATES: dict[str, tuple[tuple[str, int], ...]] = {
    TITLE: (("fzxbsjw.ttf", 0), ("方正小标宋简体.ttf", 0), ("fzxiaobiaosong-b05s.ttf", 0), ("fzxbsk.ttf", 0)),
    SONG: (("simsun.ttc", 0), ("simsun.ttf", 0), ("stsong.ttf", 0), ("fzssjw.ttf", 0), ("gbsn00lp.ttf", 0)),
    FANGSONG: (("simfang.ttf", 0), ("仿宋_gb2312.ttf", 0), ("fs_gb2312.ttf", 0), ("fzfsjw.ttf", 0),
               ("stfangso.ttf", 0), ("fangsong.ttf", 0)),
    HEI: (("simhei.ttf", 0), ("fzhtjw.ttf", 0), ("stheiti.ttf", 0), ("msyh.ttc", 0), ("msyh.ttf", 0),
          ("wqy-zenhei.ttc", 0), ("wqy-microhei.ttc", 0), ("droidsansfallbackfull.ttf", 0)),
    KAI: (("simkai.ttf", 0), ("楷体_gb2312.ttf", 0), ("kt_gb2312.ttf", 0), ("fzktjw.ttf", 0), ("stkaiti.ttf", 0),
          ("gkai00mp.ttf", 0), ("ukai.ttc", 0)),
}
# Where a role has no font of its own style, the nearest style stands in before the bundled font.
STAND_INS = {TITLE: (SONG,), FANGSONG: (SONG,), SONG: (FANGSONG,), HEI: (), KAI: ()}
# Roles whose standard face is heavier than what stands in for it: drawn with a stroked outline.
HEAVY_ROLES = frozenset({TITLE})
PROBE = "中文"


@dataclass(frozen=True)
class FontSource:
    path: Path
    index: int = 0
    origin: str = "system"  # "user", "system" or "bundled"

    @property
    def spec(self) -> str:
        return f"{self.path}#{self.index}" if self.index else str(self.path)


@dataclass
class LoadedFont:
    name: str  # the name registered with reportlab
    source: FontSource
    covered: frozenset[str]  # the characters the font has glyphs for
    units: dict[int, float]  # code point → advance in thousandths of the size (the font's own table)
    ascent: float  # per point of size
    default_width: float  # per point of size
    family: str = ""  # as the font names itself: "AR PL SungtiL GB"

    def advance(self, char: str) -> float:
        """Advance per point of size."""
        return self.units.get(ord(char), self.default_width * 1000) / 1000


@dataclass
class ReportFonts:
    """The font of each role, and the bundled font that stands behind all of them."""

    roles: dict[str, LoadedFont]
    bundled: LoadedFont
    fake_bold: dict[str, bool] = field(default_factory=dict)

    def name(self, role: str) -> str:
        return self.roles[role].name

    def source(self, role: str) -> FontSource:
        return self.roles[role].source

    def font(self, role: str) -> LoadedFont:
        return self.roles[role]

    def missing(self, text: str, role: str) -> set[str]:
        """Characters of `text` that neither the role's font nor the bundled font can draw."""
        drawable = self.roles[role].covered | self.bundled.covered
        return {ch for ch in set(text) if ch not in drawable and not ch.isspace()}


_lock = threading.Lock()
_loaded: dict[tuple[str, int, int], LoadedFont] = {}


def load_font(source: FontSource) -> LoadedFont:
    """Parse and register a TrueType font once per file and face; raises InputError if reportlab cannot embed it."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    path = source.path
    try:
        # By name and size rather than by path: a system copy of the bundled font is parsed once, not twice.
        key = (path.name.lower(), source.index, path.stat().st_size)
    except OSError as exc:
        raise InputError(f"找不到字体文件：{path}") from exc
    with _lock:
        found = _loaded.get(key)
        if found is not None:
            return LoadedFont(found.name, source, found.covered, found.units, found.ascent, found.default_width,
                              found.family)
        name = f"PF{len(_loaded) + 1}-{path.stem}-{source.index}"
        try:
            font = TTFont(name, str(path), subfontIndex=source.index)
        except (TTFError, OSError, ValueError, KeyError, IndexError) as exc:
            raise InputError(f"字体文件 {source.spec} 无法用于 PDF（只能嵌入 TrueType 轮廓字体）：{exc}") from exc
        face = font.face
        covered = frozenset(chr(code) for code in face.charToGlyph if code < 0x110000)
        pdfmetrics.registerFont(font)
        family = face.familyName.decode("utf-8", "replace") if isinstance(face.familyName, bytes) else ""
        loaded = LoadedFont(name, source, covered, face.charWidths, face.ascent / 1000, face.defaultWidth / 1000,
                            family or path.stem)
        _loaded[key] = loaded
        return loaded


def parse_spec(spec: str, origin: str = "user") -> FontSource:
    """`path` or `path#index` (one face of a .ttc collection)."""
    text = spec.strip().strip('"')
    path, _, index = text.rpartition("#") if "#" in text else (text, "", "0")
    try:
        number = int(index or 0)
    except ValueError as exc:
        raise InputError(f"字体“{spec}”的字形序号应为数字，例如 simsun.ttc#0。") from exc
    return FontSource(Path(path).expanduser(), number, origin)


def system_font_dirs() -> list[Path]:
    home = Path.home()
    if sys.platform.startswith("win"):
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local"))
        return [windir / "Fonts", local / "Microsoft" / "Windows" / "Fonts"]
    if sys.platform == "darwin":
        return [Path("/Library/Fonts"), Path("/System/Library/Fonts"), home / "Library" / "Fonts"]
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".local" / "share" / "fonts",
            home / ".fonts"]


def fetched_font_dir() -> Path:
    """The free Song and Kai faces `dev.py` fetches for a source checkout (absent from the installed program,
    whose .deb depends on their packages instead)."""
    return resource_path("fonts", "fetched")


@lru_cache(maxsize=8)
def _font_files(dirs: tuple[str, ...]) -> dict[str, Path]:
    """Lower-cased file name → path of every font file under `dirs` (the first one found wins)."""
    found: dict[str, Path] = {}
    for folder in dirs:
        for root, _subdirs, files in os.walk(folder):
            for name in files:
                if name.lower().endswith((".ttf", ".ttc")):
                    found.setdefault(name.lower(), Path(root) / name)
    return found


def _usable(source: FontSource) -> LoadedFont | None:
    try:
        font = load_font(source)
    except InputError:
        return None
    return font if all(ch in font.covered for ch in PROBE) else None


def _user_choices(choice: Mapping[str, str] | None, env: Mapping[str, str]) -> dict[str, tuple[FontSource, bool]]:
    """role → (the font the user named, whether it was named for this role rather than for all)."""
    chosen: dict[str, tuple[FontSource, bool]] = {}
    every = env.get(ENV_ALL, "").strip()
    for role in ROLES:
        spec = (choice or {}).get(role, "").strip() or env.get(ENV_PREFIX + role.upper(), "").strip()
        if spec or every:
            chosen[role] = (parse_spec(spec or every), bool(spec))
    return chosen


def resolve_fonts(choice: Mapping[str, str] | None = None, *, env: Mapping[str, str] | None = None,
                  search_dirs: Iterable[Path] | None = None) -> ReportFonts:
    """The fonts of a report: `choice` (role → path), then the environment, then system fonts, then the bundled font.

    `search_dirs` replaces the system font folders (an empty list: use no system font).
    """
    env = os.environ if env is None else env
    bundled = load_font(FontSource(bundled_font_path(), 0, "bundled"))
    found_dirs = [*system_font_dirs(), fetched_font_dir()] if search_dirs is None else list(search_dirs)
    dirs = tuple(str(d) for d in found_dirs)
    files = _font_files(dirs)
    own: dict[str, LoadedFont] = {}
    styled: set[str] = set()  # roles whose font is of the role's own style: named for it, or found for it
    for role, (source, for_this_role) in _user_choices(choice, env).items():
        font = load_font(source)
        if not all(ch in font.covered for ch in PROBE):
            raise InputError(f"字体文件 {source.spec} 不含汉字，不能用作“{ROLE_LABELS[role]}”。")
        own[role] = font
        if for_this_role:
            styled.add(role)
    for role in ROLES:
        if role in own:
            continue
        for file_name, index in CANDIDATES[role]:
            path = files.get(file_name)
            found = _usable(FontSource(path, index)) if path is not None else None
            if found is not None:
                own[role] = found
                styled.add(role)
                break
    roles = {role: own.get(role) or next((own[o] for o in STAND_INS[role] if o in own), bundled) for role in ROLES}
    fake_bold = {role: role in HEAVY_ROLES and role not in styled for role in ROLES}
    return ReportFonts(roles, bundled, fake_bold)
