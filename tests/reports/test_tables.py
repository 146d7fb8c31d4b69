"""Tables and turned pages read back from the PDFs, as a 督查 office reads them.

Columns are sized from what they hold (a year column holding `2` or `4` is not 27 mm
wide while 配合单位 wraps over seven lines), header cells break between words (负责/任务,
never 负责任/务), no line ends with an opening quote or bracket nor starts with a
closing mark, and the page numbers of turned pages stand where the portrait pages
have theirs once the page is turned back (GB/T 9704-2012 7.5).
"""

from __future__ import annotations

import re

import pytest

from planner.documents import ReportKind, ReportRequest, build_report
from planner.store import open_store

from .pdf_pages import Box, Line, Page, read_pages
from .test_page_breaks import _header, demo_reports
from .test_titles import word_faults

OPENING = set("“‘（《〈【〔([")
CLOSING = set("。，、；：？！”’）》〉】〕)]%")


@pytest.fixture(scope="module")
def demo_pdfs(tmp_path_factory):
    from planner.app.demo import load_demo
    from tests.conftest import TEST_ACTOR

    folder = tmp_path_factory.mktemp("tables")
    with open_store(folder / "demo.sqlite3", TEST_ACTOR) as store:
        load_demo(store)
        yield demo_reports(store, folder)


@pytest.fixture(scope="module")
def generated_quarterly(generated_db, tmp_path_factory) -> list[Page]:
    path, plan_id = generated_db
    out = tmp_path_factory.mktemp("generated-tables") / "quarterly.pdf"
    with open_store(path, readonly=True) as store:
        result = build_report(store.conn, ReportRequest(ReportKind.QUARTERLY, plan_id, "2022Q2", issuer="市民政局"),
                              out)
    return read_pages(result.path)


def header_band(page: Page) -> list[Box]:
    """The header cells of the table at the top of the page (one or two rows of them)."""
    first = _header(page)
    if first is None:
        return []
    return [box for box in page.boxes if box.bottom >= first.bottom - 1.5 and box.top <= first.top + 1.5]


def column_cells(page: Page, title: str) -> list[Box]:
    """The body cells below the header cell `title`, in its column."""
    heads = [box for box in header_band(page) if "".join(cell_lines(page, box)) == title]
    if not heads:
        return []
    head = heads[0]
    return [box for box in page.boxes if abs(box.left - head.left) < 1.5 and abs(box.right - head.right) < 1.5
            and box.top <= head.bottom + 1.5]


def cell_lines(page: Page, box: Box) -> list[str]:
    return [line.text for line in page.lines_in(box)]


def mark_faults(lines: list[str], where: str) -> list[str]:
    """Lines that end with an opening mark or start with a closing one. A straight double quote opens or closes
    by its order in the text."""
    faults, quotes = [], 0
    for number, line in enumerate(lines):
        opening_quote = False
        for char in line:
            if char == '"':
                quotes += 1
                opening_quote = quotes % 2 == 1
        last = number == len(lines) - 1
        if not last and (line[-1] in OPENING or (line[-1] == '"' and opening_quote)):
            faults.append(f"{where}: {line!r} ends with {line[-1]}")
        if number and line[0] in CLOSING:
            faults.append(f"{where}: {line!r} starts with {line[0]}")
    return faults


def body_lines(page: Page) -> list[Line]:
    """The lines of text standing outside every table cell and chart box."""
    found = []
    for line in page.lines:
        chars = [c for c in line.chars if not any(box.holds(c) for box in page.boxes)]
        if chars:
            found.append(Line(chars))
    return found


def page_mark_faults(page: Page) -> list[str]:
    faults = []
    for box in page.boxes:
        lines = cell_lines(page, box)
        if len(lines) > 1:
            faults += mark_faults(lines, f"page {page.number}, cell {lines[0][:8]}…")
    body = [line.text for line in body_lines(page) if abs(line.size - 16.0) < 0.5]
    return faults + mark_faults(body, f"page {page.number}")


def test_hengshui_target_table_columns_follow_their_content(demo_pdfs):
    pages, _request = demo_pdfs["hengshui-targets"]
    assert len(pages) <= 2  # eight rows; three pages when every column had its fixed share
    for page in pages:
        assert all(page.block.left - 1.5 <= box.left and box.right <= page.block.right + 1.5 for box in page.boxes)
        for year in ("2020年", "2021年", "2022年"):
            cells = column_cells(page, year)
            assert all(len(cell_lines(page, cell)) <= 1 for cell in cells), year  # `2`, `4`, `35` on one line
        co = column_cells(page, "配合单位")
        assert co and max(len(cell_lines(page, cell)) for cell in co) <= 4


