"""Rows of print that Tesseract's page layout passed over, to be read again on their own.

Tesseract finds a page's text blocks before it reads them, and now and then leaves out a
line it took for a picture or for noise: a title's second line in a larger face is the
usual victim. Every band of rows with print in it that no recognised line covers is read
again as one block of text, specks of dust first smoothed away (a 3 × 3 median: on the whole page it
would cost more characters than it saves), so that no line of a notice goes missing unseen.
"""

from __future__ import annotations

from PIL import Image, ImageFilter

from planner.notices.ocr.engine import Glyph, TextLine, read_lines

Box = tuple[int, int, int, int]
INK = 150  # a pixel darker than this is print
MIN_INK_PIXELS = 6  # a row with fewer dark pixels is paper with a speck or two
MIN_HEIGHT_INCHES = 0.06  # a band thinner than this is a rule or a smudge, not a line of characters
MARGIN = 6  # pixels of paper kept around a band that is read again


def _ink_rows(gray: Image.Image) -> list[int]:
    """The number of dark pixels in each row."""
    ink = gray.point(lambda value: 255 if value < INK else 0)
    return [round(value * gray.width / 255) for value in ink.resize((1, gray.height), Image.Resampling.BOX).tobytes()]


def _bands(rows: list[int], minimum: int) -> list[tuple[int, int]]:
    bands: list[tuple[int, int]] = []
    start = None
    for index, count in enumerate([*rows, 0]):
        if count >= MIN_INK_PIXELS and start is None:
            start = index
        elif count < MIN_INK_PIXELS and start is not None:
            if index - start >= minimum:
                bands.append((start, index))
            start = None
    return bands


def _covered(band: tuple[int, int], lines: list[TextLine]) -> bool:
    top, bottom = band
    for line in lines:
        overlap = min(bottom, line.box[3]) - max(top, line.box[1])
        if overlap > (bottom - top) / 2:
            return True
    return False


def _shifted(line: TextLine, dx: int, dy: int) -> TextLine:
    def moved(box: tuple[int, ...]) -> Box:
        return box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy

    glyphs = tuple(Glyph(glyph.text, glyph.confidence, moved(glyph.box), glyph.word_start) for glyph in line.glyphs)
    return TextLine(glyphs, moved(line.box))


def read_missed(gray: Image.Image, lines: list[TextLine], ppi: int) -> list[TextLine]:
    """The lines read again from the bands of print that none of `lines` covers, in page coordinates."""
    found: list[TextLine] = []
    for top, bottom in _bands(_ink_rows(gray), max(2, round(ppi * MIN_HEIGHT_INCHES))):
        if _covered((top, bottom), lines):
            continue
        band = gray.crop((0, max(0, top - MARGIN), gray.width, min(gray.height, bottom + MARGIN)))
        framed = Image.new("L", (band.width, band.height + 2 * MARGIN), 255)
        framed.paste(band.filter(ImageFilter.MedianFilter(3)), (0, MARGIN))
        found += [_shifted(line, 0, max(0, top - MARGIN) - MARGIN) for line in read_lines(framed, ppi, True)]
    return found
