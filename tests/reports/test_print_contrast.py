"""Colour on a black-and-white copy: the status words and counts a reader looks for print dark enough to read.

Offices print reports on monochrome printers and photocopy them for meetings. Each
status keeps its colour, but text in a light colour comes out as a faint grey: the
page is rendered and the darkest ink of each status word is measured.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from planner.documents import ReportKind, ReportRequest, build_report
from planner.domain.model import Status
from planner.store.queries import list_plans

SCALE = 4.0  # 288 dpi: a stroke of a 10.5 pt character is several pixels wide
DARK_ENOUGH = 110  # grey level (0 black, 255 white) the darkest pixel of a word reaches at most
TABLE_SIZE = 10.5
COLUMN_SLACK = 12.0  # points between the middle of a status word and the middle of its column's header


def _status_inks(path: Path) -> dict[str, int]:
    """For each status word in a table's 状态 column, the darkest grey level it reaches on any page."""
    darkest: dict[str, int] = {}
    document = pdfium.PdfDocument(str(path))
    try:
        for page in document:
            text = page.get_textpage()
            chars = [(chr(pdfium_c.FPDFText_GetUnicode(text, i)), i) for i in range(text.count_chars())]
            joined = "".join(c for c, _i in chars)
            grey = None
            column = joined.find("状态")
            if column < 0:
                continue
            _left, _bottom, right, _top = text.get_charbox(chars[column + 1][1], loose=False)
            middle = (text.get_charbox(chars[column][1], loose=False)[0] + right) / 2
            for status in Status:
                start = joined.find(status.value)
                while start >= 0:
                    indices = [i for _c, i in chars[start:start + len(status.value)]]
                    boxes = [text.get_charbox(i, loose=False) for i in indices]
                    centre = (boxes[0][0] + boxes[-1][2]) / 2
                    if abs(centre - middle) < COLUMN_SLACK and all(
                            abs(pdfium_c.FPDFText_GetFontSize(text, i) - TABLE_SIZE) < 0.1 for i in indices):
                        grey = grey or page.render(scale=SCALE).to_pil().convert("L")
                        level = min(_darkest(grey, box, page.get_height()) for box in boxes)
                        darkest[status.value] = min(darkest.get(status.value, 255), level)
                    start = joined.find(status.value, start + 1)
    finally:
        document.close()
    return darkest


def _darkest(grey, box: tuple[float, float, float, float], height: float) -> int:
    left, bottom, right, top = box
    pixels = [grey.getpixel((x, y))
              for x in range(int(left * SCALE), int(right * SCALE) + 1)
              for y in range(int((height - top) * SCALE), int((height - bottom) * SCALE) + 1)]
    return min(pixels, default=255)


def test_every_status_word_in_the_tables_prints_dark_enough_for_a_black_and_white_copy(demo_store, tmp_path):
    harbin = next(p.id for p in list_plans(demo_store.conn) if p.key == "harbin")
    request = ReportRequest(ReportKind.OFFICE, harbin, "2015Q3", office="市民政局")
    inks = _status_inks(build_report(demo_store.conn, request, tmp_path / "office.pdf").path)
    assert Status.NOT_REPORTED.value in inks and len(inks) >= 3, inks  # the attachment shows them
    faint = {word: level for word, level in inks.items() if level > DARK_ENOUGH}
    assert faint == {}, f"status words printing as a light grey: {faint}"


LEGEND_GAP = 20.0  # points between two words of the chart's legend (a swatch stands there); a table header's are closer


def _legend_swatches(path: Path) -> dict[str, list[int]]:
    """For each status in the office chart's legend, the grey levels of its swatch (10 pt square, 14 pt to the
    left of the status word), inset by a point so that the edges' antialiasing does not count."""
    words = [status.value for status in Status]
    document = pdfium.PdfDocument(str(path))
    try:
        for page in document:
            text = page.get_textpage()
            # pdfium puts a space where a gap is wide: the legend's words are found with the spaces left out.
            indices = [i for i in range(text.count_chars()) if not chr(pdfium_c.FPDFText_GetUnicode(text, i)).isspace()]
            joined = "".join(chr(pdfium_c.FPDFText_GetUnicode(text, i)) for i in indices)
            found = joined.find("".join(words))
            while found >= 0:
                starts = [found + sum(len(w) for w in words[:n]) for n in range(len(words))]
                lefts = [text.get_charbox(indices[start], loose=False)[0] for start in starts]
                ends = [text.get_charbox(indices[start + len(word) - 1], loose=False)[2]
                        for start, word in zip(starts, words)]
                if all(left - end > LEGEND_GAP for end, left in zip(ends, lefts[1:])):
                    break
                found = joined.find("".join(words), found + 1)
            if found >= 0:
                break
        else:
            raise AssertionError("no page holds the chart's legend")
        grey = page.render(scale=SCALE).to_pil().convert("L")
        height = page.get_height()
        swatches = {}
        for word, start in zip(words, starts):
            left, bottom, _right, _top = text.get_charbox(indices[start], loose=False)
            box = (left - 14 + 1, bottom - 1 + 1, left - 14 + 9, bottom - 1 + 9)
            swatches[word] = [grey.getpixel((x, y))
                              for y in range(int((height - box[3]) * SCALE), int((height - box[1]) * SCALE))
                              for x in range(int(box[0] * SCALE), int(box[2] * SCALE))]
    finally:
        document.close()
    return swatches


def test_the_office_chart_tells_every_status_apart_in_black_and_white(demo_store, tmp_path):
    hengshui = next(p.id for p in list_plans(demo_store.conn) if p.key == "hengshui")
    path = build_report(demo_store.conn, ReportRequest(ReportKind.QUARTERLY, hengshui, "2021Q2"),
                        tmp_path / "quarterly.pdf").path
    swatches = _legend_swatches(path)
    names = list(swatches)
    for index, one in enumerate(names):
        for other in names[index + 1:]:
            first, second = swatches[one], swatches[other]
            assert len(first) == len(second)
            differ = sum(abs(a - b) for a, b in zip(first, second)) / len(first)
            assert differ > 25, f"{one} and {other} print as the same grey (mean difference {differ:.0f})"
