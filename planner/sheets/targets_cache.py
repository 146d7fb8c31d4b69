"""Target texts parsed once per distinct text.

A machine-made appendix repeats the same few target texts ("新增1张", "完成")
thousands of times; parsing is the costly part, building a Target is not.
"""

from __future__ import annotations

from planner.model import Target
from planner.plan_builder import targets_from_text
from planner.targets import parse_target

# The fields of a Target after its period, in the dataclass's order.
Template = tuple[str, str | None, str | None, float | None, str | None, str, int | None]


class TargetParser:
    """Target texts → target templates, each text parsed once."""

    def __init__(self) -> None:
        self.cache: dict[str, tuple[list[Template], bool]] = {}

    def templates(self, text: str) -> tuple[list[Template], bool]:
        """The templates of the plan-wide target and any 其中 per-office targets, and whether the
        text states several figures (so that no single quantity could be read)."""
        found = self.cache.get(text)
        if found is None:
            targets = targets_from_text("", text)
            head = targets[0]
            ambiguous = head.kind == "text" and len(parse_target(text).quantities) > 1
            found = self.cache[text] = (
                [(t.text, t.office, t.comparator, t.value, t.unit, t.kind, t.deadline_year) for t in targets],
                ambiguous,
            )
        return found

    def parse(self, period: str, text: str) -> tuple[list[Target], bool]:
        templates, ambiguous = self.templates(text)
        return [Target(period, *template) for template in templates], ambiguous
