"""How alike two short texts are: the normalised Indel similarity, the score `rapidfuzz.fuzz.ratio` gives.

The Indel distance counts the insertions and deletions that turn one text into the other (no substitutions),
len(a) + len(b) − 2 × the longest common subsequence; the ratio is 100 × (1 − distance / (len(a) + len(b))).
The common subsequence is found with Hyyrö's bit-parallel algorithm: one pass over `b`, with a bit per
character of `a` held in one integer, so office names compare in microseconds without a compiled library.
"""

from __future__ import annotations


def common_subsequence_length(a: str, b: str) -> int:
    """The length of the longest sequence of characters found in both, in order, not necessarily adjacent."""
    if not a or not b:
        return 0
    positions: dict[str, int] = {}
    for index, char in enumerate(a):
        positions[char] = positions.get(char, 0) | (1 << index)
    all_bits = (1 << len(a)) - 1
    row = all_bits  # a 0 bit marks a character of `a` matched so far
    for char in b:
        matched = row & positions.get(char, 0)
        row = ((row + matched) | (row - matched)) & all_bits
    return len(a) - row.bit_count()


def indel_ratio(a: str, b: str) -> float:
    """100 for equal texts (two empty ones included), 0 for texts with no character in common."""
    total = len(a) + len(b)
    if total == 0:
        return 100.0
    distance = total - 2 * common_subsequence_length(a, b)
    return 100.0 * (1 - distance / total)
