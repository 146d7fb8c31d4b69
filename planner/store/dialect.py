"""Which database a connection talks to, for the few queries that must be written twice."""

from __future__ import annotations

SERVER = "postgresql"


def is_server(conn: object) -> bool:
    """Whether `conn` is a PostgreSQL session (`planner.store.server.connection`), not an SQLite file."""
    return getattr(conn, "dialect", "sqlite") == SERVER
