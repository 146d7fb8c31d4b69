"""Who is responsible for a task, as notices write it.

Texts reach these functions cleaned (simplified characters, `planner.notices.cleaning`).
An item closes with its offices in brackets — 〔责任单位：…〕, （责任单位：…）, 【…】 —
or names them in a sentence of their own: 牵头单位：…；配合单位：…, 责任单位：…, with
full-width or ASCII colons and brackets. Some notices leave the label out and write the
duty instead: （市民政局、市财政局按职责分工负责，各县市区人民政府负责）. A label
or a verb (牵头/配合) says who leads; where the notice does not say, the `LeadRule`
decides (by default the first office listed leads and the others co-operate).

One sentence may give every task the same offices: "本实施意见重点工作责任单位均包括各区
政府、北京经济技术开发区管委会，不再单独列出". Those offices are found apart
(`common_offices`) and join every task.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from planner.domain.char_swaps import CharSwap
from planner.domain.office_names import is_complete_name, split_offices
from planner.domain.text_caches import text_cache
from planner.notices.outline import fold


class LeadRule(str, Enum):
    """Which listed offices lead when the notice names offices without saying who leads."""

    FIRST = "first"  # the first office listed leads, the others co-operate
    ALL = "all"  # every office listed leads (joint responsibility)


LEAD_LABELS = ("牵头单位", "牵头部门", "主责单位", "主责部门", "主办单位", "牵头")
CO_LABELS = ("配合单位", "配合部门", "协办单位", "参与单位", "协同单位", "协助单位", "配合")
LISTED_LABELS = ("责任单位", "责任部门", "责任主体", "负责单位", "承办单位", "实施单位", "责任")
_LABELS = tuple(sorted(LEAD_LABELS + CO_LABELS + LISTED_LABELS, key=len, reverse=True))
_LABEL_RE = re.compile(rf"({'|'.join(_LABELS)})\s*[:]\s*")
_OPEN, _CLOSE = "([", ")]"
_OPEN_RE = re.compile(r"[(\[]")
_BRACKET_RE = re.compile(r"[()\[\]]")
_BRACKET_VIEW = CharSwap({"〔": "[", "〕": "]", "【": "[", "】": "]", "［": "[", "］": "]"})
_DUTY_RE = re.compile(r"负责|牵头|配合|参与|协助|落实|承担")
_LEAD_VERB_RE = re.compile(r"牵头(?:负责|落实|实施)?$")
_CO_VERB_RE = re.compile(r"(?:配合|参与|协助|协同)(?:实施|落实)?$")
_LEVEL_STARTS = ("市", "省", "区", "县", "各", "国家", "中共", "团", "州", "自治")
# The look-aheads name the characters a match starts with, so that the search passes the others at once.
_SENTENCE_LABEL_RE = re.compile(rf"(?=[{''.join(sorted({label[0] for label in _LABELS}))}])"
                                rf"(?:^|(?<=[。;\s]))(?:{'|'.join(_LABELS)})\s*:")
_NAMES = r"(?:[^。;:()\[\]]|\([^()]{0,12}\))"  # office names, a short bracket inside one (各县(市、区)政府)
_COMMON_RE = re.compile(r"(?:责任单位|责任部门|责任主体)\s*(?:均|都|皆)\s*(?:应)?\s*(?:包括|包含|含|有|为)\s*"
                        rf"(?P<offices>{_NAMES}+?)\s*(?:[,]\s*(?:不再|不另|不一一)[^。;()\[\]]*|(?=[。;)\]])|$)")
# "…均为各项任务的责任单位": the offices stand before it, back to the start of the sentence.
_COMMON_AFTER_RE = re.compile(r"(?=[均都为\s])(?:均|都)?\s*为\s*(?:各项|所有|全部|以上|上述)\s*(?:任务|工作)\s*的?"
                              r"\s*(?:共同)?\s*责任单位")



@dataclass(frozen=True)
class OfficeClause:
    """Offices named in one place of a text, with the span (character offsets) that names them."""

    start: int
    end: int
    lead: tuple[str, ...] = ()
    co: tuple[str, ...] = ()
    listed: tuple[str, ...] = ()  # named without saying who leads: the LeadRule decides

    def roles(self, rule: LeadRule) -> tuple[list[str], list[str]]:
        """(lead, co): named leads, else the rule applied to the listed offices."""
        lead, co = _roles(self.lead, self.co, self.listed, rule)
        return list(lead), list(co)


@text_cache(maxsize=4096)
def _roles(named_lead: tuple[str, ...], named_co: tuple[str, ...], listed: tuple[str, ...],
           rule: LeadRule) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """`OfficeClause.roles`, cached: the same offices close many tasks."""
    lead, co = list(named_lead), list(named_co)
    if lead:
        co = [*co, *listed]
    elif listed:
        if rule is LeadRule.ALL:
            lead = list(listed)
        else:
            lead, co = [listed[0]], [*listed[1:], *co]
    lead = list(dict.fromkeys(lead))
    return tuple(lead), tuple(name for name in dict.fromkeys(co) if name not in lead)


@text_cache(maxsize=4096)
def _view(text: str) -> str:
    """Brackets and colons in one form, one character for one, for matching."""
    return _BRACKET_VIEW(fold(text))


def _closing(view: str, start: int) -> int | None:
    """The index of the bracket closing the one at `start`, counting nested brackets of both kinds."""
    depth = 0
    for bracket in _BRACKET_RE.finditer(view, start):
        if bracket.group() in _OPEN:
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return bracket.start()
    return None


@text_cache(maxsize=4096)
def _offices(text: str) -> tuple[str, ...]:
    """Cached: a notice names the same few lists of offices on many of its tasks."""
    return tuple(split_offices(text.split("。", 1)[0]))


@text_cache(maxsize=4096)
def _read_parts(content: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Lead, co and listed offices of a clause's content: labelled parts, or parts with a duty verb.

    Cached: the same clause closes many tasks.
    """
    lead: list[str] = []
    co: list[str] = []
    listed: list[str] = []
    content = content.split("。", 1)[0]
    for part in content.split(";"):
        labels = list(_LABEL_RE.finditer(part))
        if labels:
            for index, label in enumerate(labels):
                end = labels[index + 1].start() if index + 1 < len(labels) else len(part)
                names = _offices(part[label.end():end])
                word = label.group(1)
                (lead if word in LEAD_LABELS else co if word in CO_LABELS else listed).extend(names)
            continue
        for piece in part.split(","):
            stripped = piece.strip()
            if _LEAD_VERB_RE.search(stripped):
                lead.extend(_offices(_LEAD_VERB_RE.sub("", stripped)))
            elif _CO_VERB_RE.search(stripped):
                co.extend(_offices(_CO_VERB_RE.sub("", stripped)))
            else:
                listed.extend(_offices(stripped))
    return tuple(lead), tuple(co), tuple(listed)


