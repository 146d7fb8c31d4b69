"""Names of responsible offices (责任单位): normalising and splitting lists.

Plans write the same office many ways — full-width brackets, traditional characters,
stray spaces — and list several offices in one cell, sometimes without any separator
("市民政局市发改委市财政局", flattened from PDF tables). Matching offices across plans,
workbooks and reports needs one spelling per office, so every name goes through
`normalize_office_name` before it is stored or compared.

A trailing "等相关部门" ("... and the other relevant departments") becomes its own
office "相关部门": the catch-all is a real addressee a coordinator may assign tasks to,
while the "等" is only a conjunction. A "等" closing a list ("市民政局、市财政局等")
is dropped.
"""

from __future__ import annotations

import re
import unicodedata

from planner.domain.char_swaps import WIDE_TO_ASCII, CharSwap
from planner.domain.safe_text import safe_text
from planner.domain.t2s import convert_t2s
from planner.domain.text_caches import text_cache

# Longest first, so that "委员会" wins over "会" and "人民政府" over "政府".
ORGAN_SUFFIXES: tuple[str, ...] = tuple(
    sorted(
        (
            "管理委员会", "人民政府", "委员会", "管委会", "办事处", "办公室", "政府", "中心", "公司",
            "集团", "支行", "分行", "银行", "大学", "学院", "学校", "医院", "支队", "大队", "总队",
            "党委", "党组", "工委", "团委", "部门", "单位",
            "局", "委", "办", "厅", "部", "院", "会", "联", "协", "署", "处", "室", "队", "所", "站", "馆",
            "台", "科", "股",
        ),
        key=len,
        reverse=True,
    )
)
LOCATION_SUFFIXES: tuple[str, ...] = ("街道", "区", "县", "市", "旗", "镇", "乡", "州", "盟")
_NAME_ENDS = (")", *ORGAN_SUFFIXES, *LOCATION_SUFFIXES)  # what a complete name ends with

# What a new office name starts with when several are run together without separators.
# Only tokens that cannot continue a name after an organ suffix are listed: "市" after
# "局" starts a new office, whereas "宣传部" after "市委" does not.
_NAME_STARTS: tuple[str, ...] = (
    "市", "省", "区", "县", "乡", "镇", "各", "团市委", "团区委", "团县委", "共青团", "中共", "国网",
    "国家", "人行", "中国人民银行",
)

_PLACE_NAME_CHARS = 4  # 中共邢台
_LEVEL_CHARS_RE = re.compile("[省市区县乡镇州旗盟]")

# A level word alone is half of a name such as "各区、县(市)政府", never an office.
_BARE_LEVEL_RE = re.compile(r"各?(?:区|县|市|乡|镇|街道|旗|县市区|县区|区县|市县|县市)")
_LEVEL_COMMA_RE = re.compile(r"(?<=[区县市乡镇旗])、(?=[区县市乡镇旗](?:[(、]|政府|人民政府|级|$|[区县市乡镇旗]))")
_SHORT_PARENS_RE = re.compile(r"\([^()]{0,12}\)")
_PINYIN_RE = re.compile(r"\((?:[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]+\s*)+\)")
_LABEL_RE = re.compile(r"\(?\s*(?:牵头|责任|配合|主办|协办|参与|承办)?单位\s*[:：]")
_ROLE_NOTE_RE = re.compile(r"\(\s*(?:牵头|配合|参与|协办|主办|负责|责任)[^()]{0,8}\)")
_DUTY_RE = re.compile(r"按职责分工负责|按职能分工负责|按职责分工|按职责负责|分工负责|分别负责|共同负责|负责|牵头|配合")
_CONJUNCTION_RE = re.compile(r"以及|及|和|与|等")
_HARD_SEPARATORS_RE = re.compile(r"[,;:、/|]")
_WORD_RE = re.compile(r"\w")
_BRACKETS = CharSwap({"〔": "(", "〕": ")", "【": "(", "】": ")", "[": "(", "]": ")", "｛": "(", "｝": ")"})
_EDGE_JUNK = " \t\r\n,;:、。.·•-—_*#\"'“”‘’"
# The organs a place has several of, written once after the place and then bare: "各县(市、区)党委和人民政府",
# "冀南新区党工委、管委会". A bare one is the place's, not an office of its own.
_PLACE_ORGANS = ("人民政府", "政府", "党委", "党工委", "管委会", "管理委员会", "人大常委会", "政协")
_NOT_OFFICES = frozenset({"", "等", "及", "和", "与", "以及", "各", "有关", "相关", "无", "暂无"})

