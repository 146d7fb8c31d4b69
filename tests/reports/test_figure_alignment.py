"""Figures line up: a cell holding only a figure (4, 20个, 53426张) stands at the right of its column, text left."""

from __future__ import annotations

from planner.documents import ReportKind, ReportRequest, build_report
from planner.documents.table_model import PAD_X
from planner.store.queries import list_plans

from .pdf_pages import Box, Page, read_pages

SLACK = 1.0  # points


def _header_text(page: Page, box: Box) -> str:
    """A one-line header's text, left to right (digits and characters of a line sit on slightly different middles)."""
    return "".join(c.text for c in sorted((c for c in page.chars if c.text.strip() and box.holds(c)),
                                          key=lambda c: c.left))


def _cells_below(page: Page, header: Box) -> list[tuple[Box, float, float, str]]:
    """(cell, left of its text, right of its text, text) for the cells of the header's column below it."""
    found = []
    for box in page.boxes:
        if abs(box.left - header.left) < SLACK and abs(box.right - header.right) < SLACK and box.top < header.bottom:
            chars = [c for c in page.chars if c.text.strip() and box.holds(c)]
            if chars:
                text = "".join(c.text for c in chars)
                found.append((box, min(c.left for c in chars), max(c.right for c in chars), text))
    return found


def test_year_targets_and_baselines_that_are_figures_are_right_aligned(demo_store, tmp_path):
    hengshui = next(p.id for p in list_plans(demo_store.conn) if p.key == "hengshui")
    path = build_report(demo_store.conn, ReportRequest(ReportKind.TARGETS, hengshui), tmp_path / "targets.pdf").path
    checked = 0
    for page in read_pages(path):
        headers = [box for box in page.boxes if _header_text(page, box) in ("现状", "2020年", "2021年", "2022年")]
        for header in headers:
            for box, left, right, text in _cells_below(page, header):
                assert text.isdigit(), text  # the demo's baselines and year targets are bare figures
                assert box.right - right <= PAD_X + SLACK, f"{text!r} stands {box.right - right:.1f} pt from the right"
                assert left - box.left > PAD_X + SLACK or box.width < 4 * PAD_X + (right - left), text
                checked += 1
    assert checked >= 20  # most of the 8 tasks × 4 columns of figures (cells found by their drawn boxes)


def test_a_target_in_words_stays_at_the_left_of_its_cell(demo_store, tmp_path):
    harbin = next(p.id for p in list_plans(demo_store.conn) if p.key == "harbin")
    path = build_report(demo_store.conn, ReportRequest(ReportKind.TARGETS, harbin), tmp_path / "targets.pdf").path
    worded = 0
    for page in read_pages(path):
        for header in [box for box in page.boxes if _header_text(page, box) == "2016年"]:
            for box, left, _right, text in _cells_below(page, header):
                if not any(ch.isdigit() for ch in text):
                    assert left - box.left <= PAD_X + SLACK, text
                    worded += 1
    assert worded >= 3
