"""Encrypted connections: a server set up to admit TCP connections over TLS only (as the README's
server set-up has it) is reached with the dialog's 要求加密连接 and the session is encrypted; a
connection that asks for TLS from a server without it is refused with a message, not sent in clear."""

from __future__ import annotations

import pytest

from planner.domain.errors import DatabaseError
from planner.store.server.admin import add_account, init_database
from planner.store.server.store import open_server_store
from tests.pg_server import Cluster
from tests.server_organisation import PASSWORD
from tests.test_cli import run_main

ACCOUNT = "tls_coord"


@pytest.fixture(scope="module")
def tls_cluster():
    try:
        cluster = Cluster().start(tls_only=True)
    except RuntimeError as exc:
        pytest.fail(f"cannot start a PostgreSQL server with TLS: {exc}", pytrace=False)
    cluster.sql("CREATE DATABASE planner")
    init_database(cluster.url("planner"))
    add_account(cluster.url("planner"), ACCOUNT, "coordinator", PASSWORD)
    yield cluster
    cluster.stop()


def encrypted(store) -> bool:
    return store.conn.execute("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").fetchone()[0]


def test_a_connection_that_requires_tls_is_encrypted(tls_cluster):
    with open_server_store(tls_cluster.tcp_url("planner", ACCOUNT) + "?sslmode=require", password=PASSWORD,
                           listen=False) as store:
        assert encrypted(store)
        assert store.account == ACCOUNT


def test_a_server_for_tls_only_refuses_a_connection_in_clear(tls_cluster):
    with pytest.raises(DatabaseError) as refused:
        open_server_store(tls_cluster.tcp_url("planner", ACCOUNT) + "?sslmode=disable", password=PASSWORD,
                          listen=False)
    assert "只接受加密连接" in str(refused.value) and "127.0.0.1" in str(refused.value)


def test_requiring_tls_of_a_server_without_it_is_refused_on_the_command_line(organisation):
    url = organisation.url("coord") + "?sslmode=require"
    with pytest.raises(DatabaseError) as refused:
        open_server_store(url, password=PASSWORD, listen=False)
    assert "服务器不支持加密连接" in str(refused.value)
    listed = run_main("--db", url, "dump", env={"PGPASSWORD": PASSWORD})
    assert listed.returncode == 1
    assert "服务器不支持加密连接" in listed.stderr and "Traceback" not in listed.stderr
