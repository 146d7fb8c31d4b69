"""Draw the application icon: resources/icons/planner.svg, planner.png (256 px) and planner.ico.

    .venv/bin/python installer/make_icons.py

The SVG is the single drawing; the PNG and every size in the ICO are rendered
from it with QtSvg, so the three never disagree. The ICO container is written
here rather than through Qt's optional ICO image plugin: small sizes are stored
as 32-bit DIBs and 256 px as PNG, the layout Windows Explorer, PyInstaller and
Inno Setup all read.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
PNG_SIZE = 256

# A red tile (the colour of official notices) holding a year-planner sheet with a
# gold header and binder rings, ticked off: a yearly target met.
SVG = """\
<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <rect x="8" y="8" width="240" height="240" rx="52" fill="#c62828"/>
  <rect x="48" y="62" width="160" height="148" rx="16" fill="#ffffff"/>
  <path d="M48 78a16 16 0 0 1 16-16h128a16 16 0 0 1 16 16v26H48z" fill="#f9c23c"/>
  <rect x="82" y="42" width="16" height="40" rx="8" fill="#ffffff" stroke="#8e1b1b" stroke-width="6"/>
  <rect x="158" y="42" width="16" height="40" rx="8" fill="#ffffff" stroke="#8e1b1b" stroke-width="6"/>
  <path d="M84 156l28 28 60-62" fill="none" stroke="#c62828" stroke-width="20"
        stroke-linecap="round" stroke-linejoin="round"/>
</svg>
"""


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("Qt could not encode a PNG")
    buffer.close()
    return bytes(data.data())


def dib_bytes(image: QImage) -> bytes:
    """A 32-bit BGRA DIB as stored in an ICO: bottom-up rows, then an all-clear AND mask."""
    size = image.width()
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    # Format_ARGB32 is 0xAARRGGBB per pixel, i.e. B, G, R, A in little-endian memory.
    pixels = image.constBits().tobytes() if sys.byteorder == "little" else None
    if pixels is None:
        raise RuntimeError("writing ICO pixels assumes a little-endian machine")
    stride = image.bytesPerLine()
    rows = [pixels[y * stride : y * stride + size * 4] for y in range(size)]
    mask_row = bytes(((size + 31) // 32) * 4)
    return header + b"".join(reversed(rows)) + mask_row * size


def ico_bytes(images: dict[int, QImage]) -> bytes:
    entries, blobs = [], []
    offset = 6 + 16 * len(images)
    for size, image in sorted(images.items()):
        blob = png_bytes(image) if size >= 256 else dib_bytes(image)
        dimension = 0 if size >= 256 else size  # 0 means 256 in the directory entry
        entries.append(struct.pack("<BBBBHHII", dimension, dimension, 0, 0, 1, 32, len(blob), offset))
        blobs.append(blob)
        offset += len(blob)
    return struct.pack("<HHH", 0, 1, len(images)) + b"".join(entries) + b"".join(blobs)


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841  (QPainter needs it)
    renderer = QSvgRenderer(QByteArray(SVG.encode("utf-8")))
    if not renderer.isValid():
        raise RuntimeError("the icon SVG does not parse")
    ICONS.mkdir(parents=True, exist_ok=True)
    (ICONS / "planner.svg").write_text(SVG, encoding="utf-8")
    (ICONS / "planner.png").write_bytes(png_bytes(render(renderer, PNG_SIZE)))
    (ICONS / "planner.ico").write_bytes(ico_bytes({size: render(renderer, size) for size in ICO_SIZES}))
    for name in ("planner.svg", "planner.png", "planner.ico"):
        print(f"wrote {(ICONS / name).relative_to(ROOT)} ({(ICONS / name).stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
