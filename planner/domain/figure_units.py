"""The unit a target's figures are written with, where the target cell itself gives none.

Appendix tables often put a bare figure in the year columns ("20") and the unit in
the 具体指标 beside them ("到2022年,每个社区至少建设1个居家养老服务站点"). A report
that writes "完成7，年度目标20" leaves the reader to guess; one counting unit
stated by the indicator is what the figures count. Where the indicator names none,
or several (个 and 张), or only percentages that a bare count cannot be, no unit is
invented.
"""

from __future__ import annotations

from planner.domain.model import Target
from planner.domain.target_text import RATIO_UNITS, parse_target


def unit_of(target: Target | None, indicator: str = "") -> str:
    """The target's own unit, else the one counting unit the task's 具体指标 states, else ""."""
    if target is None:
        return ""
    if target.unit:
        return target.unit
    if target.kind == "ratio" or not indicator:
        return ""
    units = {unit for _value, unit in parse_target(indicator).quantities if unit and unit not in RATIO_UNITS}
    return units.pop() if len(units) == 1 else ""
