"""Word list numbers come out as Word draws them: the counting forms, restarts, legal numbering, linked styles."""

from __future__ import annotations

from xml.etree import ElementTree as etree

from planner.notices.docx_numbering import ListNumbering
from planner.notices.number_formats import format_number

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def numbering(levels: str, nums: str) -> ListNumbering:
    root = etree.fromstring(f'<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="1">{levels}'
                            f"</w:abstractNum>{nums}</w:numbering>".encode())
    return ListNumbering(root)


def level(ilvl: int, number_format: str, text: str, extra: str = "") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{number_format}"/>{extra}'
            f'<w:lvlText w:val="{text}"/></w:lvl>')


def test_chinese_counting_reads_as_a_clerk_writes_it():
    counted = [format_number(value, "chineseCounting") for value in range(1, 24)]
    assert counted[:10] == list("一二三四五六七八九十")
    assert counted[10] == "十一" and counted[19] == "二十" and counted[22] == "二十三"
    assert format_number(105, "chineseCountingThousand") == "一百零五"
    assert format_number(110, "chineseCountingThousand") == "一百一十"
    assert format_number(3, "ideographTraditional") == "丙"
    assert format_number(3, "decimalEnclosedCircle") == "③"
    assert format_number(12, "chineseLegalSimplified") == "壹拾贰"


def test_a_deeper_level_restarts_under_each_new_heading():
    lists = numbering(level(0, "chineseCounting", "%1、") + level(1, "chineseCounting", "（%2）"),
                      f'<w:num xmlns:w="{W}" w:numId="5"><w:abstractNumId w:val="1"/></w:num>')
    labels = [lists.label("5", ilvl) for ilvl in (0, 1, 1, 0, 1)]
    assert labels == ["一、", "（一）", "（二）", "二、", "（一）"]


def test_a_level_that_never_restarts_runs_on_across_headings():
    lists = numbering(level(0, "chineseCounting", "（%1）") + level(1, "decimal", "%2.", '<w:lvlRestart w:val="0"/>'),
                      f'<w:num xmlns:w="{W}" w:numId="5"><w:abstractNumId w:val="1"/></w:num>')
    labels = [lists.label("5", ilvl) for ilvl in (0, 1, 1, 0, 1)]
    assert labels == ["（一）", "1.", "2.", "（二）", "3."]


def test_two_lists_of_one_definition_continue_unless_one_restarts():
    nums = (f'<w:num xmlns:w="{W}" w:numId="5"><w:abstractNumId w:val="1"/></w:num>'
            f'<w:num xmlns:w="{W}" w:numId="6"><w:abstractNumId w:val="1"/></w:num>'
            f'<w:num xmlns:w="{W}" w:numId="7"><w:abstractNumId w:val="1"/>'
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>')
    lists = numbering(level(0, "decimal", "%1."), nums)
    assert [lists.label(num, 0) for num in ("5", "5", "6", "7", "7")] == ["1.", "2.", "3.", "1.", "2."]


def test_legal_numbering_shows_every_level_in_digits():
    lists = numbering(level(0, "chineseCounting", "%1、") + level(1, "decimal", "%1.%2", "<w:isLgl/>"),
                      f'<w:num xmlns:w="{W}" w:numId="5"><w:abstractNumId w:val="1"/></w:num>')
    assert [lists.label("5", ilvl) for ilvl in (0, 1, 1, 0, 1)] == ["一、", "1.1", "1.2", "二、", "2.1"]


def test_a_list_defined_through_a_numbering_style():
    root = etree.fromstring(
        f'<w:numbering xmlns:w="{W}">'
        f'<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="Outline"/></w:abstractNum>'
        f'<w:abstractNum w:abstractNumId="2"><w:styleLink w:val="Outline"/>{level(0, "chineseCounting", "%1、")}'
        "</w:abstractNum>"
        '<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>'
        '<w:num w:numId="4"><w:abstractNumId w:val="1"/></w:num></w:numbering>'.encode())
    lists = ListNumbering(root, {"Outline": ("3", None)})
    assert [lists.label("4", 0), lists.label("4", 0)] == ["一、", "二、"]


def test_bullets_and_unnumbered_levels():
    lists = numbering(level(0, "bullet", "\uf0b7") + level(1, "none", ""),
                      f'<w:num xmlns:w="{W}" w:numId="5"><w:abstractNumId w:val="1"/></w:num>')
    assert lists.label("5", 0) == "•" and lists.label("5", 1) == ""
    assert lists.label("0", 0) == "" and lists.label("99", 0) == ""
