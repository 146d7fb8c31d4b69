"""Pairs of offices that are probably one office written two ways, offered for merging.

Two names are paired when they are equal once normalised (a row stored before its
spelling was normalised) or when one is the other with the level word dropped
("民政局" beside "市民政局"). The suggestion keeps the fuller name, or the one
with more tasks and reports when both are as full.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from planner.domain.office_names import is_complete_name, normalize_office_name
from planner.store.office_changes import office_names, usage_counts

LEVEL_PREFIXES = ("市", "县", "区")


@dataclass(frozen=True)
class MergeSuggestion:
    kept_id: int
    kept_name: str
    merged_id: int
    merged_name: str
    reason: str  # "spelling": equal once normalised; "prefix": one lacks the 市/县/区 in front


def merge_suggestions(conn: sqlite3.Connection) -> list[MergeSuggestion]:
    names = office_names(conn)
    usage = usage_counts(conn)

    def weight(office_id: int) -> tuple[int, int]:
        used = usage.get(office_id)
        return (used.led + used.co + used.reports if used else 0, -office_id)

    def suggestion(a: int, b: int, reason: str, fuller: int | None = None) -> MergeSuggestion:
        kept = fuller if fuller is not None else max((a, b), key=weight)
        merged = b if kept == a else a
        return MergeSuggestion(kept, names[kept], merged, names[merged], reason)

    found: list[MergeSuggestion] = []
    seen: set[frozenset[int]] = set()
    by_normal: dict[str, int] = {}
    for office_id, name in names.items():
        normal = normalize_office_name(name)
        if normal in by_normal:
            first = by_normal[normal]
            fuller = first if names[first] == normal else office_id if name == normal else None
            found.append(suggestion(first, office_id, "spelling", fuller))
            seen.add(frozenset((first, office_id)))
        else:
            by_normal[normal] = office_id
    for normal, office_id in by_normal.items():
        for prefix in LEVEL_PREFIXES:
            shorter = by_normal.get(normal[len(prefix):]) if normal.startswith(prefix) else None
            if shorter is None or not is_complete_name(normal[len(prefix):]):
                continue
            pair = frozenset((office_id, shorter))
            if pair not in seen:
                seen.add(pair)
                found.append(suggestion(office_id, shorter, "prefix", office_id))
    return found
