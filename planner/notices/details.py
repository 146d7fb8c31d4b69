"""The particulars of a notice: title, document number (文号), issuing office and date.

They are found where official documents put them: the 文号 (京政办发〔2023〕25号) above
the title, the title (…关于…的通知/意见/方案), the issuing office signing above the date
(北京市人民政府办公厅 / 2023年10月27日), and on web copies a block of labelled fields
(【制定机关】…, 【字 号】…, 发布时间:…). A notice that passes a document on (…关于印发
《X》的通知) is titled by what it passes on, X, which is the plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planner.domain.office_names import ORGAN_SUFFIXES
from planner.notices.cleaning import HAN
from planner.notices.outline import chinese_value, fold

_DOC_NO_RE = re.compile(
    rf"(?<![{HAN}])([{HAN}]{{1,10}})\s*[〔\[［【(（]\s*((?:19|20)[0-9]{{2}})\s*[〕\]］】)）]\s*第?\s*([0-9]{{1,5}})\s*号"
)
_DATE_RE = re.compile(r"((?:19|20)[0-9]{2})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*[日号]")
_NUMERIC_DATE_RE = re.compile(r"((?:19|20)[0-9]{2})\s*[-./]\s*([0-9]{1,2})\s*[-./]\s*([0-9]{1,2})(?![0-9])")
_CHINESE_DATE_RE = re.compile(r"([〇零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月"
                              r"\s*([一二三四五六七八九十]{1,3})\s*日")
# What no date line holds: a character neither the date patterns above nor the brackets around a date match.
_NOT_DATE_LINE_RE = re.compile(r"[^0-9\s年月日号\-./〇零一二三四五六七八九十()（）]")
_TITLE_ENDS = ("通知", "意见", "实施意见", "方案", "实施方案", "办法", "规划", "计划", "措施", "要点", "细则",
               "决定", "通报", "规定", "纲要", "清单", "行动方案", "工作方案", "若干措施", "指导意见", "函", "批复",
               "答复", "报告", "通告", "公告", "安排")
_PASSING_ON_RE = re.compile(r"(?:关于)?(?:印发|转发|下发)\s*[《〈<]?(?P<inner>.+?)[》〉>]?\s*的\s*(?P<kind>通知|函)$")
_LABELLED_RE = re.compile(
    r"[【\[]?(?P<label>(?:制\s*定\s*机\s*关|发\s*文\s*机\s*关|发\s*布\s*机\s*关|发\s*文\s*单\s*位|发\s*布\s*单\s*位"
    r"|发\s*文\s*机\s*构|颁\s*布\s*机\s*关|信\s*息\s*来\s*源|来\s*源|公\s*布\s*日\s*期|发\s*文\s*日\s*期|成\s*文\s*日\s*期"
    r"|发\s*布\s*日\s*期|印\s*发\s*日\s*期|发\s*布\s*时\s*间|成\s*文\s*时\s*间|印\s*发\s*时\s*间|发\s*文\s*字\s*号"
    r"|字\s*号|文\s*号|文\s*件\s*编\s*号|标\s*题|文\s*件\s*名\s*称))\s*[】\]]?\s*[:：]?\s*"
)
_LABEL_KINDS = {
    "制定机关": "issuer", "发文机关": "issuer", "发布机关": "issuer", "发文单位": "issuer", "发布单位": "issuer",
    "发文机构": "issuer", "颁布机关": "issuer", "信息来源": "issuer", "来源": "issuer",
    "公布日期": "date", "发文日期": "date", "成文日期": "date", "发布日期": "date", "印发日期": "date",
    "发布时间": "date", "成文时间": "date", "印发时间": "date",
    "发文字号": "doc_no", "字号": "doc_no", "文号": "doc_no", "文件编号": "doc_no",
    "标题": "title", "文件名称": "title",
}
_TITLE_YEARS_RE = re.compile(r"((?:19|20)[0-9]{2})\s*年?\s*(?:[-—–~～至到]+\s*((?:19|20)[0-9]{2})\s*)?年(?!代)")
_QUOTES = "《》〈〉<>"
# What may follow a title's name: its years or its status, in brackets (…行动计划（2024—2026年）, …办法（试行）).
_TITLE_TAIL_RE = re.compile(r"\s*[（(](?:试行|暂行|修订|修订稿|征求意见稿|送审稿|[0-9\s年—\-–~～至到]+)[）)]$")
_ISSUER_STOPS_RE = re.compile(r"[。，,：:；;、]")  # what no signature line holds
_TITLE_STOPS_RE = re.compile(r"[。；;：:]")  # what no title holds
MAX_TITLE_CHARS = 100
MAX_ISSUER_CHARS = 40


@dataclass(frozen=True)
class NoticeDetails:
    title: str = ""
    doc_no: str = ""
    issuer: str = ""
    issue_date: str | None = None  # ISO: 2023-10-27

    @property
    def issue_year(self) -> int | None:
        return int(self.issue_date[:4]) if self.issue_date else None

    @property
    def title_years(self) -> tuple[int, int] | None:
        """The years a plan's title names (2024年工作要点, 三年行动计划（2024—2026年）), first and last."""
        spans = {(int(m.group(1)), int(m.group(2) or m.group(1))) for m in _TITLE_YEARS_RE.finditer(fold(self.title))}
        if len(spans) != 1:
            return None
        first, last = spans.pop()
        return (first, last) if first <= last <= first + 20 else None


