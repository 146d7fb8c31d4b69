"""Target texts from real appendix tables (Harbin, Hengshui) read as structured targets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.domain.target_text import KIND_LABELS, KINDS, QUANTIFIED_KINDS, ParsedTarget, parse_breakdown, parse_target

HARBIN_BEDS_2015 = (
    "全市养老床位总数达到53426张。其中:道里区4816张;南岗区5788张;道外区4395张;香坊区4521张;"
    "平房区1105张;松北区958张;呼兰区3225张;阿城区3167张;双城市4241张;五常市4977张;尚志市2911张;"
    "巴彦县3565张;宾县3117张;依兰县2106张;延寿县1407张;木兰县1282张;通河县928张;方正县917张。"
)


@pytest.mark.parametrize(
    ("text", "comparator", "value", "unit", "kind"),
    [
        # Bare figures as the Hengshui appendix writes them.
        ("2", ">=", 2, None, "increment"),
        ("3000", ">=", 3000, None, "increment"),
        ("53426张", ">=", 53426, "张", "increment"),
        ("１５０名", ">=", 150, "名", "increment"),
        ("1,200人", ">=", 1200, "人", "increment"),
        ("1.2万人", ">=", 1.2, "万人", "increment"),
        # Ratios.
        ("30‰", ">=", 30, "‰", "ratio"),
        ("32.5‰", ">=", 32.5, "‰", "ratio"),
        ("护理型床位占养老床位总数的20%以上", ">=", 20, "%", "ratio"),
        ("100%的市级公办养老机构实现对口支援", ">=", 100, "%", "ratio"),
        ("不低于55%", ">=", 55, "%", "ratio"),
        ("不超过5%", "<=", 5, "%", "ratio"),
        ("5%以内", "<=", 5, "%", "ratio"),
        ("控制在5%以内", "<=", 5, "%", "ratio"),
        ("约30%", "=", 30, "%", "ratio"),
        ("30%左右", "=", 30, "%", "ratio"),
        ("２０％以上", ">=", 20, "%", "ratio"),
        # Counts with wording.
        ("至少3个", ">=", 3, "个", "increment"),
        ("4所市属公办养老机构", ">=", 4, "所", "increment"),
        ("按照外资投资管理办法,启动2家试点", ">=", 2, "家", "increment"),
        ("建立100个农村居家养老服务互助点", ">=", 100, "个", "increment"),
        ("每百户建筑面积不少于30平方米", ">=", 30, "平方米", "increment"),
        # Levels rather than increments.
        ("全市300个", ">=", 300, "个", "cumulative"),
        ("全市100家", ">=", 100, "家", "cumulative"),
        ("累计建成50个", ">=", 50, "个", "cumulative"),
        ("床位总数达到60576张", ">=", 60576, "张", "cumulative"),
        (HARBIN_BEDS_2015, ">=", 53426, "张", "cumulative"),
    ],
)
def test_a_single_quantity_is_read(text: str, comparator: str, value: float, unit: str | None, kind: str) -> None:
    parsed = parse_target(text)
    assert parsed.text == text
    assert parsed.comparator == comparator
    assert parsed.value == value
    assert parsed.unit == unit
    assert parsed.kind == kind
    assert parsed.quantities == ((value, unit),)


@pytest.mark.parametrize(
    ("text", "value", "unit", "deadline"),
    [
        ("到2022年,培养培训150名养老院长。", 150, "名", 2022),
        ("到2022年,培养培训7000名养老护理人员。", 7000, "名", 2022),
        ("到2022年,每个城镇街道至少建设3个社区嵌入式养老机构。", 3, "个", 2022),
        ("到２０２２年，培养培训９００名专兼职老年社会工作者。", 900, "名", 2022),
        ("2021年6月底前建成20个", 20, "个", 2021),
    ],
)
def test_the_year_is_a_deadline_never_the_value(text: str, value: float, unit: str, deadline: int) -> None:
    parsed = parse_target(text)
    assert (parsed.value, parsed.unit, parsed.deadline_year) == (value, unit, deadline)
    assert parsed.comparator == ">="
    assert parsed.kind == "increment"


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("择机实行", None),
        ("开展法律援助", None),
        ("出台扶持政策", None),
        ("工程项目以市发改委当年立项为准", None),
        ("每年开展两次大型活动", None),
        ("规范65周岁及以上常住老年人健康管理服务", None),
        ("2017年底前完成", 2017),
        ("2020年市县两级政府编制完成养老服务设施专项规划", 2020),
        ("落实《哈尔滨市2015年养老服务实施意见》", None),
    ],
)
def test_text_without_a_quantity_is_a_milestone(text: str, deadline: int | None) -> None:
    parsed = parse_target(text)
    assert parsed.kind == "milestone"
    assert parsed.value is None
    assert parsed.comparator is None
    assert parsed.unit is None
    assert parsed.quantities == ()
    assert parsed.deadline_year == deadline


@pytest.mark.parametrize(
    ("text", "quantities", "deadline"),
    [
        ("城区42个、农村82,其中升级为中心站10个", ((42, "个"), (82, None), (10, "个")), None),
        ("制定相关政策,在1-2个村开展试点", ((1, "个"), (2, "个")), None),
        ("各自确定1—2所医疗机构作为定点服务单位", ((1, "所"), (2, "所")), None),
        (
            "每千名老人拥有床位率:2015年达到30‰,2016年达到32.5‰,2017年达到35‰。",
            ((30, "‰"), (32.5, "‰"), (35, "‰")),
            2017,
        ),
        (
            "到2022年,所有养老机构达到星级标准。1、2星级养老机构占比70%,3星级(含)以上养老机构占比约30%。",
            ((70, "%"), (30, "%")),
            2022,
        ),
    ],
)
def test_several_figures_are_listed_but_never_merged_into_one(
    text: str, quantities: tuple[tuple[float, str | None], ...], deadline: int | None
) -> None:
    parsed = parse_target(text)
    assert parsed.text == text
    assert parsed.kind == "text"
    assert parsed.value is None
    assert parsed.comparator is None
    assert parsed.unit is None
    assert parsed.quantities == quantities
    assert parsed.deadline_year == deadline


@pytest.mark.parametrize("text", ["", "   ", "—", "-", "/", None])
def test_empty_cells_are_text_targets(text: str | None) -> None:
    parsed = parse_target(text)
    assert parsed.kind == "text"
    assert parsed.value is None
    assert parsed.quantities == ()
    assert parsed.text == (text or "")


def test_spreadsheet_numbers_are_read_like_their_text() -> None:
    assert parse_target(2.0) == parse_target("2")  # type: ignore[arg-type]
    assert parse_target(53426).value == 53426  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("養老床位總數達到53426張", 53426, "张"),
        ("建成20個", 20, "个"),
    ],
)
def test_traditional_characters_give_simplified_units(text: str, value: float, unit: str) -> None:
    parsed = parse_target(text)
    assert (parsed.value, parsed.unit) == (value, unit)
    assert parsed.text == text  # the original is kept as written


def test_breakdown_of_the_harbin_bed_target_by_district() -> None:
    head, parts = parse_breakdown(HARBIN_BEDS_2015)
    assert head == "全市养老床位总数达到53426张"
    assert len(parts) == 18
    assert parts[0] == ("道里区", "4816张")
    assert parts[1] == ("南岗区", "5788张")
    assert ("双城市", "4241张") in parts
    assert ("宾县", "3117张") in parts
    assert parts[-1] == ("方正县", "917张")
    assert sum(parse_target(target).value or 0 for _, target in parts) == 53426


@pytest.mark.parametrize(
    ("text", "head", "parts"),
    [
        ("总数达到300个，其中：道里区100个；南岗区200个", "总数达到300个", [("道里区", "100个"), ("南岗区", "200个")]),
        ("共500张,其中道里区200张、南岗区300张", "共500张", [("道里区", "200张"), ("南岗区", "300张")]),
        ("新增1,500张。其中:道里区1,000张,南岗区500张。各区要按时完成", "新增1500张",
         [("道里区", "1000张"), ("南岗区", "500张")]),
        ("共30个。其中:市民政局10个;各区、县(市)政府20个", None, []),
        ("其中：道里區4816張", "", [("道里区", "4816张")]),
    ],
)
def test_breakdown_separators_and_forms(text: str, head: str | None, parts: list[tuple[str, str]]) -> None:
    found_head, found_parts = parse_breakdown(text)
    assert found_parts == parts
    assert found_head == (text if head is None else head)


@pytest.mark.parametrize(
    "text",
    [
        "城区42个、农村82,其中升级为中心站10个",
        "其中城区2000张、农村1000张",
        "全市500张",
        "开展法律援助",
        "",
        "其中:",
    ],
)
def test_no_breakdown_returns_the_text_unchanged(text: str) -> None:
    assert parse_breakdown(text) == (text, [])


def test_kind_labels_are_chinese_for_every_kind() -> None:
    assert set(KIND_LABELS) == set(KINDS)
    assert KIND_LABELS["increment"] == "年度增量"
    assert KIND_LABELS["cumulative"] == "累计达到"
    assert KIND_LABELS["ratio"] == "比例"
    assert KIND_LABELS["milestone"] == "节点任务"
    assert KIND_LABELS["text"] == "文字描述"


UNITS = ["张", "个", "所", "家", "名", "人", "项", "次", "万元", "亿元", "万人", "%", "‰"]


@given(
    st.integers(min_value=0, max_value=10**7),
    st.sampled_from(UNITS),
    st.sampled_from(["", "全市"]),
)
def test_any_figure_with_a_unit_is_read_back(number: int, unit: str, prefix: str) -> None:
    parsed = parse_target(f"{prefix}{number}{unit}")
    assert parsed.value == number
    assert parsed.unit == unit
    assert parsed.comparator == ">="
    if unit in ("%", "‰"):
        assert parsed.kind == "ratio"
    else:
        assert parsed.kind == ("cumulative" if prefix else "increment")


@given(st.text(max_size=200))
def test_parse_target_never_raises(text: str) -> None:
    parsed = parse_target(text)
    assert isinstance(parsed, ParsedTarget)
    assert parsed.kind in KINDS
    assert parsed.text == text
    assert (parsed.value is None) == (parsed.kind not in QUANTIFIED_KINDS)


@given(st.text(alphabet="0123456789其中:;,、。区县市张个道里南岗.-—%年", max_size=80))
def test_parse_breakdown_never_raises_and_parts_carry_figures(text: str) -> None:
    head, parts = parse_breakdown(text)
    assert isinstance(head, str)
    for office, target in parts:
        assert office
        assert target[0].isdigit()


def test_yearly_levels_of_one_total_are_read_as_levels():
    from planner.domain.model import Task
    from planner.domain.target_building import harmonise_kinds, targets_from_text

    beds = Task(name="养老床位")
    for period, text in (("2015", "全市养老床位总数达到53426张"), ("2016", "60576张"), ("2017", "68263张")):
        beds.targets.extend(targets_from_text(period, text))
    assert [t.kind for t in beds.targets] == ["cumulative", "increment", "increment"]
    assert harmonise_kinds(beds)
    assert [t.kind for t in beds.targets] == ["cumulative"] * 3


def test_yearly_figures_that_fall_stay_increments():
    from planner.domain.model import Task
    from planner.domain.target_building import harmonise_kinds, targets_from_text

    training = Task(name="培训")
    for period, text in (("2020", "累计培训3000人"), ("2021", "2000人"), ("2022", "2000人")):
        training.targets.extend(targets_from_text(period, text))
    assert not harmonise_kinds(training)
    assert [t.kind for t in training.targets] == ["cumulative", "increment", "increment"]