def _clause(start: int, end: int, content: str) -> OfficeClause | None:
    lead, co, listed = _read_parts(content)
    if not (lead or co or listed):
        return None
    return OfficeClause(start, end, lead, co, listed)


def _looks_like_offices(content: str) -> bool:
    """A bracket without a label holds offices when it names a duty, or only names that read as offices."""
    if _LABEL_RE.search(content):
        return True
    names = split_offices(content.split("。", 1)[0])
    if not names or not all(is_complete_name(name) for name in names):
        return False
    return bool(_DUTY_RE.search(content)) or all(name.startswith(_LEVEL_STARTS) for name in names)


def _bracketed(view: str) -> list[OfficeClause]:
    found = []
    opening = _OPEN_RE.search(view)
    while opening is not None:
        index = opening.start()
        close = _closing(view, index)
        if close is None:
            break
        content = view[index + 1: close]
        trailing = not view[close + 1:].strip(" 。.;,")
        if _LABEL_RE.match(content.strip()) or (trailing and _looks_like_offices(content)):
            clause = _clause(index, close + 1, content)
            if clause is not None:
                found.append(clause)
                opening = _OPEN_RE.search(view, close + 1)
                continue
        opening = _OPEN_RE.search(view, index + 1)
    return found


def office_clauses(text: str) -> list[OfficeClause]:
    """Every place of `text` that names responsible offices, in order."""
    view = _view(text)
    found = _bracketed(view)
    taken = [(c.start, c.end) for c in found]
    for match in _SENTENCE_LABEL_RE.finditer(view):
        if any(start <= match.start() < end for start, end in taken):
            continue
        end = view.find("。", match.start())
        end = len(view) if end < 0 else end
        clause = _clause(match.start(), end, view[match.start(): end])
        if clause is not None:
            found.append(clause)
            taken.append((clause.start, clause.end))
    return sorted(found, key=lambda c: c.start)


def _sentence_start(view: str, end: int) -> int:
    """Where the sentence holding `end` starts: after a full stop or semicolon, or a bracket still open."""
    depth = 0
    for index in range(end - 1, -1, -1):
        char = view[index]
        if char in _CLOSE:
            depth += 1
        elif char in _OPEN:
            if depth == 0:
                return index + 1
            depth -= 1
        elif char in "。;" and depth == 0:
            return index + 1
    return 0


def common_offices(text: str) -> tuple[tuple[int, int], tuple[str, ...]] | None:
    """The span of a sentence giving every task the same offices, and those offices; None when there is none."""
    if "责任" not in text:
        return None
    # Each pattern is tried only where the text holds what every match of it holds: 均, 都 or 皆 after the label,
    # or 为 before 责任单位.
    common = "均" in text or "都" in text or "皆" in text
    after = "为" in text and "责任单位" in text
    if not (common or after):
        return None
    view = _view(text)
    found = [(match.span(), match.group("offices")) for match in _COMMON_RE.finditer(view)] if common else []
    for match in _COMMON_AFTER_RE.finditer(view) if after else ():
        start = _sentence_start(view, match.start())
        found.append(((start, match.end()), view[start: match.start()]))
    for span, offices in sorted(found):
        names = tuple(split_offices(offices))
        if names and all(is_complete_name(name) for name in names):
            return span, names
    return None
