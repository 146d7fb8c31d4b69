"""How the workbooks print: A4 landscape, no text smaller than 9 pt on paper.

"Fit to one page wide" shrinks a wide sheet until it fits: a fill-in form came out
at 6 pt and an export at under 5 pt in LibreOffice. A sheet is fitted to the
page's width only when the scale stays at or above what its smallest font needs
(9 pt ÷ that font); otherwise it prints at that scale, the table runs on to more
pages across, the break falls between columns where each page is full, and the
first columns (序号, the task) repeat on every page, as the header rows do.

The width of a sheet depends on the program that prints it: a column's width is
counted in digits of the workbook's default font (Calibri 11, as openpyxl writes
it). Excel and WPS measure it with Calibri (5.25 pt a digit); LibreOffice with
Calibri's metric twin Carlito where it is installed, and otherwise with a
fallback such as DejaVu Sans, whose digit is about 7 pt wide, a third wider. The
scale is worked out for the widest of these (`UNIT_POINTS`), so the text is large
enough everywhere; where the digit is narrower the table simply takes less of
the page.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

A4_LANDSCAPE_WIDTH = 841.89  # points
SIDE_MARGIN = 0.25  # inches, left and right
TOP_MARGIN, BOTTOM_MARGIN = 0.5, 0.6  # inches; the page number sits in the bottom margin
# From the paper's edge to the page number. LibreOffice gives the footer only the space between this and the bottom
# margin: at openpyxl's default of 0.5 inch that was 0.1 inch, and the page number came out cut in half.
FOOTER_MARGIN = 0.2
POINTS_PER_INCH = 72
PRINTABLE_WIDTH = A4_LANDSCAPE_WIDTH - 2 * SIDE_MARGIN * POINTS_PER_INCH
MIN_PRINTED_SIZE = 9.0  # points on paper
# A column width unit on paper at 100 %, in the widest program that prints these files (LibreOffice measuring
# with DejaVu Sans where Calibri and Carlito are missing: 7.0 pt, with a little to spare for its rounding).
UNIT_POINTS = 7.2
PAGE_NUMBERS = "第 &P 页，共 &N 页"


@dataclass(frozen=True)
class PrintPlan:
    """How a sheet prints: fitted to the width, or at `scale` percent with column breaks after `breaks`."""

    fitted: bool
    scale: int  # percent: the fitted scale in the widest program, or the fixed scale
    breaks: tuple[int, ...] = ()  # 1-based columns after which a new page starts

    def printed_size(self, font_size: float) -> float:
        return font_size * self.scale / 100


def needed_scale(smallest_font: float) -> int:
    """The scale (percent) at which `smallest_font` prints at MIN_PRINTED_SIZE, never above 100."""
    return min(100, math.ceil(MIN_PRINTED_SIZE / smallest_font * 100))


def fitted_scale(widths: Sequence[float]) -> int:
    """The scale (percent) a program fitting `widths` to the page's width uses, in the widest program; at most
    100, since fitting never enlarges. Rounded down, as a printing program does."""
    wide = sum(widths) * UNIT_POINTS
    return min(100, math.floor(PRINTABLE_WIDTH / wide * 100)) if wide else 100


def column_breaks(widths: Sequence[float], scale: int, repeated: int,
                  groups: Sequence[object] = ()) -> tuple[int, ...]:
    """Where each page across ends at `scale`, with the first `repeated` columns printed on every page. Columns
    of one group (a header spanning them, such as the period's progress) start a new page together rather
    than be split, where the group fits on a page of its own."""
    room = PRINTABLE_WIDTH * 100 / scale / UNIT_POINTS - sum(widths[:repeated])
    group_of = list(groups) + [None] * (len(widths) - len(groups))
    breaks: list[int] = []
    used = 0.0
    for number in range(repeated + 1, len(widths) + 1):
        index = number - 1
        width = widths[index]
        group = group_of[index]
        if used and group is not None and group != group_of[index - 1]:
            whole = sum(w for w, g in zip(widths[index:], group_of[index:]) if g == group)
            if used + whole > room >= whole:
                breaks.append(number - 1)
                used = 0.0
        if used and used + width > room:
            breaks.append(number - 1)
            used = 0.0
        used += width
    return tuple(breaks)


def plan_printing(widths: Sequence[float], smallest_font: float, repeated: int = 0,
                  groups: Sequence[object] = ()) -> PrintPlan:
    """Fit to the page's width when that keeps `smallest_font` at MIN_PRINTED_SIZE or more, else the scale that
    does and breaks between columns."""
    needed, fitted = needed_scale(smallest_font), fitted_scale(widths)
    if fitted >= needed:
        return PrintPlan(True, fitted)
    return PrintPlan(False, needed, column_breaks(widths, needed, repeated, groups))


def set_up_printing(sheet, widths: Sequence[float], smallest_font: float, header_rows: str,
                    repeated_columns: int = 0, groups: Sequence[object] = ()) -> PrintPlan:
    """A4 landscape, header rows on every page, page numbers, and the scale of `plan_printing` (for an openpyxl
    worksheet, write-only or not); `widths` are the sheet's column widths from column A."""
    plan = plan_printing(widths, smallest_font, repeated_columns, groups)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    if plan.fitted:
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0  # as many pages down as the table needs
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    else:
        sheet.page_setup.scale = plan.scale
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=False)
        sheet.page_setup.pageOrder = "overThenDown"  # a row's pages across come one after another
        for column in plan.breaks:
            sheet.col_breaks.append(Break(id=column))
        if repeated_columns:
            sheet.print_title_cols = f"A:{get_column_letter(repeated_columns)}"
    sheet.print_options.horizontalCentered = plan.fitted
    sheet.page_margins.left = sheet.page_margins.right = SIDE_MARGIN
    sheet.page_margins.top, sheet.page_margins.bottom = TOP_MARGIN, BOTTOM_MARGIN
    sheet.page_margins.footer = FOOTER_MARGIN
    sheet.print_title_rows = header_rows
    sheet.oddFooter.center.text = PAGE_NUMBERS
    return plan
