"""Offices are shared by all plans; one normalised name is one row."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from planner.domain.errors import NotFoundError
from planner.domain.office_kinds import infer_office_kind
from planner.domain.office_names import normalize_office_name
from planner.store.audit import Writer


def ensure_offices(writer: Writer, names: Iterable[str]) -> dict[str, int]:
    """Ids for the given office names, creating the ones that do not exist yet.

    The returned mapping is keyed by the normalised name. A new office's kind is guessed from its name
    ("巴彦县" a county-level government, "红旗镇" a township, a bureau a department).
    """
    wanted = list(dict.fromkeys(normalize_office_name(n) for n in names if n and n.strip()))
    found = office_ids(writer.conn, wanted)
    for name in wanted:
        if name not in found:
            found[name] = writer.insert("offices", {"name": name, "kind": infer_office_kind(name)})
    return found


def office_ids(conn: sqlite3.Connection, names: Iterable[str]) -> dict[str, int]:
    names = list(names)
    found: dict[str, int] = {}
    for start in range(0, len(names), 500):
        chunk = names[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        for row in conn.execute(f"SELECT id, name FROM offices WHERE name IN ({marks})", chunk):
            found[row["name"]] = row["id"]
    return found


def office_id(conn: sqlite3.Connection, name: str) -> int:
    normalised = normalize_office_name(name)
    found = office_ids(conn, [normalised])
    if normalised not in found:
        raise NotFoundError(f"没有名为“{name}”的单位。")
    return found[normalised]
