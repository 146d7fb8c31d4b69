"""A page as the text recognition should see it, with Pillow alone (the installers leave numpy out).

- **Red print out.** The 红头 (the issuing office's name in red over the first page) and the
  round red seal over the signature are not text to import; a pixel much redder than it is
  green or blue becomes paper. Where red ink formed a round blob, a seal stood: lines
  recognised there are suspect (`red_areas`).
- **Light evened.** A photo of a page is brighter in its middle than at its edges; each pixel is
  divided by the paper's brightness around it, so that one threshold fits the whole page.
- **Upright.** Text lines run across a page: when the ink's profile is sharper down the columns
  than down the rows, the page lies on its side and is turned a quarter. Upside down and right
  way up cannot be told apart by profiles; the recognition reads a strip both ways and the way
  it is surer of wins (`turn_upright`).
- **Straight.** A page scanned slightly askew is turned back by the angle (within ±5°) at which
  its rows of text are sharpest.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image, ImageChops, ImageFilter, ImageMath, ImageOps

OCR_DPI = 150  # a PDF page is rendered at this resolution: the lowest that keeps the accuracy (tests/bench)
MAX_SIDE = 2400  # a photo larger than this (in pixels, its longer side) is scaled down to about 200 ppi
A4_LONG_INCHES = 11.69
REDNESS = 60  # red minus the larger of green and blue, of a pixel that is red ink
FRINGE = 25  # as red as this next to red ink: its fringe (blurred by a scanner or by JPEG's colour sampling)
DARK_RED = 110  # a pixel whose red is below this is black print under the seal's ink, not the ink
MAX_SKEW = 5.0  # degrees
PREVIEW_SIDE = 1400  # the longer side of the page image the wizard shows

Box = tuple[int, int, int, int]


@dataclass
class PreparedPage:
    gray: Image.Image  # upright, straight, red print out, light evened: what Tesseract reads
    ppi: int
    seals: list[Box]  # where red ink stood (a seal, the 红头), in `gray`'s pixels
    turned: int  # degrees turned counter-clockwise to make the page upright (0, 90, 180, 270)
    skew: float  # degrees the page was straightened by
    preview: bytes  # the upright page in colour, scaled down, as JPEG


def open_picture(data: bytes, index: int) -> Image.Image:
    """Frame `index` of a PNG, JPEG or TIFF, turned as its camera's orientation tag says, in RGB."""
    picture = Image.open(io.BytesIO(data))
    picture.seek(index)
    return ImageOps.exif_transpose(picture.convert("RGB"))


def picture_frames(data: bytes) -> int:
    with Image.open(io.BytesIO(data)) as picture:
        return int(getattr(picture, "n_frames", 1))


def scaled_for_reading(rgb: Image.Image) -> tuple[Image.Image, int]:
    """A photo scaled so that its longer side is at most MAX_SIDE, and the resolution that makes of an A4 page."""
    longer = max(rgb.size)
    if longer > MAX_SIDE:
        factor = MAX_SIDE / longer
        rgb = rgb.resize((round(rgb.width * factor), round(rgb.height * factor)), Image.Resampling.LANCZOS)
        longer = max(rgb.size)
    return rgb, max(70, round(longer / A4_LONG_INCHES))


def red_mask(rgb: Image.Image) -> Image.Image:
    """White where the page has red ink, and its fringes; black print stamped over stays out."""
    red, green, blue = rgb.split()
    redness = ImageChops.subtract(red, ImageChops.lighter(green, blue))
    bright = red.point(lambda value: 255 if value >= DARK_RED else 0)
    ink = ImageChops.logical_and(redness.point(lambda value: 255 if value > REDNESS else 0).convert("1"),
                                 bright.convert("1")).convert("L")
    near = ink.filter(ImageFilter.MaxFilter(5))
    fringe = ImageChops.logical_and(redness.point(lambda value: 255 if value > FRINGE else 0).convert("1"),
                                    near.convert("1")).convert("L")
    return ImageChops.lighter(ink, ImageChops.logical_and(fringe.convert("1"), bright.convert("1")).convert("L"))


def without_red(rgb: Image.Image) -> tuple[Image.Image, Image.Image]:
    """The page in grayscale with its red ink turned to paper, and the mask of that ink."""
    mask = red_mask(rgb)
    gray = rgb.convert("L")
    gray.paste(255, mask=mask)
    return gray, mask


def even_light(gray: Image.Image) -> Image.Image:
    """Each pixel divided by the paper's brightness around it (the brightest nearby, smoothed)."""
    small = gray.reduce(8).filter(ImageFilter.MaxFilter(7)).filter(ImageFilter.GaussianBlur(4))
    paper = small.resize(gray.size, Image.Resampling.BILINEAR)
    evened = ImageMath.lambda_eval(
        lambda names: names["convert"](names["min"](names["ink"] * 255.0 / names["max"](names["paper"], 1.0), 255.0),
                                       "L"), ink=gray, paper=paper)
    return evened


