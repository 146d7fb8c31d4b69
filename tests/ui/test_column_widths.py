"""Column widths follow the amount of text, as a clerk would drag them in the spreadsheet."""

from __future__ import annotations

from ui.common.column_widths import fit_widths


def test_columns_never_shrink_below_their_minimum():
    assert fit_widths([100, 80], [300, 300], [1.0, 1.0], 120) == [100, 80]


def test_spare_width_goes_by_share_but_not_past_what_a_column_needs():
    widths = fit_widths([50, 50, 50], [60, 400, 400], [10.0, 10.0, 30.0], 500)
    assert widths[0] == 60
    assert widths[2] > widths[1] > 60
    assert sum(widths) == 500


def test_width_left_once_every_column_has_enough_is_still_used():
    widths = fit_widths([50, 50], [60, 60], [1.0, 3.0], 400)
    assert sum(widths) == 400 and widths[1] > widths[0]


def test_empty_columns_keep_their_minimum():
    widths = fit_widths([40, 50, 50], [40, 300, 300], [0.0, 1.0, 1.0], 600)
    assert widths[0] == 40 and sum(widths) == 600
