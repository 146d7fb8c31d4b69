"""Where a centred title breaks: between words, never inside a number or a date, in lines of even length.

GB/T 9704-2012 7.3.3 asks that a title running over lines keep its words whole
(词意完整) and be symmetrical, its lines forming a trapezium or a diamond
(梯形或菱形) rather than a full line over a stub. Words come from rjieba (jieba's
dictionary compiled in Rust: about 4 MB, imported on first use in about 0.1 s, and
only when a title does not fit on one line). On top of the words, a date such as
2021年第二季度 and a run of digits or letters stay whole, no line starts with closing
punctuation or ends with an opening mark, a break inside 《…》 costs extra (the name
of a document is one phrase), and a break next to a function word (关于, 的, 暨) or
a mark is the most natural. Among the ways with the fewest lines the one with the
most even lines wins: the sum of the squared line widths is the least.
"""

from __future__ import annotations

import re
from functools import lru_cache

from planner.documents.textflow import WORD, _cannot_end, _cannot_start

DATE = re.compile(r"\d{4}(?:[—–-]\d{4})?年(?:第[一二三四1-4]季度|[上下]半年|度|\d{1,2}月(?:\d{1,2}日)?)?"
                  r"|\d{1,2}月\d{1,2}日|第[一二三四]季度")
FUNCTION_WORDS = frozenset({"关于", "的", "暨", "和", "与", "及", "之", "对", "在", "等"})
BOOK_OPEN, BOOK_CLOSE = "《〈", "》〉"

# Costs in squared character widths, against the sum of squared line widths the balance is measured in.
NATURAL, PLAIN, LONE_CHARACTER, IN_BOOK_TITLE = 0.0, 20.0, 40.0, 12.0
INSIDE_WORD = 1e6  # only when no line could be made otherwise (a word longer than the line)
INSIDE_NUMBER = 1e9


@lru_cache(maxsize=256)
def _words(text: str) -> tuple[str, ...]:
    import rjieba  # imported here: the window's start-up and most reports never need it

    return tuple(rjieba.cut(text, hmm=True))


def break_costs(text: str) -> list[float]:
    """costs[i]: the cost of a line break before text[i] (costs[0] unused), in squared character widths."""
    n = len(text)
    costs = [INSIDE_WORD] * (n + 1)
    words = _words(text)
    position = 0
    for number, word in enumerate(words):
        if number:
            before, after = words[number - 1], word
            natural = (before in FUNCTION_WORDS or after in FUNCTION_WORDS or not before.strip()
                       or not after[0].isalnum() or not before[-1].isalnum())
            lone = len(before) == 1 or len(after) == 1
            costs[position] = NATURAL if natural else LONE_CHARACTER if lone else PLAIN
        position += len(word)
    depth = 0
    for i, ch in enumerate(text):
        if i and depth > 0 and costs[i] < INSIDE_WORD:
            costs[i] += IN_BOOK_TITLE
        depth += (ch in BOOK_OPEN) - (ch in BOOK_CLOSE)
    for i in range(1, n):
        if _cannot_start(text, i) or _cannot_end(text, i - 1) or (text[i] in WORD and text[i - 1] in WORD):
            costs[i] = max(costs[i], INSIDE_NUMBER)
    for match in DATE.finditer(text):
        for i in range(match.start() + 1, match.end()):
            costs[i] = max(costs[i], INSIDE_NUMBER)
        for i in (match.start(), match.end()):
            if 0 < i < n and costs[i] < INSIDE_WORD:
                costs[i] = min(costs[i], NATURAL)  # a date is a phrase of its own
    return costs


def title_breaks(text: str, advances: list[float], room: float) -> list[tuple[int, int, bool]]:
    """(start, stop, last) of each line of a centred `text` in lines at most `room` wide."""
    n = len(text)
    running = [0.0]
    for advance in advances:
        running.append(running[-1] + advance)
    if running[-1] <= room + 1e-6 or n < 2:
        return [(0, n, True)]
    costs = break_costs(text)
    unit = (max(advances) if advances else 1.0) ** 2
    # best[j]: (fewest lines, least cost, previous break) of the text before j laid in whole lines.
    best: list[tuple[float, int, float, int] | None] = [None] * (n + 1)
    best[0] = (0.0, 0, 0.0, -1)
    for j in range(1, n + 1):
        penalty = 0.0 if j == n else costs[j] * unit
        found: tuple[float, int, float, int] | None = None
        i = j - 1
        while i >= 0:
            width = running[j] - running[i]
            if width > room + 1e-6 and i < j - 1:
                break
            before = best[i]
            if before is not None:
                bad = before[0] + (penalty if penalty >= INSIDE_WORD * unit else 0.0)
                candidate = (bad, before[1] + 1, before[2] + width * width + penalty, i)
                if found is None or candidate[:3] < found[:3]:
                    found = candidate
            i -= 1
        best[j] = found
    lines: list[tuple[int, int, bool]] = []
    j = n
    while j > 0:
        step = best[j]
        assert step is not None
        lines.insert(0, (step[3], j, j == n))
        j = step[3]
    return lines