def _ink(gray: Image.Image, width: int = 600) -> Image.Image:
    """A small black-on-white copy as ink (255) on paper (0), for measuring profiles."""
    factor = width / gray.width
    small = gray.resize((width, max(1, round(gray.height * factor))), Image.Resampling.BOX)
    return small.point(lambda value: 255 if value < 160 else 0)


def _sharpness(profile: list[int]) -> float:
    """How strongly a profile alternates (text lines and the gaps between them)."""
    return sum((a - b) ** 2 for a, b in zip(profile, profile[1:])) / max(len(profile), 1)


def _rows(ink: Image.Image) -> list[int]:
    return list(ink.resize((1, ink.height), Image.Resampling.BOX).tobytes())


def _columns(ink: Image.Image) -> list[int]:
    return list(ink.resize((ink.width, 1), Image.Resampling.BOX).tobytes())


def lies_on_its_side(gray: Image.Image) -> bool:
    """Whether the text runs down the page rather than across it."""
    ink = _ink(gray)
    rows, columns = _sharpness(_rows(ink)), _sharpness(_columns(ink))
    return columns > rows * 1.5


def skew_angle(gray: Image.Image) -> float:
    """The angle (degrees, counter-clockwise) that makes the text rows sharpest, within ±MAX_SKEW."""
    ink = _ink(gray, 800)

    def score(angle: float) -> float:
        return _sharpness(_rows(ink.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=0)))

    best = max((step / 2 for step in range(int(-MAX_SKEW * 2), int(MAX_SKEW * 2) + 1)), key=score)
    return max((best + step / 20 for step in range(-10, 11)), key=score)


def _strip(gray: Image.Image) -> Image.Image:
    """A band across the page where the ink is densest: enough lines to tell which way up the text is."""
    rows = _rows(_ink(gray, 300))
    band = max(4, len(rows) // 6)
    start = max(range(max(1, len(rows) - band)), key=lambda top: sum(rows[top:top + band]))
    factor = gray.height / len(rows)
    return gray.crop((0, round(start * factor), gray.width, round((start + band) * factor)))


def turn_upright(gray: Image.Image, surety: Callable[[Image.Image], float]) -> int:
    """Degrees (counter-clockwise: 0, 90, 180 or 270) that put the page's text upright; `surety` says how sure
    the recognition is of a strip of text read as it stands."""
    turned = 90 if lies_on_its_side(gray) else 0
    upright = gray.rotate(turned, expand=True) if turned else gray
    strip = _strip(upright)
    if surety(strip.rotate(180)) > surety(strip) + 0.05:
        turned += 180
    return turned % 360


def red_areas(mask: Image.Image, ppi: int) -> list[Box]:
    """Boxes of the blobs of red ink at least a centimetre across: a seal, the 红头's characters."""
    step = 8
    small = mask.reduce(step).point(lambda value: 255 if value else 0)
    width, height = small.size
    pixels = small.load()
    assert pixels is not None
    seen: set[tuple[int, int]] = set()
    boxes: list[Box] = []
    minimum = ppi * 0.4 / step
    for y in range(height):
        for x in range(width):
            if not pixels[x, y] or (x, y) in seen:
                continue
            left, top, right, bottom = x, y, x, y
            stack = [(x, y)]
            seen.add((x, y))
            while stack:
                cx, cy = stack.pop()
                left, top, right, bottom = min(left, cx), min(top, cy), max(right, cx), max(bottom, cy)
                for nx in range(cx - 2, cx + 3):  # two cells of gap still join: a seal's ring and its text
                    for ny in range(cy - 2, cy + 3):
                        if 0 <= nx < width and 0 <= ny < height and pixels[nx, ny] and (nx, ny) not in seen:
                            seen.add((nx, ny))
                            stack.append((nx, ny))
            box_width, box_height = right - left + 1, bottom - top + 1
            if max(box_width, box_height) >= minimum:
                boxes.append((left * step, top * step, (right + 1) * step, (bottom + 1) * step))
    return boxes


def _preview(rgb: Image.Image) -> bytes:
    factor = min(1.0, PREVIEW_SIDE / max(rgb.size))
    shown = rgb.resize((round(rgb.width * factor), round(rgb.height * factor)), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    shown.save(buffer, format="JPEG", quality=75)
    return buffer.getvalue()


def prepare(rgb: Image.Image, ppi: int, surety: Callable[[Image.Image], float]) -> PreparedPage:
    """`rgb` made ready for reading: red print out, light evened, turned upright and straightened."""
    gray, _mask = without_red(rgb)
    gray = even_light(gray)
    turned = turn_upright(gray, surety)
    if turned:
        gray = gray.rotate(turned, expand=True)
        rgb = rgb.rotate(turned, expand=True)
    skew = skew_angle(gray)
    if abs(skew) >= 0.1:
        rgb = rgb.rotate(skew, resample=Image.Resampling.BICUBIC, fillcolor=(255, 255, 255))
    gray, mask = without_red(rgb)
    gray = even_light(gray)
    return PreparedPage(gray, ppi, red_areas(mask, ppi), turned, round(skew, 2), _preview(rgb))

