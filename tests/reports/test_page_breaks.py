"""Page breaks read back from the PDFs: nothing stands alone that belongs with what precedes or follows it.

The 署名 and 成文日期 share a page with lines of the body, a heading never ends a
page, the 附件 label and title stand with the start of their table (a tall first row
cut rather than a page left empty), and an attached table does not end with one
row on a page of its own when the page before could give it another.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from planner.documents import ReportKind, ReportRequest, build_report, parse_statuses
from planner.documents.chart import BAR_HEIGHT
from planner.documents.keeping import MIN_LINES
from planner.documents.page_geometry import LINE_PITCH
from planner.documents.wording import document_date
from planner.store import open_store
from planner.store.queries import list_plans

from .helpers import add_plan, task
from .pdf_pages import Page, read_pages

ISSUED = date(2021, 7, 10)
ISSUER = "市民政局"
HEADING = re.compile(r"^[一二三四五六七八九十]+、")
TITLE_SIZE, HEADING_SIZE, TABLE_SIZE = 22.0, 16.0, 10.5


def _plan(store, key: str) -> int:
    return next(p.id for p in list_plans(store.conn) if p.key == key)


def demo_reports(store, folder: Path) -> dict[str, tuple[list[Page], ReportRequest]]:
    """Every report the issue names, on the demo plans: Harbin's quarters, its lagging list without a 署名,
    an office report, Hengshui's quarter and both target tables."""
    harbin, hengshui = _plan(store, "harbin"), _plan(store, "hengshui")
    requests = {f"harbin-{code}": ReportRequest(ReportKind.QUARTERLY, harbin, code, issuer=ISSUER, issued_on=ISSUED)
                for code in ("2015Q1", "2015Q3", "2016Q2", "2017Q4")}
    requests["harbin-lagging"] = ReportRequest(ReportKind.QUARTERLY, harbin, "2015Q3", issued_on=ISSUED,
                                               statuses=parse_statuses("滞后,未填报"))
    requests["harbin-office"] = ReportRequest(ReportKind.OFFICE, harbin, "2015Q3", office="各区、县(市)政府",
                                              issued_on=ISSUED)
    requests["hengshui"] = ReportRequest(ReportKind.QUARTERLY, hengshui, "2021Q2", issuer=ISSUER, issued_on=ISSUED)
    requests["harbin-targets"] = ReportRequest(ReportKind.TARGETS, harbin)
    requests["hengshui-targets"] = ReportRequest(ReportKind.TARGETS, hengshui)
    made = {}
    for name, request in requests.items():
        result = build_report(store.conn, request, folder / f"{name}.pdf")
        made[name] = (read_pages(result.path), request)
    return made


def signature_lines(request: ReportRequest) -> set[str]:
    issuer = request.issuer or (request.office if request.kind is ReportKind.OFFICE else "")
    return {text for text in (issuer, document_date(request.issued_on or ISSUED)) if text}


def is_heading(line) -> bool:
    return (abs(line.size - HEADING_SIZE) < 0.5 and HEADING.match(line.text) is not None) \
        or abs(line.size - TITLE_SIZE) < 0.5 or (line.text.startswith("表") and line.size < HEADING_SIZE
                                                 and line.size > TABLE_SIZE)


