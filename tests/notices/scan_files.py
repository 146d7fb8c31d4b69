"""Scans made from the test notices, as a copier or a phone makes them, for the OCR tests and benchmark.

A notice is printed to PDF by `notice_files.write_pdf` with the bundled font, each page
rendered to an image by pdfium, and then spoiled as paper is: the red header (红头) over the
first page, a red round seal over the signature, a slight turn, specks of dust, and for a
photo uneven light. The pages go back into an image-only PDF, or out as picture files.
"""

from __future__ import annotations

import io
import math
import random
from pathlib import Path
from typing import TYPE_CHECKING

from tests.notices.notice_files import FONT, HANGZHOU, Notice, write_pdf

if TYPE_CHECKING:  # Pillow is imported where a page is drawn: collecting the tests stays light
    from PIL import Image, ImageFont

RED = (214, 30, 36)
A4_POINTS = (595.2756, 841.8898)
SEED_TITLES = {HANGZHOU: "杭州市人民政府办公厅关于进一步加强居家养老服务的实施意见"}


def _font(size: int) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont

    return ImageFont.truetype(str(FONT), size, index=0)


def text_pages(notice: Notice, folder: Path) -> tuple[Path, list[str]]:
    """The notice printed to PDF, and each page's text as pdfium reads it (the truth to compare with)."""
    import pypdfium2 as pdfium

    path = write_pdf(folder / "printed.pdf", notice)
    document = pdfium.PdfDocument(str(path))
    texts = [document[index].get_textpage().get_text_bounded() for index in range(len(document))]
    document.close()
    return path, texts


def rendered(pdf: Path, dpi: int, pages: list[int] | None = None) -> list[Image.Image]:
    """Pages (0-based) of a PDF as RGB images at `dpi`."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    chosen = range(len(document)) if pages is None else pages
    images = [document[index].render(scale=dpi / 72).to_pil().convert("RGB") for index in chosen]
    document.close()
    return images


def find_text(pdf: Path, page: int, text: str, dpi: int) -> tuple[int, int] | None:
    """The centre, in pixels at `dpi`, of `text` on page `page` (0-based) of a PDF."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        textpage = document[page].get_textpage()
        searcher = textpage.search(text)
        found = None
        while (next_found := searcher.get_next()) is not None:
            found = next_found  # the last: a signature stands below any running header
        if found is None:
            return None
        left, bottom, right, top = textpage.get_charbox(found[0] + found[1] - 1)
        first = textpage.get_charbox(found[0])
        height = document[page].get_height()
        x = (first[0] + right) / 2 * dpi / 72
        y = (height - (bottom + top) / 2) * dpi / 72
        return round(x), round(y)
    finally:
        document.close()


