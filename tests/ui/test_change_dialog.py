"""The quarter an adjustment applies from, offered by default."""

from __future__ import annotations

from datetime import date

import pytest

import ui.tasks.change_dialog
from planner.domain.model import Plan
from ui.tasks.change_dialog import default_quarter

PLAN = Plan(title="衡水市实施方案", first_year=2020, last_year=2022, id=1)


@pytest.mark.parametrize(("today", "expected"), [
    (date(2019, 11, 3), "2020Q1"),   # before the plan: its first year's first quarter
    (date(2021, 8, 15), "2021Q3"),   # while it runs: today's quarter
    (date(2022, 12, 31), "2022Q4"),
    (date(2026, 5, 1), "2022Q1"),    # after it: its last year's first quarter
])
def test_the_default_is_today_s_quarter_kept_within_the_plan_s_years(monkeypatch, today, expected):
    class Today(date):
        @classmethod
        def today(cls):
            return today

    monkeypatch.setattr(ui.tasks.change_dialog, "date", Today)
    assert default_quarter(PLAN, None) == expected


def test_the_period_on_screen_comes_first():
    assert default_quarter(PLAN, "2021Q2") == "2021Q2"
    assert default_quarter(PLAN, "2022") == "2022Q1"
