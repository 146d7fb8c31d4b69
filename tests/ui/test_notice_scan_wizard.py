"""A scanned notice in the wizard, as the clerk checks it: the page beside the text, each line boxed with its
confidence, the characters OCR was unsure of underlined, and the plan imported from the scan."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.notices import scan_files
from tests.notices.notice_files import hangzhou_notice
from tests.ui.notice_wizard_steps import drop, find_wizard, import_and_wait, item_index, settle, shown_plan
from ui.importing.notice_scan import percent
from ui.importing.notice_text import DOUBTFUL_COLOUR

DPI = 150


@pytest.fixture
def window(open_window, store, chinese_ui):
    return open_window(store)


@pytest.fixture(scope="module")
def scanned_page(tmp_path_factory) -> Path:
    """Page 2 of the Hangzhou notice photographed: tasks 1 to 4 with their offices, a little turned, uneven light."""
    folder = tmp_path_factory.mktemp("scan")
    printed, _texts = scan_files.text_pages(hangzhou_notice(), folder)
    page = scan_files.rendered(printed, DPI, [1])[0]
    photo = scan_files.uneven_light(scan_files.spoiled(page, turn=0.7))
    path = folder / "通知第2页.jpg"
    photo.save(path, quality=85)
    return path


def test_a_dropped_scan_shows_its_page_beside_the_text_with_each_lines_confidence(qtbot, window, scanned_page):
    drop(window, scanned_page)
    wizard = find_wizard(window)
    settle(qtbot, wizard)
    ui = wizard.ui
    assert ui.scan.isVisible()
    assert "图片" in ui.source_label.text()
    index = item_index(wizard, "2.全面履行政府主导责任")
    ui.text.show_item(index)
    qtbot.waitUntil(lambda: ui.scan.shown_page == 1)
    paragraph = wizard.preview.document.paragraph_at(wizard.preview.recognised.items[index].place)
    assert paragraph is not None and paragraph.ocr is not None
    assert ui.scan.shown_lines == [line.confidence for line in paragraph.ocr.lines] and len(ui.scan.shown_lines) >= 3
    caption = ui.scan.caption.text()
    assert "第1页" in caption and percent(paragraph.confidence) in caption
    assert percent(paragraph.confidence) in ui.text.item_tooltip(index)
    pixmap = ui.scan.page.pixmap()
    assert not pixmap.isNull() and pixmap.height() > pixmap.width()


def _fragments(block):
    iterator = block.begin()
    while not iterator.atEnd():
        yield iterator.fragment()
        iterator += 1


def test_unsure_characters_are_underlined_in_the_text(qtbot, window, scanned_page):
    drop(window, scanned_page)
    wizard = find_wizard(window)
    settle(qtbot, wizard)
    document, items = wizard.preview.document, wizard.preview.recognised.items
    unsure = {index: paragraph.ocr.doubtful for index, item in enumerate(items)
              if (paragraph := document.paragraph_at(item.place)) is not None and paragraph.ocr.doubtful}
    assert unsure, "a photo in uneven light has characters OCR is unsure of"
    text = wizard.ui.text.document()
    for index, ranges in unsure.items():
        block = text.findBlockByNumber(index)
        start, end = ranges[0]
        fragment = next(fragment for fragment in _fragments(block) if fragment.position() - block.position() <= start
                        < fragment.position() - block.position() + fragment.length())
        assert fragment.charFormat().fontUnderline()
        assert fragment.charFormat().foreground().color().name().upper() == DOUBTFUL_COLOUR
        assert items[index].text[start:end] in fragment.text()


def test_the_plan_of_a_two_page_scan_is_imported(qtbot, window, tmp_path):
    printed, _texts = scan_files.text_pages(hangzhou_notice(), tmp_path)
    pages = [scan_files.spoiled(page, turn=0.6, seed=index)
             for index, page in enumerate(scan_files.rendered(printed, DPI, [0, 1]))]
    scan = scan_files.image_pdf([scan_files.red_header(pages[0], DPI), pages[1]], tmp_path / "扫描件.pdf")
    drop(window, scan)
    wizard = find_wizard(window)
    settle(qtbot, wizard)
    assert wizard.preview.plan.doc_no == "杭政办函〔2020〕47号"
    plan = shown_plan(qtbot, window, import_and_wait(qtbot, wizard))
    assert [task.name for task in plan.tasks][:3] == ["巩固家庭养老基础地位", "全面履行政府主导责任",
                                                     "充分发挥基层社区和社会主体优势"]
    assert plan.tasks[0].lead == ["市卫生健康委员会"] and plan.tasks[2].lead == ["市民政局"]
    assert scan.name in plan.source
