"""Which offices a single 责任单位 cell marks as leading (牵头).

Tables with one responsible-unit column say who leads in the cell itself, not always by
naming the lead first: "市财政局、市卫健委（牵头）", "市市场监管局配合，市民政局牵头",
"配合单位：市财政局；牵头单位：市民政局". `marked_leads` returns the offices so marked,
in order; an empty list means the cell does not say, and the first office listed leads.
"""

from __future__ import annotations

import re

from planner.domain.office_names import split_offices, to_simplified
from planner.domain.text_caches import text_cache

_SEPARATORS = frozenset("、,;，；\n")
_LEAD_LABEL_RE = re.compile(r"^\s*(?:牵头|主责|主办)(?:单位|部门)?\s*:\s*")
_OTHER_LABEL_RE = re.compile(r"^\s*(?:配合|协办|参与|协同|协助|责任)(?:单位|部门)?\s*:\s*")
# (牵头) after a name, or 牵头 as the verb closing a piece: 市民政局牵头, 市民政局牵头负责.
_LEAD_NOTE_RE = re.compile(r"\(\s*牵头[^()]{0,8}\)|牵头(?:负责|落实|实施)?\s*$")


def _pieces(text: str) -> list[str]:
    """The text split at list separators outside brackets: 各县(市、区)政府 stays one piece."""
    pieces, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and char in _SEPARATORS:
            pieces.append(text[start:index])
            start = index + 1
    pieces.append(text[start:])
    return [piece for piece in pieces if piece.strip()]


@text_cache(maxsize=4096)
def marked_leads(text: str) -> tuple[str, ...]:
    """The offices a responsible-unit cell marks as leading, normalised; () when it marks none."""
    cleaned = to_simplified(text)
    if "牵头" not in cleaned and "主责" not in cleaned and "主办" not in cleaned:
        return ()
    leads: list[str] = []
    labelled_lead = False
    for piece in _pieces(cleaned):
        label = _LEAD_LABEL_RE.match(piece)
        if label:
            labelled_lead, piece = True, piece[label.end():]
        else:
            other = _OTHER_LABEL_RE.match(piece)
            if other:
                labelled_lead, piece = False, piece[other.end():]
        if labelled_lead or _LEAD_NOTE_RE.search(piece):
            leads.extend(split_offices(piece))
    return tuple(dict.fromkeys(leads))
