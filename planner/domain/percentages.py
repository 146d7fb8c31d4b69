"""Percentages as every screen, document, workbook and the command line show them.

Two figures are shown as percentages, under two names, each with one precision:

- 推进率 (`on_track_text`): the share of an office's tasks that are done or on
  schedule, and any other share of tasks; also 序时进度 (a quarter is a quarter of
  the year). Whole percents: 2 of 16 tasks is 13%.
- 完成率 (`completion_text`): the value reached divided by the target. One decimal:
  770 of 2,000 is 38.5%.

Both are rounded half up (38.45% → 38.5%, 12.5% → 13%), with `decimal`, never
with `round` or a format's `%`, which round half to even and print 12% beside a
13% in a workbook. A figure is first read to twelve significant digits, so that
0.385 computed as 0.38499999999999995 is still 38.5%. Workbooks are given the
rounded fraction (`rounded_share`) with the matching number format, so a
spreadsheet shows what the report prints.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

from planner.domain.figures import OUT_OF_RANGE

ON_TRACK_PLACES = 0  # 推进率 and 序时进度: whole percents
COMPLETION_PLACES = 1  # 完成率: one decimal
NUMBER_FORMATS = {0: "0%", 1: "0.0%"}  # the spreadsheet number format of each precision
TIE_MARGIN = 1e-6  # of a step: closer to a half than this, a figure is rounded by `decimal`
TIE_FREE_LIMIT = 1e9  # steps: beyond, floats hold too few decimals to tell a tie


def _decimal(value: float) -> Decimal:
    return Decimal(format(value, ".12g"))


def rounded_percent(value: float, places: int) -> Decimal:
    """`value` (a fraction: 0.385) as a percentage rounded half up to `places` decimals: Decimal('38.5')."""
    step = Decimal(1).scaleb(-places)
    rounded = (_decimal(value) * 100).quantize(step, rounding=ROUND_HALF_UP)
    return abs(rounded) if rounded.is_zero() else rounded  # never "-0%"


def rounded_share(value: float, places: int) -> float:
    """The fraction a workbook cell holds: `rounded_percent` / 100 (0.385), shown by `NUMBER_FORMATS[places]`."""
    return float(rounded_percent(value, places) / 100)


def _nearest_steps(value: float, places: int) -> int | None:
    """`value` in steps of the last place shown (0.385 at one decimal: 385), when no tie is near: then rounding
    half up is rounding to the nearest, in floats. None near a tie (and for huge figures): `decimal` decides."""
    scaled = value * 100 * 10**places
    if not abs(scaled) < TIE_FREE_LIMIT:
        return None
    lower = math.floor(scaled)
    if abs(scaled - lower - 0.5) < TIE_MARGIN:
        return None
    return lower + 1 if scaled - lower > 0.5 else lower


def percent_text(value: float, places: int) -> str:
    """"38.5%"; "超出范围" for a rate computed from an overflowed sum. The same text as `rounded_percent`, without
    `decimal` where no tie is near (a report prints tens of thousands of them)."""
    if not math.isfinite(value):
        return OUT_OF_RANGE
    steps = _nearest_steps(value, places)
    if steps is None:
        return f"{rounded_percent(value, places)}%"
    if places == 0:
        return f"{steps}%"
    whole, part = divmod(abs(steps), 10**places)
    return f"{'-' if steps < 0 else ''}{whole}.{part:0{places}d}%"


def on_track_text(value: float) -> str:
    """推进率, a share of tasks, or 序时进度: "13%"."""
    return percent_text(value, ON_TRACK_PLACES)


def completion_text(value: float) -> str:
    """完成率, the value reached divided by the target: "38.5%"."""
    return percent_text(value, COMPLETION_PLACES)
