"""The store on a shared PostgreSQL server (`--db postgresql://…`), beside the single-PC SQLite file.

psycopg is imported only when a server is opened, so the single-PC install neither needs it nor pays
for it at start-up. `connection` makes a psycopg connection speak the part of `sqlite3.Connection`
the store's queries use; `schema` holds the server's DDL and upgrade steps; `access` its roles,
row-level security and accounts; `store` opens it, with LISTEN/NOTIFY for other windows' changes.
"""
