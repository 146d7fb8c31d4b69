"""Reading and showing reporting periods: what users type and what they see."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.domain.errors import InputError
from planner.domain.periods import Period, PeriodError, parse_period, periods_to, quarters_of


@pytest.mark.parametrize(
    ("text", "year", "quarter"),
    [
        ("2021", 2021, None),
        ("2021Q3", 2021, 3),
        ("2021q3", 2021, 3),
        ("2021-Q3", 2021, 3),
        ("2021 Q3", 2021, 3),
        ("2021年", 2021, None),
        ("2021年度", 2021, None),
        ("2021年第三季度", 2021, 3),
        ("2021年三季度", 2021, 3),
        ("2021年第3季度", 2021, 3),
        ("2021年第一季度", 2021, 1),
        ("2021年第四季", 2021, 4),
        ("２０２１年第三季度", 2021, 3),
        ("２０２１Ｑ２", 2021, 2),
        ("  2021Q1  ", 2021, 1),
        ("\u30002022年\u3000", 2022, None),
        ("1949", 1949, None),
        ("2100Q4", 2100, 4),
    ],
)
def test_parse_period_accepts_the_forms_people_type(text: str, year: int, quarter: int | None) -> None:
    assert parse_period(text) == Period(year, quarter)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2021Q0", "季度应为 1 至 4"),
        ("2021Q5", "季度应为 1 至 4"),
        ("2021年第五季度", "季度应为 1 至 4"),
        ("1948", "年份应在 1949 至 2100 之间"),
        ("2101", "年份应在 1949 至 2100 之间"),
        ("", "应为 2021、2021Q3 或 2021年第三季度"),
        ("abc", "应为 2021、2021Q3 或 2021年第三季度"),
        ("Q3", "应为 2021、2021Q3 或 2021年第三季度"),
        ("21Q3", "应为 2021、2021Q3 或 2021年第三季度"),
        ("2021年3", "应为 2021、2021Q3 或 2021年第三季度"),
        ("2021Q3Q4", "应为 2021、2021Q3 或 2021年第三季度"),
        ("2021年3月", "应为 2021、2021Q3 或 2021年第三季度"),
    ],
)
def test_parse_period_rejects_with_a_chinese_message(text: str, reason: str) -> None:
    with pytest.raises(PeriodError) as caught:
        parse_period(text)
    message = str(caught.value)
    assert message.startswith("无法识别的期间：“")
    assert reason in message
    assert text.strip() in message


def test_period_error_is_a_value_error_and_a_planner_input_error() -> None:
    with pytest.raises(ValueError):
        parse_period("2021Q9")
    with pytest.raises(InputError):
        parse_period("下季度")


def test_very_long_input_is_shortened_in_the_message() -> None:
    with pytest.raises(PeriodError) as caught:
        parse_period("这是一段误粘贴进期间栏的很长的文字" * 20)
    assert len(str(caught.value)) < 100


@pytest.mark.parametrize("bad", [None, 3.5, ["2021"], True])
def test_parse_period_rejects_non_text_with_period_error(bad: object) -> None:
    with pytest.raises(PeriodError):
        parse_period(bad)  # type: ignore[arg-type]


def test_parse_period_accepts_an_int_year() -> None:
    assert parse_period(2021) == Period(2021)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("period", "code", "label", "label_en", "share"),
    [
        (Period(2021), "2021", "2021年", "2021", 1.0),
        (Period(2021, 1), "2021Q1", "2021年第一季度", "2021 Q1", 0.25),
        (Period(2021, 2), "2021Q2", "2021年第二季度", "2021 Q2", 0.5),
        (Period(2021, 3), "2021Q3", "2021年第三季度", "2021 Q3", 0.75),
        (Period(2021, 4), "2021Q4", "2021年第四季度", "2021 Q4", 1.0),
    ],
)
def test_codes_labels_and_expected_share(period: Period, code: str, label: str, label_en: str, share: float) -> None:
    assert period.code == code
    assert str(period) == code
    assert period.label == label
    assert period.label_en == label_en
    assert period.expected_share == share


def test_year_and_quarter_helpers() -> None:
    assert Period(2021).is_year
    assert not Period(2021, 2).is_year
    assert Period(2021, 2).year_period() == Period(2021)
    assert quarters_of(2022) == [Period(2022, 1), Period(2022, 2), Period(2022, 3), Period(2022, 4)]
    assert periods_to(Period(2021, 3)) == [Period(2021, 1), Period(2021, 2), Period(2021, 3)]
    assert periods_to(Period(2021, 1)) == [Period(2021, 1)]
    assert periods_to(Period(2021)) == quarters_of(2021)


def test_periods_sort_by_when_they_end() -> None:
    shuffled = [Period(2022, 1), Period(2021), Period(2021, 4), Period(2020, 2), Period(2021, 1)]
    assert sorted(shuffled) == [Period(2020, 2), Period(2021, 1), Period(2021, 4), Period(2021), Period(2022, 1)]
    assert Period(2021, 3) < Period(2021)
    assert max(quarters_of(2021)) == Period(2021, 4)


def test_periods_are_hashable_values() -> None:
    assert {Period(2021, 3), parse_period("2021年第三季度")} == {Period(2021, 3)}
    assert Period(2021) != Period(2021, 4)


@pytest.mark.parametrize(("year", "quarter"), [(2021, 0), (2021, 5), (1800, 1), (2200, None)])
def test_an_impossible_period_cannot_be_built(year: int, quarter: int | None) -> None:
    with pytest.raises(PeriodError):
        Period(year, quarter)


valid_periods = st.builds(
    Period, st.integers(min_value=1949, max_value=2100), st.one_of(st.none(), st.integers(1, 4))
)


@given(valid_periods)
def test_code_and_labels_read_back_as_the_same_period(period: Period) -> None:
    assert parse_period(period.code) == period
    assert parse_period(period.label) == period
    assert parse_period(period.label_en) == period


@given(st.text(max_size=30))
def test_parse_period_raises_only_period_error(text: str) -> None:
    try:
        period = parse_period(text)
    except PeriodError:
        return
    assert 1949 <= period.year <= 2100
    assert period.quarter in (None, 1, 2, 3, 4)
