"""The 状态灯 (status light) formula of a fill-in workbook: the status the planner will give a row, worked out by
the spreadsheet while the office types.

The formula reads the yellow cells the way `fill_in_read` does, so that what the sheet shows is what the
coordinator's program will judge:

- the figure: a number as it stands, but a number the cell shows as a percentage (92% typed in Excel, WPS or
  LibreOffice is stored as 0.92 with a percent format, which `CELL("format")` reports as "P…") is 92 where the
  target is counted in %; text such as "92%", "１２" (full width, made half width by `ASC`) or "92 " is read as its
  figure;
- a figure the planner would refuse (text that is no number, a percentage where the target is not counted in %,
  a negative number) or a status not in the list shows 请核对 (check this row) rather than a status: the
  return would be refused with that cell named;
- the chosen status is compared without its surrounding spaces, as the reader does.

Only functions Excel 2007, WPS and LibreOffice share are used (no LET), so the figure's expression is repeated.
"""

from __future__ import annotations

from openpyxl.utils import get_column_letter

from planner.domain.model import Status
from planner.exchange import form_layout as L
from planner.exchange.fill_in_spec import FormRow

CHECK = "请核对"  # the light of a row whose figure or status the planner would refuse
LIGHT_TEXTS = frozenset({*(status.value for status in Status), CHECK})


def _number(value: float) -> str:
    return f"{value:.12g}"


def _figure(cell: str, percent: bool) -> str:
    """The figure the reader takes from `cell` (not blank), or an error value where it would refuse it."""
    text = f'SUBSTITUTE(TRIM(ASC({cell})),",","")'
    shown_as_percent = f'LEFT(CELL("format",{cell}),1)="P"'
    if percent:
        number = f"{cell}*IF({shown_as_percent},100,1)"
        typed = f'IF(RIGHT({text},1)="%",VALUE(TRIM(LEFT({text},LEN({text})-1))),VALUE({text}))'
    else:
        number = f"IF({shown_as_percent},NA(),{cell})"
        typed = f'IF(RIGHT({text},1)="%",NA(),VALUE({text}))'
    return f"IF(ISNUMBER({cell}),{number},{typed})"


def light_formula(row: FormRow, number: int, expected: float) -> str:
    """The status as the planner would judge this row (see the module's docstring); `number` is the sheet row.

    It mirrors `planner.domain.status.evaluate` for one office: nothing filled in is 未填报; a figure against
    a quantified target gives 已完成 / 序时推进 / 滞后 against 序时进度; otherwise the chosen status stands, or
    序时推进 when progress is described without one.
    """
    letter = get_column_letter
    value, status = f"{letter(L.VALUE)}{number}", f"TRIM({letter(L.STATUS)}{number})"
    typed = "&".join(f"TRIM({letter(column)}{number})"
                     for column in (L.VALUE, L.STATUS, L.NARRATIVE, L.PROBLEMS, L.NEXT_STEPS))
    empty = f'LEN({typed})=0'
    done, on_track, behind = Status.DONE.value, Status.ON_TRACK.value, Status.BEHIND.value
    figure = _figure(value, row.unit == "%")
    no_figure = f'TRIM({value})=""'
    bad_status = f'AND({status}<>"",{status}<>"{done}",{status}<>"{on_track}",{status}<>"{behind}")'
    bad_figure = f"AND(NOT({no_figure}),IFERROR({figure}<0,TRUE))"
    chosen = f'IF({status}<>"",{status},"{on_track}")'
    target = row.target_value
    if not row.quantified or target is None:  # a quantified row has a target value
        judged = chosen
    else:
        progress = f"({_number(row.prior)}+{figure})" if row.prior else f"({figure})"
        if row.comparator == "<=":
            computed = f'IF({progress}<={_number(target)},"{done}","{behind}")'
        elif target == 0:
            computed = f'"{done}"'
        else:
            span = target - row.start
            if row.start and span > 0:
                completion = f"(({progress}-{_number(row.start)})/{_number(span)})"
            else:
                completion = f"({progress}/{_number(target if span <= 0 else span)})"
            computed = (f'IF({completion}>=0.999999999,"{done}",'
                        f'IF({completion}>={_number(expected - 1e-9)},"{on_track}","{behind}"))')
        judged = f"IF({no_figure},{chosen},{computed})"
    return (f'=IF({empty},"{Status.NOT_REPORTED.value}",'
            f'IF(OR({bad_status},{bad_figure}),"{CHECK}",{judged}))')
