"""Reading a notice as a clerk gets it — Word with list numbering, a printed PDF, a saved web page — in order,
with its outline labels, its appendix table's merged cells, and nothing of the site or the page furniture."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.notices.document import NoticeDocument, Paragraph, Table
from planner.notices.readers import notice_from_html, read_notice
from tests.notices.notice_files import (
    ADVERT,
    FOOTER,
    FOOTER_TEXT,
    HEADER_TEXT,
    NAVIGATION,
    SHARE,
    SIDEBAR,
    Notice,
    hangzhou_notice,
    harbin_table,
    layout_table_page,
    web_page,
    write_docx,
    write_html,
    write_mhtml,
    write_pdf,
)

TASK_ROWS = 30  # enough for the appendix table to run on over several printed pages


@pytest.fixture(scope="module")
def notice():
    return hangzhou_notice(TASK_ROWS)


@pytest.fixture(scope="module")
def files(tmp_path_factory, notice) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("notices")
    return {"docx": write_docx(folder / "通知.docx", notice), "pdf": write_pdf(folder / "通知.pdf", notice),
            "html": write_html(folder / "通知.html", notice), "mhtml": write_mhtml(folder / "通知.mhtml", notice)}


def expected_texts(notice, with_title: bool = True) -> list[str]:
    """The paragraphs as the notice shows them, the list after the table included, in reading order."""
    lines = [line.full_text for line in notice.lines[: notice.table_after + 1]]
    lines += [line.full_text for line in notice.restarted]
    lines += [line.full_text for line in notice.lines[notice.table_after + 1:]]
    return ([notice.title] if with_title else []) + lines


def table_after(document: NoticeDocument, notice) -> tuple[Table, Paragraph, Paragraph]:
    """The appendix table with the paragraphs just before and after it."""
    index = next(i for i, block in enumerate(document.blocks) if isinstance(block, Table))
    before, after = document.blocks[index - 1], document.blocks[index + 1]
    assert isinstance(before, Paragraph) and isinstance(after, Paragraph)
    return document.blocks[index], before, after


def assert_appendix(table: Table, notice) -> None:
    grid = table.grid
    assert grid.rows == notice.table.rows
    assert {(m.first_row, m.first_column, m.last_row, m.last_column) for m in grid.merges} == set(notice.table.merges)
    assert grid.value(1, 5) is not None and grid.value(0, 5) == "时间进度"  # 2016年 under the merged 时间进度


def test_word_list_numbers_are_rendered_as_the_outline_labels(files, notice):
    document = read_notice(files["docx"])
    assert document.kind == "docx" and document.file_name == "通知.docx"
    assert [p.full_text for p in document.paragraphs] == expected_texts(notice)
    labelled = [(p.label, p.text) for p in document.paragraphs if p.label]
    assert labelled == [(line.label, line.text) for line in notice.lines[: notice.table_after + 1] if line.label] + [
        (line.label, line.text) for line in notice.restarted]
    assert all(p.label == "" for p in document.paragraphs if p.text not in {line.text for line in notice.lines
                                                                           if line.label} | {r.text for r in
                                                                                             notice.restarted})


def test_word_headings_title_and_restarted_list(files, notice):
    document = read_notice(files["docx"])
    title = document.paragraphs[0]
    assert title.text == notice.title and title.bold and title.centered
    headings = [p for p in document.paragraphs if p.style == "Heading 1"]
    assert [p.full_text for p in headings] == [line.full_text for line in notice.lines if line.level == 0]
    restarted = [p for p in document.paragraphs if p.text in {line.text for line in notice.restarted}]
    assert [p.label for p in restarted] == ["1.", "2."]  # a list Word restarts numbers from 1 again


def test_word_appendix_table_keeps_its_place_and_merged_cells(files, notice):
    document = read_notice(files["docx"])
    table, before, after = table_after(document, notice)
    assert before.full_text == notice.lines[notice.table_after].full_text
    assert after.full_text == notice.restarted[0].full_text
    assert_appendix(table, notice)


def test_word_headers_and_footers_are_left_out(files):
    text = "\n".join(p.full_text for p in read_notice(files["docx"]).paragraphs)
    assert HEADER_TEXT not in text and FOOTER_TEXT not in text


def test_pdf_paragraphs_come_out_joined_and_in_order_without_page_furniture(files, notice):
    document = read_notice(files["pdf"])
    assert document.kind == "pdf" and document.warnings == []
    assert [p.full_text for p in document.paragraphs] == expected_texts(notice)
    text = "\n".join(p.text for p in document.paragraphs)
    pages = [p.place.page for p in document.paragraphs]
    assert pages == sorted(pages) and pages[-1] > 3
    assert HEADER_TEXT not in text
    assert not any(f"— {page} —" in text for page in range(1, pages[-1] + 1))


def test_pdf_table_running_over_pages_is_one_table_with_its_merged_cells(files, notice):
    document = read_notice(files["pdf"])
    assert len(document.tables) == 1
    table, before, after = table_after(document, notice)
    assert before.full_text == notice.lines[notice.table_after].full_text
    assert after.full_text == notice.restarted[0].full_text
    assert_appendix(table, notice)  # the header rows the printer repeated on each page are not rows of the table


def test_saved_web_page_gives_the_article_only(files, notice):
    document = read_notice(files["html"])
    assert document.kind == "html"
    assert [p.full_text for p in document.paragraphs] == expected_texts(notice)
    assert document.paragraphs[0].style == "h1"
    text = "\n".join(p.full_text for p in document.paragraphs)
    for chrome in [*NAVIGATION, *SIDEBAR, *FOOTER, SHARE, ADVERT, "发布时间", "打印本页", "统计"]:
        assert chrome not in text
    assert_appendix(table_after(document, notice)[0], notice)


def test_an_older_site_laid_out_with_tables_gives_the_article_only(tmp_path, notice):
    path = tmp_path / "旧网站.htm"
    path.write_text(layout_table_page(notice), encoding="utf-8")
    document = read_notice(path)
    assert [p.full_text for p in document.paragraphs] == expected_texts(notice)
    text = "\n".join(p.full_text for p in document.paragraphs)
    for chrome in [*NAVIGATION, *SIDEBAR, *FOOTER, "发布日期"]:
        assert chrome not in text
    assert_appendix(table_after(document, notice)[0], notice)


def test_mhtml_reads_as_the_page_it_holds(files, notice):
    document = read_notice(files["mhtml"])
    assert document.kind == "mhtml"
    assert [p.full_text for p in document.paragraphs] == expected_texts(notice)
    assert_appendix(table_after(document, notice)[0], notice)


def test_pasted_selection_of_a_page_is_read_whole(notice):
    selection = "".join(f"<p>{line.full_text}</p>" for line in notice.lines[:12])
    pasted = f"<html><body><!--StartFragment-->{selection}<!--EndFragment--></body></html>"
    document = notice_from_html(pasted)
    assert document.kind == "pasted"
    assert [p.full_text for p in document.paragraphs] == [line.full_text for line in notice.lines[:12]]


def test_pasted_whole_page_gives_its_article(notice):
    document = notice_from_html(web_page(notice))
    assert [p.full_text for p in document.paragraphs] == expected_texts(notice)


def test_the_format_is_told_by_the_content_not_the_name(files, tmp_path, notice):
    renamed = tmp_path / "通知.doc"
    renamed.write_bytes(files["html"].read_bytes())  # a web page a site served as .doc
    document = read_notice(renamed)
    assert document.kind == "html" and document.file_name == "通知.doc"
    word = tmp_path / "通知.pdf"
    word.write_bytes(files["docx"].read_bytes())
    assert read_notice(word).kind == "docx"


def test_a_source_hash_is_the_file_hash(files):
    import hashlib

    for path in files.values():
        assert read_notice(path).sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_text_file_goes_to_the_text_reader(tmp_path, notice):
    path = tmp_path / "通知.txt"
    path.write_text("\n".join(line.full_text for line in notice.lines), encoding="gb18030")
    document = read_notice(path)
    assert document.kind == "txt"
    assert [p.full_text for p in document.paragraphs][:5] == [line.full_text for line in notice.lines[:5]]


def test_reading_in_process_gives_the_same_document(files):
    for path in files.values():
        assert read_notice(path, isolated=False) == read_notice(path)


def test_pdf_table_below_text_on_its_page_stays_after_that_text(tmp_path, notice):
    lines = notice.lines[:3] + [notice.lines[notice.table_after]]
    short = Notice(notice.title, lines, harbin_table(1), len(lines) - 1, notice.restarted)  # all on page 1
    document = read_notice(write_pdf(tmp_path / "短表.pdf", short))
    table, before, after = table_after(document, short)
    assert before.full_text == lines[-1].full_text and after.full_text == short.restarted[0].full_text
    assert table.place.page == before.place.page == 1
    assert_appendix(table, short)
