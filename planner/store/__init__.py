"""SQLite storage: connection, schema upgrades, audited writes and queries."""

from planner.store.connection import Actor, Store, open_store

__all__ = ["Actor", "Store", "open_store"]
