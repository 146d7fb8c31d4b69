"""An organisation's database on the throwaway server: set up by `db init`, the demo plans loaded by the
administrator, and one account of each kind."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import pytest

from planner.app.demo import load_demo
from planner.store.server.admin import add_account, init_database
from planner.store.server.store import ServerStore, open_server_store

OFFICE = "市民政局"  # responsible for every task of the Hengshui demo plan
OTHER_OFFICE = "市财政局"
PASSWORD = "填报密码-2021"

_numbers = itertools.count(1)


@dataclass(frozen=True)
class Organisation:
    cluster: object
    database: str
    admin_url: str

    def account(self, name: str) -> str:
        """Accounts are the server's, shared by its databases: each test's carry its database's name."""
        return f"{self.database}_{name}"

    def url(self, name: str) -> str:
        return self.cluster.tcp_url(self.database, self.account(name))  # type: ignore[attr-defined]

    def open(self, name: str, password: str = PASSWORD, **options) -> ServerStore:
        return open_server_store(self.url(name), password=password, **options)


@pytest.fixture
def organisation(pg_cluster) -> Organisation:
    database = f"org{next(_numbers)}"
    pg_cluster.sql(f"CREATE DATABASE {database}")
    url = pg_cluster.url(database)
    init_database(url)
    with open_server_store(url) as admin:
        load_demo(admin)
    add_account(url, f"{database}_mz", "office", PASSWORD, OFFICE)
    add_account(url, f"{database}_cz", "office", PASSWORD, OTHER_OFFICE)
    add_account(url, f"{database}_coord", "coordinator", PASSWORD)
    add_account(url, f"{database}_look", "reader", PASSWORD)
    return Organisation(pg_cluster, database, url)
