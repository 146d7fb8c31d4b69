"""Figures and deadlines in the prose of a notice, and the yearly targets they make.

A task's text states its targets in passing: "到2022年，每个区、县(市)至少建成2个认知症
友好社区", "月探访率达到100%", "在2022年10月1日前配置到位". A deadline is a year (with
its month and day) after 到/截至/在, or before 底/前/末; a figure is a number with its
unit (2个, 100%, 0.1平方米), and never a year, a date, an age (65周岁), a rank (3星级),
an ordinal (第5批), a rate base (每2年), a code (GB/T35796-2017) or a figure inside a
document's title 《…》.

Each sentence that names a year is the target of that year (a sentence naming several,
"2015年达到30‰，2016年达到32.5‰", gives each year its part); a sentence with figures but
no year is a target of the plan's last year, since the notice asks for it by the end (one saying
每年 of every year: `planner.notices.analysis`); one that names the year without its number (年内,
今年, 年底前) is a target of the year the notice is about.
A task holds one target per year, so several sentences for the same year are kept as one
target, joined by "；", which the target rules then read as text when they state more than
one figure (`planner.domain.target_text`).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from planner.domain.target_text import COUNT_UNITS, DESCRIPTOR_UNITS, RATIO_UNITS
from planner.domain.text_caches import text_cache
from planner.notices.outline import fold

FIRST_YEAR, LAST_YEAR = 1990, 2100
_UNITS = "|".join(re.escape(unit) for unit in sorted(RATIO_UNITS + COUNT_UNITS, key=len, reverse=True))
_DESCRIPTORS = "|".join(re.escape(unit) for unit in DESCRIPTOR_UNITS)
_NUMBER = r"(?<![0-9A-Za-z./\-])[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?"
_DATE = r"((?:19|20)[0-9]{2})\s*年(?:度)?(?:\s*[0-9]{1,2}\s*月(?:\s*[0-9]{1,2}\s*[日号])?)?"
_DEADLINE = (
    rf"(?:(?:力争|争取|确保)?(?:到|至|截至|截止到|截止|在|于|自|从)\s*)?"
    rf"(?:((?:19|20)[0-9]{{2}})\s*年?\s*(?:[-—–~]+|至|到)\s*)?{_DATE}"
    r"(?:\s*(?:年底|年末|上半年|下半年|底|末|前|以前|之前|内|起|以后|之后))*"
)
_PAST_RE = re.compile(r"\s*(?:以来|至今|来)")
# The year the notice is about, named without its number (年内完成, 今年底前, 全年培训); not 三年内, 每年, 今年以来.
_THIS_YEAR_RE = re.compile(r"(?<![0-9每明次当去上下前一二三四五六七八九十两几多])"
                           r"(?:年内|今年(?!以来)|本年度?|全年|年底前|年底|年末)")
_FIGURE_RE = re.compile(
    rf"{_NUMBER}\s*(?:(?:[-—–~]+|至)\s*[0-9]+(?:\.[0-9]+)?\s*)?(?:{_UNITS})(?:\s*(?:\(含\))?\s*(?:及以上|以上|及以下|以下|以内|左右))?"
)
# What holds numbers that are no figures: titles, codes, ordinals, rate bases, ages and ranks.
_NOT_FIGURES = (
    r"《[^《》]*》|〈[^〈〉]*〉|\[[0-9]{4}\][0-9]+号|〔[0-9]{4}〕[0-9]+号|[A-Za-z]+(?:/[A-Za-z]+)?\s*[0-9.]+(?:-[0-9]+)?"
    rf"|第\s*[0-9]+|每\s*[0-9]+(?:\.[0-9]+)?\s*(?:{_UNITS})?|[0-9]+(?:\s*[、,和及]\s*[0-9]+)*\s*(?:{_DESCRIPTORS})"
    r"|[“\"][^”\"]{0,12}[”\"]"
)
# Each pattern behind a look-ahead naming the characters its matches start with: the search passes any other
# character at once instead of trying every alternative there, and finds the same matches.
_DEADLINE_RE = re.compile(rf"(?=[力争确到至截在于自从12]){_DEADLINE}")
_NOT_FIGURES_RE = re.compile(rf"(?=[《〈\[〔A-Za-z第每0-9“\"])(?:{_NOT_FIGURES})")
_TITLE_STARTS = ("《", "〈")
_DIGIT_RE = re.compile("[0-9]")
_SENTENCE_RE = re.compile(r"[^。；;！？!?\n]+[。；;！？!?]?")
_CLAUSE_MARKS = "，,：:"
_CLAUSE_RE = re.compile(rf"[^{_CLAUSE_MARKS}]+[{_CLAUSE_MARKS}]?")
_LAST_CLAUSE_MARK_RE = re.compile(rf"(?s:.*)[{_CLAUSE_MARKS}]")
_LEAD_IN_CHARS = 30
_HIDDEN = "\x00"  # stands in for the characters of an offices clause while statements are cut


class Mention(NamedTuple):
    """A deadline or a figure in a text: its place (character offsets) and, for a deadline, its year.

    A named tuple rather than a dataclass: a notice has thousands, and a tuple is made at a fraction of the cost.
    """

    start: int
    end: int
    kind: str  # "deadline" or "figure"
    year: int | None = None
    past: bool = False  # "2019年以来": a year of the past, not a deadline


def _masked(text: str, spans: list[tuple[int, int]] | tuple[tuple[int, int], ...], fill: str = " ") -> str:
    """`text` with the characters of `spans` replaced by `fill`, one for one."""
    if not spans:
        return text
    parts: list[str] = []
    last = 0
    for start, end in sorted(spans):
        if not 0 <= start <= end <= len(text):
            return _masked_one_by_one(text, spans, fill)
        if end <= last:
            continue
        start = max(start, last)
        parts.append(text[last:start])
        parts.append(fill * (end - start))
        last = end
    parts.append(text[last:])
    return "".join(parts)


def _masked_one_by_one(text: str, spans: list[tuple[int, int]] | tuple[tuple[int, int], ...], fill: str) -> str:
    """`_masked` for spans that are not all within the text, which the text's list of characters takes as it may."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = fill * (end - start)
    return "".join(chars)