def check_pages(pages: list[Page], request: ReportRequest) -> list[str]:
    """What a reader would find wrong with the page breaks, page by page."""
    faults = []
    signature = signature_lines(request)
    for page in pages:
        texts = [line.text for line in page.lines]
        if not texts:
            faults.append(f"page {page.number} is empty")
            continue
        if request.kind is not ReportKind.TARGETS and set(texts) <= signature:
            faults.append(f"page {page.number} holds only {texts}")
        if all(is_heading(line) or line.text == "附件" for line in page.lines):
            faults.append(f"page {page.number} holds only headings or titles: {texts}")
        if is_heading(page.lines[-1]) and not page.lines[-1].text.startswith("图"):
            faults.append(f"page {page.number} ends with the heading {texts[-1]!r}")
        dated = [i for i, text in enumerate(texts) if text in signature]
        if request.kind is not ReportKind.TARGETS and dated:
            note = next((i for i, text in enumerate(texts) if text.startswith("附件：")), dated[0])
            body = [line for line in page.lines[:note] if abs(line.size - HEADING_SIZE) < 0.5 and not is_heading(line)]
            if len(body) < 2:
                faults.append(f"page {page.number}: the signature with {len(body)} line of the body")
            if len(dated) != len(signature):
                faults.append(f"page {page.number}: the 署名 and 成文日期 apart")
    return faults + table_faults(pages) + gap_faults(pages) + figure_faults(pages)


def gap_faults(pages: list[Page]) -> list[str]:
    """A page left short before a heading: the heading needs its own line and two of its paragraph."""
    faults = []
    for page, following in zip(pages, pages[1:]):
        if page.landscape or following.landscape or len(following.lines) < 2 or not page.lines:
            continue
        heading, first = following.lines[0], following.lines[1]
        if not (is_heading(heading) and HEADING.match(heading.text) and abs(first.size - HEADING_SIZE) < 0.5):
            continue
        free = (page.lines[-1].bottom - page.block.bottom) / LINE_PITCH
        if free > MIN_LINES + 1.5:
            faults.append(f"page {page.number} leaves {free:.0f} lines empty before the heading {heading.text!r}")
    return faults


LEGEND = "已完成序时推进滞后未填报"  # the office chart's legend, on every page its bars run over
FIGURE_START = 4 * LINE_PITCH  # the legend and a few bars: room enough on a page to start the chart


def figure_faults(pages: list[Page]) -> list[str]:
    """A page left short before the office chart, which could have started there and run on."""
    faults = []
    for page, following in zip(pages, pages[1:]):
        if page.landscape or following.landscape or not page.lines or not following.lines:
            continue
        if following.lines[0].text != LEGEND or page.lines[-1].text == LEGEND:
            continue
        free = page.lines[-1].bottom - page.block.bottom
        if free > FIGURE_START:
            faults.append(f"page {page.number} leaves {free / LINE_PITCH:.0f} lines empty before the chart")
    return faults


def chart_bars(page: Page) -> int:
    """The office chart's bars on a page: one level of bar segments per office (a stripe drawn over a segment
    stands within a point of its bar's bottom)."""
    bottoms = sorted(box.bottom for box in page.boxes if abs(box.height - BAR_HEIGHT) < 0.05)
    return sum(1 for index, bottom in enumerate(bottoms) if index == 0 or bottom - bottoms[index - 1] > 2)


FIRST_HEADERS = ("序号", "单位")  # the first column's header in every table of the reports


def _header(page: Page):
    """The first column's header cell nearest the top of the page, or None."""
    return max((box for box in page.boxes if page.text_in(box) in FIRST_HEADERS), key=lambda box: box.top,
               default=None)


def table_rows(page: Page) -> int:
    """Rows of the table below its header (the band holding 序号), walked down from the header while the next row's
    cells start where the last row ended. A merged cell spans rows: the shortest cell starting at an edge marks
    the next edge. (Neighbouring cells' outlines overlap by the rule's width.)"""
    header = _header(page)
    if header is None:
        return 0
    edge = min(box.bottom for box in page.boxes if abs(box.top - header.top) < 1.5)
    rows = 0
    while True:
        starting = [box for box in page.boxes if abs(box.top - edge) < 1.5 and box.bottom < edge - 1.5]
        if not starting:
            return rows
        rows += 1
        edge = max(box.bottom for box in starting)


def continues_table(page: Page) -> bool:
    """The page begins with a table's header repeated: the table of the page before runs on."""
    header = _header(page)
    if header is None or not page.lines:
        return False
    first = page.lines[0].chars[0]
    return header.bottom <= first.middle <= header.top


