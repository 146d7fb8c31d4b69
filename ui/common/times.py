"""Times as the clerk reads them: `2026-12-07 10:23`, from the ISO text the database keeps."""

from __future__ import annotations

from datetime import datetime


def shown_time(stored: str) -> str:
    """`2026-12-07T10:23:30` (or with a space, or with fractions) as `2026-12-07 10:23`; other text as it is."""
    try:
        moment = datetime.fromisoformat(stored.strip())
    except ValueError:
        return stored
    return moment.strftime("%Y-%m-%d %H:%M")
