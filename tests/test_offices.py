"""Responsible-unit cells from real plans split into one normalised name per office."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.domain.office_names import normalize_office_name, split_offices

HENGSHUI_TAIL = "按职责分工负责,各县市区人民政府、衡水高新区和滨湖新区管委会负责"
HENGSHUI_COUNTIES = ["各县市区人民政府", "衡水高新区管委会", "滨湖新区管委会"]


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("市民政局", "市民政局"),
        ("  市民政局\u3000", "市民政局"),
        ("市 民政局", "市民政局"),
        ("市民政局\n", "市民政局"),
        ("各区、县（市）政府", "各区、县(市)政府"),
        ("各区、县(市)政府", "各区、县(市)政府"),
        ("各区、县 ( 市 ) 政府", "各区、县(市)政府"),
        ("各区、县〔市〕政府", "各区、县(市)政府"),
        ("市衛生健康委", "市卫生健康委"),
        ("市衛生健康委員會", "市卫生健康委员会"),
        ("團市委", "团市委"),
        ("ｎ市民政局", "n市民政局"),
        ("（市民政局）", "市民政局"),
        ("市民政局、", "市民政局"),
        ("市民政局等", "市民政局"),
        ("等相关部门", "相关部门"),
        ("北京經(jīng)濟技術(shù)開(kāi)發(fā)區管委會(huì )", "北京经济技术开发区管委会"),
        ("", ""),
        (None, ""),
    ],
)
def test_normalize_office_name(raw: str | None, normalised: str) -> None:
    assert normalize_office_name(raw) == normalised  # type: ignore[arg-type]


def test_one_office_typed_three_ways_is_one_name() -> None:
    spellings = ["市民政局", " 市民政局 ", "市民政局"]
    assert {normalize_office_name(name) for name in spellings} == {"市民政局"}


@pytest.mark.parametrize(
    ("text", "offices"),
    [
        # Harbin table, flattened from PDF: no separators at all.
        ("市民政局市发改委市财政局", ["市民政局", "市发改委", "市财政局"]),
        ("市委宣传部市老龄办市教育局团市委市民政局", ["市委宣传部", "市老龄办", "市教育局", "团市委", "市民政局"]),
        (
            "市建委市城管局市住房局市民政局市残联市老龄办各区政府",
            ["市建委", "市城管局", "市住房局", "市民政局", "市残联", "市老龄办", "各区政府"],
        ),
        ("市民政局各区、县(市)政府", ["市民政局", "各区、县(市)政府"]),
        ("市民政局及各相关部门", ["市民政局", "各相关部门"]),
        ("市老龄办市委宣传部市民政局等相关部门", ["市老龄办", "市委宣传部", "市民政局", "相关部门"]),
        ("哈尔滨老年人大学", ["哈尔滨老年人大学"]),
        ("市民政局市市场监管局", ["市民政局", "市市场监管局"]),
        ("市商务局市发改委市民政局市市场监管局", ["市商务局", "市发改委", "市民政局", "市市场监管局"]),
        (
            "市民政局市卫生计生委市司法局市妇联各区、县(市)政府",
            ["市民政局", "市卫生计生委", "市司法局", "市妇联", "各区、县(市)政府"],
        ),
        ("市人社局市卫生计生委市民政局", ["市人社局", "市卫生计生委", "市民政局"]),
        (
            "市民政局市工信委市发改委市商务局市科技局市老龄办",
            ["市民政局", "市工信委", "市发改委", "市商务局", "市科技局", "市老龄办"],
        ),
        (
            "市委宣传部市文新局市老龄办各区、县(市)政府",
            ["市委宣传部", "市文新局", "市老龄办", "各区、县(市)政府"],
        ),
        ("市民政局市发改委市国资委", ["市民政局", "市发改委", "市国资委"]),
        ("市老龄办", ["市老龄办"]),
        # Hengshui notice: duty phrases and a suffix shared by two offices.
        (
            "市行政审批局、市民政局、人行衡水市中心支行" + HENGSHUI_TAIL,
            ["市行政审批局", "市民政局", "人行衡水市中心支行", *HENGSHUI_COUNTIES],
        ),
        (
            "市教育局、市人力资源社会保障局、市民政局、市财政局" + HENGSHUI_TAIL,
            ["市教育局", "市人力资源社会保障局", "市民政局", "市财政局", *HENGSHUI_COUNTIES],
        ),
        (
            "(市自然资源和规划局、市住房城乡建设局、市民政局" + HENGSHUI_TAIL + ")",
            ["市自然资源和规划局", "市住房城乡建设局", "市民政局", *HENGSHUI_COUNTIES],
        ),
        (
            "市卫生健康委、市委老干部局、市民政局、市教育局" + HENGSHUI_TAIL,
            ["市卫生健康委", "市委老干部局", "市民政局", "市教育局", *HENGSHUI_COUNTIES],
        ),
        (
            "市税务局、市发展改革委、市财政局、市城管综合行政执法局、国网衡水供电公司、市水利局" + HENGSHUI_TAIL,
            ["市税务局", "市发展改革委", "市财政局", "市城管综合行政执法局", "国网衡水供电公司", "市水利局",
             *HENGSHUI_COUNTIES],
        ),
        ("市工业和信息化局、市文化广电和旅游局", ["市工业和信息化局", "市文化广电和旅游局"]),
        # Hangzhou notice: labels, bracket styles and a trailing closing bracket.
        (
            "〔责任单位:市民政局、市卫生健康委员会、市财政局、国家税务总局杭州市税务局、市城投集团、"
            "国网杭州供电公司,各区、县(市)政府〕",
            ["市民政局", "市卫生健康委员会", "市财政局", "国家税务总局杭州市税务局", "市城投集团", "国网杭州供电公司",
             "各区、县(市)政府"],
        ),
        ("责任单位:市民政局、市卫生健康委员会、团市委,各区、县(市)政府", ["市民政局", "市卫生健康委员会", "团市委",
                                                                 "各区、县(市)政府"]),
        ("责任单位:市级有关部门,各区、县(市)政府", ["市级有关部门", "各区、县(市)政府"]),
        # Beijing notice in traditional characters, with pinyin left in by the web page.
        (
            "(責任單位:市民政局、市財政局,各區政府、北京經(jīng)濟技術(shù)開(kāi)發(fā)區管委會(huì )。"
            "本實(shí)施意見(jiàn)"
            "重點(diǎn)工作責任單位均包括各區政府、北京經(jīng)濟技術(shù)開(kāi)發(fā)區管委會(huì ),不再單獨列出)",
            ["市民政局", "市财政局", "各区政府", "北京经济技术开发区管委会"],
        ),
        (
            "(責任單位:市民政局、市財政局、市農業(yè)農村局、市市場(chǎng)監管局、市國資委、市醫保局)",
            ["市民政局", "市财政局", "市农业农村局", "市市场监管局", "市国资委", "市医保局"],
        ),
        (
            "(責任單位:市民政局、市經(jīng)濟和信息化局、市市場(chǎng)監管局、市政務(wù)服務(wù)局)",
            ["市民政局", "市经济和信息化局", "市市场监管局", "市政务服务局"],
        ),
        ("(責任單位:市民政局、市發(fā)展改革委、市京津冀協(xié)同辦)", ["市民政局", "市发展改革委", "市京津冀协同办"]),
        ("市衛生健康委、市民政局", ["市卫生健康委", "市民政局"]),
        # Other separators and forms.
        ("市民政局，市财政局；市教育局", ["市民政局", "市财政局", "市教育局"]),
        ("市民政局\n市财政局", ["市民政局", "市财政局"]),
        ("市民政局 市财政局", ["市民政局", "市财政局"]),
        ("市民政局/市财政局", ["市民政局", "市财政局"]),
        ("市民政局牵头,市财政局配合", ["市民政局", "市财政局"]),
        ("市民政局(牵头)、市财政局（配合）", ["市民政局", "市财政局"]),
        ("市民政局、市财政局等", ["市民政局", "市财政局"]),
        ("市民政局、市民政局、市民政局", ["市民政局"]),
        ("市民政局、 市民政局 ,市民政局", ["市民政局"]),
        ("道里区和南岗区政府", ["道里区政府", "南岗区政府"]),
        ("各县(市、区)政府、市民政局", ["各县(市、区)政府", "市民政局"]),
        ("各县、市、区政府", ["各县、市、区政府"]),
        ("道里区、南岗区", ["道里区", "南岗区"]),
        ("", []),
        ("—", []),
        (None, []),
    ],
)
def test_split_offices(text: str | None, offices: list[str]) -> None:
    assert split_offices(text) == offices  # type: ignore[arg-type]


REAL_NAMES = [
    "市民政局", "市发改委", "市财政局", "市委宣传部", "市老龄办", "团市委", "市卫生计生委", "市卫生健康委",
    "市人力资源社会保障局", "市委老干部局", "市市场监管局", "市残联", "市妇联", "市卫生健康委员会",
    "市住房城乡建设局", "人行衡水市中心支行", "国网衡水供电公司", "市自然资源和规划局", "各区政府",
    "各县市区人民政府", "市委编办", "市城投集团",
]


@given(st.lists(st.sampled_from(REAL_NAMES), min_size=1, max_size=6, unique=True),
       st.sampled_from(["、", ",", "；", ""]))
def test_joined_real_names_split_back(names: list[str], separator: str) -> None:
    assert split_offices(separator.join(names)) == names


@given(st.text(max_size=60))
def test_normalize_office_name_is_idempotent(text: str) -> None:
    once = normalize_office_name(text)
    assert normalize_office_name(once) == once


@given(st.text(max_size=120))
def test_split_offices_never_raises_and_returns_normalised_unique_names(text: str) -> None:
    names = split_offices(text)
    assert len(names) == len(set(names))
    for name in names:
        assert name
        assert normalize_office_name(name) == name


@given(st.text(alphabet="市区县局委办和及等、,;()（） 民政财团宣传部各政府管委会", max_size=60))
def test_split_offices_never_raises_on_office_like_noise(text: str) -> None:
    for name in split_offices(text):
        assert name == normalize_office_name(name)