def red_header(page: Image.Image, dpi: int, text: str = "杭州市人民政府办公厅文件") -> Image.Image:
    """The issuing office's name in large red characters over the page, and the red rule under it."""
    from PIL import ImageDraw

    page = page.copy()
    draw = ImageDraw.Draw(page)
    size = round(dpi * 0.42)
    font = _font(size)
    width = draw.textlength(text, font=font)
    top = round(dpi * 0.25)
    draw.text(((page.width - width) / 2, top), text, fill=RED, font=font)
    rule = top + size + round(dpi * 0.12)
    draw.rectangle((round(dpi * 0.9), rule, page.width - round(dpi * 0.9), rule + max(2, dpi // 50)), fill=RED)
    return page


def red_seal(page: Image.Image, centre: tuple[int, int], dpi: int, name: str = "杭州市人民政府办公厅") -> Image.Image:
    """A round red seal (a ring, the office's name around it, a star) stamped over `centre`, the ink showing
    the print through it as a stamp does."""
    from PIL import Image, ImageChops, ImageDraw

    radius = round(dpi * 0.8)
    seal = Image.new("L", page.size, 0)
    draw = ImageDraw.Draw(seal)
    x, y = centre
    draw.ellipse((x - radius, y - radius, x + radius, y + radius), outline=255, width=max(3, dpi // 25))
    font = _font(round(radius * 0.28))
    for index, char in enumerate(name):
        angle = math.radians(210 - index * 240 / max(1, len(name) - 1))
        cx, cy = x + math.cos(angle) * radius * 0.72, y - math.sin(angle) * radius * 0.72
        glyph = Image.new("L", (font.size * 2, font.size * 2), 0)
        ImageDraw.Draw(glyph).text((font.size / 2, font.size / 2), char, fill=255, font=font)
        glyph = glyph.rotate(math.degrees(angle) - 90, resample=Image.Resampling.BICUBIC)
        seal.paste(255, (round(cx - font.size), round(cy - font.size)), glyph)
    star = [(x + math.cos(math.radians(90 + k * 36)) * radius * (0.3 if k % 2 == 0 else 0.12),
             y - math.sin(math.radians(90 + k * 36)) * radius * (0.3 if k % 2 == 0 else 0.12)) for k in range(10)]
    draw.polygon(star, fill=255)
    ink = Image.new("RGB", page.size, RED)
    stamped = ImageChops.multiply(page, Image.composite(ink, Image.new("RGB", page.size, "white"), seal))
    return stamped


def spoiled(page: Image.Image, turn: float = 0.0, specks: int = 1500, seed: int = 1) -> Image.Image:
    """Turned by `turn` degrees and sprinkled with specks of dust."""
    from PIL import Image, ImageDraw

    page = page.rotate(turn, resample=Image.Resampling.BICUBIC, fillcolor=(255, 255, 255)) if turn else page.copy()
    draw = ImageDraw.Draw(page)
    chance = random.Random(seed)
    for _ in range(specks):
        x, y = chance.randrange(page.width), chance.randrange(page.height)
        shade = chance.randrange(60, 200)
        draw.point((x, y), fill=(shade, shade, shade))
    return page


def uneven_light(page: Image.Image, darkest: int = 120) -> Image.Image:
    """A phone's photo: bright in the middle, darker towards the corners and one side."""
    from PIL import Image, ImageChops

    small = Image.new("L", (64, 90), 255)
    pixels = small.load()
    assert pixels is not None
    for y in range(90):
        for x in range(64):
            distance = math.hypot((x - 40) / 64, (y - 40) / 90) / 0.8
            pixels[x, y] = max(darkest, round(255 - (255 - darkest) * min(1.0, distance)))
    shade = small.resize(page.size, Image.Resampling.BILINEAR).convert("RGB")
    return ImageChops.multiply(page, shade)


def image_pdf(pages: list[Image.Image], path: Path) -> Path:
    """An image-only PDF of A4 pages (what a copier's scan-to-PDF makes)."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    sheet = canvas.Canvas(str(path), pagesize=A4_POINTS)
    for page in pages:
        buffer = io.BytesIO()
        page.save(buffer, format="JPEG", quality=85)
        sheet.drawImage(ImageReader(io.BytesIO(buffer.getvalue())), 0, 0, *A4_POINTS)
        sheet.showPage()
    sheet.save()
    return path


def text_notice(name: str = HANGZHOU) -> Notice:
    """A seed notice as its text gives it, without an appendix table: the title, then every line."""
    from tests.notices.notice_files import TableSpec, seed_lines

    lines = seed_lines(name)
    title = SEED_TITLES.get(name, lines[0].text)
    return Notice(title, lines, TableSpec([]), table_after=-1)


def stamped_scan(notice: Notice, folder: Path, dpi: int = 150, turn: float = 0.8) -> tuple[Path, Path]:
    """The notice printed, then scanned as a stamped paper copy: 红头 on the first page, the seal over the
    signature on the last, every page a little turned and dusty. The printed PDF and the scan."""
    printed, _texts = text_pages(notice, folder)
    pages = rendered(printed, dpi)
    pages[0] = red_header(pages[0], dpi)
    signature = find_text(printed, len(pages) - 1, "杭州市人民政府办公厅", dpi)
    if signature is not None:
        pages[-1] = red_seal(pages[-1], signature, dpi)
    pages = [spoiled(page, turn=turn if index % 2 == 0 else -turn, seed=index) for index, page in enumerate(pages)]
    return printed, image_pdf(pages, folder / "扫描件.pdf")


def folded(text: str) -> str:
    """Text as compared for accuracy: full-width forms folded to their plain ones (，to , and （ to ( are the
    same character to a reader), white space left out."""
    import unicodedata

    return "".join(unicodedata.normalize("NFKC", text).split())


def char_accuracy(truth: str, read: str) -> float:
    """1 − (characters substituted, left out or added) / characters of `truth`, after `folded`."""
    from difflib import SequenceMatcher

    expected, got = folded(truth), folded(read)
    matcher = SequenceMatcher(None, expected, got, autojunk=False)
    errors = sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal")
    return 1 - errors / max(1, len(expected))