def test_harbin_year_cells_take_the_width_their_lists_need(demo_pdfs):
    pages, _request = demo_pdfs["harbin-targets"]
    tallest = 0
    for page in pages:
        assert all(page.block.left - 1.5 <= box.left and box.right <= page.block.right + 1.5 for box in page.boxes)
        for year in ("2015年", "2016年", "2017年"):
            tallest = max([tallest, *(len(cell_lines(page, cell)) for cell in column_cells(page, year))])
    assert 0 < tallest < 20  # the 18-district bed list ran to 24 lines in a column of a fixed share


def test_text_columns_are_not_squeezed_to_a_word_a_line(demo_pdfs):
    """主要任务 and 牵头单位 hold four characters a line, their headers on one line (not 主要 / 任务), where the page
    has room: a column two characters wide reads as a list of syllables."""
    for name in ("harbin-targets", "hengshui-targets", "harbin-2015Q3", "hengshui"):
        pages, _request = demo_pdfs[name]
        for page in pages:
            for title in ("主要任务", "牵头单位"):
                heads = [box for box in header_band(page) if "".join(cell_lines(page, box)) == title]
                assert all(len(cell_lines(page, box)) == 1 for box in heads), (name, page.number, title)


def _header_texts(pages: list[Page]) -> set[tuple[str, ...]]:
    return {tuple(cell_lines(page, box)) for page in pages for box in header_band(page) if cell_lines(page, box)}


def test_header_cells_break_between_words(demo_pdfs, generated_quarterly):
    headers = set().union(*(_header_texts(pages) for pages, _request in demo_pdfs.values()))
    headers |= _header_texts(generated_quarterly[:8])
    broken = [lines for lines in headers if len(lines) > 1]
    assert broken  # narrow columns really have headers over two lines (负责/任务, 牵头/单位)
    assert [fault for lines in broken for fault in word_faults(list(lines))] == []


def test_no_line_ends_with_an_opening_quote_or_bracket(demo_pdfs, generated_quarterly):
    faults = [fault for pages, _request in demo_pdfs.values() for page in pages for fault in page_mark_faults(page)]
    faults += [fault for page in generated_quarterly[:40] + generated_quarterly[-40:]
               for fault in page_mark_faults(page)]
    assert faults == []


def test_mark_faults_finds_an_opening_quote_at_a_line_end():
    assert mark_faults(["充分利用电信“", "12349”呼叫平台"], "cell") != []
    assert mark_faults(['充分利用电信"', '12349"呼叫平台'], "cell") != []
    assert mark_faults(["会同市应急管理局（", "消防救援支队）"], "cell") != []
    assert mark_faults(["充分利用电信", "“12349”呼叫平台"], "cell") == []


def _number_box(page: Page) -> Box:
    chars = page.number_chars
    assert chars, f"no page number on page {page.number}"
    return Box(min(c.left for c in chars), min(c.bottom for c in chars), max(c.right for c in chars),
               max(c.top for c in chars))


def test_turned_pages_number_where_the_portrait_pages_do(demo_pdfs):
    """A turned page is read with its top towards the binding of odd pages and the cut edge of even ones (the
    table's head on the left of the opened document): its page number stands 7 mm below the text block of the
    portrait page it was turned from, odd pages on the right and even pages on the left, one character in."""
    pages, _request = demo_pdfs["harbin-2015Q3"]
    portrait = {page.number % 2: page for page in pages if not page.landscape}
    turned = [page for page in pages if page.landscape]
    assert len(turned) >= 2 and set(portrait) == {0, 1}
    for page in turned:
        number, upright = _number_box(page), _number_box(portrait[page.number % 2])
        below = page.block.left - number.right  # the turned page's left edge is the portrait page's foot
        assert below == pytest.approx(portrait[0].block.bottom - upright.top, abs=1.0), page.number
        assert number.height > 2 * number.width, page.number  # written along the edge, turned with the page
        if page.number % 2:
            inset, portrait_inset = number.bottom - page.block.bottom, portrait[1].block.right - upright.right
        else:
            inset, portrait_inset = page.block.top - number.top, upright.left - portrait[0].block.left
        assert inset == pytest.approx(portrait_inset, abs=1.0), page.number


def test_the_office_table_and_chart_name_the_on_track_rate_never_the_completion_rate(demo_pdfs):
    """推进率 (tasks done or on schedule) and 完成率 (value against target) are two names for two figures."""
    for name in ("harbin-2015Q3", "hengshui"):
        pages, _request = demo_pdfs[name]
        office_page = next(page for page in pages if any(line.text.startswith("表1") for line in page.lines))
        header = ["".join(cell_lines(office_page, box)) for box in header_band(office_page)]
        assert "推进率" in header and not any("完成率" in text for text in header), name
        text = "\n".join(line.text for page in pages for line in page.lines)
        assert re.search(r"图2\s*各单位推进率", text), name
        assert not re.search(r"完成率(?:最高|为\d+%|（)", text), name  # never an office's or the plan's share
