"""Plain-text notices: paragraphs as the notice has them, in the encodings offices save, binary files refused;
the outline numbers as offices type them; the website's pinyin glosses and traditional characters cleaned."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.notices import text as text_module
from planner.notices.cleaning import clean, is_pinyin, remove_glosses
from planner.notices.outline import Style, chinese_numeral, chinese_value, format_number, read_number
from planner.notices.refusals import EmptyNoticeError, NoticeTooLargeError, NotNoticeError
from planner.notices.text import notice_from_text, read_text_notice, split_paragraphs

SEEDS = Path(__file__).resolve().parent / "seeds"
HENGSHUI = SEEDS / "000_831ed0c3cd078a95.txt"
BEIJING = SEEDS / "002_10e9145091e5d171.txt"
HANGZHOU = SEEDS / "003_1f416157280a8fdb.txt"


def seed_lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_a_notice_with_one_paragraph_per_line_keeps_every_line():
    lines = seed_lines(HANGZHOU)
    document = read_text_notice(HANGZHOU)
    assert [p.text for p in document.paragraphs] == lines
    assert [p.place.label() for p in document.paragraphs[:2]] == ["第1段", "第2段"]
    assert document.file_name == HANGZHOU.name and document.kind == "txt"


def test_lines_a_hard_wrap_split_are_joined_again():
    """Mail clients wrap at a fixed width; each paragraph comes back whole, and a numbered line starts a new one."""
    lines = seed_lines(HANGZHOU)
    wrapped = "\n".join(textwrap.fill(line, width=30) for line in lines)
    assert wrapped.count("\n") > len(lines) * 3
    assert split_paragraphs(wrapped) == lines


def test_a_text_whose_paragraphs_are_set_apart_by_blank_lines_joins_the_lines_inside_them():
    lines = seed_lines(HANGZHOU)[:12]
    wrapped = "\n\n".join(textwrap.fill(line, width=45) for line in lines)
    assert split_paragraphs(wrapped) == lines


def test_a_bracket_opened_at_the_end_of_a_line_takes_the_next_line():
    text = "1.巩固家庭养老基础地位。〔责任单位：市卫生健康委员会、\n市民政局〕\n2.全面履行政府主导责任。"
    assert split_paragraphs(text) == ["1.巩固家庭养老基础地位。〔责任单位：市卫生健康委员会、市民政局〕",
                                      "2.全面履行政府主导责任。"]


def test_page_numbers_of_a_printed_copy_do_not_cut_a_paragraph():
    text = "1.建设社区食堂，\n— 3 —\n到2024年建成20个。\n第4页 共10页\n2.培训护理人员。\n3"
    assert split_paragraphs(text) == ["1.建设社区食堂，到2024年建成20个。", "2.培训护理人员。", "3"]


def test_markup_copied_with_web_text_is_dropped():
    document = read_text_notice(SEEDS / "001_03843026718c90e8.txt")
    assert not any(re.search(r"<[a-z]+ id=", p.text) for p in document.paragraphs)
    assert any(p.text.startswith("一、养老服务体系不断完善") for p in document.paragraphs)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be"])
def test_the_encodings_offices_save_text_in_read_alike(tmp_path, encoding):
    lines = seed_lines(HANGZHOU)
    path = tmp_path / "通知.txt"
    path.write_bytes("\r\n".join(lines).encode(encoding))
    assert [p.text for p in read_text_notice(path).paragraphs] == lines


def test_the_file_hash_is_that_of_its_bytes_and_pasted_text_has_its_own():
    import hashlib

    assert read_text_notice(HANGZHOU).sha256 == hashlib.sha256(HANGZHOU.read_bytes()).hexdigest()
    pasted = notice_from_text("一、主要任务\n1.做好工作。")
    assert pasted.file_name == "粘贴的文本" and pasted.kind == "pasted"
    assert pasted.sha256 == hashlib.sha256("一、主要任务\n1.做好工作。".encode()).hexdigest()


@pytest.mark.parametrize(("content", "said"), [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (b"PK\x03\x04\x14\x00\x06\x00" + bytes(40), "压缩包"),
    (b"\x89PNG\r\n\x1a\n" + bytes(40), "图片"),
    (bytes(range(256)) * 4, "二进制"),
])
def test_a_binary_file_is_refused_with_its_name(tmp_path, content, said):
    path = tmp_path / "通知.txt"
    path.write_bytes(content)
    with pytest.raises(NotNoticeError, match=said) as refused:
        read_text_notice(path)
    assert "通知.txt" in str(refused.value)


def test_an_empty_file_a_folder_and_a_missing_file_are_refused(tmp_path):
    (tmp_path / "空.txt").write_bytes(b" \r\n ")
    with pytest.raises(EmptyNoticeError, match="空.txt"):
        read_text_notice(tmp_path / "空.txt")
    with pytest.raises(NotNoticeError, match="不是普通文件"):
        read_text_notice(tmp_path)
    with pytest.raises(NotNoticeError, match="找不到"):
        read_text_notice(tmp_path / "没有.txt")


def test_a_text_over_the_cap_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "大.txt"
    path.write_text("一、主要任务\n" * 2000, encoding="utf-8")
    monkeypatch.setattr(text_module, "MAX_TEXT_BYTES", 1000)
    with pytest.raises(NoticeTooLargeError, match="大.txt"):
        read_text_notice(path)
    monkeypatch.setattr(text_module, "MAX_TEXT_CHARS", 100)
    with pytest.raises(NoticeTooLargeError, match="粘贴的文本"):
        notice_from_text("一、主要任务\n" * 100)


# Outline numbers

@pytest.mark.parametrize(("written", "style", "value"), [
    ("一、总体要求", Style.CHINESE, 1), ("十二、保障措施", Style.CHINESE, 12),
    ("（一）指导思想", Style.PAREN_CHINESE, 1), ("(二)主要任务", Style.PAREN_CHINESE, 2),
    ("1.巩固家庭养老", Style.ARABIC, 1), ("1．巩固", Style.ARABIC, 1), ("1、巩固", Style.ARABIC, 1),
    ("１５．强化", Style.ARABIC, 15), ("（3）加快", Style.PAREN_ARABIC, 3), ("(3)加快", Style.PAREN_ARABIC, 3),
    ("③推动", Style.CIRCLED, 3), ("第二部分 重点任务", Style.PART, 2),
])
def test_every_way_offices_number_their_outline_is_read(written, style, value):
    number = read_number(written)
    assert number is not None and (number.style, number.value) == (style, value)
    assert written.startswith(number.written)


@pytest.mark.parametrize("text", ["2022年10月1日前配置到位", "1.5倍", "1、2星级养老机构", "一是加强领导", "1.",
                                  "（一）", "三星级", "12349养老服务热线"])
def test_text_that_only_looks_numbered_is_no_outline_number(text):
    assert read_number(text) is None


@given(st.sampled_from(list(Style)), st.integers(min_value=1, max_value=99),
       st.text(alphabet="加强居家养老服务", min_size=1))
def test_outline_numbers_written_canonically_read_back(style, value, heading):
    if style is Style.CIRCLED:
        value = value % 20 + 1
    number = read_number(format_number(style, value) + heading)
    assert number is not None and (number.style, number.value) == (style, value)
    assert number.canonical == format_number(style, value)


@given(st.integers(min_value=1, max_value=999))
def test_chinese_numerals_round_trip(value):
    assert chinese_value(chinese_numeral(value)) == value


# Cleaning

@pytest.mark.parametrize(("seed", "cleaned"), [
    ("京政辦發(fā)〔2023〕25號", "京政办发〔2023〕25号"), ("服務(wù)", "服务"), ("創(chuàng )新", "创新"),
    ("關(guān)于", "关于"), ("實(shí)施意見(jiàn)", "实施意见"),
])
def test_the_websites_glosses_and_traditional_characters_are_cleaned(seed, cleaned):
    result = clean(seed)
    assert result.text == cleaned and result.original == seed


@pytest.mark.parametrize("kept", ["(以下简称《条例》)", "各区、县(市)政府", "(一)加强组织领导", "手机(APP)",
                                  "设施(敬老院)"])
def test_ordinary_parentheses_stay(kept):
    assert clean(kept).text == kept


def test_the_cleaned_beijing_notice_holds_no_pinyin_and_no_traditional_character():
    text = "\n".join(p.text for p in read_text_notice(BEIJING).paragraphs)
    cleaned = "\n".join(clean(line).text for line in text.splitlines())
    assert not re.search(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü ]+[)）]", cleaned)
    assert "辦" not in cleaned and "養老服務" not in cleaned and "养老服务" in cleaned


def test_a_split_in_the_cleaned_text_maps_to_the_same_place_in_the_original():
    original = "創(chuàng )新居家養老服務(wù)模式。推進(jìn)居家養老"
    cleaned = clean(original)
    at = cleaned.text.index("推进")
    assert original[cleaned.original_offset(at):].startswith("推進")


_HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
_GLOSS = st.sampled_from(["(fā)", "(wù)", "(chuàng )", "(guān)", "(shí)", "（jiàn）", "(de)"])
_OTHER = st.sampled_from(["(市)", "(一)", "(以下简称《条例》)", "(2021年—2035年)", "(GB/T35796-2017)", "，", "。", " "])


@given(st.lists(st.tuples(_HAN, st.one_of(st.just(""), _GLOSS, _OTHER)), max_size=40))
def test_removing_glosses_never_removes_a_han_character_or_ordinary_brackets(pieces):
    text = "".join(han + extra for han, extra in pieces)
    expected = "".join(han + (extra if not is_pinyin(extra.strip("()（） ")) else "") for han, extra in pieces)
    assert remove_glosses(text) == expected
    def han(chars: str) -> list[str]:
        return [c for c in chars if "\u4e00" <= c <= "\u9fff"]

    assert han(remove_glosses(text)) == han(text)
