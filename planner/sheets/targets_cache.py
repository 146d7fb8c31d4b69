"""Target texts parsed once per distinct text.

A machine-made appendix repeats the same few target texts ("新增1张", "完成")
thousands of times; parsing is the costly part, building a Target is not.
"""

from __future__ import annotations

from typing import NamedTuple

from planner.domain.target_building import QUANTITIES, targets_from_text
from planner.domain.target_text import out_of_range_figure, parse_target

# The fields of a Target after its period, in the dataclass's order.
Template = tuple[str, str | None, str | None, float | None, str | None, str, int | None]


class TargetCell(NamedTuple):
    """A target cell's text understood once: its templates, and what the importer checks about them."""

    templates: list[Template]  # the plan-wide target first, then any 其中 per-office targets
    ambiguous: bool  # several figures, so that no single quantity could be read
    split: bool  # a 其中 list: the offices' figures should add up to the first
    increments: bool  # some template is an increment with a figure
    level: tuple[float, str | None, str] | None  # (value, unit, kind) of a plan-wide increment or level
    warns: bool  # split or ambiguous
    too_large: str | None  # a figure of the text beyond the bound, as written: the importer refuses it


def _cell(templates: list[Template], ambiguous: bool, too_large: str | None = None) -> TargetCell:
    increments = any(value is not None and kind == "increment" for _, _, _, value, _, kind, _ in templates)
    _, office, _, value, unit, kind, _ = templates[0]
    level = (value, unit, kind) if office is None and value is not None and kind in QUANTITIES else None
    split = len(templates) > 1
    return TargetCell(templates, ambiguous, split, increments, level, split or ambiguous, too_large)


class TargetParser:
    """Target texts → `TargetCell`s, each text parsed once."""

    def __init__(self) -> None:
        self.cells: dict[str, TargetCell] = {}

    def cell(self, text: str) -> TargetCell:
        """The text's templates and what the importer needs to know about them, worked out once per text."""
        found = self.cells.get(text)
        if found is None:
            targets = targets_from_text("", text)
            ambiguous = targets[0].kind == "text" and len(parse_target(text).quantities) > 1
            templates = [(t.text, t.office, t.comparator, t.value, t.unit, t.kind, t.deadline_year) for t in targets]
            found = self.cells[text] = _cell(templates, ambiguous, out_of_range_figure(text))
        return found