def deadlines(text: str, masked: list[tuple[int, int]] | None = None) -> list[Mention]:
    """The years `text` names as deadlines (or, with `past`, as history), outside titles and `masked`."""
    return list(_deadlines(text, tuple(masked or ())))


def figures(text: str, masked: list[tuple[int, int]] | None = None) -> list[Mention]:
    """The quantities `text` states (number and unit), never inside a deadline or what is no figure."""
    return list(_figures(text, tuple(masked or ())))


# Cached: a task's paragraphs are looked at for their marks and again, together, for their targets.
@text_cache(maxsize=4096)
def _deadlines(text: str, masked: tuple[tuple[int, int], ...]) -> tuple[Mention, ...]:
    if "年" not in text:
        return ()
    view = fold(text)
    titles = [m.span() for m in _NOT_FIGURES_RE.finditer(view) if m.group().startswith(_TITLE_STARTS)] \
        if "《" in view or "〈" in view else []
    view = _masked(view, titles + list(masked))
    found = []
    for match in _DEADLINE_RE.finditer(view):
        year = int(match.group(2))
        if not FIRST_YEAR <= year <= LAST_YEAR:
            continue
        past = _PAST_RE.match(view, match.end()) is not None
        found.append(Mention(match.start(), match.end(), "deadline", year, past))
    return tuple(found)


@text_cache(maxsize=4096)
def _figures(text: str, masked: tuple[tuple[int, int], ...]) -> tuple[Mention, ...]:
    view = fold(text)
    if _DIGIT_RE.search(view) is None:
        return ()  # every figure starts with a digit
    hidden = [m.span() for m in _NOT_FIGURES_RE.finditer(view)] + [(m.start, m.end) for m in _deadlines(text, masked)]
    view = _masked(view, hidden + list(masked))
    return tuple(Mention(m.start(), m.end(), "figure") for m in _FIGURE_RE.finditer(view))