_PROTECTED_COMMA = "\ue000"
_PROTECTED_COMMA_ASCII = "\ue001"

def to_simplified(text: str) -> str:
    """NFKC (full-width → half-width) and traditional → simplified, for matching and parsing."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    return _simplified(text)


@text_cache(maxsize=8192)
def _simplified(text: str) -> str:
    """Cached: the target rules read a text for its 其中 list and again for its figure."""
    # NFKC makes full-width ASCII half-width, as the swap does; most texts hold nothing else NFKC changes, which
    # is told at a fraction of the cost of normalising them (NFKC gives the same for the text and the swapped one).
    swapped = WIDE_TO_ASCII(text)
    text = swapped if unicodedata.is_normalized("NFKC", swapped) else unicodedata.normalize("NFKC", text)
    if not text.isprintable():
        # Lone surrogates (from broken clipboard data) cannot go through the C++ converter; they are not printable.
        text = text.encode("utf-8", "replace").decode("utf-8")
    text = convert_t2s(text)
    return _BRACKETS(text)


def _is_wrapped(name: str) -> bool:
    """Whether the first "(" closes at the last character, as in "(市民政局)"."""
    if not (name.startswith("(") and name.endswith(")")):
        return False
    depth = 0
    for index, char in enumerate(name):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and index < len(name) - 1:
            return False
    return depth == 0


def _strip_brackets(name: str) -> str:
    name = name.replace("()", "")
    while _is_wrapped(name):
        name = name[1:-1]
    # A cell cut out of "(责任单位:…)" keeps only one of the two brackets.
    excess = name.count("(") - name.count(")")
    start, end = 0, len(name)
    while excess > 0 and start < end and name[start] == "(":
        start, excess = start + 1, excess - 1
    while excess < 0 and end > start and name[end - 1] == ")":
        end, excess = end - 1, excess + 1
    return name[start:end]


@text_cache(maxsize=8192)
def normalize_office_name(name: str) -> str:
    """One spelling per office: half-width, simplified, no spaces, "(" ")" brackets.

    Cached: an import names the same few dozen offices on every one of its rows.
    Characters no text may hold (`planner.domain.safe_text`) go first: typed or collected
    names reach this function without the importer's cleaning.
    """
    text = to_simplified(safe_text(name) if isinstance(name, str) else name)
    # Each step can expose work for another ("(市民政局等)"), so repeat until nothing
    # changes; that also makes the function idempotent. The bound only matters for
    # pathological input.
    for _ in range(20):
        previous = text
        text = re.sub(r"\s+", "", _PINYIN_RE.sub("", to_simplified(text)))
        text = _strip_brackets(text.strip(_EDGE_JUNK))
        if len(text) > 1 and text.endswith("等"):
            text = text[:-1]
        if len(text) > 1 and text.startswith("等"):
            text = text[1:]
        if text == previous:
            break
    return text


def ends_with_suffix(name: str, suffixes: tuple[str, ...]) -> bool:
    return name.endswith(suffixes)


def is_complete_name(name: str) -> bool:
    """Whether `name` can stand alone as an office, so what follows it is another one."""
    if len(name) < 2 or _BARE_LEVEL_RE.fullmatch(name):
        return False
    return name.endswith(_NAME_ENDS)


def _is_place_name(piece: str) -> bool:
    """邢台, 烟台, 丰台 (before 市, 区, 县): a place whose name ends as a 电视台 does, not an office of its own."""
    return piece.endswith("台") and len(piece) <= _PLACE_NAME_CHARS and _LEVEL_CHARS_RE.search(piece) is None


def _split_run_together(text: str) -> list[str]:
    """Cut "市民政局市发改委市财政局" after each organ suffix that is followed by a name start."""
    parts: list[str] = []
    start = 0
    for end in range(start + 2, len(text)):
        if end - start < 2 or not text.startswith(_NAME_STARTS, end):
            continue
        if text.endswith(ORGAN_SUFFIXES, start, end) and not _is_place_name(text[start:end]):
            parts.append(text[start:end])
            start = end
    parts.append(text[start:])
    return parts


def _shared_suffix_head(left: str, right: str) -> str | None:
    """"衡水高新区" before "和滨湖新区管委会" is "衡水高新区管委会": the suffix is written once."""
    if len(left) < 2 or left[-1] not in "区县市镇乡旗":
        return None
    shared = next((s for s in ("管委会", "人民政府", "政府", "办事处") if right.endswith(s)), None)
    if shared and right[: -len(shared)][-1:] in tuple("区县市镇乡旗"):
        return left + shared
    return None


def _ends_an_office(left: str) -> bool:
    if ends_with_suffix(left, ORGAN_SUFFIXES):
        return len(left) >= 2
    # "城乡" and "城市" end in a level character but begin names like "市城乡和住房建设局".
    return is_complete_name(left) and not left.endswith(("城乡", "城市", "城镇"))


def _split_conjunctions(text: str) -> list[str]:
    """Split at 及/和/与/等 when they join two offices.

    "市自然资源和规划局" stays one office because "市自然资源" cannot stand alone.
    """
    parts: list[str] = []
    rest = text
    while True:
        for match in _CONJUNCTION_RE.finditer(rest):
            left, right = rest[: match.start()], rest[match.end() :]
            if not left or not right:
                continue
            head = _shared_suffix_head(left, right) or (left if _ends_an_office(left) else None)
            if head:
                parts.append(head)
                rest = right
                break
        else:
            parts.append(rest)
            return parts


def _join_soft_breaks(tokens: list[str]) -> list[str]:
    """Whitespace separates offices only after a complete name; "市 民政局" is one office."""
    joined: list[str] = []
    buffer = ""
    for token in tokens:
        buffer += token
        if is_complete_name(buffer):
            joined.append(buffer)
            buffer = ""
    if buffer:
        if joined and not is_complete_name(buffer) and len(buffer) < 2:
            joined[-1] += buffer
        else:
            joined.append(buffer)
    return joined


def _protect(text: str) -> str:
    def hide(match: re.Match[str]) -> str:
        return match.group(0).replace("、", _PROTECTED_COMMA).replace(",", _PROTECTED_COMMA_ASCII)

    if "(" in text:
        text = _SHORT_PARENS_RE.sub(hide, text)
    return _LEVEL_COMMA_RE.sub(_PROTECTED_COMMA, text) if "、" in text else text


def _restore(text: str) -> str:
    return text.replace(_PROTECTED_COMMA, "、").replace(_PROTECTED_COMMA_ASCII, ",")


@text_cache(maxsize=8192)
def _chunk_offices(chunk: str) -> tuple[str, ...]:
    """The offices, normalised, that one piece of a list between hard separators names, in order.

    Cached: the lists of a notice differ, the offices in them much less.
    """
    names = []
    for piece in _join_soft_breaks(chunk.split()):
        for part in _split_conjunctions(piece):
            for raw in _split_run_together(part):
                name = normalize_office_name(_restore(raw))
                if name not in _NOT_OFFICES and _WORD_RE.search(name):
                    names.append(name)
    return tuple(names)


def split_offices(text: str) -> list[str]:
    """The offices named in a responsible-unit cell, normalised, de-duplicated, in order."""
    cleaned = to_simplified(text)
    # Whatever follows a full stop is a note ("本实施意见重点工作责任单位均包括…"), not a list.
    cleaned = (_PINYIN_RE.sub("", cleaned) if "(" in cleaned else cleaned).split("。", 1)[0]
    # Each pattern is skipped where the text lacks what every match of it holds.
    if "单位" in cleaned:
        cleaned = _LABEL_RE.sub(",", cleaned)
    if "(" in cleaned:
        cleaned = _ROLE_NOTE_RE.sub(",", cleaned)
    cleaned = _DUTY_RE.sub(",", cleaned)
    cleaned = _protect(cleaned)
    names = _with_their_place([name for chunk in _HARD_SEPARATORS_RE.split(cleaned) for name in _chunk_offices(chunk)])
    return list(dict.fromkeys(names))


def _with_their_place(names: list[str]) -> list[str]:
    """A bare 人民政府 or 管委会 after "各县(市、区)党委" is "各县(市、区)人民政府"."""
    for index in range(1, len(names)):
        if names[index] not in _PLACE_ORGANS:
            continue
        before = names[index - 1]
        organ = next((organ for organ in _PLACE_ORGANS if before.endswith(organ) and len(before) > len(organ)), None)
        if organ is not None:
            names[index] = before[: -len(organ)] + names[index]
    return names
