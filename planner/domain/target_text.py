"""Target texts from policy tables → structured targets.

A cell of a yearly target table holds anything from "2" or "53426张" to a sentence
such as "到2022年,培养培训150名养老院长。" or several figures at once. The parser
reads one quantity only when the text states exactly one; otherwise it keeps the
text and lists the figures it saw, because inventing a single number from
"城区42个、农村82,其中升级为中心站10个" would put a wrong target in a report.
Parsing never raises: a text it cannot read is a "text" target the user can edit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planner.domain.figures import figure_in_bounds
from planner.domain.office_names import LOCATION_SUFFIXES, normalize_office_name, to_simplified

KINDS: tuple[str, ...] = ("increment", "cumulative", "ratio", "milestone", "text")
KIND_LABELS: dict[str, str] = {
    "increment": "年度增量",
    "cumulative": "累计达到",
    "ratio": "比例",
    "milestone": "节点任务",
    "text": "文字描述",
}
QUANTIFIED_KINDS: frozenset[str] = frozenset({"increment", "cumulative", "ratio"})

RATIO_UNITS: tuple[str, ...] = ("个百分点", "百分点", "%", "‰")
COUNT_UNITS: tuple[str, ...] = (
    "万平方米", "平方米", "万人次", "人次", "万人", "万元", "亿元", "万户", "万张", "万个", "万名",
    "个月", "小时", "公里", "千米", "公顷", "课时", "学时",
    "张", "个", "所", "家", "名", "人", "项", "次", "户", "处", "间", "座", "台", "套", "件", "批",
    "支", "条", "元", "万", "亿", "床", "村", "站", "场", "期", "篇", "份", "部", "辆", "种", "类",
    "天", "日", "月", "年", "周", "倍", "米", "位", "本", "册", "块", "栋", "层", "校", "园", "组",
    "队", "届", "轮", "例", "亩",
)
# Numbers that describe what is counted ("65周岁", "3星级") rather than count it.
DESCRIPTOR_UNITS: tuple[str, ...] = ("周岁", "岁", "星级", "星", "级", "号", "版")

_ALL_UNITS = tuple(sorted(RATIO_UNITS + COUNT_UNITS, key=len, reverse=True))
_UNIT = "|".join(re.escape(unit) for unit in _ALL_UNITS)
_NUM = r"(?<![A-Za-z0-9.])[0-9]+(?:\.[0-9]+)?(?![A-Za-z])"
_RANGE_DASH = r"(?:[-—–~]+|至(?!少)|到(?!达))"
_SINGLE_QUANTITY = rf"(?P<single>{_NUM})\s*(?P<unit>{_UNIT})?"
_QUANTITY_RE = re.compile(
    rf"(?P<low>{_NUM})\s*(?P<low_unit>{_UNIT})?\s*{_RANGE_DASH}\s*(?P<high>{_NUM})\s*(?P<high_unit>{_UNIT})?"
    rf"|{_SINGLE_QUANTITY}"
)
# Every range holds a dash, 至 or 到 with the second figure's first digit after it; where none does, no range
# matches, and trying one at every figure is most of the search.
_SINGLE_QUANTITY_RE = re.compile(_SINGLE_QUANTITY)
_RANGE_TAIL_RE = re.compile(rf"{_RANGE_DASH}\s*[0-9]")
_RANGE_MARK_RE = re.compile("[-—–~至到]")

_THOUSANDS_RE = re.compile(r"(?<=[0-9]),(?=[0-9]{3}(?![0-9]))")
_TITLE_RE = re.compile(r"《[^》]*》")
_QUOTED_NUMBER_RE = re.compile(r"[“\"]\s*[0-9]+\s*[”\"]")
_YEAR_RANGE_RE = re.compile(r"(?<![0-9])([0-9]{4})\s*年?\s*(?:[-—–~]+|至|到)\s*([0-9]{4})\s*年")
_YEAR_RE = re.compile(r"(?<![0-9])([0-9]{4})\s*年(?:\s*[0-9]{1,2}\s*月(?:\s*[0-9]{1,2}\s*[日号])?)?")
_MONTH_DAY_RE = re.compile(r"(?<![0-9])[0-9]{1,2}\s*月\s*(?:[0-9]{1,2}\s*[日号]|底|末|前|份|中旬|上旬|下旬|初)")
_ORDINAL_RE = re.compile(r"第\s*[0-9]+")
_PER_RE = re.compile(rf"每\s*[0-9]+(?:\.[0-9]+)?\s*(?:{_UNIT})?")
_ENUMERATOR_RE = re.compile(r"(?:^|(?<=[。;\n]))\s*\(?[0-9]{1,2}\s*[.、)](?![0-9])|\([0-9]{1,2}\)")
_DESCRIPTOR_RE = re.compile(
    r"(?<![0-9.])[0-9]+(?:\s*[、,和及]\s*[0-9]+)*\s*(?:" + "|".join(DESCRIPTOR_UNITS) + ")"
)
# A character every match of the pattern beside it holds.
_ENUMERATOR_MARK_RE = re.compile(r"[.、)]")
_DESCRIPTOR_MARK_RE = re.compile("[" + "".join(sorted({unit[0] for unit in DESCRIPTOR_UNITS})) + "]")

_LOWER_BOUND = ("不低于", "不少于", "不小于", "至少", "最少", "超过", "高于", "多于", "大于", "达到")
_UPPER_BOUND = ("不超过", "不高于", "不多于", "不大于", "最多", "至多", "控制在", "低于", "少于", "小于")
_BOUND_RE = re.compile("|".join(sorted(_LOWER_BOUND + _UPPER_BOUND, key=len, reverse=True)))
_ABOUT_BEFORE = ("大约", "约为", "约", "近")
_AFTER_RE = re.compile(r"\s*(?:\(含\))?\s*(及以上|以上|及以下|以下|以内|之内|左右|上下)")
_AFTER_COMPARATOR = {"及以上": ">=", "以上": ">=", "及以下": "<=", "以下": "<=", "以内": "<=", "之内": "<=",
                     "左右": "=", "上下": "="}
_CLAUSE_BREAKS = ",;:。、!?\n"
_LAST_CLAUSE_BREAK_RE = re.compile(rf"(?s:.*)[{_CLAUSE_BREAKS}]")
_PREFIX_WINDOW = 20

_CUMULATIVE_RE = re.compile(r"全市|全区|全县|全省|达到|总数|累计|总量|总计|共计|保有量")
_MEANINGFUL_RE = re.compile(r"[^\W_]")

_BREAKDOWN_RE = re.compile(r"其中\s*[:]?")
_BREAKDOWN_ITEM_RE = re.compile(r"(?P<name>[^0-9]+?)\s*(?:为|达到|:)?\s*(?P<target>[0-9].*)")
_BREAKDOWN_SUFFIXES = LOCATION_SUFFIXES + ("局", "委", "办", "政府", "管委会", "办事处", "本级")
# Parts of a city that a 其中 list may name without being offices one can report for.
_NOT_BREAKDOWN_OFFICES = frozenset({
    "城市", "城区", "市区", "郊区", "社区", "小区", "辖区", "县城", "乡镇", "城镇", "集镇", "景区",
    "园区", "中心城区", "主城区", "新城区", "老城区", "市级", "县级", "区级", "乡级", "镇级", "省级",
    "全市", "全区", "全县", "本市", "本区", "本县",
})


@dataclass(frozen=True)
class ParsedTarget:
    """What a target text states; `value` is set only when it states exactly one quantity."""

    text: str
    comparator: str | None
    value: float | None
    unit: str | None
    kind: str
    deadline_year: int | None
    quantities: tuple[tuple[float, str | None], ...] = ()

    @property
    def is_quantified(self) -> bool:
        return self.value is not None


def unit_kind(unit: str | None) -> str:
    """The kind a lone quantity in `unit` has before the wording is considered."""
    return "ratio" if unit in RATIO_UNITS else "increment"


def _as_text(text: object) -> str:
    if text is None:
        return ""
    if isinstance(text, float) and text.is_integer():
        return str(int(text))  # a spreadsheet cell holding 2 arrives as 2.0
    return text if isinstance(text, str) else str(text)


def _strip_dates(text: str) -> tuple[str, list[int]]:
    """Remove years, months and days, which are deadlines and never quantities."""
    years: list[int] = []

    def take(match: re.Match[str]) -> str:
        found = [int(group) for group in match.groups() if group]
        if not all(1949 <= year <= 2100 for year in found):
            return match.group(0)
        years.extend(found)
        return " "

    if "年" in text:
        if _RANGE_MARK_RE.search(text):
            text = _YEAR_RANGE_RE.sub(take, text)
        text = _YEAR_RE.sub(take, text)
    return _MONTH_DAY_RE.sub(" ", text) if "月" in text else text, years


def _prepare(text: str) -> tuple[str, list[int]]:
    # A pattern is skipped where the text lacks a character every match of it holds: most texts lack them.
    if "," in text:
        text = _THOUSANDS_RE.sub("", text)
    if "《" in text:
        text = _TITLE_RE.sub(" ", text)
    if "“" in text or '"' in text:
        text = _QUOTED_NUMBER_RE.sub(" ", text)
    text, years = _strip_dates(text)
    if "第" in text:
        text = _ORDINAL_RE.sub(" ", text)
    if "每" in text:
        text = _PER_RE.sub(" ", text)
    if _ENUMERATOR_MARK_RE.search(text):
        text = _ENUMERATOR_RE.sub(" ", text)
    return _DESCRIPTOR_RE.sub(" ", text) if _DESCRIPTOR_MARK_RE.search(text) else text, years


def _comparator(text: str, start: int, end: int) -> str:
    after = _AFTER_RE.match(text, end)
    if after:
        return _AFTER_COMPARATOR[after.group(1)]
    window_start = max(0, start - _PREFIX_WINDOW)
    prefix = text[window_start:start].rstrip()
    clause = _LAST_CLAUSE_BREAK_RE.match(prefix)
    if clause is not None:
        prefix = prefix[clause.end():]
    if prefix.endswith(_ABOUT_BEFORE):
        return "="
    bounds = _BOUND_RE.findall(prefix)
    if bounds and bounds[-1] in _UPPER_BOUND:
        return "<="
    return ">="


def _number(text: str) -> float | None:
    """The figure, or None for one beyond the bound (`planner.domain.figures`): such a figure is never a quantity."""
    value = float(text)
    return value if figure_in_bounds(value) else None


def _quantities(text: str) -> tuple[list[tuple[float, str | None, str]], bool]:
    """Every figure in `text` with its unit and comparator, and whether a range was seen."""
    found: list[tuple[float, str | None, str]] = []
    ranged = False
    pattern = _QUANTITY_RE if _RANGE_TAIL_RE.search(text) else _SINGLE_QUANTITY_RE
    for match in pattern.finditer(text):
        if match.group("single") is not None:
            value = _number(match.group("single"))
            if value is not None:
                found.append((value, match.group("unit"), _comparator(text, match.start(), match.end())))
            continue
        ranged = True
        unit = match.group("high_unit") or match.group("low_unit")
        for group in ("low", "high"):
            value = _number(match.group(group))
            if value is not None:
                found.append((value, unit, "="))
    return found, ranged


def _parse(text: str) -> ParsedTarget:
    simplified = to_simplified(text)
    breakdown = _breakdown(simplified)
    # The figures of a 其中 list by office are parts of the head's total, not more targets.
    prepared, years = _prepare(breakdown[0] if breakdown else simplified)
    deadline = max(years) if years else None
    found, ranged = _quantities(prepared)
    quantities = tuple((value, unit) for value, unit, _ in found)
    if not found:
        kind = "milestone" if _MEANINGFUL_RE.search(simplified) else "text"
        return ParsedTarget(text, None, None, None, kind, deadline)
    if ranged or len(found) > 1:
        return ParsedTarget(text, None, None, None, "text", deadline, quantities)
    value, unit, comparator = found[0]
    kind = unit_kind(unit)
    if kind == "increment" and _CUMULATIVE_RE.search(prepared):
        kind = "cumulative"
    return ParsedTarget(text, comparator, value, unit, kind, deadline, quantities)


def parse_target(text: str | None) -> ParsedTarget:
    """Read comparator, value, unit, kind and deadline from a target text; never raises."""
    original = _as_text(text)
    try:
        return _parse(original)
    except (ValueError, RecursionError, MemoryError, OverflowError):
        # A text the rules cannot cope with is still a target: the user reads it as written.
        return ParsedTarget(original, None, None, None, "text", None)


_FIGURE_RE = re.compile(_NUM)


def out_of_range_figure(text: str | None) -> str | None:
    """The first figure in a target text beyond the bound (`planner.domain.figures.MAX_FIGURE`), as written; None
    when every figure is within it. Years, ordinals and the like are not figures here either, and the
    figures of a 其中 list count as well as the head's. Where a figure comes in, one found here refuses
    the text: the parser alone would keep it quietly as a text target."""
    try:
        prepared, _years = _prepare(to_simplified(_as_text(text)))
        for match in _FIGURE_RE.finditer(prepared):
            if not figure_in_bounds(float(match.group())):
                return match.group()
    except (ValueError, RecursionError, MemoryError):
        return None
    return None


def _is_breakdown_office(name: str) -> bool:
    if not 2 <= len(name) <= 20 or name in _NOT_BREAKDOWN_OFFICES:
        return False
    if name[0] in "其全每本各" or "的" in name:
        return False
    return name.endswith(_BREAKDOWN_SUFFIXES)


def _breakdown(text: str) -> tuple[str, list[tuple[str, str]]] | None:
    simplified = to_simplified(text)
    if "其中" not in simplified:
        return None
    if "," in simplified:
        simplified = _THOUSANDS_RE.sub("", simplified)
    match = _BREAKDOWN_RE.search(simplified)
    if not match:
        return None
    # The list ends at the full stop; what follows is another sentence.
    region = simplified[match.end() :].split("。", 1)[0]
    items = [item.strip() for item in re.split(r"[;,、]", region) if item.strip()]
    if not items:
        return None
    pairs: list[tuple[str, str]] = []
    for item in items:
        parts = _BREAKDOWN_ITEM_RE.fullmatch(item)
        if not parts:
            return None
        name = normalize_office_name(parts.group("name"))
        if not _is_breakdown_office(name):
            return None
        pairs.append((name, parts.group("target").strip()))
    head = simplified[: match.start()].rstrip(" ,;:。、")
    return head, pairs


def parse_breakdown(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Split "总数达到53426张。其中:道里区4816张;南岗区5788张" into the head and (office, target) pairs.

    Every item of the 其中 list must name an office (a district, county, bureau…)
    followed by its figure; otherwise the text is returned unchanged with no pairs,
    since a half-read breakdown would not add up. Returned parts are normalised
    (half-width, simplified).
    """
    original = _as_text(text)
    try:
        found = _breakdown(original)
    except (ValueError, RecursionError, MemoryError, OverflowError):
        found = None
    return found if found else (original, [])