def _clauses_with(sentence: str, offset: int, marks: list[Mention]) -> str:
    """The clauses of a sentence that hold one of `marks` (figures), joined again."""
    kept = []
    for match in _CLAUSE_RE.finditer(sentence):
        start, end = offset + match.start(), offset + match.end()
        if any(start <= mark.start < end for mark in marks):
            kept.append(match.group().strip())
    return "，".join(part.rstrip("，,：:") for part in kept if part)


def _year_parts(sentence: str, offset: int, dated: list[Mention]) -> list[tuple[int, str]]:
    """(year, text) for a sentence naming one year or several ("2015年达到30‰，2016年达到32.5‰")."""
    if len({mark.year for mark in dated}) == 1:
        # From the clause that names the year: the clauses before it say how, not what by when.
        before = _LAST_CLAUSE_MARK_RE.match(sentence, 0, dated[0].start - offset)
        start = before.end() if before is not None else 0
        return [(dated[-1].year or 0, sentence[start:].strip())]
    # What stands before the first year in its clause is the subject the years share ("护理型床位占比2015年达到
    # 30%，2016年达到35%"); clauses before that say how, and may hold figures of their own.
    lead = sentence[: dated[0].start - offset]
    before = _LAST_CLAUSE_MARK_RE.match(lead)
    lead = lead[before.end():].strip() if before is not None else lead.strip()
    lead = lead if len(lead) <= _LEAD_IN_CHARS else ""
    parts = []
    for index, mark in enumerate(dated):
        end = dated[index + 1].start - offset if index + 1 < len(dated) else len(sentence)
        part = sentence[mark.start - offset: end].strip().rstrip("，,、；;")
        parts.append((mark.year or 0, f"{lead}{part}" if lead else part))
    return parts


def yearly_statements(text: str, masked: list[tuple[int, int]] | None = None, years: range | None = None,
                      this_year: int | None = None) -> tuple[dict[int, list[str]], list[str]]:
    """The statements of `text` that are targets: by the year they name, and those with figures but no year.

    Years outside `years` (history, or a vision far beyond the plan) make no target of their own. A sentence
    naming the year without its number (年内, 今年, 年底前) is a statement of `this_year`, when it is known.
    """
    dated_all = [m for m in deadlines(text, masked) if not m.past]
    figures_all = figures(text, masked)
    visible = _masked(text, masked or [], _HIDDEN)  # offsets hold; what is hidden is dropped from the statements
    by_year: dict[int, list[str]] = {}
    undated: list[str] = []
    for match in _SENTENCE_RE.finditer(visible):
        start, end = match.span()
        sentence = match.group()
        inside = [m for m in dated_all if start <= m.start < end and (years is None or (m.year or 0) in years)]
        if inside:
            for year, part in _year_parts(sentence, start, inside):
                part = part.replace(_HIDDEN, "").strip()
                if part:
                    by_year.setdefault(year, []).append(part)
            continue
        named = _THIS_YEAR_RE.search(sentence) if this_year is not None and "年" in sentence else None
        if named is not None:
            mark = Mention(start + named.start(), start + named.end(), "deadline", this_year)
            for year, part in _year_parts(sentence, start, [mark]):
                part = part.replace(_HIDDEN, "").strip()
                if part:
                    by_year.setdefault(year, []).append(part)
            continue
        numbers = [m for m in figures_all if start <= m.start < end]
        clauses = _clauses_with(sentence, start, numbers).replace(_HIDDEN, "").strip() if numbers else ""
        if clauses:
            undated.append(clauses)
    return by_year, undated


def deadline_year(text: str, this_year: int | None, years: range | None = None) -> int | None:
    """The year a deadline names (2024年底前, 2024年6月底前), or `this_year` for 年内 and 年底前; None for 每季度."""
    named = [m.year for m in deadlines(text) if not m.past and m.year and (years is None or m.year in years)]
    if named:
        return max(named)
    return this_year if this_year is not None and _THIS_YEAR_RE.search(text) else None
