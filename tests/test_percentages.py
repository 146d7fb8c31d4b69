"""One rounding rule for every percentage shown: half up, 推进率 in whole percents, 完成率 to one decimal."""

from __future__ import annotations

import math
import random

import pytest

from planner.domain.percentages import completion_text, on_track_text, percent_text, rounded_percent, rounded_share


@pytest.mark.parametrize(("done", "total", "shown"), [
    (2, 16, "13%"),  # 12.5: half to even would print 12
    (1, 8, "13%"),
    (3, 8, "38%"),  # 37.5
    (5, 32, "16%"),  # 15.625
    (2, 3, "67%"),
    (0, 5, "0%"),
    (5, 5, "100%"),
])
def test_shares_of_tasks_are_whole_percents_rounded_half_up(done, total, shown):
    assert on_track_text(done / total) == shown


@pytest.mark.parametrize(("value", "target", "shown"), [
    (770, 2000, "38.5%"),
    (771, 2000, "38.6%"),  # 38.55
    (7, 20, "35.0%"),
    (16, 30, "53.3%"),
    (1, 3, "33.3%"),
    (2, 2000, "0.1%"),  # 0.1
    (1, 2000, "0.1%"),  # 0.05
    (18.5, 20, "92.5%"),
])
def test_completion_is_one_decimal_rounded_half_up(value, target, shown):
    assert completion_text(value / target) == shown


def test_float_noise_does_not_move_a_half_down():
    assert 0.1 * 3 != 0.3 and completion_text(0.38499999999999995) == "38.5%"
    assert on_track_text(0.12499999999999999) == "13%"


def test_a_workbook_holds_the_fraction_the_report_prints():
    assert rounded_share(770 / 2000, 1) == 0.385
    assert rounded_share(2 / 16, 0) == 0.13
    assert rounded_share(0.38449, 1) == 0.384


def test_no_negative_zero_and_overflow_is_named():
    assert on_track_text(-0.001) == "0%" and completion_text(-0.0001) == "0.0%"
    assert completion_text(math.inf) == "超出范围"


def test_the_quick_path_prints_what_decimal_rounding_prints():
    rng = random.Random(4)
    values = [rng.uniform(-2, 3) for _ in range(20_000)]
    values += [n / d for d in (3, 7, 8, 16, 40, 200, 2000) for n in range(-d, 3 * d)]  # halves and thirds
    values += [0.38499999999999995, 0.125, 0.0005, -0.0005, 1e-12, -1e-12, 12345.678]
    for places in (0, 1):
        assert [percent_text(v, places) for v in values] == [f"{rounded_percent(v, places)}%" for v in values]
