"""Fonts: every character of the demo plans renders on a machine without Chinese fonts, and the PDF embeds its fonts."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from planner.app.demo import demo_plans, demo_reports
from planner.documents import ReportKind, ReportRequest, write_report
from planner.documents.data import gather
from planner.documents.fonts import FANGSONG, HEI, KAI, ROLES, SONG, TITLE, resolve_fonts
from planner.documents.textflow import Measurer
from planner.domain.errors import InputError
from planner.store.queries import list_plans
from planner.system.resources import bundled_font_path

from .helpers import pdf_fonts

NO_SYSTEM_FONTS: list[Path] = []


def demo_text() -> str:
    """Every piece of text of the demo plans and their progress that a report can print."""
    parts: list[str] = []
    plans = demo_plans()
    for plan in plans:
        parts += [plan.title, plan.appendix_title, plan.doc_no, plan.issuer]
        parts += [section.title for section in plan.sections]
        for task in plan.tasks:
            parts += [task.seq, task.name, task.content, task.indicator, task.baseline, *task.lead, *task.co]
            parts += [target.text for target in task.targets] + [t.office or "" for t in task.targets]
    for number, plan in enumerate(plans):
        for position, task in enumerate(plan.tasks):
            task.id = number * 1000 + position
    for report in demo_reports({plan.key: plan for plan in plans}):
        parts += [report.office, report.narrative, report.problems, report.next_steps]
    return "".join(parts)


def test_every_character_of_the_demo_plans_has_a_glyph_without_system_fonts():
    fonts = resolve_fonts({}, env={}, search_dirs=NO_SYSTEM_FONTS)
    text = demo_text()
    assert len(set(text)) > 500  # the demo plans really were read
    assert {fonts.source(role).origin for role in ROLES} == {"bundled"}
    for role in ROLES:
        assert fonts.missing(text, role) == set(), role
        # And the bundled font draws every one of them itself: nothing is left to a viewer's substitute.
        assert not {ch for ch in set(text) if ch not in fonts.font(role).covered and not ch.isspace()}, role


def test_the_heavier_title_face_is_imitated_only_when_no_such_font_is_installed():
    fonts = resolve_fonts({}, env={}, search_dirs=NO_SYSTEM_FONTS)
    assert fonts.fake_bold[TITLE] is True
    assert not any(fonts.fake_bold[role] for role in (SONG, FANGSONG, HEI, KAI))


def test_system_fonts_are_found_by_file_name_and_cff_fonts_are_skipped(tmp_path):
    folder = tmp_path / "fonts" / "truetype"
    folder.mkdir(parents=True)
    shutil.copyfile(bundled_font_path(), folder / "wqy-zenhei.ttc")  # a Hei-style system font
    (folder / "simfang.ttf").write_bytes(b"OTTO" + bytes(200))  # CFF outlines: reportlab cannot embed them
    fonts = resolve_fonts({}, env={}, search_dirs=[tmp_path / "fonts"])
    assert fonts.source(HEI).path == folder / "wqy-zenhei.ttc"
    assert fonts.source(HEI).origin == "system"
    assert fonts.source(FANGSONG).origin == "bundled"


def test_the_users_fonts_come_first_and_an_unusable_one_is_refused_with_its_name(tmp_path):
    chosen = tmp_path / "my-kai.ttc"
    shutil.copyfile(bundled_font_path(), chosen)
    fonts = resolve_fonts({}, env={"PLANNER_REPORT_FONT_KAI": f"{chosen}#0"}, search_dirs=NO_SYSTEM_FONTS)
    assert fonts.source(KAI).path == chosen
    assert fonts.source(KAI).origin == "user"
    assert fonts.source(HEI).origin == "bundled"

    broken = tmp_path / "broken.ttf"
    broken.write_text("not a font", encoding="utf-8")
    with pytest.raises(InputError, match="broken.ttf"):
        resolve_fonts({HEI: str(broken)}, env={}, search_dirs=NO_SYSTEM_FONTS)
    with pytest.raises(InputError, match="找不到字体文件"):
        resolve_fonts({}, env={"PLANNER_REPORT_FONT": str(tmp_path / "missing.ttf")}, search_dirs=NO_SYSTEM_FONTS)


def test_characters_a_chosen_font_lacks_are_drawn_in_the_bundled_font():
    fonts = resolve_fonts({}, env={}, search_dirs=NO_SYSTEM_FONTS)
    bundled = fonts.bundled
    latin_only = type(bundled)(f"{bundled.name}", bundled.source, frozenset("0123456789年"), bundled.units,
                               bundled.ascent, bundled.default_width)
    fonts.roles[FANGSONG] = latin_only
    runs = Measurer(fonts).runs("2021年第三季度", FANGSONG)
    assert "".join(text for _name, text in runs) == "2021年第三季度"
    assert [text for _name, text in runs] == ["2021年", "第三季度"]


def test_the_report_embeds_truetype_subsets_and_no_standard_type1_font(demo_store, tmp_path):
    plan_id = next(p.id for p in list_plans(demo_store.conn) if p.key == "hengshui")
    data = gather(demo_store.conn, ReportRequest(ReportKind.QUARTERLY, plan_id, "2021Q2"))
    out = write_report(data, resolve_fonts({}, env={}, search_dirs=NO_SYSTEM_FONTS), tmp_path / "q.pdf").path
    fonts = pdf_fonts(out)
    assert fonts, "no font dictionaries found"
    assert not [f for f in fonts if "/Type1" in f], "a standard font the viewer must substitute"
    descriptors = [f for f in fonts if "/FontDescriptor" in f and "/Type /FontDescriptor" in f]
    assert descriptors and all("/FontFile2" in d for d in descriptors)
    # Subsets, not whole fonts: the file is a fraction of the 5 MB font.
    assert out.stat().st_size < 1_500_000
    assert all(re.search(r"/BaseFont /[A-Z]{6}\+", f) for f in fonts if "/Subtype /TrueType" in f)


def test_a_font_named_for_every_role_still_gives_a_heavier_title(tmp_path):
    chosen = tmp_path / "office-song.ttc"
    shutil.copyfile(bundled_font_path(), chosen)
    for_all = resolve_fonts({}, env={"PLANNER_REPORT_FONT": str(chosen)}, search_dirs=NO_SYSTEM_FONTS)
    assert {for_all.source(role).path for role in ROLES} == {chosen}
    assert for_all.fake_bold[TITLE]
    for_title = resolve_fonts({TITLE: str(chosen)}, env={}, search_dirs=NO_SYSTEM_FONTS)
    assert not for_title.fake_bold[TITLE]


def _fonts_by_size(path: Path) -> dict[float, set[str]]:
    """Type size → the names of the fonts the characters of that size are drawn in, as a viewer reports them."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    found: dict[float, set[str]] = {}
    document = pdfium.PdfDocument(str(path))
    try:
        for page in document:
            text = page.get_textpage()
            for index in range(text.count_chars()):
                if chr(pdfium_c.FPDFText_GetUnicode(text.raw, index)).isspace():
                    continue
                name = ctypes.create_string_buffer(256)
                pdfium_c.FPDFText_GetFontInfo(text.raw, index, name, 256, None)
                size = round(pdfium_c.FPDFText_GetFontSize(text.raw, index), 1)
                found.setdefault(size, set()).add(name.value.decode("latin-1"))
    finally:
        document.close()
    return found


