"""Whether per-office targets add up to the plan-wide target they split.

Both a 其中 list inside a target text ("全市达到53426张。其中:道里区4816张;…")
and a breakdown sheet split a plan-wide figure among offices; a split that does
not add up is a typing error the coordinator wants to see before importing.
"""

from __future__ import annotations

from planner.domain.figures import figure_sum
from planner.domain.model import Target
from planner.sheets.cleaning import number_text

_TOLERANCE = 1e-6


def same_amount(a: float, b: float) -> bool:
    return abs(a - b) <= _TOLERANCE * max(1.0, abs(a), abs(b))


def sum_mismatch(name: str, year: int | str, plan_wide: Target | None, parts: list[Target]) -> str | None:
    """Why `parts` (per-office targets) do not add up to `plan_wide`, or None when they do or cannot be checked."""
    if plan_wide is None or plan_wide.value is None or not parts:
        return None
    if plan_wide.kind == "ratio":
        return None  # shares by office do not add up to a plan-wide share
    unreadable = [t.office or "" for t in parts if t.value is None]
    if unreadable:
        shown = "、".join(unreadable[:5])
        return f"任务“{name}”{year}年的分解目标中，{shown}的目标读不出数量，无法核对是否等于全市目标。"
    units = {t.unit for t in parts if t.unit} - {plan_wide.unit}
    if units:
        return (f"任务“{name}”{year}年的分解目标单位（{'、'.join(sorted(units))}）与全市目标的单位"
                f"（{plan_wide.unit or '无'}）不同，无法核对。")
    total = figure_sum(t.value for t in parts if t.value is not None)
    if not same_amount(total, plan_wide.value):
        unit = plan_wide.unit or ""
        return (f"任务“{name}”{year}年分解到各单位的目标合计 {number_text(total)}{unit}，"
                f"与全市目标 {number_text(plan_wide.value)}{unit} 不一致。")
    return None
