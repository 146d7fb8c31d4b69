"""The 版头 of a report sent upward, read back from the PDF where GB/T 9704-2012 7.2 places its parts.

发文机关标志 in red, centred, its top 35 mm below the text block; 发文字号 one character in
from the left and 签发人 one in from the right on one line two blank lines below it; a
red rule as wide as the block 4 mm below that line; the title two blank lines under the
rule; and the body still on the page's grid of 22 lines.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from reportlab.lib.units import mm

from planner.documents import ReportKind, ReportRequest, build_report
from planner.documents.page_geometry import CHAR_PITCH, LINE_PITCH
from planner.store.queries import list_plans

from .pdf_pages import Page, read_pages

MARK, DOC_NO, SIGNER = "衡水市民政局文件", "衡民报〔2021〕12号", "张建国"
BODY_SIZE = 16.0
SCALE = 3.0


def _report(store, folder: Path, kind: ReportKind = ReportKind.QUARTERLY, **letterhead: str) -> Path:
    plan = next(p.id for p in list_plans(store.conn) if p.key == "hengshui")
    office = "市民政局" if kind is ReportKind.OFFICE else None
    request = ReportRequest(kind, plan, "2021Q2", office=office, issuer="衡水市民政局", recipient="衡水市人民政府",
                            issued_on=date(2021, 7, 10), **letterhead)
    return build_report(store.conn, request, folder / f"{kind.value}-{len(letterhead)}.pdf").path


def _rules(path: Path, page_index: int = 0) -> list[tuple[float, float, float, float]]:
    """(left, bottom, right, top) of the thin horizontal paths drawn on a page: rules, not cells."""
    document = pdfium.PdfDocument(str(path))
    try:
        page = document[page_index]
        found = [obj.get_bounds() for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=1)]
    finally:
        document.close()
    return [bounds for bounds in found if bounds[3] - bounds[1] < 3 and bounds[2] - bounds[0] > 100]


def _reddest(path: Path, box: tuple[float, float, float, float]) -> tuple[int, int, int]:
    """The pixel of `box` (PDF points) on the first page whose red stands out most from its green and blue."""
    document = pdfium.PdfDocument(str(path))
    try:
        page = document[0]
        image = page.render(scale=SCALE).to_pil().convert("RGB")
        height = page.get_height()
    finally:
        document.close()
    left, bottom, right, top = box
    pixels = [image.getpixel((x, y)) for x in range(int(left * SCALE), int(right * SCALE) + 1)
              for y in range(int((height - top) * SCALE), int((height - bottom) * SCALE) + 1)]
    return max(pixels, key=lambda rgb: rgb[0] - (rgb[1] + rgb[2]) / 2)


def _line_with(page: Page, text: str):
    return next(line for line in page.lines if text in line.text)


def _grid_offsets(page: Page, after: float) -> set[float]:
    """Where the body lines below `after` sit within their grid line, in points, rounded to half a point."""
    return {round(((page.block.top - line.chars[0].middle) % LINE_PITCH) * 2) / 2
            for line in page.lines if line.size == BODY_SIZE and line.top < after}


@pytest.fixture
def letterhead_pdf(demo_store, tmp_path) -> Path:
    return _report(demo_store, tmp_path, letterhead=MARK, doc_no=DOC_NO, signer=SIGNER)


def test_the_mark_stands_red_and_centred_35_mm_below_the_top_of_the_text_block(letterhead_pdf):
    page = read_pages(letterhead_pdf, boxes=False, loose=False)[0]
    mark = page.lines[0]
    assert mark.text == MARK
    assert 35 * mm - 1 <= page.block.top - mark.top <= 35 * mm + 5  # a glyph's top sits a little inside its em box
    assert abs((mark.left + mark.right) / 2 - (page.block.left + page.block.right) / 2) < 2
    assert mark.size > 22  # larger than the 2号 title under it
    red, green, blue = _reddest(letterhead_pdf, (mark.left, mark.bottom, mark.right, mark.top))
    assert red > 180 and green < 90 and blue < 90, (red, green, blue)


def test_doc_no_and_signer_share_a_line_two_blank_lines_below_the_mark_and_the_red_rule_follows(letterhead_pdf):
    page = read_pages(letterhead_pdf, boxes=False, loose=False)[0]
    mark, number = page.lines[0], page.lines[1]
    assert number.text == f"{DOC_NO}签发人：{SIGNER}"
    assert mark.bottom - number.top >= 2 * LINE_PITCH - 2
    assert abs(number.left - (page.block.left + CHAR_PITCH)) < 2
    assert abs(number.right - (page.block.right - CHAR_PITCH)) < 3
    rules = _rules(letterhead_pdf)
    assert len(rules) == 1
    left, bottom, right, top = rules[0]
    assert abs(left - page.block.left) < 1 and abs(right - page.block.right) < 1
    digits = [c for c in number.chars if c.text.isdigit()]
    baseline = min(c.bottom for c in digits)
    # 4 mm below the line's em box, whose bottom is an eighth of the size under the baseline.
    assert abs(baseline - (bottom + top) / 2 - (4 * mm + 0.12 * BODY_SIZE)) < 2.5
    assert _reddest(letterhead_pdf, (left + 50, bottom - 1, left + 60, top + 1))[0] > 180
    title = page.lines[2]
    assert title.text.startswith("关于《") and bottom - title.top >= 2 * LINE_PITCH - 2


def test_the_body_under_the_letterhead_keeps_the_grid_of_the_page_without_one(letterhead_pdf, demo_store, tmp_path):
    plain = read_pages(_report(demo_store, tmp_path), boxes=False)[0]
    headed = read_pages(letterhead_pdf, boxes=False)[0]
    assert plain.lines[0].text.startswith("关于") and _rules(_report(demo_store, tmp_path)) == []
    salutation = _line_with(headed, "衡水市人民政府")
    offsets = _grid_offsets(headed, salutation.top + 1)
    # Each kind of line (仿宋 body, 黑体 heading) sits where it sits on a page without a 版头.
    assert offsets and offsets <= _grid_offsets(plain, _line_with(plain, "衡水市人民政府").top + 1)


def test_a_doc_no_without_a_signer_is_centred_and_the_office_report_takes_the_letterhead_too(demo_store, tmp_path):
    path = _report(demo_store, tmp_path, ReportKind.OFFICE, letterhead="衡水市民政局", doc_no=DOC_NO)
    page = read_pages(path, boxes=False, loose=False)[0]
    assert page.lines[0].text == "衡水市民政局"
    number = page.lines[1]
    assert number.text == DOC_NO
    assert abs((number.left + number.right) / 2 - (page.block.left + page.block.right) / 2) < 2
    assert "签发人" not in "".join(line.text for line in page.lines)
    assert page.lines[2].text.startswith("市民政局关于")
