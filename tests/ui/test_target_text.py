"""How a parsed target is put into words for the tooltips and the detail pane."""

from __future__ import annotations

from planner.domain.model import Target
from ui.tasks.target_text import format_number, quantity_text, target_tooltip


def test_numbers_are_written_as_a_clerk_would():
    assert format_number(53426.0) == "53426"
    assert format_number(32.5) == "32.5"
    assert format_number(0.125) == "0.125"


def test_quantity_reads_comparator_value_and_unit():
    assert quantity_text(Target(period="2015", text="达到53426张", comparator=">=", value=53426.0, unit="张")) \
        == "≥53426张"
    assert quantity_text(Target(period="2015", text="20%以上", comparator=">=", value=20.0, unit="%")) == "≥20%"
    assert quantity_text(Target(period="2015", text="择机实行", kind="milestone")) == ""


def test_tooltip_keeps_the_full_text_and_escapes_it(qapp):
    tooltip = target_tooltip(Target(period="2016", text="<全市>达到60576张", comparator=">=", value=60576.0,
                                    unit="张", kind="cumulative"), office_targets=18)
    assert "&lt;全市&gt;达到60576张" in tooltip
    assert "≥60576张" in tooltip and "18" in tooltip