def test_without_windows_fonts_the_song_and_kai_roles_use_the_free_song_and_kai_faces(demo_store, free_font_dirs,
                                                                                     tmp_path):
    from reportlab.pdfbase.ttfonts import TTFontFile

    fonts = resolve_fonts({}, env={}, search_dirs=free_font_dirs)
    song, kai = (next(d / name for d in free_font_dirs if (d / name).exists()) for name in ("gbsn00lp.ttf",
                                                                                          "gkai00mp.ttf"))
    assert fonts.source(SONG).path == song and fonts.source(KAI).path == kai
    assert fonts.source(FANGSONG).path == song and fonts.source(TITLE).path == song  # 宋体 stands in for them
    song_name, kai_name = (TTFontFile(str(path)).name.decode("latin-1") for path in (song, kai))
    plan_id = next(p.id for p in list_plans(demo_store.conn) if p.key == "harbin")
    data = gather(demo_store.conn, ReportRequest(ReportKind.QUARTERLY, plan_id, "2015Q3"))
    by_size = _fonts_by_size(write_report(data, fonts, tmp_path / "q.pdf").path)
    # Title 22 pt, body 16 pt, table cells 10.5 pt and page numbers 14 pt in 宋体 (the body in 仿宋's stand-in);
    # the （一） headings, 16 pt too, in 楷体. The sans-serif is left to the 黑体 role (一、 headings, table headers).
    assert by_size[22.0] == {song_name} and song_name in by_size[10.5] and song_name in by_size[14.0]
    assert {song_name, kai_name} <= by_size[16.0]