def table_faults(pages: list[Page]) -> list[str]:
    """Every table that runs over pages, portrait or turned: its header once a page, at the top of each part, and
    its last page holding more than one row when the page before holds three or more (one could have gone over)."""
    faults = []
    for page in pages:
        heads = [page.text_in(box) for box in page.boxes if page.text_in(box) in FIRST_HEADERS]
        if any(heads.count(text) > 1 for text in FIRST_HEADERS):
            faults.append(f"page {page.number} repeats a table's header below rows of the table")
    for page, following in zip(pages, pages[1:]):
        if not continues_table(following):
            continue
        if len(pages) > following.number and continues_table(pages[following.number]):
            continue  # not the table's last page
        before, last = table_rows(page), table_rows(following)
        if last == 1 and before >= 3:
            faults.append(f"the table ends with one row on page {following.number}, the page before holds {before}")
    return faults


@pytest.fixture(scope="module")
def demo_pdfs(tmp_path_factory):
    from planner.app.demo import load_demo
    from tests.conftest import TEST_ACTOR

    folder = tmp_path_factory.mktemp("page-breaks")
    with open_store(folder / "demo.sqlite3", TEST_ACTOR) as store:
        load_demo(store)
        yield demo_reports(store, folder)


@pytest.fixture(scope="module")
def generated_pdfs(generated_db, tmp_path_factory):
    path, plan_id = generated_db
    folder = tmp_path_factory.mktemp("generated-breaks")
    made = {}
    with open_store(path, readonly=True) as store:
        for name, request in {
            "quarterly": ReportRequest(ReportKind.QUARTERLY, plan_id, "2022Q2", issuer=ISSUER, issued_on=ISSUED),
            "lagging": ReportRequest(ReportKind.QUARTERLY, plan_id, "2022Q2", issued_on=ISSUED,
                                     statuses=parse_statuses("滞后,未填报")),
            "office": ReportRequest(ReportKind.OFFICE, plan_id, "2022Q2", office="市应急管理局", issued_on=ISSUED),
        }.items():
            result = build_report(store.conn, request, folder / f"{name}.pdf")
            made[name] = (read_pages(result.path), request)
    return made


def test_demo_reports_keep_signature_headings_and_attachment_titles_with_their_text(demo_pdfs):
    faults = {name: check_pages(pages, request) for name, (pages, request) in demo_pdfs.items()}
    assert {name: found for name, found in faults.items() if found} == {}


def test_the_harbin_signature_and_date_share_the_last_body_page(demo_pdfs):
    for name in ("harbin-2015Q3", "harbin-lagging"):
        pages, request = demo_pdfs[name]
        portrait = [page for page in pages if not page.landscape]
        last = [line.text for line in portrait[-1].lines]
        assert document_date(ISSUED) in last, name
        assert all(text in last for text in signature_lines(request)), name
        assert any(text.startswith("附件：") for text in last), name


def test_the_office_chart_starts_below_the_table_note_and_runs_on_with_its_legend(demo_pdfs):
    pages, _request = demo_pdfs["harbin-2015Q3"]
    note = next(page for page in pages if any(line.text.startswith("注：推进率") for line in page.lines))
    charted = [page for page in pages if chart_bars(page)]
    assert charted[0] is note, f"the note is on page {note.number}, the chart starts on page {charted[0].number}"
    assert len(charted) >= 2 and sum(chart_bars(page) for page in charted) == 45  # every office has its bar
    assert all(any(line.text == LEGEND for line in page.lines) for page in charted)
    captions = [page.number for page in pages for line in page.lines if line.text.startswith("图2")]
    assert captions == [charted[-1].number]


