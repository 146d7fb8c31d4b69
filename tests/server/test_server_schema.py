"""The server's own schema version and upgrade steps, as the SQLite file has its own."""

from __future__ import annotations

import pytest

from planner.domain.errors import DatabaseError, NewerSchemaError
from planner.store.server.schema import LATEST_VERSION
from planner.store.server.store import open_server_store


def test_a_new_database_is_at_the_latest_version_with_its_audit_rows(server_url):
    with open_server_store(server_url) as store:
        assert store.conn.execute("SELECT version FROM planner_schema").fetchone()[0] == LATEST_VERSION
        notes = [r[0] for r in store.conn.execute("SELECT note FROM audit WHERE action = 'upgrade' ORDER BY id")]
        assert notes == [f"schema {n} -> {n + 1}" for n in range(LATEST_VERSION)]


def test_an_older_database_is_upgraded_by_the_administrator_only(organisation):
    with organisation.open("coord") as coordinator:
        assert coordinator.kind == "coordinator"
    with open_server_store(organisation.admin_url) as admin:
        admin.conn.execute("DROP INDEX reports_current")
        admin.conn.execute("UPDATE planner_schema SET version = 1")
    with pytest.raises(DatabaseError, match="需要升级.*db init"):
        organisation.open("coord")
    with open_server_store(organisation.admin_url) as admin:
        assert admin.conn.execute("SELECT version FROM planner_schema").fetchone()[0] == LATEST_VERSION
        assert admin.conn.execute("SELECT to_regclass('reports_current')").fetchone()[0] is not None
    with organisation.open("coord") as coordinator:
        assert coordinator.kind == "coordinator"


def test_a_database_of_a_newer_program_is_refused_untouched(server_url):
    with open_server_store(server_url) as store:
        store.conn.execute("UPDATE planner_schema SET version = 99")
    with pytest.raises(NewerSchemaError, match="更新版本"):
        open_server_store(server_url)
