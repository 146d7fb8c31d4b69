"""Scanned notices read with the OCR component, as a clerk checks them: the plan a scan gives is the plan the
text gives, the red header and the seal are not text, tables keep their rows and columns, a turned page reads.

Every scan is made here from the seed texts (`scan_files`): printed to PDF with the bundled font, rendered at
150 dpi, spoiled as paper is. Reading a page takes a few seconds, so each scan is read once per module.
"""

from __future__ import annotations

import os
import re

import pytest

from planner.domain.errors import InputError
from planner.notices.document import Table
from planner.notices.importing import preview_notice
from planner.notices.items import RecognitionSettings
from planner.notices.readers import read_notice
from planner.notices.refusals import NoticeInputError, ScannedNoticeError
from planner.notices.text import read_text_notice
from tests.notices import scan_files
from tests.notices.notice_files import HEADER_TEXT, SEEDS, hangzhou_notice

HANGZHOU = SEEDS / "003_1f416157280a8fdb.txt"
DPI = 150



def offices(preview) -> list[tuple[str, list[str], list[str]]]:
    return [(task.name, task.lead, task.co) for task in preview.plan.tasks]


@pytest.fixture(scope="module")
def hangzhou_scan(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scan")
    printed, scan = scan_files.stamped_scan(scan_files.text_notice(), folder, DPI)
    calls: list[tuple[int, int]] = []
    document = read_notice(scan, progress=lambda done, total: calls.append((done, total)))
    return printed, document, calls


@pytest.fixture(scope="module")
def hangzhou_preview(hangzhou_scan):
    return preview_notice(hangzhou_scan[1], RecognitionSettings())


def test_a_stamped_scan_gives_the_plan_the_text_gives(hangzhou_preview):
    text = preview_notice(read_text_notice(HANGZHOU), RecognitionSettings())
    plan = hangzhou_preview.plan
    assert len(plan.tasks) == 16
    assert [section.title for section in plan.sections] == [section.title for section in text.plan.sections]
    assert len(plan.sections) == 5
    assert plan.tasks[0].lead == ["市卫生健康委员会"]
    assert offices(hangzhou_preview) == offices(text)
    assert [task.origin for task in plan.tasks] == [task.origin for task in text.plan.tasks]


def test_the_scans_particulars_and_figures(hangzhou_preview):
    plan = hangzhou_preview.plan
    assert plan.title == "杭州市人民政府办公厅关于进一步加强居家养老服务的实施意见"
    assert plan.doc_no == "杭政办函〔2020〕47号"  # read as 杭政办函【2020]47号 and corrected
    assert plan.issuer == "杭州市人民政府办公厅" and plan.issue_date == "2020-10-09"
    tasks = {task.name: task for task in plan.tasks}
    rooms = tasks["严格落实设施配建标准"].content
    assert "每6000—8000户配建1处" in rooms and "2000—3000平方米" in rooms


def test_the_scan_reads_like_its_text(hangzhou_scan):
    printed, document, _calls = hangzhou_scan
    truth = "".join(paragraph.full_text for paragraph in read_notice(printed).paragraphs)
    read = "".join(paragraph.full_text for paragraph in document.paragraphs)
    assert scan_files.char_accuracy(truth, read) >= 0.99


def test_the_red_header_and_the_seal_are_not_text(hangzhou_scan):
    _printed, document, _calls = hangzhou_scan
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert texts[0] == "杭州市人民政府办公厅关于进一步加强居家养老服务的实施意见"
    assert not any(HEADER_TEXT in text for text in texts)
    assert texts[-2:] == ["杭州市人民政府办公厅", "2020年10月9日"]  # the seal's ring of characters left out


def test_each_paragraph_knows_its_confidence_and_its_place_on_the_page(hangzhou_scan):
    _printed, document, calls = hangzhou_scan
    pages = len(document.page_images)
    assert pages == 8 and calls == [(done, pages) for done in range(pages + 1)]
    for paragraph in document.paragraphs:
        assert paragraph.ocr is not None and 0 < paragraph.confidence <= 1
        assert paragraph.ocr.lines[0].start == 0 and paragraph.ocr.lines[-1].end == len(paragraph.text)
        left, top, right, bottom = paragraph.ocr.lines[0].box
        assert 0 <= left < right <= 1 and 0 <= top < bottom <= 1
    first = document.page_image(1)
    assert first is not None and first.data[:2] == b"\xff\xd8" and first.height > first.width


def test_cancelling_stops_between_pages(tmp_path, hangzhou_scan):
    printed, _document, _calls = hangzhou_scan
    page = scan_files.rendered(printed, DPI, [0])[0]
    scan = scan_files.image_pdf([page, page, page], tmp_path / "三页.pdf")
    seen: list[int] = []

    class Cancelled(Exception):
        pass

    def progress(done: int, total: int) -> None:
        seen.append(done)
        if done == 1:
            raise Cancelled()

    with pytest.raises(Cancelled):
        read_notice(scan, progress=progress)
    assert seen == [0, 1]


def _page_texts(printed) -> list[str]:
    """Each printed page's text, its page number "— 3 —" left out (the reader drops it as a clerk would)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(printed))
    try:
        texts = [document[index].get_textpage().get_text_bounded() for index in range(len(document))]
    finally:
        document.close()
    return [re.sub(r"—\s*\d+\s*—", "", text) for text in texts]


def _page_with(printed, text: str) -> int:
    return next(index for index, page in enumerate(_page_texts(printed)) if text in page)


def test_a_phone_photo_with_uneven_light(tmp_path, hangzhou_scan):
    printed, _document, _calls = hangzhou_scan
    number = _page_with(printed, "4.严格落实设施配建标准")
    photo = scan_files.uneven_light(scan_files.spoiled(scan_files.rendered(printed, DPI, [number])[0], turn=-1.2))
    path = tmp_path / "手机拍照.jpg"
    photo.save(path, quality=80)
    document = read_notice(path)
    truth = _page_texts(printed)[number]
    read = "".join(paragraph.full_text for paragraph in document.paragraphs)
    assert document.kind == "image" and scan_files.char_accuracy(truth, read) >= 0.97
    brackets = re.findall(r"〔责任单位[^〕]*〕", truth)
    assert brackets and all(scan_files.folded(bracket) in scan_files.folded(read) for bracket in brackets)


@pytest.mark.parametrize("turned", [90, 180])
def test_a_page_turned_on_its_side_or_upside_down(tmp_path, hangzhou_scan, turned):
    printed, _document, _calls = hangzhou_scan
    page = scan_files.rendered(printed, DPI, [1])[0].rotate(turned, expand=True)
    path = tmp_path / "转向.png"
    page.save(path)
    document = read_notice(path)
    truth = _page_texts(printed)[1]
    read = "".join(paragraph.full_text for paragraph in document.paragraphs)
    assert scan_files.char_accuracy(truth, read) >= 0.98
    assert any("已转正" in warning and "第1页" in warning for warning in document.warnings)


def test_the_appendix_table_comes_back_as_rows_and_columns(tmp_path):
    notice = hangzhou_notice(3)
    printed, _texts = scan_files.text_pages(notice, tmp_path)
    number = _page_with(printed, "时间进度")
    page = scan_files.spoiled(scan_files.rendered(printed, DPI, [number])[0], turn=0.5)
    path = tmp_path / "附件.png"
    page.save(path)
    document = read_notice(path)
    tables = [block for block in document.blocks if isinstance(block, Table)]
    assert len(tables) == 1
    grid = tables[0].grid
    expected = notice.table.rows
    assert len(grid.rows) == len(expected) and all(len(row) == len(expected[0]) for row in grid.rows)
    assert {(m.first_row, m.first_column, m.last_row, m.last_column) for m in grid.merges} == set(
        notice.table.merges)
    cells = [(scan_files.folded(str(grid.rows[r][c] or "")), scan_files.folded(value or ""))
             for r, row in enumerate(expected) for c, value in enumerate(row)]
    assert sum(read == truth for read, truth in cells) >= 0.9 * len(cells)
    assert grid.value(0, 5) == "时间进度"


def test_an_empty_page_is_refused_with_its_file_named(tmp_path):
    from PIL import Image

    page = scan_files.spoiled(Image.new("RGB", (1240, 1754), "white"), specks=3000)
    path = tmp_path / "空白页.png"
    page.save(path)
    with pytest.raises(ScannedNoticeError) as refused:
        read_notice(path)
    assert "空白页.png" in str(refused.value) and "没有在其中找到文字" in str(refused.value)


def test_a_damaged_picture_is_refused_with_its_file_named(tmp_path):
    from PIL import Image

    path = tmp_path / "损坏.png"
    buffer = tmp_path / "whole.png"
    Image.new("RGB", (400, 600), "white").save(buffer)
    path.write_bytes(buffer.read_bytes()[:200])
    with pytest.raises(NoticeInputError) as refused:
        read_notice(path)
    assert "损坏.png" in str(refused.value)


def test_without_the_component_a_scan_says_how_to_add_it(tmp_path, monkeypatch):
    """The component's absence simulated: tesserocr cannot be found, so the scan is refused with the way to add
    OCR, before any page is read."""
    import importlib.util

    from PIL import Image

    from planner.notices.ocr.engine import OcrMissingError

    found = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *args: None if name == "tesserocr" else found(name, *args))
    path = tmp_path / "盖章扫描件.pdf"
    scan_files.image_pdf([Image.new("RGB", (400, 566), "white")], path)
    with pytest.raises(OcrMissingError) as refused:
        read_notice(path, progress=lambda done, total: pytest.fail("no page is read without the component"))
    message = str(refused.value)
    assert "盖章扫描件.pdf" in message and "扫描件文字识别（OCR）" in message
    assert "选择组件" in message and "annual-target-planner-ocr" in message and 'pip install ".[ocr]"' in message


def crashing_page(path: str, kind: str, index: int):
    """A page job that dies as native code does when it crashes: no exception, the process is gone."""
    os.abort()


def test_a_crash_in_the_ocr_is_a_refusal_naming_the_file_and_page(tmp_path, monkeypatch):
    from PIL import Image

    from planner.notices.ocr import reader

    monkeypatch.setattr(reader, "read_scanned_page", crashing_page)
    path = tmp_path / "崩溃.pdf"
    scan_files.image_pdf([Image.new("RGB", (400, 566), "white")], path)
    with pytest.raises(InputError) as refused:
        read_notice(path)
    assert "崩溃.pdf" in str(refused.value) and "第1页" in str(refused.value)
    assert "异常退出" in str(refused.value)
    monkeypatch.undo()
    assert read_notice(_small_scan(tmp_path)).paragraphs  # the worker that died was replaced: the next scan reads


def _small_scan(folder):
    """One short page of the notice's text, to show that reading goes on after a crash."""
    printed, _texts = scan_files.text_pages(scan_files.text_notice(), folder)
    path = folder / "下一页.png"
    scan_files.rendered(printed, DPI, [0])[0].save(path)
    return path
