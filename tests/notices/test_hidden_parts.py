"""The parts of a task's text hidden from its figures and deadlines (its number, its offices, the sentence giving
every task offices) may overlap, nest and come in any order: what stands outside all of them is still marked and
becomes the target, and nothing inside any of them does."""

from __future__ import annotations

from planner.notices.quantities import deadlines, figures, yearly_statements

TEXT = "新建食堂20个，到2025年完成。（市民政局负责，新增5个，2024年底前建成3个）"


def test_figures_and_deadlines_outside_overlapping_hidden_parts_are_found_and_none_inside():
    bracket = TEXT.index("（")
    hidden = [(bracket + 1, bracket + 8), (bracket, len(TEXT)), (bracket + 3, bracket + 5), (0, 0)]
    assert [TEXT[m.start:m.end] for m in figures(TEXT, hidden)] == ["20个"]
    assert [(TEXT[m.start:m.end], m.year) for m in deadlines(TEXT, hidden)] == [("到2025年", 2025)]
    assert yearly_statements(TEXT, hidden) == ({2025: ["到2025年完成。"]}, [])
    # Hidden nowhere, the bracket's figures and deadline are the text's as well.
    assert [TEXT[m.start:m.end] for m in figures(TEXT)] == ["20个", "5个", "3个"]
    assert [TEXT[m.start:m.end] for m in deadlines(TEXT)] == ["到2025年", "2024年底前"]
