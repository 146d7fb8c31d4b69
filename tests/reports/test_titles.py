"""Titles read back from the PDFs: their lines keep words, numbers and dates whole, in a balanced shape.

GB/T 9704-2012 7.3.3: a title over several lines keeps its words whole and is laid
out as a trapezium or a diamond. Seen before: 行动方 / 案, 2021年第二季 / 度, 年度目 / 标任务,
试点工 / 作, 三年行 / 动计划. The words are those a segmenter finds in the whole title.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import rjieba
from reportlab.platypus import PageBreak

from planner.documents import ReportKind, ReportRequest, build_report
from planner.documents.document import Story
from planner.documents.fonts import TITLE, resolve_fonts
from planner.documents.page_geometry import OfficialDocTemplate
from planner.documents.textflow import Measurer, TextStyle
from planner.store.queries import list_plans, load_plan

from .pdf_pages import Page, read_pages

TITLE_SIZE = 22.0
DATE_OR_NUMBER = re.compile(r"\d{4}年第[一二三四]季度|\d{4}年|\d+(?:\.\d+)?%?")


def title_lines(page: Page) -> list[str]:
    return [line.text for line in page.lines if abs(line.size - TITLE_SIZE) < 0.5]


def word_faults(lines: list[str]) -> list[str]:
    """Line ends that fall inside a word, a number or a date of the whole title."""
    title = "".join(lines)
    bounds, position = {0, len(title)}, 0
    for word in rjieba.cut(title, hmm=True):
        position += len(word)
        bounds.add(position)
    inside = {i for match in DATE_OR_NUMBER.finditer(title) for i in range(match.start() + 1, match.end())}
    faults, end = [], 0
    for line in lines[:-1]:
        end += len(line)
        if end not in bounds or end in inside:
            faults.append(f"{title[:end]} / {title[end:]}")
    return faults


def shape_faults(lines: list[str], measurer: Measurer) -> list[str]:
    """A stub under a full line: the shortest line less than half the longest."""
    style = TextStyle(TITLE, TITLE_SIZE, TITLE_SIZE)
    widths = [measurer.width(line, style) for line in lines]
    return [f"unbalanced: {lines}"] if len(lines) > 1 and min(widths) < 0.5 * max(widths) else []


@pytest.fixture(scope="module")
def measurer():
    return Measurer(resolve_fonts({}, env={}, search_dirs=[]))


def test_demo_report_titles_break_between_words(demo_store, tmp_path, measurer):
    checked = 0
    for plan in list_plans(demo_store.conn):
        full = load_plan(demo_store.conn, plan.id)
        period = f"{full.first_year}Q3"
        office = full.tasks[0].lead[0]
        for kind, options in ((ReportKind.QUARTERLY, {"period": period}), (ReportKind.TARGETS, {}),
                              (ReportKind.OFFICE, {"period": period, "office": office})):
            result = build_report(demo_store.conn, ReportRequest(kind, plan.id, **options),
                                  tmp_path / f"{plan.id}-{kind.value}.pdf")
            pages = read_pages(result.path, boxes=False)
            titled = [pages[0]] + [next((p for p in pages if p.landscape), pages[0])] * (kind is not ReportKind.TARGETS)
            for page in titled:
                lines = title_lines(page)
                assert lines, f"no title on page {page.number} of {result.title}"
                assert word_faults(lines) == [] and shape_faults(lines, measurer) == [], lines
                checked += len(lines) > 1
    assert checked >= 6  # titles over several lines were really checked


SUBJECTS = ["养老服务业发展暨综合改革试点工作", "城乡居家养老服务高质量发展", "老年人助餐服务体系建设",
            "特困人员供养服务设施改造提升", "医养结合优质服务单位创建", "养老服务体系建设重点工作年度目标任务"]
PLACES = ["哈尔滨市", "衡水市", "某某县", "黑龙江省", "哈尔滨市道里区"]
KINDS = ["三年行动方案", "三年行动计划（2023—2025年）", "实施方案", "工作要点"]


def generated_titles(count: int) -> list[str]:
    rng = random.Random(9704)
    titles = []
    for _ in range(count):
        name = f"{rng.choice(PLACES)}{rng.choice(SUBJECTS)}{rng.choice(KINDS)}"
        quarter = f"{rng.randint(2015, 2030)}年第{'一二三四'[rng.randint(0, 3)]}季度"
        titles.append(rng.choice([f"关于《{name}》{quarter}推进情况的报告", f"{name}{quarter}推进情况表",
                                  f"{rng.choice(PLACES)}民政局关于{quarter}重点工作推进情况的报告",
                                  f"关于印发《{name}》的通知"]))
    return titles


def test_generated_long_titles_break_between_words_in_balanced_lines(tmp_path, measurer):
    titles = generated_titles(40)
    fonts = resolve_fonts({}, env={}, search_dirs=[])
    story = Story(Measurer(fonts), fonts.fake_bold[TITLE])
    for title in titles:
        story.title(title)
        story.add(PageBreak())
    out = tmp_path / "titles.pdf"
    OfficialDocTemplate(str(out), fonts).build(story.flowables)
    pages = read_pages(out, boxes=False)
    found = [title_lines(page) for page in pages if title_lines(page)]
    assert ["".join(lines) for lines in found] == titles
    assert sum(len(lines) > 1 for lines in found) >= 30
    faults = [fault for lines in found for fault in word_faults(lines) + shape_faults(lines, measurer)]
    assert faults == []


def test_a_title_keeps_the_words_the_issue_saw_broken(tmp_path):
    fonts = resolve_fonts({}, env={}, search_dirs=[])
    story = Story(Measurer(fonts), fonts.fake_bold[TITLE])
    for title in ("关于《哈尔滨市养老服务业发展暨综合改革试点工作三年行动方案》2015年第三季度推进情况的报告",
                  "养老服务体系建设重点工作年度目标任务2021年第二季度推进情况表",
                  "关于《某某市推进城乡居家养老服务三年行动计划》2021年第二季度推进情况的报告"):
        story.title(title)
        story.add(PageBreak())
    out = tmp_path / "seen.pdf"
    OfficialDocTemplate(str(out), fonts).build(story.flowables)
    ends = [line for page in read_pages(Path(out), boxes=False) for line in title_lines(page)[:-1]]
    assert ends and not [line for line in ends if line.endswith(("行动方", "第二季", "年度目", "试点工", "三年行"))]