def find_doc_no(text: str) -> tuple[int, int, str] | None:
    """(start, end, 京政办发〔2023〕25号) of the first document number in `text`, brackets made 〔〕."""
    match = _DOC_NO_RE.search(fold(text))
    if match is None:
        return None
    return match.start(), match.end(), f"{match.group(1)}〔{match.group(2)}〕{match.group(3)}号"


def _iso(year: int, month: int, day: int) -> str | None:
    if 1 <= month <= 12 and 1 <= day <= 31:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def _chinese_year(digits: str) -> int | None:
    values = [("〇一二三四五六七八九".find(c) if c != "零" else 0) for c in digits]
    return None if -1 in values else int("".join(map(str, values)))


def find_date(text: str) -> tuple[int, int, str] | None:
    """(start, end, ISO date) of the first date in `text`: 2023年10月27日, 2020.07.20, 二〇二〇年十月九日."""
    view = fold(text)
    for pattern in (_DATE_RE, _NUMERIC_DATE_RE):
        match = pattern.search(view)
        if match:
            found = _iso(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            if found:
                return match.start(), match.end(), found
    match = _CHINESE_DATE_RE.search(view)
    if match:
        year, month, day = _chinese_year(match.group(1)), chinese_value(match.group(2)), chinese_value(match.group(3))
        if year and month and day and (found := _iso(year, month, day)):
            return match.start(), match.end(), found
    return None


def is_date_line(text: str) -> bool:
    """A paragraph that is a date and nothing else (the date under a signature)."""
    if _NOT_DATE_LINE_RE.search(fold(text)):
        return False  # a character neither a date nor what may stand around it holds: most paragraphs
    found = find_date(text)
    return found is not None and not (text[: found[0]] + text[found[1]:]).strip(" \u3000()（）")


def is_issuer_line(text: str) -> bool:
    """A short line naming an office, as a signature above the date is."""
    stripped = text.strip()
    return (2 <= len(stripped) <= MAX_ISSUER_CHARS and not _ISSUER_STOPS_RE.search(stripped)
            and stripped.endswith(ORGAN_SUFFIXES) and not stripped.endswith(_TITLE_ENDS))


def labelled_fields(text: str) -> list[tuple[str, int, int, str]]:
    """(kind, start, end, value) of each labelled field of a line: 【制定机关】…, 发布时间:…, 【字 号】…"""
    stripped = text.lstrip(" ∙•·●◆■-*\u3000")
    offset = len(text) - len(stripped)
    fields = []
    matches = [m for m in _LABELLED_RE.finditer(stripped)
               if m.start() == 0 or stripped[m.start() - 1] in " \u3000】]"]
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(stripped)
        value = stripped[match.end(): end].strip()
        label = re.sub(r"\s", "", match.group("label"))
        if value:
            fields.append((_LABEL_KINDS[label], offset + match.end(), offset + match.end() + len(value), value))
    return fields


def is_title_like(text: str) -> bool:
    """A line that may be a document's title: short, no sentence inside it, and named like a document."""
    stripped = text.strip().strip(_QUOTES)
    return (4 <= len(stripped) <= MAX_TITLE_CHARS and not _TITLE_STOPS_RE.search(stripped)
            and _TITLE_TAIL_RE.sub("", stripped).endswith(_TITLE_ENDS))


def passed_on_title(title: str) -> str | None:
    """X for "…关于印发《X》的通知" (the plan a notice passes on), else None."""
    text = title.strip().strip("《》")
    doc_no = find_doc_no(text)
    if doc_no is not None and doc_no[0] == 0:
        text = text[doc_no[1]:].strip().strip("《》")
    match = _PASSING_ON_RE.search(text)
    if match is None:
        return None
    inner = match.group("inner").strip().strip(_QUOTES)
    if "关于" in inner and not _TITLE_TAIL_RE.sub("", inner).endswith(_TITLE_ENDS):
        # 转发X关于…的通知 without book-title marks: the 的通知 ending the line is the forwarded notice's own.
        inner += "的" + match.group("kind")
    return inner if 4 <= len(inner) <= MAX_TITLE_CHARS else None


def bare_title(text: str) -> str:
    """A title as a plan is called: without the 文号 in front and the book-title marks around it."""
    found = find_doc_no(text)
    if found is not None and found[0] == 0:
        text = text[found[1]:]
    text = text.strip()
    if text.startswith("《") and text.endswith("》"):
        text = text[1:-1]
    return text.strip()