def test_the_attachment_title_stands_on_the_page_of_its_table(demo_pdfs):
    for name in ("harbin-2015Q3", "harbin-2017Q4", "harbin-office", "hengshui"):
        pages, _request = demo_pdfs[name]
        first = next(page for page in pages if page.landscape)
        assert first.lines[0].text == "附件", name
        assert table_rows(first) >= 1, f"{name}: page {first.number} has the title but no row of the table"


def test_two_thousand_tasks_keep_their_pages_whole(generated_pdfs):
    faults = {name: check_pages(pages, request) for name, (pages, request) in generated_pdfs.items()}
    assert {name: found for name, found in faults.items() if found} == {}
    pages, _request = generated_pdfs["quarterly"]
    assert len(pages) > 100  # the generated plan really runs over many pages


def _target_table_pages(store, folder: Path, tasks: int) -> list[Page]:
    rows = [task(str(n), f"推进第{n}项养老服务设施建设", targets={"2021": f"新增{n}个", "2022": f"新增{n + 1}个"})
            for n in range(1, tasks + 1)]
    plan_id = add_plan(store, f"分页测试计划{tasks}", rows)
    result = build_report(store.conn, ReportRequest(ReportKind.TARGETS, plan_id), folder / f"targets-{tasks}.pdf")
    return read_pages(result.path)


def test_a_table_that_would_end_with_one_row_takes_one_from_the_page_before(store, tmp_path):
    # Rows of one height: the first page holds `first` rows, each following page `full`. A table of
    # first + full + 1 rows would leave its last row alone on the third page.
    probe = _target_table_pages(store, tmp_path, 80)
    first, full = table_rows(probe[0]), table_rows(probe[1])
    assert full >= 3 and continues_table(probe[1])
    pages = _target_table_pages(store, tmp_path, first + full + 1)
    counts = [table_rows(page) for page in pages]
    assert len(pages) == 3 and sum(counts) == first + full + 1
    assert counts[-1] >= 2, f"rows per page {counts}: the table ends with one row"
    assert table_faults(pages) == []


SENTENCES = 14


def test_a_tall_row_fills_the_page_rather_than_leave_a_third_of_it_empty(store, tmp_path):
    # Each 重点内容 runs to over half a turned page: whole rows alone would leave every page nearly half empty.
    content = "".join(f"第{n}条：推进社区居家养老服务网络建设，完善助餐、助浴、助医等服务功能，加强运营监管。"
                      for n in range(1, SENTENCES + 1))
    rows = [task(str(n), f"推进第{n}项养老服务设施建设", content=content, targets={"2021": "新增2个"})
            for n in range(1, 9)]
    plan_id = add_plan(store, "高行分页测试计划", rows)
    path = build_report(store.conn, ReportRequest(ReportKind.TARGETS, plan_id), tmp_path / "tall.pdf").path
    pages = read_pages(path)
    assert len(pages) >= 3 and table_faults(pages) == []
    for page in pages[:-1]:
        table_bottom = min(box.bottom for box in page.boxes)
        assert table_bottom - page.block.bottom < page.block.height / 3, f"page {page.number} is a third empty"
    # No line of a cut row is lost: each 重点内容 writes 监 once in each of its sentences.
    assert sum(1 for page in pages for char in page.chars if char.text == "监") == SENTENCES * len(rows)


def test_a_plan_without_tasks_reports_so_and_attaches_no_empty_table(store, tmp_path):
    plan_id = add_plan(store, "尚无任务的计划", [])
    path = build_report(store.conn, ReportRequest(ReportKind.QUARTERLY, plan_id, "2021Q2", issuer=ISSUER,
                                                  issued_on=ISSUED), tmp_path / "empty.pdf").path
    pages = read_pages(path)
    text = "".join(line.text for page in pages for line in page.lines)
    assert "没有列入统计的重点工作" in text
    assert not any(page.landscape for page in pages) and "附件" not in text
    assert document_date(ISSUED) in text and ISSUER in text  # signed and dated as any report
