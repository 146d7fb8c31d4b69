"""The largest figure the planner takes, and sums that survive figures an older version let in.

A county or city plan counts beds, people, sites and yuan: its largest figures are
budgets of some billions of yuan (10^10), and a whole province's yearly spending is
under 10^13 yuan. A figure beyond 10^12 is a typing slip or a hostile file, never a
target or a quarter's progress. Within the bound, the sums the status engine makes
(a year's quarters, every office's share of a task) stay far from overflowing, and
whole numbers up to 10^12 are exact in a float, so 1 + 10^12 is never rounded away.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

MAX_FIGURE = 1e12
MAX_FIGURE_TEXT = "1,000,000,000,000（一万亿）"


def figure_in_bounds(value: float) -> bool:
    """Whether `value` is a finite number no further from zero than `MAX_FIGURE`."""
    return math.isfinite(value) and abs(value) <= MAX_FIGURE


def shown_figure(value: float | str) -> str:
    """A figure as a message quotes it: a number in short form, a run of digits cut short."""
    if not isinstance(value, str):
        return format(value, "g")
    return value if len(value) <= 20 else f"{value[:8]}…（共 {len(value)} 位）"


def out_of_bounds_message(what: str, value: float | str) -> str:
    """"…“1e+308”超出允许范围…", without a closing full stop (the caller may go on)."""
    return f"{what}“{shown_figure(value)}”超出允许范围：数值的绝对值不能超过 {MAX_FIGURE_TEXT}"


OUT_OF_RANGE = "超出范围"  # how a figure or rate that overflowed is shown


def figure_text(value: float) -> str:
    """A figure for a message: 12, 12.5, 1e+20; an overflowed sum as OUT_OF_RANGE rather than "inf"."""
    return format(value, "g") if math.isfinite(value) else OUT_OF_RANGE


def figure_sum(values: Iterable[float]) -> float:
    """The exact sum (`math.fsum`), or ±inf where figures from an older database overflow it.

    fsum raises OverflowError on 1e308 + 1e308; the status, exports and reports of such
    a plan must still come out, with the overflowing figure shown as out of range.
    """
    values = list(values)
    try:
        return math.fsum(values)
    except (OverflowError, ValueError):
        return sum(values)  # plain float addition gives inf (or nan) instead of raising
