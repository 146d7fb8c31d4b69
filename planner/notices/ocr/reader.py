"""Reading a scan page by page: each page a job of the reading worker, the caller reporting progress between.

`read_notice` hands a scan here once the worker has said what the file is (an image-only PDF,
or a PNG, JPEG or TIFF picture) and how many pages it has. Each page is one job of the
reading worker (`planner.sheets.isolation`): Tesseract is native code, so its crash on a page
is a refusal naming the file and the page, and a page that takes over the worker's time limit
is stopped. Between pages the caller's `progress(done, total)` is called; the window's job
runner raises there when the clerk cancels, so a 20-page scan is stopped within a page.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from planner.notices.document import NoticeDocument
from planner.notices.ocr.engine import OcrFailedError, OcrMissingError, missing_message, ocr_available
from planner.notices.ocr.pages import ReadLine, ReadPage, ReadTable
from planner.notices.refusals import NoticeTooLargeError, NotNoticeError

MAX_SCANNED_PAGES = 300  # about 15 minutes of reading at 3 s a page
SEAL_SURE = 0.95  # a line where red ink stood is kept only when read this surely (black print under a seal)
Progress = Callable[[int, int], None]


def pdf_pages(data: bytes) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        return len(document)
    finally:
        document.close()


def picture_pages(data: bytes, file_name: str, what: str) -> int:
    """The frames of a picture (a TIFF may hold every page); a picture Pillow cannot open is refused."""
    from PIL import Image, UnidentifiedImageError

    from planner.notices.ocr.imaging import picture_frames

    try:
        with Image.open(io.BytesIO(data)) as picture:
            picture.verify()
        return picture_frames(data)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise NotNoticeError(f"文件“{file_name}”的内容是{what}，但图片已损坏或不完整，无法打开。"
                             "请重新扫描或拍摄后再试。") from None


def _page_image(path: str, kind: str, index: int):
    from planner.notices.ocr import imaging

    data = Path(path).read_bytes()
    if kind == "pdf":
        import pypdfium2 as pdfium

        document = pdfium.PdfDocument(data)
        try:
            rgb = document[index].render(scale=imaging.OCR_DPI / 72).to_pil().convert("RGB")
        finally:
            document.close()
        return rgb, imaging.OCR_DPI
    return imaging.scaled_for_reading(imaging.open_picture(data, index))


def _surety(strip) -> float:
    from planner.notices.ocr.engine import read_lines

    lines = read_lines(strip, 150, single_block=True)
    values = [value for line in lines for value in line.confidences]
    return sum(values) / len(values) if values else 0.0


def _inside(box: tuple[int, int, int, int], area: tuple[int, int, int, int]) -> float:
    """The share of `box` that lies inside `area`."""
    width = max(0, min(box[2], area[2]) - max(box[0], area[0]))
    height = max(0, min(box[3], area[3]) - max(box[1], area[1]))
    size = max(1, (box[2] - box[0]) * (box[3] - box[1]))
    return width * height / size


def read_scanned_page(path: str, kind: str, index: int) -> ReadPage:
    """Page `index` (0-based) of the scan at `path`, recognised: the job the reading worker runs. Tesseract's
    own failures (tesserocr raises RuntimeError) are a refusal naming the file and the page."""
    try:
        return _read_page(path, kind, index)
    except RuntimeError as exc:
        raise OcrFailedError(f"文件“{Path(path).name}”第{index + 1}页文字识别失败（{exc}）。"
                             "请重新扫描这一页后再试，或使用原始的 Word 或 WPS 文件。") from None


def _read_page(path: str, kind: str, index: int) -> ReadPage:
    from planner.notices.ocr import imaging
    from planner.notices.ocr.bands import read_missed
    from planner.notices.ocr.cells import read_table
    from planner.notices.ocr.engine import read_lines
    from planner.notices.ocr.tables import find_tables

    rgb, ppi = _page_image(path, kind, index)
    page = imaging.prepare(rgb, ppi, _surety)
    gray = page.gray
    tables = find_tables(gray, ppi)
    read_tables: list[ReadTable] = []
    text_part = gray.copy()
    for lattice in tables:
        read_tables.append(read_table(gray, lattice, ppi))
        text_part.paste(255, lattice.box)
    result = ReadPage(number=index + 1, width=gray.width, height=gray.height, ppi=ppi, tables=read_tables,
                      turned=page.turned, skew=page.skew, preview=page.preview)
    from PIL import Image

    with Image.open(io.BytesIO(page.preview)) as shown:
        result.preview_size = shown.size
    lines = read_lines(text_part, ppi)
    lines += read_missed(text_part, lines, ppi)
    for line in sorted(lines, key=lambda line: line.box[1]):
        text = line.text
        confidences = line.confidences
        mean = sum(confidences) / max(len(confidences), 1)
        if any(_inside(line.box, seal) > 0.5 for seal in page.seals) and (mean < SEAL_SURE or len(text) < 2):
            result.seal_lines += 1
            continue
        result.lines.append(ReadLine(text, confidences, line.box))
    return result


def read_scan(path: Path, file_name: str, kind: str, sha256: str, pages: int, *, isolated: bool = True,
              progress: Progress | None = None) -> NoticeDocument:
    """The scan at `path` read page by page and put together as a `NoticeDocument`."""
    from planner.notices.ocr.layout import assemble

    what = "扫描件（PDF 中只有页面图片，没有文字层）" if kind == "pdf" else "图片（扫描件或照片）"
    if not ocr_available():
        raise OcrMissingError(missing_message(file_name, what))
    if pages > MAX_SCANNED_PAGES:
        raise NoticeTooLargeError(f"文件“{file_name}”是有 {pages} 页的扫描件，"
                                  f"超过文字识别 {MAX_SCANNED_PAGES} 页的上限。请只导入通知正文所在的页面。")
    read: list[ReadPage] = []
    for index in range(pages):
        if progress is not None:
            progress(index, pages)
        if isolated:
            from planner.sheets.isolation import run_isolated

            page = run_isolated(read_scanned_page, str(path), kind, index, file_name=f"{file_name}（第{index + 1}页）",
                                reopen_in="PDF 阅读器" if kind == "pdf" else "图片查看程序")
        else:
            page = read_scanned_page(str(path), kind, index)
        read.append(page)
    if progress is not None:
        progress(pages, pages)
    return assemble(read, file_name, kind, sha256)
