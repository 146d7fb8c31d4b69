"""The page after GB/T 9704-2012, read back from the PDF: A4, margins, the 22 × 28 grid, page numbers."""

from __future__ import annotations

import io

import numpy as np
import pytest
from reportlab.platypus import PageBreak

from planner.documents import ReportKind, ReportRequest, build_report
from planner.documents.flowables import GridText
from planner.documents.fonts import resolve_fonts
from planner.documents.page_geometry import (
    BINDING_MARGIN,
    BLOCK_HEIGHT,
    BLOCK_WIDTH,
    CHARS_PER_LINE,
    LINES_PER_PAGE,
    TOP_MARGIN,
    OfficialDocTemplate,
    page_number_text,
)
from planner.documents.textflow import Measurer
from planner.store.queries import list_plans

from .helpers import MM, compact, ink, page_sizes, page_texts, rendered_page

A4 = (210 * MM, 297 * MM)
PERIOD = "2021Q2"


@pytest.fixture
def quarterly_pdf(demo_store, tmp_path, qapp):
    plan_id = next(p.id for p in list_plans(demo_store.conn) if p.key == "hengshui")
    request = ReportRequest(ReportKind.QUARTERLY, plan_id, PERIOD, issuer="衡水市民政局")
    return build_report(demo_store.conn, request, tmp_path / "quarterly.pdf")


def test_pages_are_a4_portrait_and_the_attachment_landscape(quarterly_pdf):
    sizes = page_sizes(quarterly_pdf.path)
    assert len(sizes) == quarterly_pdf.pages >= 3
    assert sizes[0] == pytest.approx(A4, abs=0.5)
    assert sizes[-1] == pytest.approx(A4[::-1], abs=0.5)


def test_page_one_holds_the_title_the_period_and_its_page_number(quarterly_pdf):
    texts = page_texts(quarterly_pdf.path)
    first = compact(texts[0])
    assert compact(quarterly_pdf.title) in first
    assert "2021年第二季度" in first
    assert "— 1 —" in texts[0]
    assert all(page_number_text(n) in text for n, text in enumerate(texts, 1))


def test_the_attachment_starts_a_new_page_with_its_label_first(quarterly_pdf):
    texts = page_texts(quarterly_pdf.path)
    sizes = page_sizes(quarterly_pdf.path)
    first_landscape = next(i for i, (w, h) in enumerate(sizes) if w > h)
    body = texts[first_landscape].replace(page_number_text(first_landscape + 1), "")
    assert body.lstrip().startswith("附件")
    assert any("附件：" in text for text in texts[:first_landscape])  # the 附件说明 in the body, before it


def test_text_stays_in_the_text_block_and_the_margins_stay_blank(quarterly_pdf):
    pixels = ink(rendered_page(quarterly_pdf.path, 0))
    top, left = round(TOP_MARGIN), round(BINDING_MARGIN)
    right, bottom = round(BINDING_MARGIN + BLOCK_WIDTH), round(TOP_MARGIN + BLOCK_HEIGHT)
    tolerance = 2
    assert pixels[top:bottom, left:right].sum() > 5000, "page 1 has no text in its text block"
    assert not pixels[:top - tolerance, :].any(), "ink in the top margin"
    assert not pixels[:, :left - tolerance].any(), "ink in the binding margin"
    assert not pixels[:, right + tolerance:].any(), "ink in the outer margin"
    # Below the block only the page number, 7 mm down: nothing between the block and it.
    assert not pixels[bottom + tolerance:bottom + round(5 * MM), :].any()
    rows = np.flatnonzero(pixels[top:bottom].any(axis=1))
    assert rows[0] < 30, "the title does not start at the top of the text block"


def test_page_numbers_stand_outside_odd_right_even_left(quarterly_pdf):
    for page in (0, 1):
        pixels = ink(rendered_page(quarterly_pdf.path, page))
        band = pixels[round(TOP_MARGIN + BLOCK_HEIGHT + 4 * MM):, :]
        columns = np.flatnonzero(band.any(axis=0))
        assert columns.size, f"no page number on page {page + 1}"
        block_left, block_right = (BINDING_MARGIN, BINDING_MARGIN + BLOCK_WIDTH) if page == 0 else (
            A4[0] - BINDING_MARGIN - BLOCK_WIDTH, A4[0] - BINDING_MARGIN)
        if page == 0:
            assert columns[0] > A4[0] / 2 and block_right - 16 - 2 <= columns[-1] <= block_right - 14 + 2
        else:
            assert columns[-1] < A4[0] / 2 and block_left + 14 - 2 <= columns[0] <= block_left + 16 + 2


def _pages(paragraphs: list[GridText], fonts) -> int:
    doc = OfficialDocTemplate(io.BytesIO(), fonts)
    doc.build(list(paragraphs))  # platypus empties the list it is given
    return doc.page


@pytest.fixture(scope="module")
def fonts():
    return resolve_fonts({}, env={}, search_dirs=[])


def test_a_body_line_holds_28_characters_and_a_page_22_lines(fonts):
    measurer = Measurer(fonts)
    line = "重" * CHARS_PER_LINE
    assert GridText(line, measurer, indent=0).wrap(BLOCK_WIDTH, BLOCK_HEIGHT)[1] == pytest.approx(BLOCK_HEIGHT / 22)
    assert GridText(line + "点", measurer, indent=0).wrap(BLOCK_WIDTH, BLOCK_HEIGHT)[1] == pytest.approx(
        2 * BLOCK_HEIGHT / 22)
    full_page = [GridText(line, measurer, indent=0) for _ in range(LINES_PER_PAGE)]
    assert _pages(full_page, fonts) == 1
    assert _pages(full_page + [GridText("点", measurer)], fonts) == 2


def test_closing_punctuation_never_starts_a_line(fonts):
    measurer = Measurer(fonts)
    text = "重" * (CHARS_PER_LINE - 2) + "工作。" + "点" * 10
    paragraph = GridText(text, measurer, indent=0)
    paragraph.wrap(BLOCK_WIDTH, BLOCK_HEIGHT)
    lines = [paragraph.text[line.start:line.stop] for line in paragraph._lines]
    assert len(lines) == 2
    assert not lines[1].startswith("。")
    assert "".join(lines) == text


def test_a_paragraph_runs_over_a_page_break_without_losing_a_line(fonts, tmp_path, qapp):
    measurer = Measurer(fonts)
    text = "".join(chr(0x4E00 + i) for i in range(CHARS_PER_LINE * 30))  # 30 lines: over one page
    out = tmp_path / "long.pdf"
    doc = OfficialDocTemplate(str(out), fonts)
    doc.build([GridText(text, measurer, indent=0), PageBreak()])
    texts = page_texts(out)
    assert compact("".join(texts)).replace("—1—", "").replace("—2—", "") == text


def test_text_is_escaped_in_the_pdf_as_reportlab_escapes_it():
    from reportlab.lib.rl_accel import escapePDF

    from planner.documents.textflow import PDF_ESCAPES

    every_byte = bytes(range(256))
    assert every_byte.decode("latin-1").translate(PDF_ESCAPES) == escapePDF(every_byte)
