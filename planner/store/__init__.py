"""Storage, the only place with SQL: the connection, schema and upgrades, the audited `Writer`
every change goes through, and the queries; an SQLite file by default, a PostgreSQL server
through `planner.store.server`. Imports only planner.system and planner.domain.
"""

from planner.store.connection import Actor, Store, open_store

__all__ = ["Actor", "Store", "open_store"]
