"""Pairs of offices that are probably one office written two ways, offered for merging (never merged unasked).

Two names are paired
- "spelling": equal once normalised (a row stored before its spelling was normalised);
- "prefix": one is the other with the level word dropped ("民政局" beside "市民政局");
- "collective": one is the other with a leading 各 ("各相关部门" beside "相关部门");
- "abbreviation": the shorter is made of the longer's characters, in order, with the same first character and
  an ending the longer's organ word starts with — how Chinese short names are formed ("市住房局" from
  "市住房城乡建设局", "市发改委" from "市发展改革委员会", "各区政府" from "各区、县(市)政府");
- "similar": nearly the same characters (Indel similarity ratio ≥ 90, `planner.domain.text_similarity`) with the
  same organ word at the end, and not two offices told apart only by a number ("第一医院", "第二医院").
The suggestion keeps the fuller name, or the one with more tasks and reports when both are as full.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from planner.domain.office_names import ORGAN_SUFFIXES, is_complete_name, normalize_office_name
from planner.domain.text_similarity import indel_ratio
from planner.store.office_changes import office_names, usage_counts

LEVEL_PREFIXES = ("市", "县", "区")
SIMILAR_RATIO = 90.0
MIN_ABBREVIATION = 3
NUMERALS_RE = re.compile(r"[0-9一二三四五六七八九十百零〇]+")
REASON_ORDER = ("spelling", "prefix", "collective", "abbreviation", "similar")


@dataclass(frozen=True)
class MergeSuggestion:
    kept_id: int
    kept_name: str
    merged_id: int
    merged_name: str
    reason: str  # one of REASON_ORDER


def organ_word(name: str) -> str:
    """The organ word a name ends with (局, 委员会, 政府…), or its last character when it has none."""
    return next((suffix for suffix in ORGAN_SUFFIXES if name.endswith(suffix)), name[-1:])


def is_abbreviation(short: str, full: str) -> bool:
    """Whether `short` is a short name of `full`: its characters in order, the first the same, and its ending the
    start of `full`'s organ word ("委" of "委员会") or the same last character."""
    if len(short) < MIN_ABBREVIATION or len(short) >= len(full) or short[0] != full[0]:
        return False
    if not (short[-1] == full[-1] or organ_word(full).startswith(short[-1])):
        return False
    rest = iter(full)
    return all(char in rest for char in short)


def looks_similar(a: str, b: str) -> bool:
    if min(len(a), len(b)) < 5 or organ_word(a) != organ_word(b):
        return False
    if NUMERALS_RE.sub("#", a) != a and NUMERALS_RE.sub("#", a) == NUMERALS_RE.sub("#", b):
        return False  # 第一医院 and 第二医院 are two hospitals
    return indel_ratio(a, b) >= SIMILAR_RATIO


def merge_suggestions(conn: sqlite3.Connection) -> list[MergeSuggestion]:
    names = office_names(conn)
    usage = usage_counts(conn)

    def weight(office_id: int) -> tuple[int, int]:
        used = usage.get(office_id)
        return (used.led + used.co + used.reports if used else 0, -office_id)

    found: list[MergeSuggestion] = []
    seen: set[frozenset[int]] = set()

    def suggest(a: int, b: int, reason: str, fuller: int | None = None) -> None:
        pair = frozenset((a, b))
        if a == b or pair in seen:
            return
        seen.add(pair)
        kept = fuller if fuller is not None else max((a, b), key=weight)
        merged = b if kept == a else a
        found.append(MergeSuggestion(kept, names[kept], merged, names[merged], reason))

    by_normal: dict[str, int] = {}
    for office_id, name in names.items():
        normal = normalize_office_name(name)
        if normal in by_normal:
            first = by_normal[normal]
            suggest(first, office_id, "spelling",
                    first if names[first] == normal else office_id if name == normal else None)
        else:
            by_normal[normal] = office_id
    for normal, office_id in by_normal.items():
        for prefix in LEVEL_PREFIXES:
            shorter = by_normal.get(normal[len(prefix):]) if normal.startswith(prefix) else None
            if shorter is not None and is_complete_name(normal[len(prefix):]):
                suggest(office_id, shorter, "prefix", office_id)
        single = by_normal.get(normal[1:]) if normal.startswith("各") else None
        if single is not None:
            suggest(office_id, single, "collective")
    _suggest_by_characters(by_normal, suggest)
    return sorted(found, key=lambda s: REASON_ORDER.index(s.reason))


def _suggest_by_characters(by_normal: dict[str, int], suggest) -> None:
    """Abbreviations and near-identical names, compared only within names of the same first character."""
    by_first: dict[str, list[str]] = {}
    for normal in by_normal:
        by_first.setdefault(normal[:1], []).append(normal)
    for group in by_first.values():
        group.sort(key=len)
        for i, short in enumerate(group):
            for full in group[i + 1:]:
                if is_abbreviation(short, full):
                    suggest(by_normal[full], by_normal[short], "abbreviation", by_normal[full])
                elif looks_similar(short, full):
                    suggest(by_normal[short], by_normal[full], "similar")
