"""Header words → column meanings, as appendix tables of different offices write them."""

from __future__ import annotations

import re
import unicodedata

from planner.domain.office_names import to_simplified
from planner.sheets.mapping import Meaning

SYNONYMS: dict[Meaning, tuple[str, ...]] = {
    Meaning.SEQ: ("序号", "编号", "序", "项目编号"),
    Meaning.NAME: ("重点工作", "主要任务", "工作任务", "任务名称", "重点任务", "任务", "工作事项", "重点工作任务",
                   "任务事项", "工作名称", "项目名称", "重点项目", "主要工作", "工作重点", "重点事项"),
    Meaning.CONTENT: ("重点内容", "工作内容", "具体措施", "主要内容", "任务内容", "具体内容", "工作措施", "主要措施",
                      "具体任务", "工作举措", "主要举措", "任务措施", "具体工作", "具体举措", "推进措施", "实施内容",
                      "建设内容", "工作要求"),
    Meaning.INDICATOR: ("具体指标", "总体目标", "目标任务", "工作目标", "指标", "目标", "目标要求", "预期目标",
                        "主要指标", "任务目标", "工作指标", "主要目标", "具体目标", "量化指标", "考核指标", "指标名称",
                        "指标内容", "目标内容", "绩效指标", "目标值"),
    Meaning.BASELINE: ("现状", "基数", "基础", "现状基数", "基础数据", "现有基础", "现状值", "基期值", "基准值"),
    Meaning.LEAD: ("牵头单位", "牵头部门", "主责单位", "主办单位", "主责部门", "牵头处室", "主办处室", "牵头责任单位"),
    Meaning.CO: ("配合单位", "协办单位", "配合部门", "参与单位", "协同单位", "协助单位", "协办部门", "配合处室",
                 "协办处室", "参与部门", "协同部门"),
    Meaning.RESPONSIBLE: ("责任单位", "责任部门", "责任主体", "负责单位", "承办单位", "责任单位及分工", "负责部门",
                          "实施主体", "实施单位", "责任处室", "承办处室"),
    Meaning.DEADLINE: ("完成时限", "完成时间", "时限要求", "时间节点", "完成期限", "时间要求", "时限"),
    Meaning.NOTE: ("备注", "说明"),
}
# Words written above a run of year columns (时间进度 over 2015年 | 2016年 | 2017年).
YEAR_GROUP_WORDS: tuple[str, ...] = ("时间进度", "年度工作目标", "年度目标", "分年度目标", "年度任务", "进度安排",
                                     "分年度目标任务", "年度目标任务", "分年度任务", "年度计划", "进度目标", "时间安排",
                                     "年度任务目标", "年度工作任务", "年度推进计划", "分年度推进计划", "分年度工作目标",
                                     "分年度指标", "年度指标", "各年度目标", "阶段目标")
# Column meanings that may sit together under one merged header cell.
FAMILIES: tuple[frozenset[Meaning], ...] = (
    frozenset({Meaning.SEQ}),
    frozenset({Meaning.NAME, Meaning.CONTENT}),
    frozenset({Meaning.INDICATOR, Meaning.YEAR, Meaning.BASELINE, Meaning.DEADLINE}),
    frozenset({Meaning.LEAD, Meaning.CO, Meaning.RESPONSIBLE}),
    frozenset({Meaning.NOTE}),
)

_LOOKUP: dict[str, Meaning] = {word: meaning for meaning, words in SYNONYMS.items() for word in words}
_NOISE_RE = re.compile(r"[\s:：*＊※·、]+")
_PARENS_RE = re.compile(r"[(（][^()（）]*[)）]")
_CHINESE_DIGITS = str.maketrans("〇零○一二三四五六七八九", "000123456789")
_CHINESE_YEAR_RE = re.compile(r"([〇零○一二三四五六七八九]{4})年")
_DATED_RE = re.compile(r"(?:截至|截止)?(?:19|20)[0-9]{2}年?(?:底|末|度)?(?P<word>.+)")
_YEAR_RE = re.compile(
    r"(?:到|至|截至)?(?P<year>(?:19|20)[0-9]{2})\s*年?度?(?:底|末)?"
    r"(?:目标|目标任务|工作目标|任务|计划|指标|完成|预期目标|目标值)?"
)


def normalize_header(text: str) -> str:
    """"重点\\n任务（牵头单位放首位）" → "重点任务": no spaces, notes in brackets or colons."""
    text = to_simplified(unicodedata.normalize("NFKC", text))
    text = _NOISE_RE.sub("", text)
    stripped = _PARENS_RE.sub("", text)
    return stripped or text


def header_year(text: str) -> int | None:
    """The year of a year column header: 2020年, 2020, 2020年目标, ２０２０年, 二〇二〇年, 到2020年底."""
    match = _YEAR_RE.fullmatch(_CHINESE_YEAR_RE.sub(_year_digits, normalize_header(text)))
    return int(match.group("year")) if match else None


def _year_digits(match: re.Match[str]) -> str:
    return match.group(1).translate(_CHINESE_DIGITS) + "年"


def classify(text: str) -> tuple[Meaning | None, int | None]:
    """The meaning (and year) a header text names, or (None, None) when it names none."""
    if not text.strip():
        return None, None
    year = header_year(text)
    if year is not None:
        return Meaning.YEAR, year
    normalized = normalize_header(text)
    meaning = _LOOKUP.get(normalized)
    if meaning is None:
        # "2023年现状", "2023年底基数": the year says when the baseline was taken, not a target's year.
        dated = _DATED_RE.fullmatch(normalized)
        if dated and _LOOKUP.get(dated.group("word")) is Meaning.BASELINE:
            meaning = Meaning.BASELINE
    return meaning, None


def is_year_group(text: str) -> bool:
    """Whether a header is written above year columns: 时间进度, 年度工作目标, or an indicator word."""
    normalized = normalize_header(text)
    if normalized in YEAR_GROUP_WORDS:
        return True
    return _LOOKUP.get(normalized) in (Meaning.INDICATOR, Meaning.YEAR) or bool(
        re.fullmatch(r"(?:19|20)[0-9]{2}[-—~至到](?:19|20)?[0-9]{2}年?(?:目标|任务)?", normalized)
    )


def family(meaning: Meaning) -> frozenset[Meaning]:
    return next((f for f in FAMILIES if meaning in f), frozenset({meaning}))
