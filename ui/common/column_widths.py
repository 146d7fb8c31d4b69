"""Sharing a table's width among its columns according to how much text each one holds."""

from __future__ import annotations

from collections.abc import Sequence


def fit_widths(minimums: Sequence[int], needs: Sequence[int], shares: Sequence[float], available: int) -> list[int]:
    """Column widths that fill `available` pixels.

    Each column gets at least its minimum; spare width goes to the columns in
    proportion to their share, but none grows past what it needs (its longest
    text on one line) while another still could use the room. Whatever is left
    after every column has what it needs goes out by share again.
    """
    widths = [float(m) for m in minimums]
    spare = available - sum(widths)
    if spare <= 0:
        return [int(w) for w in widths]
    while spare > 0.5:
        hungry = [c for c, w in enumerate(widths) if w < needs[c] and shares[c] > 0]
        if not hungry:
            break
        total = sum(shares[c] for c in hungry)
        given = 0.0
        for c in hungry:
            grant = min(spare * shares[c] / total, needs[c] - widths[c])
            widths[c] += grant
            given += grant
        spare -= given
    if spare > 0.5:
        weighted = [c for c in range(len(widths)) if shares[c] > 0] or list(range(len(widths)))
        total = sum(shares[c] for c in weighted) or float(len(weighted))
        for c in weighted:
            widths[c] += spare * (shares[c] or 1.0) / total
    rounded = [int(w) for w in widths]
    rounded[-1] += available - sum(rounded) if sum(rounded) < available else 0
    return rounded
