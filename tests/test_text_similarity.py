"""The similarity ratio of the office-merge suggestions, against pairs worked out by hand.

Each expected value is 100 × 2 × LCS / (len(a) + len(b)), with the longest common subsequence counted by
hand; the same formula and values as rapidfuzz's `fuzz.ratio`, which the suggestions used before.
"""

import pytest

from planner.domain.text_similarity import common_subsequence_length, indel_ratio


@pytest.mark.parametrize(("a", "b", "lcs", "ratio"), [
    # one character swapped in 11: LCS 10, distance 2 of 22
    ("市人力资源和社会保障局", "市人力资源与社会保障局", 10, 1000 / 11),
    # a short name is a subsequence of the full one: LCS 4 of 4 + 8
    ("市发改委", "市发展改革委员会", 4, 800 / 12),
    # the textbook pair: BCBA (or BDAB), LCS 4 of 7 + 6
    ("ABCBDAB", "BDCABA", 4, 800 / 13),
    # order matters: only one of the two characters can be kept in order
    ("ab", "ba", 1, 50.0),
    # a repeated character is matched as often as both have it
    ("aaa", "aa", 2, 80.0),
    ("this is a test", "this is a test!", 14, 2800 / 29),
    ("abc", "xyz", 0, 0.0),
    ("abc", "", 0, 0.0),
    ("", "", 0, 100.0),
    # longer than a machine word: 100 a's in common, the b at either end lost
    ("a" * 100 + "b", "b" + "a" * 100, 100, 20000 / 202),
])
def test_the_ratio_is_the_normalised_indel_similarity(a, b, lcs, ratio):
    assert common_subsequence_length(a, b) == lcs
    assert common_subsequence_length(b, a) == lcs
    assert indel_ratio(a, b) == pytest.approx(ratio, abs=1e-9)
    assert indel_ratio(b, a) == pytest.approx(ratio, abs=1e-9)

