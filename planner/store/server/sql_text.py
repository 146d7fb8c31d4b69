"""The store's SQL (SQLite's `?` parameters) as psycopg takes it (`%s`), translated once per statement."""

from __future__ import annotations

import re
from functools import lru_cache

_INSERT_RE = re.compile(r"^\s*INSERT\s+INTO\s+(\w+)\b", re.IGNORECASE)
_TABLE_INFO_RE = re.compile(r"^\s*PRAGMA\s+table_info\((\w+)\)\s*$", re.IGNORECASE)


@lru_cache(maxsize=2048)
def server_sql(sql: str, with_parameters: bool) -> str:
    """`sql` with `?` outside string literals turned into `%s` and, when parameters are bound, every `%`
    doubled; a PRAGMA table_info becomes the same question to information_schema."""
    info = _TABLE_INFO_RE.match(sql)
    if info:
        return ("SELECT ordinal_position - 1, column_name::text FROM information_schema.columns"
                f" WHERE table_schema = current_schema() AND table_name = '{info[1]}' ORDER BY ordinal_position")
    if not with_parameters:
        return sql
    out: list[str] = []
    quote: str | None = None
    for char in sql:
        if char == "%":
            out.append("%%")
        elif quote is not None:
            out.append(char)
            if char == quote:
                quote = None
        elif char in "'\"":
            quote = char
            out.append(char)
        elif char == "?":
            out.append("%s")
        else:
            out.append(char)
    return "".join(out)


def inserted_table(sql: str) -> str | None:
    """The table a single-row INSERT … VALUES writes (it then returns the new id), else None."""
    match = _INSERT_RE.match(sql)
    if match is None or "RETURNING" in sql.upper() or "VALUES" not in sql.upper():
        return None
    return match[1]
